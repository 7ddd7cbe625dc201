// The merge code of the streaming Monte Carlo on threads (also built into the ThreadSanitizer
// tests): the build-out summary has the same bits for 1, 2 and 3 threads, fold_replications
// folds every run once, and InRunOrder folds in run order whatever order runs finish in.

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/analysis/buildout_montecarlo.hpp"
#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace rackscale::analysis {
namespace {

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

TEST(StreamingThreads, FoldReplicationsFoldsEveryRunOnce) {
  ReplicationOptions options;
  options.runs = 10'000;
  options.threads = 3;
  const auto sums = fold_replications(
      options, [] { return std::uint64_t{0}; }, [](std::uint64_t& sum, int run) { sum += run; });
  std::uint64_t total = 0;
  for (std::uint64_t s : sums) total += s;
  EXPECT_EQ(total, 10'000ull * 9'999 / 2);
}

TEST(StreamingThreads, InRunOrderFoldsInRunOrder) {
  std::vector<int> order;
  auto fold = [&order](int run) { order.push_back(run); };
  InRunOrder<int, decltype(fold)> in_order(fold);
  ReplicationOptions options;
  options.runs = 5'000;
  options.threads = 4;
  // Mixed-up finishing times: later runs often finish first.
  detail::run_indexed(options, [&in_order](int run) {
    volatile double spin = 0;
    for (int i = 0; i < (run % 7) * 200; ++i) spin = spin + i;
    in_order.submit(run, run);
  });
  ASSERT_EQ(order.size(), 5'000u);
  for (int run = 0; run < 5'000; ++run) ASSERT_EQ(order[static_cast<std::size_t>(run)], run);
  EXPECT_EQ(in_order.folded(), 5'000);
}

TEST(StreamingThreads, BuildoutSummaryHasTheSameBitsForAnyThreadCount) {
  const io::LoadedScenario loaded =
      io::load_scenario(std::string(RACKSCALE_SOURCE_DIR) + "/examples/flagship.yaml");
  const std::vector<design::SiteDesign> designs =
      design::design_sites(loaded.scenario, loaded.catalog);
  const sim::BuildoutModel model({&loaded.scenario, &loaded.catalog, &designs});
  auto summary = [&](int threads) {
    ReplicationOptions options;
    options.runs = 60;
    options.threads = threads;
    return run_buildout_montecarlo(model, 7, options, loaded.scenario.start,
                                   loaded.scenario.contracts, 0)
        .summary;
  };
  const PlanSummary one = summary(1);
  for (int threads : {2, 3}) {
    const PlanSummary many = summary(threads);
    ASSERT_EQ(one.sites.size(), many.sites.size());
    for (std::size_t s = 0; s < one.sites.size(); ++s) {
      EXPECT_EQ(one.sites[s].racks_online.p50, many.sites[s].racks_online.p50);
      EXPECT_EQ(one.sites[s].constraint_mode, many.sites[s].constraint_mode);
      EXPECT_EQ(bits(one.sites[s].waiting.mean_carrying_cost_usd),
                bits(many.sites[s].waiting.mean_carrying_cost_usd));
      ASSERT_EQ(one.sites[s].held_back.size(), many.sites[s].held_back.size());
      for (std::size_t h = 0; h < one.sites[s].held_back.size(); ++h) {
        EXPECT_EQ(bits(one.sites[s].held_back[h].mean_mw_weeks),
                  bits(many.sites[s].held_back[h].mean_mw_weeks));
      }
    }
    EXPECT_EQ(one.total.it_mw_online.mean, many.total.it_mw_online.mean);
    EXPECT_EQ(bits(one.factories[0].mean_utilization), bits(many.factories[0].mean_utilization));
    EXPECT_EQ(bits(one.contracts[0].total_spend_usd.mean),
              bits(many.contracts[0].total_spend_usd.mean));
  }
}

}  // namespace
}  // namespace rackscale::analysis
