// rackscale design SCENARIO [-o DIR] [--export-topology dot|json]: the deterministic design of
// every site (network, power, cooling, space, cost) written to files, with a short summary.

#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/design/fabric_graph.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/input_hash.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/report/design_json.hpp"
#include "rackscale/report/design_report.hpp"
#include "rackscale/report/fabric_export.hpp"
#include "rackscale/report/fabric_table.hpp"
#include "rackscale/report/html_report.hpp"
#include "rackscale/report/manifest.hpp"
#include "rackscale/report/output_files.hpp"
#include "rackscale/report/single_line_svg.hpp"

namespace rackscale::cli {
namespace {

struct DesignOptions {
  std::string scenario;
  std::string out_dir;
  std::string topology;
  bool quiet = false;
};

}  // namespace

Runner add_design_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "design", "Design every site: network fabric, power chain, cooling, space, cost, BOM");
  auto opt = std::make_shared<DesignOptions>();
  add_scenario_options(*cmd, opt->scenario, opt->out_dir);
  cmd->add_option("--export-topology", opt->topology,
                  "Also write each site's back-end fabric as Graphviz DOT (small fabrics) or a "
                  "JSON link list")
      ->check(CLI::IsMember({"dot", "json"}));
  add_quiet_flag(*cmd, opt->quiet);

  return [opt](const std::vector<std::string>& command_line) {
    io::LoadedScenario loaded = io::load_scenario(opt->scenario);
    const auto& scenario = loaded.scenario;
    std::vector<design::SiteDesign> sites = design::design_sites(scenario, loaded.catalog);

    RunStamp stamp{RACKSCALE_VERSION, scenario.simulation.seed, io::input_hash(loaded),
                   scenario.name};
    report::OutputFiles files;
    files.add("design.json", report::design_json_file(stamp, sites));
    files.add("bom.csv", report::bom_csv(sites));
    files.add("summary.md", report::design_summary_markdown(stamp, sites));
    files.add("report.html", report::html_report({stamp, scenario, sites}));
    for (const auto& d : sites) {
      files.add(fmt::format("single-line-{}.svg", d.name),
                report::single_line_svg(d.power, d.name));
      if (opt->topology == "dot") {
        files.add(fmt::format("topology-{}.dot", d.name), report::fabric_to_dot(d.fabric));
      } else if (opt->topology == "json") {
        std::ostringstream links;
        report::write_fabric_links_json(links, design::materialize_fabric(d.fabric));
        files.add(fmt::format("topology-{}.json", d.name), links.str());
      }
    }
    report::add_manifest(files, {stamp, std::nullopt, command_line});
    const auto written = write_outputs(files, opt->out_dir, scenario.name);

    if (!opt->quiet) {
      for (const auto& d : sites) {
        std::cout << fmt::format("== {}: network fabric\n", d.name)
                  << report::format_fabric_table(d.fabric) << "\n";
      }
      std::cout << report::design_terminal_summary(sites) << "\n";
    }
    print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
