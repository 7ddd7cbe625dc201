#include "rackscale/core/psychrometrics.hpp"

#include <algorithm>
#include <cmath>

namespace rackscale::psychro {

namespace {

constexpr double kKelvin = 273.15;
// Bracket of the ASHRAE saturation-pressure fits [C].
constexpr double kMinTemperatureC = -100.0;
constexpr double kMaxTemperatureC = 200.0;

// Humidity ratio given by the psychrometric equation for dry bulb t and wet bulb tw
// (ASHRAE Fundamentals 2017, ch. 1, eq. 33 for tw >= 0 C, eq. 35 below).
double psychrometric_humidity_ratio(double t, double tw, double pressure_pa) {
  const double ws = humidity_ratio(saturation_pressure_pa(tw), pressure_pa);
  if (tw >= 0.0) {
    return ((2501.0 - 2.326 * tw) * ws - 1.006 * (t - tw)) / (2501.0 + 1.86 * t - 4.186 * tw);
  }
  return ((2830.0 - 0.24 * tw) * ws - 1.006 * (t - tw)) / (2830.0 + 1.86 * t - 2.1 * tw);
}

}  // namespace

double saturation_pressure_pa(double t_c) {
  const double t = std::clamp(t_c, kMinTemperatureC, kMaxTemperatureC) + kKelvin;
  double ln_p = 0.0;
  if (t_c <= 0.0) {
    // Over ice, -100..0 C (eq. 5).
    ln_p = -5.6745359e3 / t + 6.3925247 - 9.6778430e-3 * t + 6.2215701e-7 * t * t +
           2.0747825e-9 * t * t * t - 9.4840240e-13 * t * t * t * t + 4.1635019 * std::log(t);
  } else {
    // Over liquid water, 0..200 C (eq. 6).
    ln_p = -5.8002206e3 / t + 1.3914993 - 4.8640239e-2 * t + 4.1764768e-5 * t * t -
           1.4452093e-8 * t * t * t + 6.5459673 * std::log(t);
  }
  return std::exp(ln_p);
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
  if (pw_pa <= saturation_pressure_pa(kMinTemperatureC)) return kMinTemperatureC;
  if (pw_pa >= saturation_pressure_pa(kMaxTemperatureC)) return kMaxTemperatureC;
  double lo = kMinTemperatureC;
  double hi = kMaxTemperatureC;
  // Saturation pressure rises monotonically; 60 halvings of 300 K reach below 1e-15 K.
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (saturation_pressure_pa(mid) < pw_pa ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double wet_bulb_c(double t_c, double w, double pressure_pa) {
  const double ws = humidity_ratio(saturation_pressure_pa(t_c), pressure_pa);
  if (w >= ws) return t_c;  // saturated: the wet bulb is the dry bulb
  // The wet bulb lies between the dew point and the dry bulb; the psychrometric humidity ratio
  // rises with the wet bulb, so bisection converges.
  double lo = std::min(dew_point_c(vapour_pressure_pa(std::max(w, 0.0), pressure_pa)), t_c);
  double hi = t_c;
  for (int i = 0; i < 60 && hi - lo > 1e-10; ++i) {
    const double mid = 0.5 * (lo + hi);
    (psychrometric_humidity_ratio(t_c, mid, pressure_pa) < w ? lo : hi) = mid;
  }
  return std::min(0.5 * (lo + hi), t_c);
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
