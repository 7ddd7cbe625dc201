// Peer (2): the practical limit, a minimal hand-written event loop: a binary heap of plain
// {t, seq, comp, kind} structs, a switch, a ring-buffer FIFO. Same draws, same order as (1).
// Built a second time with -DRADIX_QUEUE, the loop uses the kernel's RadixQueue instead of its
// own heap: the difference to (1) is then the cost of the kernel's generality alone.
// Build: see run_peers.sh. Run: repair_handwritten [N=10000] [R=50] [T=1e6] [seed=42]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "peer_rng.hpp"
#ifdef RADIX_QUEUE
#include "rackscale/sim/kernel/event_queue.hpp"
#endif

namespace {

enum Kind : std::uint32_t { kFail, kRepaired };
struct Ev {
  double t;
  std::uint64_t seq;
  std::uint32_t comp, kind;
};
bool before(const Ev& a, const Ev& b) {
  return a.t < b.t || (a.t == b.t && a.seq < b.seq);
}

struct Heap {  // binary min-heap on (t, seq)
  std::vector<Ev> v;
  bool empty() const { return v.empty(); }
  double top_time() const { return v[0].t; }
  void push(const Ev& e) {
    std::size_t i = v.size();
    v.push_back(e);
    while (i > 0) {
      const std::size_t p = (i - 1) / 2;
      if (!before(e, v[p])) break;
      v[i] = v[p];
      i = p;
    }
    v[i] = e;
  }
  Ev pop() {
    const Ev top = v[0], last = v.back();
    v.pop_back();
    const std::size_t n = v.size();
    std::size_t i = 0;
    if (n == 0) return top;
    for (;;) {
      std::size_t c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(v[c + 1], v[c])) ++c;
      if (!before(v[c], last)) break;
      v[i] = v[c];
      i = c;
    }
    v[i] = last;
    return top;
  }
};

#ifdef RADIX_QUEUE
// The kernel's queue under the same interface: events carry the component in `entity`.
struct RadixHeap {
  rackscale::sim::RadixQueue q;
  bool empty() const { return q.empty(); }
  double top_time() { return q.top().time; }
  void push(const Ev& e) { q.push({e.t, e.seq, e.kind, e.comp, 0}); }
  Ev pop() {
    const rackscale::sim::Event e = q.top();
    q.pop();
    return {e.time, e.seq, e.entity, e.kind};
  }
};
const char* const kImpl = "handwritten(radix-queue)";
#else
const char* const kImpl = "handwritten(binary-heap)";
#endif

}  // namespace

int main(int argc, char** argv) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::uint32_t n = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 10000;
  const std::uint32_t crews = argc > 2 ? static_cast<std::uint32_t>(std::atoi(argv[2])) : 50;
  const double horizon = argc > 3 ? std::atof(argv[3]) : 1e6, mttf = 1000.0, mttr = 10.0;
  PeerRng rng(argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 42);
  auto draw = [&](double mean) { return rng.exponential(mean); };

#ifdef RADIX_QUEUE
  RadixHeap heap;
#else
  Heap heap;
  heap.v.reserve(n + 1);
#endif
  std::uint64_t seq = 0, failures = 0, repairs = 0;
  double uptime = 0.0;
  std::vector<std::uint32_t> fifo(n);  // components waiting for a technician
  std::size_t head = 0, tail = 0, queued = 0, max_queue = 0;
  std::uint32_t idle = crews;

  auto go_up = [&](std::uint32_t c, double now) {
    const double u = draw(mttf);
    uptime += std::min(u, horizon - now);
    heap.push({now + u, seq++, c, kFail});
  };
  auto start_repair = [&](std::uint32_t c, double now) {
    heap.push({now + draw(mttr), seq++, c, kRepaired});
  };

  for (std::uint32_t c = 0; c < n; ++c) go_up(c, 0.0);
  while (!heap.empty() && heap.top_time() <= horizon) {
    const Ev e = heap.pop();
    switch (e.kind) {
      case kFail:
        ++failures;
        if (idle > 0) {
          --idle;
          start_repair(e.comp, e.t);
        } else {
          fifo[tail] = e.comp;
          tail = tail + 1 == n ? 0 : tail + 1;
          max_queue = std::max(max_queue, ++queued);
        }
        break;
      case kRepaired:
        ++repairs;
        go_up(e.comp, e.t);
        if (queued > 0) {
          const std::uint32_t next = fifo[head];
          head = head + 1 == n ? 0 : head + 1;
          --queued;
          start_repair(next, e.t);
        } else {
          ++idle;
        }
        break;
    }
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const std::uint64_t events = failures + repairs;
  std::printf(
      "impl=%s events=%llu failures=%llu repairs=%llu max_queue=%zu "
      "availability=%.5f wall_s=%.3f events_per_s=%.0f peak_rss_mib=%.1f\n",
      kImpl, static_cast<unsigned long long>(events), static_cast<unsigned long long>(failures),
      static_cast<unsigned long long>(repairs), max_queue, uptime / (double(n) * horizon), wall,
      static_cast<double>(events) / wall, static_cast<double>(ru.ru_maxrss) / 1024.0);
}
