#pragma once
//! factory_operations.csv, the summary's "Factory" section and the report's part of it: the lines
//! shared with other buyers, burn-in power, yield, qualification and the early-access gain
//! (docs/models/factory.md, "Outputs"). Written only when a factory has operations keys.

#include <string>

#include "rackscale/analysis/factory_study.hpp"
#include "rackscale/core/calendar.hpp"

namespace rackscale::report {

//! One row per factory (buyer "partner"), then one per other buyer of it.
std::string factory_operations_csv(const analysis::FactoryStudy& study, Date start);

//! "## Factory" with a line per factory and per other buyer; empty without factories.
std::string factory_summary_markdown(const analysis::FactoryStudy& study, Date start);

//! The report's part of the same: a paragraph per factory (utilization by every buyer, the
//! ramp, burn-in, yield, the early-access gain) and a table of every buyer's use of the lines;
//! empty without factories.
std::string factory_operations_html(const analysis::FactoryStudy& study, Date start);

}  // namespace rackscale::report
