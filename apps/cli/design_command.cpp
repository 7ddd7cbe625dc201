// rackscale design SCENARIO [-o DIR] [--export-topology dot|json]: the deterministic design of
// every site (network, power, cooling, space, cost) written to files, with a short summary.

#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/design/fabric_export.hpp"
#include "rackscale/design/fabric_graph.hpp"
#include "rackscale/design/fabric_table.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/design_json.hpp"
#include "rackscale/io/output_files.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/report/design_report.hpp"
#include "rackscale/report/html_report.hpp"
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

  return [opt]() {
    io::LoadedScenario loaded = io::load_scenario(opt->scenario);
    const auto& scenario = loaded.scenario;
    std::vector<design::SiteDesign> sites = design_sites(loaded);

    io::RunStamp stamp{RACKSCALE_VERSION, scenario.simulation.seed, io::input_hash(loaded),
                       scenario.name};
    io::OutputFiles files;
    files.add("design.json", io::design_to_json(stamp, sites).dump(2) + "\n");
    files.add("bom.csv", report::bom_csv(stamp, sites));
    files.add("summary.md", report::design_summary_markdown(stamp, sites));
    files.add("report.html", report::html_report({stamp, scenario, sites}));
    for (const auto& d : sites) {
      files.add(fmt::format("single-line-{}.svg", d.name),
                report::single_line_svg(d.power, d.name));
      if (opt->topology == "dot") {
        files.add(fmt::format("topology-{}.dot", d.name), design::fabric_to_dot(d.fabric));
      } else if (opt->topology == "json") {
        std::ostringstream links;
        design::write_fabric_links_json(links, design::materialize_fabric(d.fabric));
        files.add(fmt::format("topology-{}.json", d.name), links.str());
      }
    }
    const auto written = write_outputs(files, opt->out_dir, scenario.name);

    if (!opt->quiet) {
      for (const auto& d : sites) {
        std::cout << fmt::format("== {}: network fabric\n", d.name)
                  << design::format_fabric_table(d.fabric) << "\n";
      }
      std::cout << report::design_terminal_summary(sites) << "\n";
    }
    print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
