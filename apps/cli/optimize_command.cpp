// rackscale optimize SCENARIO [-o DIR] [--set PATH=VALUE]... [--time-limit S] [--top K]
// [--runs N] [--seed S] [--threads T] [--objective O]: chooses where to build from the
// scenario's `candidates:` (docs/optimize.md), checks the top plans with the build-out Monte
// Carlo, and writes portfolio.csv, portfolio_racks.csv, decision.md and optimize.html.

#include <fmt/format.h>

#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "contract_command.hpp"
#include "rackscale/optimize/optimize_run.hpp"
#include "rackscale/report/manifest.hpp"
#include "rackscale/report/optimize_report.hpp"

namespace rackscale::cli {
namespace {

//! Exit code of an infeasible problem: the input is valid, but no plan meets its constraints.
constexpr int kInfeasible = 3;

struct OptimizeOptions {
  ScenarioOptions scenario;
  MonteCarloOptions mc;
  double time_limit = 0.0;     //!< 0: the scenario's optimize.time_limit
  int node_limit = -1;         //!< -1: the scenario's optimize.node_limit
  int top = 0;                 //!< 0: the scenario's optimize.top_plans
  std::string objective;       //!< empty: the scenario's optimize.objective
  ContractSearchCli contract;  //!< `--contract NAME`: the contract search instead
};

//! The scenario's overrides plus `--objective` as an override of optimize.objective.
std::vector<std::string> overrides(const OptimizeOptions& opt) {
  std::vector<std::string> out = opt.scenario.overrides;
  if (!opt.objective.empty()) out.push_back("optimize.objective=" + opt.objective);
  return out;
}

optimize::OptimizeRunOptions run_options_of(const OptimizeOptions& opt, const Study& study) {
  optimize::OptimizeRunOptions run;
  const RunOptions mc = run_options(opt.mc);
  run.runs = mc.runs.value_or(study.scenario().simulation.runs);
  run.seed = mc.seed.value_or(study.scenario().simulation.seed);
  run.threads = mc.threads;
  if (opt.time_limit > 0) run.time_limit_seconds = opt.time_limit;
  if (opt.node_limit >= 0) run.node_limit = opt.node_limit;
  if (opt.top > 0) run.top_plans = opt.top;
  return run;
}

report::OutputFiles outputs(const optimize::OptimizeResult& result, const Study& study,
                            const std::vector<std::string>& command_line) {
  report::OutputFiles files;
  files.add("portfolio.csv", report::portfolio_csv(result));
  files.add("portfolio_racks.csv", report::portfolio_racks_csv(result));
  files.add("decision.md", report::decision_markdown(result, study.scenario()));
  files.add("optimize.html", report::optimize_html(result, study.scenario()));
  const RunStamp stamp{RACKSCALE_VERSION, result.seed, study.input_hash(), study.scenario().name};
  report::add_manifest(files, {stamp, result.runs, command_line});
  return files;
}

}  // namespace

Runner add_optimize_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "optimize",
      "Choose which candidate sites to develop, when, and how many racks each receives "
      "(MILP, COIN-OR CBC), then check the best plans with the build-out Monte Carlo");
  auto opt = std::make_shared<OptimizeOptions>();
  add_scenario_options(*cmd, opt->scenario);
  add_monte_carlo_options(*cmd, opt->mc,
                          "Monte Carlo runs per plan (default: the scenario's simulation.runs)");
  cmd->add_option("--time-limit", opt->time_limit,
                  "Solver time limit per plan [s] (default: optimize.time_limit, 10 s)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--node-limit", opt->node_limit,
                  "Solver branch-and-bound nodes per plan, 0 for none; reached the same way on "
                  "every machine (default: optimize.node_limit, 0)")
      ->check(CLI::Range(0, 1'000'000'000));
  cmd->add_option("--top", opt->top,
                  "Distinct plans the Monte Carlo checks (default: optimize.top_plans, 5)")
      ->check(CLI::Range(1, 50));
  cmd->add_option("--objective", opt->objective,
                  "gpu_weeks, least_cost or npv (default: optimize.objective, gpu_weeks)")
      ->check(CLI::IsMember({"gpu_weeks", "least_cost", "npv"}));
  add_contract_search_options(*cmd, opt->contract);

  return [opt](const std::vector<std::string>& command_line) {
    if (!opt->contract.contract.empty()) {
      return run_contract_search(opt->scenario, opt->mc, opt->contract, command_line);
    }
    ScenarioOptions scenario = opt->scenario;
    scenario.overrides = overrides(*opt);
    const Study study = load_study(scenario, opt->mc.threads);
    const report::OutputFolder folder = open_output_folder(scenario, study.scenario().name);
    optimize::OptimizeResult result;
    try {
      result = optimize::run_optimize(study.scenario(), study.catalog(), study.candidate_designs(),
                                      run_options_of(*opt, study));
    } catch (const optimize::InfeasibleError& e) {
      std::cerr << "rackscale: " << e.what() << "\n";
      return kInfeasible;
    }
    report::OutputFiles files = outputs(result, study, command_line);
    const auto written = folder.publish(files);
    if (!opt->scenario.quiet) {
      std::cout << report::decision_markdown(result, study.scenario());
    }
    print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
