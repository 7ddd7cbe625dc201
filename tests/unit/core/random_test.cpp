// Seeded streams and our own distributions: pinned draws, stream splitting, moments.

#include "rackscale/core/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <set>
#include <vector>

#include "rackscale/core/error.hpp"

namespace rackscale {
namespace {

// Pinned values were computed independently: the engine with bench/peers/peer_rng.hpp and with a
// pure-Python xoshiro256++; the transcendental ones with glibc's log/cos. Draws that involve only
// integer and exact floating-point steps are compared exactly; those through log, exp, cos or pow
// within 4 ulps (EXPECT_DOUBLE_EQ), the leeway another libm may need.
TEST(Rng, PinsTheFirstDrawsOfSeed42) {
  Rng r(42);
  EXPECT_EQ(r.next(), 15021278609987233951ULL);
  EXPECT_EQ(r.next(), 5881210131331364753ULL);
  EXPECT_EQ(r.next(), 18149643915985481100ULL);
  EXPECT_EQ(r.next(), 12933668939759105464ULL);

  Rng u(42);
  EXPECT_EQ(u.uniform(), 0.81430514512290997);
  EXPECT_EQ(u.uniform(), 0.31882104006166118);
  EXPECT_EQ(u.uniform(), 0.98389416817748887);
}

TEST(Rng, PinsExponentialAndNormalDraws) {
  Rng e(42);
  const Exponential up(1000.0);
  EXPECT_DOUBLE_EQ(up.sample(e), 205.4201120678683);
  EXPECT_DOUBLE_EQ(up.sample(e), 1143.1253365598222);
  EXPECT_DOUBLE_EQ(up.sample(e), 16.236940379239847);

  Rng n(42);  // Box-Muller: two uniforms per draw, no spare kept
  EXPECT_DOUBLE_EQ(n.standard_normal(), -0.26860736946209501);
  EXPECT_DOUBLE_EQ(n.standard_normal(), -0.054462170108150951);
}

TEST(Rng, UniformIsInsideTheOpenUnitInterval) {
  Rng r(7);
  for (int i = 0; i < 100000; ++i) {
    const double u = r.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

TEST(Rng, StreamIsSeedRunKindEntityFoldedThroughSplitmix) {
  // By hand: h = sm(seed); h = sm(h ^ run); h = sm(h ^ kind); h = sm(h ^ entity); Rng(h).
  Rng s = Rng::for_stream(42, 3, 0x4255'0001, 7);
  EXPECT_EQ(s.next(), 551317655309504038ULL);

  std::uint64_t x = 42;
  std::uint64_t h = splitmix64(x);
  x = h ^ 3;
  h = splitmix64(x);
  x = h ^ 0x4255'0001;
  h = splitmix64(x);
  x = h ^ 7;
  Rng manual(splitmix64(x));
  Rng again = Rng::for_stream(42, 3, 0x4255'0001, 7);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(again.next(), manual.next());
}

TEST(Rng, StreamsDifferByEveryPartOfTheirKey) {
  std::set<std::uint64_t> first;
  for (std::uint64_t seed : {1, 2})
    for (std::uint64_t run : {0, 1})
      for (std::uint64_t kind : {stream_kind("failure"), stream_kind("repair")})
        for (std::uint64_t entity : {0, 1, 2}) {
          first.insert(Rng::for_stream(seed, run, kind, entity).next());
        }
  EXPECT_EQ(first.size(), 24u);
}

TEST(Rng, StreamKindIsFnv1aOfTheName) {
  static_assert(stream_kind("") == 0xcbf29ce484222325ULL);
  EXPECT_EQ(stream_kind("reliability.failure"), 0xcda43f4a07cfe8d7ULL);
}

TEST(Rng, BelowIsInRangeAndEven) {
  Rng r(11);
  std::vector<int> counts(6, 0);
  const int n = 600000;
  for (int i = 0; i < n; ++i) ++counts[r.below(6)];
  for (int c : counts) EXPECT_NEAR(c, n / 6, 5 * std::sqrt(n / 6.0));  // 5 sigma
  EXPECT_THROW(r.below(0), Error);
  EXPECT_EQ(r.below(1), 0u);
}

// Sample mean and variance of n draws against the exact moments. With n = 1e6 the mean is held
// to 5 standard errors and the variance to 2% (seeds are fixed: the test is deterministic).
template <class D>
void expect_moments(const D& d, std::uint64_t seed) {
  Rng r(seed);
  const int n = 1'000'000;
  double sum = 0.0, sum2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(r);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  EXPECT_NEAR(mean, d.mean(), 5.0 * std::sqrt(d.variance() / n));
  EXPECT_NEAR(var, d.variance(), 0.02 * d.variance());
}

TEST(Distributions, MomentsMatch) {
  expect_moments(Uniform(2.0, 5.0), 1);
  expect_moments(Exponential(10.0), 2);
  expect_moments(Normal(3.0, 2.0), 3);
  expect_moments(Lognormal(1.0, 0.5), 4);
  expect_moments(Lognormal::from_median_p90(12.0, 20.0), 5);
  expect_moments(Triangular(1.0, 2.0, 6.0), 6);
  expect_moments(Weibull(0.7, 100.0), 7);  // infant mortality: shape < 1
  expect_moments(Weibull(3.0, 50.0), 8);   // wear-out: shape > 1
}

TEST(Distributions, ClosedFormMoments) {
  EXPECT_DOUBLE_EQ(Triangular(0.0, 0.0, 3.0).mean(), 1.0);
  EXPECT_DOUBLE_EQ(Triangular(0.0, 0.0, 3.0).variance(), 9.0 / 18.0);
  EXPECT_DOUBLE_EQ(Weibull(1.0, 7.0).mean(), 7.0);  // shape 1 is the exponential
  EXPECT_DOUBLE_EQ(Weibull(1.0, 7.0).variance(), 49.0);
  EXPECT_NEAR(Weibull(2.0, 1.0).mean(), std::sqrt(std::numbers::pi) / 2.0, 1e-15);
}

TEST(Distributions, LognormalFromMedianAndP90HitsBothQuantiles) {
  const auto d = Lognormal::from_median_p90(18.0, 30.0);
  EXPECT_DOUBLE_EQ(d.sigma(), std::log(30.0 / 18.0) / 1.2815515655446004);
  EXPECT_DOUBLE_EQ(d.median(), 18.0);
  Rng r(9);
  const int n = 1'000'000;
  int below_median = 0, below_p90 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(r);
    below_median += x <= 18.0;
    below_p90 += x <= 30.0;
  }
  // Binomial standard errors: 0.0005 and 0.0003.
  EXPECT_NEAR(below_median / double(n), 0.5, 0.0025);
  EXPECT_NEAR(below_p90 / double(n), 0.9, 0.0015);
  // p90 == median is a constant.
  Rng c(1);
  EXPECT_DOUBLE_EQ(Lognormal::from_median_p90(5.0, 5.0).sample(c), 5.0);
}

TEST(Distributions, TriangularStaysInsideAndDegenerates) {
  const Triangular t(2.0, 3.0, 7.0);
  Rng r(3);
  for (int i = 0; i < 10000; ++i) {
    const double x = t.sample(r);
    ASSERT_GE(x, 2.0);
    ASSERT_LE(x, 7.0);
  }
  EXPECT_EQ(Triangular(4.0, 4.0, 4.0).sample(r), 4.0);
}

TEST(Distributions, RejectBadParametersNamingTheRule) {
  EXPECT_THROW(Uniform(3.0, 1.0), Error);
  EXPECT_THROW(Exponential(0.0), Error);
  EXPECT_THROW(Normal(0.0, -1.0), Error);
  EXPECT_THROW(Lognormal(0.0, -0.1), Error);
  EXPECT_THROW(Lognormal::from_median_p90(0.0, 1.0), Error);
  EXPECT_THROW(Triangular(1.0, 0.5, 2.0), Error);
  EXPECT_THROW(Weibull(0.0, 1.0), Error);
  EXPECT_THROW(Weibull(1.0, -1.0), Error);
  try {
    Lognormal::from_median_p90(10.0, 5.0);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "lognormal distribution: p90 must be >= median, got median 10, p90 5");
  }
}

TEST(Distributions, DrawsPerSampleAreFixed) {
  // Every distribution uses a fixed number of engine outputs: 1 (2 for the normal family), so a
  // stream's position never depends on parameter values.
  Rng a(5), b(5);
  Triangular(0.0, 1.0, 2.0).sample(a);
  Weibull(2.0, 1.0).sample(a);
  Exponential(1.0).sample(a);
  Uniform(0.0, 1.0).sample(a);
  Normal(0.0, 1.0).sample(a);
  Lognormal(0.0, 1.0).sample(a);
  for (int i = 0; i < 8; ++i) b.next();
  EXPECT_EQ(a.next(), b.next());
}

}  // namespace
}  // namespace rackscale
