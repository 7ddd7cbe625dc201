#include "rackscale/design/grid_cap.hpp"

#include <algorithm>
#include <cmath>

namespace rackscale::design {

namespace u = rackscale::units;

double utility_mw_per_rack(const SiteDesign& design) {
  return design.racks > 0 ? design.power.design.total.in(u::MW) / static_cast<double>(design.racks)
                          : 0.0;
}

int grid_energized_racks(u::Power capacity, const SiteDesign& design) {
  const int racks = std::max(0, design.racks);
  const double per_rack_mw = utility_mw_per_rack(design);
  if (per_rack_mw <= 0.0) return racks;
  // 1e-9: a capacity of exactly n racks' demand energizes n racks despite rounding.
  const double energized = std::floor(capacity.in(u::MW) / per_rack_mw + 1e-9);
  return energized >= static_cast<double>(racks) ? racks : static_cast<int>(energized);
}

int grid_capped_racks(const model::Site& site, const SiteDesign& design) {
  const int racks = std::max(0, design.racks);
  if (site.grid.empty()) return racks;
  return racks - grid_energized_racks(site.grid.back().capacity, design);
}

}  // namespace rackscale::design
