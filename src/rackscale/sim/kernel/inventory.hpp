#pragma once
//! A store of identical items with a capacity (spares, racks awaiting install, transformers).

#include <cstdint>
#include <limits>
#include <vector>

#include "rackscale/sim/kernel/fifo.hpp"
#include "rackscale/sim/kernel/simulator.hpp"
#include "rackscale/sim/kernel/time_average.hpp"

namespace rackscale::sim {

//! A level between 0 and `capacity` items. put() blocks while the items do not fit, get() while
//! there are too few; each side waits in strict FIFO order (a large request at the head holds
//! back smaller ones behind it). A blocked request completes when the level allows, and the
//! kernel then schedules its Wakeup at that moment: the items are already moved when the model
//! sees the event. Items are conserved: level = initial + put - got.
class Inventory {
 public:
  //! No upper limit.
  static constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max();

  //! One (time, level) point after a change, when history is kept.
  struct LevelPoint {
    double time = 0.0;       //!< [h]
    std::int64_t level = 0;  //!< [items]
  };

  //! Holds 0 <= `initial_level` <= `capacity` items from `start_time` [h].
  Inventory(std::int64_t capacity, std::int64_t initial_level = 0, double start_time = 0.0);

  //! Adds `amount` (1..capacity) items at sim.now(). True: done. False: waiting; `wakeup` is
  //! scheduled once they have been added.
  template <class Sim>
  bool put(Sim& sim, std::int64_t amount, const Wakeup& wakeup) {
    check_amount(amount);
    const double now = sim.now();
    if (puts_.empty() && amount <= capacity_ - level_) {
      complete_put(now, amount, now);
      serve(sim);
      return true;
    }
    puts_.push(Waiting{wakeup, amount, now});
    return false;
  }

  //! Takes `amount` (1..capacity) items at sim.now(). True: done. False: waiting; `wakeup` is
  //! scheduled once they have been taken.
  template <class Sim>
  bool get(Sim& sim, std::int64_t amount, const Wakeup& wakeup) {
    check_amount(amount);
    const double now = sim.now();
    if (gets_.empty() && amount <= level_) {
      complete_get(now, amount, now);
      serve(sim);
      return true;
    }
    gets_.push(Waiting{wakeup, amount, now});
    return false;
  }

  std::int64_t level() const { return level_; }
  std::int64_t capacity() const { return capacity_; }
  std::int64_t initial_level() const { return initial_; }
  //! Items added / taken so far (completed requests only).
  std::int64_t total_put() const { return put_total_; }
  std::int64_t total_got() const { return got_total_; }
  //! Requests waiting.
  std::size_t waiting_puts() const { return puts_.size(); }
  std::size_t waiting_gets() const { return gets_.size(); }

  //! Time-average level over [start, now] [items].
  double mean_level(double now) const { return level_stat_.mean(now); }
  std::int64_t min_level() const { return static_cast<std::int64_t>(level_stat_.min()); }
  std::int64_t max_level() const { return static_cast<std::int64_t>(level_stat_.max()); }
  //! Mean time from request to completion of completed gets / puts [h] (0 if none).
  double mean_get_wait() const;
  double mean_put_wait() const;

  //! Records every change of level from now on (off by default: it grows with the run).
  void keep_history(bool on) { keep_history_ = on; }
  //! The level after each change since keep_history(true), in time order.
  const std::vector<LevelPoint>& history() const { return history_; }

 private:
  struct Waiting {
    Wakeup wakeup;
    std::int64_t amount = 0;
    double since = 0.0;
  };

  void check_amount(std::int64_t amount) const;
  void change(double now, std::int64_t delta);
  //! Books a put / get of `amount` asked for at `since` and done at `now`.
  void complete_put(double now, std::int64_t amount, double since);
  void complete_get(double now, std::int64_t amount, double since);

  //! Completes waiting requests while the level allows, gets first, until nothing moves.
  template <class Sim>
  void serve(Sim& sim) {
    const double now = sim.now();
    bool moved = true;
    while (moved) {
      moved = false;
      while (!gets_.empty() && gets_.front().amount <= level_) {
        const Waiting w = gets_.front();
        gets_.pop();
        complete_get(now, w.amount, w.since);
        sim.schedule_now(w.wakeup);
        moved = true;
      }
      while (!puts_.empty() && puts_.front().amount <= capacity_ - level_) {
        const Waiting w = puts_.front();
        puts_.pop();
        complete_put(now, w.amount, w.since);
        sim.schedule_now(w.wakeup);
        moved = true;
      }
    }
  }

  std::int64_t capacity_;
  std::int64_t initial_;
  std::int64_t level_;
  Fifo<Waiting> puts_, gets_;
  TimeAverage level_stat_;
  std::int64_t put_total_ = 0, got_total_ = 0;
  std::uint64_t put_count_ = 0, get_count_ = 0;
  double put_wait_ = 0.0, get_wait_ = 0.0;
  bool keep_history_ = false;
  std::vector<LevelPoint> history_;
};

}  // namespace rackscale::sim
