#include "rackscale/optimize/coarse_start.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "rackscale/optimize/milp.hpp"
#include "rackscale/optimize/milp_model.hpp"
#include "support/siting_instance.hpp"

namespace rackscale::optimize {
namespace {

//! The objective `model` reports for the column values `values`.
double reported_objective(const MilpModel& model, const std::vector<double>& values) {
  double objective = 0.0;
  for (int column = 0; column < model.program.columns(); ++column)
    objective += model.reported_cost[column] * values[column];
  return objective;
}

//! One candidate of 2 phases over 10 weekly periods, merged 4 to a period.
Problem ten_weeks() {
  Problem problem;
  problem.periods = 10;
  problem.period_weeks = 1.0;
  problem.gpus_per_rack = 72;
  problem.rack_it_mw = 0.1;
  problem.factory_racks = {10, 10, 10, 10, 20, 20, 20, 20, 30, 30};
  Candidate site;
  site.name = "one";
  site.phases = 2;
  site.racks_per_phase = 50;
  site.earliest_start = 1;
  site.build_periods = 5;
  site.grid_mw = {0, 0, 0, 8, 8, 6, 9, 9, 9};
  site.install_racks_per_period = 7;
  site.bridging.push_back({"gas_turbine", 20.0, 6, 1.0, 80.0, 0.4});
  problem.candidates.push_back(site);
  return problem;
}

// By hand, 4 weeks to a period: 3 periods (10 / 4 rounded up) of 4 weeks; racks delivered
// 40, 80 and 60; a start no earlier than week 1 becomes period 1 (1 / 4 rounded up), 5 weeks of
// building become 2 periods, the crews install 4 x 7 = 28 racks a period, the bridging lead of
// 6 weeks 2 periods; the grid holds the least MW of each period's weeks: weeks 0-3 {0, 0, 0, 8}
// 0 MW, weeks 4-7 {8, 6, 9, 9} 6 MW, weeks 8-9 {9, 9} 9 MW.
TEST(CoarseStart, CoarsenedProblemByHand) {
  const Problem coarse = coarsened(ten_weeks(), 4);
  EXPECT_EQ(coarse.periods, 3);
  EXPECT_DOUBLE_EQ(coarse.period_weeks, 4.0);
  EXPECT_EQ(coarse.factory_racks, (std::vector<int>{40, 80, 60}));
  const Candidate& site = coarse.candidates.front();
  EXPECT_EQ(site.earliest_start, 1);
  EXPECT_EQ(site.build_periods, 2);
  EXPECT_EQ(site.install_racks_per_period, 28);
  EXPECT_EQ(site.bridging.front().lead_periods, 2);
  EXPECT_EQ(site.grid_mw, (std::vector<double>{0.0, 6.0, 9.0}));
}

// 156 weekly periods make 4-week coarse periods (39 <= kCoarsePeriods); 40 periods none.
TEST(CoarseStart, FactorKeepsTheCoarseProblemWithinItsPeriods) {
  Problem problem = ten_weeks();
  problem.periods = 156;
  EXPECT_EQ(coarse_factor(problem), 4);
  problem.periods = 40;
  EXPECT_EQ(coarse_factor(problem), 1);
}

//! A generated instance of 5 candidates over 104 weekly periods: a coarse start of 3-week
//! periods (104 / 40 rounded up), 35 of them.
Problem weekly_instance() {
  return support::generated_siting_problem({.candidates = 5, .weeks = 104, .period_weeks = 1});
}

// The start meets every row of the fine model, and it is a plan: its objective is at most the
// optimum found without it.
TEST(CoarseStart, StartIsAPlanOfTheFineModel) {
  const Problem problem = weekly_instance();
  SolveOptions options;
  options.time_limit_seconds = 600.0;
  const MilpModel model = build_model(problem);
  const std::vector<double> start = coarse_start(problem, model, options);
  ASSERT_FALSE(start.empty());
  EXPECT_TRUE(meets_every_row(model.program, start));
  options.coarse_start = false;
  options.relative_gap = 0.0;
  const Plan optimum = solve(problem, options);
  ASSERT_EQ(optimum.status, SolveStatus::Optimal);
  const double objective = reported_objective(model, start);
  EXPECT_GT(objective, 0.0);
  EXPECT_LE(objective, optimum.objective * (1 + 1e-9));
}

// Solved to optimality, the plan from the coarse start has the objective of the plan found
// without it; stopped at one node, its bound lies at or above that optimum and its plan at or
// below it. The bound is CBC's, on the GPU-weeks less the capex tie-break, which is at most a
// tenth of one rack online for one period (docs/models/optimize.md): 0.1 x 72 GPUs x 1 week.
TEST(CoarseStart, SameOptimumAndAValidBound) {
  const Problem problem = weekly_instance();
  SolveOptions options;
  options.time_limit_seconds = 600.0;
  options.relative_gap = 0.0;
  options.coarse_start = false;
  const Plan without = solve(problem, options);
  options.coarse_start = true;
  const Plan with = solve(problem, options);
  ASSERT_EQ(without.status, SolveStatus::Optimal);
  ASSERT_EQ(with.status, SolveStatus::Optimal);
  EXPECT_NEAR(with.objective, without.objective, 1e-9 * without.objective);
  options.node_limit = 1;
  const Plan cut_off = solve(problem, options);
  EXPECT_LE(cut_off.objective, without.objective * (1 + 1e-9));
  const double tie_break = 0.1 * 72 * 1.0;
  EXPECT_GE(cut_off.bound, without.objective - tie_break);
}

// The continuous-racks plan with racks rounded down meets every row of the whole-racks model with
// racks whole, and loses less than one rack online per candidate and period (72 GPUs x 4 weeks
// each): at most the continuous plan's GPU-weeks and at most the whole-racks optimum, above the
// continuous one less 5 x 26 x 288. Two of the five candidates have a bridging offer (every third
// of the generated instance), whose MW carrying load the rounding cuts to the racks' load.
TEST(CoarseStart, RacksRoundedDownAreAWholeRacksPlan) {
  const Problem problem =
      support::generated_siting_problem({.candidates = 5, .weeks = 104, .period_weeks = 4});
  SolveOptions options;
  options.time_limit_seconds = 600.0;
  options.relative_gap = 0.0;
  const MilpModel relaxed = build_model(problem, {RowFamily::None, false});
  const MilpSolution continuous = run_cbc(relaxed.program, options);
  ASSERT_EQ(continuous.status, SolveStatus::Optimal);
  const MilpModel model = build_model(problem);
  const std::vector<double> rounded = racks_rounded_down(problem, model, continuous.values);
  EXPECT_TRUE(meets_every_row(model.program, rounded));
  for (const CandidateColumns& columns : model.candidates) {
    for (int column : columns.online) EXPECT_EQ(rounded[column], std::floor(rounded[column]));
  }
  options.coarse_start = false;
  const Plan whole = solve(problem, options);
  ASSERT_EQ(whole.status, SolveStatus::Optimal);
  const double objective = reported_objective(model, rounded);
  const double before = reported_objective(relaxed, continuous.values);
  EXPECT_LE(objective, whole.objective * (1 + 1e-9));
  EXPECT_LE(whole.objective, before * (1 + 1e-9));
  EXPECT_GT(objective, before - 5 * 26 * 72 * 4.0);
}

// Solved to optimality through the continuous-racks plan (the default) and without it, the
// whole-racks optimum is the same.
TEST(CoarseStart, SameWholeRacksOptimumFromTheContinuousPlan) {
  const Problem problem =
      support::generated_siting_problem({.candidates = 5, .weeks = 104, .period_weeks = 4});
  SolveOptions options;
  options.time_limit_seconds = 600.0;
  options.relative_gap = 0.0;
  const Plan with = solve(problem, options);
  options.coarse_start = false;
  const Plan without = solve(problem, options);
  ASSERT_EQ(with.status, SolveStatus::Optimal);
  ASSERT_EQ(without.status, SolveStatus::Optimal);
  EXPECT_NEAR(with.objective, without.objective, 1e-9 * without.objective);
}

}  // namespace
}  // namespace rackscale::optimize
