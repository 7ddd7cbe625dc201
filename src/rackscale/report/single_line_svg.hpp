#pragma once
//! A single-line diagram of a site's power chain as a self-contained SVG (no external fonts,
//! stylesheets or scripts): stages top to bottom with counts, ratings, redundancy and loading,
//! standby generation on the LV bus and batteries on the MV bus.

#include <string>

#include "rackscale/design/power_chain.hpp"

namespace rackscale::report {

//! The SVG document (UTF-8 text) of `chain`'s single-line diagram, titled with `site_name`.
std::string single_line_svg(const design::PowerChain& chain, const std::string& site_name);

}  // namespace rackscale::report
