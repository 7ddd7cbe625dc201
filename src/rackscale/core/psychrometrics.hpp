#pragma once
//! Moist-air psychrometrics in SI units: saturation pressure, humidity ratio, dew point and wet
//! bulb. Equations of the ASHRAE Handbook - Fundamentals (2017), chapter 1, as also implemented
//! by PsychroLib (Meyer and Thevenard, 2019); see docs/models/climate.md. Temperatures are plain
//! doubles in degrees Celsius because the climate model works on 8,760-long arrays of them.

namespace rackscale::psychro {

//! Standard atmospheric pressure at sea level [Pa] (ASHRAE Fundamentals 2017, ch. 1, table 1).
inline constexpr double kStandardPressurePa = 101325.0;
//! Ratio of the molar masses of water vapour and dry air (ASHRAE Fundamentals 2017, ch. 1, eq. 20).
inline constexpr double kMolarMassRatio = 0.621945;

//! Saturation vapour pressure of water [Pa] at `t_c` [C]: over ice below 0 C, over liquid water
//! above (Hyland-Wexler, ASHRAE Fundamentals 2017, ch. 1, eqs. 5 and 6; valid -100..200 C).
double saturation_pressure_pa(double t_c);

//! Standard-atmosphere pressure [Pa] at `elevation_m` (ASHRAE Fundamentals 2017, ch. 1, eq. 3).
double standard_pressure_pa(double elevation_m);

//! Humidity ratio [kg water / kg dry air] of air with vapour partial pressure `pw_pa` (eq. 20).
double humidity_ratio(double pw_pa, double pressure_pa);

//! Vapour partial pressure [Pa] of air with humidity ratio `w` (eq. 20 solved for pw).
double vapour_pressure_pa(double w, double pressure_pa);

//! Dew point [C] of air with vapour partial pressure `pw_pa`: eqs. 5-6 inverted by bisection.
double dew_point_c(double pw_pa);

//! Wet-bulb (thermodynamic) temperature [C] of air at dry bulb `t_c` [C] with humidity ratio `w`,
//! found by bisection on the psychrometric equation (ASHRAE Fundamentals 2017, ch. 1, eq. 33
//! above freezing, eq. 35 over ice). Equals `t_c` for saturated (or supersaturated) air.
double wet_bulb_c(double t_c, double w, double pressure_pa);

//! Wet bulb [C] from dry bulb [C] and relative humidity [0..1].
double wet_bulb_from_relative_humidity_c(double t_c, double relative_humidity,
                                         double pressure_pa = kStandardPressurePa);

//! Wet bulb [C] from dry bulb and dew point [C]; a dew point above the dry bulb is taken as
//! saturation.
double wet_bulb_from_dew_point_c(double t_c, double dew_point_c,
                                 double pressure_pa = kStandardPressurePa);

//! Stull (2011) empirical wet bulb [C] at standard pressure, from dry bulb [C] and relative
//! humidity [0..1] ("Wet-bulb temperature from relative humidity and air temperature", J. Appl.
//! Meteor. Climatol. 50, 2267-2269): valid for RH 5-99 % and -20..50 C, error -1..+0.65 K.
//! Used only as an independent check of wet_bulb_c.
double stull_wet_bulb_c(double t_c, double relative_humidity);

}  // namespace rackscale::psychro
