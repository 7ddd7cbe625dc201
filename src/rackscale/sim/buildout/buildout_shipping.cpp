#include "rackscale/sim/buildout/buildout_shipping.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "rackscale/core/checked.hpp"

namespace rackscale::sim {

double great_circle_km(const model::Location& a, const model::Location& b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double phi1 = a.latitude * kRad, phi2 = b.latitude * kRad;
  const double dphi = phi2 - phi1;
  const double dlambda = (b.longitude - a.longitude) * kRad;
  const double s1 = std::sin(dphi / 2.0), s2 = std::sin(dlambda / 2.0);
  const double h = s1 * s1 + std::cos(phi1) * std::cos(phi2) * s2 * s2;
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

int transit_days(const model::Location& from, const model::Location& to) {
  const double days = great_circle_km(from, to) / kTruckingKmPerDay + kHandlingDays;
  // 1e-9: a distance of exactly n x 800 km is n days, not n + 1 after rounding noise.
  return std::max(1, checked_int(std::ceil(days - 1e-9), "the days in transit"));
}

}  // namespace rackscale::sim
