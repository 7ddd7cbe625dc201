#include "rackscale/optimize/plan_scenario.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "rackscale/io/scenario_loader.hpp"
#include "small_fixture.hpp"

namespace rackscale::optimize {
namespace {

namespace u = rackscale::units;

using rackscale::test::small_with_fixed_durations;

// A plan written by hand: Abilene's first two phases start in periods 1 and 5 and take 1000
// racks in period 13; the other candidates are left out.
Plan hand_plan(const Problem& problem) {
  Plan plan;
  plan.candidates.resize(problem.candidates.size());
  CandidatePlan& abilene = plan.candidates[0];
  abilene.chosen = true;
  abilene.phases = {{0, 1}, {1, 5}};
  abilene.racks_installed.assign(problem.periods, 0);
  abilene.racks_installed[13] = 1000;
  return plan;
}

TEST(PlanScenario, ChosenCandidateBecomesASiteWithPhaseSteps) {
  const auto loaded = small_with_fixed_durations();
  const BuiltProblem built = build_problem(loaded.scenario, loaded.catalog);
  const model::Scenario s = plan_scenario(loaded.scenario, built, hand_plan(built.problem));
  ASSERT_EQ(s.sites.size(), 1u);
  EXPECT_TRUE(s.candidates.empty());
  const model::Site& site = s.sites[0];
  EXPECT_EQ(site.name, "abilene-tx");
  EXPECT_EQ(site.target.racks, 1000);
  // Period 1 starts 28 days after 2026-01-05.
  EXPECT_EQ(site.construction.start.to_string(), "2026-02-02");
  // Phase 1 is ready in period 1 + 9 = 10, but the grid only in period 13 (2027-01-04); phase 2
  // in period 5 + 9 = 14 (2027-02-01). Facility MW = IT MW x the design's facility per IT MW.
  const double f = built.problem.candidates[0].facility_mw_per_it_mw;
  ASSERT_EQ(site.grid.size(), 2u);
  EXPECT_EQ(site.grid[0].date.to_string(), "2027-01-04");
  EXPECT_NEAR(site.grid[0].capacity.in(u::MW), std::min(150.0 * f, 700.0), 1e-9);
  EXPECT_EQ(site.grid[1].date.to_string(), "2027-02-01");
  EXPECT_NEAR(site.grid[1].capacity.in(u::MW), std::min(300.0 * f, 700.0), 1e-9);
  EXPECT_FALSE(site.power.has_value());
}

TEST(PlanScenario, MonteCarloCheckIsTheSameOnOneAndTwoThreads) {
  const auto loaded = small_with_fixed_durations();
  const BuiltProblem built = build_problem(loaded.scenario, loaded.catalog);
  const Plan plan = hand_plan(built.problem);
  const PlanCheck one = check_plan(loaded.scenario, loaded.catalog, built, plan, 40, 7, 1);
  const PlanCheck two = check_plan(loaded.scenario, loaded.catalog, built, plan, 40, 7, 2);
  EXPECT_EQ(one.summary.total.gpus_online.p50, two.summary.total.gpus_online.p50);
  EXPECT_EQ(one.summary.total.gpus_online.p10, two.summary.total.gpus_online.p10);
  EXPECT_EQ(one.gpu_weeks_p50(), two.gpu_weeks_p50());
  // 1000 racks x 72 GPUs at most, from 2027-01-04 (week 52) on: at most 104 weeks of it.
  EXPECT_GT(one.gpu_weeks_p50(), 0.0);
  EXPECT_LE(one.gpu_weeks_p50(), 1000.0 * 72 * 104);
}

}  // namespace
}  // namespace rackscale::optimize
