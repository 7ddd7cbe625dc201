// Tally: exact quantiles by counts equal the type-7 quantiles of the sorted sample (computed
// apart, by sorting), merges give the same bits in any order and split, any sample of at most
// kExactValues values is exact, and past it the sketch stays within its stated relative error of
// the exact quantiles (computed apart, by sorting).

#include "rackscale/analysis/tally.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace rackscale::analysis {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

Tally tally_of(const std::vector<double>& values) {
  Tally t;
  for (double v : values) t.add(v);
  return t;
}

// Integer counts of racks: a few hundred distinct values among thousands of runs.
std::vector<double> rack_counts(int n, std::uint32_t seed) {
  std::mt19937 engine(seed);
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(static_cast<double>(engine() % 301));
  return v;
}

const std::vector<double> kProbabilities = {0.0, 0.05, 0.1, 0.25, 0.333, 0.5, 0.9, 0.99, 1.0};

TEST(Tally, ExactQuantilesEqualTheSortedSample) {
  for (int n : {1, 2, 3, 10, 999, 5000}) {
    SCOPED_TRACE(n);
    std::vector<double> values = rack_counts(n, 7);
    const Tally t = tally_of(values);
    std::sort(values.begin(), values.end());
    EXPECT_TRUE(t.exact());
    EXPECT_EQ(t.count(), static_cast<std::uint64_t>(n));
    for (double p : kProbabilities) {
      EXPECT_EQ(bits(t.quantile(p)), bits(quantile_sorted(values, p))) << "p = " << p;
    }
    EXPECT_EQ(t.min(), values.front());
    EXPECT_EQ(t.max(), values.back());
    // Integers: the sorted sum is exact, hence equal to the sum by distinct value.
    double sum = 0.0;
    for (double v : values) sum += v;
    EXPECT_EQ(bits(t.mean()), bits(sum / n));
  }
}

TEST(Tally, MeanHasTheBitsOfTheSortedSum) {
  // Shares of racks on time: fractions, repeated, then 1.0 many times: summed one by one.
  std::vector<double> shares;
  for (int i = 0; i < 400; ++i) shares.push_back(i % 5 == 0 ? 0.986 : (i % 7 == 0 ? 0.175 : 1.0));
  EXPECT_EQ(bits(tally_of(shares).mean()), bits(summarize(shares).mean));
  EXPECT_EQ(bits(tally_of(shares).summary().mean), bits(summarize(shares).mean));
}

TEST(Tally, HandCountedSample) {
  // 1, 2, 2, 7: h = 3p; P50: h = 1.5, 2 + 0.5 (2 - 2) = 2; P90: h = 2.7, 2 + 0.7 (7 - 2) = 5.5.
  const Tally t = tally_of({7, 2, 1, 2});
  EXPECT_EQ(t.quantile(0.5), 2.0);
  EXPECT_DOUBLE_EQ(t.quantile(0.9), 5.5);
  EXPECT_EQ(t.mean(), 3.0);
  EXPECT_EQ(t.summary().p10, 1.3);  // h = 0.3: 1 + 0.3 (2 - 1)
}

TEST(Tally, NeverReachedFollowsTheMilestoneRules) {
  const std::vector<double> values = {14.0, kNever, 10.0, 12.0, kNever};
  const MilestoneSummary expected =
      summarize_milestone({14.0, std::nullopt, 10.0, 12.0, std::nullopt});
  const MilestoneSummary s = tally_of(values).milestone_summary();
  EXPECT_EQ(s.p10, expected.p10);
  EXPECT_EQ(s.p50, expected.p50);
  EXPECT_EQ(s.p90, expected.p90);
  EXPECT_EQ(s.mean, expected.mean);
  EXPECT_EQ(s.min, 10.0);
  EXPECT_FALSE(s.max);
  EXPECT_EQ(s.runs, 5);
  EXPECT_EQ(s.reached_runs, 3);
}

// summary() takes its order statistics and mean in one pass: the bits of the sorted sample's
// summary (summarize), in every mode: dense integers, stored values, with "never".
TEST(Tally, SummaryInOnePassEqualsTheSortedSample) {
  for (int n : {1, 2, 3, 4, 9, 10, 11, 999, 5000}) {
    SCOPED_TRACE(n);
    std::vector<double> values = rack_counts(n, 5);
    std::vector<double> fractions = values;
    for (double& v : fractions) v = v * 0.1 + 0.05;
    for (const std::vector<double>* sample : {&values, &fractions}) {
      const QuantileSummary s = tally_of(*sample).summary();
      const QuantileSummary expected = summarize(*sample);
      EXPECT_EQ(bits(s.p10), bits(expected.p10));
      EXPECT_EQ(bits(s.p50), bits(expected.p50));
      EXPECT_EQ(bits(s.p90), bits(expected.p90));
      EXPECT_EQ(bits(s.mean), bits(expected.mean));
      EXPECT_EQ(s.min, expected.min);
      EXPECT_EQ(s.max, expected.max);
    }
    // Every third run never gets there: quantiles past the reached share are "never".
    std::vector<double> days = values;
    for (std::size_t i = 0; i < days.size(); i += 3) days[i] = kNever;
    std::sort(days.begin(), days.end());
    const QuantileSummary d = tally_of(days).summary();
    EXPECT_EQ(bits(d.p10), bits(quantile_sorted(days, 0.1)));
    EXPECT_EQ(bits(d.p50), bits(quantile_sorted(days, 0.5)));
    EXPECT_EQ(bits(d.p90), bits(quantile_sorted(days, 0.9)));
    EXPECT_EQ(d.mean, kNever);
    EXPECT_EQ(d.min, days.front());
    EXPECT_EQ(d.max, days.back());
  }
}

// Past kExactValues, a sketch: summary() gives the bits of quantile(), min(), max() and mean(),
// each of which scans on its own.
TEST(Tally, SketchSummaryEqualsItsQuantilesOneByOne) {
  std::vector<double> values = rack_counts(static_cast<int>(kExactValues) + 500, 9);
  for (double& v : values) v = v * 1.7 + 0.3;
  const Tally t = tally_of(values);
  ASSERT_FALSE(t.exact());
  const QuantileSummary s = t.summary();
  EXPECT_EQ(bits(s.p10), bits(t.quantile(0.1)));
  EXPECT_EQ(bits(s.p50), bits(t.quantile(0.5)));
  EXPECT_EQ(bits(s.p90), bits(t.quantile(0.9)));
  EXPECT_EQ(bits(s.mean), bits(t.mean()));
  EXPECT_EQ(s.min, t.min());
  EXPECT_EQ(s.max, t.max());
}

// 16-bit counters carry past 65,535 equal values: counts by hand (2 x 3, 65,536 x 5, 100,000 x
// 7), added one by one, in bulk, with the window widened after a carry, and merged, give the
// sorted sample's summary.
TEST(Tally, CountersCarryPastSixteenBits) {
  std::vector<double> sample(2, 3.0);
  sample.insert(sample.end(), 65'536, 5.0);
  sample.insert(sample.end(), 100'000, 7.0);
  Tally bulk;
  bulk.add(5.0, 65'535);
  bulk.add(5.0);
  bulk.add(7.0, 100'000);
  bulk.add(3.0, 2);  // widens the window below the carried counters
  Tally merged = tally_of({7.0, 5.0});
  Tally rest;
  rest.add(7.0, 99'999);
  rest.add(3.0, 2);
  rest.add(5.0, 65'535);
  merged.merge(rest);
  const QuantileSummary expected = summarize(sample);
  for (const Tally* t : {&bulk, &merged}) {
    EXPECT_TRUE(t->exact());
    EXPECT_EQ(t->count(), 165'538u);
    const QuantileSummary s = t->summary();
    EXPECT_EQ(s.p10, 5.0);
    EXPECT_EQ(s.p50, 7.0);
    EXPECT_EQ(bits(s.mean), bits(expected.mean));
    EXPECT_EQ(bits(s.mean), bits((2 * 3.0 + 65'536 * 5.0 + 100'000 * 7.0) / 165'538));
    EXPECT_EQ(s.min, 3.0);
    EXPECT_EQ(t->quantile(2.0 / 165'537), 5.0);  // rank 2: the first 5
    EXPECT_EQ(t->quantile(1.0 / 165'537), 3.0);  // rank 1: the last 3
  }
  const Tally one_by_one = tally_of(sample);
  EXPECT_EQ(bits(one_by_one.summary().mean), bits(expected.mean));
  EXPECT_EQ(one_by_one.quantile(65'537.0 / 165'537), 5.0);  // rank 65,537: the last 5
  EXPECT_EQ(one_by_one.quantile(65'538.0 / 165'537), 7.0);
}

TEST(Tally, MergeGivesTheSameBitsInAnyOrderAndSplit) {
  std::vector<double> values = rack_counts(3000, 11);
  // Non-integers too: the mean then depends on the summation order, which merges must not.
  for (std::size_t i = 0; i < values.size(); i += 3) values[i] *= 0.1;
  const Tally whole = tally_of(values);
  for (std::size_t parts : {2u, 3u, 7u}) {
    std::vector<Tally> part(parts);
    for (std::size_t i = 0; i < values.size(); ++i) part[(i * 31) % parts].add(values[i]);
    Tally forward, backward;
    for (std::size_t k = 0; k < parts; ++k) forward.merge(part[k]);
    for (std::size_t k = parts; k-- > 0;) backward.merge(part[k]);
    for (const Tally* t : {&forward, &backward}) {
      const QuantileSummary a = whole.summary(), b = t->summary();
      EXPECT_EQ(bits(a.p10), bits(b.p10));
      EXPECT_EQ(bits(a.p50), bits(b.p50));
      EXPECT_EQ(bits(a.p90), bits(b.p90));
      EXPECT_EQ(bits(a.mean), bits(b.mean));
      EXPECT_EQ(t->count(), whole.count());
    }
  }
}

TEST(Tally, SummaryOfAFunctionKeepsExactQuantiles) {
  // More runs than kExactValues: integer racks stay exact, and so do their megawatts.
  std::vector<double> racks = rack_counts(static_cast<int>(2 * kExactValues) + 1, 3);
  const double mw = 0.1386;  // a rack's design power [MW], not a binary fraction
  const Tally t = tally_of(racks);
  EXPECT_TRUE(t.exact());
  const QuantileSummary s = t.summary([mw](double r) { return r * mw; });
  std::vector<double> power;
  for (double r : racks) power.push_back(r * mw);
  std::sort(power.begin(), power.end());
  EXPECT_EQ(bits(s.p10), bits(quantile_sorted(power, 0.1)));
  EXPECT_EQ(bits(s.p50), bits(quantile_sorted(power, 0.5)));
  EXPECT_EQ(bits(s.p90), bits(quantile_sorted(power, 0.9)));
  EXPECT_EQ(s.min, power.front());
  EXPECT_EQ(s.max, power.back());
  // Past kExactValues the mean adds each racks value's megawatts as one product: within a few
  // ulps of the sorted sum.
  EXPECT_NEAR(s.mean, summarize(power).mean, 1e-12 * summarize(power).mean);
  // Up to kExactValues it has the sorted sum's bits.
  racks.resize(kExactValues);
  power.clear();
  for (double r : racks) power.push_back(r * mw);
  std::sort(power.begin(), power.end());
  EXPECT_EQ(bits(tally_of(racks).summary([mw](double r) { return r * mw; }).mean),
            bits(summarize(power).mean));
}

TEST(Tally, AnySampleOfAtMostTheExactLimitIsExact) {
  // Megawatts online: every value distinct and fractional; kExactValues of them are exact, one
  // more makes the sketch.
  std::mt19937_64 engine(12);
  std::lognormal_distribution<double> megawatts(8.0, 0.3);
  std::vector<double> values;
  for (std::size_t i = 0; i < kExactValues; ++i) values.push_back(megawatts(engine));
  Tally t = tally_of(values);
  EXPECT_TRUE(t.exact());
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (double p : kProbabilities) EXPECT_EQ(bits(t.quantile(p)), bits(quantile_sorted(sorted, p)));
  EXPECT_EQ(bits(t.mean()), bits(summarize(sorted).mean));
  t.add(megawatts(engine));
  EXPECT_FALSE(t.exact());
  // Integers in a wide window (GPUs summed over sites) beyond kDenseWidth: exact too.
  std::vector<double> gpus;
  for (std::size_t i = 0; i < kExactValues; ++i)
    gpus.push_back(72.0 * static_cast<double>(engine() % 100'000));
  const Tally g = tally_of(gpus);
  EXPECT_TRUE(g.exact());
  std::sort(gpus.begin(), gpus.end());
  for (double p : kProbabilities) EXPECT_EQ(bits(g.quantile(p)), bits(quantile_sorted(gpus, p)));
}

TEST(Tally, BucketMidpointsByHand) {
  // 1 = 0.5 x 2^1: the first bucket of its octave, [1, 1 + 2/2048), midpoint 1 + 1/2048.
  EXPECT_EQ(sketch_bucket_midpoint(1.0), 1.0 + 1.0 / 2048);
  EXPECT_EQ(sketch_bucket_midpoint(0.0), 0.0);
  EXPECT_EQ(sketch_bucket_midpoint(-1.0), -(1.0 + 1.0 / 2048));
  EXPECT_EQ(sketch_bucket_midpoint(kNever), kNever);
  std::mt19937_64 engine(5);
  std::uniform_real_distribution<double> exponent(-30.0, 30.0);
  for (int i = 0; i < 100'000; ++i) {
    const double v = std::exp2(exponent(engine));
    const double m = sketch_bucket_midpoint(v);
    EXPECT_LE(std::abs(m - v), kSketchRelativeError * v) << v;
    EXPECT_EQ(sketch_bucket_midpoint(m), m);  // a midpoint stands for its own bucket
  }
}

TEST(Tally, SketchStaysWithinItsErrorBound) {
  // Megawatts online summed over sites: every run a distinct value, past the exact limit.
  std::mt19937_64 engine(9);
  std::lognormal_distribution<double> megawatts(6.0, 0.4);
  std::vector<double> values;
  for (std::size_t i = 0; i < 3 * kExactValues; ++i) values.push_back(megawatts(engine));
  values.push_back(kNever);  // one run never gets there
  const Tally t = tally_of(values);
  EXPECT_FALSE(t.exact());
  std::sort(values.begin(), values.end());
  EXPECT_EQ(t.min(), values.front());
  EXPECT_EQ(t.max(), kNever);
  for (double p : {0.0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999}) {
    const auto [j, g] = detail::type7_position(values.size(), p);
    const double exact = quantile_sorted(values, p);
    const double bound =
        kSketchRelativeError * std::max(std::abs(values[j]), std::abs(values[j + 1]));
    EXPECT_LE(std::abs(t.quantile(p) - exact), bound) << "p = " << p;
  }
  EXPECT_EQ(t.quantile(1.0), kNever);
}

TEST(Tally, SketchDoesNotDependOnTheSplit) {
  std::mt19937_64 engine(4);
  std::uniform_real_distribution<double> value(0.0, 1000.0);
  std::vector<double> values;
  for (std::size_t i = 0; i < 2 * kExactValues; ++i) values.push_back(value(engine));
  const Tally whole = tally_of(values);
  // Halves are exact on their own, their merge is not: the same sketch as counting all at once.
  Tally a, b;
  for (std::size_t i = 0; i < values.size(); ++i) (i % 2 ? a : b).add(values[i]);
  EXPECT_TRUE(a.exact());
  b.merge(a);
  EXPECT_FALSE(b.exact());
  for (double p : kProbabilities) EXPECT_EQ(bits(b.quantile(p)), bits(whole.quantile(p)));
  EXPECT_EQ(bits(b.mean()), bits(whole.mean()));
}

}  // namespace
}  // namespace rackscale::analysis
