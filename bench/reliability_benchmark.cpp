// Reliability model at scale: one replication of a 1,000,000-GPU fleet for one simulated year
// (8,766 h) on one core, with the peak heap per GPU the replication allocates. Targets: at most
// 1 s per replication and 64 bytes per GPU (docs/models/reliability.md, "Performance").
// Run: build/release/bench/reliability_benchmark --benchmark_min_time=3
//
// Heap use is measured by replacing the global operator new/delete in this program: each block
// carries its size in a 16-byte header; `peak_bytes - bytes at the start` of a replication is
// its peak heap (the event queue, the per-node state and every vector), divided by the GPUs.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "rackscale/sim/reliability/component_rates.hpp"
#include "rackscale/sim/reliability/fleet_simulation.hpp"

namespace {

std::atomic<std::size_t> g_current{0};
std::atomic<std::size_t> g_peak{0};
constexpr std::size_t kHeader = 16;

void* counted_alloc(std::size_t n) {
  auto* p = static_cast<unsigned char*>(std::malloc(n + kHeader));
  if (!p) throw std::bad_alloc();
  *reinterpret_cast<std::size_t*>(p) = n;
  const std::size_t now = g_current.fetch_add(n) + n;
  std::size_t peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
  return p + kHeader;
}

void counted_free(void* q) noexcept {
  if (!q) return;
  auto* p = static_cast<unsigned char*>(q) - kHeader;
  g_current.fetch_sub(*reinterpret_cast<std::size_t*>(p));
  std::free(p);
}

}  // namespace

void* operator new(std::size_t n) {
  return counted_alloc(n);
}
void operator delete(void* p) noexcept {
  counted_free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  counted_free(p);
}

namespace {

using namespace rackscale;
using sim::FacilityGroupSpec;
using sim::FleetSpec;
using sim::SiteRunInput;

constexpr double kYearH = 8766.0;

// Groups of `installed` units of `type` (`needed` carry the load), one per `per` racks.
void add_groups(FleetSpec& f, model::ComponentType type, int per, int needed, int installed,
                bool paired) {
  for (int first = 0; first < f.racks; first += per) {
    FacilityGroupSpec g;
    g.type = type;
    g.needed = needed;
    g.installed = installed;
    g.paired = paired;
    g.first_rack = first;
    g.rack_count = std::min(per, f.racks - first);
    f.facility.push_back(g);
  }
}

// GB300 NVL72-like fleet: 13,889 racks x 18 trays x 4 GPUs = 1,000,008 GPUs, the rack is the
// swap unit; N+1 CDUs per 100 racks (6 + 1), 2N row busways per 10 racks; one job on all racks
// but 1% hot spares; default rates; 200 technicians per shift; 20,000 parts.
SiteRunInput nvl72_fleet(bool weibull_gpus) {
  SiteRunInput in;
  FleetSpec& f = in.fleet;
  f.site = "bench";
  f.gpu = "B300";
  f.racks = 13'889;
  f.nodes_per_rack = 18;
  f.gpus_per_node = 4;
  f.nics_per_node = 4;
  f.nvlink_trays_per_rack = 9;
  f.nodes_per_unit = 18;
  f.hbm_stacks_per_gpu = 8;
  add_groups(f, model::ComponentType::Cdu, 100, 6, 7, false);
  add_groups(f, model::ComponentType::Busway, 10, 1, 2, true);
  in.rates = sim::default_component_rates(f.hbm_stacks_per_gpu);
  if (weibull_gpus) in.rates[model::ComponentType::Gpu].weibull_shape = 0.8;
  sim::JobPlan job;
  job.name = "pretrain";
  job.units = f.racks - 139;
  job.gpus = static_cast<long long>(job.units) * 72;
  job.interval_h = 0.05;
  job.checkpoint_h = 1.0 / 60;
  job.restart_h = 10.0 / 60;
  in.jobs.push_back(job);
  in.crews.technicians = 200;
  in.parts.stock = 20'000;
  in.horizon_h = kYearH;
  return in;
}

// HGX H100-like: 31,250 racks x 4 nodes x 8 GPUs = 1,000,000 GPUs, the node is the swap unit.
SiteRunInput hgx_fleet() {
  SiteRunInput in = nvl72_fleet(false);
  FleetSpec& f = in.fleet;
  f.gpu = "H100";
  f.racks = 31'250;
  f.nodes_per_rack = 4;
  f.gpus_per_node = 8;
  f.nics_per_node = 8;
  f.nvlink_trays_per_rack = 0;
  f.nodes_per_unit = 1;
  f.hbm_stacks_per_gpu = 5;
  f.facility.clear();
  in.rates = sim::default_component_rates(5);
  in.jobs[0].units = 124'000;
  in.jobs[0].gpus = 124'000LL * 8;
  return in;
}

void run(benchmark::State& state, const SiteRunInput& in) {
  std::uint64_t run = 0, events = 0, failures = 0;
  std::size_t peak = 0;
  for (auto _ : state) {
    const std::size_t base = g_current.load();
    g_peak.store(base);
    sim::SiteRunResult r = sim::simulate_site(in, 42, run++);
    peak = std::max(peak, g_peak.load() - base);
    events = r.events;
    failures = 0;
    for (auto x : r.failures) failures += x;
    benchmark::DoNotOptimize(r.jobs.data());
  }
  const double gpus = static_cast<double>(in.fleet.gpus());
  state.counters["gpus"] = gpus;
  state.counters["events"] = static_cast<double>(events);
  state.counters["failures"] = static_cast<double>(failures);
  state.counters["peak_bytes_per_gpu"] = static_cast<double>(peak) / gpus;
}

void BM_MillionGpuYear_Nvl72(benchmark::State& state) {
  run(state, nvl72_fleet(false));
}
BENCHMARK(BM_MillionGpuYear_Nvl72)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MillionGpuYear_Nvl72_WeibullGpus(benchmark::State& state) {
  run(state, nvl72_fleet(true));
}
BENCHMARK(BM_MillionGpuYear_Nvl72_WeibullGpus)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MillionGpuYear_Hgx(benchmark::State& state) {
  run(state, hgx_fleet());
}
BENCHMARK(BM_MillionGpuYear_Hgx)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
