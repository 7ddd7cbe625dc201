// Fabric engine: closed-form design from 1k to 1M GPUs, and link-level materialization to 100k.
// Run: build/release/bench/fabric_benchmark

#include <benchmark/benchmark.h>

#include <cstdint>

#include "rackscale/design/fabric.hpp"
#include "rackscale/design/fabric_graph.hpp"
#include "support/fabric_reference.hpp"

namespace {

using namespace rackscale::design;

// GB300 NVL72 (4 GPUs per tray) on Q3400, 3:1 from pod spines to the core so that 1M GPUs fit
// in three tiers (non-blocking three tiers stop at 746,496).
FabricPolicy q3400_policy() {
  FabricPolicy p;
  p.scale_out_switch = q3400_switch();
  p.spine_oversubscription = 3.0;
  p.media = reference_media();
  return p;
}

void set_counters(benchmark::State& state, const Fabric& f) {
  state.counters["gpus"] = static_cast<double>(f.gpu_count);
  state.counters["tiers"] = f.scale_out.tier_count;
  state.counters["switches"] = static_cast<double>(f.scale_out.switch_count);
  state.counters["links"] = static_cast<double>(f.scale_out.link_count);
}

void BM_DesignClosedForm(benchmark::State& state) {
  const rackscale::model::RackSystem compute = gb300_nvl72_compute();
  const FabricPolicy policy = q3400_policy();
  const std::int64_t nodes = state.range(0) / compute.gpus_per_node;
  for (auto _ : state) {
    Fabric f = design_fabric_for_nodes(compute, policy, nodes);
    benchmark::DoNotOptimize(f.scale_out.switch_count);
  }
  set_counters(state, design_fabric_for_nodes(compute, policy, nodes));
}
BENCHMARK(BM_DesignClosedForm)
    ->Arg(1'000)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMicrosecond);

// The SuperPOD H100 rules (rail-optimized, UFM slot, whole units), 2 and 3 tiers.
void BM_DesignSuperPodH100(benchmark::State& state) {
  const FabricReference r = dgx_superpod_h100_reference();
  const std::int64_t nodes = state.range(0) / r.rack.gpus_per_node;
  for (auto _ : state) {
    Fabric f = design_fabric_for_nodes(r.rack, r.policy, nodes);
    benchmark::DoNotOptimize(f.scale_out.switch_count);
  }
  set_counters(state, design_fabric_for_nodes(r.rack, r.policy, nodes));
}
BENCHMARK(BM_DesignSuperPodH100)
    ->Arg(1'000)
    ->Arg(10'000)
    ->Arg(60'000)
    ->Unit(benchmark::kMicrosecond);

void BM_Materialize(benchmark::State& state) {
  const rackscale::model::RackSystem compute = gb300_nvl72_compute();
  const FabricPolicy policy = q3400_policy();
  const Fabric f = design_fabric_for_nodes(compute, policy, state.range(0) / compute.gpus_per_node);
  for (auto _ : state) {
    FabricGraph g = materialize_fabric(f);
    benchmark::DoNotOptimize(g.links.data());
  }
  set_counters(state, f);
}
BENCHMARK(BM_Materialize)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
