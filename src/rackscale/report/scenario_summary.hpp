#pragma once
//! A readable summary of a validated scenario: sites, grid schedule, target power, racks.

#include <string>

#include "rackscale/io/scenario_loader.hpp"

namespace rackscale::report {

//! Multi-line text summary (what `rackscale validate` prints for a valid scenario).
std::string scenario_summary(const io::LoadedScenario& loaded);

}  // namespace rackscale::report
