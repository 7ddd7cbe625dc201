#pragma once
//! Counts by day in a window of days (internal): the racks arriving at a site or reaching a
//! factory test on a day are written at most a few days ahead (the transit, the integration and
//! burn-in, the rework) and read on their day. A ring of slots holds that window instead of one
//! slot per simulated day: slot day mod size, the size a power of two above the window, so the
//! run's memory stays in cache (docs/models/montecarlo.md, "Session 11").

#include <bit>
#include <cstddef>
#include <vector>

namespace rackscale::sim {

//! Counts of the days [d, d + window] for a reading day d that only moves forward. A day's count
//! is taken (read and cleared) on its day, so its slot is free for the day `size()` later; a day
//! may only be written while it lies within `window` days of the day read last.
class DayRing {
 public:
  DayRing() = default;
  //! Zero counts for a window of `window` days after the day read (window >= 0).
  explicit DayRing(int window)
      : slots_(std::bit_ceil(static_cast<std::size_t>(window) + 1), 0), mask_(slots_.size() - 1) {}

  //! The count of `day` (0 if nothing was added for it since it was last taken).
  int operator[](int day) const { return slots_[slot(day)]; }
  //! Adds to the count of `day`.
  void add(int day, int count) { slots_[slot(day)] += count; }
  //! Overwrites the count of `day`.
  void set(int day, int count) { slots_[slot(day)] = count; }
  //! The count of `day`, its slot cleared for the day size() later.
  int take(int day) {
    int& count = slots_[slot(day)];
    const int taken = count;
    count = 0;
    return taken;
  }
  //! Slots: a power of two above the window.
  std::size_t size() const { return slots_.size(); }

 private:
  std::size_t slot(int day) const { return static_cast<std::size_t>(day) & mask_; }
  std::vector<int> slots_;
  std::size_t mask_ = 0;
};

}  // namespace rackscale::sim
