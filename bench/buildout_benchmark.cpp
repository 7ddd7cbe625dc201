// Build-out Monte Carlo on the flagship example (examples/flagship.yaml: 3 sites, 1 factory,
// 6 suppliers, 1 contract, 156 weeks): one replication with a prepared model, and the
// `plan` path of N replications on 1 and 2 threads followed by the summary (quantiles per
// week, milestones, contracts). The target: 1,000 runs in at most 5 s on 2 cores.
// The same on the national example (examples/national.yaml: 50 sites, 2 factories, 261 weeks),
// and its counterfactual attribution (every relaxation's runs), the standing target being
// `plan examples/national.yaml --runs 100000` in under a minute on 2 cores (issue 16).
// Run: build/release/bench/buildout_benchmark

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/analysis/attribution.hpp"
#include "rackscale/analysis/buildout_montecarlo.hpp"
#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace {

using namespace rackscale;

// An example scenario and its site designs, loaded once.
struct Example {
  io::LoadedScenario loaded;
  std::vector<design::SiteDesign> designs;
  explicit Example(const std::string& name)
      : loaded(io::load_scenario(std::string(RACKSCALE_SOURCE_DIR) + "/examples/" + name)) {
    designs = design::design_sites(loaded.scenario, loaded.catalog);
  }
  sim::BuildoutInput input() const { return {&loaded.scenario, &loaded.catalog, &designs}; }
};

const Example& flagship() {
  static const Example f("flagship.yaml");
  return f;
}

const Example& national() {
  static const Example n("national.yaml");
  return n;
}

// Args: runs, threads. The streaming Monte Carlo of `plan` (without the attribution).
void run_montecarlo(benchmark::State& state, const Example& example) {
  analysis::ReplicationOptions options;
  options.runs = static_cast<int>(state.range(0));
  options.threads = static_cast<int>(state.range(1));
  const sim::BuildoutModel model(example.input());
  for (auto _ : state) {
    auto plan = analysis::run_buildout_montecarlo(model, 42, options, example.loaded.scenario.start,
                                                  example.loaded.scenario.contracts, 0);
    benchmark::DoNotOptimize(plan.summary.sites.data());
  }
  state.SetItemsProcessed(state.iterations() * options.runs);
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
  run_montecarlo(state, flagship());
}
BENCHMARK(BM_FlagshipMonteCarlo)
    ->Args({1'000, 1})
    ->Args({1'000, 2})
    ->Args({10'000, 1})
    ->Args({10'000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// One national replication (1,827 days, 50 sites); items_per_second = runs/s.
void BM_NationalOneRun(benchmark::State& state) {
  const sim::BuildoutModel model(national().input());
  int run = 0;
  for (auto _ : state) {
    auto r = model.run(42, run++);
    benchmark::DoNotOptimize(r.sites.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NationalOneRun)->Unit(benchmark::kMillisecond);

// The same into one result reused from run to run, as each Monte Carlo thread does.
void BM_NationalOneRunReused(benchmark::State& state) {
  const sim::BuildoutModel model(national().input());
  sim::BuildoutRun r;
  int run = 0;
  for (auto _ : state) {
    model.run(42, run++, r);
    benchmark::DoNotOptimize(r.sites.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NationalOneRunReused)->Unit(benchmark::kMillisecond);

void BM_NationalMonteCarlo(benchmark::State& state) {
  run_montecarlo(state, national());
}
BENCHMARK(BM_NationalMonteCarlo)
    ->Args({1'000, 1})
    ->Args({1'000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Args: attribution runs per relaxation, threads. The national counterfactual attribution
// (about 260 relaxations and the pairs) over the first runs of a 200-run Monte Carlo;
// items_per_second = attribution runs per relaxation per second.
void BM_NationalAttribution(benchmark::State& state) {
  const Example& n = national();
  const sim::BuildoutModel model(n.input());
  analysis::ReplicationOptions options;
  options.runs = 200;
  options.threads = static_cast<int>(state.range(1));
  const auto base = analysis::run_buildout_montecarlo(model, 42, options, n.loaded.scenario.start,
                                                      n.loaded.scenario.contracts, 200);
  analysis::AttributionOptions attribution;
  attribution.runs = static_cast<int>(state.range(0));
  attribution.seed = 42;
  attribution.threads = options.threads;
  for (auto _ : state) {
    auto result = analysis::attribute_counterfactually(model.plan(), base.summary,
                                                       base.first_outcomes, attribution);
    benchmark::DoNotOptimize(result.sites.data());
  }
  state.SetItemsProcessed(state.iterations() * attribution.runs);
}
BENCHMARK(BM_NationalAttribution)
    ->Args({20, 1})
    ->Args({20, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
