#pragma once
//! A counted resource (technicians, test cells, cranes) with a FIFO queue of waiting requests.

#include <cstdint>

#include "rackscale/sim/kernel/fifo.hpp"
#include "rackscale/sim/kernel/simulator.hpp"
#include "rackscale/sim/kernel/time_average.hpp"

namespace rackscale::sim {

//! `capacity` identical units. A request takes one unit if one is free and nobody waits;
//! otherwise it waits in FIFO order, and when a release hands it a unit the kernel schedules its
//! Wakeup at that moment, so the model carries on in its event handler. Statistics are kept over
//! time: units in use and queue length (time averages, for Little's law), waits, counts.
class Resource {
 public:
  //! `capacity` >= 1 units, observed from `start_time` [h].
  explicit Resource(std::uint32_t capacity, double start_time = 0.0);

  //! Asks for one unit at sim.now(). True: granted, go on. False: queued; `wakeup` is scheduled
  //! when the unit is handed over (the unit is then already held).
  template <class Sim>
  bool request(Sim& sim, const Wakeup& wakeup) {
    const double now = sim.now();
    ++requests_;
    if (in_use_ < capacity_ && waiting_.empty()) {
      ++in_use_;
      ++granted_;
      in_use_stat_.set(now, in_use_);
      return true;
    }
    waiting_.push(Waiting{wakeup, now});
    queue_stat_.set(now, static_cast<double>(waiting_.size()));
    return false;
  }

  //! Gives back one unit at sim.now(). If requests wait, the oldest gets the unit and its wakeup
  //! is scheduled now; returns true in that case.
  template <class Sim>
  bool release(Sim& sim) {
    const double now = sim.now();
    if (in_use_ == 0) throw_release_idle();
    if (!waiting_.empty()) {
      const Waiting w = waiting_.front();
      waiting_.pop();
      queue_stat_.set(now, static_cast<double>(waiting_.size()));
      ++granted_;
      wait_sum_ += now - w.since;
      sim.schedule_now(w.wakeup);
      return true;
    }
    --in_use_;
    in_use_stat_.set(now, in_use_);
    return false;
  }

  std::uint32_t capacity() const { return capacity_; }
  std::uint32_t in_use() const { return in_use_; }
  std::uint32_t available() const { return capacity_ - in_use_; }
  std::size_t queue_length() const { return waiting_.size(); }

  //! Time-average units in use over [start, now].
  double mean_in_use(double now) const { return in_use_stat_.mean(now); }
  //! Time-average fraction of units in use over [start, now].
  double utilization(double now) const { return mean_in_use(now) / capacity_; }
  //! Time-average number of waiting requests over [start, now] (L_q).
  double mean_queue_length(double now) const { return queue_stat_.mean(now); }
  //! Longest queue seen.
  std::size_t max_queue_length() const { return static_cast<std::size_t>(queue_stat_.max()); }
  //! Requests made.
  std::uint64_t request_count() const { return requests_; }
  //! Requests granted (at once or after waiting).
  std::uint64_t grant_count() const { return granted_; }
  //! Mean time from request to grant over granted requests [h] (W_q; 0 if none).
  double mean_wait() const { return granted_ ? wait_sum_ / static_cast<double>(granted_) : 0.0; }
  //! Sum of the waits of granted requests [h].
  double total_wait() const { return wait_sum_; }

 private:
  struct Waiting {
    Wakeup wakeup;
    double since = 0.0;
  };
  [[noreturn]] static void throw_release_idle();

  std::uint32_t capacity_;
  std::uint32_t in_use_ = 0;
  Fifo<Waiting> waiting_;
  TimeAverage in_use_stat_;
  TimeAverage queue_stat_;
  std::uint64_t requests_ = 0;
  std::uint64_t granted_ = 0;
  double wait_sum_ = 0.0;
};

}  // namespace rackscale::sim
