// rackscale design SCENARIO [-o DIR] [--set PATH=VALUE]... [--export-topology dot|json]: the
// deterministic design of every site (network, power, cooling, space, cost) written to files,
// with a short summary.

#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace rackscale::cli {

Runner add_design_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "design", "Design every site: network fabric, power chain, cooling, space, cost, BOM");
  auto opt = std::make_shared<ScenarioOptions>();
  auto topology = std::make_shared<std::string>();
  add_scenario_options(*cmd, *opt);
  cmd->add_option("--export-topology", *topology,
                  "Also write each site's back-end fabric as Graphviz DOT (small fabrics) or a "
                  "JSON link list")
      ->check(CLI::IsMember({"dot", "json"}));

  return [opt, topology](const std::vector<std::string>& command_line) {
    const TopologyFormat format = *topology == "dot"    ? TopologyFormat::dot
                                  : *topology == "json" ? TopologyFormat::json
                                                        : TopologyFormat::none;
    const Study study = load_study(*opt);
    const report::OutputFolder folder = open_output_folder(*opt, study.scenario().name);
    const DesignResult result = study.design();
    const auto written =
        folder.publish(design_outputs(result, study.scenario(), command_line, format));
    if (!opt->quiet) std::cout << design_terminal_text(result);
    print_written(written);
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
