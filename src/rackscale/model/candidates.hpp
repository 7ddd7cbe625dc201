#pragma once
//! Candidate sites the optimizer may develop (`candidates:`) and the settings of
//! `rackscale optimize` (`optimize:`); docs/optimize.md and docs/scenario-format.md.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/units.hpp"
#include "rackscale/model/scenario.hpp"  // Site; includes this file at its end

namespace rackscale::model {

//! WRI Aqueduct baseline water stress categories.
enum class WaterStress { Low, LowMedium, MediumHigh, High, ExtremelyHigh };
//! "low", "low-medium", "medium-high", "high", "extremely-high".
const NameTable<WaterStress>& water_stress_names();
std::string to_string(WaterStress stress);

//! What a state or utility gives a data center built there.
struct Incentives {
  bool sales_tax_exemption = false;  //!< data-center equipment exempt from sales tax
  u::Money capex_grant;              //!< paid when the first phase starts
};

//! A site the optimizer may develop: the keys of a site but its target, grid and construction
//! start, which the optimizer chooses, plus what is open.
struct CandidateSite {
  Site site;              //!< target, grid and construction.start unset
  u::Power max_it_power;  //!< most IT power it may take
  u::Power phase;         //!< IT power a phase adds
  Date earliest_start;    //!< first day a phase may start construction
  Incentives incentives;
  std::string title;                         //!< e.g. "Abilene, Taylor County, TX"
  std::string balancing_authority;           //!< e.g. "ERCOT"
  std::string egrid_subregion;               //!< e.g. "ERCT"
  double carbon_intensity_lb_per_mwh = 0.0;  //!< grid emissions [lb CO2/MWh]
  std::optional<WaterStress> water_stress;
  bool from_dataset = false;  //!< named in `include` (or a dataset name in `sites`)
};

}  // namespace rackscale::model
