#include "rackscale/core/psychrometrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace rackscale::psychro {

namespace {

constexpr double kKelvin = 273.15;
// Bracket of the ASHRAE saturation-pressure fits [C].
constexpr double kMinTemperatureC = -100.0;
constexpr double kMaxTemperatureC = 200.0;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// ln of the saturation pressure [ln Pa] at `t_c` (eqs. 5 and 6).
double ln_saturation_pressure(double t_c) {
  const double t = std::clamp(t_c, kMinTemperatureC, kMaxTemperatureC) + kKelvin;
  if (t_c <= 0.0) {
    // Over ice, -100..0 C (eq. 5).
    return -5.6745359e3 / t + 6.3925247 - 9.6778430e-3 * t + 6.2215701e-7 * t * t +
           2.0747825e-9 * t * t * t - 9.4840240e-13 * t * t * t * t + 4.1635019 * std::log(t);
  }
  // Over liquid water, 0..200 C (eq. 6).
  return -5.8002206e3 / t + 1.3914993 - 4.8640239e-2 * t + 4.1764768e-5 * t * t -
         1.4452093e-8 * t * t * t + 6.5459673 * std::log(t);
}

// d ln(saturation pressure) / dt at `t_c` [1/K], for root estimates only.
double ln_saturation_slope(double t_c) {
  const double t = std::clamp(t_c, kMinTemperatureC, kMaxTemperatureC) + kKelvin;
  if (t_c <= 0.0) {
    return 5.6745359e3 / (t * t) - 9.6778430e-3 + 2.0 * 6.2215701e-7 * t +
           3.0 * 2.0747825e-9 * t * t - 4.0 * 9.4840240e-13 * t * t * t + 4.1635019 / t;
  }
  return 5.8002206e3 / (t * t) - 4.8640239e-2 + 2.0 * 4.1764768e-5 * t -
         3.0 * 1.4452093e-8 * t * t + 6.5459673 / t;
}

// Constants of the psychrometric equation on one side of 0 C (ASHRAE Fundamentals 2017, ch. 1,
// eq. 33 for tw >= 0 C, eq. 35 below): W = ((latent - latent_slope tw) Ws - 1.006 (t - tw)) /
// (latent + 1.86 t - water tw).
struct PsychrometricEquation {
  double latent = 0.0;
  double latent_slope = 0.0;
  double water = 0.0;
};

PsychrometricEquation psychrometric_equation(double tw) {
  return tw >= 0.0 ? PsychrometricEquation{2501.0, 2.326, 4.186}
                   : PsychrometricEquation{2830.0, 0.24, 2.1};
}

// Humidity ratio given by the psychrometric equation for dry bulb t and wet bulb tw.
double psychrometric_humidity_ratio(double t, double tw, double pressure_pa) {
  const double ws = humidity_ratio(saturation_pressure_pa(tw), pressure_pa);
  const PsychrometricEquation e = psychrometric_equation(tw);
  return ((e.latent - e.latent_slope * tw) * ws - 1.006 * (t - tw)) /
         (e.latent + 1.86 * t - e.water * tw);
}

// The same and its derivative in tw, for root estimates only.
std::pair<double, double> psychrometric_humidity_ratio_and_slope(double t, double tw,
                                                                 double pressure_pa) {
  const double ps = saturation_pressure_pa(tw);
  const double ws = humidity_ratio(ps, pressure_pa);
  // d Ws / d tw = ratio x p / (p - ps)^2 x d ps / d tw
  const double ws_slope = kMolarMassRatio * pressure_pa /
                          ((pressure_pa - ps) * (pressure_pa - ps)) * ps * ln_saturation_slope(tw);
  const PsychrometricEquation e = psychrometric_equation(tw);
  const double numerator = (e.latent - e.latent_slope * tw) * ws - 1.006 * (t - tw);
  const double denominator = e.latent + 1.86 * t - e.water * tw;
  const double numerator_slope =
      -e.latent_slope * ws + (e.latent - e.latent_slope * tw) * ws_slope + 1.006;
  return {numerator / denominator,
          (numerator_slope * denominator + e.water * numerator) / (denominator * denominator)};
}

// A closed interval [lo, hi].
struct Interval {
  double lo = 0.0;
  double hi = 0.0;
};

// Where an increasing function f crosses zero in `bracket`, by Newton's method kept inside the
// bracket (a step leaving it halves the bracket instead). `f(x)` returns {value, slope}. An
// estimate only: the callers check it (crossing_band).
template <class F>
double newton_root(F f, Interval bracket) {
  double x = 0.5 * (bracket.lo + bracket.hi);
  for (int i = 0; i < 100; ++i) {
    const auto [value, slope] = f(x);
    (value < 0.0 ? bracket.lo : bracket.hi) = x;
    double next = x - value / slope;
    if (!(next > bracket.lo && next < bracket.hi)) next = 0.5 * (bracket.lo + bracket.hi);
    if (std::abs(next - x) <= 1e-13 * (1.0 + std::abs(x))) return next;
    x = next;
  }
  return x;
}

// Half-width of the band around an estimated crossing outside which a bisection needs no
// evaluation [K]: 1e-9 K moves a saturation pressure or a humidity ratio by at least 2e-11 of
// itself, against rounding errors of about 1e-13 of itself.
constexpr double kBand = 1e-9;

// The band [x - kBand, x + kBand] around the estimate x of where `below` turns from true to
// false, once checked: below(x - kBand / 2) and not below(x + kBand / 2). Outside it, below is
// true to the left and false to the right. Without the check, the whole line (every point is
// evaluated).
template <class Below>
Interval crossing_band(Below below, double x) {
  if (std::isfinite(x) && below(x - 0.5 * kBand) && !below(x + 0.5 * kBand)) {
    return {x - kBand, x + kBand};
  }
  return {-kInfinity, kInfinity};
}

// The bisection `for (i < iterations && hi - lo > tolerance) { mid = (lo + hi) / 2; (below(mid)
// ? lo : hi) = mid; }` of a predicate that is true below a point and false above it, bit for bit:
// `band` (crossing_band) decides the mids outside it without evaluating `below`, and the loop
// stops once an iteration leaves the interval as it was (the next ones would repeat it).
template <class Below>
Interval bisect(Interval interval, int iterations, double tolerance, Below below, Interval band) {
  for (int i = 0; i < iterations && interval.hi - interval.lo > tolerance; ++i) {
    const Interval before = interval;
    const double mid = 0.5 * (interval.lo + interval.hi);
    const bool is_below = mid < band.lo || (mid <= band.hi && below(mid));
    (is_below ? interval.lo : interval.hi) = mid;
    if (interval.lo == before.lo && interval.hi == before.hi) break;
  }
  return interval;
}

}  // namespace

double saturation_pressure_pa(double t_c) {
  return std::exp(ln_saturation_pressure(t_c));
}

double standard_pressure_pa(double elevation_m) {
  return kStandardPressurePa * std::pow(1.0 - 2.25577e-5 * elevation_m, 5.2559);
}

double humidity_ratio(double pw_pa, double pressure_pa) {
  return kMolarMassRatio * pw_pa / (pressure_pa - pw_pa);
}

double vapour_pressure_pa(double w, double pressure_pa) {
  return pressure_pa * w / (kMolarMassRatio + w);
}

double dew_point_c(double pw_pa) {
  static const double lowest = saturation_pressure_pa(kMinTemperatureC);
  static const double highest = saturation_pressure_pa(kMaxTemperatureC);
  if (pw_pa <= lowest) return kMinTemperatureC;
  if (pw_pa >= highest) return kMaxTemperatureC;
  // Saturation pressure rises monotonically (the fit over ice ends 0.06 Pa below the one over
  // water at 0 C); 60 halvings of 300 K reach below 1e-15 K.
  auto below = [pw_pa](double t) { return saturation_pressure_pa(t) < pw_pa; };
  const double ln_pw = std::log(pw_pa);
  const double estimate = newton_root(
      [ln_pw](double t) {
        return std::pair{ln_saturation_pressure(t) - ln_pw, ln_saturation_slope(t)};
      },
      {kMinTemperatureC, kMaxTemperatureC});
  const Interval dew =
      bisect({kMinTemperatureC, kMaxTemperatureC}, 60, 0.0, below, crossing_band(below, estimate));
  return 0.5 * (dew.lo + dew.hi);
}

double wet_bulb_c(double t_c, double w, double pressure_pa) {
  const double ws = humidity_ratio(saturation_pressure_pa(t_c), pressure_pa);
  if (w >= ws) return t_c;  // saturated: the wet bulb is the dry bulb
  // The wet bulb lies between the dew point and the dry bulb; the psychrometric humidity ratio
  // rises with the wet bulb on each side of 0 C (it drops where eq. 35 hands over to eq. 33), so
  // bisection converges, and the band shortcut holds where the bracket keeps to one side.
  const Interval start{
      std::min(dew_point_c(vapour_pressure_pa(std::max(w, 0.0), pressure_pa)), t_c), t_c};
  auto below = [&](double tw) { return psychrometric_humidity_ratio(t_c, tw, pressure_pa) < w; };
  Interval band{-kInfinity, kInfinity};
  if (start.lo > 0.0 || start.hi < 0.0) {
    const double estimate = newton_root(
        [&](double tw) {
          const auto [ratio, slope] = psychrometric_humidity_ratio_and_slope(t_c, tw, pressure_pa);
          return std::pair{ratio - w, slope};
        },
        start);
    band = crossing_band(below, estimate);
  }
  const Interval wet = bisect(start, 60, 1e-10, below, band);
  return std::min(0.5 * (wet.lo + wet.hi), t_c);
}
double wet_bulb_from_relative_humidity_c(double t_c, double relative_humidity, double pressure_pa) {
  const double rh = std::clamp(relative_humidity, 0.0, 1.0);
  if (rh >= 1.0) return t_c;
  const double w = humidity_ratio(rh * saturation_pressure_pa(t_c), pressure_pa);
  return wet_bulb_c(t_c, w, pressure_pa);
}

double wet_bulb_from_dew_point_c(double t_c, double dew_point, double pressure_pa) {
  if (dew_point >= t_c) return t_c;
  const double w = humidity_ratio(saturation_pressure_pa(dew_point), pressure_pa);
  return wet_bulb_c(t_c, w, pressure_pa);
}

double stull_wet_bulb_c(double t_c, double relative_humidity) {
  const double rh = 100.0 * relative_humidity;  // Stull's fit takes percent
  return t_c * std::atan(0.151977 * std::sqrt(rh + 8.313659)) + std::atan(t_c + rh) -
         std::atan(rh - 1.676331) + 0.00391838 * std::pow(rh, 1.5) * std::atan(0.023101 * rh) -
         4.686035;
}

}  // namespace rackscale::psychro
