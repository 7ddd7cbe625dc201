#pragma once
//! A distribution of durations (phase lengths, lead times, transit times, interconnection
//! stages), shared by the scenario and the site power model.

#include "rackscale/core/units.hpp"

namespace rackscale::model {

namespace u = rackscale::units;

//! A distribution of durations (phase lengths, lead times, transit times).
struct DurationDistribution {
  enum class Kind { Fixed, Uniform, Triangular, Lognormal };
  Kind kind = Kind::Fixed;
  u::Duration a;  //!< fixed value, uniform/triangular min, lognormal median
  u::Duration b;  //!< uniform max, triangular mode, lognormal p90
  u::Duration c;  //!< triangular max
  //! The median (for deterministic summaries).
  u::Duration median() const;
};

}  // namespace rackscale::model
