#pragma once
//! Build-out outputs of `rackscale plan`: timeline.csv, factories.csv, milestones.csv,
//! contracts.csv, the build-out section of summary.md, the terminal table and the JSON summary.

#include <string>

#include <nlohmann/json.hpp>

#include "rackscale/analysis/attribution.hpp"
#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/core/run_stamp.hpp"
#include "rackscale/design/site.hpp"

namespace rackscale::report {

//! A milestone's name for readers: "full_target" -> "100% of target online".
std::string milestone_label(const std::string& name);

//! "grid-capped: 83 of 2,450 racks never online" for a site whose final grid step cannot carry
//! its target; empty when it can.
std::string grid_cap_text(const analysis::SitePlanSummary& site);

//! Weekly P10/P50/P90 of racks, GPUs and IT MW online per site and in total, and the most
//! frequent binding constraint.
std::string timeline_csv(const analysis::PlanSummary& plan);
//! Weekly P50 of each factory's pipeline: started, in burn-in, in rework, finished, shipped;
//! capacity (racks it could have started, cum), utilization (started / capacity, both cum P50)
//! and inventory (finished, waiting at the factory).
std::string factories_csv(const analysis::PlanSummary& plan);
//! Milestone dates per site at P10/P50/P90, with how many runs reached them.
std::string milestones_csv(const analysis::PlanSummary& plan, Date start);
//! Per contract one row per firm order (due date, fulfilment date quantiles, on-time share,
//! racks and days late), one per purchase option (racks exercised, first exercise, on-time
//! share) and a `total` row, each with its spend quantiles [USD]. docs/report.md lists the
//! columns.
std::string contracts_csv(const analysis::PlanSummary& plan, Date start);
//! Markdown tables: milestones, capacity held back per constraint, a quarterly timeline and the
//! contracts (firm orders, purchase options, spend).
std::string plan_summary_markdown(const analysis::PlanSummary& plan, Date start);
//! The short terminal table (key answers per site: the main bottleneck from `attribution`, "-"
//! without one, and the constraint critical at the end), the attribution's lines, then one line
//! per contract (firm orders on time, option racks exercised and spend at P50); `colour` adds
//! ANSI colours.
std::string plan_terminal_summary(const analysis::PlanSummary& plan,
                                  const std::vector<design::SiteDesign>& sites, Date start,
                                  bool colour, const analysis::Attribution* attribution = nullptr);
//! The key answers as JSON (for `--json`), with each site's attribution if there is one.
nlohmann::ordered_json plan_to_json(const RunStamp& stamp, const analysis::PlanSummary& plan,
                                    const std::vector<design::SiteDesign>& sites, Date start,
                                    const analysis::Attribution* attribution = nullptr);

}  // namespace rackscale::report
