#pragma once
//! Capital and operating cost, TCO and cost per GPU-hour. Equations and sources:
//! docs/models/cost.md.

#include <optional>

#include "rackscale/core/units.hpp"
#include "rackscale/design/capex.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::design {

//! Cost assumptions with their defaults (docs/models/cost.md gives each source).
struct CostAssumptions {
  //! Shell + MEP per MW of critical load, when the policy sets it: replaces the bottom-up
  //! facility capex (Cushman & Wakefield Data Center Cost Guide 2025 average: 11.7 MUSD/MW).
  std::optional<units::PowerPrice> facility_cost_per_mw;
  //! Of facility capex per year. assumption: a round figure for MEP service contracts and
  //! spares; no published figure is used.
  double maintenance_fraction = 0.02;
  //! Full-time staff per MW of IT. assumption: about 20 people (operations, security,
  //! technicians) for a 100 MW campus; no published figure is used.
  double staff_per_mw = 0.2;
  //! Per person, loaded. assumption: a loaded US data-center technician or engineer.
  units::Money staff_cost_per_year = 150.0 * units::kUSD;
  //! IT service life. assumption: accelerators are written off over about five years.
  units::Duration tco_horizon = 5.0 * units::year;
  //! For annualizing the facility. assumption: shell and MEP life, refreshes aside.
  units::Duration facility_life = 20.0 * units::year;
  //! Per year. assumption: a round cost of capital for a data-center developer.
  double discount_rate = 0.08;
};

//! Overrides the defaults with what the scenario's cost policy sets.
CostAssumptions cost_assumptions(const model::CostPolicy& policy);

//! What the cost model needs from the rest of the design.
struct CostInput {
  int racks = 0;
  long long gpus = 0;
  units::Money rack_price;       //!< per rack, from the catalog (0 if unknown)
  units::Money network_capex;    //!< switches, optics and cables
  units::Power critical_design;  //!< critical (IT + network + storage) load at design
  units::Power it_design;
  units::Energy annual_facility_energy;  //!< from the hourly simulation
  double annual_water_litres = 0.0;
  units::EnergyPrice tariff;
  std::optional<units::WaterPrice> water_price;
  std::optional<units::Money> land_cost;
  FacilityCapex facility;  //!< bottom-up facility capex (docs/models/cost.md)
};

//! Cost of a site.
struct Cost {
  // Capex by category [USD]; soft costs are design, permitting and contingency.
  units::Money it, network, electrical, mechanical, shell_and_site, overheads, soft_costs, land;
  units::Money capex_total;
  units::Money facility_hard;  //!< electrical + mechanical + shell and site + overheads
  //! facility_hard per MW of critical design load, the basis of published per-MW figures.
  units::PowerPrice facility_hard_per_mw;
  std::vector<CapexLine> facility_lines;  //!< the bottom-up lines (one line when top-down)
  // Opex per year [USD/year expressed as Money per year].
  units::Money energy_per_year, water_per_year, staff_per_year, maintenance_per_year;
  units::Money opex_per_year;
  units::Money tco;              //!< capex + opex discounted over the horizon
  units::Money annualized_cost;  //!< capital recovery of IT and facility + opex, per year
  double cost_per_gpu_hour_usd = 0.0;
  CostAssumptions assumptions;
};

//! Capital recovery factor: the annual payment per unit of capital over `years` at `rate`.
double capital_recovery_factor(double rate, double years);

//! Computes the cost of a site.
Cost compute_cost(const CostInput& in, const CostAssumptions& a);

}  // namespace rackscale::design
