#pragma once
// The rackscale subcommands: each registers itself on the CLI11 app and runs when chosen.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace rackscale::cli {

//! Exit codes: 0 success, 1 runtime failure, 2 bad input.
enum ExitCode : int { kOk = 0, kRuntimeError = 1, kInputError = 2 };

//! A registered subcommand: what to run once the command line has been parsed, given the whole
//! command line (argv) for the manifest of the files it writes.
using Runner = std::function<int(const std::vector<std::string>& command_line)>;

Runner add_validate_command(CLI::App& app);
Runner add_catalog_command(CLI::App& app);
Runner add_design_command(CLI::App& app);
Runner add_plan_command(CLI::App& app);
Runner add_reliability_command(CLI::App& app);
Runner add_compare_command(CLI::App& app);
Runner add_sweep_command(CLI::App& app);
Runner add_optimize_command(CLI::App& app);
//! `serve`: built when cpp-httplib is found (RACKSCALE_SERVE, apps/serve/).
Runner add_serve_command(CLI::App& app);

}  // namespace rackscale::cli
