#include "rackscale/model/scenario.hpp"

#include <cmath>

namespace rackscale::model {

u::Duration DurationDistribution::median() const {
  switch (kind) {
    case Kind::Fixed:
      return a;
    case Kind::Uniform:
      return 0.5 * (a + b);
    case Kind::Triangular: {
      // Median of a triangular distribution on [a, c] with mode b.
      double lo = a.si(), mode = b.si(), hi = c.si();
      if (hi <= lo) return a;
      double med = (mode >= 0.5 * (lo + hi)) ? lo + std::sqrt((hi - lo) * (mode - lo) / 2.0)
                                             : hi - std::sqrt((hi - lo) * (hi - mode) / 2.0);
      return u::Duration::from_si(med);
    }
    case Kind::Lognormal:
      return a;
  }
  return a;
}

int Target::racks_for(const RackSystem& rack) const {
  if (racks) return *racks;
  if (gpus) {
    long long per = rack.gpus_per_rack();
    return static_cast<int>((*gpus + per - 1) / per);
  }
  if (it_power) return static_cast<int>(std::floor(*it_power / rack.power.design + 1e-9));
  return 0;
}

const std::vector<std::string>& component_classes() {
  static const std::vector<std::string> classes = {
      "gpu_tray", "switch_tray", "scale_out_switch", "frontend_switch", "optics", "power_shelf",
      "cdu",      "transformer", "switchgear",       "unit_substation", "ups",    "generator",
      "chiller",  "dry_cooler",  "cooling_tower",    "battery"};
  return classes;
}

}  // namespace rackscale::model
