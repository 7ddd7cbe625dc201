#pragma once
//! Redundancy schemes of power gear (N, N+k, 2N, distributed xN/y, block) and the unit counts and
//! loadings they imply. Definitions and sources: docs/models/power.md, "Redundancy".

#include <optional>
#include <string>

#include "rackscale/core/units.hpp"

namespace rackscale::design {

//! A redundancy scheme for a set of identical units (transformers, UPS modules, generators).
struct RedundancyScheme {
  enum class Kind {
    N,            //!< capacity only: no redundant unit
    NPlus,        //!< N+k: k spare units share the load in parallel
    TwoN,         //!< 2N: two complete systems (A and B), each able to carry the whole load
    Distributed,  //!< xN/y: x systems, any y of which carry the whole load ("4 to make 3")
    Block,        //!< N active blocks plus one unloaded reserve block per group (catcher)
  };
  Kind kind = Kind::N;
  int spares = 0;    //!< k of N+k [count]
  int systems = 0;   //!< x of xN/y [count]
  int carrying = 0;  //!< y of xN/y [count]
  std::string name;  //!< as written, e.g. "4N/3"
};

//! Parses "N", "N+k" (k >= 1), "2N", "xN/y" (x > y >= 1) or "block"; throws rackscale::Error
//! naming the valid forms.
RedundancyScheme parse_redundancy(const std::string& text);

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
