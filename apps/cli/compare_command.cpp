// rackscale compare A B [-o DIR] [--set PATH=VALUE]... [--set-a ...] [--set-b ...] [--runs N]
// [--seed S] [--threads T] [--json]: two plans side by side. A and B are each a scenario file
// (planned here, both with the same Monte Carlo options) or a `plan` output folder (read back);
// prints every headline figure of both with the difference and the milestone shifts, and with
// -o writes compare.csv, compare.json and compare.html (docs/compare.md).

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/analysis/comparison.hpp"
#include "rackscale/analysis/progress_bar.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/report/compare_report.hpp"
#include "rackscale/report/plan_figures_reader.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace rackscale::cli {
namespace {

struct CompareOptions {
  std::string a, b;
  std::vector<std::string> overrides, overrides_a, overrides_b;  //!< --set, --set-a, --set-b
  MonteCarloOptions mc;
  std::string out_dir;
  bool quiet = false, strict = false, json = false;
  io::InputLimits limits;
};

bool uses_scenario_options(const CompareOptions& o, const std::vector<std::string>& own) {
  return !o.overrides.empty() || !own.empty() || o.mc.runs > 0 || !o.mc.seed.empty();
}

[[noreturn]] void bad_argument(const std::string& message) {
  throw InputError({}, "rackscale compare: error: " + message + "\n");
}

// The figures of one side: its scenario planned with the shared options, or its folder read.
analysis::PlanFigures figures_of(const CompareOptions& o, const std::string& path,
                                 const std::vector<std::string>& own_overrides, char side,
                                 const std::vector<std::string>& command_line) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    if (uses_scenario_options(o, own_overrides)) {
      bad_argument(
          fmt::format("{} ({}) is an output folder: --set, --set-{}, --runs and --seed "
                      "apply only to scenarios",
                      side, path, static_cast<char>(std::tolower(side))));
    }
    return report::read_plan_figures(report::read_output_folder(path), path);
  }
  if (!std::filesystem::is_regular_file(path, error)) {
    bad_argument(fmt::format("{} ({}): no such scenario file or output folder", side, path));
  }
  ScenarioOptions scenario{path, o.overrides, "", o.quiet, o.strict, o.limits};
  scenario.overrides.insert(scenario.overrides.end(), own_overrides.begin(), own_overrides.end());
  const Study study = load_study(scenario, o.mc.threads);
  RunOptions options = run_options(o.mc);
  analysis::ProgressBar bar(std::cerr, !o.quiet && !o.json && is_terminal(stderr));
  options.progress = bar.callback();
  const PlanResult result = study.plan(options);
  bar.finish();
  return report::read_plan_figures(plan_outputs(result, study.scenario(), command_line), path);
}

}  // namespace

Runner add_compare_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "compare",
      "Compare two plans: each a scenario (planned with the same options) or a plan output "
      "folder; every headline figure side by side with the difference");
  auto opt = std::make_shared<CompareOptions>();
  cmd->add_option("a", opt->a, "Plan A: a scenario YAML file or a `plan` output folder")
      ->required();
  cmd->add_option("b", opt->b, "Plan B: a scenario YAML file or a `plan` output folder")
      ->required();
  add_set_option(*cmd, opt->overrides);
  cmd->add_option("--set-a", opt->overrides_a, "Override a value of scenario A only (repeatable)")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--set-b", opt->overrides_b, "Override a value of scenario B only (repeatable)")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
  add_monte_carlo_options(*cmd, opt->mc,
                          "Monte Carlo runs of each scenario (default: its simulation.runs)");
  cmd->add_option("-o,--out", opt->out_dir,
                  "Write compare.csv, compare.json and compare.html to this folder (new, empty, "
                  "or an earlier rackscale output, replaced whole); default: print only");
  cmd->add_flag("-q,--quiet", opt->quiet, "Print only the list of files written");
  cmd->add_flag("--json", opt->json, "Print the comparison as JSON instead of a table");
  add_strict_option(*cmd, opt->strict);
  add_input_size_option(*cmd, opt->limits);

  return [opt](const std::vector<std::string>& command_line) {
    std::optional<report::OutputFolder> folder;
    if (!opt->out_dir.empty()) folder.emplace(opt->out_dir);
    const analysis::PlanFigures a = figures_of(*opt, opt->a, opt->overrides_a, 'A', command_line);
    const analysis::PlanFigures b = figures_of(*opt, opt->b, opt->overrides_b, 'B', command_line);
    const analysis::Comparison comparison = analysis::compare_plans(a, b);
    std::vector<std::string> written;
    if (folder) written = folder->publish(report::compare_outputs(comparison, command_line));
    if (opt->json) {
      std::cout << report::compare_json(comparison);
    } else if (!opt->quiet) {
      std::cout << report::compare_terminal_text(comparison);
    }
    if (folder && !opt->json) print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
