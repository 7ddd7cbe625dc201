#include "rackscale/optimize/enumeration.hpp"

#include <gtest/gtest.h>

#include <random>

#include "rackscale/core/error.hpp"
#include "rackscale/optimize/milp.hpp"

namespace rackscale::optimize {
namespace {

//! A small random instance: 2-4 candidates of 1-2 phases, 6-10 periods, with budgets,
//! concurrency limits and grid steps drawn so that they bind now and then. The engine is
//! std::mt19937 (its sequence is fixed by the standard); draws use our own modulo, not the
//! standard distributions, whose output differs across standard libraries.
Problem random_problem(unsigned seed, ObjectiveKind kind) {
  std::mt19937 engine(seed);
  auto draw = [&engine](int low, int high) { return low + static_cast<int>(engine() % (high - low + 1)); };
  Problem problem;
  problem.periods = draw(6, 10);
  problem.period_weeks = 4.0;
  problem.gpus_per_rack = 72;
  problem.rack_it_mw = 0.1;
  for (int period = 0; period < problem.periods; ++period) problem.factory_racks.push_back(draw(0, 30));
  const int candidates = draw(2, 4);
  for (int index = 0; index < candidates; ++index) {
    Candidate candidate;
    candidate.name = "c" + std::to_string(index);
    candidate.phases = candidates == 4 ? 1 : draw(1, 2);
    candidate.racks_per_phase = draw(10, 40);
    candidate.phase_mw = candidate.racks_per_phase * problem.rack_it_mw;
    candidate.earliest_start = draw(0, problem.periods / 2);
    candidate.build_periods = draw(1, 3);
    candidate.phase_capex_musd = draw(50, 200);
    candidate.site_capex_musd = draw(0, 50);
    candidate.facility_mw_per_it_mw = 1.0 + draw(10, 40) / 100.0;
    candidate.grid_mw = std::vector<double>(draw(0, problem.periods - 1), 0.0);
    candidate.grid_mw.push_back(draw(2, 8));
    candidate.install_racks_per_period = draw(0, 1) == 0 ? 0 : draw(5, 20);
    candidate.energy_usd_per_mwh = draw(30, 90);
    problem.candidates.push_back(candidate);
  }
  if (draw(0, 1) == 1) problem.capex_budget_musd_per_year = {static_cast<double>(draw(100, 400))};
  problem.max_concurrent_phases = draw(0, 2);
  problem.objective.kind = kind;
  problem.objective.target_racks = draw(10, 60);
  problem.objective.target_period = problem.periods - 1;
  problem.objective.value_per_gpu_hour = 2.0;
  problem.objective.discount_rate = 0.08;
  return problem;
}

SolveOptions exact() {
  SolveOptions options;
  options.relative_gap = 0.0;
  return options;
}

void expect_same_optimum(const Problem& problem, unsigned seed) {
  const Plan enumerated = enumerate(problem);
  const Plan solved = solve(problem, exact());
  ASSERT_EQ(solved.status, enumerated.status) << "seed " << seed;
  if (enumerated.status != SolveStatus::Optimal) return;
  EXPECT_NEAR(solved.objective, enumerated.objective, 1e-6 * std::max(1.0, std::abs(enumerated.objective)))
      << "seed " << seed;
}

TEST(OptimizeEnumeration, MatchesTheMilpOnRandomInstancesForGpuWeeks) {
  for (unsigned seed = 1; seed <= 20; ++seed) expect_same_optimum(random_problem(seed, ObjectiveKind::GpuWeeks), seed);
}

TEST(OptimizeEnumeration, MatchesTheMilpOnRandomInstancesForLeastCost) {
  for (unsigned seed = 101; seed <= 120; ++seed) {
    expect_same_optimum(random_problem(seed, ObjectiveKind::LeastCost), seed);
  }
}

TEST(OptimizeEnumeration, MatchesTheMilpOnRandomInstancesForNetPresentValue) {
  for (unsigned seed = 201; seed <= 220; ++seed) {
    expect_same_optimum(random_problem(seed, ObjectiveKind::NetPresentValue), seed);
  }
}

//! Two candidates competing for 10 racks a period: A is ready (and powered) from period 2 and
//! holds 15 racks; B from period 4 and holds 100. Installs are unlimited.
Problem two_sites() {
  Problem problem;
  problem.periods = 6;
  problem.period_weeks = 1.0;
  problem.gpus_per_rack = 1;
  problem.rack_it_mw = 1.0;
  problem.factory_racks.assign(6, 10);
  Candidate a;
  a.name = "a";
  a.phases = 1;
  a.racks_per_phase = 15;
  a.build_periods = 2;
  a.grid_mw = {1000};
  Candidate b = a;
  b.name = "b";
  b.racks_per_phase = 100;
  b.build_periods = 4;
  problem.candidates = {a, b};
  return problem;
}

TEST(OptimizeEnumeration, HandComputedTwoSites) {
  // Delivered by period t: 10(t+1). A takes 15 at period 2 (30 delivered); from period 4, B
  // takes the rest: online 15, 15, 50, 60 in periods 2..5 = 140 rack-weeks.
  const Plan plan = enumerate(two_sites());
  EXPECT_EQ(plan.status, SolveStatus::Optimal);
  EXPECT_DOUBLE_EQ(plan.objective, 140.0);
  EXPECT_EQ(plan.candidates[0].racks_installed, (std::vector<int>{0, 0, 15, 0, 0, 0}));
  EXPECT_EQ(plan.candidates[1].racks_installed, (std::vector<int>{0, 0, 0, 0, 35, 10}));
  EXPECT_NEAR(solve(two_sites(), exact()).objective, 140.0, 1e-9);
}

TEST(OptimizeEnumeration, OneConcurrentPhaseForcesAChoice) {
  // One phase under construction at a time: B (last start: period 1) building in periods 0..3
  // leaves A no start before period 4, ready at 6, past the horizon; A first (periods 0, 1)
  // leaves B no start at all. B alone: online 50, 60 in periods 4, 5 = 110; A alone: 15 x 4 = 60.
  Problem problem = two_sites();
  problem.max_concurrent_phases = 1;
  EXPECT_DOUBLE_EQ(enumerate(problem).objective, 110.0);
  EXPECT_NEAR(solve(problem, exact()).objective, 110.0, 1e-9);
}

TEST(OptimizeEnumeration, RefusesWhatItCannotEnumerate) {
  Problem problem = two_sites();
  problem.carbon_cap_t = 1.0;
  EXPECT_THROW(enumerate(problem), Error);
}

}  // namespace
}  // namespace rackscale::optimize
