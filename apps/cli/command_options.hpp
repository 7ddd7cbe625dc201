#pragma once
// Options and output steps shared by the subcommands that read a scenario and write files
// (design, plan, reliability), so that each is spelled, checked and explained once.

#include <CLI/CLI.hpp>

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
  io::InputLimits limits;  //!< `--max-input-size`
};

//! Adds the positional `scenario` (an existing file), `--set` (repeatable), `-o,--out` (the
//! output folder), `-q,--quiet` and `--max-input-size`.
void add_scenario_options(CLI::App& cmd, ScenarioOptions& options);
//! Adds `--set PATH=VALUE` (repeatable).
void add_set_option(CLI::App& cmd, std::vector<std::string>& overrides);
//! Adds `--max-input-size SIZE`: the largest scenario, catalog or weather file read.
void add_input_size_option(CLI::App& cmd, io::InputLimits& limits);

//! Monte Carlo options of the command line; a negative value leaves the scenario's choice.
struct MonteCarloOptions {
  int runs = -1;
  long long seed = -1;
  int threads = 0;  //!< 0: all cores
};

//! Adds `--runs` (explained by `runs_help`), `--seed` and `--threads`.
void add_monte_carlo_options(CLI::App& cmd, MonteCarloOptions& mc, const std::string& runs_help);
//! The library's run options for these command-line options.
RunOptions run_options(const MonteCarloOptions& mc);

//! Loads the scenario with its overrides (throws InputError).
Study load_study(const ScenarioOptions& options);

//! Writes `files` to the output folder (out/<scenario name> when none was given); returns the
//! paths written.
std::vector<std::string> write_outputs(const report::OutputFiles& files,
                                       const ScenarioOptions& options,
                                       const std::string& scenario_name);
//! Prints "wrote <path> <path> ..." on stdout.
void print_written(const std::vector<std::string>& written);

//! True if `stream` (stdout or stderr) is a terminal.
bool is_terminal(std::FILE* stream);

}  // namespace rackscale::cli
