// rackscale design SCENARIO [-o DIR] [--set PATH=VALUE]... [--export-topology dot|json]
// [--max-elements N] [--export geojson] [--export netbox DIR]: the deterministic design of every
// site (network, power, cooling, space, cost) written to files, with a short summary.

#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/report/manifest.hpp"
#include "rackscale/report/netbox_export.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace rackscale::cli {
namespace {

// `--export` values, checked: "geojson", or "netbox DIR", each at most once.
struct ExportRequest {
  bool geojson = false;
  std::string netbox_dir;  // empty: no NetBox export
};

ExportRequest parse_exports(const std::vector<std::string>& values) {
  ExportRequest request;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == "geojson") {
      request.geojson = true;
    } else if (values[i] == "netbox" && i + 1 < values.size()) {
      request.netbox_dir = values[++i];
    } else {
      const std::string message =
          values[i] == "netbox"
              ? "--export netbox: needs the folder to write the CSV files to, e.g. "
                "`--export netbox out/netbox`"
              : "--export: expected geojson or netbox DIR, got \"" + values[i] + "\"";
      throw rackscale::InputError({}, "rackscale: error: " + message + "\n");
    }
  }
  return request;
}

// The NetBox CSV files as their own output set in `dir`, with a manifest.
void write_netbox(const Study& study, const DesignResult& result, const std::string& dir,
                  std::int64_t max_elements, const std::vector<std::string>& command_line) {
  report::OutputFiles files;
  for (auto& [name, text] :
       report::netbox_files(result.sites, study.scenario(), study.catalog(), max_elements)) {
    files.add(name, text);
  }
  report::add_manifest(files, {result.stamp, std::nullopt, command_line});
  print_written(files.write(dir));
}

}  // namespace

Runner add_design_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "design", "Design every site: network fabric, power chain, cooling, space, cost, BOM");
  auto opt = std::make_shared<ScenarioOptions>();
  auto topology = std::make_shared<std::string>();
  auto max_elements = std::make_shared<std::int64_t>(report::kTopologyMaxElements);
  auto exports = std::make_shared<std::vector<std::string>>();
  add_scenario_options(*cmd, *opt);
  cmd->add_option("--export-topology", *topology,
                  "Also write each site's back-end fabric as Graphviz DOT (small fabrics) or a "
                  "JSON link list")
      ->check(CLI::IsMember({"dot", "json"}));
  cmd->add_option("--max-elements", *max_elements,
                  "Largest back-end graph the JSON topology and NetBox exports build, in vertices "
                  "plus links (about 400 bytes of memory each)")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000'000}));
  cmd->add_option("--export", *exports,
                  "geojson: also write sites.geojson (sites and factories for QGIS and web maps); "
                  "netbox DIR: write NetBox bulk-import CSV files to DIR")
      ->expected(1, 2)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  return [opt, topology, max_elements, exports](const std::vector<std::string>& command_line) {
    const ExportRequest request = parse_exports(*exports);
    const DesignExports design_exports{*topology == "dot"    ? TopologyFormat::dot
                                       : *topology == "json" ? TopologyFormat::json
                                                             : TopologyFormat::none,
                                       *max_elements, request.geojson};
    const Study study = load_study(*opt);
    const report::OutputFolder folder = open_output_folder(*opt, study.scenario().name);
    const DesignResult result = study.design();
    const auto written =
        folder.publish(design_outputs(result, study.scenario(), command_line, design_exports));
    if (!opt->quiet) std::cout << design_terminal_text(result);
    print_written(written);
    if (!request.netbox_dir.empty()) {
      write_netbox(study, result, request.netbox_dir, *max_elements, command_line);
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
