#pragma once
//! The reliability study as files: a tidy CSV (one metric per row) and a JSON document.
//! Column and key names carry their units (docs/models/reliability.md, "Outputs").

#include <string>

#include <nlohmann/json.hpp>

#include "rackscale/analysis/reliability_study.hpp"
#include "rackscale/core/run_stamp.hpp"

namespace rackscale::report {

//! reliability.csv: the header row `scope,name,site,metric,p10,p50,p90,mean`, then one row per
//! metric (scope job, site or sizing); a metric with one value fills only `mean`.
std::string reliability_csv(const sim::ReliabilityResult& result);

//! The result as JSON (the caller adds the version, seed and input hash in front).
nlohmann::ordered_json reliability_to_json(const sim::ReliabilityResult& result);

//! reliability.json: the version, scenario, seed and input hash, then reliability_to_json's keys.
std::string reliability_json_file(const RunStamp& stamp, const sim::ReliabilityResult& result);

//! A duration in hours as "12.0 min", "3.50 h" or "4.2 days".
std::string reliability_hours(double h);
//! One job's table: interruptions per day by cause, MTBF, availability, goodput, spares.
std::string reliability_job_table(const sim::JobSummary& j);
//! One site's fleet, crews, parts and unit availability.
std::string reliability_site_text(const sim::SiteSummary& s);
//! The spares and crews needed to reach the goodput target.
std::string reliability_sizing_text(const sim::SiteSizing& z);

}  // namespace rackscale::report
