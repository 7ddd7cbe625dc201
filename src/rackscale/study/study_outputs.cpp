#include "rackscale/study/study_outputs.hpp"

#include <fmt/format.h>

#include "rackscale/report/attribution_report.hpp"
#include "rackscale/report/bridging_report.hpp"
#include "rackscale/report/deal_report.hpp"
#include "rackscale/report/design_json.hpp"
#include "rackscale/report/design_report.hpp"
#include "rackscale/report/fabric_export.hpp"
#include "rackscale/report/fabric_table.hpp"
#include "rackscale/report/factory_report.hpp"
#include "rackscale/report/file_slug.hpp"
#include "rackscale/report/geojson_export.hpp"
#include "rackscale/report/html_report.hpp"
#include "rackscale/report/inventory_report.hpp"
#include "rackscale/report/manifest.hpp"
#include "rackscale/report/option_report.hpp"
#include "rackscale/report/plan_report.hpp"
#include "rackscale/report/reliability_report.hpp"
#include "rackscale/report/single_line_svg.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale {

namespace {

//! The file-name part of each site: its name as a unique slug (report/file_slug.hpp).
std::vector<std::string> site_slugs(const std::vector<design::SiteDesign>& sites) {
  std::vector<std::string> names;
  for (const auto& d : sites) names.push_back(d.name);
  return report::unique_file_slugs(names, "site");
}

void add_topology(report::OutputFiles& files, const design::SiteDesign& d, const std::string& slug,
                  const DesignExports& topology) {
  if (topology.topology == TopologyFormat::dot) {
    files.add(fmt::format("topology-{}.dot", slug), report::fabric_to_dot(d.fabric));
  } else if (topology.topology == TopologyFormat::json) {
    files.add(fmt::format("topology-{}.json", slug),
              report::fabric_links_json(d.fabric, topology.max_elements));
  }
}

//! Per site, named by its slug: the single-line SVG and, if asked, the fabric export.
void add_site_files(report::OutputFiles& files, const std::vector<design::SiteDesign>& sites,
                    const DesignExports& topology) {
  const auto slugs = site_slugs(sites);
  for (std::size_t i = 0; i < sites.size(); ++i) {
    files.add(fmt::format("single-line-{}.svg", slugs[i]),
              report::single_line_svg(sites[i].power, sites[i].name));
    add_topology(files, sites[i], slugs[i], topology);
  }
}

std::string reliability_markdown(const sim::ReliabilityResult& reliability) {
  std::string md = "# Fleet reliability\n\n```\n";
  for (const auto& j : reliability.jobs) md += report::reliability_job_table(j) + "\n";
  return md + "```\n\n";
}

}  // namespace

report::OutputFiles design_outputs(const DesignResult& result, const model::Scenario& scenario,
                                   const std::vector<std::string>& command_line,
                                   const DesignExports& exports) {
  const auto& sites = result.sites;
  report::OutputFiles files;
  files.add("design.json", report::design_json_file(result.stamp, sites));
  files.add("bom.csv", report::bom_csv(sites));
  files.add("summary.md", report::design_summary_markdown(result.stamp, sites));
  files.add("report.html", report::html_report({result.stamp, scenario, sites}));
  add_site_files(files, sites, exports);
  if (exports.geojson) files.add("sites.geojson", report::sites_geojson(sites, scenario));
  report::add_manifest(files, {result.stamp, std::nullopt, command_line});
  return files;
}

report::OutputFiles plan_outputs(const PlanResult& result, const model::Scenario& scenario,
                                 const std::vector<std::string>& command_line) {
  const auto& stamp = result.stamp;
  const auto& sites = result.sites;
  const auto& plan = result.buildout;
  report::OutputFiles files;
  files.add("design.json", report::design_json_file(stamp, sites));
  files.add("bom.csv", report::bom_csv(sites));
  files.add("summary.md", report::plan_summary_markdown(plan, scenario.start) +
                              report::factory_summary_markdown(result.factory, scenario.start) +
                              report::attribution_markdown(result.attribution) + "\n" +
                              reliability_markdown(result.reliability) +
                              report::design_summary_markdown(stamp, sites));
  files.add("reliability.csv", report::reliability_csv(result.reliability));
  files.add("timeline.csv", report::timeline_csv(plan));
  files.add("factories.csv", report::factories_csv(plan));
  files.add("inventory.csv", report::inventory_csv(plan));
  files.add("milestones.csv", report::milestones_csv(plan, scenario.start));
  files.add("contracts.csv", report::contracts_csv(plan, scenario.start));
  files.add("attribution.csv", report::attribution_csv(result.attribution));
  if (!result.options.rows.empty()) files.add("options.csv", report::options_csv(result.options));
  if (!result.options.deals.empty()) {
    files.add("deal.csv", report::deal_csv(result.options));
    files.add("deal_cash_flows.csv", report::deal_cash_flows_csv(result.options, scenario.start));
  }
  if (!result.factory.factories.empty()) {
    files.add("factory_operations.csv",
              report::factory_operations_csv(result.factory, scenario.start));
  }
  if (report::has_bridging(scenario)) {
    files.add("bridging.csv", report::bridging_csv(plan, scenario));
  }
  files.add("report.html",
            report::html_report({stamp, scenario, sites, &plan, &result.attribution,
                                 &result.reliability, &result.options, &result.factory}));
  add_site_files(files, sites, DesignExports{});
  report::add_manifest(files, {stamp, plan.runs, command_line});
  return files;
}

report::OutputFiles reliability_outputs(const ReliabilityResult& result,
                                        const std::vector<std::string>& command_line) {
  report::OutputFiles files;
  files.add("reliability.csv", report::reliability_csv(result.reliability));
  files.add("reliability.json", report::reliability_json_file(result.stamp, result.reliability));
  report::add_manifest(files, {result.stamp, result.reliability.runs, command_line});
  return files;
}

std::string design_terminal_text(const DesignResult& result) {
  std::string text;
  for (const auto& d : result.sites) {
    text += fmt::format("== {}: network fabric\n", d.name) + report::format_fabric_table(d.fabric) +
            "\n";
  }
  return text + report::design_terminal_summary(result.sites) + "\n";
}

std::string plan_terminal_text(const PlanResult& result, const model::Scenario& scenario,
                               bool color) {
  std::string text = fmt::format("{}: {} sites, {} Monte Carlo runs, seed {}\n\n", scenario.name,
                                 result.sites.size(), result.runs, result.stamp.seed) +
                     report::plan_terminal_summary(result.buildout, result.sites, scenario.start,
                                                   color, &result.attribution) +
                     "\n";
  text +=
      report::inventory_terminal_text(result.buildout, scenario.policies.finance.cost_of_capital) +
      "\n";
  for (const auto& j : result.reliability.jobs) {
    text += fmt::format(
        "reliability: job {} on {} GPUs at {}: goodput {:.3f} (P50), {:.1f} interruptions/day, "
        "job MTBF {}\n",
        j.name, report::group_thousands(j.gpus), j.site, j.goodput.p50, j.interruptions_per_day.p50,
        j.mtbf_h ? report::reliability_hours(*j.mtbf_h) : std::string("none"));
  }
  return text + "\n";
}

std::string plan_json_text(const PlanResult& result, const model::Scenario& scenario) {
  return report::plan_to_json(result.stamp, result.buildout, result.sites, scenario.start,
                              &result.attribution)
             .dump(2) +
         "\n";
}

std::string reliability_terminal_text(const ReliabilityResult& result,
                                      const model::Scenario& scenario) {
  const auto& r = result.reliability;
  std::string text =
      fmt::format("{}: reliability over {}, {} Monte Carlo runs, seed {}\n", scenario.name,
                  report::reliability_hours(r.horizon_h), r.runs, r.seed);
  for (const auto& n : r.notes) text += "note: " + n + "\n";
  text += "\n";
  for (const auto& j : r.jobs) text += report::reliability_job_table(j) + "\n";
  for (const auto& s : r.sites) text += report::reliability_site_text(s) + "\n";
  for (const auto& z : r.sizing) text += report::reliability_sizing_text(z) + "\n";
  return text;
}

}  // namespace rackscale
