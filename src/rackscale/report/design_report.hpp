#pragma once
//! Human-readable design outputs: `summary.md`, `bom.csv` and the short terminal summary.

#include <string>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/io/design_json.hpp"

namespace rackscale::report {

//! Markdown tables per site: loads, power chain, cooling, energy, space, cost and fabric.
std::string design_summary_markdown(const io::RunStamp& stamp,
                                    const std::vector<design::SiteDesign>& sites);

//! The bill of materials of every site as CSV (one header line after a `#` provenance line).
std::string bom_csv(const io::RunStamp& stamp, const std::vector<design::SiteDesign>& sites);

//! A short aligned table of the key figures per site, for the terminal.
std::string design_terminal_summary(const std::vector<design::SiteDesign>& sites);

}  // namespace rackscale::report
