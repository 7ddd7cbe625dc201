// Monte Carlo driver: the cost per replication of run_replications itself, for a trivial run,
// against a plain loop, on 1 and 2 threads (thread start-up is included, as a caller pays it).
// Run: build/release/bench/montecarlo_benchmark

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <vector>

#include "rackscale/analysis/montecarlo.hpp"

namespace {

using rackscale::analysis::ReplicationOptions;
using rackscale::analysis::run_replications;

// A run that does next to nothing, so the time measured is the driver's.
std::uint64_t trivial_run(int run) {
  auto z = static_cast<std::uint64_t>(run) * 0x9E3779B97F4A7C15ULL;
  return z ^ (z >> 31);
}

// items_per_second is runs per second; its inverse is the time per replication.
void set_per_run(benchmark::State& state, std::int64_t runs) {
  state.SetItemsProcessed(state.iterations() * runs);
}

// Baseline: the same runs in a plain loop into a vector.
void BM_PlainLoop(benchmark::State& state) {
  const auto runs = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::vector<std::uint64_t> results;
    results.reserve(static_cast<std::size_t>(runs));
    for (int run = 0; run < runs; ++run) results.push_back(trivial_run(run));
    benchmark::DoNotOptimize(results.data());
  }
  set_per_run(state, runs);
}
BENCHMARK(BM_PlainLoop)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);

// Args: runs, threads.
void BM_RunReplications(benchmark::State& state) {
  const auto runs = static_cast<int>(state.range(0));
  const auto threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    auto results = run_replications(runs, threads, trivial_run);
    benchmark::DoNotOptimize(results.data());
  }
  set_per_run(state, runs);
}
BENCHMARK(BM_RunReplications)
    ->Args({1'000, 1})
    ->Args({1'000, 2})
    ->Args({100'000, 1})
    ->Args({100'000, 2})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// With a progress callback at the default 10 Hz: the clock is read after every run.
void BM_RunReplicationsWithProgress(benchmark::State& state) {
  ReplicationOptions options;
  options.runs = static_cast<int>(state.range(0));
  options.threads = static_cast<int>(state.range(1));
  std::int64_t calls = 0;
  options.progress = [&calls](int, int) { ++calls; };
  for (auto _ : state) {
    auto results = run_replications(options, trivial_run);
    benchmark::DoNotOptimize(results.data());
  }
  benchmark::DoNotOptimize(calls);
  set_per_run(state, options.runs);
}
BENCHMARK(BM_RunReplicationsWithProgress)
    ->Args({100'000, 1})
    ->Args({100'000, 2})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace
