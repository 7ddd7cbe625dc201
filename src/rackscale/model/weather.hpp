#pragma once
//! One year of hourly outdoor conditions at a site: read from an EnergyPlus weather file when
//! the scenario is loaded, or built by the design layer from a parametric climate.

#include <string>
#include <vector>

#include "rackscale/core/psychrometrics.hpp"

namespace rackscale::model {

//! Hours in the simulated (non-leap) year.
inline constexpr int kHoursPerYear = 8760;

//! 8,760 hourly values of one year; index 0 is 1 January, 00:00-01:00 (EPW hour 1).
struct Weather {
  std::vector<double> dry_bulb_c;                     //!< [C]
  std::vector<double> wet_bulb_c;                     //!< thermodynamic wet bulb [C], <= dry bulb
  std::vector<double> relative_humidity;              //!< [0..1]
  std::vector<double> dew_point_c;                    //!< [C]
  double pressure_pa = psychro::kStandardPressurePa;  //!< mean station pressure [Pa]
  std::string source;                                 //!< "parametric: ..." or "epw: <path>"
};

}  // namespace rackscale::model
