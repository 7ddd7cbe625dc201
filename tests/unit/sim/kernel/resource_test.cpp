// Counted resources: FIFO hand-over, statistics by hand, and M/M/1 and M/M/3 queues checked
// against Little's law and the exact formulas.

#include "rackscale/sim/kernel/resource.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/core/random.hpp"

namespace rackscale::sim {
namespace {

TEST(Resource, HandsUnitsOverInFifoOrderAsWakeupEvents) {
  Simulator sim;
  Resource crew(1);
  enum : std::uint32_t { kArrive, kGranted, kDone };
  std::vector<std::uint32_t> served;
  for (std::uint32_t c = 0; c < 5; ++c) sim.schedule(static_cast<double>(c) * 0.1, kArrive, c);
  sim.run_until(100.0, [&](const Event& e) {
    switch (e.kind) {
      case kArrive:
        if (crew.request(sim, Wakeup{kGranted, e.entity, 1000 + e.entity})) {
          served.push_back(e.entity);
          sim.schedule(1.0, kDone, e.entity);
        }
        break;
      case kGranted:
        EXPECT_EQ(e.data, 1000 + e.entity);
        EXPECT_EQ(crew.in_use(), 1u);  // the unit is already held when the wakeup arrives
        served.push_back(e.entity);
        sim.schedule(1.0, kDone, e.entity);
        break;
      case kDone:
        crew.release(sim);
        break;
    }
  });
  EXPECT_EQ(served, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(crew.request_count(), 5u);
  EXPECT_EQ(crew.grant_count(), 5u);
  EXPECT_EQ(crew.in_use(), 0u);
  EXPECT_EQ(crew.max_queue_length(), 4u);
  // Waits: 1 at 0.1 waits until 1.0, 2 from 0.2 to 2.0, 3 from 0.3 to 3.0, 4 from 0.4 to 4.0.
  EXPECT_NEAR(crew.total_wait(), 0.9 + 1.8 + 2.7 + 3.6, 1e-12);
}

TEST(Resource, TimeAveragesByHand) {
  // Capacity 2. t=0: A takes a unit; t=1: B takes one; t=2: C waits; t=4: A releases -> C gets
  // it; t=6: B releases; t=8: C releases; observed to t=10.
  // In use: 1 on [0,1), 2 on [1,6), 1 on [6,8), 0 on [8,10): integral 1+10+2 = 13 -> 1.3.
  // Queue: 1 on [2,4): integral 2 -> 0.2. Waits: C waited 2 h over 3 grants.
  Simulator sim;
  Resource r(2);
  auto at = [&](double t, auto&& f) {
    sim.run_until(t, [](const Event&) {});
    f();
  };
  at(0.0, [&] { EXPECT_TRUE(r.request(sim, Wakeup{})); });
  at(1.0, [&] { EXPECT_TRUE(r.request(sim, Wakeup{})); });
  at(2.0, [&] { EXPECT_FALSE(r.request(sim, Wakeup{9, 3})); });
  EXPECT_EQ(r.queue_length(), 1u);
  at(4.0, [&] { EXPECT_TRUE(r.release(sim)); });
  EXPECT_EQ(sim.pending(), 1u);  // C's wakeup, due now
  EXPECT_EQ(sim.next_time(), 4.0);
  at(6.0, [&] { EXPECT_FALSE(r.release(sim)); });
  at(8.0, [&] { EXPECT_FALSE(r.release(sim)); });
  sim.run_until(10.0, [](const Event&) {});
  EXPECT_DOUBLE_EQ(r.mean_in_use(10.0), 1.3);
  EXPECT_DOUBLE_EQ(r.utilization(10.0), 0.65);
  EXPECT_DOUBLE_EQ(r.mean_queue_length(10.0), 0.2);
  EXPECT_DOUBLE_EQ(r.mean_wait(), 2.0 / 3.0);
  EXPECT_EQ(r.available(), 2u);
}

TEST(Resource, RejectsMisuse) {
  EXPECT_THROW(Resource(0), Error);
  Simulator sim;
  Resource r(3);
  EXPECT_THROW(r.release(sim), Error);
}

// Poisson arrivals (rate lambda) served by `servers` exponential servers (rate mu each).
struct QueueRun {
  double lq = 0.0;    // time-average number waiting
  double wq = 0.0;    // mean wait of served customers [h]
  double rate = 0.0;  // grants per hour
  double busy = 0.0;  // time-average servers busy
};

QueueRun run_mmc(double lambda, double mu, std::uint32_t servers, double horizon,
                 std::uint64_t seed) {
  enum : std::uint32_t { kArrive, kStart, kDepart };
  Simulator sim;
  Resource server(servers);
  Rng arrivals = Rng::for_stream(seed, 0, stream_kind("test.arrival"), 0);
  Rng service = Rng::for_stream(seed, 0, stream_kind("test.service"), 0);
  const Exponential gap(1.0 / lambda), work(1.0 / mu);
  std::uint32_t next_id = 0;
  sim.schedule(gap.sample(arrivals), kArrive, next_id++);
  sim.run_until(horizon, [&](const Event& e) {
    switch (e.kind) {
      case kArrive:
        sim.schedule(gap.sample(arrivals), kArrive, next_id++);
        if (!server.request(sim, Wakeup{kStart, e.entity})) break;
        [[fallthrough]];
      case kStart:
        sim.schedule(work.sample(service), kDepart, e.entity);
        break;
      case kDepart:
        server.release(sim);
        break;
    }
  });
  return QueueRun{server.mean_queue_length(horizon), server.mean_wait(),
                  static_cast<double>(server.grant_count()) / horizon, server.mean_in_use(horizon)};
}

// Erlang C: mean number waiting in an M/M/c queue (Gross and Harris, sec. 2.3).
double erlang_c_lq(double lambda, double mu, int c) {
  const double a = lambda / mu, rho = a / c;
  double sum = 0.0, term = 1.0;  // a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double tail = term / (1.0 - rho);  // a^c / c! / (1 - rho)
  const double p_wait = tail / (sum + tail);
  return p_wait * rho / (1.0 - rho);
}

TEST(Resource, MM1SatisfiesLittlesLawAndTheExactQueueLength) {
  // rho = 0.8: L_q = rho^2 / (1 - rho) = 3.2. About 800,000 customers.
  const QueueRun r = run_mmc(0.8, 1.0, 1, 1e6, 42);
  // Little's law holds on the sample path up to the customers still waiting at the end: 0.5%.
  EXPECT_NEAR(r.lq, r.rate * r.wq, 0.005 * r.lq);
  // The time average has a standard deviation of about 1.5% here (asymptotic variance of the
  // M/M/1 queue, Whitt 1989): 6% is four of them.
  EXPECT_NEAR(r.lq, 3.2, 0.06 * 3.2);
  EXPECT_NEAR(r.busy, 0.8, 0.01);
}

TEST(Resource, MM3SatisfiesLittlesLawAndErlangC) {
  const double lq = erlang_c_lq(2.4, 1.0, 3);  // rho = 0.8: 2.5888
  EXPECT_NEAR(lq, 2.5888, 1e-4);
  const QueueRun r = run_mmc(2.4, 1.0, 3, 5e5, 7);
  EXPECT_NEAR(r.lq, r.rate * r.wq, 0.005 * r.lq);
  EXPECT_NEAR(r.lq, lq, 0.06 * lq);
  EXPECT_NEAR(r.busy, 2.4, 0.03);
}

}  // namespace
}  // namespace rackscale::sim
