// rackscale plan SCENARIO [-o DIR] [--runs N] [--seed S] [--threads T]: the site design plus the
// build-out Monte Carlo, written as files (design outputs, timeline.csv, factories.csv,
// milestones.csv, contracts.csv, summary.md, report.html) with a short table of the key answers.

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/analysis/progress_bar.hpp"
#include "rackscale/analysis/reliability_study.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/design_json.hpp"
#include "rackscale/io/output_files.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/report/design_report.hpp"
#include "rackscale/report/html_report.hpp"
#include "rackscale/report/plan_report.hpp"
#include "rackscale/report/reliability_report.hpp"
#include "rackscale/report/single_line_svg.hpp"
#include "rackscale/report/table.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::cli {
namespace {

struct PlanOptions {
  std::string scenario;
  std::string out_dir;
  MonteCarloOptions mc;
  bool quiet = false;
  bool json = false;
};

}  // namespace

Runner add_plan_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "plan",
      "Design every site and simulate the build-out (Monte Carlo): when capacity comes "
      "online and what holds it back");
  auto opt = std::make_shared<PlanOptions>();
  add_scenario_options(*cmd, opt->scenario, opt->out_dir);
  add_monte_carlo_options(*cmd, opt->mc,
                          "Monte Carlo runs (default: the scenario's simulation.runs)");
  add_quiet_flag(*cmd, opt->quiet);
  cmd->add_flag("--json", opt->json, "Print the key answers as JSON instead of a table");

  return [opt]() {
    io::LoadedScenario loaded = io::load_scenario(opt->scenario);
    const auto& scenario = loaded.scenario;
    const std::uint64_t seed =
        opt->mc.seed >= 0 ? static_cast<std::uint64_t>(opt->mc.seed) : scenario.simulation.seed;
    const int runs = opt->mc.runs > 0 ? opt->mc.runs : scenario.simulation.runs;
    std::vector<design::SiteDesign> sites = design_sites(loaded);

    // The build-out Monte Carlo: run r depends only on (seed, r).
    sim::BuildoutModel model({&scenario, &loaded.catalog, &sites});
    const bool terminal = !opt->quiet && !opt->json && isatty(fileno(stderr));
    analysis::ProgressBar bar(std::cerr, terminal);
    analysis::ReplicationOptions ro;
    ro.runs = runs;
    ro.threads = opt->mc.threads;
    ro.progress = bar.callback();
    auto results = analysis::run_replications(ro, [&](int run) { return model.run(seed, run); });
    bar.finish();
    analysis::PlanSummary plan =
        analysis::summarize_buildout(results, scenario.start, scenario.contracts);

    // Fleet reliability of the finished sites (the scenario's reliability: section, or one job
    // on all GPUs of the first site), with the same seed and threads.
    sim::ReliabilityOptions rel_options;
    rel_options.seed = seed;
    rel_options.threads = opt->mc.threads;
    sim::ReliabilityResult reliability = sim::run_reliability(
        sim::plan_reliability(scenario, loaded.catalog, sites, scenario.reliability), rel_options);

    io::RunStamp stamp{RACKSCALE_VERSION, seed, io::input_hash(loaded), scenario.name};
    io::OutputFiles files;
    files.add("design.json", io::design_to_json(stamp, sites).dump(2) + "\n");
    files.add("bom.csv", report::bom_csv(stamp, sites));
    std::string reliability_md = "# Fleet reliability\n\n```\n";
    for (const auto& j : reliability.jobs)
      reliability_md += report::reliability_job_table(j) + "\n";
    reliability_md += "```\n\n";
    files.add("summary.md", report::plan_summary_markdown(plan, scenario.start) + "\n" +
                                reliability_md + report::design_summary_markdown(stamp, sites));
    files.add("reliability.csv", sim::reliability_csv(reliability, io::stamp_line(stamp)));
    files.add("timeline.csv", report::timeline_csv(stamp, plan));
    files.add("factories.csv", report::factories_csv(stamp, plan));
    files.add("milestones.csv", report::milestones_csv(stamp, plan, scenario.start));
    files.add("contracts.csv", report::contracts_csv(stamp, plan, scenario.start));
    files.add("report.html", report::html_report({stamp, scenario, sites,
                                                  report::report_buildout(plan, scenario.start)}));
    for (const auto& d : sites) {
      files.add(fmt::format("single-line-{}.svg", d.name),
                report::single_line_svg(d.power, d.name));
    }
    const auto written = write_outputs(files, opt->out_dir, scenario.name);

    if (opt->json) {
      std::cout << report::plan_to_json(stamp, plan, sites, scenario.start).dump(2) << "\n";
      return static_cast<int>(kOk);
    }
    if (!opt->quiet) {
      std::cout << fmt::format("{}: {} sites, {} Monte Carlo runs, seed {}\n\n", scenario.name,
                               sites.size(), runs, seed)
                << report::plan_terminal_summary(plan, sites, scenario.start,
                                                 isatty(fileno(stdout)) != 0)
                << "\n";
      for (const auto& j : reliability.jobs) {
        std::cout << fmt::format(
            "reliability: job {} on {} GPUs at {}: goodput {:.3f} (P50), {:.1f} interruptions/day, "
            "job MTBF {}\n",
            j.name, report::group_thousands(j.gpus), j.site, j.goodput.p50,
            j.interruptions_per_day.p50,
            j.mtbf_h ? report::reliability_hours(*j.mtbf_h) : std::string("none"));
      }
      std::cout << "\n";
    }
    print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
