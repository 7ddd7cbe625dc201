// Build-out model: grid caps, uncertain grid dates and price-aware option exercise, solved by
// hand on the base case of tests/data/buildout/one_site.yaml (see buildout_test.cpp: 1 rack a
// day from day 0, a rack started on day t arrives on day t+4, site ready on day 35, exercise
// lead 2 weeks, crews of 100 racks a day) and on examples/h100-single-site.yaml.

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "buildout_test_util.hpp"
#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/design/grid_cap.hpp"

namespace rackscale {
namespace {

namespace u = rackscale::units;
using model::DurationDistribution;
using test::BuildoutCase;

DurationDistribution fixed_delay(u::Duration d) {
  DurationDistribution x;
  x.kind = DurationDistribution::Kind::Fixed;
  x.a = d;
  return x;
}

DurationDistribution uniform_delay(u::Duration lo, u::Duration hi) {
  DurationDistribution x;
  x.kind = DurationDistribution::Kind::Uniform;
  x.a = lo;
  x.b = hi;
  return x;
}

model::PurchaseOption option(int racks, double price_musd, Date open, Date close) {
  model::PurchaseOption o;
  o.racks = racks;
  o.unit_price = price_musd * u::MUSD;
  o.window_open = open;
  o.window_close = close;
  return o;
}

const Date kStart = Date::from_ymd(2026, 1, 5);

// ---- Grid caps.

TEST(GridCap, H100ExampleNeverOnlineRacksByHand) {
  BuildoutCase c(test::example_path("h100-single-site.yaml"));
  const auto& design = c.designs[0];
  // 100 MW of IT at 40.8 kW a DGX H100 rack: 2,450 racks. The substation transformers carry
  // 147,376.49 kW (design.json, power stage "transformer", output) on 3 x 80 MVA (N+1; the
  // 100 MVA unit also needs 3, so the smaller wins): per unit 147,376.49 / 0.95 / 3 =
  // 51,711.05 kVA = 0.646388 of rating; rated loss 80,000 x (1/0.9965 - 1) = 280.983 kW, of
  // which 50 kW no-load, so 50 + 230.983 x 0.646388^2 = 146.509 kW a unit, 439.53 kW the bank.
  // Utility demand 147,376.49 + 439.53 = 147,816.0 kW, 60.3331 kW a rack; the final grid step
  // of 140 MW carries floor(140,000 / 60.3331) = floor(2,320.4) = 2,320 racks: 130 never online.
  ASSERT_EQ(design.racks, 2450);
  EXPECT_NEAR(design.power.design.total.in(u::kW), 147816.0, 0.1);
  EXPECT_EQ(design::grid_energized_racks(140.0 * u::MW, design), 2320);
  EXPECT_EQ(design::grid_capped_racks(c.scenario().sites[0], design), 130);
  const auto r = c.run(7, 0);
  EXPECT_EQ(r.sites[0].grid_capped_racks, 130);
  EXPECT_LE(r.sites[0].weekly.online.back(), 2320);
  EXPECT_FALSE(r.sites[0].milestones.full_day.has_value());
  // With the 140 MW step at 150 MW every rack can be powered (150,000 / 60.3331 = 2,486.2).
  c.scenario().sites[0].grid.back().capacity = 150.0 * u::MW;
  EXPECT_EQ(design::grid_capped_racks(c.scenario().sites[0], design), 0);
}

TEST(GridCap, OneSiteByHand) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  const double per_rack_mw = c.designs[0].power.design.total.in(u::MW) / 100.0;
  c.scenario().sites[0].grid = {{kStart, 40.5 * per_rack_mw * u::MW}};
  // floor(40.5) = 40 racks powered of 100.
  EXPECT_EQ(design::grid_capped_racks(c.scenario().sites[0], c.designs[0]), 60);
  const auto r = c.run();
  EXPECT_EQ(r.sites[0].grid_capped_racks, 60);
  EXPECT_EQ(r.sites[0].weekly.online.back(), 40);
}

// ---- Price-aware options.

TEST(OptionPrice, CheapestOpenTrancheFirst) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& k = c.scenario().contracts[0];
  k.firm[0].racks = 50;
  const Date close = Date::from_ymd(2026, 12, 31);
  // Both open all year; the dearer one is listed first.
  k.options = {option(80, 3.3, kStart, close), option(80, 3.1, kStart, close)};
  const auto r = c.run();
  test::expect_conservation(r);
  // Day 21 (ready day 35 - 14): the site lacks 50 racks; the 3.1 MUSD option takes them all.
  const auto& cr = r.contracts[0];
  EXPECT_EQ(cr.exercised[0], 0);
  EXPECT_EQ(cr.exercised[1], 50);
  EXPECT_EQ(cr.first_exercise_day[1], 21);
  EXPECT_DOUBLE_EQ(cr.option_spend_usd, 50 * 3.1e6);
  // Equal prices: scenario order.
  k.options[0].unit_price = 3.1 * u::MUSD;
  const auto tie = c.run();
  EXPECT_EQ(tie.contracts[0].exercised[0], 50);
  EXPECT_EQ(tie.contracts[0].exercised[1], 0);
}

TEST(OptionPrice, RacksNoSiteCanPowerAreNotExercised) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  const double per_rack_mw = c.designs[0].power.design.total.in(u::MW) / 100.0;
  auto& k = c.scenario().contracts[0];
  k.firm[0].racks = 50;
  k.options = {option(80, 3.3, kStart, Date::from_ymd(2026, 12, 31))};
  // The grid powers 70 racks: 20 beyond the firm 50 are worth buying.
  c.scenario().sites[0].grid = {{kStart, 70.5 * per_rack_mw * u::MW}};
  const auto capped = c.run();
  EXPECT_EQ(capped.contracts[0].exercised[0], 20);
  EXPECT_EQ(capped.sites[0].weekly.online.back(), 70);
  // The grid powers 40: the firm racks already exceed it; nothing is exercised.
  c.scenario().sites[0].grid = {{kStart, 40.5 * per_rack_mw * u::MW}};
  const auto none = c.run();
  EXPECT_EQ(none.contracts[0].exercised[0], 0);
  EXPECT_FALSE(none.contracts[0].first_exercise_day[0].has_value());
  EXPECT_DOUBLE_EQ(none.contracts[0].option_spend_usd, 0.0);
}

TEST(OptionPrice, OnlyRacksInstallableBeforeTheWindowClosesAreExercised) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& k = c.scenario().contracts[0];
  k.firm[0].racks = 10;
  // Window closes on 2026-03-01, day 55; crews install 1 rack a day from the ready day 35:
  // 55 - 35 + 1 = 21 racks by the close, 11 beyond the firm 10.
  k.options = {option(80, 3.3, kStart, Date::from_ymd(2026, 3, 1))};
  c.scenario().sites[0].crews.install_rate = 7.0 * u::per_week;
  const auto r = c.run();
  EXPECT_EQ(r.contracts[0].exercised[0], 11);
  EXPECT_EQ(r.contracts[0].first_exercise_day[0], 21);
}

TEST(OptionPrice, ExercisesVaryWithTheRunWhenReadinessDoes) {
  // The flagship's sites draw their phases per run; the exercise uses what is known on the
  // day (a site's ready day once reached), so the racks exercised differ between runs.
  BuildoutCase c(test::example_path("flagship.yaml"));
  std::vector<int> first_option;
  for (int run = 0; run < 6; ++run)
    first_option.push_back(c.run(42, run).contracts[0].exercised[0]);
  EXPECT_NE(*std::min_element(first_option.begin(), first_option.end()),
            *std::max_element(first_option.begin(), first_option.end()));
}

// ---- Uncertain grid dates.

TEST(GridDelay, ZeroDelayKeepsPartialEnergizationExact) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  const double per_rack_mw = c.designs[0].power.design.total.in(u::MW) / 100.0;
  // As Buildout.GridLimited: 40 racks until day 91, then all; an explicit zero delay.
  c.scenario().sites[0].grid = {
      {kStart, 40.5 * per_rack_mw * u::MW, fixed_delay(0.0 * u::week)},
      {Date::from_ymd(2026, 4, 6), 100.5 * per_rack_mw * u::MW, fixed_delay(0.0 * u::week)}};
  const auto r = c.run();
  const auto& s = r.sites[0];
  for (std::size_t w = 6; w <= 12; ++w) EXPECT_EQ(s.weekly.online[w], 40) << w;
  EXPECT_EQ(s.milestones.half_day, 91);
  EXPECT_EQ(s.milestones.full_day, 103);
  EXPECT_EQ(s.schedule.grid_step_days, (std::vector<int>{0, 91}));

  // Two weeks late, the second step comes on day 105, when all 100 racks (the last arrived on
  // day 103) are commissioned: half and full on day 105.
  c.scenario().sites[0].grid[1].delay = fixed_delay(2.0 * u::week);
  const auto late = c.run();
  EXPECT_EQ(late.sites[0].schedule.grid_step_days, (std::vector<int>{0, 105}));
  EXPECT_EQ(late.sites[0].milestones.half_day, 105);
  EXPECT_EQ(late.sites[0].milestones.full_day, 105);

  // The first step 120 days late, after the second: the second's total capacity counts from
  // day 91 and the first, coming later, takes nothing away.
  c.scenario().sites[0].grid[0].delay = fixed_delay(120.0 * u::day);
  c.scenario().sites[0].grid[1].delay = fixed_delay(0.0 * u::week);
  const auto swapped = c.run();
  EXPECT_EQ(swapped.sites[0].milestones.first_online_day, 91);
  EXPECT_EQ(swapped.sites[0].milestones.full_day, 103);
  EXPECT_EQ(swapped.sites[0].weekly.online.back(), 100);
}

TEST(GridDelay, UncertainDelaysSpreadTheDatesWithoutShiftingOtherDraws) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& site = c.scenario().sites[0];
  site.construction.shell = uniform_delay(2.0 * u::week, 4.0 * u::week);
  // Energized from 2026-03-02 (day 56), after the latest ready day (7 + 28 + 7 + 7 = 49).
  site.grid = {{Date::from_ymd(2026, 3, 2), 100.0 * u::MW}};
  std::vector<int> shell_without;
  for (int run = 0; run < 40; ++run) {
    const auto r = c.run(3, run);
    EXPECT_EQ(r.sites[0].milestones.first_online_day, 56);
    shell_without.push_back(r.sites[0].schedule.shell_days);
  }
  // A delay of 0-8 weeks: the first rack goes online on the day the grid comes, 56 + delay.
  site.grid[0].delay = uniform_delay(0.0 * u::week, 8.0 * u::week);
  std::vector<double> first_online;
  for (int run = 0; run < 40; ++run) {
    const auto r = c.run(3, run);
    const auto& s = r.sites[0];
    ASSERT_EQ(s.schedule.grid_step_days.size(), 1u);
    const int energized = s.schedule.grid_step_days[0];
    EXPECT_GE(energized, 56);
    EXPECT_LE(energized, 112);
    EXPECT_EQ(s.milestones.first_online_day, energized);
    // Common random numbers: the grid draws from its own stream.
    EXPECT_EQ(s.schedule.shell_days, shell_without[static_cast<std::size_t>(run)]);
    first_online.push_back(energized);
  }
  EXPECT_GT(analysis::quantile(first_online, 0.9), analysis::quantile(first_online, 0.5));
}

TEST(GridDelay, LoaderReadsTheDelayDistribution) {
  const auto loaded =
      io::load_scenario(std::string(RACKSCALE_TEST_DATA) + "/schema/every_section.yaml");
  const auto& step = loaded.scenario.sites[0].grid[0];
  EXPECT_EQ(step.delay.kind, DurationDistribution::Kind::Uniform);
  EXPECT_DOUBLE_EQ(step.delay.b.in(u::week), 8.0);
  // Absent: none, a fixed 0 that draws nothing.
  const auto example = io::load_scenario(test::example_path("h100-single-site.yaml"));
  EXPECT_EQ(example.scenario.sites[0].grid[0].delay.kind, DurationDistribution::Kind::Fixed);
  EXPECT_DOUBLE_EQ(example.scenario.sites[0].grid[0].delay.a.in(u::day), 0.0);
}

}  // namespace
}  // namespace rackscale
