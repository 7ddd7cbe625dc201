#pragma once
//! The climate engine: one year of hourly outdoor conditions from a parametric climate (annual
//! and daily sinusoids), and the design conditions read from a year (parametric, or an EPW file's
//! year loaded into the model by io). Pure functions, deterministic; equations and sources in
//! docs/models/climate.md.

#include <array>
#include <string>
#include <vector>

#include "rackscale/core/psychrometrics.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/model/weather.hpp"

namespace rackscale::design {

using model::kHoursPerYear;
using model::Weather;

//! The month (1..12) of an hour of the non-leap year (0..8759).
int month_of_hour(int hour_of_year);
//! Days in each month of the non-leap year.
const std::array<int, 12>& days_in_month();

//! Day of year [days, from 1 January 00:00] at which the parametric climate is coldest in the
//! northern hemisphere: mid-January (16 January 00:00). assumption: the usual lag of the coldest
//! weather behind the solstice (docs/models/climate.md).
inline constexpr double kColdestDayNorth = 15.0;
//! Clock hour of the daily minimum and maximum of the parametric climate [h]. assumption:
//! minimum near sunrise, maximum mid-afternoon, the usual diurnal course (docs/models/climate.md).
inline constexpr double kDailyMinimumHour = 5.0;
inline constexpr double kDailyMaximumHour = 15.0;

//! Shape of the daily temperature cycle at clock hour `h` [0, 24): -1 at 05:00, +1 at 15:00,
//! half-cosines rising over 10 h and falling over 14 h; its 24 hourly samples sum to zero.
double daily_shape(double clock_hour);

//! A deterministic year from a parametric climate: annual sinusoid (coldest mid-January north of
//! the equator, mid-July south of it) plus the daily cycle of daily_shape; vapour pressure follows
//! the seasonal curve but not the daily one (dew point steady through the day), scaled so that
//! the mean of the 8,760 hourly relative humidities equals `relative_humidity`; wet bulb from
//! psychrometrics at `pressure_pa`.
Weather parametric_weather(const model::ParametricClimate& climate, double latitude_deg,
                           double pressure_pa = psychro::kStandardPressurePa);

//! Design conditions of a weather year (ASHRAE Handbook - Fundamentals, ch. 14 style): values
//! exceeded in a given fraction of the 8,760 hours.
struct DesignConditions {
  double exceedance = 0.004;           //!< hours above the value [0..1]; source: ASHRAE 0.4 %
  double dry_bulb_c = 0.0;             //!< dry bulb exceeded in `exceedance` of the hours [C]
  double coincident_wet_bulb_c = 0.0;  //!< mean wet bulb of the hours at or above it [C]
  double wet_bulb_c = 0.0;             //!< wet bulb exceeded in `exceedance` of the hours [C]
};

//! The value exceeded in `fraction` of `values`: sorted ascending, the element at index
//! floor((1 - fraction) * n), so that at most fraction * n values lie above it (35 of 8,760
//! hours for 0.4 %).
double exceeded_value(std::vector<double> values, double fraction);

//! Design conditions at `exceedance` (default 0.4 %).
DesignConditions design_conditions(const Weather& weather, double exceedance = 0.004);

}  // namespace rackscale::design
