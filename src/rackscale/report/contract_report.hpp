#pragma once
//! Outputs of the contract search (`rackscale optimize --contract NAME`): contract_frontier.csv,
//! one row per point, and the terminal table of the frontier.

#include <string>

#include "rackscale/analysis/contract_search.hpp"

namespace rackscale::report {

//! One row per point (the contract as written first): its terms, the buyer's NPV mean and
//! P10/P50/P90, the manufacturer's mean NPV, whether it meets the floor, is on the frontier and
//! is the best.
std::string contract_frontier_csv(const analysis::ContractSearch& search);
//! The frontier (expected NPV against P10) as a text table, the best point and the contract as
//! written for comparison.
std::string contract_frontier_text(const analysis::ContractSearch& search);

//! The frontier as an SVG chart: every point's mean NPV against its P10 (the frontier filled and
//! joined), the contract as written, the best point and the risk limit.
std::string contract_frontier_svg(const analysis::ContractSearch& search);

//! contract_frontier.html: the text table and the chart on one page titled `title`.
std::string contract_frontier_html(const analysis::ContractSearch& search,
                                   const std::string& title);

}  // namespace rackscale::report
