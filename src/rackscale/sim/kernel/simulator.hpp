#pragma once
//! The discrete-event simulator: a clock and a pending-event queue; the model dispatches events.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>

#include "rackscale/core/error.hpp"
#include "rackscale/sim/kernel/event.hpp"
#include "rackscale/sim/kernel/event_queue.hpp"

namespace rackscale::sim {

//! Events handed back to the model when a blocked request goes through (see Resource and
//! Inventory): the kernel schedules an event of this kind, entity and data at that moment.
struct Wakeup {
  std::uint32_t kind = 0;
  std::uint32_t entity = 0;
  std::uint64_t data = 0;
};

//! A simulation clock and its pending events, handled in (time, insertion sequence) order.
//!
//! The model owns its state and handles events in a callable passed to run_until() or step(),
//! typically `[&](const Event& e) { model.handle(e); }` with a switch on `e.kind`. The loop is a
//! template over that callable, so dispatch is inlined: no allocation, no std::function and no
//! virtual call per event. Handlers schedule further events; they may not schedule in the past.
template <EventQueue Queue = RadixQueue>
class BasicSimulator {
 public:
  //! The current time [h]: the time of the event being handled, or where run_until() stopped.
  double now() const { return now_; }

  //! Schedules an event `delay` >= 0 after now; returns its sequence number.
  std::uint64_t schedule(double delay, std::uint32_t kind, std::uint32_t entity,
                         std::uint64_t data = 0) {
    return schedule_at(now_ + delay, kind, entity, data);
  }

  //! Schedules an event at absolute `time` >= now; returns its sequence number.
  std::uint64_t schedule_at(double time, std::uint32_t kind, std::uint32_t entity,
                            std::uint64_t data = 0) {
    if (!(time >= now_)) [[unlikely]] {
      throw_in_past(time);
    }
    const std::uint64_t seq = next_seq_++;
    queue_.push(Event{time, seq, kind, entity, data});
    return seq;
  }

  //! Schedules a wakeup now (after every event already due now).
  std::uint64_t schedule_now(const Wakeup& w) {
    return schedule_at(now_, w.kind, w.entity, w.data);
  }

  //! Handles the next event, whatever its time; false if none is pending.
  template <class Handler>
  bool step(Handler&& handler) {
    if (queue_.empty()) return false;
    const Event e = queue_.top();
    queue_.pop();
    now_ = e.time;
    ++handled_;
    std::invoke(handler, e);
    return true;
  }

  //! Handles every event with time <= t_end (>= now), in order, then sets now to t_end, unless
  //! a handler called stop() (now stays at that event). Returns the number of events handled.
  template <class Handler>
  std::uint64_t run_until(double t_end, Handler&& handler) {
    if (!(t_end >= now_)) throw_in_past(t_end);
    stopped_ = false;
    const std::uint64_t before_run = handled_;
    while (!queue_.empty()) {
      const Event e = queue_.top();
      if (e.time > t_end) break;
      queue_.pop();
      now_ = e.time;
      ++handled_;
      std::invoke(handler, e);
      if (stopped_) [[unlikely]] {
        return handled_ - before_run;
      }
    }
    now_ = t_end;
    return handled_ - before_run;
  }

  //! Handles events until none is pending (or stop()); now stays at the last event.
  template <class Handler>
  std::uint64_t run(Handler&& handler) {
    stopped_ = false;
    const std::uint64_t before_run = handled_;
    while (!stopped_ && step(handler)) {
    }
    return handled_ - before_run;
  }

  //! Makes run_until() or run() return after the event being handled.
  void stop() { stopped_ = true; }

  //! Events handled since construction.
  std::uint64_t event_count() const { return handled_; }
  //! Events scheduled since construction.
  std::uint64_t scheduled_count() const { return next_seq_; }
  //! Events pending.
  std::size_t pending() const { return queue_.size(); }
  //! Time of the next pending event, or +infinity.
  double next_time() {
    return queue_.empty() ? std::numeric_limits<double>::infinity() : queue_.top().time;
  }

 private:
  [[noreturn]] void throw_in_past(double time) const {
    throw Error("simulator: cannot schedule or run to time " + std::to_string(time) +
                " h, before the current time " + std::to_string(now_) + " h");
  }

  Queue queue_;
  double now_ = 0.0;
  std::uint64_t next_seq_ = 0;
  std::uint64_t handled_ = 0;
  bool stopped_ = false;
};

//! The simulator with the default queue.
using Simulator = BasicSimulator<RadixQueue>;

}  // namespace rackscale::sim
