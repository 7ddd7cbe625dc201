#include "rackscale/optimize/milp.hpp"

#include <gtest/gtest.h>

#include <tuple>

#include "rackscale/optimize/enumeration.hpp"
#include "rackscale/optimize/simple_rules.hpp"
#include "support/siting_instance.hpp"

namespace rackscale::optimize {
namespace {

//! One candidate, one phase of 100 racks started no earlier than period 0, built in 2 periods,
//! grid from period 3; 72 GPUs per rack, 1-week periods, 8 periods.
Problem one_site(int factory_per_period, int install_per_period) {
  Problem problem;
  problem.periods = 8;
  problem.period_weeks = 1.0;
  problem.gpus_per_rack = 72;
  problem.rack_it_mw = 0.1;
  problem.factory_racks.assign(8, factory_per_period);
  Candidate site;
  site.name = "one";
  site.phases = 1;
  site.phase_mw = 10.0;
  site.racks_per_phase = 100;
  site.build_periods = 2;
  site.phase_capex_musd = 100.0;
  site.grid_mw = {0, 0, 0, 100};
  site.install_racks_per_period = install_per_period;
  problem.candidates.push_back(site);
  return problem;
}

TEST(OptimizeMilp, InstallRateBindsFromTheGridPeriod) {
  // Ready at period 2, power at 3: 5 racks a period in periods 3..7 gives 5+10+15+20+25 = 75
  // rack-weeks, x 72 GPUs = 5,400 GPU-weeks.
  const Plan plan = solve(one_site(10, 5));
  ASSERT_EQ(plan.status, SolveStatus::Optimal);
  EXPECT_NEAR(plan.objective, 5400.0, 1e-6);
  ASSERT_EQ(plan.candidates.size(), 1U);
  EXPECT_TRUE(plan.candidates[0].chosen);
  EXPECT_EQ(plan.candidates[0].racks_installed, (std::vector<int>{0, 0, 0, 5, 5, 5, 5, 5}));
}

TEST(OptimizeMilp, RacksWaitInStockForTheGrid) {
  // 10 racks a period delivered, 20 installed a period: 40 waiting at period 3 take two periods;
  // online 20, 40, 60, 70, 80 in periods 3..7 = 270 rack-weeks x 72 = 19,440 GPU-weeks.
  const Plan plan = solve(one_site(10, 20));
  ASSERT_EQ(plan.status, SolveStatus::Optimal);
  EXPECT_NEAR(plan.objective, 19440.0, 1e-6);
  EXPECT_EQ(plan.candidates[0].racks_installed, (std::vector<int>{0, 0, 0, 20, 20, 20, 10, 10}));
}

TEST(OptimizeMilp, LaterPhasesStartOneAfterAnotherUnderTheConstructionLimit) {
  // Three phases of 100 racks, one under construction at a time, 2 periods to build: phase 0
  // starts at 0 (ready 2), phase 1 at 2 (ready 4), phase 2 at 4 (ready 6, the last start
  // ready within 8 periods is 5). 100 racks delivered a period, no crew limit: online 100, 100,
  // 200, 200, 300, 300 in periods 2..7 = 1,200 rack-weeks x 72 = 86,400 GPU-weeks.
  Problem problem = one_site(100, 0);
  problem.candidates[0].phases = 3;
  problem.candidates[0].grid_mw = {100};
  problem.max_concurrent_phases = 1;
  const Plan plan = solve(problem);
  ASSERT_EQ(plan.status, SolveStatus::Optimal);
  EXPECT_NEAR(plan.objective, 86400.0, 1e-6);
  const auto& phases = plan.candidates[0].phases;
  ASSERT_EQ(phases.size(), 3U);
  for (int phase = 0; phase < 3; ++phase) {
    EXPECT_EQ(phases[phase].phase, phase);
    EXPECT_EQ(phases[phase].period, 2 * phase);
  }
  EXPECT_EQ(plan.candidates[0].racks_installed, (std::vector<int>{0, 0, 100, 0, 100, 0, 100, 0}));
  EXPECT_NEAR(enumerate(problem).objective, 86400.0, 1e-6);
}

TEST(OptimizeMilp, GridPowerCapsTheRacks) {
  // 3 MW of grid at 0.1 MW IT x 1.2 facility/IT per rack: floor(3 / 0.12) = 25 racks.
  Problem problem = one_site(50, 50);
  problem.candidates[0].facility_mw_per_it_mw = 1.2;
  problem.candidates[0].grid_mw = {0, 0, 0, 3};
  const Plan plan = solve(problem);
  ASSERT_EQ(plan.status, SolveStatus::Optimal);
  EXPECT_NEAR(plan.objective, 25.0 * 5 * 72, 1e-6);
}

//! One phase of 100 racks (0.1 MW IT each, facility = IT) started at period 0 and ready at
//! period 2, its grid only from period 6, 100 racks in stock; net present value at 2 USD per
//! GPU-hour, no discounting, no phase capex, grid energy free. A 10 MW bridging block with no
//! lead time, at `capex_musd_per_mw` and 100 USD/MWh.
Problem late_grid_with_bridging(double capex_musd_per_mw) {
  Problem problem = one_site(0, 0);
  problem.factory_racks[0] = 100;
  problem.objective.kind = ObjectiveKind::NetPresentValue;
  problem.objective.value_per_gpu_hour = 2.0;
  Candidate& site = problem.candidates[0];
  site.phase_capex_musd = 0.0;
  site.grid_mw = {0, 0, 0, 0, 0, 0, 100};
  BridgingOffer offer;
  offer.technology = "gas_turbine";
  offer.max_mw = 10.0;
  offer.capex_musd_per_mw = capex_musd_per_mw;
  offer.energy_usd_per_mwh = 100.0;
  site.bridging.push_back(offer);
  return problem;
}

// Without bridging: 100 racks online in periods 6 and 7 = 200 rack-weeks x 72 GPUs = 14,400
// GPU-weeks x 168 h x 2 USD = 4.8384 MUSD. Bridging adds periods 2..5: 400 rack-weeks = 28,800
// GPU-weeks = 9.6768 MUSD, less 10 MW x 672 h x 100 USD/MWh = 0.672 MUSD of fuel: it pays
// 9.0048 MUSD for 10 MW, i.e. whenever its capex is below 0.90048 MUSD/MW.
TEST(OptimizeMilp, BridgingCarriesThePhaseUntilTheGridWhenItPays) {
  const Plan plan = solve(late_grid_with_bridging(0.5));
  ASSERT_EQ(plan.status, SolveStatus::Optimal);
  ASSERT_EQ(plan.candidates[0].bridging_mw.size(), 1u);
  EXPECT_NEAR(plan.candidates[0].bridging_mw[0], 10.0, 1e-6);
  EXPECT_GE(plan.candidates[0].bridging_period[0], 0);
  EXPECT_LE(plan.candidates[0].bridging_period[0], 2);
  // 4.8384 + 9.0048 - 10 MW x 0.5 MUSD/MW.
  EXPECT_NEAR(plan.objective, 8.8432, 1e-6);
  EXPECT_EQ(plan.candidates[0].racks_installed, (std::vector<int>{0, 0, 100, 0, 0, 0, 0, 0}));
}

TEST(OptimizeMilp, BridgingLeftOutWhenItCostsMoreThanItEarns) {
  const Plan plan = solve(late_grid_with_bridging(1.0));  // above 0.90048 MUSD/MW
  ASSERT_EQ(plan.status, SolveStatus::Optimal);
  EXPECT_NEAR(plan.candidates[0].bridging_mw[0], 0.0, 1e-6);
  EXPECT_NEAR(plan.objective, 4.8384, 1e-6);
  EXPECT_EQ(plan.candidates[0].racks_installed, (std::vector<int>{0, 0, 0, 0, 0, 0, 100, 0}));
}

//! One phase of 200 racks (0.1 MW each, facility = IT) started at 0 and ready at 1, no grid, a
//! 20 MW bridging offer at 1 MUSD/MW with a lead of 1 period; 4 periods of 27 weeks (periods 0, 1
//! in budget year 0: 27 / 52.18 < 1; periods 2, 3 in year 1), 10 MUSD of budget a year, the 200
//! racks delivered at 0.
Problem bridging_in_two_budget_years() {
  Problem problem = one_site(0, 0);
  problem.periods = 4;
  problem.period_weeks = 27.0;
  problem.factory_racks = {200, 0, 0, 0};
  problem.capex_budget_musd_per_year = {10.0, 10.0};
  Candidate& site = problem.candidates[0];
  site.racks_per_phase = 200;
  site.phase_mw = 20.0;
  site.phase_capex_musd = 0.0;
  site.build_periods = 1;
  site.grid_mw = {0.0};
  BridgingOffer offer;
  offer.technology = "gas_turbine";
  offer.max_mw = 20.0;
  offer.lead_periods = 1;
  offer.capex_musd_per_mw = 1.0;
  site.bridging.push_back(offer);
  return problem;
}

// By hand: each year's 10 MUSD buys 10 MW, so 10 MW ordered in year 0 (by period 0, carrying 100
// racks in periods 1 and 2) and 10 more in year 1 (period 2, carrying 200 racks in period 3):
// 400 rack-periods x 72 GPUs x 27 weeks = 777,600 GPU-weeks, the orders 10, 10, 20, 20 MW. The
// plan keeps the steps: read back into the MILP's columns it meets every row, the second 10 MW
// paid in year 1 (ordering all 20 MW at period 0 would break year 0's budget).
TEST(OptimizeMilp, BridgingOrderedInStepsAcrossBudgetYearsStaysAPlan) {
  const Problem problem = bridging_in_two_budget_years();
  const Plan plan = solve(problem);
  ASSERT_EQ(plan.status, SolveStatus::Optimal);
  EXPECT_NEAR(plan.objective, 777600.0, 1e-6);
  const CandidatePlan& site = plan.candidates[0];
  ASSERT_EQ(site.bridging_ordered_mw.size(), 1u);
  const std::vector<double>& ordered = site.bridging_ordered_mw[0];
  ASSERT_EQ(ordered.size(), 4u);
  EXPECT_NEAR(ordered[0], 10.0, 1e-6);
  EXPECT_NEAR(ordered[1], 10.0, 1e-6);
  EXPECT_NEAR(ordered[2], 20.0, 1e-6);
  EXPECT_NEAR(ordered[3], 20.0, 1e-6);
  EXPECT_NEAR(site.bridging_mw[0], 20.0, 1e-6);
  EXPECT_EQ(site.bridging_period[0], 0);
  EXPECT_TRUE(plan_meets_every_row(problem, plan));
  EXPECT_NEAR(plan_objective(problem, plan), 777600.0, 1e-6);
}

//! Three candidates sharing 10 racks a period over 8 one-week periods, unlimited installs and
//! power: a (ready from 2, 15 racks), b (ready from 3, 30 racks), c (ready from 4, 100 racks).
Problem three_sites() {
  Problem problem;
  problem.periods = 8;
  problem.period_weeks = 1.0;
  problem.gpus_per_rack = 1;
  problem.rack_it_mw = 1.0;
  problem.factory_racks.assign(8, 10);
  for (auto [name, racks, build] :
       {std::tuple{"a", 15, 2}, std::tuple{"b", 30, 3}, std::tuple{"c", 100, 4}}) {
    Candidate site;
    site.name = name;
    site.phases = 1;
    site.racks_per_phase = racks;
    site.build_periods = build;
    site.phase_capex_musd = 10.0;
    site.grid_mw = {1000.0};
    problem.candidates.push_back(site);
  }
  return problem;
}

//! The best objective by enumeration with the candidates of `left_out` unavailable.
double best_without(Problem problem, const std::vector<int>& left_out) {
  for (int index : left_out) problem.candidates[index].phases = 0;
  return enumerate(problem).objective;
}

TEST(OptimizeMilp, TopPlansLeaveOutACandidateOfEveryEarlierPlan) {
  const Problem problem = three_sites();
  SolveOptions options;
  options.relative_gap = 0.0;
  const std::vector<Plan> plans = top_plans(problem, 3, options);
  ASSERT_GE(plans.size(), 2U);
  // The first plan is the optimum; the second the best that drops one of its candidates, by
  // enumeration with each of them removed in turn.
  EXPECT_NEAR(plans[0].objective, enumerate(problem).objective, 1e-9);
  double best_second = 0.0;
  for (int index = 0; index < 3; ++index) {
    if (plans[0].candidates[index].chosen)
      best_second = std::max(best_second, best_without(problem, {index}));
  }
  EXPECT_NEAR(plans[1].objective, best_second, 1e-9);
  for (std::size_t later = 1; later < plans.size(); ++later) {
    EXPECT_LE(plans[later].objective, plans[later - 1].objective + 1e-9);
    for (std::size_t earlier = 0; earlier < later; ++earlier) {
      bool drops_one = false;
      for (int index = 0; index < 3; ++index) {
        drops_one |=
            plans[earlier].candidates[index].chosen && !plans[later].candidates[index].chosen;
      }
      EXPECT_TRUE(drops_one) << "plan " << later << " keeps every candidate of plan " << earlier;
    }
  }
}

TEST(OptimizeMilp, SameProblemSamePlan) {
  const Problem problem = three_sites();
  const Plan first = solve(problem);
  const Plan second = solve(problem);
  ASSERT_EQ(first.candidates.size(), second.candidates.size());
  for (std::size_t index = 0; index < first.candidates.size(); ++index) {
    EXPECT_EQ(first.candidates[index].racks_installed, second.candidates[index].racks_installed);
  }
}

// A node limit stops CBC at the same node whatever the clock: two solves give the same plan, and
// a plan cut off there lies below the optimum of an unlimited solve, which lies below its bound.
TEST(OptimizeMilp, NodeLimitStopsAtTheSamePlan) {
  const Problem problem =
      support::generated_siting_problem({.candidates = 12, .weeks = 104, .period_weeks = 4});
  SolveOptions limited;
  limited.time_limit_seconds = 600.0;
  limited.node_limit = 1;
  const Plan first = solve(problem, limited);
  const Plan second = solve(problem, limited);
  ASSERT_EQ(first.candidates.size(), second.candidates.size());
  for (std::size_t index = 0; index < first.candidates.size(); ++index) {
    EXPECT_EQ(first.candidates[index].racks_installed, second.candidates[index].racks_installed);
  }
  EXPECT_EQ(first.objective, second.objective);
  SolveOptions unlimited;
  unlimited.time_limit_seconds = 600.0;
  unlimited.relative_gap = 0.0;
  const Plan optimum = solve(problem, unlimited);
  ASSERT_EQ(optimum.status, SolveStatus::Optimal);
  EXPECT_LE(first.objective, optimum.objective * (1 + 1e-9));
  if (first.status == SolveStatus::TimeLimit) {
    EXPECT_TRUE(first.node_limit_reached);
    EXPECT_GE(first.bound, optimum.objective * (1 - 1e-9));
  }
}

TEST(OptimizeSimpleRules, EarliestGridFirstByHand) {
  // Every grid is there from period 0, so the order is the problem's: a, b, c all start at 0
  // (a and b hold 45 racks, fewer than the 80 delivered). Racks in stock go to a at 2 (15 of 30),
  // to b at 3 (the 25 in stock), at 4 the 10 delivered fill b (5) then c (5), then c takes 10 a
  // period. Online 15, 40, 50, 60, 70, 80 in periods 2..7 = 315 rack-weeks.
  const Problem problem = three_sites();
  const Plan plan = simple_rule_plan(problem, SimpleRule::EarliestGridFirst);
  EXPECT_EQ(plan.candidates[0].racks_installed, (std::vector<int>{0, 0, 15, 0, 0, 0, 0, 0}));
  EXPECT_EQ(plan.candidates[1].racks_installed, (std::vector<int>{0, 0, 0, 25, 5, 0, 0, 0}));
  EXPECT_EQ(plan.candidates[2].racks_installed, (std::vector<int>{0, 0, 0, 0, 5, 10, 10, 10}));
  EXPECT_NEAR(plan.objective, 315.0, 1e-9);
  EXPECT_EQ(plan.status, SolveStatus::Optimal);        // it meets every row of the MILP
  EXPECT_NEAR(solve(problem).objective, 315.0, 1e-9);  // every rack online as soon as it can be
}

}  // namespace
}  // namespace rackscale::optimize
