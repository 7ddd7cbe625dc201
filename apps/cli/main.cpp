// rackscale: a thin shell over librackscale. Parses the command line, runs one subcommand,
// and maps exceptions to exit codes (0 success, 1 runtime failure, 2 bad input).

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include <malloc.h>  // mallopt (glibc)

#include "commands.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/error.hpp"

namespace {

// Keeps freed heap memory in the process. Every Monte Carlo replication allocates its results
// and state (about 1 MB for a 50-site plan) and frees them at its end; with glibc's defaults
// the heap top goes back to the kernel after each run and is faulted in again by the next
// (measured on examples/national.yaml: about a third of the CPU time of a run).
void keep_freed_memory() {
  constexpr int kTrimBytes = 256 << 20;   // free heap top kept before trimming [bytes]
  constexpr int kMmapBytes = 32 << 20;    // glibc's largest mmap threshold on 64 bits [bytes]
  constexpr int kTopPadBytes = 64 << 20;  // extra heap requested with each growth [bytes]
  mallopt(M_TRIM_THRESHOLD, kTrimBytes);
  mallopt(M_MMAP_THRESHOLD, kMmapBytes);
  mallopt(M_TOP_PAD, kTopPadBytes);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rackscale::cli;
  keep_freed_memory();
  CLI::App app{"rackscale: plan and simulate AI data-center build-outs"};
  app.name("rackscale");
  app.set_version_flag("--version", std::string("rackscale ") + RACKSCALE_VERSION);
  app.require_subcommand(1);
  app.footer(R"(Examples:
  rackscale plan examples/flagship.yaml -o out       design + build-out Monte Carlo + report
  rackscale reliability examples/flagship.yaml      failures, spares, checkpoints, goodput
  rackscale sweep examples/studies/sweep-flagship.yaml   what-if study: inputs ranked by effect
  rackscale validate examples/flagship.yaml          check a scenario, print what it holds
  rackscale design examples/flagship.yaml -o out     design every site, write design.json etc.
  rackscale compare out/a out/b -o out/a-vs-b        two plans side by side, with the differences
  rackscale catalog list --kind rack_system          list rack systems in the catalog
  rackscale catalog show GB300-NVL72                 every figure of an entry, with sources

Exit codes: 0 success, 1 runtime failure, 2 bad input.)");

  std::vector<std::pair<CLI::App*, Runner>> commands;
  // In the order of --help: the main job first.
  using Adder = Runner (*)(CLI::App&);
  for (auto [name, add] : {std::pair<const char*, Adder>{"plan", add_plan_command},
                           {"design", add_design_command},
                           {"reliability", add_reliability_command},
                           {"compare", add_compare_command},
                           {"sweep", add_sweep_command},
                           {"optimize", add_optimize_command},
                           {"validate", add_validate_command},
                           {"catalog", add_catalog_command}}) {
    Runner run = add(app);
    commands.emplace_back(app.get_subcommand(name), run);
  }
#ifdef RACKSCALE_SERVE
  commands.emplace_back(nullptr, add_serve_command(app));
  commands.back().first = app.get_subcommand("serve");
#endif

  // An unknown command word gets a clear message (CLI11 would only say one is required).
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (auto& [sub, run] : commands) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::string hint = rackscale::did_you_mean(argv[1], names);
      std::cerr << fmt::format(
          "rackscale: unknown command \"{}\"{}\nRun `rackscale --help` for the commands.\n",
          argv[1], hint.empty() ? "" : "; " + hint);
      return kInputError;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kOk : kInputError;
  }
  const std::vector<std::string> command_line(argv, argv + argc);
  try {
    for (auto& [sub, run] : commands) {
      if (sub->parsed()) return run(command_line);
    }
  } catch (const rackscale::InputError& e) {
    std::cerr << e.what();
    return kInputError;
  } catch (const std::exception& e) {
    std::cerr << "rackscale: error: " << e.what() << "\n";
    return kRuntimeError;
  }
  return kOk;
}
