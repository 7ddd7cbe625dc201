#include "rackscale/sim/buildout/site_power_draw.hpp"

#include <algorithm>

#include "rackscale/design/site_power_schedule.hpp"
#include "rackscale/sim/buildout/buildout_sampling.hpp"

namespace rackscale::sim {

namespace u = rackscale::units;

namespace {

// 1e-9: a grid of exactly the load carries it despite rounding.
constexpr double kMwTolerance = 1e-9;

// The largest `grid:` step energized by `day` [MW] (a step energized before an earlier one
// brings its total at once, as the build-out's grid schedule).
double grid_steps_mw(const PlanPower& power, const std::vector<int>& grid_step_days, int day) {
  double mw = 0.0;
  for (std::size_t step = 0; step < grid_step_days.size(); ++step) {
    if (grid_step_days[step] <= day) mw = std::max(mw, power.grid_mw[step]);
  }
  return mw;
}

// Firm grid by `day`: grid steps plus the interconnection once energized [MW].
double firm_mw(const PlanPower& power, const std::vector<int>& grid_step_days,
               const PowerDays& days, int day) {
  const bool energized = power.interconnection && day >= days.firm_day;
  return grid_steps_mw(power, grid_step_days, day) + (energized ? power.interconnection_mw : 0.0);
}

// The days the power changes, sorted and unique.
std::vector<int> change_days(const PlanPower& power, const std::vector<int>& grid_step_days,
                             const PowerDays& days) {
  std::vector<int> out = grid_step_days;
  if (power.interconnection) {
    out.push_back(days.firm_day);
    if (power.flexible_mw > 0.0) out.push_back(days.firm_day - power.flexible_earlier_days);
  }
  out.insert(out.end(), days.bridging_days.begin(), days.bridging_days.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

PlanPower plan_power(const model::SitePower& power, const std::vector<model::GridStep>& grid,
                     Date start, double load_mw) {
  PlanPower out;
  for (const auto& step : grid) out.grid_mw.push_back(step.capacity.in(u::MW));
  if (power.interconnection) {
    out.interconnection = true;
    out.requested_day = power.interconnection->requested.days_since(start);
    out.interconnection_mw = power.interconnection->capacity.in(u::MW);
    out.stages = power.interconnection->stages;
  }
  if (power.flexible) {
    out.flexible_mw = power.flexible->capacity.in(u::MW)*power.flexible->availability;
    out.flexible_earlier_days = design::whole_days(power.flexible->earlier_by);
  }
  for (const auto& block : power.bridging) {
    out.bridging.push_back({block.ordered.days_since(start), block.lead_time,
                            block.capacity.in(u::MW), block.retire_when_grid});
  }
  out.load_mw = load_mw;
  return out;
}

PowerDays draw_power_days(const PlanPower& power, Rng& stream) {
  PowerDays days;
  if (power.interconnection) {
    days.firm_day = power.requested_day;
    for (const auto& stage : power.stages) days.firm_day += sample_days(stage, stream);
  }
  for (const auto& block : power.bridging) {
    days.bridging_days.push_back(block.ordered_day + sample_days(block.lead_time, stream));
  }
  return days;
}

PowerDays median_power_days(const PlanPower& power) {
  PowerDays days;
  if (power.interconnection) {
    days.firm_day = power.requested_day +
                    design::sum_quantile_days({power.stages.begin(), power.stages.end()}, 0.5);
  }
  for (const auto& block : power.bridging) {
    days.bridging_days.push_back(block.ordered_day +
                                 design::sum_quantile_days({block.lead_time}, 0.5));
  }
  return days;
}

std::vector<PowerStep> power_schedule(const PlanPower& power,
                                      const std::vector<int>& grid_step_days,
                                      const PowerDays& days) {
  const std::vector<int> changes = change_days(power, grid_step_days, days);
  // Blocks that retire do so on the first day the firm grid carries the full load.
  const auto carried = std::find_if(changes.begin(), changes.end(), [&](int day) {
    return firm_mw(power, grid_step_days, days, day) >= power.load_mw - kMwTolerance;
  });
  const int retire_day = carried == changes.end() ? kNeverPowerDay : *carried;
  std::vector<PowerStep> steps;
  for (int day : changes) {
    PowerStep step{day, firm_mw(power, grid_step_days, days, day), 0.0};
    const bool early = power.interconnection && day < days.firm_day &&
                       day >= days.firm_day - power.flexible_earlier_days;
    if (early) step.mw += power.flexible_mw;
    for (std::size_t b = 0; b < power.bridging.size(); ++b) {
      const bool retired = power.bridging[b].retire_when_grid && day >= retire_day;
      if (days.bridging_days[b] <= day && !retired) step.bridging_mw += power.bridging[b].mw;
    }
    step.mw += step.bridging_mw;
    steps.push_back(step);
  }
  return steps;
}

}  // namespace rackscale::sim
