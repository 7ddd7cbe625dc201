#include "rackscale/analysis/quantiles.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace {

using namespace rackscale::analysis;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::optional<double> kNever = std::nullopt;

// Hand-computed with h = (n-1)p, Q = x[floor h] + frac(h) (x[floor h + 1] - x[floor h]).
TEST(Quantile, HandComputedType7Values) {
  // {1,2,3,4}: h = 0.3 -> 1 + 0.3 * 1.
  EXPECT_EQ(quantile({1, 2, 3, 4}, 0.1), 1.3);
  EXPECT_EQ(quantile({1, 2, 3, 4}, 0.5), 2.5);         // h = 1.5
  EXPECT_EQ(quantile({1, 2, 3, 4}, 0.75), 3.25);       // h = 2.25
  EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4}, 0.9), 3.7);  // h = 2.7
  // {1,3,7,15}: as R's quantile(c(1,3,7,15), c(.1,.25,.5,.9)) gives 1.6 2.5 5.0 12.6.
  EXPECT_DOUBLE_EQ(quantile({1, 3, 7, 15}, 0.1), 1.6);   // h = 0.3: 1 + 0.3 * 2
  EXPECT_DOUBLE_EQ(quantile({1, 3, 7, 15}, 0.25), 2.5);  // h = 0.75: 1 + 0.75 * 2
  EXPECT_DOUBLE_EQ(quantile({1, 3, 7, 15}, 0.5), 5.0);   // h = 1.5: 3 + 0.5 * 4
  EXPECT_DOUBLE_EQ(quantile({1, 3, 7, 15}, 0.9), 12.6);  // h = 2.7: 7 + 0.7 * 8
  // Order of the input does not matter.
  EXPECT_EQ(quantile({4, 1, 3, 2}, 0.1), 1.3);
  EXPECT_DOUBLE_EQ(quantile({15, 7, 1, 3}, 0.9), 12.6);
}

TEST(Quantile, SingleValue) {
  for (double p : {0.0, 0.1, 0.5, 0.9, 1.0}) EXPECT_EQ(quantile({42.5}, p), 42.5);
}

TEST(Quantile, EndsAreMinimumAndMaximum) {
  const std::vector<double> v{3.5, -2, 8, 0.25, 8, 1};
  EXPECT_EQ(quantile(v, 0.0), -2);
  EXPECT_EQ(quantile(v, 1.0), 8);
}

TEST(Quantile, Ties) {
  EXPECT_EQ(quantile({2, 2, 2, 2}, 0.37), 2);
  EXPECT_EQ(quantile({2, 2, 2, 5}, 0.5), 2);           // h = 1.5 between two 2s
  EXPECT_DOUBLE_EQ(quantile({2, 2, 2, 5}, 0.9), 4.1);  // h = 2.7: 2 + 0.7 * 3
  EXPECT_EQ(quantile({1, 1, 3, 3}, 0.5), 2);
}

TEST(Quantile, SortedVariantAgreesBitForBit) {
  std::vector<double> v;
  for (int i = 0; i < 101; ++i) v.push_back(std::sin(i * 0.7) * 100 + i * 0.01);
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (int k = 0; k <= 100; ++k) {
    const double p = k / 100.0;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(quantile(v, p)),
              std::bit_cast<std::uint64_t>(quantile_sorted(sorted, p)))
        << "p = " << p;
  }
}

TEST(Quantile, InfinityMeansNever) {
  const std::vector<double> v{1, 2, kInf};
  EXPECT_EQ(quantile(v, 0.0), 1);
  EXPECT_EQ(quantile(v, 0.5), 2);      // h = 1 exactly: no step towards the infinite value
  EXPECT_EQ(quantile(v, 0.6), kInf);   // h = 1.2
  EXPECT_EQ(quantile(v, 0.75), kInf);  // h = 1.5: no inf - inf = NaN from the upper formula
  EXPECT_EQ(quantile({kInf, kInf}, 0.5), kInf);
}

TEST(Quantile, RejectsBadInput) {
  EXPECT_THROW(quantile({}, 0.5), std::invalid_argument);
  EXPECT_THROW(quantile({1, 2}, -0.01), std::invalid_argument);
  EXPECT_THROW(quantile({1, 2}, 1.01), std::invalid_argument);
  EXPECT_THROW(quantile({1, 2}, std::nan("")), std::invalid_argument);
  EXPECT_THROW(quantile_sorted({}, 0.5), std::invalid_argument);
  try {
    quantile({1, std::nan(""), 3}, 0.5);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "values[1]: must be a number or +infinity (never reached), got nan");
  }
  try {
    quantile({1, 2}, 1.5);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "p: must be in [0, 1], got 1.5");
  }
  EXPECT_THROW(quantile({1, -kInf}, 0.5), std::invalid_argument);
}

TEST(Summarize, HandComputed) {
  const QuantileSummary s = summarize({4, 1, 3, 2});
  EXPECT_EQ(s.p10, 1.3);
  EXPECT_EQ(s.p50, 2.5);
  EXPECT_DOUBLE_EQ(s.p90, 3.7);
  EXPECT_EQ(s.mean, 2.5);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.max, 4);
}

TEST(Summarize, MeanDoesNotDependOnOrder) {
  // Summed left to right, 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last bit.
  ASSERT_NE(0.1 + 0.2 + 0.3, 0.3 + 0.2 + 0.1);
  EXPECT_EQ(std::bit_cast<std::uint64_t>(summarize({0.1, 0.2, 0.3}).mean),
            std::bit_cast<std::uint64_t>(summarize({0.3, 0.2, 0.1}).mean));
}

TEST(MilestoneQuantile, NeverIsNotReached) {
  const std::vector<std::optional<double>> v{kNever, 12.0, 10.0};
  EXPECT_EQ(milestone_quantile(v, 0.0), 10.0);
  EXPECT_EQ(milestone_quantile(v, 0.5), 12.0);
  EXPECT_EQ(milestone_quantile(v, 0.6), kNever);
  EXPECT_EQ(milestone_quantile(v, 1.0), kNever);
  EXPECT_EQ(milestone_quantile({kNever}, 0.0), kNever);
  EXPECT_EQ(milestone_quantile({20.0}, 1.0), 20.0);
  EXPECT_THROW(milestone_quantile({}, 0.5), std::invalid_argument);
}

// n runs of which `never` do not reach the milestone; the others reach it in week 1, 2, ...
std::vector<std::optional<double>> runs_with_never(int n, int never) {
  std::vector<std::optional<double>> v;
  for (int i = 0; i < n - never; ++i) v.emplace_back(i + 1.0);
  for (int i = 0; i < never; ++i) v.emplace_back(kNever);
  return v;
}

TEST(SummarizeMilestone, P90NotReachedFromTenPercent) {
  // Reached iff never <= floor((n-1)/10), i.e. iff fewer than 10% of the runs never reach it:
  // h = 0.9(n-1) must not step onto the first "never".
  EXPECT_FALSE(summarize_milestone(runs_with_never(10, 1)).p90);     // h = 8.1: 9 + 0.1(inf - 9)
  EXPECT_EQ(summarize_milestone(runs_with_never(11, 1)).p90, 10.0);  // h = 9 exactly
  EXPECT_FALSE(summarize_milestone(runs_with_never(11, 2)).p90);
  EXPECT_EQ(summarize_milestone(runs_with_never(1000, 99)).p90, 900.1);  // h = 899.1
  EXPECT_FALSE(summarize_milestone(runs_with_never(1000, 100)).p90);
  EXPECT_FALSE(summarize_milestone(runs_with_never(1000, 101)).p90);
  // The same rule for every n and k: not reached iff 10 k >= n.
  for (int n = 1; n <= 60; ++n) {
    for (int k = 0; k <= n; ++k) {
      EXPECT_EQ(summarize_milestone(runs_with_never(n, k)).p90.has_value(), 10 * k < n)
          << n << " runs, " << k << " never";
      EXPECT_EQ(summarize_milestone(runs_with_never(n, k)).p50.has_value(), 2 * k < n)
          << n << " runs, " << k << " never";
    }
  }
}

TEST(SummarizeMilestone, Fields) {
  const MilestoneSummary s = summarize_milestone({14.0, kNever, 10.0, 12.0, kNever});
  // Sorted: 10 12 14 inf inf.
  EXPECT_EQ(s.p10, 10.8);  // h = 0.4: 10 + 0.4 * 2
  EXPECT_EQ(s.p50, 14.0);  // h = 2
  EXPECT_FALSE(s.p90);     // h = 3.6
  EXPECT_FALSE(s.mean);
  EXPECT_EQ(s.min, 10.0);
  EXPECT_FALSE(s.max);
  EXPECT_EQ(s.runs, 5);
  EXPECT_EQ(s.reached_runs, 3);

  const MilestoneSummary all = summarize_milestone({3.0, 1.0, 2.0});
  EXPECT_EQ(all.mean, 2.0);
  EXPECT_EQ(all.max, 3.0);
  EXPECT_EQ(all.reached_runs, 3);

  const MilestoneSummary none = summarize_milestone({kNever, kNever});
  EXPECT_FALSE(none.p10);
  EXPECT_FALSE(none.min);
  EXPECT_EQ(none.runs, 2);
  EXPECT_EQ(none.reached_runs, 0);
}

TEST(SeriesQuantiles, WeekByWeek) {
  // 4 runs x 3 weeks; week 0 is {1,2,3,4} in some order, week 1 constant, week 2 {0,10,20,30}.
  const SeriesQuantiles s = series_quantiles({{3, 5, 0}, {1, 5, 30}, {4, 5, 10}, {2, 5, 20}});
  ASSERT_EQ(s.p50.size(), 3u);
  EXPECT_EQ(s.p10[0], 1.3);
  EXPECT_EQ(s.p10[1], 5);
  EXPECT_DOUBLE_EQ(s.p10[2], 3);  // 0 + 0.3 * 10 is 3.0000000000000004 in doubles
  EXPECT_EQ(s.p50, (std::vector<double>{2.5, 5, 15}));
  EXPECT_DOUBLE_EQ(s.p90[0], 3.7);
  EXPECT_EQ(s.p90[1], 5);
  EXPECT_DOUBLE_EQ(s.p90[2], 27);
  EXPECT_EQ(s.mean, (std::vector<double>{2.5, 5, 15}));
  EXPECT_EQ(s.min, (std::vector<double>{1, 5, 0}));
  EXPECT_EQ(s.max, (std::vector<double>{4, 5, 30}));
}

TEST(SeriesQuantiles, Limits) {
  EXPECT_TRUE(series_quantiles({{}, {}}).p50.empty());
  EXPECT_THROW(series_quantiles({}), std::invalid_argument);
  try {
    series_quantiles({{1, 2}, {1}});
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "runs[1]: must have as many weeks as runs[0] (2), got 1");
  }
  try {
    series_quantiles({{1, 2}, {1, std::nan("")}});
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "runs[1][1]: must be a number or +infinity (never reached), got nan");
  }
}

}  // namespace
