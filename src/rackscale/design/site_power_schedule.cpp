#include "rackscale/design/site_power_schedule.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/core/random.hpp"

namespace rackscale::design {

namespace u = rackscale::units;
using Kind = model::DurationDistribution::Kind;

namespace {

// Upper-tail probability of a lognormal folded into its last day.
constexpr double kTail = 1e-9;

double uniform_cdf(double x, double lo, double hi) {
  if (hi <= lo) return x >= lo ? 1.0 : 0.0;
  return std::clamp((x - lo) / (hi - lo), 0.0, 1.0);
}

double triangular_cdf(double x, double lo, double mode, double hi) {
  if (x <= lo) return 0.0;
  if (x >= hi) return 1.0;
  if (x <= mode) return (x - lo) * (x - lo) / ((hi - lo) * (mode - lo));
  return 1.0 - (hi - x) * (hi - x) / ((hi - lo) * (hi - mode));
}

// Lognormal from its median and 90th percentile, as core/random's Lognormal::from_median_p90.
double lognormal_cdf(double x, double median, double p90) {
  const double sigma = std::log(p90 / median) / Lognormal::kZ90;
  if (sigma <= 0.0) return x >= median ? 1.0 : 0.0;
  if (x <= 0.0) return 0.0;
  return 0.5 * std::erfc(-std::log(x / median) / (sigma * std::sqrt(2.0)));
}

double cdf(const model::DurationDistribution& d, double days) {
  const double a = d.a.in(u::day), b = d.b.in(u::day), c = d.c.in(u::day);
  switch (d.kind) {
    case Kind::Fixed:
      return days >= a ? 1.0 : 0.0;
    case Kind::Uniform:
      return uniform_cdf(days, a, b);
    case Kind::Triangular:
      return triangular_cdf(days, a, b, c);
    case Kind::Lognormal:
      return lognormal_cdf(days, a, b);
  }
  return 1.0;
}

// The last whole day with probability: the upper bound, or a lognormal's 1 - kTail quantile.
int last_day(const model::DurationDistribution& d) {
  switch (d.kind) {
    case Kind::Fixed:
      return whole_days(d.a);
    case Kind::Uniform:
      return whole_days(d.b);
    case Kind::Triangular:
      return whole_days(d.c);
    case Kind::Lognormal: {
      int day = whole_days(d.a);
      while (1.0 - cdf(d, day) > kTail) day = checked_int(std::ceil(day * 1.1) + 1, "a duration");
      return day;
    }
  }
  return 0;
}

int period_offset_days(int period, double period_days) {
  return checked_int(std::round(period * period_days), "a period's first day");
}

}  // namespace

int whole_days(u::Duration duration) {
  // 1e-9: "16 weeks" is exactly 112 days, not 113 after floating-point noise.
  return std::max(0, checked_int(std::ceil(duration.in(u::day)-1e-9), "a duration in days"));
}

DayDistribution day_distribution(const model::DurationDistribution& d) {
  if (d.kind == Kind::Fixed) return {whole_days(d.a), {1.0}};
  const int last = last_day(d);
  DayDistribution out{0, std::vector<double>(static_cast<std::size_t>(last) + 1, 0.0)};
  double below = 0.0;  // F(k - 1)
  for (int k = 0; k <= last; ++k) {
    const double at = k == last ? 1.0 : cdf(d, k);
    out.probability[static_cast<std::size_t>(k)] = at - below;
    below = at;
  }
  // Trim the leading days without probability.
  auto nonzero = std::find_if(out.probability.begin(), out.probability.end(),
                              [](double p) { return p > 0.0; });
  out.first = static_cast<int>(nonzero - out.probability.begin());
  out.probability.erase(out.probability.begin(), nonzero);
  return out;
}

DayDistribution convolve(const DayDistribution& a, const DayDistribution& b) {
  DayDistribution out{a.first + b.first,
                      std::vector<double>(a.probability.size() + b.probability.size() - 1, 0.0)};
  for (std::size_t i = 0; i < a.probability.size(); ++i) {
    if (a.probability[i] == 0.0) continue;
    for (std::size_t j = 0; j < b.probability.size(); ++j) {
      out.probability[i + j] += a.probability[i] * b.probability[j];
    }
  }
  return out;
}

int quantile_days(const DayDistribution& days, double quantile) {
  if (!(quantile > 0.0 && quantile <= 1.0)) {
    throw Error(fmt::format("a quantile must be in (0, 1], got {}", quantile));
  }
  double cumulative = 0.0;
  for (std::size_t i = 0; i < days.probability.size(); ++i) {
    cumulative += days.probability[i];
    // 1e-12: rounding of the sums must not push an exact quantile to the next day.
    if (cumulative >= quantile - 1e-12) return days.first + static_cast<int>(i);
  }
  return days.first + static_cast<int>(days.probability.size()) - 1;
}

int sum_quantile_days(const std::vector<model::DurationDistribution>& durations, double quantile) {
  DayDistribution sum{0, {1.0}};
  for (const auto& d : durations) sum = convolve(sum, day_distribution(d));
  return quantile_days(sum, quantile);
}

int interconnection_days(const model::Interconnection& interconnection, double quantile) {
  return sum_quantile_days({interconnection.stages.begin(), interconnection.stages.end()},
                           quantile);
}

std::vector<double> grid_mw_by_period(const model::Site& site, Date start, int periods,
                                      double period_days, double quantile) {
  // The grid steps by energization day (the build-out's order: by day, then as listed).
  std::vector<std::pair<int, double>> steps;
  for (const auto& step : site.grid) {
    const int day = step.date.days_since(start) + sum_quantile_days({step.delay}, quantile);
    steps.emplace_back(day, step.capacity.in(u::MW));
  }
  std::stable_sort(steps.begin(), steps.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<double> mw(static_cast<std::size_t>(std::max(0, periods)), 0.0);
  for (int p = 0; p < periods; ++p) {
    const int day = period_offset_days(p, period_days);
    double total = 0.0;
    for (const auto& [step_day, capacity] : steps) {
      if (step_day <= day) total = capacity;
    }
    mw[static_cast<std::size_t>(p)] = total;
  }
  if (!site.power || !site.power->interconnection) return mw;
  const auto& interconnection = *site.power->interconnection;
  const int firm_day =
      interconnection.requested.days_since(start) + interconnection_days(interconnection, quantile);
  const auto& flexible = site.power->flexible;
  const int flexible_day = flexible ? firm_day - whole_days(flexible->earlier_by) : firm_day;
  for (int p = 0; p < periods; ++p) {
    const int day = period_offset_days(p, period_days);
    if (day >= firm_day) {
      mw[static_cast<std::size_t>(p)] += interconnection.capacity.in(u::MW);
    } else if (flexible && day >= flexible_day) {
      mw[static_cast<std::size_t>(p)] += flexible->capacity.in(u::MW)*flexible->availability;
    }
  }
  return mw;
}

std::vector<double> bridging_mw_by_period(const model::Site& site, Date start, int periods,
                                          double period_days, double quantile) {
  std::vector<double> mw(static_cast<std::size_t>(std::max(0, periods)), 0.0);
  if (!site.power) return mw;
  for (const auto& block : site.power->bridging) {
    const int day =
        block.ordered.days_since(start) + sum_quantile_days({block.lead_time}, quantile);
    for (int p = 0; p < periods; ++p) {
      if (period_offset_days(p, period_days) >= day) {
        mw[static_cast<std::size_t>(p)] += block.capacity.in(u::MW);
      }
    }
  }
  return mw;
}

double bridging_energy_usd_per_mwh(const model::BridgingFigures& figures) {
  return (model::fuel_cost_per_energy(figures) + figures.variable_om).in(u::USD_per_MWh);
}

double bridging_carbon_t_per_mwh(const model::BridgingFigures& figures) {
  return figures.emissions.in(1000.0 * u::kg / u::MWh);
}

}  // namespace rackscale::design
