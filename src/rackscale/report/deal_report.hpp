#pragma once
//! The deal's outputs (docs/models/deal.md, docs/report.md "The deal"): deal.csv (each buyer's
//! NPV and the manufacturer's, P10/P50/P90), deal_cash_flows.csv (mean cash flows by month, per
//! buyer and per site) and the report section "The deal" (per option: exercise, racks, value, cost
//! as firm orders, idle and stranded racks, regret; per buyer: both sides' NPV and the cash-flow
//! chart). Written only when the scenario has a `demand:` section.

#include <string>

#include "rackscale/analysis/option_valuation.hpp"
#include "rackscale/core/calendar.hpp"

namespace rackscale::report {

//! One row per buyer: runs, NPV of the buyer and of the manufacturer (mean, P10, P50, P90),
//! the discounted value and payments, the racks bought and the margin.
std::string deal_csv(const analysis::OptionValuation& valuation);
//! One row per buyer, site and month (site "all": the buyer's total, the sum of its sites'
//! rows): the month's start date, the mean of each flow and of both sides' net, undiscounted
//! (`_usd`) then discounted to the scenario start (`_pv_usd`) [USD].
std::string deal_cash_flows_csv(const analysis::OptionValuation& valuation, Date start);
//! The HTML section "The deal" (id "deal"); empty when there is no buyer.
std::string deal_html(const analysis::OptionValuation& valuation, Date start);

}  // namespace rackscale::report
