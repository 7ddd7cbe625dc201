// The partner's site gear built by the factory (sites[].gear_from, docs/models/factory.md): the
// CDUs of one_site.yaml's site made on the factory's line, the day they are all on site and the
// site's ready day solved by hand, the line time conserved, and the counterfactual with the
// outside suppliers on the same runs.

#include <gtest/gtest.h>

#include <cmath>

#include "buildout_test_util.hpp"
#include "rackscale/analysis/factory_study.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/sim/buildout/factory_gear.hpp"
#include "rackscale/sim/buildout/factory_operations.hpp"

namespace rackscale {
namespace {

// The site's CDUs in its design's bill of materials [units].
long long design_cdus(const design::SiteDesign& design) {
  long long units = 0;
  for (const design::BomLine& line : design.bom.lines) {
    if (line.kind == "cdu") units += line.count;
  }
  return units;
}

// one_site.yaml with its factory's ramp from day 28 (2026-02-02) at 7 racks a week (1 a day),
// a CDU skid at half a rack's line time, and the site's CDUs from the factory.
test::BuildoutCase cdus_from_the_factory() {
  test::BuildoutCase c(test::data_path("one_site.yaml"));
  model::Factory& factory = c.scenario().factories[0];
  factory.ramp[0].date = c.scenario().start.plus_days(28);
  factory.operations.gear.push_back({"cdu-skid", "cdu", 0.5, {}});
  c.scenario().sites[0].gear_from.push_back({"cdu", "plant", "cdu-skid", {}});
  return c;
}

// By hand: capacity 1 rack a day from day 28; the gear comes first in the partner's share, 2
// CDUs a day (line share 0.5), so N CDUs start on days 28 ... 28 + ceil(N / 2) - 1; each is on
// site after 1 day of integration and 1 of transit (factory and site at the same place), the
// last on day 29 + ceil(N / 2). Fit-out would end on day 7 + 14 + 7 = 28, so it ends when the
// CDUs are there and the site is ready 7 days (commissioning) later.
TEST(FactoryGear, CdusFromTheFactoryDoneOnTheDayByHand) {
  test::BuildoutCase c = cdus_from_the_factory();
  const long long n = design_cdus(c.designs[0]);
  ASSERT_GE(n, 2);
  const int last_start = 28 + static_cast<int>((n + 1) / 2) - 1;
  const sim::BuildoutModel model(c.input());
  const auto& orders = model.plan().factories[sim::FactoryIndex{0}].operations.partner_gear;
  ASSERT_EQ(orders.size(), 1U);
  EXPECT_EQ(orders[0].units, n);
  EXPECT_EQ(orders[0].lead_days, 2);
  const sim::BuildoutRun r = model.run(1, 0);
  test::expect_conservation(r);
  const sim::PartnerGearResult& gear = r.factories[0].operations.partner_gear[0];
  EXPECT_EQ(gear.started, n);
  EXPECT_EQ(gear.on_site_day, last_start + 2);
  EXPECT_EQ(r.sites[0].schedule.fit_out_end_day, last_start + 2);
  EXPECT_EQ(r.sites[0].schedule.ready_day, last_start + 2 + 7);
  EXPECT_EQ(r.sites[0].schedule.long_lead_item, "cdu-skid@abilene");
  // Conservation: the racks the lane started (counted by the build-out) + N CDUs x 0.5 = the
  // line capacity used (counted by the factory's operations); the 100 racks start on days
  // last_start + 1 ... last_start + 100, within the 182 days.
  EXPECT_EQ(r.factories[0].weekly.started.back(), 100);
  EXPECT_DOUBLE_EQ(r.factories[0].operations.line_racks_used, 100.0 + 0.5 * static_cast<double>(n));
  EXPECT_LE(r.factories[0].operations.line_racks_used,
            static_cast<double>(r.factories[0].weekly.capacity.back()));
  int first_started_week = 0;
  while (r.factories[0].weekly.started[static_cast<std::size_t>(first_started_week)] == 0) {
    ++first_started_week;
  }
  EXPECT_EQ(first_started_week, (last_start + 1) / 7);  // the racks wait for the CDUs
}

// A unit needing more line time than a day's free capacity builds up over days. By hand, with
// the line at 1 rack a day from day 28 and a CDU at 2.5 racks of line time: the gear takes the
// whole line until its N units are done; unit k is done when 2.5 k racks of line time are, on
// day 28 + ceil(2.5 k) - 1 (the first on day 30, the third day of free capacity), and the last
// is on site 2 days after day 28 + ceil(2.5 N) - 1. The racks then start one a day.
TEST(FactoryGear, UnitLargerThanADaysCapacityCompletesOverDaysByHand) {
  test::BuildoutCase c = cdus_from_the_factory();
  c.scenario().factories[0].operations.gear[0].line_share = 2.5;
  const long long n = design_cdus(c.designs[0]);
  const int line_days = static_cast<int>(std::ceil(2.5 * static_cast<double>(n)));
  ASSERT_LE(28 + line_days + 100, 182);  // the racks too are all started within the run
  const sim::BuildoutModel model(c.input());
  const sim::BuildoutRun r = model.run(1, 0);
  test::expect_conservation(r);
  const sim::PartnerGearResult& gear = r.factories[0].operations.partner_gear[0];
  EXPECT_EQ(gear.started, n);
  EXPECT_DOUBLE_EQ(gear.line_racks, 2.5 * static_cast<double>(n));
  EXPECT_EQ(gear.on_site_day, 28 + line_days - 1 + 2);
  EXPECT_EQ(r.sites[0].schedule.ready_day, 28 + line_days - 1 + 2 + 7);
  EXPECT_EQ(r.factories[0].weekly.started.back(), 100);
  EXPECT_DOUBLE_EQ(r.factories[0].operations.line_racks_used, 100.0 + 2.5 * static_cast<double>(n));
}

// The same on the factory's operations alone: one unit of 2.5 racks of line time on a line of
// 1 rack a day is done on the third day and on site lead_days = 2 later; nothing is left for
// racks on those days but half a rack on the third.
TEST(FactoryGear, OneUnitOverThreeDaysOfLineByHand) {
  sim::PlanFactoryOperations plan;
  plan.active = true;
  sim::PlanPartnerGear gear;
  gear.units = 1;
  gear.line_share = 2.5;
  gear.lead_days = 2;
  plan.partner_gear.push_back(gear);
  int volume_start_day = 0;
  sim::FactoryOperationsState state(plan, 1, 0, 0, 10, volume_start_day);
  EXPECT_EQ(state.begin_day(plan, 1, 0), 0);
  EXPECT_EQ(state.result().partner_gear[0].started, 0);
  EXPECT_EQ(state.begin_day(plan, 1, 1), 0);
  EXPECT_EQ(state.result().partner_gear[0].started, 0);
  EXPECT_EQ(state.begin_day(plan, 1, 2), 0);  // 0.5 rack left: no whole rack
  EXPECT_EQ(state.result().partner_gear[0].started, 1);
  EXPECT_EQ(state.gear_arriving(0, 4), 1);
  EXPECT_EQ(state.result().partner_gear[0].on_site_day, 4);
  EXPECT_EQ(state.begin_day(plan, 1, 3), 1);  // done: the line is the racks' again
}

// With the outside suppliers (none for CDUs in one_site.yaml: unconstrained) the site is ready
// on day 35 (buildout.md §10); with the factory's CDUs 1 + ceil(N / 2) days later. The study
// reports that difference, the same in every run (all durations fixed).
TEST(FactoryGear, StudyComparesTheReadyDayWithTheOutsideSupplier) {
  test::BuildoutCase c = cdus_from_the_factory();
  const long long n = design_cdus(c.designs[0]);
  const sim::BuildoutModel model(c.input());
  const sim::BuildoutModel outside(sim::with_outside_suppliers(model.plan()));
  EXPECT_EQ(outside.run(1, 0).sites[0].schedule.ready_day, 35);
  const analysis::FactoryStudy study = analysis::study_factories(model.plan(), 1, 3, 1);
  ASSERT_EQ(study.factories.size(), 1U);
  ASSERT_EQ(study.factories[0].partner_gear.size(), 1U);
  const analysis::PartnerGearSummary& g = study.factories[0].partner_gear[0];
  const long long line_days = (n + 1) / 2;  // ceil(N / 2)
  const double later = 1.0 + static_cast<double>(line_days);
  EXPECT_DOUBLE_EQ(g.ready_day_outside_p50, 35.0);
  EXPECT_DOUBLE_EQ(g.ready_day_p50, 35.0 + later);
  EXPECT_DOUBLE_EQ(g.ready_earlier_days, -later);
  EXPECT_DOUBLE_EQ(g.backlog_p90, 0.0);
  EXPECT_DOUBLE_EQ(g.units, static_cast<double>(n));
}

// Relaxing the factory's pool (attribution) leaves the CDUs unconstrained: ready on day 35.
TEST(FactoryGear, RelaxedPoolIsNoConstraint) {
  test::BuildoutCase c = cdus_from_the_factory();
  sim::BuildoutPlan plan = sim::BuildoutModel(c.input()).plan();
  const sim::PoolIndex pool = plan.factories[sim::FactoryIndex{0}].operations.partner_gear[0].pool;
  sim::relax_partner_gear(plan, pool);
  EXPECT_TRUE(plan.factories[sim::FactoryIndex{0}].operations.partner_gear.empty());
  EXPECT_EQ(sim::BuildoutModel(plan).run(1, 0).sites[0].schedule.ready_day, 35);
}

// A site naming gear its design does not need is an error of the plan.
TEST(FactoryGear, ComponentTheDesignLacksIsAnError) {
  test::BuildoutCase c = cdus_from_the_factory();
  c.scenario().sites[0].gear_from[0].component = "cooling_tower";  // dry coolers, no tower
  EXPECT_THROW(sim::BuildoutModel{c.input()}, Error);
}

}  // namespace
}  // namespace rackscale
