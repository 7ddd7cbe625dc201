// Inventories: blocking put/get as wakeup events, strict FIFO, conservation, levels over time.

#include "rackscale/sim/kernel/inventory.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/core/random.hpp"

namespace rackscale::sim {
namespace {

void advance(Simulator& sim, double t, std::vector<Event>* log = nullptr) {
  sim.run_until(t, [&](const Event& e) {
    if (log) log->push_back(e);
  });
}

TEST(Inventory, GetWaitsForAPutAndIsWokenAtThatTime) {
  Simulator sim;
  Inventory spares(10, 0);
  std::vector<Event> woken;
  EXPECT_FALSE(spares.get(sim, 2, Wakeup{1, 7}));
  EXPECT_EQ(spares.waiting_gets(), 1u);
  advance(sim, 3.0);
  EXPECT_TRUE(spares.put(sim, 1, Wakeup{}));  // not enough yet
  EXPECT_EQ(spares.level(), 1);
  advance(sim, 5.0);
  EXPECT_TRUE(spares.put(sim, 4, Wakeup{}));
  EXPECT_EQ(spares.level(), 3);  // 1 + 4 - 2: the items are taken before the wakeup is seen
  advance(sim, 6.0, &woken);
  ASSERT_EQ(woken.size(), 1u);
  EXPECT_EQ(woken[0].time, 5.0);
  EXPECT_EQ(woken[0].kind, 1u);
  EXPECT_EQ(woken[0].entity, 7u);
  EXPECT_DOUBLE_EQ(spares.mean_get_wait(), 5.0);
}

TEST(Inventory, PutWaitsForRoom) {
  Simulator sim;
  Inventory dock(5, 4);
  std::vector<Event> woken;
  EXPECT_FALSE(dock.put(sim, 3, Wakeup{2, 1}));
  advance(sim, 2.0);
  EXPECT_TRUE(dock.get(sim, 1, Wakeup{}));
  EXPECT_EQ(dock.level(), 3);  // room for 2 only: the put still waits
  EXPECT_EQ(dock.waiting_puts(), 1u);
  advance(sim, 4.0);
  EXPECT_TRUE(dock.get(sim, 2, Wakeup{}));
  EXPECT_EQ(dock.level(), 4);  // 1 + 3
  advance(sim, 5.0, &woken);
  ASSERT_EQ(woken.size(), 1u);
  EXPECT_EQ(woken[0].time, 4.0);
  EXPECT_DOUBLE_EQ(dock.mean_put_wait(), 4.0);
}

TEST(Inventory, StrictFifoALargeRequestHoldsBackSmallerOnes) {
  Simulator sim;
  Inventory inv(100, 3);
  std::vector<Event> woken;
  EXPECT_FALSE(inv.get(sim, 5, Wakeup{0, 1}));
  EXPECT_FALSE(inv.get(sim, 1, Wakeup{0, 2}));  // 3 on hand, but 1 waits behind the 5
  EXPECT_FALSE(inv.get(sim, 2, Wakeup{0, 3}));
  EXPECT_EQ(inv.level(), 3);
  EXPECT_TRUE(inv.put(sim, 3, Wakeup{}));  // 6: the 5 goes, then the 1; the 2 still waits
  EXPECT_EQ(inv.level(), 0);
  EXPECT_EQ(inv.waiting_gets(), 1u);
  EXPECT_TRUE(inv.put(sim, 2, Wakeup{}));
  EXPECT_EQ(inv.level(), 0);
  advance(sim, 1.0, &woken);
  ASSERT_EQ(woken.size(), 3u);
  EXPECT_EQ(woken[0].entity, 1u);
  EXPECT_EQ(woken[1].entity, 2u);
  EXPECT_EQ(woken[2].entity, 3u);
}

TEST(Inventory, ConservesItemsAndStaysWithinBounds) {
  // Random producers and consumers of random batch sizes on a small store.
  Simulator sim;
  Inventory inv(20, 5);
  inv.keep_history(true);
  Rng rng(99);
  enum : std::uint32_t { kProduce, kConsume, kPutDone, kGetDone };
  std::int64_t woken_put = 0, woken_got = 0;
  std::int64_t immediate_put = 0, immediate_got = 0;
  for (std::uint32_t i = 0; i < 4; ++i) sim.schedule(rng.uniform(), kProduce, i);
  for (std::uint32_t i = 0; i < 4; ++i) sim.schedule(rng.uniform(), kConsume, i);
  sim.run_until(5000.0, [&](const Event& e) {
    switch (e.kind) {
      case kProduce: {
        const auto n = static_cast<std::int64_t>(1 + rng.below(8));
        if (inv.put(sim, n, Wakeup{kPutDone, e.entity, static_cast<std::uint64_t>(n)})) {
          immediate_put += n;
          sim.schedule(rng.uniform(), kProduce, e.entity);
        }
        break;
      }
      case kConsume: {
        const auto n = static_cast<std::int64_t>(1 + rng.below(8));
        if (inv.get(sim, n, Wakeup{kGetDone, e.entity, static_cast<std::uint64_t>(n)})) {
          immediate_got += n;
          sim.schedule(rng.uniform(), kConsume, e.entity);
        }
        break;
      }
      case kPutDone:
        woken_put += static_cast<std::int64_t>(e.data);
        sim.schedule(rng.uniform(), kProduce, e.entity);
        break;
      case kGetDone:
        woken_got += static_cast<std::int64_t>(e.data);
        sim.schedule(rng.uniform(), kConsume, e.entity);
        break;
    }
    ASSERT_EQ(inv.level(), inv.initial_level() + inv.total_put() - inv.total_got());
  });
  EXPECT_GT(inv.total_put(), 10000);
  EXPECT_EQ(inv.total_put(), immediate_put + woken_put);  // every completed put was reported once
  EXPECT_EQ(inv.total_got(), immediate_got + woken_got);
  EXPECT_GE(inv.min_level(), 0);
  EXPECT_LE(inv.max_level(), 20);
  ASSERT_FALSE(inv.history().empty());
  double last = 0.0;
  for (const auto& p : inv.history()) {
    ASSERT_GE(p.time, last);
    ASSERT_GE(p.level, 0);
    ASSERT_LE(p.level, 20);
    last = p.time;
  }
  EXPECT_EQ(inv.history().back().level, inv.level());
  EXPECT_GT(inv.mean_level(5000.0), 0.0);
  EXPECT_LT(inv.mean_level(5000.0), 20.0);
}

TEST(Inventory, MeanLevelByHand) {
  // 5 on [0,2), 2 on [2,6), 10 on [6,10): (10 + 8 + 40) / 10 = 5.8.
  Simulator sim;
  Inventory inv(Inventory::kUnbounded, 5);
  advance(sim, 2.0);
  inv.get(sim, 3, Wakeup{});
  advance(sim, 6.0);
  inv.put(sim, 8, Wakeup{});
  advance(sim, 10.0);
  EXPECT_DOUBLE_EQ(inv.mean_level(10.0), 5.8);
  EXPECT_EQ(inv.min_level(), 2);
  EXPECT_EQ(inv.max_level(), 10);
}

TEST(Inventory, RejectsImpossibleRequests) {
  EXPECT_THROW(Inventory(0, 0), Error);
  EXPECT_THROW(Inventory(5, 6), Error);
  EXPECT_THROW(Inventory(5, -1), Error);
  Simulator sim;
  Inventory inv(5, 0);
  EXPECT_THROW(inv.put(sim, 6, Wakeup{}), Error);  // could never fit
  EXPECT_THROW(inv.get(sim, 0, Wakeup{}), Error);
}

}  // namespace
}  // namespace rackscale::sim
