// Peer (4): the repair-crew model in SimGrid's s4u API, written the way SimGrid is meant to be
// used: one actor per component, sleep_for() for up and repair times, the crew a Semaphore(R).
// Draw order: a release lets the first waiter run before the releasing actor resumes, so the
// next up-time is drawn *before* release(); that gives the same draws in the same order as the
// event-list peers, hence the same trajectory.
// Timing precision: SimGrid merges events closer than surf/precision (default 1e-9) into one
// step and may then wake their actors in another order. At seed 42 two events 1.7e-10 h apart
// (t = 306,176 h) do just that and the trajectory drifts (10,006,931 events instead of
// 10,006,935). 1e-11 is below one ulp of 1e6, so every distinct time stays distinct.
// Build: see run_peers.sh. Run: repair_simgrid [N=10000] [R=50] [T=1e6] [seed=42] [--cfg=...]
#include <sys/resource.h>
#include <unistd.h>
#include <simgrid/s4u.hpp>

#include <simgrid/version.h>  // after s4u.hpp: it needs xbt/base.h

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "peer_rng.hpp"

namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(repair_peer, "repair-crew peer");

namespace {

double horizon = 1e6, mttf = 1000.0, mttr = 10.0, uptime = 0.0;
unsigned long long failures = 0, repairs = 0;
PeerRng* rng = nullptr;
sg4::SemaphorePtr crew;

void component() {
  double up = rng->exponential(mttf);
  for (;;) {
    uptime += std::min(up, horizon - sg4::Engine::get_clock());
    sg4::this_actor::sleep_for(up);
    ++failures;
    crew->acquire();
    sg4::this_actor::sleep_for(rng->exponential(mttr));
    ++repairs;
    up = rng->exponential(mttf);  // before release(): see the header
    crew->release();
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto t0 = std::chrono::steady_clock::now();
  sg4::Engine engine(&argc, argv);  // consumes --cfg=... arguments
  sg4::Engine::set_config("surf/precision:1e-11");
  const int n = argc > 1 ? std::atoi(argv[1]) : 10000, crews = argc > 2 ? std::atoi(argv[2]) : 50;
  horizon = argc > 3 ? std::atof(argv[3]) : 1e6;
  PeerRng r(argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 42);
  rng = &r;
  auto* zone = sg4::create_full_zone("world");
  sg4::Host* host = zone->create_host("h0", 1e9);
  zone->seal();
  crew = sg4::Semaphore::create(crews);
  for (int i = 0; i < n; ++i) sg4::Actor::create("component", host, component);
  engine.run_until(horizon);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const unsigned long long events = failures + repairs;
  std::printf(
      "impl=simgrid-%d.%d-s4u events=%llu failures=%llu repairs=%llu availability=%.5f "
      "wall_s=%.3f events_per_s=%.0f peak_rss_mib=%.1f\n",
      SIMGRID_VERSION_MAJOR, SIMGRID_VERSION_MINOR, events, failures, repairs,
      uptime / (double(n) * horizon), wall, static_cast<double>(events) / wall,
      static_cast<double>(ru.ru_maxrss) / 1024.0);
  std::fflush(stdout);
  _exit(0);  // run_until() leaves 10k actors blocked; tearing them down is not part of the model
}
