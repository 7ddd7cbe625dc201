// Build-out Monte Carlo on the flagship example (examples/flagship.yaml: 3 sites, 1 factory,
// 6 suppliers, 1 contract, 156 weeks): one replication with a prepared model, and the
// `plan` path of N replications on 1 and 2 threads followed by the summary (quantiles per
// week, milestones, contracts). The target: 1,000 runs in at most 5 s on 2 cores.
// Run: build/release/bench/buildout_benchmark

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/analysis/buildout_montecarlo.hpp"
#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace {

using namespace rackscale;

// The flagship scenario and its site designs, loaded once.
struct Flagship {
  io::LoadedScenario loaded;
  std::vector<design::SiteDesign> designs;
  Flagship()
      : loaded(io::load_scenario(std::string(RACKSCALE_SOURCE_DIR) + "/examples/flagship.yaml")) {
    designs = design::design_sites(loaded.scenario, loaded.catalog);
  }
  sim::BuildoutInput input() const { return {&loaded.scenario, &loaded.catalog, &designs}; }
};

const Flagship& flagship() {
  static const Flagship f;
  return f;
}

// Preparing the model: lanes, pools, per-site requirements, expected readiness.
void BM_FlagshipPrepare(benchmark::State& state) {
  const auto& f = flagship();
  for (auto _ : state) {
    sim::BuildoutModel model(f.input());
    benchmark::DoNotOptimize(&model);
  }
}
BENCHMARK(BM_FlagshipPrepare)->Unit(benchmark::kMicrosecond);

// One replication (1,092 days) with a prepared model; items_per_second = runs/s.
void BM_FlagshipOneRun(benchmark::State& state) {
  const auto& f = flagship();
  const sim::BuildoutModel model(f.input());
  int run = 0;
  for (auto _ : state) {
    auto r = model.run(42, run++);
    benchmark::DoNotOptimize(r.sites.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FlagshipOneRun)->Unit(benchmark::kMicrosecond);

// Args: runs, threads. The replications and the summary, streaming, as `rackscale plan` does
// them (without the attribution): the speed-up from 1 to 2 threads is the figure.
void BM_FlagshipMonteCarlo(benchmark::State& state) {
  const auto& f = flagship();
  analysis::ReplicationOptions options;
  options.runs = static_cast<int>(state.range(0));
  options.threads = static_cast<int>(state.range(1));
  const sim::BuildoutModel model(f.input());
  for (auto _ : state) {
    auto plan = analysis::run_buildout_montecarlo(model, 42, options, f.loaded.scenario.start,
                                                  f.loaded.scenario.contracts, 0);
    benchmark::DoNotOptimize(plan.summary.sites.data());
  }
  state.SetItemsProcessed(state.iterations() * options.runs);
}
BENCHMARK(BM_FlagshipMonteCarlo)
    ->Args({1'000, 1})
    ->Args({1'000, 2})
    ->Args({10'000, 1})
    ->Args({10'000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
