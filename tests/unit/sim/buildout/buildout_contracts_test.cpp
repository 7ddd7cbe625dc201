// Build-out model: integration lines and takt time, firm orders met earliest due date first,
// their lateness, option exercises and contract spend; all solved by hand on the base case
// of tests/data/buildout/one_site.yaml (see buildout_test.cpp: 1 rack a day from day 0, a
// rack started on day t finishes its test on day t+3 and arrives on day t+4; site ready on
// day 35).

#include <gtest/gtest.h>

#include "buildout_test_util.hpp"
#include "rackscale/sim/buildout/buildout_orders.hpp"

namespace rackscale {
namespace {

namespace u = rackscale::units;
using test::BuildoutCase;

const Date kStart = Date::from_ymd(2026, 1, 5);

TEST(BuildoutLines, TaktTimeCapsStartsAndIntegrationTimeDelaysTests) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& f = c.scenario().factories[0];
  f.ramp[0].rate = 70.0 * u::per_week;  // 10 racks a day
  f.lines = 2;
  f.takt_time = 8.0 * u::h;          // 2 lines x 24 h / 8 h = 6 racks a day
  f.integration_time = 60.0 * u::h;  // 2.5 days: 3 whole days
  const auto r = c.run();
  test::expect_conservation(r);
  // Started on day t: integrating t..t+2, burn-in t+3 and t+4, tested on t+5, arrives t+6.
  const auto& fw = r.factories[0].weekly;
  EXPECT_EQ(fw.started[0], 42);         // 7 days x 6
  EXPECT_EQ(fw.in_integration[0], 18);  // days 4, 5, 6
  EXPECT_EQ(fw.in_burn_in[0], 12);      // days 2, 3
  EXPECT_EQ(fw.finished[0], 12);        // days 0, 1 (tested on days 5, 6)
  EXPECT_EQ(fw.started[1], 84);
  EXPECT_EQ(fw.started[2], 100);  // the firm order: 16 days x 6 + 4
  // Every rack has arrived (day 16 + 6 = 22) before the site is ready on day 35.
  EXPECT_EQ(r.sites[0].milestones.first_online_day, 35);
  EXPECT_EQ(r.sites[0].milestones.full_day, 35);
  // Racks are there before the building: construction binds until the site is complete.
  EXPECT_EQ(sim::to_string(r.sites[0].weekly.constraint[0], r), "construction");

  // Without a takt time the lines do not limit: 10 a day.
  f.takt_time.reset();
  const auto free = c.run();
  EXPECT_EQ(free.factories[0].weekly.started[0], 70);
}

TEST(BuildoutContracts, FirmOrdersAreMetEarliestDueDateFirst) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& k = c.scenario().contracts[0];
  // Listed late order first: the 40-rack order due on day 30 is still served first.
  k.firm = {{60, kStart.plus_days(120)}, {40, kStart.plus_days(30)}};
  const auto r = c.run();
  test::expect_conservation(r);
  const auto& cr = r.contracts[0];
  ASSERT_EQ(cr.firm.size(), 2u);
  // The 40-rack order: racks finished on days 3..42; 28 of them (days 3..30) by day 30.
  EXPECT_EQ(cr.firm[1].racks, 40);
  EXPECT_EQ(cr.firm[1].due_day, 30);
  EXPECT_EQ(cr.firm[1].fulfilled_day, 42);
  EXPECT_EQ(cr.firm[1].on_time, 28);
  EXPECT_EQ(cr.firm[1].delivered, 40);
  // The 60-rack order: days 43..102, all by day 120.
  EXPECT_EQ(cr.firm[0].due_day, 120);
  EXPECT_EQ(cr.firm[0].fulfilled_day, 102);
  EXPECT_EQ(cr.firm[0].on_time, 60);
  EXPECT_DOUBLE_EQ(cr.firm_spend_usd, 100 * 3.5e6);
  EXPECT_DOUBLE_EQ(cr.option_spend_usd, 0.0);
}

TEST(BuildoutContracts, AnOrderNotMetWithinTheHorizonHasNoFulfilmentDay) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& k = c.scenario().contracts[0];
  k.firm = {{200, kStart.plus_days(100)}};
  const auto r = c.run();
  // 182 days: racks finished on days 3..181 = 179 racks, 98 of them (days 3..100) on time
  // (the site takes its 100, the rest wait in the factory's inventory).
  const auto& o = r.contracts[0].firm[0];
  EXPECT_FALSE(o.fulfilled_day.has_value());
  EXPECT_EQ(o.delivered, 179);
  EXPECT_EQ(o.on_time, 98);
}

TEST(BuildoutContracts, EarliestDueLaneStartsFirst) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& s = c.scenario();
  s.factories[0].products.push_back("GB200-NVL72");
  // A second contract for racks no site takes, due early; listed after the site's contract,
  // so lane order alone would serve it last.
  model::Contract early = s.contracts[0];
  early.name = "early";
  early.rack_system = "GB200-NVL72";
  early.unit_price = 3.0 * u::MUSD;
  early.firm = {{10, kStart.plus_days(20)}};
  s.contracts.push_back(early);
  const auto r = c.run();
  test::expect_conservation(r);
  // Days 0..9 build the early order (finished on days 3..12), the site's racks follow from
  // day 10: the 100th starts on day 109 and arrives on day 113.
  ASSERT_EQ(r.contracts.size(), 2u);
  EXPECT_EQ(r.contracts[1].firm[0].fulfilled_day, 12);
  EXPECT_EQ(r.contracts[1].firm[0].on_time, 10);
  EXPECT_DOUBLE_EQ(r.contracts[1].firm_spend_usd, 10 * 3.0e6);
  EXPECT_EQ(r.contracts[0].firm[0].fulfilled_day, 112);
  EXPECT_EQ(r.sites[0].milestones.full_day, 113);
  EXPECT_EQ(r.factories[0].weekly.inventory.back(), 10);  // no site takes the GB200 racks
}

TEST(BuildoutContracts, ExercisedOptionsAreDueAfterTheExerciseLeadAndPriced) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& k = c.scenario().contracts[0];
  k.firm[0].racks = 50;  // due 2026-06-30, day 176
  model::PurchaseOption opt;
  opt.racks = 80;
  opt.unit_price = 3.3 * u::MUSD;
  opt.window_open = kStart;
  opt.window_close = Date::from_ymd(2026, 12, 31);
  k.options.push_back(opt);
  const auto r = c.run();
  const auto& cr = r.contracts[0];
  // Exercised on day 21 for 50 racks, due 21 + 14 = day 35. Racks finished on days 3..20 went
  // to the firm order; from day 21 the earlier-due exercise takes them: days 21..70, 15 of
  // them (days 21..35) on time; the firm order gets days 71..102, before its due day.
  EXPECT_EQ(cr.exercised[0], 50);
  EXPECT_EQ(cr.exercised_on_time[0], 15);
  EXPECT_EQ(cr.firm[0].fulfilled_day, 102);
  EXPECT_EQ(cr.firm[0].on_time, 50);
  EXPECT_DOUBLE_EQ(cr.firm_spend_usd, 50 * 3.5e6);
  EXPECT_DOUBLE_EQ(cr.option_spend_usd, 50 * 3.3e6);
}

TEST(BuildoutContracts, BuildAheadHoldsStartsUntilCloseToTheDueDate) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  c.scenario().contracts[0].firm = {{100, kStart.plus_days(60)}};
  c.scenario().policies.production.build_ahead = 2.0 * u::week;
  const auto r = c.run();
  test::expect_conservation(r);
  // Racks due on day 60 may start from day 46: started 46..145, finished 49..148 (12 of them,
  // days 49..60, on time), arriving 50..149 at a site ready since day 35.
  const auto& o = r.contracts[0].firm[0];
  EXPECT_EQ(o.fulfilled_day, 148);
  EXPECT_EQ(o.on_time, 12);
  EXPECT_EQ(r.factories[0].weekly.started[6], 3);  // days 46, 47, 48
  const auto& s = r.sites[0];
  EXPECT_EQ(s.milestones.ready_day, 35);
  EXPECT_EQ(s.milestones.first_online_day, 50);
  EXPECT_EQ(s.milestones.full_day, 149);
  // Week 5 (days 35-41): the site is ready and the contract's schedule holds its racks back.
  EXPECT_EQ(sim::to_string(s.weekly.constraint[5], r), "contract");

  // A build-ahead longer than the wait changes nothing: the base case's day 103.
  c.scenario().policies.production.build_ahead = 70.0 * u::day;
  EXPECT_EQ(c.run().sites[0].milestones.full_day, 103);
}

TEST(OrderBook, KeepsDueOrderAndFillsEarliestFirst) {
  sim::OrderBook book;
  book.add({.due_day = 50, .racks = 10});
  book.add({.due_day = 20, .racks = 5});
  book.add({.due_day = 50, .racks = 3, .firm = 1});  // after the first day-50 order
  ASSERT_EQ(book.orders().size(), 3u);
  EXPECT_EQ(book.orders()[0].due_day, 20);
  EXPECT_EQ(book.orders()[2].firm, 1);
  EXPECT_EQ(book.next_due(0), 20);
  EXPECT_EQ(book.next_due(5), 50);
  EXPECT_EQ(book.next_due(17), 50);
  EXPECT_EQ(book.next_due(18), sim::kNeverDay);
  EXPECT_EQ(book.due_by(19), 0);
  EXPECT_EQ(book.due_by(20), 5);
  EXPECT_EQ(book.due_by(50), 18);
  book.fill(7, 20);  // 5 to the day-20 order (on time), 2 to the first day-50 order
  EXPECT_EQ(book.orders()[0].fulfilled_day, 20);
  EXPECT_EQ(book.orders()[0].on_time, 5);
  EXPECT_EQ(book.orders()[1].filled, 2);
  // A new order due earlier than the open ones is served next.
  book.add({.due_day = 30, .racks = 4});
  book.fill(5, 40);  // 4 to the day-30 order (late), 1 more to the first day-50 order
  EXPECT_EQ(book.orders()[1].due_day, 30);
  EXPECT_EQ(book.orders()[1].fulfilled_day, 40);
  EXPECT_EQ(book.orders()[1].on_time, 0);
  EXPECT_EQ(book.orders()[2].filled, 3);
  EXPECT_EQ(book.orders()[2].on_time, 3);
}

}  // namespace
}  // namespace rackscale
