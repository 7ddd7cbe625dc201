// rackscale reliability SCENARIO [--set PATH=VALUE]... [--runs N] [--seed S] [--threads T]
// [-o DIR]: fleet failures, repairs, spares and training goodput (Monte Carlo) for the jobs of
// the scenario's `reliability:` section, written as reliability.csv and reliability.json with a
// table per job.

#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/analysis/progress_bar.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace rackscale::cli {
namespace {

struct ReliabilityCliOptions {
  ScenarioOptions scenario;
  MonteCarloOptions mc;
};

}  // namespace

Runner add_reliability_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("reliability",
                         "Simulate fleet failures, repairs and spares: interruptions, MTBF, "
                         "availability and goodput of the scenario's training jobs (Monte Carlo)");
  auto opt = std::make_shared<ReliabilityCliOptions>();
  add_scenario_options(*cmd, opt->scenario);
  add_monte_carlo_options(
      *cmd, opt->mc,
      "Monte Carlo runs (default: reliability.runs, else simulation.runs capped at 100)");

  return [opt](const std::vector<std::string>& command_line) {
    const Study study = load_study(opt->scenario, opt->mc.threads);
    const report::OutputFolder folder = open_output_folder(opt->scenario, study.scenario().name);
    RunOptions options = run_options(opt->mc);
    analysis::ProgressBar bar(std::cerr, !opt->scenario.quiet && is_terminal(stderr));
    options.progress = bar.callback();
    const ReliabilityResult result = study.reliability(options);
    bar.finish();
    const auto written = folder.publish(reliability_outputs(result, command_line));
    if (!opt->scenario.quiet) {
      std::cout << reliability_terminal_text(result, study.scenario());
    }
    print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
