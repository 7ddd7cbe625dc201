// The streaming build-out Monte Carlo against the exact computation over stored runs: every
// weekly quantile and milestone equals the type-7 quantile of the sorted values of all runs
// (series_quantiles and summarize_milestone, which sort), and the summary has the same bits for
// 1, 2 and 3 threads. InRunOrder folds in run order whatever order runs finish in.

#include "rackscale/analysis/buildout_montecarlo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../sim/buildout/buildout_test_util.hpp"

namespace rackscale::analysis {
namespace {

constexpr int kRuns = 40;

const test::BuildoutCase& flagship() {
  static const test::BuildoutCase c(test::example_path("flagship.yaml"));
  return c;
}

BuildoutMonteCarlo stream(int threads, int kept = 5) {
  const auto& c = flagship();
  const sim::BuildoutModel model(c.input());
  ReplicationOptions options;
  options.runs = kRuns;
  options.threads = threads;
  return run_buildout_montecarlo(model, 42, options, c.loaded.scenario.start,
                                 c.loaded.scenario.contracts, kept);
}

const std::vector<sim::BuildoutRun>& stored_runs() {
  static const std::vector<sim::BuildoutRun> runs = [] {
    const sim::BuildoutModel model(flagship().input());
    std::vector<sim::BuildoutRun> out;
    for (int run = 0; run < kRuns; ++run) out.push_back(model.run(42, run));
    return out;
  }();
  return runs;
}

template <class Pick>
SeriesQuantiles sorted_quantiles(Pick pick) {
  std::vector<std::vector<double>> values;
  for (const auto& run : stored_runs()) {
    const auto& series = pick(run);
    values.emplace_back(series.begin(), series.end());
  }
  return series_quantiles(values);
}

void expect_same(const SeriesQuantiles& a, const SeriesQuantiles& b) {
  EXPECT_EQ(a.p10, b.p10);
  EXPECT_EQ(a.p50, b.p50);
  EXPECT_EQ(a.p90, b.p90);
  EXPECT_EQ(a.min, b.min);
  EXPECT_EQ(a.max, b.max);
}

void expect_same(const MilestoneSummary& a, const MilestoneSummary& b) {
  EXPECT_EQ(a.p10, b.p10);
  EXPECT_EQ(a.p50, b.p50);
  EXPECT_EQ(a.p90, b.p90);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.min, b.min);
  EXPECT_EQ(a.max, b.max);
  EXPECT_EQ(a.reached_runs, b.reached_runs);
}

TEST(BuildoutMonteCarlo, WeeklyQuantilesEqualSortingAllRuns) {
  const PlanSummary s = stream(2).summary;
  ASSERT_EQ(s.runs, kRuns);
  for (std::size_t site = 0; site < s.sites.size(); ++site) {
    SCOPED_TRACE(s.sites[site].name);
    auto of = [site](auto member) {
      return [ site, member ](const sim::BuildoutRun& r) -> const auto& {
        return r.sites[site].weekly.*member;
      };
    };
    expect_same(s.sites[site].racks_online, sorted_quantiles(of(&sim::SiteSeries::online)));
    expect_same(s.sites[site].gpus_online, sorted_quantiles(of(&sim::SiteSeries::gpus_online)));
    expect_same(s.sites[site].it_mw_online, sorted_quantiles(of(&sim::SiteSeries::it_mw_online)));
    expect_same(s.sites[site].delivered, sorted_quantiles(of(&sim::SiteSeries::delivered)));
  }
  expect_same(s.total.it_mw_online, sorted_quantiles([](const sim::BuildoutRun& r) -> const auto& {
                return r.total.it_mw_online;
              }));
  expect_same(s.factories[0].finished,
              sorted_quantiles([](const sim::BuildoutRun& r) -> const auto& {
                return r.factories[0].weekly.finished;
              }));
}

TEST(BuildoutMonteCarlo, MilestonesEqualSortingAllRuns) {
  const PlanSummary s = stream(2).summary;
  const std::pair<const char*, std::optional<int> sim::SiteMilestones::*> milestones[] = {
      {"ready", &sim::SiteMilestones::ready_day},
      {"first_rack_online", &sim::SiteMilestones::first_online_day},
      {"half_target", &sim::SiteMilestones::half_day},
      {"full_target", &sim::SiteMilestones::full_day}};
  for (std::size_t site = 0; site < s.sites.size(); ++site) {
    for (const auto& [name, member] : milestones) {
      SCOPED_TRACE(name);
      std::vector<std::optional<double>> days;
      for (const auto& run : stored_runs()) {
        const auto day = run.sites[site].milestones.*member;
        days.push_back(day ? std::optional<double>(*day) : std::nullopt);
      }
      const MilestoneQuantiles* m = find_milestone(s.sites[site], name);
      ASSERT_NE(m, nullptr);
      expect_same(m->days, summarize_milestone(days));
    }
  }
}

// The most frequent binding constraint of site s in week w over the stored runs, counted by name
// (ties: the first name).
std::string mode_by_name(std::size_t s, std::size_t w) {
  std::map<std::string, int> counts;
  for (const auto& run : stored_runs()) {
    ++counts[sim::to_string(run.sites[s].weekly.constraint[w], run)];
  }
  std::string mode;
  int most = 0;
  for (const auto& [name, n] : counts) {  // by name: the first of equal counts stays
    if (n > most) {
      mode = name;
      most = n;
    }
  }
  return mode;
}

// The mean held-back capacity of site s per constraint, summed by name in run order, largest
// MW-weeks first.
std::vector<HeldBackSummary> held_back_by_name(std::size_t s) {
  std::map<std::string, std::pair<double, double>> sums;
  for (const auto& run : stored_runs()) {
    for (const auto& held : run.sites[s].held_back) {
      auto& sum = sums[sim::to_string(held.constraint, run)];
      sum.first += held.rack_weeks;
      sum.second += held.mw_weeks;
    }
  }
  std::vector<HeldBackSummary> out;
  for (const auto& [name, sum] : sums) out.push_back({name, sum.first / kRuns, sum.second / kRuns});
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.mean_mw_weeks > b.mean_mw_weeks; });
  return out;
}

// The streaming summary counts constraints by id and names them once: its modes and held-back
// means equal those counted and summed by name over the stored runs, bit for bit.
TEST(BuildoutMonteCarlo, ConstraintModesAndHeldBackEqualCountingByName) {
  const PlanSummary summary = stream(2).summary;
  for (std::size_t s = 0; s < summary.sites.size(); ++s) {
    SCOPED_TRACE(summary.sites[s].name);
    for (std::size_t w = 0; w < summary.sites[s].constraint_mode.size(); ++w) {
      EXPECT_EQ(summary.sites[s].constraint_mode[w], mode_by_name(s, w)) << "week " << w;
    }
    const std::vector<HeldBackSummary> expected = held_back_by_name(s);
    const auto& held = summary.sites[s].held_back;
    ASSERT_EQ(held.size(), expected.size());
    for (std::size_t k = 0; k < held.size(); ++k) {
      EXPECT_EQ(held[k].constraint, expected[k].constraint);
      EXPECT_EQ(std::bit_cast<std::uint64_t>(held[k].mean_rack_weeks),
                std::bit_cast<std::uint64_t>(expected[k].mean_rack_weeks));
      EXPECT_EQ(std::bit_cast<std::uint64_t>(held[k].mean_mw_weeks),
                std::bit_cast<std::uint64_t>(expected[k].mean_mw_weeks));
    }
  }
}

TEST(BuildoutMonteCarlo, KeepsTheFirstOutcomes) {
  const BuildoutMonteCarlo m = stream(2, 5);
  ASSERT_EQ(m.first_outcomes.size(), 5u);
  for (int run = 0; run < 5; ++run) {
    const RunOutcome expected = outcome_of(stored_runs()[static_cast<std::size_t>(run)]);
    for (std::size_t site = 0; site < expected.size(); ++site) {
      EXPECT_EQ(m.first_outcomes[static_cast<std::size_t>(run)][site].full_day,
                expected[site].full_day);
      EXPECT_EQ(m.first_outcomes[static_cast<std::size_t>(run)][site].gpu_weeks,
                expected[site].gpu_weeks);
    }
  }
  EXPECT_EQ(stream(1, kRuns + 10).first_outcomes.size(), static_cast<std::size_t>(kRuns));
}

}  // namespace
}  // namespace rackscale::analysis
