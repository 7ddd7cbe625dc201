// The Monte Carlo's weekly tallies: counting values into many tallies, 16 runs at a time as
// BuildoutTallies does (memory-bound: cache and TLB misses into each tally's counters), and a
// tally's summary (one pass over its counters). Values: integer racks spread around a mean that
// grows with the week, as the sites' cumulative series do.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "rackscale/analysis/tally.hpp"

namespace {

using rackscale::analysis::Tally;

constexpr std::size_t kBatchRuns = 16;

// One batch: kBatchRuns values per tally, tally after tally.
std::vector<double> batch_of(std::size_t tallies, std::mt19937_64& engine) {
  std::vector<double> batch;
  batch.reserve(tallies * kBatchRuns);
  std::normal_distribution<double> spread(0.0, 40.0);
  for (std::size_t t = 0; t < tallies; ++t) {
    const double mean = 200.0 + static_cast<double>(t % 261) * 4.0;
    for (std::size_t run = 0; run < kBatchRuns; ++run) {
      batch.push_back(std::max(0.0, std::round(mean + spread(engine))));
    }
  }
  return batch;
}

// range(0) tallies, each counting 16 values per iteration.
void BM_WeeklyTallies(benchmark::State& state) {
  const auto tallies = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 engine(42);
  std::vector<std::vector<double>> batches;
  for (int b = 0; b < 8; ++b) batches.push_back(batch_of(tallies, engine));
  std::vector<Tally> weekly(tallies);
  std::size_t next = 0;
  for (auto _ : state) {
    const std::vector<double>& batch = batches[next++ % batches.size()];
    for (std::size_t t = 0; t < tallies; ++t) {
      for (std::size_t run = 0; run < kBatchRuns; ++run) weekly[t].add(batch[t * kBatchRuns + run]);
    }
  }
  benchmark::DoNotOptimize(weekly.front().count());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(tallies * kBatchRuns));
}
BENCHMARK(BM_WeeklyTallies)->Arg(1'000)->Arg(80'000)->Unit(benchmark::kMillisecond);

// The summary of a tally of 100,000 runs over a window of about 400 racks.
void BM_TallySummary(benchmark::State& state) {
  std::mt19937_64 engine(7);
  std::normal_distribution<double> spread(1'000.0, 60.0);
  Tally t;
  for (int run = 0; run < 100'000; ++run) t.add(std::round(spread(engine)));
  for (auto _ : state) benchmark::DoNotOptimize(t.summary());
}
BENCHMARK(BM_TallySummary)->Unit(benchmark::kMicrosecond);

}  // namespace
