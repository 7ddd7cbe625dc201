// Every queue hands out events in (time, insertion sequence) order.

#include "rackscale/sim/kernel/event_queue.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <utility>
#include <vector>

#include "rackscale/core/random.hpp"

namespace rackscale::sim {
namespace {

template <class Q>
class EventQueueTest : public ::testing::Test {};
using Queues = ::testing::Types<RadixQueue, BinaryHeapQueue, QuaternaryHeapQueue>;
TYPED_TEST_SUITE(EventQueueTest, Queues);

Event at(double time, std::uint64_t seq) {
  return Event{time, seq, 0, 0, 0};
}

TYPED_TEST(EventQueueTest, EqualTimesComeOutInInsertionOrder) {
  TypeParam q;
  // Pushed out of sequence order on purpose; seq is the insertion order the kernel assigns.
  q.push(at(5.0, 0));
  q.push(at(1.0, 1));
  q.push(at(5.0, 2));
  q.push(at(1.0, 3));
  q.push(at(5.0, 4));
  q.push(at(3.0, 5));
  const std::vector<std::pair<double, std::uint64_t>> want = {{1.0, 1}, {1.0, 3}, {3.0, 5},
                                                              {5.0, 0}, {5.0, 2}, {5.0, 4}};
  for (const auto& [time, seq] : want) {
    ASSERT_FALSE(q.empty());
    EXPECT_EQ(q.top().time, time);
    EXPECT_EQ(q.top().seq, seq);
    q.pop();
  }
  EXPECT_TRUE(q.empty());
}

// A simulation-like workload: pops interleaved with pushes at or after the last time popped,
// with many exact ties (times on a grid) and zero delays, checked against a sorted reference.
TYPED_TEST(EventQueueTest, MatchesASortedReferenceUnderAHoldWorkload) {
  TypeParam q;
  std::set<std::pair<double, std::uint64_t>> ref;
  Rng rng(2024);
  std::uint64_t seq = 0;
  double now = 0.0;
  auto push = [&](double t) {
    q.push(at(t, seq));
    ref.insert({t, seq});
    ++seq;
  };
  for (int i = 0; i < 1000; ++i) push(static_cast<double>(rng.below(50)));
  for (int step = 0; step < 200000; ++step) {
    ASSERT_EQ(q.size(), ref.size());
    if (!ref.empty() && rng.below(3) != 0) {
      const auto want = *ref.begin();
      ref.erase(ref.begin());
      ASSERT_EQ(q.top().time, want.first) << "step " << step;
      ASSERT_EQ(q.top().seq, want.second) << "step " << step;
      now = want.first;
      q.pop();
    } else {
      const std::uint64_t r = rng.below(4);
      const double delay = r == 0   ? 0.0
                           : r == 1 ? static_cast<double>(rng.below(20))
                                    : 100.0 * rng.uniform();
      push(now + delay);
    }
  }
  while (!ref.empty()) {
    ASSERT_EQ(q.top().seq, ref.begin()->second);
    ref.erase(ref.begin());
    q.pop();
  }
  EXPECT_TRUE(q.empty());
}

TYPED_TEST(EventQueueTest, HandlesExtremeTimes) {
  TypeParam q;
  const double tiny = std::numeric_limits<double>::denorm_min();
  q.push(at(1e300, 0));
  q.push(at(-0.0, 1));  // orders as 0
  q.push(at(tiny, 2));
  q.push(at(0.0, 3));
  q.push(at(std::numeric_limits<double>::infinity(), 4));
  q.push(at(1.0, 5));
  for (std::uint64_t want : {1, 3, 2, 5, 0, 4}) {
    EXPECT_EQ(q.top().seq, want);
    q.pop();
  }
  EXPECT_TRUE(q.empty());
}

TYPED_TEST(EventQueueTest, ClearEmptiesAndTheQueueIsReusable) {
  TypeParam q;
  for (std::uint64_t i = 0; i < 100; ++i) q.push(at(static_cast<double>(100 - i), i));
  EXPECT_EQ(q.top().time, 1.0);
  q.clear();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
  q.push(at(0.5, 200));
  q.push(at(0.25, 201));
  EXPECT_EQ(q.top().seq, 201u);
}

}  // namespace
}  // namespace rackscale::sim
