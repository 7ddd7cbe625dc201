#include "rackscale/design/grid_cap.hpp"

#include <algorithm>
#include <cmath>

namespace rackscale::design {

namespace u = rackscale::units;

double utility_mw_per_rack(const SiteDesign& design) {
  return design.racks > 0 ? design.power.design.total.in(u::MW) / static_cast<double>(design.racks)
                          : 0.0;
}

int energized_racks(double mw, double mw_per_rack, int racks) {
  racks = std::max(0, racks);
  if (mw_per_rack <= 0.0) return racks;
  // 1e-9: a capacity of exactly n racks' demand energizes n racks despite rounding.
  const double energized = std::floor(mw / mw_per_rack + 1e-9);
  return energized >= static_cast<double>(racks) ? racks : static_cast<int>(energized);
}

int grid_energized_racks(u::Power capacity, const SiteDesign& design) {
  return energized_racks(capacity.in(u::MW), utility_mw_per_rack(design), design.racks);
}

double final_power_mw(const model::Site& site, const SiteDesign& design) {
  double firm = site.grid.empty() ? 0.0 : site.grid.back().capacity.in(u::MW);
  if (!site.power) return firm;
  if (site.power->interconnection) firm += site.power->interconnection->capacity.in(u::MW);
  const bool carried = firm >= design.power.design.total.in(u::MW)-1e-9;
  double bridging = 0.0;
  for (const auto& block : site.power->bridging) {
    if (!carried || !block.retire_when_grid) bridging += block.capacity.in(u::MW);
  }
  return firm + bridging;
}

int grid_capped_racks(const model::Site& site, const SiteDesign& design) {
  const int racks = std::max(0, design.racks);
  if (site.grid.empty() && !site.power) return racks;
  return racks - energized_racks(final_power_mw(site, design), utility_mw_per_rack(design), racks);
}

}  // namespace rackscale::design
