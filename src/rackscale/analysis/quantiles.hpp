#pragma once
//! Sample quantiles and summaries of Monte Carlo results (Hyndman & Fan type 7).
//!
//! Definition (Hyndman, R. J. and Fan, Y., "Sample quantiles in statistical packages", The
//! American Statistician 50(4), 361-365, 1996, definition 7; the default of R's quantile() and
//! of NumPy's numpy.quantile, method "linear"): for the sorted sample x[0] <= ... <= x[n-1] and
//! 0 <= p <= 1, let h = (n-1)p, j = floor(h), g = h - j; then Q(p) = x[j] + g (x[j+1] - x[j]),
//! and Q(p) = x[j] when g = 0. Q(0) is the minimum, Q(1) the maximum, Q(0.5) the usual median.
//!
//! Values may be +infinity, meaning "never" (a milestone not reached within the horizon): a
//! quantile that interpolates towards +infinity is +infinity. NaN and -infinity are rejected.
//! See docs/models/montecarlo.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace rackscale::analysis {

//! The type-7 quantile of `values` at probability p in [0, 1]; O(n), `values` taken by copy.
//! Throws std::invalid_argument if values is empty or holds NaN or -inf, or p is not in [0, 1].
double quantile(std::vector<double> values, double p);

//! The type-7 quantile of a sample already sorted in ascending order (not checked), O(1).
//! Throws std::invalid_argument if sorted is empty or p is not in [0, 1].
double quantile_sorted(std::span<const double> sorted, double p);

//! The type-7 quantile of a milestone time over runs, where nullopt means the run never reached
//! it (taken as +infinity); returns nullopt ("not reached") if the quantile is +infinity.
//! Throws std::invalid_argument as quantile() does.
std::optional<double> milestone_quantile(const std::vector<std::optional<double>>& values,
                                         double p);

//! Mean of a sample summed in the given (run) order; 0 for an empty sample.
double mean_of(const std::vector<double>& values);
//! Standard error of the mean: sample standard deviation / sqrt(n); 0 below two values.
double standard_error(const std::vector<double>& values);

//! P10, P50, P90 (type 7), mean, minimum and maximum of a sample (units of the sample).
struct QuantileSummary {
  double p10 = 0;
  double p50 = 0;
  double p90 = 0;
  //! Summed in ascending order, so it depends on the values only, not on their order.
  double mean = 0;
  double min = 0;
  double max = 0;
};

//! The summary of a non-empty sample; throws std::invalid_argument as quantile() does.
QuantileSummary summarize(std::vector<double> values);

//! The summary of a milestone time over runs; nullopt means "not reached" (+infinity).
//!
//! A field is nullopt exactly when its value with "never" taken as +infinity is +infinity. With k
//! of n runs never reaching the milestone, P(p) is reached iff k <= floor((1-p)(n-1)); so p90 is
//! "not reached" as soon as at least 10% of the runs never reach it (k >= n/10, exactly 10%
//! included), p50 as soon as at least half do, and mean and max as soon as one run does.
struct MilestoneSummary {
  std::optional<double> p10;
  std::optional<double> p50;
  std::optional<double> p90;
  std::optional<double> mean;
  //! The earliest run; nullopt only if no run reached the milestone.
  std::optional<double> min;
  //! The latest run; nullopt if any run did not reach the milestone.
  std::optional<double> max;
  //! Number of runs [runs].
  int runs = 0;
  //! Runs that reached the milestone [runs].
  int reached_runs = 0;
};

//! The summary of a milestone time over a non-empty set of runs (nullopt = never reached).
MilestoneSummary summarize_milestone(const std::vector<std::optional<double>>& values);
//! A milestone's summary from the summary of its days (never reached = +infinity), out of
//! `runs` runs of which `reached_runs` reached it.
MilestoneSummary milestone_from_days(const QuantileSummary& days, int runs, int reached_runs);

//! Per-week statistics across runs: element w of each vector summarizes week w.
struct SeriesQuantiles {
  std::vector<double> p10;
  std::vector<double> p50;
  std::vector<double> p90;
  std::vector<double> mean;
  std::vector<double> min;
  std::vector<double> max;

  //! Reserves room for `weeks` entries in every series.
  void reserve(std::size_t weeks) {
    for (auto* v : {&p10, &p50, &p90, &mean, &min, &max}) v->reserve(weeks);
  }
  //! Appends one week's summary to every series.
  void append(const QuantileSummary& s) {
    p10.push_back(s.p10);
    p50.push_back(s.p50);
    p90.push_back(s.p90);
    mean.push_back(s.mean);
    min.push_back(s.min);
    max.push_back(s.max);
  }
};

namespace detail {

//! h = (n-1)p of the type-7 definition, as its integer part j and fractional part g.
struct Type7Position {
  std::uint64_t j;
  double g;
};

//! The type-7 position for a sample of n >= 1 values and p in [0, 1] (not checked).
Type7Position type7_position(std::uint64_t n, double p);

//! x[j] + g (x[j+1] - x[j]) as NumPy evaluates it (from the nearer end, so exact at both ends and
//! monotone in g), with +infinity ("never") absorbing any step towards it.
double type7_interpolate(double lo, double hi, double g);

}  // namespace detail

//! Summarizes weekly series given as runs x weeks, week by week. Throws std::invalid_argument if
//! there are no runs, the runs differ in length, or a value is NaN or -inf.
SeriesQuantiles series_quantiles(const std::vector<std::vector<double>>& runs);

}  // namespace rackscale::analysis
