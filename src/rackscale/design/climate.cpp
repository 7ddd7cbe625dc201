#include "rackscale/design/climate.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/error.hpp"

namespace rackscale::design {

namespace {

constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr double kDaysPerYear = 365.0;
// Half a year [days]: the southern hemisphere's coldest day follows the northern one by this.
constexpr double kHalfYear = kDaysPerYear / 2.0;

// Month (1..12) of each day of the non-leap year.
std::array<int, 365> month_table() {
  std::array<int, 365> out{};
  std::size_t d = 0;
  for (std::size_t m = 0; m < 12; ++m) {
    for (int k = 0; k < kDaysInMonth[m]; ++k) out[d++] = static_cast<int>(m) + 1;
  }
  return out;
}

}  // namespace

const std::array<int, 12>& days_in_month() {
  return kDaysInMonth;
}

int month_of_hour(int hour_of_year) {
  static const std::array<int, 365> table = month_table();
  const int day = std::clamp(hour_of_year / 24, 0, 364);
  return table[static_cast<std::size_t>(day)];
}

double daily_shape(double clock_hour) {
  const double h = std::fmod(std::fmod(clock_hour, 24.0) + 24.0, 24.0);
  const double rise = kDailyMaximumHour - kDailyMinimumHour;  // 10 h
  const double fall = 24.0 - rise;                            // 14 h
  if (h >= kDailyMinimumHour && h <= kDailyMaximumHour) {
    return -std::cos(std::numbers::pi * (h - kDailyMinimumHour) / rise);
  }
  const double since_max = std::fmod(h - kDailyMaximumHour + 24.0, 24.0);
  return std::cos(std::numbers::pi * since_max / fall);
}

Weather parametric_weather(const model::ParametricClimate& climate, double latitude_deg,
                           double pressure_pa) {
  namespace u = rackscale::units;
  const double mean = climate.annual_mean.celsius();
  const double seasonal = climate.seasonal_amplitude.in(u::K);
  const double daily = climate.daily_amplitude.in(u::K);
  const double coldest = latitude_deg >= 0.0 ? kColdestDayNorth : kColdestDayNorth + kHalfYear;

  Weather w;
  w.pressure_pa = pressure_pa;
  w.source = fmt::format(
      "parametric: annual mean {} C, seasonal amplitude {} K, daily amplitude {} K, relative "
      "humidity {}, latitude {} deg",
      mean, seasonal, daily, climate.relative_humidity, latitude_deg);
  w.dry_bulb_c.resize(kHoursPerYear);
  w.wet_bulb_c.resize(kHoursPerYear);
  w.relative_humidity.resize(kHoursPerYear);
  w.dew_point_c.resize(kHoursPerYear);

  // ratio[i]: vapour pressure at the seasonal temperature over saturation pressure at the hour's
  // temperature; relative humidity is min(1, k * ratio[i]) for one scale k per year.
  std::vector<double> ratio(kHoursPerYear);
  for (int i = 0; i < kHoursPerYear; ++i) {
    // EPW hour i+1 holds the value at its end: (i + 1) hours after 1 January 00:00.
    const double t_days = (i + 1) / 24.0;
    const double season =
        -seasonal * std::cos(2.0 * std::numbers::pi * (t_days - coldest) / kDaysPerYear);
    const double t = mean + season + daily * daily_shape((i + 1) % 24);
    const auto k = static_cast<std::size_t>(i);
    w.dry_bulb_c[k] = t;
    ratio[k] = psychro::saturation_pressure_pa(mean + season) / psychro::saturation_pressure_pa(t);
  }
  const double target = std::clamp(climate.relative_humidity, 0.0, 1.0);
  auto mean_rh = [&](double scale) {
    double sum = 0.0;
    for (double r : ratio) sum += std::min(1.0, scale * r);
    return sum / kHoursPerYear;
  };
  // Mean relative humidity rises monotonically with the scale; at 1 / min(ratio) every hour is
  // saturated. Bisection to machine precision.
  double lo = 0.0;
  double hi = 1.0 / *std::min_element(ratio.begin(), ratio.end());
  if (target >= 1.0) {
    lo = hi;
  } else {
    for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; ++it) {
      const double mid = 0.5 * (lo + hi);
      (mean_rh(mid) < target ? lo : hi) = mid;
    }
  }
  const double scale = target >= 1.0 ? hi : 0.5 * (lo + hi);
  for (std::size_t k = 0; k < ratio.size(); ++k) {
    const double t = w.dry_bulb_c[k];
    const double rh = std::min(1.0, scale * ratio[k]);
    const double pw = rh * psychro::saturation_pressure_pa(t);
    w.relative_humidity[k] = rh;
    w.dew_point_c[k] = rh >= 1.0 ? t : std::min(t, psychro::dew_point_c(pw));
    w.wet_bulb_c[k] =
        rh >= 1.0 ? t
                  : psychro::wet_bulb_c(t, psychro::humidity_ratio(pw, pressure_pa), pressure_pa);
  }
  return w;
}

double exceeded_value(std::vector<double> values, double fraction) {
  if (values.empty()) throw std::invalid_argument("exceeded_value: no values");
  const auto n = values.size();
  auto index = checked_int<std::size_t>(std::floor((1.0 - fraction) * static_cast<double>(n)),
                                        "the index of an exceedance value");
  index = std::min(index, n - 1);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index),
                   values.end());
  return values[index];
}

DesignConditions design_conditions(const Weather& weather, double exceedance) {
  DesignConditions d;
  d.exceedance = exceedance;
  d.dry_bulb_c = exceeded_value(weather.dry_bulb_c, exceedance);
  d.wet_bulb_c = exceeded_value(weather.wet_bulb_c, exceedance);
  double sum = 0.0;
  int count = 0;
  for (std::size_t i = 0; i < weather.dry_bulb_c.size(); ++i) {
    if (weather.dry_bulb_c[i] >= d.dry_bulb_c) {
      sum += weather.wet_bulb_c[i];
      ++count;
    }
  }
  d.coincident_wet_bulb_c = count > 0 ? sum / count : d.wet_bulb_c;
  return d;
}

}  // namespace rackscale::design
