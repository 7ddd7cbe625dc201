// Racks waiting, their carrying cost, factory utilization, the build-to-need release and
// commissioning that waits for power, on tests/data/buildout/one_site.yaml solved by hand: one
// factory starting 1 rack a day, tested 3 days later (1 day integration + 48 h burn-in, yield
// 1), 1 day of transit, a site ready on day 35 (5 one-week phases from day 0).

#include <gtest/gtest.h>

#include "buildout_test_util.hpp"
#include "rackscale/analysis/buildout_summary.hpp"

namespace rackscale {
namespace {

namespace u = rackscale::units;
using test::BuildoutCase;

constexpr double kRackValueUsd = 3.5e6;  // the contract's unit price
constexpr double kCostOfCapital = 0.08;  // the default

double carrying_cost(double rack_days) {
  return kCostOfCapital * kRackValueUsd * rack_days / 365.25;
}

// The site ready on day 105 (permitting 11 weeks instead of 1), crews taking 1 rack a day,
// the firm order due 2026-12-31 (day 360), over 40 weeks.
BuildoutCase late_site(model::ReleaseRule release) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& s = c.scenario();
  s.horizon = 40.0 * u::week;
  s.policies.production.release = release;
  s.sites[0].construction.permitting.a = 11.0 * u::week;  // fixed in the data file
  s.sites[0].crews.install_rate = 7.0 * u::per_week;
  s.sites[0].crews.commissioning_rate = 7.0 * u::per_week;
  s.contracts[0].firm[0].deliver_by = Date::from_ymd(2026, 12, 31);
  return c;
}

TEST(BuildoutInventory, AsSoonAsPossibleRacksWaitForSpaceThenCrews) {
  const auto r = late_site(model::ReleaseRule::AsSoonAsPossible).run();
  test::expect_conservation(r);
  const auto& s = r.sites[0];
  ASSERT_EQ(s.schedule.ready_day, 105);
  // Rack k (k = 0..99) starts on day k, arrives on day k + 4 and goes online on day 105 + k
  // (one a day from the ready day): it waits 101 - k days for space and k for crews.
  EXPECT_EQ(s.milestones.full_day, 204);
  EXPECT_DOUBLE_EQ(s.waiting.space_rack_weeks, (100 * 101 - 4950) / 7.0);  // 5,150 rack-days
  EXPECT_DOUBLE_EQ(s.waiting.crews_rack_weeks, 4950 / 7.0);
  EXPECT_DOUBLE_EQ(s.waiting.power_rack_weeks, 0.0);
  EXPECT_DOUBLE_EQ(s.waiting.rack_value_usd, kRackValueUsd);
  EXPECT_NEAR(s.waiting.carrying_cost_usd, carrying_cost(10100.0), 1e-6);
}

TEST(BuildoutInventory, BuildToNeedFinishesRacksWhenTheSiteCanTakeThem) {
  const auto r = late_site(model::ReleaseRule::BuildToNeed).run();
  test::expect_conservation(r);
  const auto& s = r.sites[0];
  ASSERT_EQ(s.schedule.expected_ready_day, 105);
  // Start day 105 - 1 (transit) - 3 (build and test) = 101, one a day (the crews' rate): the
  // first rack passes its test on day 104 = ready day - transit and arrives on day 105.
  const auto& f = r.factories[0].weekly;
  EXPECT_EQ(f.started[13], 0);   // week 13 ends on day 97
  EXPECT_EQ(f.started[14], 4);   // days 101..104
  EXPECT_EQ(f.finished[14], 1);  // day 104
  EXPECT_EQ(s.milestones.first_online_day, 105);
  EXPECT_EQ(s.milestones.full_day, 204);  // the same day as building at once
  EXPECT_DOUBLE_EQ(s.waiting.rack_weeks(), 0.0);
  EXPECT_DOUBLE_EQ(s.waiting.carrying_cost_usd, 0.0);
  // Due 2026-12-31 (day 360): the backward schedule starts nothing early.
  EXPECT_EQ(r.contracts[0].firm[0].on_time, 100);
}

TEST(BuildoutInventory, BuildToNeedStillMeetsATightDueDate) {
  // Due 2026-04-30 (day 115), the site ready on day 105 (need from day 101). The due date
  // needs the racks started by day t to be at least 100 - (115 - 12 - t) = t - 3 at the
  // planned 1 rack a day (12 = 3 days build and test + 2 reworks of 1 day + 7 days of
  // safety): the first start on day 4, the 100th on day 103, tested on day 106.
  auto c = late_site(model::ReleaseRule::BuildToNeed);
  c.scenario().contracts[0].firm[0].deliver_by = Date::from_ymd(2026, 4, 30);
  const auto r = c.run();
  EXPECT_EQ(r.factories[0].weekly.started[0], 3);  // days 4..6
  EXPECT_EQ(r.contracts[0].firm[0].on_time, 100);
  EXPECT_EQ(r.contracts[0].firm[0].fulfilled_day, 106);
}

TEST(BuildoutInventory, CommissioningWaitsForAGridStep) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  const double per_rack_mw = c.designs[0].power.design.total.in(u::MW) / 100.0;
  c.scenario().sites[0].grid = {{Date::from_ymd(2026, 3, 2), 100.5 * per_rack_mw * u::MW}};
  const auto r = c.run();  // as soon as possible (the data file)
  test::expect_conservation(r);
  const auto& s = r.sites[0];
  // Ready on day 35, power on day 56: installed, not commissioned in between.
  EXPECT_EQ(s.weekly.installed[7], 52);  // day 55: racks arrived on days 4..55
  EXPECT_EQ(s.weekly.commissioned[7], 0);
  EXPECT_EQ(s.milestones.first_online_day, 56);
  // Space: racks arriving on days a = 4..34 wait 35 - a days (1 + ... + 31 = 496 rack-days);
  // power: on days 35..55 the d - 3 racks delivered by day d (32 + ... + 52 = 882).
  EXPECT_DOUBLE_EQ(s.waiting.space_rack_weeks, 496 / 7.0);
  EXPECT_DOUBLE_EQ(s.waiting.power_rack_weeks, 882 / 7.0);
  EXPECT_DOUBLE_EQ(s.waiting.crews_rack_weeks, 0.0);
  EXPECT_NEAR(s.waiting.carrying_cost_usd, carrying_cost(496.0 + 882.0), 1e-6);
}

TEST(BuildoutInventory, FactoryCapacityUtilizationAndInventory) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  c.scenario().contracts[0].firm[0].racks = 120;  // 20 more than the site's 100
  const auto r = c.run();
  test::expect_conservation(r);
  const auto& f = r.factories[0];
  // 1 rack a day from day 0 over 26 weeks: 182 racks of capacity, 7 a week.
  EXPECT_EQ(f.weekly.capacity[0], 7);
  EXPECT_EQ(f.weekly.capacity.back(), 182);
  EXPECT_EQ(f.weekly.started.back(), 120);
  // Racks 100..119 pass their test on days 103..122 and wait at the factory to day 181:
  // 179 - k days each, 20 x 179 - (100 + ... + 119) = 1,390 rack-days.
  EXPECT_DOUBLE_EQ(f.inventory_rack_weeks, 1390 / 7.0);
  EXPECT_NEAR(f.inventory_carrying_cost_usd, carrying_cost(1390.0), 1e-6);
  const auto plan =
      analysis::summarize_buildout({r}, c.loaded.scenario.start, c.loaded.scenario.contracts);
  ASSERT_EQ(plan.factories.size(), 1u);
  EXPECT_DOUBLE_EQ(plan.factories[0].mean_utilization, 120.0 / 182.0);
  EXPECT_DOUBLE_EQ(plan.factories[0].mean_idle_racks, 62.0);
  EXPECT_DOUBLE_EQ(plan.total.waiting.mean_space_rack_weeks, r.sites[0].waiting.space_rack_weeks);
}

}  // namespace
}  // namespace rackscale
