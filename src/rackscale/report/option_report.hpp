#pragma once
//! options.csv: the value of the purchase options a buyer's demand decides, one row per option
//! and one per contract (option "all"). Written only when the scenario has a `demand:` section.
//! Columns: docs/models/deal.md, "Outputs".

#include <string>

#include "rackscale/analysis/option_valuation.hpp"

namespace rackscale::report {

//! The valuation as CSV, one row per OptionValue.
std::string options_csv(const analysis::OptionValuation& valuation);

}  // namespace rackscale::report
