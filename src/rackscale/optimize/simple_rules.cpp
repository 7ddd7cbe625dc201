#include "rackscale/optimize/simple_rules.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "rackscale/optimize/milp_model.hpp"

namespace rackscale::optimize {

namespace {

int first_grid_period(const Problem& problem, const Candidate& candidate) {
  for (int period = 0; period < problem.periods; ++period) {
    if (grid_mw_at(candidate, period) > 0.0) return period;
  }
  return problem.periods;
}

//! Candidate indices in the rule's order (ties: the problem's order).
std::vector<int> ranking(const Problem& problem, SimpleRule rule) {
  std::vector<double> key;
  for (const Candidate& candidate : problem.candidates) {
    key.push_back(rule == SimpleRule::CheapestPowerFirst ? candidate.energy_usd_per_mwh
                                                         : first_grid_period(problem, candidate));
  }
  std::vector<int> order(problem.candidates.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key[a] < key[b]; });
  return order;
}

//! What the rule has committed so far.
struct RuleState {
  const Problem& problem;
  std::vector<double> capex_by_year;
  std::vector<int> building;  //!< [period]: phases under construction
  Plan plan;
};

//! Racks the rule aims to place: every rack delivered, or for LeastCost the target.
long long racks_wanted(const Problem& problem) {
  if (problem.objective.kind == ObjectiveKind::LeastCost) return problem.objective.target_racks;
  return std::accumulate(problem.factory_racks.begin(), problem.factory_racks.end(), 0LL);
}

//! Whether phase `phase` of `index` may start in `start` within the budget and the construction
//! limit.
bool fits(const RuleState& state, int index, int phase, int start) {
  const Problem& problem = state.problem;
  const Candidate& candidate = problem.candidates[index];
  const int year = year_of_period(problem, start);
  const double capex = candidate.phase_capex_musd + (phase == 0 ? candidate.site_capex_musd : 0.0);
  if (year < static_cast<int>(state.capex_by_year.size()) &&
      state.capex_by_year[year] + capex > problem.capex_budget_musd_per_year[year] + 1e-9) {
    return false;
  }
  if (problem.max_concurrent_phases <= 0) return true;
  const int end = std::min(problem.periods, start + std::max(1, candidate.build_periods));
  for (int period = start; period < end; ++period) {
    if (state.building[period] >= problem.max_concurrent_phases) return false;
  }
  return true;
}

void commit(RuleState& state, int index, int phase, int start) {
  const Problem& problem = state.problem;
  const Candidate& candidate = problem.candidates[index];
  const int year = year_of_period(problem, start);
  if (year < static_cast<int>(state.capex_by_year.size())) {
    state.capex_by_year[year] +=
        candidate.phase_capex_musd + (phase == 0 ? candidate.site_capex_musd : 0.0);
  }
  const int end = std::min(problem.periods, start + std::max(1, candidate.build_periods));
  for (int period = start; period < end; ++period) ++state.building[period];
  CandidatePlan& plan = state.plan.candidates[index];
  plan.chosen = true;
  plan.phases.push_back({phase, start});
}

//! Starts phases in rank order, each as early as it fits, until they can hold the racks wanted.
void start_phases(RuleState& state, const std::vector<int>& order) {
  long long room = 0;
  const long long wanted = racks_wanted(state.problem);
  for (int index : order) {
    const Candidate& candidate = state.problem.candidates[index];
    const int last = state.problem.periods - 1 - candidate.build_periods;
    int earliest = std::max(0, candidate.earliest_start);
    for (int phase = 0; phase < candidate.phases && room < wanted; ++phase) {
      int start = earliest;
      while (start <= last && !fits(state, index, phase, start)) ++start;
      if (start > last) break;
      commit(state, index, phase, start);
      earliest = start;
      room += candidate.racks_per_phase;
    }
  }
}

//! Racks a candidate can hold online from each period on (phases ready, grid MW, and every later
//! period's limit, since racks stay).
std::vector<long long> holding(const Problem& problem, int index, const CandidatePlan& plan) {
  const Candidate& candidate = problem.candidates[index];
  std::vector<long long> capacity(problem.periods);
  const double rack_mw = problem.rack_it_mw * candidate.facility_mw_per_it_mw;
  for (int period = 0; period < problem.periods; ++period) {
    const auto ready = std::count_if(
        plan.phases.begin(), plan.phases.end(),
        [&](const PhaseStart& phase) { return phase.period + candidate.build_periods <= period; });
    const auto powered =
        static_cast<long long>(std::floor(grid_mw_at(candidate, period) / rack_mw + 1e-9));
    capacity[period] =
        std::min<long long>(ready * candidate.racks_per_phase, std::max(0LL, powered));
  }
  for (int period = problem.periods - 2; period >= 0; --period) {
    capacity[period] = std::min(capacity[period], capacity[period + 1]);
  }
  return capacity;
}

//! Each period, the racks in stock go to the candidates in rank order, within their room and rate.
void place_racks(RuleState& state, const std::vector<int>& order) {
  const Problem& problem = state.problem;
  std::vector<std::vector<long long>> capacity(problem.candidates.size());
  for (int index : order) capacity[index] = holding(problem, index, state.plan.candidates[index]);
  std::vector<long long> online(problem.candidates.size(), 0);
  long long stock = 0;
  long long left = racks_wanted(problem);
  for (int period = 0; period < problem.periods; ++period) {
    if (period < static_cast<int>(problem.factory_racks.size()))
      stock += problem.factory_racks[period];
    for (int index : order) {
      const int rate = problem.candidates[index].install_racks_per_period;
      long long install = std::min({stock, left, capacity[index][period] - online[index]});
      if (rate > 0) install = std::min<long long>(install, rate);
      install = std::max(0LL, install);
      state.plan.candidates[index].racks_installed[period] = static_cast<int>(install);
      online[index] += install;
      stock -= install;
      left -= install;
    }
  }
}

//! Bridging MW carrying load in a period: the load beyond the grid, from the offers in order.
void carry_with_bridging(const Problem& problem, const MilpModel& model, int index, int period,
                         double online, std::vector<double>& values) {
  const Candidate& candidate = problem.candidates[index];
  const CandidateColumns& columns = model.candidates[index];
  double excess = std::max(0.0, online * problem.rack_it_mw * candidate.facility_mw_per_it_mw -
                                    grid_mw_at(candidate, period));
  for (std::size_t offer = 0; offer < columns.bridging_used.size(); ++offer) {
    const int lead = candidate.bridging[offer].lead_periods;
    const double available =
        period >= lead ? values[columns.bridging_ordered[offer][period - lead]] : 0.0;
    const double used = std::min(excess, available);
    values[columns.bridging_used[offer][period]] = used;
    excess -= used;
  }
}

}  // namespace

std::vector<double> plan_column_values(const Problem& problem, const MilpModel& model,
                                       const Plan& plan) {
  std::vector<double> values(model.program.columns(), 0.0);
  for (std::size_t index = 0; index < plan.candidates.size(); ++index) {
    const CandidatePlan& candidate = plan.candidates[index];
    const CandidateColumns& columns = model.candidates[index];
    for (const PhaseStart& phase : candidate.phases) {
      for (int period = phase.period; period <= columns.last_start; ++period) {
        values[started_column(columns, phase_group(phase.phase), period)] += 1.0;
      }
    }
    for (std::size_t offer = 0;
         offer < candidate.bridging_ordered_mw.size() && offer < columns.bridging_ordered.size();
         ++offer) {  // as ordered, step by step (each step's capex in its own budget year)
      const std::vector<double>& schedule = candidate.bridging_ordered_mw[offer];
      for (std::size_t period = 0;
           period < schedule.size() && period < columns.bridging_ordered[offer].size(); ++period)
        values[columns.bridging_ordered[offer][period]] = schedule[period];
    }
    double online = 0.0;
    for (int period = 0; period < problem.periods; ++period) {
      online += candidate.racks_installed[period];
      values[columns.online[period]] = online;
      carry_with_bridging(problem, model, static_cast<int>(index), period, online, values);
    }
  }
  return values;
}

double plan_objective(const Problem& problem, const Plan& plan) {
  const MilpModel model = build_model(problem);
  const std::vector<double> values = plan_column_values(problem, model, plan);
  return std::inner_product(values.begin(), values.end(), model.reported_cost.begin(), 0.0);
}

bool plan_meets_every_row(const Problem& problem, const Plan& plan) {
  const MilpModel model = build_model(problem);
  return meets_every_row(model.program, plan_column_values(problem, model, plan));
}

std::vector<int> racks_online(const Problem& problem, const Plan& plan) {
  std::vector<int> online(problem.periods, 0);
  for (const CandidatePlan& candidate : plan.candidates) {
    int total = 0;
    for (int period = 0; period < problem.periods; ++period) {
      total += candidate.racks_installed[period];
      online[period] += total;
    }
  }
  return online;
}

Plan simple_rule_plan(const Problem& problem, SimpleRule rule) {
  RuleState state{problem,
                  std::vector<double>(problem.capex_budget_musd_per_year.size(), 0.0),
                  std::vector<int>(problem.periods, 0),
                  {}};
  for (const Candidate& candidate : problem.candidates) {
    CandidatePlan plan;
    plan.racks_installed.assign(problem.periods, 0);
    plan.bridging_mw.assign(candidate.bridging.size(), 0.0);
    plan.bridging_period.assign(candidate.bridging.size(), -1);
    state.plan.candidates.push_back(plan);
  }
  const std::vector<int> order = ranking(problem, rule);
  start_phases(state, order);
  place_racks(state, order);
  Plan plan = std::move(state.plan);
  plan.objective = plan_objective(problem, plan);
  plan.bound = plan.objective;
  plan.optimal = false;
  plan.status =
      plan_meets_every_row(problem, plan) ? SolveStatus::Optimal : SolveStatus::Infeasible;
  return plan;
}

}  // namespace rackscale::optimize
