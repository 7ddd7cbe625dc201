#include "rackscale/analysis/sweep_design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/core/random.hpp"

namespace rackscale::analysis {

namespace {

using io::ParameterKind;

//! A number as an override writes it: the shortest text that reads back to the same double.
std::string number_text(double x) {
  return fmt::format("{}", x);
}

//! `base_text` ("1500 racks/week") with its leading number multiplied by `factor`.
std::string scaled_text(const std::string& base_text, double factor) {
  double number = 0.0;
  const char* end = base_text.data() + base_text.size();
  const auto [stop, error] = std::from_chars(base_text.data(), end, number);
  if (error != std::errc()) throw Error("scaled_text: not a number: " + base_text);
  return number_text(number * factor) + std::string(stop, end);
}

//! `base_text` (a date) shifted by `weeks`, rounded to whole days.
std::string shifted_text(const std::string& base_text, double weeks) {
  const std::optional<Date> date = Date::parse(base_text);
  if (!date) throw Error("shifted_text: not a date: " + base_text);
  return date->plus_days(static_cast<int>(std::lround(weeks * 7.0))).to_string();
}

//! The base point of a one-at-a-time design: nothing overridden.
ParameterLevel base_level() {
  return {std::nullopt, "base"};
}

std::vector<SweepPoint> grid_points(const io::StudySpec& spec) {
  std::vector<int> counts;
  for (const auto& parameter : spec.parameters) {
    counts.push_back(parameter.kind == ParameterKind::values
                         ? static_cast<int>(parameter.values.size())
                         : parameter.levels);
  }
  const int total = std::accumulate(counts.begin(), counts.end(), 1, std::multiplies<int>());
  std::vector<SweepPoint> points;
  for (int index = 0; index < total; ++index) {
    SweepPoint point{index, {}, spec.overrides};
    int stride = total;
    for (std::size_t p = 0; p < counts.size(); ++p) {
      stride /= counts[p];
      const int level = (index / stride) % counts[p];
      point.levels.push_back(
          apply_level(spec.parameters[p], grid_level(spec.parameters[p], level), point.overrides));
    }
    points.push_back(std::move(point));
  }
  return points;
}

std::vector<SweepPoint> one_at_a_time_points(const io::StudySpec& spec) {
  const std::size_t n = spec.parameters.size();
  std::vector<SweepPoint> points{
      SweepPoint{0, std::vector<ParameterLevel>(n, base_level()), spec.overrides}};
  for (std::size_t p = 0; p < n; ++p) {
    const io::StudyParameter& parameter = spec.parameters[p];
    const int count = parameter.kind == ParameterKind::values
                          ? static_cast<int>(parameter.values.size())
                          : parameter.levels;
    for (int level = 0; level < count; ++level) {
      SweepPoint point{static_cast<int>(points.size()),
                       std::vector<ParameterLevel>(n, base_level()), spec.overrides};
      point.levels[p] = apply_level(parameter, grid_level(parameter, level), point.overrides);
      points.push_back(std::move(point));
    }
  }
  return points;
}

std::vector<SweepPoint> latin_hypercube_points(const io::StudySpec& spec) {
  const int n = spec.points;
  std::vector<SweepPoint> points(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) points[i] = SweepPoint{i, {}, spec.overrides};
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    // One stream per parameter, so adding a parameter never moves another's draws.
    Rng rng = Rng::for_stream(spec.design_seed, 0, stream_kind("sweep.latin_hypercube"), p);
    std::vector<int> strata(static_cast<std::size_t>(n));
    std::iota(strata.begin(), strata.end(), 0);
    for (int i = n - 1; i > 0; --i) {  // Fisher-Yates with our own draws
      std::swap(strata[i], strata[rng.below(static_cast<std::uint64_t>(i) + 1)]);
    }
    for (int i = 0; i < n; ++i) {
      const double u = (strata[i] + rng.uniform()) / n;
      points[i].levels.push_back(apply_level(
          spec.parameters[p], quantile_level(spec.parameters[p], u), points[i].overrides));
    }
  }
  return points;
}

}  // namespace

double grid_level(const io::StudyParameter& parameter, int level) {
  if (parameter.kind == ParameterKind::values) return level;
  return parameter.min + (parameter.max - parameter.min) * level / (parameter.levels - 1);
}

double quantile_level(const io::StudyParameter& parameter, double u) {
  if (parameter.kind == ParameterKind::values) {
    const double k = static_cast<double>(parameter.values.size());
    return std::min(std::floor(u * k), k - 1);
  }
  const double a = parameter.min, b = parameter.max;
  if (parameter.distribution == io::LhsDistribution::uniform) return a + (b - a) * u;
  // Inverse CDF of the triangular distribution (min a, mode c, max b).
  const double c = parameter.mode.value_or(0.5 * (a + b));
  const double split = (c - a) / (b - a);
  if (u < split) return a + std::sqrt(u * (b - a) * (c - a));
  return b - std::sqrt((1.0 - u) * (b - a) * (b - c));
}

ParameterLevel apply_level(const io::StudyParameter& parameter, double value,
                           std::vector<std::string>& overrides) {
  ParameterLevel level{value, ""};
  switch (parameter.kind) {
    case ParameterKind::values:
      level.label = parameter.values.at(static_cast<std::size_t>(value));
      break;
    case ParameterKind::range:
      level.label =
          parameter.unit.empty() ? number_text(value) : number_text(value) + " " + parameter.unit;
      break;
    case ParameterKind::shift:
      level.label =
          fmt::format("{:.3g} weeks {}", std::abs(value), value < 0 ? "earlier" : "later");
      break;
    case ParameterKind::scale:
      level.label = fmt::format("x{:.3g}", value);
      break;
  }
  for (const io::ParameterTarget& target : parameter.targets) {
    std::string text = level.label;
    if (parameter.kind == ParameterKind::shift) text = shifted_text(target.base_text, value);
    if (parameter.kind == ParameterKind::scale) text = scaled_text(target.base_text, value);
    overrides.push_back(target.path + "=" + text);
  }
  return level;
}

std::vector<SweepPoint> expand_points(const io::StudySpec& spec) {
  switch (spec.design) {
    case io::SweepDesign::grid:
      return grid_points(spec);
    case io::SweepDesign::one_at_a_time:
      return one_at_a_time_points(spec);
    case io::SweepDesign::latin_hypercube:
      return latin_hypercube_points(spec);
  }
  return {};
}

}  // namespace rackscale::analysis
