#include "rackscale/design/power_redundancy.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/error.hpp"

namespace rackscale::design {

namespace {

// Relative tolerance under which a ratio counts as a whole number of units.
constexpr double kWholeTolerance = 1e-9;
// More units than this in one stage is a modelling mistake (a unit far too small), not a design.
constexpr double kMaxUnits = 1e7;

// The units of one group carrying `load`.
struct GroupCount {
  int needed = 0;
  int installed = 0;
  int loaded = 0;
  double loading_normal = 0.0;
  std::optional<double> loading_after_failure;
};

GroupCount count_group(double load, double capacity, const RedundancyScheme& s) {
  GroupCount g;
  const int n = ceil_units(load / capacity);
  g.needed = n;
  switch (s.kind) {
    case RedundancyScheme::Kind::N:
      g.installed = g.loaded = n;
      if (n > 1) g.loading_after_failure = load / ((n - 1) * capacity);
      break;
    case RedundancyScheme::Kind::NPlus:
      g.installed = g.loaded = n + s.spares;
      g.loading_after_failure = load / ((g.installed - 1) * capacity);
      break;
    case RedundancyScheme::Kind::TwoN:
      // Each side holds n units and normally carries half the load; a failure takes its side
      // off, the other side carries everything.
      g.installed = g.loaded = 2 * n;
      g.loading_after_failure = load / (n * capacity);
      break;
    case RedundancyScheme::Kind::Distributed: {
      // x systems of m units; any y systems carry the load: y * m * capacity >= load.
      const int m = ceil_units(load / (s.carrying * capacity));
      g.installed = g.loaded = s.systems * m;
      g.loading_after_failure = load / (s.carrying * m * capacity);
      break;
    }
    case RedundancyScheme::Kind::Block:
      // n active blocks carry the load; one reserve (catcher) block idles until an active block
      // fails and its load transfers to the reserve, so no unit ever carries more than before.
      g.installed = n + 1;
      g.loaded = n;
      g.loading_after_failure = load / (n * capacity);
      break;
  }
  g.loading_normal = load / (g.loaded * capacity);
  return g;
}

// The fewest installed units a non-empty group of the scheme can have.
int smallest_group(const RedundancyScheme& s) {
  switch (s.kind) {
    case RedundancyScheme::Kind::N:
      return 1;
    case RedundancyScheme::Kind::NPlus:
      return 1 + s.spares;
    case RedundancyScheme::Kind::TwoN:
      return 2;
    case RedundancyScheme::Kind::Distributed:
      return s.systems;
    case RedundancyScheme::Kind::Block:
      return 2;
  }
  return 1;
}

}  // namespace

int ceil_units(double x) {
  if (x <= 0.0) return 0;
  const double nearest = std::round(x);
  if (std::abs(x - nearest) <= kWholeTolerance * std::max(1.0, nearest)) {
    return checked_int(nearest, "a number of power units");
  }
  return checked_int(std::ceil(x), "a number of power units");
}

RedundantCount count_redundant(units::Power load, units::Power unit_capacity,
                               const RedundancyScheme& scheme, int max_units_per_group) {
  if (!(unit_capacity.si() > 0.0)) {
    throw Error(fmt::format("unit capacity must be > 0 W, got {} W", unit_capacity.si()));
  }
  if (load.si() < 0.0 || !std::isfinite(load.si())) {
    throw Error(fmt::format("load must be a finite power >= 0 W, got {} W", load.si()));
  }
  RedundantCount out;
  if (load.si() == 0.0) return out;

  const double l = load.si();
  const double c = unit_capacity.si();
  if (l / c > kMaxUnits) {
    throw Error(fmt::format(
        "a load of {:.4g} MW in units of {:.4g} kW would need more than {:.0f} units; the unit "
        "is far too small for the load",
        l / 1e6, c / 1e3, kMaxUnits));
  }
  const int needed = ceil_units(l / c);
  int groups = 1;
  GroupCount g = count_group(l, c, scheme);
  if (max_units_per_group > 0) {
    const int limit = std::max(max_units_per_group, smallest_group(scheme));
    // Every split into 1..needed equal groups is a candidate; keep the fewest installed units
    // among those whose groups fit under the limit (ties: the fewest groups). Splitting into
    // `needed` groups always fits: each group then needs one unit.
    bool found = false;
    for (int k = 1; k <= needed; ++k) {
      const GroupCount candidate = count_group(l / k, c, scheme);
      if (candidate.installed > limit) continue;
      if (!found || k * candidate.installed < groups * g.installed) {
        g = candidate;
        groups = k;
        found = true;
      }
    }
  }
  out.needed = needed;
  out.groups = groups;
  out.installed = groups * g.installed;
  out.loaded = groups * g.loaded;
  out.loading_normal = g.loading_normal;
  out.loading_after_failure = g.loading_after_failure;
  return out;
}

}  // namespace rackscale::design
