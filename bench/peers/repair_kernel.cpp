// Peer (1): the repair-crew model on rackscale's kernel (src/rackscale/sim/kernel/repair_crew.hpp:
// a Simulator, a Resource for the crew, a switch on the event kind).
// Build: see run_peers.sh. Run: repair_kernel [N=10000] [R=50] [T=1e6] [seed=42] [queue=radix]
// queue: radix (the default queue), binary or 4ary (the heaps kept for comparison).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "rackscale/sim/kernel/repair_crew.hpp"

namespace rs = rackscale::sim;

int main(int argc, char** argv) {
  const auto t0 = std::chrono::steady_clock::now();
  rs::RepairCrewParams p;
  if (argc > 1) p.components = static_cast<std::uint32_t>(std::atoi(argv[1]));
  if (argc > 2) p.crews = static_cast<std::uint32_t>(std::atoi(argv[2]));
  if (argc > 3) p.horizon_h = std::atof(argv[3]);
  const std::uint64_t seed = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 42;
  const std::string queue = argc > 5 ? argv[5] : "radix";
  const rackscale::Rng rng(seed);
  rs::RepairCrewResult r;
  if (queue == "radix") {
    r = rs::run_repair_crew<rs::RadixQueue>(p, rng);
  } else if (queue == "binary") {
    r = rs::run_repair_crew<rs::BinaryHeapQueue>(p, rng);
  } else if (queue == "4ary") {
    r = rs::run_repair_crew<rs::QuaternaryHeapQueue>(p, rng);
  } else {
    std::fprintf(stderr, "unknown queue %s (radix, binary, 4ary)\n", queue.c_str());
    return 2;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "impl=rackscale-kernel(%s) events=%llu failures=%llu repairs=%llu max_queue=%zu "
      "availability=%.5f wall_s=%.3f events_per_s=%.0f kernel_events=%llu peak_rss_mib=%.1f\n",
      queue.c_str(), static_cast<unsigned long long>(r.events),
      static_cast<unsigned long long>(r.failures), static_cast<unsigned long long>(r.repairs),
      r.max_queue, r.availability, wall, static_cast<double>(r.events) / wall,
      static_cast<unsigned long long>(r.kernel_events), static_cast<double>(ru.ru_maxrss) / 1024.0);
}
