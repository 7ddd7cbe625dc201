// Allocation rules on two sites (tests/data/buildout/two_sites.yaml): one factory at both
// sites, 14 racks/week = 2 racks/day from day 0, 100 racks firm. A rack started on day t ships
// on day t+3 and arrives on day t+4, so the factory ships 2 racks a day on days 3..52.
// Site "late" (60 racks) is ready on day 7+14+7+7 = 35; site "early" (40 racks) on day
// 7+0+7+7 = 21; the grid and crews never bind.

#include <gtest/gtest.h>

#include <cstdlib>

#include "buildout_test_util.hpp"

namespace rackscale {
namespace {

using test::BuildoutCase;

constexpr std::size_t kLate = 0, kEarly = 1;

TEST(BuildoutAllocation, PriorityFillsTheFirstSiteFirst) {
  BuildoutCase c(test::data_path("two_sites.yaml"));  // order: [late, early]
  const auto r = c.run();
  test::expect_conservation(r);
  const auto& late = r.sites[kLate];
  const auto& early = r.sites[kEarly];
  EXPECT_EQ(late.schedule.ready_day, 35);
  EXPECT_EQ(early.schedule.ready_day, 21);
  // late takes the racks shipped on days 3..32 (60), all arrived by day 33: online on day 35.
  EXPECT_EQ(late.milestones.first_online_day, 35);
  EXPECT_EQ(late.milestones.full_day, 35);
  // early gets the racks shipped on days 33..52, arriving on days 34..53.
  EXPECT_EQ(early.milestones.first_online_day, 34);
  EXPECT_EQ(early.milestones.half_day, 43);  // 20th rack: shipped day 42
  EXPECT_EQ(early.milestones.full_day, 53);
  EXPECT_EQ(early.weekly.allocated[3], 0);  // day 27
  EXPECT_EQ(early.weekly.allocated[4], 4);  // day 34: shipped on days 33 and 34
  // early is ready from day 21 but starved by the factory, whose racks go to late.
  EXPECT_EQ(sim::to_string(early.weekly.constraint[3], r), "factory");
}

TEST(BuildoutAllocation, EarliestReadyServesTheEarlySiteFirst) {
  BuildoutCase c(test::data_path("two_sites.yaml"));
  c.scenario().policies.allocation.rule = model::AllocationRule::EarliestReady;
  const auto r = c.run();
  test::expect_conservation(r);
  const auto& late = r.sites[kLate];
  const auto& early = r.sites[kEarly];
  // early (expected ready day 21) takes the racks shipped on days 3..22, arriving 4..23;
  // on day 21, 36 have arrived.
  EXPECT_EQ(early.milestones.first_online_day, 21);
  EXPECT_EQ(early.milestones.half_day, 21);
  EXPECT_EQ(early.milestones.full_day, 23);
  // late gets the racks shipped on days 23..52 (arriving 24..53): 24 on day 35, 30 on day 38.
  EXPECT_EQ(late.milestones.first_online_day, 35);
  EXPECT_EQ(late.milestones.half_day, 38);
  EXPECT_EQ(late.milestones.full_day, 53);
}

TEST(BuildoutAllocation, ProportionalFollowsRemainingNeed) {
  BuildoutCase c(test::data_path("two_sites.yaml"));
  c.scenario().policies.allocation.rule = model::AllocationRule::Proportional;
  const auto r = c.run();
  test::expect_conservation(r);
  const auto& late = r.sites[kLate].weekly;
  const auto& early = r.sites[kEarly].weekly;
  // In proportion to remaining need 60 : 40, the cumulative split stays 60 : 40 within a rack.
  for (std::size_t w = 0; w < 7; ++w) {
    const int total = late.allocated[w] + early.allocated[w];
    EXPECT_LE(std::abs(10 * late.allocated[w] - 6 * total), 10) << "week " << w;
  }
  EXPECT_EQ(late.allocated.back(), 60);
  EXPECT_EQ(early.allocated.back(), 40);
  // Both finish when the last rack arrives (day 53).
  EXPECT_EQ(r.sites[kLate].milestones.full_day.value_or(-1) == 53 ||
                r.sites[kEarly].milestones.full_day.value_or(-1) == 53,
            true);
}

}  // namespace
}  // namespace rackscale
