// Discrete-event kernel: hold-model throughput of each event queue at 10k and 1M pending, bare
// and through the Simulator, and the repair-crew model (bench/peers/README.md) on the kernel.
// Run: build/release/bench/kernel_benchmark   (peer comparison: make bench-peers)

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "rackscale/core/random.hpp"
#include "rackscale/sim/kernel/repair_crew.hpp"
#include "rackscale/sim/kernel/simulator.hpp"

namespace {

using namespace rackscale::sim;
using rackscale::Exponential;
using rackscale::Rng;

// Hold increments drawn once (bench/peers/README.md, "The hold model"): Exp(mean K) keeps K
// events pending with one event per unit of time on average, and the timing holds no
// random-number generation.
std::vector<double> increments(std::int64_t pending) {
  std::vector<double> v(std::size_t{1} << 20);
  Rng rng(3);
  const Exponential d(static_cast<double>(pending));
  for (double& x : v) x = d.sample(rng);
  return v;
}

// The queue alone: pop the earliest event, push it back later (the "hold" operation).
template <class Queue>
void BM_QueueHold(benchmark::State& state) {
  const std::int64_t pending = state.range(0);
  const std::vector<double> incr = increments(pending);
  const std::size_t mask = incr.size() - 1;
  Queue q;
  Rng rng(1);
  const Exponential first(static_cast<double>(pending));
  std::uint64_t seq = 0;
  for (std::int64_t i = 0; i < pending; ++i) {
    q.push(Event{first.sample(rng), seq++, 0, static_cast<std::uint32_t>(i), 0});
  }
  std::size_t i = 0;
  for (auto _ : state) {
    Event e = q.top();
    q.pop();
    e.time += incr[i++ & mask];
    e.seq = seq++;
    q.push(e);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_TEMPLATE(BM_QueueHold, RadixQueue)->Arg(10'000)->Arg(1'000'000);
BENCHMARK_TEMPLATE(BM_QueueHold, BinaryHeapQueue)->Arg(10'000)->Arg(1'000'000);
BENCHMARK_TEMPLATE(BM_QueueHold, QuaternaryHeapQueue)->Arg(10'000)->Arg(1'000'000);

// The same hold model through the Simulator: each iteration handles one event, whose handler
// schedules its successor.
template <class Queue>
void BM_SimulatorHold(benchmark::State& state) {
  const std::int64_t pending = state.range(0);
  const std::vector<double> incr = increments(pending);
  const std::size_t mask = incr.size() - 1;
  BasicSimulator<Queue> sim;
  Rng rng(1);
  const Exponential first(static_cast<double>(pending));
  for (std::int64_t i = 0; i < pending; ++i) {
    sim.schedule(first.sample(rng), 0, static_cast<std::uint32_t>(i));
  }
  std::size_t i = 0;
  auto handle = [&](const Event& e) { sim.schedule(incr[i++ & mask], e.kind, e.entity); };
  for (auto _ : state) sim.step(handle);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_TEMPLATE(BM_SimulatorHold, RadixQueue)->Arg(10'000)->Arg(1'000'000);
BENCHMARK_TEMPLATE(BM_SimulatorHold, BinaryHeapQueue)->Arg(10'000)->Arg(1'000'000);
BENCHMARK_TEMPLATE(BM_SimulatorHold, QuaternaryHeapQueue)->Arg(10'000)->Arg(1'000'000);

// The repair-crew model: N components, R crews, saturated as in the peer benchmark. Arguments:
// N, R, horizon [h]. Items are the peers' events (failures + repairs).
template <class Queue>
void BM_RepairCrew(benchmark::State& state) {
  RepairCrewParams p;
  p.components = static_cast<std::uint32_t>(state.range(0));
  p.crews = static_cast<std::uint32_t>(state.range(1));
  p.horizon_h = static_cast<double>(state.range(2));
  RepairCrewResult r;
  std::uint64_t events = 0;
  for (auto _ : state) {
    r = run_repair_crew<Queue>(p, Rng(42));
    events += r.events;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events"] = static_cast<double>(r.events);
  state.counters["availability"] = r.availability;
}
// The peer benchmark's N and R (shorter horizon), and a 100x larger fleet and crew.
void repair_crew_args(benchmark::internal::Benchmark* b) {
  b->Args({10'000, 50, 100'000})->Args({1'000'000, 5'000, 2'000})->Unit(benchmark::kMillisecond);
}
BENCHMARK_TEMPLATE(BM_RepairCrew, RadixQueue)->Apply(repair_crew_args);
BENCHMARK_TEMPLATE(BM_RepairCrew, BinaryHeapQueue)->Apply(repair_crew_args);
BENCHMARK_TEMPLATE(BM_RepairCrew, QuaternaryHeapQueue)->Apply(repair_crew_args);

}  // namespace
