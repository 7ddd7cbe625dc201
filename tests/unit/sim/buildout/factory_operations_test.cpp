// A factory's operations (docs/models/factory.md): the learnt yield after N doublings, the lines
// shared with other buyers under each priority rule, burn-in slots (Little's law), the
// qualification's pass rate and dates, and the whole model with another buyer on the lines.

#include <gtest/gtest.h>

#include <cmath>

#include "buildout_test_util.hpp"
#include "rackscale/analysis/factory_study.hpp"
#include "rackscale/sim/buildout/factory_operations.hpp"

namespace rackscale {
namespace {

using sim::FactoryOperationsState;
using sim::PlanFactoryOperations;

// ---- Yield learning: defect rate d0 x 0.8^doublings (a 20% learning rate).

TEST(FactoryYieldLearning, DefectRateFallsByTheRateEachDoubling) {
  const model::YieldLearning learning{0.2, 1000, 1.0};
  // 8,000 racks: three doublings of 1,000; 1 - 0.1 x 0.8^3 = 0.9488.
  EXPECT_NEAR(sim::learnt_yield(0.9, 0.0, learning, 8000), 0.9488, 1e-12);
  // One doubling with a 0.05 yield hit: 1 - 0.15 x 0.8 = 0.88.
  EXPECT_NEAR(sim::learnt_yield(0.9, 0.05, learning, 2000), 0.88, 1e-12);
  // Below the reference volume the yield is the stated one.
  EXPECT_NEAR(sim::learnt_yield(0.9, 0.0, learning, 10), 0.9, 1e-12);
  // Ten doublings (1,024,000 racks): 1 - 0.1 x 0.8^10 = 1 - 0.0107374 = 0.9892626.
  EXPECT_NEAR(sim::learnt_yield(0.9, 0.0, learning, 1024000), 0.98926258176, 1e-11);
}

TEST(FactoryYieldLearning, NeverAboveTheCeiling) {
  // Six doublings would give 1 - 0.1 x 0.8^6 = 0.9738; the ceiling is 0.95.
  EXPECT_DOUBLE_EQ(sim::learnt_yield(0.9, 0.0, {0.2, 1000, 0.95}, 64000), 0.95);
}

// ---- Lines shared with another buyer, driven day by day as the build-out's loop does.

// One other buyer of racks ordering `per_week` from day 0, no volatility.
PlanFactoryOperations one_other_buyer(double per_week, double partner_share) {
  PlanFactoryOperations plan;
  plan.active = true;
  plan.partner_share = partner_share;
  plan.integration_days = 1;
  plan.burn_in_days = 2;
  sim::PlanOtherBuyer other;
  other.name = "other";
  other.order_days = {0};
  other.orders_per_week = {per_week};
  plan.others.push_back(other);
  return plan;
}

FactoryOperationsState start(const PlanFactoryOperations& plan, int days, int volume_start = 0) {
  return FactoryOperationsState(plan, 1, 0, 0, days, volume_start);
}

TEST(FactoryLines, PartnerFirstOthersTakeTheRestAndCapacityBinds) {
  const PlanFactoryOperations plan = one_other_buyer(1000, 1.0);
  FactoryOperationsState state = start(plan, 28);
  for (int day = 0; day < 28; ++day) {
    ASSERT_EQ(state.begin_day(plan, 100, day), 100);  // the partner may take all of it
    state.end_day(plan, 30, day);                     // it takes 30; the buyer gets 70
  }
  const auto& result = state.result();
  EXPECT_EQ(result.others[0].ordered, 4000);     // 4 weeks x 1,000
  EXPECT_EQ(result.others[0].started, 70 * 28);  // 1,960
  EXPECT_EQ(result.others[0].backlog, 4000 - 1960);
  EXPECT_EQ(result.partner_started, 30 * 28);
  EXPECT_DOUBLE_EQ(result.line_racks_used, 100.0 * 28);  // capacity x days
  EXPECT_EQ(result.binding_days, 28);
  EXPECT_EQ(result.cumulative_racks, 2800);
}

TEST(FactoryLines, ShareEntitlesThePartnerAndEachUsesWhatTheOtherLeaves) {
  const PlanFactoryOperations plan = one_other_buyer(1000, 0.4);
  FactoryOperationsState state = start(plan, 7);
  // The buyer first takes the 60 the partner is not entitled to.
  EXPECT_EQ(state.begin_day(plan, 100, 0), 40);
  state.end_day(plan, 10, 0);  // the partner uses 10 of its 40: the buyer takes the other 30
  EXPECT_EQ(state.result().others[0].started, 90);
  EXPECT_EQ(state.begin_day(plan, 100, 1), 40);
  state.end_day(plan, 40, 1);
  EXPECT_EQ(state.result().others[0].started, 150);
  EXPECT_EQ(state.result().binding_days, 2);
}

TEST(FactoryLines, OthersFirstLeaveThePartnerNothingWhileTheirBacklogLasts) {
  const PlanFactoryOperations plan = one_other_buyer(1000, 0.0);
  FactoryOperationsState state = start(plan, 14);
  for (int day = 0; day < 14; ++day) {
    // 1,000 a week against 100 a day: the backlog never empties within two weeks.
    EXPECT_EQ(state.begin_day(plan, 100, day), 0) << day;
    state.end_day(plan, 0, day);
  }
  EXPECT_EQ(state.result().others[0].started, 1400);
  EXPECT_EQ(state.result().others[0].backlog, 600);
}

TEST(FactoryLines, GearTakesItsLineShare) {
  PlanFactoryOperations plan = one_other_buyer(1000, 1.0);
  plan.others[0].rack = false;
  plan.others[0].line_share = 0.25;  // four units per rack of line time
  FactoryOperationsState state = start(plan, 1);
  EXPECT_EQ(state.begin_day(plan, 100, 0), 100);
  state.end_day(plan, 80, 0);  // 20 racks of line time left: 80 units
  EXPECT_EQ(state.result().others[0].started, 80);
  EXPECT_EQ(state.result().cumulative_racks, 80);  // gear is not rack volume
}

// Little's law: with B days of burn-in and S slots, starts average S / B a day when demand
// exceeds it: 250 slots, 2 days, 200 a day of capacity: 200, 50, 200, 50, ... (1,250 in 10 days).
TEST(FactoryBurnInSlots, ThroughputIsSlotsOverBurnInDays) {
  PlanFactoryOperations plan = one_other_buyer(100000, 0.0);
  plan.burn_in_slots = 250;
  plan.mw_per_slot = 0.136;
  FactoryOperationsState state = start(plan, 12);
  for (int day = 0; day < 10; ++day) {
    state.begin_day(plan, 200, day);
    state.end_day(plan, 0, day);
  }
  EXPECT_EQ(state.result().others[0].started, 250 * 10 / 2);
  EXPECT_EQ(state.result().peak_burn_in_racks, 250);
  EXPECT_NEAR(state.result().peak_burn_in_mw, 250 * 0.136, 1e-9);
  EXPECT_EQ(state.result().slot_binding_days, 5);  // the days starting 50 of 200
}

// ---- Qualification: pass rate within its standard error, and the dates of either verdict.

PlanFactoryOperations early_access(double pass_probability) {
  PlanFactoryOperations plan;
  plan.active = true;
  plan.has_early_access = true;
  plan.integration_days = 1;
  plan.burn_in_days = 2;
  plan.early_access.racks = 4;
  plan.early_access.delivered_day = 10;
  plan.early_access.pass_probability = pass_probability;
  plan.early_access.qualification.a = 30.0 * units::day;  // fixed 30 days
  plan.early_access.design_change_days = 14;
  plan.early_access.yield_hit = 0.05;
  return plan;
}

TEST(FactoryQualification, PassRateWithinThreeStandardErrorsAndItsDates) {
  const PlanFactoryOperations with = early_access(0.7);
  PlanFactoryOperations without = with;
  without.without_early_access = true;
  constexpr int kRuns = 4000;
  int passed = 0;
  for (int run = 0; run < kRuns; ++run) {
    int volume_with = 42, volume_without = 42;
    const FactoryOperationsState a(with, 7, run, 0, 200, volume_with);
    const FactoryOperationsState b(without, 7, run, 0, 200, volume_without);
    const bool pass = a.result().qualified_first_time;
    ASSERT_EQ(pass, b.result().qualified_first_time);  // common random numbers
    passed += pass ? 1 : 0;
    // With early access: the verdict on 10 + 30 = 40; volume from 42 (the test cell) if it
    // passes, else the design change's 14 days hold volume to 54.
    EXPECT_EQ(a.result().partner_start_day, pass ? 42 : 54);
    EXPECT_EQ(volume_with, pass ? 42 : 54);
    // Without: the first volume racks pass their test on 42 + 1 + 2 = 45, the verdict on 75,
    // the change to 89; the factory's volume is not held.
    EXPECT_EQ(b.result().partner_start_day, pass ? 75 : 89);
    EXPECT_EQ(volume_without, 42);
    EXPECT_NEAR(a.yield(with, 0.9), pass ? 0.9 : 0.85, 1e-12);
  }
  const double share = static_cast<double>(passed) / kRuns;
  EXPECT_NEAR(share, 0.7, 3.0 * std::sqrt(0.7 * 0.3 / kRuns));
}

// ---- The whole model: one_site.yaml (10 racks a day here, 100 firm racks) sharing its line
// with a buyer ordering 70 a week, the partner entitled to 40%: the partner starts 4 a day on
// days 0-24, the buyer 6 a day then 10 a day; every day's capacity is used.
TEST(FactoryOperationsModel, LineCapacityBindsAndEveryRackIsCounted) {
  test::BuildoutCase c(test::data_path("one_site.yaml"));
  model::Factory& factory = c.scenario().factories[0];
  factory.ramp[0].rate = 70.0 * units::per_week;
  model::OtherBuyer buyer;
  buyer.name = "other";
  buyer.product = "GB300-NVL72";
  buyer.orders = {{c.scenario().start, 70.0 * units::per_week}};
  factory.operations.other_buyers.push_back(buyer);
  factory.operations.priority = model::LinePriority::Share;
  factory.operations.partner_share = 0.4;
  const sim::BuildoutRun r = c.run();
  test::expect_conservation(r);
  const sim::FactoryResult& result = r.factories[0];
  const auto& operations = result.operations;
  ASSERT_EQ(r.days, 182);
  EXPECT_EQ(result.weekly.capacity.back(), 10 * 182);
  EXPECT_EQ(operations.partner_started, 100);
  EXPECT_EQ(result.weekly.started[2], 84);   // days 0-20: 4 a day
  EXPECT_EQ(result.weekly.started[3], 100);  // done on day 24
  EXPECT_EQ(operations.others[0].started, 6 * 25 + 10 * (182 - 25));
  EXPECT_EQ(operations.others[0].ordered, 26 * 70);
  EXPECT_EQ(operations.binding_days, 182);
  EXPECT_DOUBLE_EQ(operations.line_racks_used, 10.0 * 182);
}

// Without operations keys nothing is active and the yield is the stated one.
TEST(FactoryOperationsModel, AbsentKeysLeaveTheFactoryAsBefore) {
  const test::BuildoutCase c(test::data_path("one_site.yaml"));
  const sim::BuildoutRun r = c.run();
  EXPECT_FALSE(r.factories[0].operations.active);
  EXPECT_DOUBLE_EQ(r.factories[0].operations.final_yield, 1.0);
  EXPECT_TRUE(
      analysis::study_factories(sim::BuildoutModel(c.input()).plan(), 1, 3, 1).factories.empty());
}

// Early access on the example: gain >= 0 in every run (the same draws, only the partner's start
// moves earlier), and the partner's racks started equal the factory's own weekly count.
TEST(FactoryOperationsModel, DealFactoryExample) {
  const test::BuildoutCase c(test::example_path("deal-factory.yaml"));
  const sim::BuildoutModel model(c.input());
  const analysis::FactoryStudy study = analysis::study_factories(model.plan(), 42, 8, 1);
  ASSERT_EQ(study.factories.size(), 1U);
  const auto& f = study.factories[0];
  EXPECT_TRUE(f.early_access);
  EXPECT_GT(f.binding_weeks, 0.0);  // the ramp binds
  EXPECT_LE(f.utilization, 1.0 + 1e-12);
  EXPECT_LE(f.partner_start_day_p50, f.partner_start_day_without_p50);
  const sim::BuildoutRun r = model.run(42, 0);
  test::expect_conservation(r);
  EXPECT_EQ(r.factories[0].operations.partner_started, r.factories[0].weekly.started.back());
  EXPECT_LE(r.factories[0].operations.line_racks_used,
            static_cast<double>(r.factories[0].weekly.capacity.back()) + 1e-9);
}

}  // namespace
}  // namespace rackscale
