#pragma once
//! What each command of the pipeline writes and prints: the set of output files of a design,
//! plan or reliability result (docs/report.md lists them), ending with its manifest.json, and
//! its short terminal summary. Built from the writers of report/; nothing here touches the disk
//! or the terminal. `command_line` is what the caller ran, recorded in the manifest.

#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/report/fabric_export.hpp"
#include "rackscale/report/output_files.hpp"
#include "rackscale/study/study.hpp"

namespace rackscale {

//! The back-end fabric export that `design` may add to its files.
enum class TopologyFormat { none, dot, json };

//! The exports `design` may add to its files: `--export-topology`, `--export geojson`.
struct DesignExports {
  TopologyFormat topology = TopologyFormat::none;            //!< none, DOT or JSON link list
  std::int64_t max_elements = report::kTopologyMaxElements;  //!< JSON vertices + links [count]
  bool geojson = false;                                      //!< sites.geojson
};

//! design.json, bom.csv, summary.md, report.html, a single-line SVG per site and, if asked,
//! each site's fabric as DOT or a JSON link list and the sites as GeoJSON.
report::OutputFiles design_outputs(const DesignResult& result, const model::Scenario& scenario,
                                   const std::vector<std::string>& command_line,
                                   const DesignExports& exports = {});
//! The design files plus reliability.csv, timeline.csv, factories.csv, milestones.csv,
//! contracts.csv, attribution.csv, with summary.md and report.html covering the build-out, its
//! attribution and reliability.
report::OutputFiles plan_outputs(const PlanResult& result, const model::Scenario& scenario,
                                 const std::vector<std::string>& command_line);
//! reliability.csv and reliability.json.
report::OutputFiles reliability_outputs(const ReliabilityResult& result,
                                        const std::vector<std::string>& command_line);

//! The fabric table of each site and the design summary table.
std::string design_terminal_text(const DesignResult& result);
//! The plan's key answers: a table of sites, what to fix first per site, one line per contract
//! and per reliability job.
//! `color` adds terminal colours.
std::string plan_terminal_text(const PlanResult& result, const model::Scenario& scenario,
                               bool color);
//! The plan's key answers as JSON.
std::string plan_json_text(const PlanResult& result, const model::Scenario& scenario);
//! The reliability tables: per job, per site and per sizing search.
std::string reliability_terminal_text(const ReliabilityResult& result,
                                      const model::Scenario& scenario);

}  // namespace rackscale
