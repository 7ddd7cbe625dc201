#pragma once
//! A Monte Carlo sample kept as counts by value: bounded memory whatever the number of runs, and
//! exact quantiles for integers in a window of kDenseWidth values (every count of racks, every
//! milestone day) whatever the number of runs, and for any sample of at most kExactValues values;
//! beyond that, a log-linear bucket sketch with a relative error bound. Merging two tallies gives
//! the tally of both samples, whatever the order, so results do not depend on which thread counted
//! which run. See docs/models/montecarlo.md, "Streaming aggregation".

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "rackscale/analysis/quantiles.hpp"

namespace rackscale::analysis {

//! Widest window of integers a tally counts with one counter per integer [values].
inline constexpr std::size_t kDenseWidth = 16'384;

//! Finite values a tally keeps one by one when they do not fit the integer window; one more turns
//! it into a sketch. 10,000: any sample of up to 10,000 runs is exact.
inline constexpr std::size_t kExactValues = 10'000;

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
  void add(double value, std::uint64_t count) {
    if (!add_in_window(value, count)) add_elsewhere(value, count);
  }
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

  //! summary() of f(X) for a function f that is non-decreasing (not checked) and keeps finite
  //! values finite; +infinity stays +infinity. Quantiles of f(X) are f applied to the order
  //! statistics of X, so an exact tally gives the exact summary of f(X). count() > 0.
  template <class F>
  QuantileSummary summary(F f) const;

 private:
  struct Entry {
    double value;
    std::uint64_t count;
  };
  // The common case, inline: an integer inside the counters' window (not the first value, no
  // counter passing 2^32 - 1) takes one increment; false, with nothing counted, otherwise.
  bool add_in_window(double value, std::uint64_t count);
  void add_elsewhere(double value, std::uint64_t count);
  void insert(double value, std::uint64_t count);
  bool insert_dense(double value, std::uint64_t count);
  void widen_dense(std::int64_t low, std::int64_t width);
  void to_sparse();
  void to_sketch();
  void insert_sketch(double value, std::uint64_t count);
  // *this if its values are sorted, else a copy with sorted values kept in `scratch`.
  const Tally& sorted(Tally& scratch) const;
  // The value of rank `rank` (0-based) in ascending order, f applied when finite; needs sorted
  // values.
  template <class F>
  double order_statistic(std::uint64_t rank, F f) const;
  // A rank asked of one pass, and where its value goes.
  struct RankQuery {
    std::uint64_t rank;
    double* value;
  };
  // Answers the ranks order_statistic answers without a scan (min, max, "never", a stored
  // value); returns the others, ascending.
  template <class F>
  std::vector<RankQuery> answer_at_ends(std::vector<RankQuery> queries, F f) const;
  // One pass over the sorted values: each query's value (ascending ranks, as order_statistic)
  // and the sum of f (as mean_of; only when `sum` is not null).
  template <class F>
  void scan(const std::vector<RankQuery>& queries, double* sum, F f) const;
  template <class F>
  double quantile_of(double p, F f) const;
  template <class F>
  double mean_of(F f) const;

  // Integers in a window of at most kDenseWidth: counts of dense_low_, dense_low_ + 1, ...
  // (the common case: racks and days; one increment per value). Else values_ (exact, at most
  // kExactValues, unsorted) or, beyond, the sketch's entries_.
  // 16-bit counters: the weekly tallies are most of a Monte Carlo's memory, and what a run adds
  // to is mostly cache and TLB misses into them, so half the bytes is half the lines a batch of
  // runs touches. A counter passing 2^16 - 1 carries into carry_ (multiples of 2^16, allocated
  // at the first carry: the count of a value is dense_[i] + 2^16 carry_[i]); a carry that would
  // pass 2^32 - 1 (2^48 values, never within the runs the CLI accepts) turns the tally sparse.
  // What add() reads and writes for a dense value comes first and fills one cache line: a run
  // adds to tens of thousands of weekly tallies, so memory traffic is most of a tally's cost.
  using DenseCount = std::uint16_t;
  static constexpr int kCarryBits = 16;
  bool dense_mode_ = true;
  bool sketch_ = false;
  std::int64_t dense_low_ = 0;
  std::vector<DenseCount> dense_;
  std::uint64_t count_ = 0;
  double min_ = 0.0;
  double max_ = 0.0;
  std::uint64_t never_ = 0;
  std::size_t last_ = 0;        // the sketch's entry hit last: weekly values repeat across runs
  std::vector<double> values_;  // finite values, unsorted (not dense, not sketch)
  std::vector<Entry> entries_;  // the sketch: bucket midpoints ascending, distinct
  std::vector<std::uint32_t> carry_;  // empty, or one per counter of dense_

  // The count of dense_low_ + i.
  std::uint64_t dense_count(std::size_t i) const {
    const std::uint64_t low = dense_[i];
    return carry_.empty() ? low : low + (std::uint64_t{carry_[i]} << kCarryBits);
  }
  bool add_to_counter(std::size_t index, std::uint64_t count);
};

inline bool Tally::add_in_window(double value, std::uint64_t count) {
  if (!dense_mode_ || count_ == 0) return false;
  // Not a window position (out of it, not an integer, NaN or infinite): the general path.
  const double offset = value - static_cast<double>(dense_low_);
  if (!(offset >= 0.0 && offset < static_cast<double>(dense_.size()))) return false;
  const auto index = static_cast<std::size_t>(offset);
  if (static_cast<double>(index) != offset) return false;
  DenseCount& counter = dense_[index];
  if (count > std::uint64_t{std::numeric_limits<DenseCount>::max()} - counter) return false;
  counter = static_cast<DenseCount>(counter + count);
  // min_ and max_ stay: the window spans exactly the finite values counted.
  count_ += count;
  return true;
}

namespace detail {
// sum += value, `count` times, as summing the sorted sample does (tally.cpp).
void add_repeated(double& sum, double value, std::uint64_t count, bool approximate);
}  // namespace detail

template <class F>
double Tally::order_statistic(std::uint64_t rank, F f) const {
  const auto mapped = [&f](double x) {
    return x == std::numeric_limits<double>::infinity() ? x : f(x);
  };
  if (rank == 0) return mapped(min_);
  if (rank + 1 == count_) return mapped(max_);
  if (rank >= count_ - never_) return std::numeric_limits<double>::infinity();
  if (!values_.empty()) return f(values_[static_cast<std::size_t>(rank)]);
  std::uint64_t below = 0;
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    below += dense_count(i);
    if (rank < below) return f(static_cast<double>(dense_low_ + static_cast<std::int64_t>(i)));
  }
  for (const Entry& e : entries_) {
    below += e.count;
    if (rank < below) return f(std::clamp(e.value, min_, max_));
  }
  return std::numeric_limits<double>::infinity();  // not reached: count_ - never_ values
}

template <class F>
double Tally::quantile_of(double p, F f) const {
  const auto [j, g] = detail::type7_position(count_, p);
  const double lo = order_statistic(j, f);
  if (g == 0.0) return lo;
  return detail::type7_interpolate(lo, order_statistic(j + 1, f), g);
}

// The sum of f over the sorted sample in ascending order, over count(); exact while the tally
// holds at most kExactValues values (see detail::add_repeated).
template <class F>
double Tally::mean_of(F f) const {
  if (never_ > 0) return std::numeric_limits<double>::infinity();
  double sum = 0.0;
  const bool approximate = count_ > kExactValues;
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    detail::add_repeated(sum, f(static_cast<double>(dense_low_ + static_cast<std::int64_t>(i))),
                         dense_count(i), approximate);
  }
  for (double v : values_) sum += f(v);
  for (const Entry& e : entries_) detail::add_repeated(sum, f(e.value), e.count, true);
  return sum / static_cast<double>(count_);
}

// The ranks of a summary's order statistics answered in one pass over the counts, with the
// mean's sum: the same values and bits as quantile_of and mean_of, each of which scans anew.
template <class F>
std::vector<Tally::RankQuery> Tally::answer_at_ends(std::vector<RankQuery> queries, F f) const {
  std::vector<RankQuery> rest;
  for (const RankQuery& q : queries) {
    const bool at_end =
        q.rank == 0 || q.rank + 1 == count_ || q.rank >= count_ - never_ || !values_.empty();
    if (at_end) {
      *q.value = order_statistic(q.rank, f);
    } else {
      rest.push_back(q);
    }
  }
  std::sort(rest.begin(), rest.end(),
            [](const RankQuery& a, const RankQuery& b) { return a.rank < b.rank; });
  return rest;
}

template <class F>
void Tally::scan(const std::vector<RankQuery>& queries, double* sum, F f) const {
  const bool approximate = count_ > kExactValues;
  auto next = queries.begin();
  std::uint64_t below = 0;
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    const std::uint64_t count = dense_count(i);
    if (count == 0) continue;
    const double value = f(static_cast<double>(dense_low_ + static_cast<std::int64_t>(i)));
    below += count;
    for (; next != queries.end() && next->rank < below; ++next) *next->value = value;
    if (sum != nullptr) {
      detail::add_repeated(*sum, value, count, approximate);
    } else if (next == queries.end()) {
      return;
    }
  }
  if (sum != nullptr) {
    for (double v : values_) *sum += f(v);
  }
  for (const Entry& e : entries_) {
    below += e.count;
    for (; next != queries.end() && next->rank < below; ++next) {
      *next->value = f(std::clamp(e.value, min_, max_));
    }
    if (sum != nullptr) detail::add_repeated(*sum, f(e.value), e.count, true);
  }
}

template <class F>
QuantileSummary Tally::summary(F f) const {
  assert(count_ > 0);
  Tally scratch;
  const Tally& s = sorted(scratch);
  constexpr double kP[] = {0.1, 0.5, 0.9};
  double lo[3] = {}, hi[3] = {}, g[3] = {};
  std::vector<RankQuery> queries = {{0, nullptr}, {count_ - 1, nullptr}};
  QuantileSummary out;
  queries[0].value = &out.min;
  queries[1].value = &out.max;
  for (int k = 0; k < 3; ++k) {
    const auto [j, fraction] = detail::type7_position(count_, kP[k]);
    g[k] = fraction;
    queries.push_back({j, &lo[k]});
    if (fraction != 0.0) queries.push_back({j + 1, &hi[k]});
  }
  double sum = 0.0;
  s.scan(s.answer_at_ends(std::move(queries), f), never_ > 0 ? nullptr : &sum, f);
  double* const quantiles[] = {&out.p10, &out.p50, &out.p90};
  for (int k = 0; k < 3; ++k) {
    *quantiles[k] = g[k] == 0.0 ? lo[k] : detail::type7_interpolate(lo[k], hi[k], g[k]);
  }
  out.mean =
      never_ > 0 ? std::numeric_limits<double>::infinity() : sum / static_cast<double>(count_);
  return out;
}

//! The weekly series summary of one tally per week.
SeriesQuantiles series_quantiles(const std::vector<Tally>& weeks);

//! The midpoint of the sketch bucket holding `value` (value itself for 0): exact arithmetic
//! (frexp, ldexp), so the same on every platform.
double sketch_bucket_midpoint(double value);

}  // namespace rackscale::analysis
