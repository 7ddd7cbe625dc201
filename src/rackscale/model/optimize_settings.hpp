#pragma once
//! Settings of `rackscale optimize` (`optimize:`); docs/optimize.md and
//! docs/scenario-format.md.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/units.hpp"

namespace rackscale::model {

namespace u = rackscale::units;

//! What `rackscale optimize` maximizes or minimizes.
enum class OptimizeObjective { GpuWeeks, LeastCost, NetPresentValue };
//! "gpu_weeks", "least_cost", "npv".
const std::vector<std::pair<std::string, OptimizeObjective>>& optimize_objective_names();

//! Which quantile of the Monte Carlo ranks the top plans.
enum class RiskMeasure { P50, P10 };
//! "p50", "p10".
const std::vector<std::pair<std::string, RiskMeasure>>& risk_measure_names();

//! Capex the plan may commit in one calendar year.
struct CapexBudget {
  int year = 0;
  u::Money amount;
};

//! Settings of `rackscale optimize` (`optimize:`); defaults as in docs/scenario-format.md.
struct OptimizeSettings {
  OptimizeObjective objective = OptimizeObjective::GpuWeeks;
  std::optional<int> target_racks;     //!< least_cost
  std::optional<Date> target_by;       //!< least_cost
  u::Money value_per_gpu_hour;         //!< npv [USD/GPU-h]
  double discount_rate = 0.08;         //!< npv [1/year]; assumption: finance.cost_of_capital's 8%
  u::Duration period = 4.0 * u::week;  //!< MILP period
  std::vector<CapexBudget> capex_budget;
  int max_concurrent_phases = 0;  //!< 0: no limit
  std::optional<u::Mass> carbon_cap;
  std::optional<u::Volume> water_cap;
  double duration_quantile = 0.5;  //!< durations reduced to this quantile
  int top_plans = 5;               //!< distinct plans the Monte Carlo checks
  RiskMeasure risk_measure = RiskMeasure::P50;
  u::Duration time_limit = 10.0 * u::second;
  int node_limit = 0;  //!< branch-and-bound nodes per plan; 0: no limit (a limit reached the same
                       //!< way on every machine)
};

}  // namespace rackscale::model
