#pragma once
//! Power to a site in the build-out (docs/models/power-to-site.md): the site's `power:` section
//! in plan days and MW, the days it is drawn to arrive in a run (or expected by the planner), and
//! the MW it delivers from each day on: grid steps plus the interconnection, the flexible
//! connection before it, and bridging generation until the firm grid carries the full load.

#include <array>
#include <limits>
#include <vector>

#include "rackscale/core/random.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::sim {

//! A block of bridging generation in plan days and MW.
struct PlanBridging {
  int ordered_day = 0;
  model::DurationDistribution lead_time;
  double mw = 0.0;  //!< [MW]
  bool retire_when_grid = true;
};

//! A site's power section in plan days and MW.
struct PlanPower {
  std::vector<double> grid_mw;  //!< each `grid:` step's capacity, in the site's step order [MW]
  bool interconnection = false;
  int requested_day = 0;
  double interconnection_mw = 0.0;  //!< [MW]
  std::array<model::DurationDistribution, model::kInterconnectionStages> stages;
  double flexible_mw = 0.0;  //!< capacity x availability [MW]
  int flexible_earlier_days = 0;
  std::vector<PlanBridging> bridging;
  double load_mw = 0.0;  //!< the site's utility demand at its target [MW]
};

//! The site's power section in plan days (day 0 = `start`) and MW; `load_mw` the site's demand
//! at its target.
PlanPower plan_power(const model::SitePower& power, const std::vector<model::GridStep>& grid,
                     Date start, double load_mw);

//! A day after every run's horizon: "never".
inline constexpr int kNeverPowerDay = std::numeric_limits<int>::max() / 8;

//! When the parts of a site's power arrive in one run.
struct PowerDays {
  int firm_day = 0;                //!< the interconnection energized (if any) [day]
  std::vector<int> bridging_days;  //!< each bridging block available [day]
};

//! One run's days: the interconnection's stages drawn in order, then each block's lead time,
//! from the site's power stream (fixed durations draw nothing).
PowerDays draw_power_days(const PlanPower& power, Rng& stream);

//! The planner's days: each sum at its median (exact, design::sum_quantile_days).
PowerDays median_power_days(const PlanPower& power);

//! Power from `day` on.
struct PowerStep {
  int day = 0;
  double mw = 0.0;           //!< all sources [MW]
  double bridging_mw = 0.0;  //!< of which bridging generation [MW]
};

//! The MW a site has from each day on, by day: the largest `grid:` step energized by then
//! (`grid_step_days`, in step order), plus the interconnection from its day, plus the flexible
//! connection x availability in the `flexible_earlier_days` before it, plus bridging blocks
//! from their days until the firm grid (steps + interconnection) reaches `load_mw` (blocks that
//! retire) [MW].
std::vector<PowerStep> power_schedule(const PlanPower& power,
                                      const std::vector<int>& grid_step_days,
                                      const PowerDays& days);

}  // namespace rackscale::sim
