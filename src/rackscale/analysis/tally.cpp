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

// x == floor(x) for |x| < 2^53, with a conversion rather than a call to floor (a tally tests
// every value it counts).
bool is_integer(double x) {
  constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
  return std::abs(x) < kLargestExactInteger &&
         static_cast<double>(static_cast<std::int64_t>(x)) == x;
}

// `counters` at `shift` in a vector of `width` zeros.
template <class T>
std::vector<T> widened(const std::vector<T>& counters, std::int64_t shift, std::int64_t width) {
  std::vector<T> out(static_cast<std::size_t>(width), 0);
  std::copy(counters.begin(), counters.end(), out.begin() + static_cast<std::ptrdiff_t>(shift));
  return out;
}

}  // namespace

namespace detail {

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

}  // namespace detail

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

// Everything add_in_window leaves: the first value, values outside the window or not integers,
// "never", and the other modes.
void Tally::add_elsewhere(double value, std::uint64_t count) {
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
  if (!sketch_ && values_.size() + count > kExactValues) to_sketch();
  if (sketch_) {
    insert_sketch(value, count);
  } else {
    values_.insert(values_.end(), count, value);
  }
}

// An integer within a window of at most kDenseWidth integers: one counter per integer.
// Anything else (or a counter that would pass 2^32 - 1) turns the tally sparse; returns false
// then.
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
  if (width > static_cast<std::int64_t>(kDenseWidth)) {
    to_sparse();
    return false;
  }
  if (dense_.empty() || integer < dense_low_ || integer > high) widen_dense(low, width);
  if (!add_to_counter(static_cast<std::size_t>(integer - dense_low_), count)) {
    to_sparse();
    return false;
  }
  return true;
}

// dense_[index] += count, multiples of 2^16 carried into carry_; false, with nothing counted,
// if the carry would pass 2^32 - 1.
bool Tally::add_to_counter(std::size_t index, std::uint64_t count) {
  const std::uint64_t sum = dense_[index] + count;
  const std::uint64_t carry = sum >> kCarryBits;
  if (carry > 0) {
    if (carry_.empty()) carry_.assign(dense_.size(), 0);
    if (carry > std::numeric_limits<std::uint32_t>::max() - carry_[index]) return false;
    carry_[index] += static_cast<std::uint32_t>(carry);
  }
  dense_[index] = static_cast<DenseCount>(sum & std::numeric_limits<DenseCount>::max());
  return true;
}

// The window becomes [low, low + width): a new vector of that size (a vector's own growth
// would double its capacity, and the weekly tallies are many), the counts moved to their place.
void Tally::widen_dense(std::int64_t low, std::int64_t width) {
  dense_ = widened(dense_, dense_low_ - low, width);
  if (!carry_.empty()) carry_ = widened(carry_, dense_low_ - low, width);
  dense_low_ = low;
}

// The counters become values one by one, or sketch entries if they are more than kExactValues.
void Tally::to_sparse() {
  if (!dense_mode_) return;
  dense_mode_ = false;
  Tally counters;  // the counters, moved out
  counters.dense_ = std::exchange(dense_, {});
  counters.carry_ = std::exchange(carry_, {});
  const bool sketch = count_ - never_ > kExactValues;
  if (sketch) sketch_ = true;
  for (std::size_t i = 0; i < counters.dense_.size(); ++i) {
    const std::uint64_t count = counters.dense_count(i);
    if (count == 0) continue;
    const double value = static_cast<double>(dense_low_ + static_cast<std::int64_t>(i));
    if (sketch) {
      insert_sketch(value, count);
    } else {
      values_.insert(values_.end(), count, value);
    }
  }
}

// Every value replaced by its bucket's midpoint: from here on, memory is bounded by the range of
// the values (entries_), not by their number.
void Tally::to_sketch() {
  sketch_ = true;
  std::vector<double> values = std::move(values_);
  values_ = {};
  std::sort(values.begin(), values.end());
  for (double v : values) insert_sketch(v, 1);
}

// Counts `value` in its bucket: the bucket hit last, else a binary search, else a new entry.
void Tally::insert_sketch(double value, std::uint64_t count) {
  const double key = sketch_bucket_midpoint(value);
  if (last_ < entries_.size() && entries_[last_].value == key) {
    entries_[last_].count += count;
    return;
  }
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                                   [](const Entry& e, double v) { return e.value < v; });
  last_ = static_cast<std::size_t>(it - entries_.begin());
  if (it != entries_.end() && it->value == key) {
    it->count += count;
  } else {
    entries_.insert(it, {key, count});
  }
}

void Tally::merge(const Tally& other) {
  if (other.count_ == 0) return;
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = count_ == 0 ? other.max_ : std::max(max_, other.max_);
  count_ += other.count_;
  never_ += other.never_;
  if (other.sketch_) {  // the union holds more than kExactValues values too
    to_sparse();
    if (!sketch_) to_sketch();
  }
  for (std::size_t i = 0; i < other.dense_.size(); ++i) {
    const std::uint64_t count = other.dense_count(i);
    if (count > 0)
      insert(static_cast<double>(other.dense_low_ + static_cast<std::int64_t>(i)), count);
  }
  for (double v : other.values_) insert(v, 1);
  for (const Entry& e : other.entries_) insert(e.value, e.count);
}

const Tally& Tally::sorted(Tally& scratch) const {
  if (std::is_sorted(values_.begin(), values_.end())) return *this;
  scratch = *this;
  std::sort(scratch.values_.begin(), scratch.values_.end());
  return scratch;
}

namespace {
constexpr auto kIdentity = [](double x) { return x; };
}  // namespace

double Tally::quantile(double p) const {
  assert(count_ > 0 && p >= 0.0 && p <= 1.0);
  Tally scratch;
  return sorted(scratch).quantile_of(p, kIdentity);
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
  Tally scratch;
  return sorted(scratch).mean_of(kIdentity);
}

QuantileSummary Tally::summary() const {
  return summary(kIdentity);
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
