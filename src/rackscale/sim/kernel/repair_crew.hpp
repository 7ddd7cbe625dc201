#pragma once
//! The repair-crew micro-model (bench/peers/README.md): N components fail after Exp(MTTF), wait
//! for one of R technicians (FIFO), are repaired in Exp(MTTR), and fail again. It is the kernel's
//! benchmark against its peers and its check against the exact finite-source M/M/R//N solution.

#include <algorithm>
#include <cstdint>

#include "rackscale/core/random.hpp"
#include "rackscale/sim/kernel/resource.hpp"
#include "rackscale/sim/kernel/simulator.hpp"

namespace rackscale::sim {

//! Parameters of the repair-crew model. source: the defaults are the peer benchmark's,
//! bench/peers/README.md, "The model" (a saturated crew, availability 0.5).
struct RepairCrewParams {
  std::uint32_t components = 10'000;  //!< N
  std::uint32_t crews = 50;           //!< R technicians
  double mttf_h = 1000.0;             //!< mean time to failure [h]
  double mttr_h = 10.0;               //!< mean repair time [h]
  double horizon_h = 1e6;             //!< T [h]
};

//! What one run of the repair-crew model measured.
struct RepairCrewResult {
  std::uint64_t failures = 0;       //!< failures with t <= T
  std::uint64_t repairs = 0;        //!< repair completions with t <= T
  std::uint64_t events = 0;         //!< failures + repairs (the peers' event count)
  std::uint64_t kernel_events = 0;  //!< events the kernel handled (adds the crew wakeups)
  double availability = 0.0;        //!< up-time / (N T)
  double mean_queue = 0.0;          //!< time-average components waiting for a crew
  double mean_wait_h = 0.0;         //!< mean wait for a crew per repair [h]
  double crew_utilization = 0.0;    //!< time-average fraction of crews busy
  std::size_t max_queue = 0;        //!< longest queue
};

//! Steady state of the finite-source M/M/R//N model, exact.
struct RepairCrewExact {
  double availability = 0.0;   //!< 1 - E[down] / N
  double mean_queue = 0.0;     //!< E[max(down - R, 0)]
  double repairs_per_h = 0.0;  //!< throughput, E[min(down, R)] / MTTR
};

//! Solves the birth-death chain p_k ~ prod_{j<k} (N-j) lambda / (min(j+1, R) mu), k = 0..N
//! (bench/peers/README.md, "Exact steady state"; Gross and Harris, Fundamentals of Queueing
//! Theory, sec. 2.7).
RepairCrewExact repair_crew_exact(const RepairCrewParams& p);

//! Runs the model on the kernel with queue `Queue`, drawing from `rng` in event order (the same
//! draws in the same order as bench/peers/repair_handwritten.cpp, hence the same trajectory for
//! the same seed).
template <EventQueue Queue = RadixQueue>
RepairCrewResult run_repair_crew(const RepairCrewParams& p, Rng rng) {
  enum Kind : std::uint32_t { kFail, kStartRepair, kRepaired };
  BasicSimulator<Queue> sim;
  Resource crew(p.crews);
  const Exponential up_time(p.mttf_h), repair_time(p.mttr_h);
  const double horizon = p.horizon_h;
  RepairCrewResult r;
  double uptime = 0.0;  // sum over components of up-time inside [0, T]

  auto go_up = [&](std::uint32_t c) {
    const double u = up_time.sample(rng);
    uptime += std::min(u, horizon - sim.now());
    sim.schedule(u, kFail, c);
  };
  auto start_repair = [&](std::uint32_t c) { sim.schedule(repair_time.sample(rng), kRepaired, c); };

  for (std::uint32_t c = 0; c < p.components; ++c) go_up(c);
  r.kernel_events = sim.run_until(horizon, [&](const Event& e) {
    switch (e.kind) {
      case kFail:
        ++r.failures;
        if (crew.request(sim, Wakeup{kStartRepair, e.entity})) start_repair(e.entity);
        break;
      case kStartRepair:  // a crew freed up for this component
        start_repair(e.entity);
        break;
      case kRepaired:
        ++r.repairs;
        go_up(e.entity);
        crew.release(sim);
        break;
    }
  });
  r.events = r.failures + r.repairs;
  r.availability = uptime / (static_cast<double>(p.components) * horizon);
  r.mean_queue = crew.mean_queue_length(horizon);
  r.mean_wait_h = crew.mean_wait();
  r.crew_utilization = crew.utilization(horizon);
  r.max_queue = crew.max_queue_length();
  return r;
}

}  // namespace rackscale::sim
