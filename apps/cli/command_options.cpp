#include "command_options.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <iostream>

#include "rackscale/core/error.hpp"
#include "rackscale/report/file_slug.hpp"

namespace rackscale::cli {

void add_set_option(CLI::App& cmd, std::vector<std::string>& overrides) {
  cmd.add_option("--set", overrides,
                 "Override a scenario value, e.g. --set 'sites[abilene-tx].grid[1].capacity=300 "
                 "MW' (repeatable; the value is read as in the YAML)")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
}

void add_input_size_option(CLI::App& cmd, io::InputLimits& limits) {
  cmd.add_option_function<std::string>(
         "--max-input-size",
         [&limits](const std::string& text) {
           const std::optional<std::uintmax_t> bytes = io::parse_byte_size(text);
           if (!bytes || *bytes == 0) {
             throw CLI::ValidationError("--max-input-size",
                                        "expected a size such as 64MiB or 100000000, got " + text);
           }
           limits.max_file_bytes = *bytes;
         },
         "Largest scenario, catalog or weather file read (default: " +
             io::format_byte_size(io::kDefaultMaxInputBytes) + "), e.g. 64MiB")
      ->type_name("SIZE");
}

void add_scenario_options(CLI::App& cmd, ScenarioOptions& options) {
  cmd.add_option("scenario", options.scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  add_set_option(cmd, options.overrides);
  cmd.add_option("-o,--out", options.out_dir,
                 "Output folder: new, empty, or an earlier rackscale output, replaced whole "
                 "(default: out/<scenario name as a file-name slug>)");
  cmd.add_flag("-q,--quiet", options.quiet, "Print only the list of files written");
  add_strict_option(cmd, options.strict);
  add_input_size_option(cmd, options.limits);
}

void add_strict_option(CLI::App& cmd, bool& strict) {
  cmd.add_flag("--strict", strict, "Treat warnings as errors (exit 2)");
}

std::optional<Study> check_study(const io::ScenarioSource& source, bool strict, Diagnostics& diag,
                                 int threads) {
  std::optional<Study> study = Study::check(source, diag, threads);
  if (strict) diag.promote_warnings();
  std::cerr << diag.render_warnings();
  if (!diag.empty()) return std::nullopt;
  return study;
}

void add_monte_carlo_options(CLI::App& cmd, MonteCarloOptions& mc, const std::string& runs_help) {
  cmd.add_option("--runs", mc.runs, runs_help)->check(CLI::Range(1, 1'000'000));
  cmd.add_option("--seed", mc.seed, "Random seed (default: the scenario's simulation.seed)")
      ->type_name("UINT64")
      ->check(CLI::Validator(
          [](std::string& text) {
            return parse_seed(text) ? std::string()
                                    : "must be an integer in 0..18446744073709551615, got " + text;
          },
          "", "seed"));
  cmd.add_option("--threads", mc.threads,
                 "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
}

RunOptions run_options(const MonteCarloOptions& mc) {
  RunOptions options;
  if (mc.runs > 0) options.runs = mc.runs;
  if (!mc.seed.empty()) options.seed = parse_seed(mc.seed);
  options.threads = mc.threads;
  return options;
}

Study load_study(const ScenarioOptions& options, int threads) {
  Diagnostics diag;
  std::optional<Study> study = check_study(
      io::ScenarioSource{options.scenario, std::nullopt, options.overrides, options.limits},
      options.strict, diag, threads);
  diag.throw_if_any();
  return std::move(*study);
}

std::optional<std::uint64_t> parse_seed(const std::string& text) {
  std::uint64_t seed = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, seed);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  return seed;
}

report::OutputFolder open_output_folder(const ScenarioOptions& options,
                                        const std::string& scenario_name) {
  return report::OutputFolder(options.out_dir.empty()
                                  ? "out/" + report::file_slug(scenario_name, "scenario")
                                  : options.out_dir);
}

void print_written(const std::vector<std::string>& written) {
  std::cout << "wrote";
  for (const auto& w : written) std::cout << " " << w;
  std::cout << "\n";
}

bool is_terminal(std::FILE* stream) {
  return isatty(fileno(stream)) != 0;
}

}  // namespace rackscale::cli
