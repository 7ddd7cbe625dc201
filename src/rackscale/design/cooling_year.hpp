#pragma once
//! One year of a cooling plant, hour by hour: annual and monthly cooling energy, peak power,
//! free-cooling hours and water. The site design composes PUE from it with the power chain's
//! losses; partial_pue and water_usage_effectiveness are the cooling-only figures.

#include <array>
#include <functional>

#include "rackscale/core/units.hpp"
#include "rackscale/design/climate.hpp"
#include "rackscale/design/cooling.hpp"

namespace rackscale::design {

//! One month of the simulated year.
struct MonthlyCooling {
  int month = 0;                 //!< 1..12
  int hours = 0;                 //!< [h]
  units::Energy energy;          //!< cooling electrical energy [MWh]
  units::Energy heat;            //!< heat removed (liquid + air) [MWh]
  double water_litres = 0.0;     //!< [L]
  double mean_dry_bulb_c = 0.0;  //!< [C]
  int free_cooling_hours = 0;    //!< [h]
};

//! The simulated year.
struct AnnualCooling {
  units::Energy energy;        //!< cooling electrical energy [MWh]
  units::Energy heat;          //!< heat removed (liquid + air) [MWh]
  units::Power peak_power;     //!< highest hourly cooling electrical power [kW]
  int peak_hour = 0;           //!< hour of year (0..8759) of the peak
  units::Power mean_power;     //!< energy / 8,760 h [kW]
  double water_litres = 0.0;   //!< [L]
  int free_cooling_hours = 0;  //!< hours with no compressor [h]
  int adiabatic_hours = 0;     //!< hours with wetted pads [h]
  int unmet_hours = 0;         //!< hours the plant could not hold the supply temperature [h]
  units::Energy unmet_heat;    //!< heat not removed at supply temperature [MWh]
  std::array<MonthlyCooling, 12> months{};
};

//! Hourly heat as a function of the hour of year (0..8759).
using HourlyLoads = std::function<CoolingLoads(int hour_of_year)>;

//! Runs the plant through the weather year at constant heat.
AnnualCooling simulate_year(const CoolingPlant& plant, const CoolingLoads& heat,
                            const Weather& weather);
//! Runs the plant through the weather year with hourly heat.
AnnualCooling simulate_year(const CoolingPlant& plant, const HourlyLoads& heat,
                            const Weather& weather);

//! Partial PUE of cooling: (IT + cooling) / IT energy.
double partial_pue(const AnnualCooling& year, units::Energy it_energy);
//! Water usage effectiveness of cooling [L/kWh of IT energy].
double water_usage_effectiveness(const AnnualCooling& year, units::Energy it_energy);

}  // namespace rackscale::design
