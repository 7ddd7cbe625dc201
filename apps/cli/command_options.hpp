#pragma once
// Options and output steps shared by the subcommands that read a scenario and write files
// (design, plan, reliability), so that each is spelled, checked and explained once.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/io/output_files.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace rackscale::cli {

//! Adds the positional `scenario` (an existing file) and `-o,--out` (the output folder).
void add_scenario_options(CLI::App& cmd, std::string& scenario, std::string& out_dir);

//! Monte Carlo options of the command line; a negative value leaves the scenario's choice.
struct MonteCarloOptions {
  int runs = -1;
  long long seed = -1;
  int threads = 0;  //!< 0: all cores
};

//! Adds `--runs` (explained by `runs_help`), `--seed` and `--threads`.
void add_monte_carlo_options(CLI::App& cmd, MonteCarloOptions& mc, const std::string& runs_help);

//! Adds `-q,--quiet`: print only the list of files written.
void add_quiet_flag(CLI::App& cmd, bool& quiet);

//! Writes `files` to `out_dir`, or to out/<scenario name> when it is empty; returns the paths.
std::vector<std::string> write_outputs(const io::OutputFiles& files, const std::string& out_dir,
                                       const std::string& scenario_name);

//! Designs every site of the loaded scenario; a design error is shown with the scenario's lines.
std::vector<design::SiteDesign> design_sites(const io::LoadedScenario& loaded);

//! Prints "wrote <path> <path> ..." on stdout.
void print_written(const std::vector<std::string>& written);

}  // namespace rackscale::cli
