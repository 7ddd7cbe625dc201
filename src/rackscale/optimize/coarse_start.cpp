#include "rackscale/optimize/coarse_start.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "rackscale/optimize/simple_rules.hpp"

namespace rackscale::optimize {

namespace {

//! Share of the time limit the coarse solve may take (then the window, then the fine solve).
constexpr double kCoarseTimeShare = 0.3;
//! Share of the time limit the fine solve around the coarse plan's phase starts may take.
constexpr double kWindowTimeShare = 0.3;

int ceil_div(int value, int divisor) {
  return (std::max(0, value) + divisor - 1) / divisor;
}

Candidate coarsened_candidate(const Problem& problem, const Candidate& fine, int factor) {
  Candidate coarse = fine;
  coarse.earliest_start = ceil_div(fine.earliest_start, factor);
  coarse.build_periods = ceil_div(fine.build_periods, factor);
  coarse.install_racks_per_period = fine.install_racks_per_period * factor;
  for (BridgingOffer& offer : coarse.bridging) {
    offer.lead_periods = ceil_div(offer.lead_periods, factor);
  }
  if (fine.grid_mw.empty()) return coarse;
  coarse.grid_mw.clear();
  for (int start = 0; start < problem.periods; start += factor) {  // the least MW in the period
    double least = grid_mw_at(fine, start);
    for (int period = start; period < std::min(problem.periods, start + factor); ++period)
      least = std::min(least, grid_mw_at(fine, period));
    coarse.grid_mw.push_back(least);
  }
  return coarse;
}

//! Bridging MW of candidate `index` carrying load in `period` cut, last offer first, to the load of
//! `online` racks (bridging carries at most the load).
void cut_bridging_to_load(const Problem& problem, const MilpModel& model, int index, int period,
                          double online, std::vector<double>& values) {
  const Candidate& candidate = problem.candidates[index];
  const CandidateColumns& columns = model.candidates[index];
  double excess = -online * problem.rack_it_mw * candidate.facility_mw_per_it_mw;
  for (const auto& used : columns.bridging_used) excess += values[used[period]];
  for (auto used = columns.bridging_used.rbegin(); used != columns.bridging_used.rend(); ++used) {
    const double cut = std::clamp(excess, 0.0, values[(*used)[period]]);
    values[(*used)[period]] -= cut;
    excess -= cut;
  }
}

//! `program` with the phase starts of `coarse` (a plan of the coarse problem) bounded: each
//! within `slack` periods of `factor` x its coarse period (0: fixed there), the phases it does
//! not start left out; false when a start falls outside the fine window.
bool bound_phase_starts(const MilpModel& model, const Plan& coarse, int factor, int slack,
                        LinearProgram& program) {
  for (std::size_t index = 0; index < model.candidates.size(); ++index) {
    const CandidateColumns& columns = model.candidates[index];
    for (const auto& group : columns.started) {  // phases of the group started by each period
      for (std::size_t slot = 0; slot < group.size(); ++slot) {
        program.column_lower[group[slot]] = 0.0;
        program.column_upper[group[slot]] = 0.0;
      }
    }
    for (const PhaseStart& phase : coarse.candidates[index].phases) {
      const int start = factor * phase.period;
      if (start < columns.first_start || start > columns.last_start) return false;
      const auto& group = columns.started[phase_group(phase.phase)];
      for (std::size_t slot = 0; slot < group.size(); ++slot) {
        const int period = columns.first_start + static_cast<int>(slot);
        if (period >= start + slack) program.column_lower[group[slot]] += 1.0;
        if (period >= start - slack) program.column_upper[group[slot]] += 1.0;
      }
    }
  }
  return true;
}

//! The fine plan of the coarse plan: its phase starts fixed, racks by the fine linear program
//! (whole racks rounded down, bridging carrying what the grid cannot).
std::vector<double> fixed_starts_plan(const Problem& problem, const MilpModel& model,
                                      const Plan& coarse, int factor, const SolveOptions& options) {
  LinearProgram fixed = model.program;
  if (coarse.candidates.empty() || !bound_phase_starts(model, coarse, factor, 0, fixed)) return {};
  std::fill(fixed.is_integer.begin(), fixed.is_integer.end(), 0);
  const MilpSolution relaxation = run_clp(fixed);
  if (relaxation.values.empty() || !options.whole_racks) return relaxation.values;
  return racks_rounded_down(problem, model, relaxation.values);
}

//! Rounds of the local search around the window's plan (each re-centred on a better plan).
constexpr int kLocalRounds = 4;

//! The best fine plan whose phases start within a coarse period of the coarse plan's, from
//! `fixed` (the coarse plan with fixed starts); then, while time is left, the best whose phases
//! start within `factor` periods of that plan's, re-centred on each better plan found. `fixed`
//! itself when none is found in time.
std::vector<double> refined(const Problem& problem, const MilpModel& model, const Plan& coarse,
                            int factor, const SolveOptions& options, std::vector<double> fixed) {
  LinearProgram window = model.program;
  if (fixed.empty() || !bound_phase_starts(model, coarse, factor, factor - 1, window)) return fixed;
  const auto began = std::chrono::steady_clock::now();
  MilpSolution best = run_cbc(window, options, fixed);
  if (best.values.empty()) return fixed;
  for (int round = 0; round < kLocalRounds; ++round) {
    const double spent =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    if (spent >= options.time_limit_seconds) break;
    SolveOptions rest = options;
    rest.time_limit_seconds = options.time_limit_seconds - spent;
    window = model.program;
    if (!bound_phase_starts(model, plan_from_solution(problem, model, best), 1, factor, window))
      break;
    MilpSolution next = run_cbc(window, rest, best.values);
    const double sense = window.maximize ? 1.0 : -1.0;
    if (next.values.empty() || sense * next.objective <= sense * best.objective) break;
    best = std::move(next);
  }
  return best.values;
}

//! The simple rules' plans that meet every row of `model`, as its column values.
std::vector<std::vector<double>> rule_starts(const Problem& problem, const MilpModel& model) {
  std::vector<std::vector<double>> starts;
  for (SimpleRule rule : {SimpleRule::CheapestPowerFirst, SimpleRule::EarliestGridFirst}) {
    const Plan plan = simple_rule_plan(problem, rule);
    if (plan.status != SolveStatus::Optimal) continue;
    std::vector<double> values = plan_column_values(problem, model, plan);
    if (meets_every_row(model.program, values)) starts.push_back(std::move(values));
  }
  return starts;
}

//! The start of `starts` with the best objective of `program`; empty when there is none.
std::vector<double> best_start(const LinearProgram& program,
                               std::vector<std::vector<double>> starts) {
  std::erase_if(starts, [&](const std::vector<double>& values) {
    return values.empty() || !meets_every_row(program, values);
  });
  if (starts.empty()) return {};
  const double sense = program.maximize ? 1.0 : -1.0;
  return *std::max_element(starts.begin(), starts.end(), [&](const auto& a, const auto& b) {
    return sense * program.objective(a) < sense * program.objective(b);
  });
}

//! The plan of `problem` with racks continuous, CBC starting from the better simple rule's plan:
//! the coarse plan (the fine linear program places its racks).
Plan continuous_racks_plan(const Problem& problem, SolveOptions options) {
  options.whole_racks = false;
  const MilpModel model = build_model(problem, {RowFamily::None, false});
  const std::vector<double> start = best_start(model.program, rule_starts(problem, model));
  return plan_from_solution(problem, model, run_cbc(model.program, options, start));
}

}  // namespace

int coarse_factor(const Problem& problem) {
  return ceil_div(problem.periods, kCoarsePeriods);
}

Problem coarsened(const Problem& problem, int factor) {
  Problem coarse = problem;
  coarse.periods = ceil_div(problem.periods, factor);
  coarse.period_weeks = problem.period_weeks * factor;
  coarse.factory_racks.assign(coarse.periods, 0);
  const int delivering = std::min(problem.periods, static_cast<int>(problem.factory_racks.size()));
  for (int period = 0; period < delivering; ++period)
    coarse.factory_racks[period / factor] += problem.factory_racks[period];
  coarse.objective.target_period = problem.objective.target_period / factor;
  coarse.candidates.clear();
  for (const Candidate& candidate : problem.candidates)
    coarse.candidates.push_back(coarsened_candidate(problem, candidate, factor));
  return coarse;
}

std::vector<double> coarse_start(const Problem& problem, const MilpModel& model,
                                 const SolveOptions& options) {
  std::vector<std::vector<double>> starts = rule_starts(problem, model);
  const int factor = coarse_factor(problem);
  if (factor > 1) {
    SolveOptions coarse = options;
    coarse.time_limit_seconds = kCoarseTimeShare * options.time_limit_seconds;
    const Plan plan = continuous_racks_plan(coarsened(problem, factor), coarse);
    SolveOptions window = options;
    window.time_limit_seconds = kWindowTimeShare * options.time_limit_seconds;
    starts.push_back(refined(problem, model, plan, factor, window,
                             fixed_starts_plan(problem, model, plan, factor, options)));
  }
  return best_start(model.program, std::move(starts));
}

std::vector<double> racks_rounded_down(const Problem& problem, const MilpModel& model,
                                       std::vector<double> values) {
  for (std::size_t index = 0; index < model.candidates.size(); ++index) {
    const CandidateColumns& columns = model.candidates[index];
    for (const auto& group : columns.started) {  // whole already: clear the solver's tolerance
      for (int column : group) values[column] = std::round(values[column]);
    }
    for (int period = 0; period < problem.periods; ++period) {
      const int online = columns.online[period];
      values[online] = std::floor(values[online] + 1e-6);
      cut_bridging_to_load(problem, model, static_cast<int>(index), period, values[online], values);
    }
  }
  return values;
}

std::vector<double> whole_racks_start(const Problem& problem, const MilpModel& model,
                                      const std::vector<double>& continuous) {
  std::vector<std::vector<double>> starts = rule_starts(problem, model);
  if (!continuous.empty()) starts.push_back(racks_rounded_down(problem, model, continuous));
  return best_start(model.program, std::move(starts));
}

}  // namespace rackscale::optimize
