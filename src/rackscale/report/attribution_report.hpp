#pragma once
//! Outputs of the counterfactual attribution (analysis/attribution.hpp): attribution.csv, its
//! section of summary.md, its lines in the terminal and its JSON. docs/report.md lists the
//! columns; docs/models/attribution.md defines the figures.

#include <string>

#include <nlohmann/json.hpp>

#include "rackscale/analysis/attribution.hpp"

namespace rackscale::report {

//! The attribution of the site named `site`, or null (attribution off, or no such site).
const analysis::SiteAttribution* find_attribution(const analysis::Attribution& attribution,
                                                  const std::string& site);

//! One row per site and relaxation, best first, then the site's pair: site, constraint,
//! relaxed (single or pair), days_earlier_50_p50, days_earlier_100_p50, gpu_weeks_gained,
//! held_back_rack_weeks, days_earlier_50_is_lower_bound, days_earlier_100_is_lower_bound,
//! runs. Only the header when attribution is off.
std::string attribution_csv(const analysis::Attribution& attribution);

//! "## What to fix first": a Markdown table of every site's gains; empty when attribution is
//! off.
std::string attribution_markdown(const analysis::Attribution& attribution);

//! Under the terminal table: how the main bottleneck is found, then one line per site with its
//! main bottleneck's gain and the pair's; empty when attribution is off.
std::string attribution_terminal_text(const analysis::Attribution& attribution);

//! Every site's gains as a JSON array: constraint, pair, days earlier, GPU-weeks gained and
//! held back.
nlohmann::ordered_json attribution_gains_json(const analysis::SiteAttribution& site);

//! Days earlier as a reader sees them: "33 days", "-2 days", "0 days" (rounded to whole days),
//! "at least 47 days" for a lower bound.
std::string days_text(double days, bool lower_bound = false);

}  // namespace rackscale::report
