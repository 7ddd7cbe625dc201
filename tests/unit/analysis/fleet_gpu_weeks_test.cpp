// The fleet's GPU-weeks per run: the quantiles of each run's total over the weeks, not the sum of
// the weekly quantiles. Expected values by hand with the type-7 quantile,
// Q(p) = x[j] + g (x[j+1] - x[j]) with h = (n-1)p, j = floor(h), g = h - j.

#include <gtest/gtest.h>

#include <vector>

#include "rackscale/analysis/buildout_summary.hpp"

namespace rackscale::analysis {
namespace {

// A run of `weeks` weeks with no site whose fleet has `gpus` GPUs online in each week.
sim::BuildoutRun run_with_gpus(int run, const std::vector<long long>& gpus) {
  sim::BuildoutRun r;
  r.run = run;
  r.weeks = static_cast<int>(gpus.size());
  r.days = 7 * r.weeks;
  r.total.gpus_online = gpus;
  // Every weekly series of the fleet has a value each week, as in a simulated run.
  r.total.online.assign(gpus.size(), 0);
  r.total.it_mw_online.assign(gpus.size(), 0.0);
  return r;
}

}  // namespace

// Three runs, each with one week at 0 and two at 10 GPUs, the empty week a different one in each:
// every run totals 20 GPU-weeks, so every quantile of the totals is 20. The weekly P10, with
// h = 2 x 0.1 = 0.2 over the sorted week {0, 10, 10}, is 0 + 0.2 x 10 = 2 in each week; their sum,
// 6 GPU-weeks, is a path no run follows.
TEST(FleetGpuWeeks, QuantilesOfEachRunsTotalNotTheSumOfWeeklyQuantiles) {
  const std::vector<sim::BuildoutRun> runs = {
      run_with_gpus(0, {0, 10, 10}), run_with_gpus(1, {10, 0, 10}), run_with_gpus(2, {10, 10, 0})};
  const PlanSummary p = summarize_buildout(runs, Date::from_ymd(2026, 1, 5), {});
  EXPECT_DOUBLE_EQ(p.gpu_weeks.p10, 20.0);
  EXPECT_DOUBLE_EQ(p.gpu_weeks.p50, 20.0);
  EXPECT_DOUBLE_EQ(p.gpu_weeks.p90, 20.0);
  double weekly_p10 = 0.0;
  for (double v : p.total.gpus_online.p10) weekly_p10 += v;
  EXPECT_DOUBLE_EQ(weekly_p10, 6.0);
}

// Four runs totalling 0, 10, 30 and 60 GPU-weeks over two weeks: h = 3 x 0.5 = 1.5 gives the P50
// 10 + 0.5 x (30 - 10) = 20, h = 0.3 the P10 0 + 0.3 x 10 = 3, h = 2.7 the P90
// 30 + 0.7 x 30 = 51; the mean (0 + 10 + 30 + 60) / 4 = 25.
TEST(FleetGpuWeeks, TypeSevenQuantilesOfFourRunsByHand) {
  const std::vector<sim::BuildoutRun> runs = {run_with_gpus(0, {0, 0}), run_with_gpus(1, {0, 10}),
                                              run_with_gpus(2, {10, 20}),
                                              run_with_gpus(3, {30, 30})};
  const PlanSummary p = summarize_buildout(runs, Date::from_ymd(2026, 1, 5), {});
  EXPECT_DOUBLE_EQ(p.gpu_weeks.p10, 3.0);
  EXPECT_DOUBLE_EQ(p.gpu_weeks.p50, 20.0);
  EXPECT_DOUBLE_EQ(p.gpu_weeks.p90, 51.0);
  EXPECT_DOUBLE_EQ(p.gpu_weeks.mean, 25.0);
}

}  // namespace rackscale::analysis
