// The simulator: ordering, clock, run_until/step/stop, errors, determinism across queues.

#include "rackscale/sim/kernel/simulator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/core/random.hpp"

namespace rackscale::sim {
namespace {

template <class Q>
class SimulatorTest : public ::testing::Test {};
using Queues = ::testing::Types<RadixQueue, BinaryHeapQueue, QuaternaryHeapQueue>;
TYPED_TEST_SUITE(SimulatorTest, Queues);

TYPED_TEST(SimulatorTest, EqualTimesAreHandledInInsertionOrder) {
  BasicSimulator<TypeParam> sim;
  std::vector<std::uint32_t> order;
  sim.schedule(2.0, 0, 1);
  sim.schedule(1.0, 0, 2);
  sim.schedule(2.0, 0, 3);
  sim.schedule_at(2.0, 0, 4);
  sim.run_until(10.0, [&](const Event& e) {
    order.push_back(e.entity);
    // Scheduled now, at the same time: after everything already due at this time.
    if (e.entity == 1) sim.schedule(0.0, 0, 5);
    if (e.entity == 2) sim.schedule(1.0, 0, 6);  // also at 2.0, inserted after 1, 3 and 4
  });
  EXPECT_EQ(order, (std::vector<std::uint32_t>{2, 1, 3, 4, 6, 5}));
}

TYPED_TEST(SimulatorTest, RunUntilHandlesEventsUpToAndIncludingTheEnd) {
  BasicSimulator<TypeParam> sim;
  for (int i = 1; i <= 5; ++i)
    sim.schedule(static_cast<double>(i), 7, static_cast<std::uint32_t>(i));
  std::vector<double> seen;
  const auto n = sim.run_until(3.0, [&](const Event& e) {
    EXPECT_EQ(e.kind, 7u);
    EXPECT_EQ(sim.now(), e.time);
    seen.push_back(e.time);
  });
  EXPECT_EQ(n, 3u);
  EXPECT_EQ(seen, (std::vector<double>{1.0, 2.0, 3.0}));
  EXPECT_EQ(sim.now(), 3.0);
  EXPECT_EQ(sim.pending(), 2u);
  EXPECT_EQ(sim.next_time(), 4.0);

  EXPECT_EQ(sim.run_until(3.5, [](const Event&) {}), 0u);
  EXPECT_EQ(sim.now(), 3.5);  // the clock moves to the end even without events
  EXPECT_EQ(sim.event_count(), 3u);
  EXPECT_EQ(sim.scheduled_count(), 5u);
}

TYPED_TEST(SimulatorTest, StepHandlesOneEventAtATime) {
  BasicSimulator<TypeParam> sim;
  sim.schedule(4.0, 1, 0, 99);
  sim.schedule(2.0, 2, 0);
  std::vector<std::uint32_t> kinds;
  auto handle = [&](const Event& e) {
    kinds.push_back(e.kind);
    if (e.kind == 1) {
      EXPECT_EQ(e.data, 99u);
    }
  };
  EXPECT_TRUE(sim.step(handle));
  EXPECT_EQ(sim.now(), 2.0);
  EXPECT_TRUE(sim.step(handle));
  EXPECT_EQ(sim.now(), 4.0);
  EXPECT_FALSE(sim.step(handle));
  EXPECT_EQ(kinds, (std::vector<std::uint32_t>{2, 1}));
  EXPECT_EQ(sim.next_time(), std::numeric_limits<double>::infinity());
}

TYPED_TEST(SimulatorTest, StopEndsTheRunAfterTheCurrentEvent) {
  BasicSimulator<TypeParam> sim;
  for (int i = 1; i <= 10; ++i)
    sim.schedule(static_cast<double>(i), 0, static_cast<std::uint32_t>(i));
  const auto n = sim.run_until(100.0, [&](const Event& e) {
    if (e.entity == 4) sim.stop();
  });
  EXPECT_EQ(n, 4u);
  EXPECT_EQ(sim.now(), 4.0);  // stays at the stopping event
  EXPECT_EQ(sim.run([](const Event&) {}), 6u);
  EXPECT_EQ(sim.now(), 10.0);
}

TYPED_TEST(SimulatorTest, RefusesThePast) {
  BasicSimulator<TypeParam> sim;
  sim.schedule(5.0, 0, 0);
  sim.run_until(5.0, [](const Event&) {});
  EXPECT_THROW(sim.schedule(-1.0, 0, 0), Error);
  EXPECT_THROW(sim.schedule_at(4.0, 0, 0), Error);
  EXPECT_THROW(sim.schedule(std::nan(""), 0, 0), Error);
  EXPECT_THROW(sim.run_until(1.0, [](const Event&) {}), Error);
  try {
    sim.schedule_at(4.0, 0, 0);
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "simulator: cannot schedule or run to time 4.000000 h, before the current time "
                 "5.000000 h");
  }
  EXPECT_EQ(sim.pending(), 0u);
}

// A branching random model with ties (grid delays) and zero delays; the trace of (time, seq,
// kind, entity) must be the same for every queue and every run with the same seed.
template <class Q>
std::vector<Event> random_trace(std::uint64_t seed) {
  BasicSimulator<Q> sim;
  Rng rng(seed);
  std::vector<Event> trace;
  for (std::uint32_t i = 0; i < 200; ++i) sim.schedule(static_cast<double>(rng.below(10)), 0, i);
  sim.run_until(2000.0, [&](const Event& e) {
    trace.push_back(e);
    const std::uint64_t children = trace.size() < 60000 ? 1 + rng.below(2) : rng.below(2);
    for (std::uint64_t c = 0; c < children; ++c) {
      const std::uint64_t r = rng.below(3);
      const double delay = r == 0   ? 0.0
                           : r == 1 ? static_cast<double>(rng.below(5))
                                    : rng.uniform();
      sim.schedule(delay, static_cast<std::uint32_t>(r), e.entity);
    }
  });
  return trace;
}

bool same(const std::vector<Event>& a, const std::vector<Event>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].time != b[i].time || a[i].seq != b[i].seq || a[i].kind != b[i].kind ||
        a[i].entity != b[i].entity) {
      return false;
    }
  }
  return true;
}

TEST(SimulatorDeterminism, SameSeedSameTraceWhateverTheQueue) {
  const auto radix = random_trace<RadixQueue>(7);
  ASSERT_GT(radix.size(), 50000u);
  for (std::size_t i = 1; i < radix.size(); ++i) ASSERT_TRUE(before(radix[i - 1], radix[i]));
  EXPECT_TRUE(same(radix, random_trace<RadixQueue>(7)));
  EXPECT_TRUE(same(radix, random_trace<BinaryHeapQueue>(7)));
  EXPECT_TRUE(same(radix, random_trace<QuaternaryHeapQueue>(7)));
  EXPECT_FALSE(same(radix, random_trace<RadixQueue>(8)));
}

}  // namespace
}  // namespace rackscale::sim
