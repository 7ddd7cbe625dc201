#include "rackscale/analysis/quantiles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rackscale::analysis {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

void check_p(double p) {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw std::invalid_argument(fmt::format("p: must be in [0, 1], got {}", p));
  }
}

// "Never" is +infinity; NaN and -infinity have no meaning as a time or an amount.
bool is_valid(double v) {
  return !std::isnan(v) && v != -kNever;
}

std::string invalid_value(std::string_view key, double v) {
  return fmt::format("{}: must be a number or +infinity (never reached), got {}", key, v);
}

void check_values(std::span<const double> values) {
  if (values.empty()) throw std::invalid_argument("values: must not be empty");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!is_valid(values[i])) {
      throw std::invalid_argument(invalid_value(fmt::format("values[{}]", i), values[i]));
    }
  }
}

double mean_of_sorted(std::span<const double> sorted) {
  double sum = 0.0;
  for (double v : sorted) sum += v;
  return sum / static_cast<double>(sorted.size());
}

QuantileSummary summarize_sorted(std::span<const double> sorted) {
  QuantileSummary s;
  s.p10 = quantile_sorted(sorted, 0.1);
  s.p50 = quantile_sorted(sorted, 0.5);
  s.p90 = quantile_sorted(sorted, 0.9);
  s.mean = mean_of_sorted(sorted);
  s.min = sorted.front();
  s.max = sorted.back();
  return s;
}

std::vector<double> never_as_infinity(const std::vector<std::optional<double>>& values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (const auto& v : values) out.push_back(v ? *v : kNever);
  return out;
}

std::optional<double> reached(double v) {
  if (v == kNever) return std::nullopt;
  return v;
}

}  // namespace

namespace detail {

Type7Position type7_position(std::uint64_t n, double p) {
  const double h = static_cast<double>(n - 1) * p;
  const double j = std::floor(h);
  // p <= 1 keeps j <= n-1; the min guards against nothing but rounding.
  return {std::min(static_cast<std::uint64_t>(j), n - 1), h - j};
}

double type7_interpolate(double lo, double hi, double g) {
  if (g == 0.0 || lo == hi) return lo;
  if (hi == kNever) return kNever;
  const double d = hi - lo;
  return g < 0.5 ? lo + d * g : hi - d * (1.0 - g);
}

}  // namespace detail

double quantile_sorted(std::span<const double> sorted, double p) {
  check_p(p);
  if (sorted.empty()) throw std::invalid_argument("values: must not be empty");
  const auto [j, g] = detail::type7_position(sorted.size(), p);
  if (g == 0.0) return sorted[j];
  return detail::type7_interpolate(sorted[j], sorted[j + 1], g);
}

double quantile(std::vector<double> values, double p) {
  check_p(p);
  check_values(values);
  // Two order statistics instead of a full sort: x[j] by selection, then x[j+1] is the
  // smallest of what lies above it.
  const auto [j, g] = detail::type7_position(values.size(), p);
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(j);
  std::nth_element(values.begin(), nth, values.end());
  if (g == 0.0) return *nth;
  return detail::type7_interpolate(*nth, *std::min_element(nth + 1, values.end()), g);
}

std::optional<double> milestone_quantile(const std::vector<std::optional<double>>& values,
                                         double p) {
  return reached(quantile(never_as_infinity(values), p));
}

double mean_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

double standard_error(const std::vector<double>& values) {
  const std::size_t n = values.size();
  if (n < 2) return 0.0;
  const double mean = mean_of(values);
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n));
}

QuantileSummary summarize(std::vector<double> values) {
  check_values(values);
  std::sort(values.begin(), values.end());
  return summarize_sorted(values);
}

MilestoneSummary milestone_from_days(const QuantileSummary& days, int runs, int reached_runs) {
  MilestoneSummary m;
  m.p10 = reached(days.p10);
  m.p50 = reached(days.p50);
  m.p90 = reached(days.p90);
  m.mean = reached(days.mean);
  m.min = reached(days.min);
  m.max = reached(days.max);
  m.runs = runs;
  m.reached_runs = reached_runs;
  return m;
}

MilestoneSummary summarize_milestone(const std::vector<std::optional<double>>& values) {
  const auto reached_runs = std::count_if(
      values.begin(), values.end(), [](const std::optional<double>& v) { return v.has_value(); });
  return milestone_from_days(summarize(never_as_infinity(values)), static_cast<int>(values.size()),
                             static_cast<int>(reached_runs));
}

SeriesQuantiles series_quantiles(const std::vector<std::vector<double>>& runs) {
  if (runs.empty()) throw std::invalid_argument("runs: must not be empty");
  const std::size_t weeks = runs.front().size();
  for (std::size_t r = 1; r < runs.size(); ++r) {
    if (runs[r].size() != weeks) {
      throw std::invalid_argument(fmt::format(
          "runs[{}]: must have as many weeks as runs[0] ({}), got {}", r, weeks, runs[r].size()));
    }
  }
  SeriesQuantiles out;
  out.reserve(weeks);
  std::vector<double> column(runs.size());
  for (std::size_t w = 0; w < weeks; ++w) {
    for (std::size_t r = 0; r < runs.size(); ++r) {
      column[r] = runs[r][w];
      if (!is_valid(column[r])) {
        throw std::invalid_argument(invalid_value(fmt::format("runs[{}][{}]", r, w), column[r]));
      }
    }
    std::sort(column.begin(), column.end());
    out.append(summarize_sorted(column));
  }
  return out;
}

}  // namespace rackscale::analysis
