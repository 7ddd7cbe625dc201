// Peer (5): the repair-crew model on ns-3's core simulator: Simulator::Schedule of free
// functions with the component id. One model hour is one ns-3 second: ns-3 time is int64
// nanoseconds, so 1e6 h as seconds uses 1e15 ns (in hours it would be 3.6e18, 39% of the range).
// Build: see run_peers.sh (link -lns3-core by hand: Debian's ns-3 .pc files are broken).
// Run: repair_ns3 [N=10000] [R=50] [T=1e6] [seed=42] [scheduler=ns3::MapScheduler]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ns3/core-module.h"
#include "ns3/version-defines.h"
#include "peer_rng.hpp"

using namespace ns3;

namespace {

double horizon = 1e6, mttf = 1000.0, mttr = 10.0, uptime = 0.0;
std::uint64_t failures = 0, repairs = 0;
std::uint32_t idle = 50;
std::vector<std::uint32_t> fifo;
std::size_t head = 0, tail = 0, queued = 0, max_queue = 0;
PeerRng* rng = nullptr;

double draw(double mean) {
  return rng->exponential(mean);
}

void Fail(std::uint32_t c);
void Repaired(std::uint32_t c);

void GoUp(std::uint32_t c) {
  const double now = Simulator::Now().GetSeconds(), u = draw(mttf);
  uptime += std::min(u, horizon - now);
  Simulator::Schedule(Seconds(u), &Fail, c);
}
void StartRepair(std::uint32_t c) {
  Simulator::Schedule(Seconds(draw(mttr)), &Repaired, c);
}

void Fail(std::uint32_t c) {
  ++failures;
  if (idle > 0) {
    --idle;
    StartRepair(c);
  } else {
    fifo[tail] = c;
    tail = tail + 1 == fifo.size() ? 0 : tail + 1;
    max_queue = std::max(max_queue, ++queued);
  }
}

void Repaired(std::uint32_t c) {
  ++repairs;
  GoUp(c);
  if (queued > 0) {
    const std::uint32_t next = fifo[head];
    head = head + 1 == fifo.size() ? 0 : head + 1;
    --queued;
    StartRepair(next);
  } else {
    ++idle;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::uint32_t n = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 10000;
  idle = argc > 2 ? static_cast<std::uint32_t>(std::atoi(argv[2])) : 50;
  horizon = argc > 3 ? std::atof(argv[3]) : 1e6;
  PeerRng engine(argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 42);
  rng = &engine;
  const std::string scheduler = argc > 5 ? argv[5] : "ns3::MapScheduler";
  ObjectFactory factory;
  factory.SetTypeId(scheduler);
  Simulator::SetScheduler(factory);
  fifo.resize(n);
  for (std::uint32_t c = 0; c < n; ++c) GoUp(c);
  Simulator::Stop(Seconds(horizon));
  Simulator::Run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const std::uint64_t events = failures + repairs;
  std::printf(
      "impl=ns3-%d.%d(%s) events=%llu failures=%llu repairs=%llu max_queue=%zu availability=%.5f "
      "wall_s=%.3f events_per_s=%.0f ns3_event_count=%llu peak_rss_mib=%.1f\n",
      NS3_VERSION_MAJOR, NS3_VERSION_MINOR, scheduler.c_str(),
      static_cast<unsigned long long>(events), static_cast<unsigned long long>(failures),
      static_cast<unsigned long long>(repairs), max_queue, uptime / (double(n) * horizon), wall,
      static_cast<double>(events) / wall,
      static_cast<unsigned long long>(Simulator::GetEventCount()),
      static_cast<double>(ru.ru_maxrss) / 1024.0);
  Simulator::Destroy();
}
