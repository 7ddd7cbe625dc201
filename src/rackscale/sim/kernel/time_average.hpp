#pragma once
//! Time-weighted statistics of a piecewise-constant quantity (units in use, queue length, level).

#include <algorithm>

namespace rackscale::sim {

//! The integral, mean, minimum and maximum over time of a value that changes in steps.
class TimeAverage {
 public:
  //! Starts observing at `start_time` [h] with `value`.
  explicit TimeAverage(double start_time = 0.0, double value = 0.0)
      : start_(start_time), last_(start_time), value_(value), min_(value), max_(value) {}

  //! The value becomes `value` at `time` (>= the previous change).
  void set(double time, double value) {
    integral_ += value_ * (time - last_);
    last_ = time;
    value_ = value;
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  //! Adds `delta` to the value at `time`.
  void add(double time, double delta) { set(time, value_ + delta); }

  //! The current value.
  double value() const { return value_; }
  //! The integral of the value over [start, time] [value x h].
  double integral(double time) const { return integral_ + value_ * (time - last_); }
  //! The time-weighted mean over [start, time]; the current value if no time has passed.
  double mean(double time) const {
    return time > start_ ? integral(time) / (time - start_) : value_;
  }
  double min() const { return min_; }
  double max() const { return max_; }
  double start_time() const { return start_; }

 private:
  double start_, last_, value_, min_, max_;
  double integral_ = 0.0;
};

}  // namespace rackscale::sim
