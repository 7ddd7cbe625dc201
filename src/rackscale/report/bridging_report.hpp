#pragma once
//! Bridging generation of the sites with `power:` (docs/models/power-to-site.md §2): its MW, the
//! energy it delivered (mean over the runs), fuel cost, O&M and CO2, as bridging.csv of
//! `rackscale plan`.

#include <string>

#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::report {

//! True when a site of the scenario has bridging generation (bridging.csv is written).
bool has_bridging(const model::Scenario& scenario);

//! One row per bridging block: site, technology, capacity [MW], capex [USD], energy [MWh] (the
//! site's mean bridging energy shared among its blocks by capacity), fuel cost, variable O&M
//! [USD] and CO2 [t]. `plan` lists the scenario's sites in order.
std::string bridging_csv(const analysis::PlanSummary& plan, const model::Scenario& scenario);

}  // namespace rackscale::report
