#pragma once
//! Human-readable design outputs: `summary.md`, `bom.csv` and the short terminal summary.

#include <string>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/report/design_json.hpp"

namespace rackscale::report {

//! Markdown tables per site: loads, power chain, cooling, energy, space, cost and fabric.
std::string design_summary_markdown(const RunStamp& stamp,
                                    const std::vector<design::SiteDesign>& sites);

//! The bill of materials of every site as CSV, starting with its header row.
std::string bom_csv(const std::vector<design::SiteDesign>& sites);

//! A short aligned table of the key figures per site, for the terminal.
std::string design_terminal_summary(const std::vector<design::SiteDesign>& sites);

}  // namespace rackscale::report
