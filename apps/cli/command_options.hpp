#pragma once
// Options and output steps shared by the subcommands that read a scenario and write files
// (design, plan, reliability), so that each is spelled, checked and explained once.

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/report/output_files.hpp"
#include "rackscale/study/study.hpp"

namespace rackscale::cli {

//! The scenario a command reads, its overrides and where its files go.
struct ScenarioOptions {
  std::string scenario;
  std::vector<std::string> overrides;  //!< `--set PATH=VALUE`, in order
  std::string out_dir;
  bool quiet = false;
  bool strict = false;     //!< `--strict`: warnings are errors
  io::InputLimits limits;  //!< `--max-input-size`
};

//! Adds the positional `scenario` (an existing file), `--set` (repeatable), `-o,--out` (the
//! output folder), `-q,--quiet`, `--strict` and `--max-input-size`.
void add_scenario_options(CLI::App& cmd, ScenarioOptions& options);
//! Adds `--set PATH=VALUE` (repeatable).
void add_set_option(CLI::App& cmd, std::vector<std::string>& overrides);
//! Adds `--strict` (warnings are errors, exit 2).
void add_strict_option(CLI::App& cmd, bool& strict);
//! Adds `--max-input-size SIZE`: the largest scenario, catalog or weather file read.
void add_input_size_option(CLI::App& cmd, io::InputLimits& limits);

//! Loads and checks a scenario as every command does (Study::check) and prints its warnings to
//! stderr, or with `strict` records them as errors; nullopt if there is any error (in `diag`).
//! `threads` design the sites (the command's `--threads`; 0: all cores).
std::optional<Study> check_study(const io::ScenarioSource& source, bool strict, Diagnostics& diag,
                                 int threads = 0);

//! Monte Carlo options of the command line; a negative or empty value leaves the scenario's
//! choice.
struct MonteCarloOptions {
  int runs = -1;
  std::string seed;  //!< a decimal integer in 0..2^64-1, checked by the option
  int threads = 0;   //!< 0: all cores
};

//! Adds `--runs` (explained by `runs_help`), `--seed` and `--threads`.
void add_monte_carlo_options(CLI::App& cmd, MonteCarloOptions& mc, const std::string& runs_help);
//! The library's run options for these command-line options.
RunOptions run_options(const MonteCarloOptions& mc);

//! Loads the scenario with its overrides as check_study does; throws InputError if it has
//! errors. `threads` design the sites (the command's `--threads`; 0: all cores).
Study load_study(const ScenarioOptions& options, int threads = 0);

//! The decimal integer `text` if it is one in 0..2^64-1 (no sign, no other base).
std::optional<std::uint64_t> parse_seed(const std::string& text);

//! The output folder, checked and locked before the run (throws rackscale::Error): the one given
//! with -o, else out/<slug of the scenario name> (report/file_slug.hpp).
report::OutputFolder open_output_folder(const ScenarioOptions& options,
                                        const std::string& scenario_name);
//! Prints "wrote <path> <path> ..." on stdout.
void print_written(const std::vector<std::string>& written);

//! True if `stream` (stdout or stderr) is a terminal.
bool is_terminal(std::FILE* stream);

}  // namespace rackscale::cli
