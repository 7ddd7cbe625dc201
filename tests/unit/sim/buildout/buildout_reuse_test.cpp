// Memory of a run reused by the next: the rings that hold a window of days (DayRing) instead of
// one slot per simulated day, checked by hand; and a result buffer reused from run to run
// (BuildoutModel::run into `out`), which must end equal to a fresh run whatever it held before.

#include <gtest/gtest.h>

#include <string>

#include "buildout_test_util.hpp"
#include "rackscale/sim/buildout/day_ring.hpp"

namespace rackscale {
namespace {

using test::BuildoutCase;

// A window of 5 days needs 6 slots, rounded up to 8: day d and day d + 8 share a slot.
TEST(DayRing, HoldsItsWindowByHand) {
  sim::DayRing ring(5);
  EXPECT_EQ(ring.size(), 8U);
  ring.add(3, 2);
  ring.add(3, 1);
  ring.add(8, 4);  // within 5 days of day 3
  EXPECT_EQ(ring[3], 3);
  EXPECT_EQ(ring.take(3), 3);
  EXPECT_EQ(ring[3], 0);       // taken: the slot is free for day 11
  EXPECT_EQ(ring.take(4), 0);  // nothing added for day 4
  ring.add(11, 5);             // day 3's slot again
  EXPECT_EQ(ring.take(8), 4);
  EXPECT_EQ(ring.take(11), 5);
  ring.set(12, 7);
  ring.set(12, 6);  // overwritten, not added
  EXPECT_EQ(ring[12], 6);
  EXPECT_EQ(sim::DayRing(0).size(), 1U);  // arrivals read on their ship day
  EXPECT_EQ(sim::DayRing(7).size(), 8U);  // 8 days: exactly a power of two
  EXPECT_EQ(sim::DayRing(8).size(), 16U);
}

// One buffer through runs of different seeds, models and options (daily series, outcomes only,
// which leaves constraints and contracts empty) ends equal to a fresh run each time.
void expect_reused_equals_fresh(const std::string& path, int runs) {
  SCOPED_TRACE(path);
  const BuildoutCase c(path);
  const sim::BuildoutModel full(c.input());
  const sim::BuildoutModel daily(c.input(), {.daily = true});
  const sim::BuildoutModel outcomes(c.input(), {.outcomes_only = true});
  sim::BuildoutRun buffer;
  for (int run = 0; run < runs; ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    for (const sim::BuildoutModel* model : {&full, &daily, &outcomes, &full}) {
      model->run(11, run, buffer);
      const sim::BuildoutRun fresh = model->run(11, run);
      test::expect_same_run(buffer, fresh);
      EXPECT_EQ(buffer.total.online, fresh.total.online);
      EXPECT_EQ(buffer.held_back.size(), fresh.held_back.size());
      ASSERT_EQ(buffer.contracts.size(), fresh.contracts.size());
      for (std::size_t k = 0; k < buffer.contracts.size(); ++k) {
        EXPECT_EQ(buffer.contracts[k].firm.size(), fresh.contracts[k].firm.size());
        EXPECT_EQ(buffer.contracts[k].lateness.size(), fresh.contracts[k].lateness.size());
        EXPECT_EQ(buffer.contracts[k].option_spend_usd, fresh.contracts[k].option_spend_usd);
      }
      for (std::size_t f = 0; f < buffer.factories.size(); ++f) {
        EXPECT_EQ(buffer.factories[f].inventory_carrying_cost_usd,
                  fresh.factories[f].inventory_carrying_cost_usd);
      }
    }
  }
}

TEST(BuildoutReuse, ReusedResultEqualsAFreshRun) {
  expect_reused_equals_fresh(test::example_path("flagship.yaml"), 3);
  expect_reused_equals_fresh(test::example_path("deal-factory.yaml"), 3);
}

}  // namespace
}  // namespace rackscale
