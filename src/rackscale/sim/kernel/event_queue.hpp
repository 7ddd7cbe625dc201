#pragma once
//! Pending-event queues ordered by (time, insertion sequence). The simulator takes the queue as a
//! template parameter; RadixQueue is the default (fastest measured at 10k and 1M pending, see
//! docs/models/kernel.md), the d-ary heaps are kept for comparison and as a general fallback.

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "rackscale/sim/kernel/event.hpp"

namespace rackscale::sim {

//! What BasicSimulator needs from a queue. `top()` may reorganize the queue (hence not const).
template <class Q>
concept EventQueue = requires(Q q, const Event& e) {
  q.push(e);
  q.pop();
  { q.top() } -> std::same_as<const Event&>;
  { q.size() } -> std::convertible_to<std::size_t>;
  { q.empty() } -> std::convertible_to<bool>;
  q.clear();
};

//! A monotone radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, "Faster algorithms for the
//! shortest path problem", J. ACM 37(2), 1990) keyed on the bits of the event time.
//!
//! Requires what a simulation guarantees: times are >= 0 and never earlier than the time of the
//! last event taken from top(). A non-negative double's bit pattern orders like the double, so an
//! event goes to bucket b = (index of the highest bit in which its key differs from the last
//! key taken) + 1, or bucket 0 if equal. Pushing is an append; when bucket 0 runs out, the lowest
//! non-empty bucket is scanned for its minimum, which becomes the last key, and its events are
//! redistributed into lower buckets. Each event moves at most 64 times and every move is a
//! sequential scan and append, so the queue stays fast when the pending set is far larger than
//! the cache. Equal times keep insertion order: events with the same key always share a bucket,
//! appends and redistributions are stable, and bucket 0 is consumed from the front.
class RadixQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  //! Adds an event; requires e.time >= 0 and >= the time of the last top().
  void push(const Event& e) {
    const std::uint64_t k = key(e.time);
    assert(k >= last_ && "RadixQueue: event earlier than the last one taken");
    if (k == last_) {
      buckets_[0].push_back(e);
    } else {
      const int b = 64 - std::countl_zero(k ^ last_);
      buckets_[b].push_back(e);
      mask_ |= std::uint64_t{1} << (b - 1);
    }
    ++size_;
  }

  //! The earliest event; requires !empty().
  const Event& top() {
    if (head_ == buckets_[0].size()) refill();
    return buckets_[0][head_];
  }

  //! Removes the earliest event; requires !empty().
  void pop() {
    if (head_ == buckets_[0].size()) refill();
    ++head_;
    --size_;
  }

  void clear();

 private:
  //! The sign bit is dropped so that -0.0 orders as 0.0 (negative times are not allowed).
  static std::uint64_t key(double t) {
    return std::bit_cast<std::uint64_t>(t) & 0x7FFF'FFFF'FFFF'FFFFULL;
  }
  void refill();

  std::array<std::vector<Event>, 65> buckets_;
  std::size_t head_ = 0;    //!< next event of bucket 0
  std::size_t size_ = 0;    //!< pending events
  std::uint64_t last_ = 0;  //!< key of the last minimum taken
  std::uint64_t mask_ = 0;  //!< bit b-1 set if bucket b (1..64) is non-empty
};

//! An implicit d-ary min-heap on (time, seq), filled from a hole rather than by swaps.
template <int D>
class DaryHeapQueue {
  static_assert(D >= 2);

 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }

  void push(const Event& e) {
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / D;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  const Event& top() const { return heap_.front(); }

  void pop() {
    const Event last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = D * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = std::min(first + D, n);
      for (std::size_t c = first + 1; c < end; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
  }

  void clear() { heap_.clear(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  std::vector<Event> heap_;
};

//! The classic binary heap (what bench/peers/repair_handwritten.cpp uses).
using BinaryHeapQueue = DaryHeapQueue<2>;
//! A 4-ary heap: shallower, more comparisons per level.
using QuaternaryHeapQueue = DaryHeapQueue<4>;

}  // namespace rackscale::sim
