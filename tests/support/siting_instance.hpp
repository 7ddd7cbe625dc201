#pragma once
//! A generated siting problem for the optimizer's benchmark and tests (docs/models/optimize.md,
//! "Benchmark instance"): candidates with phases, build times, grid arrival and bridging drawn
//! from a fixed seed, the factories of issue 14 (1,000 racks a week in the first year, 2,000
//! after), GB300 NVL72 racks.

#include "rackscale/optimize/problem.hpp"

namespace rackscale::support {

//! The size of a generated instance.
struct SitingInstanceSpec {
  int candidates = 50;
  int weeks = 156;
  int period_weeks = 1;  //!< weeks aggregated into one period
  unsigned seed = 2026;
};

//! The generated problem (objective GPU-weeks).
optimize::Problem generated_siting_problem(const SitingInstanceSpec& spec);

}  // namespace rackscale::support
