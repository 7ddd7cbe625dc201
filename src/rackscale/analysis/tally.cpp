#include "rackscale/analysis/tally.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>

namespace rackscale::analysis {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// New distinct values wait here before they are merged into the sorted entries: a merge costs
// the number of entries, so it is done once per kPendingLimit new values.
constexpr std::size_t kPendingLimit = 64;

// x == floor(x) for |x| < 2^53, with a conversion rather than a call to floor (a tally tests
// every value it counts).
bool is_integer(double x) {
  constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
  return std::abs(x) < kLargestExactInteger &&
         static_cast<double>(static_cast<std::int64_t>(x)) == x;
}

// sum += value, `count` times, as summing the sorted sample does. While the sum and the value
// are integers (and stay below 2^53) every partial sum is exact, so one product gives the same
// bits; else the additions are replayed one by one (rounding after each), unless `approximate`.
void add_repeated(double& sum, double value, std::uint64_t count, bool approximate) {
  if (count == 0) return;
  const double product = value * static_cast<double>(count);
  if (approximate || (is_integer(sum) && is_integer(value) && is_integer(sum + product))) {
    sum += product;
    return;
  }
  for (std::uint64_t i = 0; i < count; ++i) sum += value;
}

}  // namespace

double sketch_bucket_midpoint(double value) {
  if (value == 0.0 || !std::isfinite(value)) return value;
  if (value < 0.0) return -sketch_bucket_midpoint(-value);
  // value = m 2^e with m in [0.5, 1); the octave [2^(e-1), 2^e) is cut into
  // kSketchBucketsPerOctave buckets of equal width. Every step is exact in binary.
  int exponent = 0;
  const double mantissa = std::frexp(value, &exponent);
  constexpr double kBuckets = 2.0 * kSketchBucketsPerOctave;  // per unit of mantissa
  const double bucket = std::floor((mantissa - 0.5) * kBuckets);
  return std::ldexp(0.5 + (bucket + 0.5) / kBuckets, exponent);
}

void Tally::add(double value, std::uint64_t count) {
  assert(!std::isnan(value) && value != -kNever);
  if (count == 0) return;
  min_ = count_ == 0 ? value : std::min(min_, value);
  max_ = count_ == 0 ? value : std::max(max_, value);
  count_ += count;
  if (value == kNever) {
    never_ += count;
    return;
  }
  insert(value, count);
}

// Counts a finite value, without the bookkeeping of add().
void Tally::insert(double value, std::uint64_t count) {
  if (dense_mode_ && insert_dense(value, count)) return;
  const double key = key_of(value);
  if (last_ < entries_.size() && entries_[last_].value == key) {
    entries_[last_].count += count;
    return;
  }
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                                   [](const Entry& e, double v) { return e.value < v; });
  if (it != entries_.end() && it->value == key) {
    it->count += count;
    last_ = static_cast<std::size_t>(it - entries_.begin());
    return;
  }
  for (Entry& e : pending_) {
    if (e.value == key) {
      e.count += count;
      return;
    }
  }
  pending_.push_back({key, count});
  if (pending_.size() >= kPendingLimit) flush();
}

// An integer within a window of at most kExactDistinctValues integers: one counter per integer.
// Anything else (or a counter that would pass 2^32 - 1) turns the tally into sorted entries;
// returns false then.
bool Tally::insert_dense(double value, std::uint64_t count) {
  if (!is_integer(value)) {
    to_sparse();
    return false;
  }
  const auto integer = static_cast<std::int64_t>(value);
  if (dense_.empty()) dense_low_ = integer;  // so the first window is [integer, integer]
  const std::int64_t high = dense_low_ + static_cast<std::int64_t>(dense_.size()) - 1;
  const std::int64_t low = std::min(dense_low_, integer);
  const std::int64_t width = std::max(high, integer) - low + 1;
  if (width > static_cast<std::int64_t>(kExactDistinctValues)) {
    to_sparse();
    return false;
  }
  if (dense_.empty() || integer < dense_low_ || integer > high) widen_dense(low, width);
  DenseCount& counter = dense_[static_cast<std::size_t>(integer - dense_low_)];
  if (count > std::numeric_limits<DenseCount>::max() - counter) {
    to_sparse();
    return false;
  }
  counter += static_cast<DenseCount>(count);
  return true;
}

// The window becomes [low, low + width): a new vector of that size (a vector's own growth
// would double its capacity, and the weekly tallies are many), the counts moved to their place.
void Tally::widen_dense(std::int64_t low, std::int64_t width) {
  std::vector<DenseCount> widened(static_cast<std::size_t>(width), 0);
  std::copy(dense_.begin(), dense_.end(),
            widened.begin() + static_cast<std::ptrdiff_t>(dense_low_ - low));
  dense_ = std::move(widened);
  dense_low_ = low;
}

// The counters become entries: (value, count) for each integer counted.
void Tally::to_sparse() {
  if (!dense_mode_) return;
  dense_mode_ = false;
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    if (dense_[i] > 0) {
      entries_.push_back(
          {static_cast<double>(dense_low_ + static_cast<std::int64_t>(i)), dense_[i]});
    }
  }
  dense_.clear();
  dense_.shrink_to_fit();
}

void Tally::merge(const Tally& other) {
  if (other.count_ == 0) return;
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = count_ == 0 ? other.max_ : std::max(max_, other.max_);
  count_ += other.count_;
  never_ += other.never_;
  if (other.dense_mode_) {
    for (std::size_t i = 0; i < other.dense_.size(); ++i) {
      if (other.dense_[i] > 0) {
        insert(static_cast<double>(other.dense_low_ + static_cast<std::int64_t>(i)),
               other.dense_[i]);
      }
    }
    flush();
    return;
  }
  to_sparse();
  if (other.sketch_ && !sketch_) to_sketch();
  pending_.insert(pending_.end(), other.entries_.begin(), other.entries_.end());
  pending_.insert(pending_.end(), other.pending_.begin(), other.pending_.end());
  if (sketch_) {
    for (Entry& e : pending_) e.value = sketch_bucket_midpoint(e.value);
  }
  flush();
}

double Tally::key_of(double value) const {
  return sketch_ ? sketch_bucket_midpoint(value) : value;
}

// Sorts the pending values into the entries; a tally with too many distinct values turns into
// a sketch.
void Tally::flush() {
  if (pending_.empty()) return;
  std::sort(pending_.begin(), pending_.end(),
            [](const Entry& a, const Entry& b) { return a.value < b.value; });
  std::vector<Entry> merged;
  merged.reserve(entries_.size() + pending_.size());
  std::merge(entries_.begin(), entries_.end(), pending_.begin(), pending_.end(),
             std::back_inserter(merged),
             [](const Entry& a, const Entry& b) { return a.value < b.value; });
  entries_ = std::move(merged);
  pending_.clear();
  coalesce();
  if (!sketch_ && entries_.size() > kExactDistinctValues) to_sketch();
}

// Adds up neighbours of equal value (entries_ sorted).
void Tally::coalesce() {
  std::size_t out = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (out > 0 && entries_[out - 1].value == entries_[i].value) {
      entries_[out - 1].count += entries_[i].count;
    } else {
      entries_[out++] = entries_[i];
    }
  }
  entries_.resize(out);
  last_ = 0;
}

// Every value replaced by its bucket's midpoint: a non-decreasing map, so the order holds.
void Tally::to_sketch() {
  flush();
  sketch_ = true;
  for (Entry& e : entries_) e.value = sketch_bucket_midpoint(e.value);
  coalesce();
}

const Tally& Tally::flushed(Tally& scratch) const {
  if (pending_.empty()) return *this;
  scratch = *this;
  scratch.flush();
  return scratch;
}

double Tally::order_statistic(std::uint64_t rank) const {
  if (rank == 0) return min_;
  if (rank + 1 == count_) return max_;
  if (rank >= count_ - never_) return kNever;
  std::uint64_t below = 0;
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    below += dense_[i];
    if (rank < below) return static_cast<double>(dense_low_ + static_cast<std::int64_t>(i));
  }
  for (const Entry& e : entries_) {
    below += e.count;
    if (rank < below) return std::clamp(e.value, min_, max_);
  }
  return kNever;  // not reached: the entries hold count_ - never_ values
}

double Tally::quantile(double p) const {
  assert(count_ > 0 && p >= 0.0 && p <= 1.0);
  Tally scratch;
  const Tally& sorted = flushed(scratch);
  const auto [j, g] = detail::type7_position(count_, p);
  const double lo = sorted.order_statistic(j);
  if (g == 0.0) return lo;
  return detail::type7_interpolate(lo, sorted.order_statistic(j + 1), g);
}

double Tally::min() const {
  assert(count_ > 0);
  return min_;
}

double Tally::max() const {
  assert(count_ > 0);
  return max_;
}

double Tally::mean() const {
  assert(count_ > 0);
  if (never_ > 0) return kNever;
  Tally scratch;
  const Tally& sorted = flushed(scratch);
  double sum = 0.0;
  for (std::size_t i = 0; i < sorted.dense_.size(); ++i) {
    add_repeated(sum, static_cast<double>(sorted.dense_low_ + static_cast<std::int64_t>(i)),
                 sorted.dense_[i], true);
  }
  for (const Entry& e : sorted.entries_) add_repeated(sum, e.value, e.count, sketch_);
  return sum / static_cast<double>(count_);
}

QuantileSummary Tally::summary() const {
  Tally scratch;
  const Tally& sorted = flushed(scratch);
  QuantileSummary s;
  s.p10 = sorted.quantile(0.1);
  s.p50 = sorted.quantile(0.5);
  s.p90 = sorted.quantile(0.9);
  s.mean = sorted.mean();
  s.min = min();
  s.max = max();
  return s;
}

MilestoneSummary Tally::milestone_summary() const {
  return milestone_from_days(summary(), static_cast<int>(count_),
                             static_cast<int>(count_ - never_));
}

SeriesQuantiles series_quantiles(const std::vector<Tally>& weeks) {
  SeriesQuantiles out;
  out.reserve(weeks.size());
  for (const Tally& week : weeks) out.append(week.summary());
  return out;
}

}  // namespace rackscale::analysis
