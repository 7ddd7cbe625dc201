#include "rackscale/sim/kernel/event_queue.hpp"

namespace rackscale::sim {

void RadixQueue::refill() {
  assert(size_ > 0 && mask_ != 0);
  buckets_[0].clear();
  head_ = 0;
  const int b = std::countr_zero(mask_) + 1;
  std::vector<Event>& from = buckets_[b];
  std::uint64_t least = key(from.front().time);
  for (const Event& e : from) least = std::min(least, key(e.time));
  last_ = least;
  // Every event of bucket b shares the bits above b-1 with the new last key, so it lands in a
  // bucket below b; those are all empty (b was the lowest), hence the moves keep their order.
  for (const Event& e : from) {
    const std::uint64_t k = key(e.time);
    if (k == last_) {
      buckets_[0].push_back(e);
    } else {
      const int to = 64 - std::countl_zero(k ^ last_);
      buckets_[to].push_back(e);
      mask_ |= std::uint64_t{1} << (to - 1);
    }
  }
  from.clear();
  mask_ &= ~(std::uint64_t{1} << (b - 1));
}

void RadixQueue::clear() {
  for (auto& bucket : buckets_) bucket.clear();
  head_ = 0;
  size_ = 0;
  last_ = 0;
  mask_ = 0;
}

}  // namespace rackscale::sim
