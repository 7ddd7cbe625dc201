// The repair-crew model (bench/peers/README.md): the reference trajectory, the exact finite-source
// M/M/R//N solution within Monte Carlo error, Little's law, determinism.

#include "rackscale/sim/kernel/repair_crew.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "rackscale/core/random.hpp"

namespace rackscale::sim {
namespace {

TEST(RepairCrewExact, MatchesTheBenchmarkReadme) {
  // bench/peers/README.md, "Exact steady state": availability 0.500000, mean queue 4950.0,
  // 5.0000 repairs/h.
  const RepairCrewExact e = repair_crew_exact(RepairCrewParams{});
  EXPECT_NEAR(e.availability, 0.5, 5e-7);
  EXPECT_NEAR(e.mean_queue, 4950.0, 0.05);
  EXPECT_NEAR(e.repairs_per_h, 5.0, 5e-5);
}

TEST(RepairCrewExact, OneComponentOneCrewByHand) {
  // Up 100 h, down 10 h on average: availability 100 / 110.
  const RepairCrewExact e = repair_crew_exact(RepairCrewParams{1, 1, 100.0, 10.0, 1.0});
  EXPECT_DOUBLE_EQ(e.availability, 100.0 / 110.0);
  EXPECT_DOUBLE_EQ(e.mean_queue, 0.0);
}

// The hand-written reference loop (binary and 4-ary heap; bench/peers/README.md, "Random numbers
// and draw order") at N = 10,000, R = 50, T = 1e5 h, seed 42 gives events=1005503
// failures=505254 repairs=500249 max_queue=5237 availability=0.50486. Every queue reproduces it:
// same draws, same order.
template <class Q>
class RepairCrewTrajectory : public ::testing::Test {};
using Queues = ::testing::Types<RadixQueue, BinaryHeapQueue, QuaternaryHeapQueue>;
TYPED_TEST_SUITE(RepairCrewTrajectory, Queues);

TYPED_TEST(RepairCrewTrajectory, ReproducesTheHandWrittenReference) {
  RepairCrewParams p;
  p.horizon_h = 1e5;
  const RepairCrewResult r = run_repair_crew<TypeParam>(p, Rng(42));
  EXPECT_EQ(r.events, 1005503u);
  EXPECT_EQ(r.failures, 505254u);
  EXPECT_EQ(r.repairs, 500249u);
  EXPECT_EQ(r.max_queue, 5237u);
  EXPECT_NEAR(r.availability, 0.50486, 5e-6);
  // Wakeups: every repair that did not start at once is one more kernel event.
  EXPECT_GT(r.kernel_events, r.events);
}

TEST(RepairCrew, SmallFleetMatchesTheExactAvailabilityWithinMonteCarloError) {
  // N = 20, R = 2, MTTF 100 h, MTTR 10 h: offered load 2 repairs/10 h per crew at full fleet.
  const RepairCrewParams p{20, 2, 100.0, 10.0, 20'000.0};
  const RepairCrewExact exact = repair_crew_exact(p);
  const int runs = 40;
  std::vector<double> availability, queue;
  for (int run = 0; run < runs; ++run) {
    const auto r = run_repair_crew(p, Rng::for_stream(42, static_cast<std::uint64_t>(run),
                                                      stream_kind("test.repair_crew"), 0));
    availability.push_back(r.availability);
    queue.push_back(r.mean_queue);
    // Little's law on each run: L_q = (repairs per hour) W_q, up to the end effect.
    EXPECT_NEAR(r.mean_queue, static_cast<double>(r.repairs) / p.horizon_h * r.mean_wait_h,
                0.03 * r.mean_queue + 0.01);
  }
  auto mean_and_se = [&](const std::vector<double>& x) {
    double m = 0.0, s2 = 0.0;
    for (double v : x) m += v;
    m /= runs;
    for (double v : x) s2 += (v - m) * (v - m);
    return std::pair{m, std::sqrt(s2 / (runs - 1) / runs)};
  };
  const auto [a, a_se] = mean_and_se(availability);
  const auto [q, q_se] = mean_and_se(queue);
  // Four standard errors of the mean over independent runs (each starts with all components up,
  // a transient of a few hundred hours in 20,000: its bias is well inside this).
  EXPECT_NEAR(a, exact.availability, 4.0 * a_se) << "exact " << exact.availability;
  EXPECT_NEAR(q, exact.mean_queue, 4.0 * q_se) << "exact " << exact.mean_queue;
  EXPECT_LT(a_se, 0.002);  // the check is tight enough to mean something
}

TEST(RepairCrew, SameSeedSameResultOtherSeedOtherResult) {
  const RepairCrewParams p{500, 5, 200.0, 10.0, 5000.0};
  const auto a = run_repair_crew(p, Rng(1));
  const auto b = run_repair_crew(p, Rng(1));
  const auto c = run_repair_crew(p, Rng(2));
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.kernel_events, b.kernel_events);
  EXPECT_EQ(a.availability, b.availability);
  EXPECT_EQ(a.mean_queue, b.mean_queue);
  EXPECT_NE(a.availability, c.availability);
}

}  // namespace
}  // namespace rackscale::sim
