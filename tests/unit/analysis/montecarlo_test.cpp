#include "rackscale/analysis/montecarlo.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "rackscale/analysis/quantiles.hpp"

namespace {

using rackscale::analysis::ReplicationOptions;
using rackscale::analysis::resolve_thread_count;
using rackscale::analysis::run_replications;

// SplitMix64 (Steele, Lea, Flood 2014; constants of Vigna's reference splitmix64.c).
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256++ (Blackman and Vigna 2019), seeded by SplitMix64 as its authors recommend.
class Xoshiro256pp {
 public:
  explicit Xoshiro256pp(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
  }
  std::uint64_t next() {
    const std::uint64_t result = std::rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return result;
  }
  //! Uniform on (0, 1): the top 53 bits, centred in their interval.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  std::uint64_t s_[4];
};

// The per-run seed, split from (scenario seed, run index): the rule the library relies on.
std::uint64_t run_seed(std::uint64_t scenario_seed, int run) {
  std::uint64_t state = scenario_seed;
  const std::uint64_t base = splitmix64(state);
  state = base ^ static_cast<std::uint64_t>(run);
  return splitmix64(state);
}

// A run with enough floating-point work that any change of order would show in the last bits:
// a 52-week series of a random walk with exponential steps.
std::vector<double> weekly_walk(int run) {
  Xoshiro256pp rng(run_seed(20260105, run));
  std::vector<double> weeks(52);
  double level = 0;
  for (double& w : weeks) {
    level += -std::log(rng.uniform()) * 1.7;
    w = level;
  }
  return weeks;
}

std::vector<std::uint64_t> bits(const std::vector<double>& v) {
  std::vector<std::uint64_t> out;
  for (double d : v) out.push_back(std::bit_cast<std::uint64_t>(d));
  return out;
}

TEST(RunReplications, ResultsAreInRunOrderAndBitIdenticalForAnyThreadCount) {
  const auto one = run_replications(500, 1, weekly_walk);
  ASSERT_EQ(one.size(), 500u);
  for (int run = 0; run < 500; ++run) {
    EXPECT_EQ(bits(one[run]), bits(weekly_walk(run))) << "run " << run;
  }
  for (int threads : {2, 8}) {
    const auto many = run_replications(500, threads, weekly_walk);
    ASSERT_EQ(many.size(), one.size());
    for (std::size_t run = 0; run < one.size(); ++run) {
      EXPECT_EQ(bits(many[run]), bits(one[run])) << threads << " threads, run " << run;
    }
    // And so is anything aggregated afterwards.
    const auto a = rackscale::analysis::series_quantiles(one);
    const auto b = rackscale::analysis::series_quantiles(many);
    EXPECT_EQ(bits(a.p10), bits(b.p10));
    EXPECT_EQ(bits(a.p50), bits(b.p50));
    EXPECT_EQ(bits(a.p90), bits(b.p90));
    EXPECT_EQ(bits(a.mean), bits(b.mean));
  }
}

TEST(RunReplications, EveryRunExactlyOnce) {
  std::vector<std::atomic<int>> calls(1000);
  const auto results = run_replications(1000, 8, [&calls](int run) {
    calls[run].fetch_add(1);
    return run * 3;
  });
  for (int run = 0; run < 1000; ++run) {
    EXPECT_EQ(calls[run].load(), 1) << "run " << run;
    EXPECT_EQ(results[run], run * 3);
  }
}

TEST(RunReplications, ZeroRunsAndMoreThreadsThanRuns) {
  EXPECT_TRUE(run_replications(0, 4, [](int run) { return run; }).empty());
  EXPECT_EQ(run_replications(3, 16, [](int run) { return run + 1; }), (std::vector<int>{1, 2, 3}));
  // threads = 0: one per hardware thread.
  EXPECT_EQ(run_replications(5, 0, [](int run) { return run; }).size(), 5u);
}

TEST(RunReplications, ResultTypesWithoutDefaultConstructorOrCopy) {
  struct NoDefault {
    explicit NoDefault(int v) : value(v) {}
    int value;
  };
  const auto a = run_replications(20, 4, [](int run) { return NoDefault(run); });
  for (int run = 0; run < 20; ++run) EXPECT_EQ(a[run].value, run);

  const auto b = run_replications(20, 4, [](int run) { return std::make_unique<int>(run); });
  for (int run = 0; run < 20; ++run) EXPECT_EQ(*b[run], run);

  // bool results are stored one per slot (a std::vector<bool> would pack them into shared words).
  const auto c = run_replications(1000, 8, [](int run) { return run % 3 == 0; });
  for (int run = 0; run < 1000; ++run) EXPECT_EQ(c[run], run % 3 == 0);
}

struct RunFailed : std::runtime_error {
  explicit RunFailed(int r) : std::runtime_error("run " + std::to_string(r) + " failed"), run(r) {}
  int run;
};

TEST(RunReplications, RethrowsTheFailureOfTheLowestRunIndex) {
  for (int threads : {1, 2, 8}) {
    try {
      run_replications(200, threads, [](int run) {
        if (run == 37 || run == 38 || run == 150) throw RunFailed(run);
        return run;
      });
      ADD_FAILURE() << "no exception with " << threads << " threads";
    } catch (const RunFailed& e) {
      EXPECT_EQ(e.run, 37) << threads << " threads";
    }
  }
}

TEST(RunReplications, StopsStartingRunsAfterAFailure) {
  std::atomic<int> started{0};
  EXPECT_THROW(run_replications(1000, 1,
                                [&started](int run) {
                                  started.fetch_add(1);
                                  if (run == 10) throw std::logic_error("boom");
                                  return run;
                                }),
               std::logic_error);
  EXPECT_EQ(started.load(), 11);  // runs 0..10; one thread, so nothing else was in progress
}

TEST(RunReplications, RejectsNegativeOptionsNamingEach) {
  ReplicationOptions options;
  options.runs = -1;
  options.threads = -2;
  try {
    run_replications(options, [](int run) { return run; });
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "runs: must be >= 0, got -1\n"
                 "threads: must be >= 0 (0 = one per hardware thread), got -2");
  }
}

TEST(RunReplications, ResolvesThreadCount) {
  EXPECT_EQ(resolve_thread_count(8, 3), 3);
  EXPECT_EQ(resolve_thread_count(4, 0), 1);
  EXPECT_EQ(resolve_thread_count(1, 100), 1);
  EXPECT_EQ(resolve_thread_count(2, 100), 2);
  EXPECT_GE(resolve_thread_count(0, 100), 1);
  EXPECT_THROW(resolve_thread_count(-1, 10), std::invalid_argument);
}

TEST(RunReplications, ProgressCallsNeverOverlapNeverGoBackAndEndWithTheTotal) {
  ReplicationOptions options;
  options.runs = 2000;
  options.threads = 8;
  options.progress_interval = std::chrono::milliseconds(0);  // report as often as possible
  std::atomic<bool> inside{false};
  std::atomic<int> overlaps{0};
  std::vector<std::pair<int, int>> calls;  // guarded by the library's serialization
  options.progress = [&](int done, int total) {
    if (inside.exchange(true)) overlaps.fetch_add(1);
    calls.emplace_back(done, total);
    inside.store(false);
  };
  run_replications(options, [](int run) { return run; });
  EXPECT_EQ(overlaps.load(), 0);
  ASSERT_FALSE(calls.empty());
  for (std::size_t i = 1; i < calls.size(); ++i) EXPECT_LE(calls[i - 1].first, calls[i].first);
  for (const auto& [done, total] : calls) EXPECT_EQ(total, 2000);
  EXPECT_EQ(calls.back().first, 2000);
}

TEST(RunReplications, ProgressIsRateLimited) {
  // Nothing is due within an hour, so the only call is the final one.
  ReplicationOptions options;
  options.runs = 1000;
  options.threads = 2;
  options.progress_interval = std::chrono::hours(1);
  std::vector<std::pair<int, int>> calls;
  options.progress = [&calls](int done, int total) { calls.emplace_back(done, total); };
  run_replications(options, [](int run) { return run; });
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{1000, 1000}}));
}

TEST(RunReplications, ProgressExceptionStopsTheRuns) {
  ReplicationOptions options;
  options.runs = 1000;
  options.threads = 1;
  options.progress_interval = std::chrono::milliseconds(0);
  std::atomic<int> started{0};
  options.progress = [](int, int) { throw std::runtime_error("cancelled"); };
  try {
    run_replications(options, [&started](int run) {
      started.fetch_add(1);
      return run;
    });
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cancelled");
  }
  EXPECT_EQ(started.load(), 1);
}

// The sample median of N uniform(0,1) draws converges to 0.5. The number of draws below 0.5 is
// Binomial(N, 1/2), with standard deviation sqrt(N)/2 draws; the uniform density is 1, so the
// median's standard error is (sqrt(N)/2)/N = 0.5/sqrt(N). Every check is deterministic (fixed
// seeds), so there is no flakiness, only a bound that a correct implementation meets.
TEST(RunReplications, MedianOfUniformsConvergesWithinTheBinomialBound) {
  auto median_error = [](int n, std::uint64_t seed) {
    const auto draws = run_replications(n, 2, [seed](int run) {
      Xoshiro256pp rng(run_seed(seed, run));
      return rng.uniform();
    });
    return rackscale::analysis::quantile(draws, 0.5) - 0.5;
  };
  std::vector<double> rms;
  for (int n : {100, 1'000, 10'000, 100'000}) {
    const double standard_error = 0.5 / std::sqrt(static_cast<double>(n));
    double sum_sq = 0;
    const int seeds = 20;
    for (int s = 0; s < seeds; ++s) {
      const double e = median_error(n, 1000 + static_cast<std::uint64_t>(s));
      EXPECT_LE(std::abs(e), 4 * standard_error) << "N = " << n << ", seed " << s;
      sum_sq += e * e;
    }
    rms.push_back(std::sqrt(sum_sq / seeds));
    // The root-mean-square error over the seeds estimates the standard error itself.
    EXPECT_LT(rms.back(), 2 * standard_error) << "N = " << n;
    EXPECT_GT(rms.back(), 0.4 * standard_error) << "N = " << n;
  }
  // Each tenfold increase of N shrinks the error (by sqrt(10) ~ 3.2 in expectation).
  for (std::size_t i = 1; i < rms.size(); ++i) EXPECT_LT(rms[i], rms[i - 1] / 1.5);
}

}  // namespace
