#pragma once
//! The unit counts and loadings implied by a redundancy scheme of power gear (N, N+k, 2N,
//! distributed xN/y, block; the scheme itself is model::RedundancyScheme, parsed by io).
//! Definitions and sources: docs/models/power.md, "Redundancy".

#include <optional>
#include <string>

#include "rackscale/core/units.hpp"
#include "rackscale/model/redundancy_scheme.hpp"

namespace rackscale::design {

using model::RedundancyScheme;

//! The units of one stage under a redundancy scheme, and how hard they work.
struct RedundantCount {
  int needed = 0;     //!< N: units that carry the whole load with nothing failed [count]
  int installed = 0;  //!< units bought and energized [count]
  int loaded = 0;     //!< units sharing the load in normal operation (block: not reserves) [count]
  int groups = 0;     //!< independent redundancy groups the load is split into [count]
  double loading_normal = 0.0;  //!< load of the busiest unit / unit capacity, nothing failed [0-1]
  //! Load of the busiest surviving unit / unit capacity after one unit fails [0-..]; above 1 is
  //! an overload; empty when no unit is left to carry the failed unit's load.
  std::optional<double> loading_after_failure;
  //! True when one unit can fail without any unit going above its capacity.
  bool survives_one_failure() const {
    return loading_after_failure.has_value() && *loading_after_failure <= 1.0 + 1e-9;
  }
};

//! Units of capacity `unit_capacity` needed to carry `load` under `scheme`. With
//! `max_units_per_group` > 0 the load is split evenly over g groups, each holding at most that
//! many installed units, choosing the g with the fewest units in total (ties: the fewest
//! groups); 0: one group, no limit. Zero load needs no units. Throws rackscale::Error for a
//! non-positive capacity, a negative load, or more than 10^7 units.
RedundantCount count_redundant(units::Power load, units::Power unit_capacity,
                               const RedundancyScheme& scheme, int max_units_per_group = 0);

//! ceil(x) that treats x within 1e-9 (relative) of an integer as that integer, so that a load
//! of exactly k units computed in floating point needs k units, not k+1.
int ceil_units(double x);

}  // namespace rackscale::design
