#pragma once
//! Racks bought before they can run, and how much of its capacity each factory used
//! (docs/models/buildout.md §7 "Waiting racks", §5 "Utilization"): the terminal block of
//! `rackscale plan`, inventory.csv and the `inventory` object of the JSON summary.

#include <string>

#include <nlohmann/json.hpp>

#include "rackscale/analysis/buildout_summary.hpp"

namespace rackscale::report {

//! Per factory its utilization and idle capacity, per site the mean rack-weeks waiting (for
//! space, power, crews) and their carrying cost at `cost_of_capital` [1/year].
std::string inventory_terminal_text(const analysis::PlanSummary& plan, double cost_of_capital);

//! One row per site, the total of the sites, and one per factory: mean rack-weeks waiting by
//! reason and carrying cost [USD]; factory rows also carry capacity, started racks,
//! utilization and idle capacity over the horizon.
std::string inventory_csv(const analysis::PlanSummary& plan);

//! The same as JSON: {"sites": [...], "total": {...}, "factories": [...]}.
nlohmann::ordered_json inventory_json(const analysis::PlanSummary& plan);

}  // namespace rackscale::report
