#include "command_options.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

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
  cmd.add_option("-o,--out", options.out_dir, "Output folder (default: out/<scenario name>)");
  cmd.add_flag("-q,--quiet", options.quiet, "Print only the list of files written");
  add_input_size_option(cmd, options.limits);
}

void add_monte_carlo_options(CLI::App& cmd, MonteCarloOptions& mc, const std::string& runs_help) {
  cmd.add_option("--runs", mc.runs, runs_help)->check(CLI::Range(1, 1'000'000));
  cmd.add_option("--seed", mc.seed, "Random seed (default: the scenario's simulation.seed)")
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--threads", mc.threads,
                 "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
}

RunOptions run_options(const MonteCarloOptions& mc) {
  RunOptions options;
  if (mc.runs > 0) options.runs = mc.runs;
  if (mc.seed >= 0) options.seed = static_cast<std::uint64_t>(mc.seed);
  options.threads = mc.threads;
  return options;
}

Study load_study(const ScenarioOptions& options) {
  return Study::load(
      io::ScenarioSource{options.scenario, std::nullopt, options.overrides, options.limits});
}

std::vector<std::string> write_outputs(const report::OutputFiles& files,
                                       const ScenarioOptions& options,
                                       const std::string& scenario_name) {
  return files.write(options.out_dir.empty() ? "out/" + scenario_name : options.out_dir);
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
