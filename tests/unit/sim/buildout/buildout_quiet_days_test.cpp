// Quiet days (BuildoutOptions::skip_quiet_days): a site with nothing to install or commission
// sleeps until its next event and its days are replayed when it wakes. The results must be those
// of stepping every site every day: checked by hand on a case whose crews' credits turn over
// through a long quiet stretch, and field by field against the day-by-day run on the examples.

#include <gtest/gtest.h>

#include <string>

#include "buildout_test_util.hpp"

namespace rackscale {
namespace {

namespace u = rackscale::units;
using test::BuildoutCase;

constexpr sim::BuildoutOptions kDayByDay{.skip_quiet_days = false};

// one_site.yaml (buildout_test.cpp's base case: ready on day 35) with 10 racks a day from the
// factory (all 100 delivered by day 13), room on the grid for 40 racks until day 91 and
// commissioning crews of 1.5 racks a day. The crews' credit turns over every day from the ready
// day, used or not: on day 35 + k they commission 1 rack for even k, 2 for odd k (1.5, carry
// 0.5; 2.0, carry 0). 40 racks are commissioned by day 61 (k = 26: 13 x 3 + 1); days 62..90
// are quiet (installed racks wait for power). On day 91 (k = 56) the grid takes all: 1 rack, then
// 2, 1, ...: day 97 (k = 62) ends with 40 + 4 x 1 + 3 x 2 = 50 racks online.
TEST(BuildoutQuietDays, CrewsCreditsTurnOverThroughQuietDaysByHand) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  auto& sc = c.scenario();
  sc.factories[0].ramp[0].rate = 70.0 * u::per_week;
  sc.sites[0].crews.commissioning_rate = 10.5 * u::per_week;
  const double per_rack_mw = c.designs[0].power.design.total.in(u::MW) / 100.0;
  sc.sites[0].grid = {{Date::from_ymd(2026, 1, 5), 40.5 * per_rack_mw * u::MW},
                      {Date::from_ymd(2026, 4, 6), 100.5 * per_rack_mw * u::MW}};
  for (const sim::BuildoutOptions& options : {sim::BuildoutOptions{}, kDayByDay}) {
    const auto r = c.run(1, 0, options);
    test::expect_conservation(r);
    const auto& s = r.sites[0];
    EXPECT_EQ(s.weekly.installed[5], 100);     // day 41: all installed on day 35
    EXPECT_EQ(s.weekly.commissioned[8], 40);   // day 62
    EXPECT_EQ(s.weekly.commissioned[12], 40);  // day 90: the grid still holds 40
    EXPECT_EQ(s.weekly.online[13], 50);        // day 97
    EXPECT_EQ(s.milestones.half_day, 97);
  }
}

void expect_day_by_day_results(const std::string& path, int runs) {
  SCOPED_TRACE(path);
  const BuildoutCase c(path);
  const sim::BuildoutModel skipping(c.input(), {.daily = true});
  const sim::BuildoutModel stepping(c.input(), {.daily = true, .skip_quiet_days = false});
  for (int run = 0; run < runs; ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    test::expect_same_run(skipping.run(7, run), stepping.run(7, run));
  }
}

TEST(BuildoutQuietDays, SameResultsAsDayByDayOnTheExamples) {
  // Long-lead gear, network gear, options, grid delays (flagship); factory operations and
  // buyers' demand (deal-factory); bridging power (power_site); 60 sites (national).
  expect_day_by_day_results(test::example_path("flagship.yaml"), 6);
  expect_day_by_day_results(test::example_path("deal-factory.yaml"), 6);
  expect_day_by_day_results(test::data_path("power_site.yaml"), 6);
  expect_day_by_day_results(test::example_path("national.yaml"), 2);
}

}  // namespace
}  // namespace rackscale
