#pragma once
// A compact human-readable summary of a fabric design, for the CLI to print per site.

#include <string>

#include "rackscale/design/fabric.hpp"

namespace rackscale::report {

//! Fixed-width text table of every network's tiers, links, power and cost; ends with a newline.
std::string format_fabric_table(const design::Fabric& fabric);

}  // namespace rackscale::report
