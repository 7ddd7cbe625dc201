#pragma once
//! A Monte Carlo sample kept as counts by value: bounded memory whatever the number of runs, and
//! exact quantiles while the sample holds at most kExactDistinctValues distinct values (every
//! integer count of racks, every milestone day); beyond that, a log-linear bucket sketch with a
//! relative error bound. Merging two tallies gives the tally of both samples, whatever the order,
//! so results do not depend on which thread counted which run. See docs/models/montecarlo.md,
//! "Streaming aggregation".

#include <cstdint>
#include <optional>
#include <vector>

#include "rackscale/analysis/quantiles.hpp"

namespace rackscale::analysis {

//! Distinct values a tally counts exactly; beyond, it turns into a sketch. At least 10,000, so
//! that any sample of up to 10,000 runs is exact.
inline constexpr std::size_t kExactDistinctValues = 16'384;

//! Buckets per octave of the sketch: a bucket spans 1/1024 of its octave's lower edge, and its
//! midpoint stands for every value in it, hence a relative error of at most 1/2048.
inline constexpr int kSketchBucketsPerOctave = 1024;

//! Largest relative error of a sketched value: |represented - value| <= |value| x this.
inline constexpr double kSketchRelativeError = 0.5 / kSketchBucketsPerOctave;

//! Counts of values: finite doubles and +infinity ("never", a milestone not reached). Values
//! must not be NaN or -infinity (an invariant of the callers: asserted).
class alignas(64) Tally {
 public:
  //! Counts `value` once.
  void add(double value) { add(value, 1); }
  //! Counts `value` `count` times.
  void add(double value, std::uint64_t count);
  //! Adds every count of `other`; the result does not depend on the order of merges and adds.
  void merge(const Tally& other);

  //! Values counted, +infinity included [values].
  std::uint64_t count() const { return count_; }
  //! Values counted as +infinity [values].
  std::uint64_t never_count() const { return never_; }
  //! True while every value is kept as it is (no sketch).
  bool exact() const { return !sketch_; }

  //! The type-7 quantile at p in [0, 1] (quantiles.hpp), +infinity when it interpolates towards
  //! a "never"; exact while exact(), else within kSketchRelativeError of the larger in magnitude
  //! of the two order statistics it interpolates. Requires count() > 0.
  double quantile(double p) const;
  //! The smallest and largest value counted (+infinity if any), always exact. count() > 0.
  double min() const;
  double max() const;
  //! The sorted sample's sum in ascending order over count() (summarize()'s bits while exact()),
  //! equal integers added as one exact product, others one by one (a sketch: midpoint x count);
  //! +infinity if any value is. count() > 0.
  double mean() const;

  //! P10, P50, P90, mean, min, max. count() > 0.
  QuantileSummary summary() const;
  //! The summary with "never" as nullopt (MilestoneSummary's rules). count() > 0.
  MilestoneSummary milestone_summary() const;

  //! The tally of f(value) for a function f that is non-decreasing (not checked) and keeps
  //! finite values finite; +infinity stays +infinity. Exact quantiles of f(X) are f applied to
  //! the order statistics of X, so a transformed exact tally stays exact.
  template <class F>
  Tally transformed(F f) const {
    Tally out = *this;
    out.to_sparse();
    out.flush();
    for (Entry& e : out.entries_) e.value = f(e.value);
    out.min_ = f(min_);
    out.max_ = f(max_);
    out.coalesce();
    return out;
  }

 private:
  struct Entry {
    double value;
    std::uint64_t count;
  };
  void insert(double value, std::uint64_t count);
  bool insert_dense(double value, std::uint64_t count);
  void widen_dense(std::int64_t low, std::int64_t width);
  void to_sparse();
  double key_of(double value) const;
  void flush();
  void coalesce();
  void to_sketch();
  // *this if nothing is pending, else a flushed copy kept in `scratch`.
  const Tally& flushed(Tally& scratch) const;
  // The value of rank `rank` (0-based) in ascending order; needs no pending values.
  double order_statistic(std::uint64_t rank) const;

  // Integers in a window of at most kExactDistinctValues: counts of dense_low_, dense_low_ + 1,
  // ... (the common case: racks and days; one increment per value). Else entries_ and pending_.
  // 32-bit counters: the weekly tallies are most of a Monte Carlo's memory, and a count never
  // reaches 2^32 within the runs the CLI accepts (one that would turns the tally sparse).
  // What add() reads and writes for a dense value comes first and fills one cache line: a run
  // adds to tens of thousands of weekly tallies, so memory traffic is most of a tally's cost.
  using DenseCount = std::uint32_t;
  bool dense_mode_ = true;
  bool sketch_ = false;
  std::int64_t dense_low_ = 0;
  std::vector<DenseCount> dense_;
  std::uint64_t count_ = 0;
  double min_ = 0.0;
  double max_ = 0.0;
  std::uint64_t never_ = 0;
  std::size_t last_ = 0;        // the entry hit last: weekly values repeat across runs
  std::vector<Entry> entries_;  // ascending by value, distinct; finite values only
  std::vector<Entry> pending_;  // values not yet in entries_, few, unsorted
};

//! The weekly series summary of one tally per week.
SeriesQuantiles series_quantiles(const std::vector<Tally>& weeks);

//! The midpoint of the sketch bucket holding `value` (value itself for 0): exact arithmetic
//! (frexp, ldexp), so the same on every platform.
double sketch_bucket_midpoint(double value);

}  // namespace rackscale::analysis
