#pragma once
//! A year of hourly site energy: IT, cooling and electrical losses from the weather, the
//! cooling plant and the power chain; annual and monthly PUE and WUE. docs/models/power.md and
//! cooling.md give the equations.

#include <array>

#include "rackscale/core/units.hpp"
#include "rackscale/design/climate.hpp"
#include "rackscale/design/cooling.hpp"
#include "rackscale/design/power_chain.hpp"

namespace rackscale::design {

//! One month of site energy.
struct MonthlyEnergy {
  int month = 0;  //!< 1..12
  units::Energy it, cooling, losses, facility;
  double water_litres = 0.0;
  double mean_dry_bulb_c = 0.0;
  double pue = 0.0;
  double wue_l_per_kwh = 0.0;
};

//! A year of site energy. facility = critical + cooling + losses, hour by hour.
struct SiteEnergy {
  units::Energy it;        //!< critical load (IT + network + storage and management)
  units::Energy cooling;   //!< cooling electrical energy
  units::Energy losses;    //!< electrical losses of the power chain
  units::Energy facility;  //!< at the utility meter
  double pue = 0.0;
  double partial_pue_cooling = 0.0;  //!< (IT + cooling) / IT
  double wue_l_per_kwh = 0.0;        //!< water per kWh of IT energy
  double water_litres = 0.0;
  units::Power peak_facility;  //!< highest hourly facility power
  int peak_hour = 0;
  units::Power peak_cooling;
  int free_cooling_hours = 0;
  int unmet_cooling_hours = 0;
  //! Largest |utility stage input - (critical + cooling + losses)| over the hours: the draw
  //! built stage by stage from the racks up against the loads plus the summed stage losses (a
  //! conservation check) [W].
  units::Power max_balance_error;
  std::array<MonthlyEnergy, 12> months{};
};

//! Simulates the year at constant critical load `critical` (IT at typical draw plus network,
//! storage and management) and hall heat `heat`; each hour the cooling plant also removes the
//! losses of the chain's indoor stages (electrical rooms), settled by a fixed point.
SiteEnergy simulate_site_year(const PowerChain& chain, const CoolingPlant& plant,
                              const Weather& weather, units::Power critical,
                              const CoolingLoads& heat);

}  // namespace rackscale::design
