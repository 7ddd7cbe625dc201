// rackscale reliability SCENARIO [--runs N] [--seed S] [--threads T] [-o DIR]: fleet failures,
// repairs, spares and training goodput (Monte Carlo) for the jobs of the scenario's
// `reliability:` section, written as reliability.csv and reliability.json with a table per job.

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/analysis/progress_bar.hpp"
#include "rackscale/analysis/reliability_study.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/design_json.hpp"
#include "rackscale/io/output_files.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/report/reliability_report.hpp"

namespace rackscale::cli {

namespace {

struct ReliabilityCliOptions {
  std::string scenario;
  std::string out_dir;
  MonteCarloOptions mc;
  bool quiet = false;
};

}  // namespace

Runner add_reliability_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("reliability",
                         "Simulate fleet failures, repairs and spares: interruptions, MTBF, "
                         "availability and goodput of the scenario's training jobs (Monte Carlo)");
  auto opt = std::make_shared<ReliabilityCliOptions>();
  add_scenario_options(*cmd, opt->scenario, opt->out_dir);
  add_monte_carlo_options(
      *cmd, opt->mc,
      "Monte Carlo runs (default: reliability.runs, else simulation.runs capped at 100)");
  add_quiet_flag(*cmd, opt->quiet);

  return [opt]() {
    io::LoadedScenario loaded = io::load_scenario(opt->scenario);
    const auto& scenario = loaded.scenario;
    const model::ReliabilitySettings& settings = loaded.scenario.reliability;
    std::vector<design::SiteDesign> sites = design_sites(loaded);
    sim::ReliabilityPlan plan = sim::plan_reliability(scenario, loaded.catalog, sites, settings);

    sim::ReliabilityOptions ro;
    if (opt->mc.runs > 0) ro.runs = opt->mc.runs;
    if (opt->mc.seed >= 0) ro.seed = static_cast<std::uint64_t>(opt->mc.seed);
    ro.threads = opt->mc.threads;
    const bool terminal = !opt->quiet && isatty(fileno(stderr));
    analysis::ProgressBar bar(std::cerr, terminal);
    ro.progress = bar.callback();
    sim::ReliabilityResult result = sim::run_reliability(std::move(plan), ro);
    bar.finish();

    io::RunStamp stamp{RACKSCALE_VERSION, result.seed, io::input_hash(loaded), scenario.name};
    const std::string stamp_line = io::stamp_line(stamp);
    nlohmann::ordered_json json = {{"rackscale_version", stamp.version},
                                   {"scenario", stamp.scenario},
                                   {"seed", stamp.seed},
                                   {"input_hash", stamp.input_hash}};
    const nlohmann::ordered_json body = sim::reliability_to_json(result);
    for (const auto& [key, value] : body.items()) json[key] = value;
    io::OutputFiles files;
    files.add("reliability.csv", sim::reliability_csv(result, stamp_line));
    files.add("reliability.json", json.dump(2) + "\n");
    const auto written = write_outputs(files, opt->out_dir, scenario.name);

    if (!opt->quiet) {
      std::cout << fmt::format("{}: reliability over {}, {} Monte Carlo runs, seed {}\n",
                               scenario.name, report::reliability_hours(result.horizon_h),
                               result.runs, result.seed);
      for (const auto& n : result.notes) std::cout << "note: " << n << "\n";
      std::cout << "\n";
      for (const auto& j : result.jobs) std::cout << report::reliability_job_table(j) << "\n";
      for (const auto& s : result.sites) std::cout << report::reliability_site_text(s) << "\n";
      for (const auto& z : result.sizing) std::cout << report::reliability_sizing_text(z) << "\n";
    }
    print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
