// rackscale plan SCENARIO [-o DIR] [--set PATH=VALUE]... [--runs N] [--seed S] [--threads T]
// [--attribution-runs N]: the site design plus the build-out Monte Carlo, its counterfactual
// attribution and the fleet reliability, written as files (design outputs, timeline.csv,
// factories.csv, milestones.csv, contracts.csv, attribution.csv, summary.md, report.html) with
// a short table of the key answers.

#include <fmt/format.h>

#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/analysis/progress_bar.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace rackscale::cli {
namespace {

struct PlanOptions {
  ScenarioOptions scenario;
  MonteCarloOptions mc;
  bool json = false;
  int attribution_runs = -1;  //!< -1: the default (analysis::kDefaultAttributionRuns)
};

}  // namespace

Runner add_plan_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "plan",
      "Design every site and simulate the build-out (Monte Carlo): when capacity comes "
      "online and what holds it back");
  auto opt = std::make_shared<PlanOptions>();
  add_scenario_options(*cmd, opt->scenario);
  add_monte_carlo_options(*cmd, opt->mc,
                          "Monte Carlo runs (default: the scenario's simulation.runs)");
  cmd->add_option("--attribution-runs", opt->attribution_runs,
                  fmt::format("Runs per relaxed constraint for the counterfactual attribution "
                              "(default: {}, at most --runs; 0: none)",
                              analysis::kDefaultAttributionRuns))
      ->check(CLI::Range(0, 1'000'000));
  cmd->add_flag("--json", opt->json, "Print the key answers as JSON instead of a table");

  return [opt](const std::vector<std::string>& command_line) {
    const Study study = load_study(opt->scenario, opt->mc.threads);
    const report::OutputFolder folder = open_output_folder(opt->scenario, study.scenario().name);
    RunOptions options = run_options(opt->mc);
    if (opt->attribution_runs >= 0) options.attribution_runs = opt->attribution_runs;
    analysis::ProgressBar bar(std::cerr, !opt->scenario.quiet && !opt->json && is_terminal(stderr));
    options.progress = bar.callback();
    const PlanResult result = study.plan(options);
    bar.finish();
    const auto written = folder.publish(plan_outputs(result, study.scenario(), command_line));
    if (opt->json) {
      std::cout << plan_json_text(result, study.scenario());
      return static_cast<int>(kOk);
    }
    if (!opt->scenario.quiet) {
      std::cout << plan_terminal_text(result, study.scenario(), is_terminal(stdout));
    }
    print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
