#include "command_options.hpp"

#include <iostream>

#include "rackscale/core/error.hpp"

namespace rackscale::cli {

void add_scenario_options(CLI::App& cmd, std::string& scenario, std::string& out_dir) {
  cmd.add_option("scenario", scenario, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd.add_option("-o,--out", out_dir, "Output folder (default: out/<scenario name>)");
}

void add_monte_carlo_options(CLI::App& cmd, MonteCarloOptions& mc, const std::string& runs_help) {
  cmd.add_option("--runs", mc.runs, runs_help)->check(CLI::Range(1, 1'000'000));
  cmd.add_option("--seed", mc.seed, "Random seed (default: the scenario's simulation.seed)")
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--threads", mc.threads,
                 "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
}

void add_quiet_flag(CLI::App& cmd, bool& quiet) {
  cmd.add_flag("-q,--quiet", quiet, "Print only the list of files written");
}

std::vector<std::string> write_outputs(const io::OutputFiles& files, const std::string& out_dir,
                                       const std::string& scenario_name) {
  return files.write(out_dir.empty() ? "out/" + scenario_name : out_dir);
}

void print_written(const std::vector<std::string>& written) {
  std::cout << "wrote";
  for (const auto& w : written) std::cout << " " << w;
  std::cout << "\n";
}

std::vector<design::SiteDesign> design_sites(const io::LoadedScenario& loaded) {
  try {
    return design::design_sites(loaded.scenario, loaded.catalog);
  } catch (const InputError& e) {
    throw e.with_sources(loaded.sources);
  }
}

}  // namespace rackscale::cli
