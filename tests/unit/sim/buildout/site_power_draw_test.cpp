// Power to the site in the build-out (docs/models/power-to-site.md): the schedule of MW by day
// and a whole run of tests/data/buildout/one_site.yaml powered by bridging until a late grid.

#include "rackscale/sim/buildout/site_power_draw.hpp"

#include <gtest/gtest.h>

#include "buildout_test_util.hpp"
#include "rackscale/core/unit_parser.hpp"
#include "rackscale/design/grid_cap.hpp"

namespace u = rackscale::units;
using rackscale::Date;
using rackscale::model::DurationDistribution;
using rackscale::test::BuildoutCase;
using Kind = DurationDistribution::Kind;

namespace {

DurationDistribution fixed_days(double days) {
  return {Kind::Fixed, days * u::day, {}, {}};
}

// Interconnection of `firm_mw` energized `firm_days` after 2026-01-05 (fixed stages) and one
// bridging block of `bridging_mw` available `lead_days` after that day.
rackscale::model::SitePower late_grid_with_bridging(double firm_mw, int firm_days,
                                                    double bridging_mw, int lead_days) {
  rackscale::model::Interconnection interconnection;
  interconnection.requested = Date::from_ymd(2026, 1, 5);
  interconnection.capacity = firm_mw * u::MW;
  interconnection.stages = {fixed_days(firm_days), fixed_days(0), fixed_days(0), fixed_days(0),
                            fixed_days(0)};
  rackscale::model::Bridging block;
  block.technology = rackscale::model::BridgingTechnology::GasTurbine;
  block.capacity = bridging_mw * u::MW;
  block.ordered = Date::from_ymd(2026, 1, 5);
  block.lead_time = fixed_days(lead_days);
  return {interconnection, {block}, std::nullopt};
}

}  // namespace

TEST(SitePowerDraw, BridgingUntilTheFirmGridCarriesTheLoad) {
  const auto power = late_grid_with_bridging(500, 644, 100, 210);
  const auto plan = rackscale::sim::plan_power(power, {}, Date::from_ymd(2026, 1, 5), 150.0);
  rackscale::Rng unused(1);
  const auto days = rackscale::sim::draw_power_days(plan, unused);
  EXPECT_EQ(days.firm_day, 644);
  ASSERT_EQ(days.bridging_days.size(), 1u);
  EXPECT_EQ(days.bridging_days[0], 210);
  const auto steps = rackscale::sim::power_schedule(plan, {}, days);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].day, 210);
  EXPECT_EQ(steps[0].mw, 100.0);
  EXPECT_EQ(steps[0].bridging_mw, 100.0);
  // 500 MW firm >= 150 MW load: the block retires the day the grid arrives.
  EXPECT_EQ(steps[1].day, 644);
  EXPECT_EQ(steps[1].mw, 500.0);
  EXPECT_EQ(steps[1].bridging_mw, 0.0);
}

TEST(SitePowerDraw, BridgingStaysWhileTheFirmGridIsShort) {
  const auto power = late_grid_with_bridging(100, 300, 80, 30);
  const auto plan = rackscale::sim::plan_power(power, {}, Date::from_ymd(2026, 1, 5), 150.0);
  const auto steps = rackscale::sim::power_schedule(plan, {}, {300, {30}});
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1].mw, 180.0);  // 100 MW firm < 150 MW load: 80 MW bridging stays
}

TEST(SitePowerDraw, LateGridWithBridgingComesOnlineAtTheBridgingDate) {
  BuildoutCase c(rackscale::test::data_path("one_site.yaml"));
  const double per_rack_mw = c.designs[0].power.design.total.in(u::MW) / 100.0;
  // No grid step; the interconnection (room for every rack) comes on day 120, a bridging
  // block with room for every rack on day 49 (ready on day 35 without power: one_site.yaml).
  auto& site = c.scenario().sites[0];
  site.grid.clear();
  site.power = late_grid_with_bridging(100.5 * per_rack_mw, 120, 100.5 * per_rack_mw, 49);
  const auto r = c.run();
  rackscale::test::expect_conservation(r);
  const auto& s = r.sites[0];
  EXPECT_EQ(s.grid_capped_racks, 0);
  // Racks started on day d arrive on day d + 4 (buildout_test.cpp): on day 49 racks of days
  // 0..45 are on site and go online at once (crews 100 a day).
  EXPECT_EQ(s.milestones.first_online_day, 49);
  EXPECT_EQ(s.weekly.online[6], 0);   // day 48
  EXPECT_EQ(s.weekly.online[7], 52);  // day 55: racks of days 0..51
  EXPECT_EQ(s.milestones.full_day, 103);
  // Bridging carries the online racks from day 49 until day 120: d - 3 racks on day d up to 100
  // on day 103: sum of 46..99 (3915) + 17 days x 100 = 5615 rack-days of 24 h.
  EXPECT_NEAR(s.bridging_mwh, 5615.0 * 24.0 * per_rack_mw, 1e-6);
}

TEST(SitePowerDraw, FinalPowerCountsBridgingThatDoesNotRetire) {
  BuildoutCase c(rackscale::test::data_path("one_site.yaml"));
  const double per_rack_mw = c.designs[0].power.design.total.in(u::MW) / 100.0;
  auto site = c.scenario().sites[0];
  site.grid.clear();
  // 60 racks of firm grid never carry the load: the bridging block (30 racks) stays.
  site.power = late_grid_with_bridging(60.5 * per_rack_mw, 120, 30 * per_rack_mw, 49);
  EXPECT_EQ(rackscale::design::grid_capped_racks(site, c.designs[0]), 10);
  site.power->bridging[0].capacity = 50 * per_rack_mw * u::MW;
  EXPECT_EQ(rackscale::design::grid_capped_racks(site, c.designs[0]), 0);
}
