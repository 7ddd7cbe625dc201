#pragma once
//! Bottom-up facility capital cost: every power-chain stage and cooling item priced from the
//! catalog, bulk items from rates per MW, the shell and site from the space model, land from the
//! land area, overheads and soft costs as stated fractions. Equations and sources:
//! docs/models/cost.md, "Bottom-up facility capex".

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/units.hpp"
#include "rackscale/design/cooling.hpp"
#include "rackscale/design/power_chain.hpp"
#include "rackscale/design/site_area.hpp"
#include "rackscale/design/space.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::design {

//! Rates of the bottom-up capex that are not catalog prices; each default's source or the reason
//! for the assumption is in docs/models/cost.md. All in 2024-2025 US dollars.
struct CapexRates {
  //! Installation (labour, rigging, bulk materials, testing) per USD of equipment price. source:
  //! labour is 40-50% of data-center construction cost (Cortex Construct, Data Center
  //! Construction Cost Guide, 2026); equipment x (1 + 0.8) puts labour near 45% of the total.
  double installation_factor = 0.8;
  //! HV switchyard bay per substation transformer (breaker, disconnects, bus, protection,
  //! foundations), installed. assumption: a 345/138 kV breaker bay costs a few MUSD.
  units::Money switchyard_bay = 5.0 * units::MUSD;
  //! MV feeder per unit substation (34.5 kV cable in duct bank, terminations), installed.
  //! assumption: about 400 m of three-core cable and duct bank at about 375 USD/m.
  units::Money mv_feeder = 150.0 * units::kUSD;
  //! LV busway per MW of installed unit-substation capacity, installed. assumption: about 40 m of
  //! 4000 A busway plus tap-off boxes per row of about 1.4 MW.
  units::PowerPrice busway = 0.15 * units::MUSD / units::MW;
  //! PDUs (480 V to 415/240 V) per MW of installed unit-substation capacity, installed.
  //! assumption: transformer PDUs at about 200 USD/kW.
  units::PowerPrice pdus = 0.2 * units::MUSD / units::MW;
  //! LV cabling, cable tray, grounding, lighting and power monitoring per MW of critical load,
  //! installed. assumption: no published breakdown; a round figure.
  units::PowerPrice electrical_bulk = 0.3 * units::MUSD / units::MW;
  //! Diesel stored on site at full generator output [h]. assumption: 24 h, the common minimum
  //! of data-center fuel autonomy (24-48 h).
  units::Duration diesel_autonomy = 24.0 * units::h;
  //! Diesel burnt per kWh at full load [L/kWh]. assumption: large high-speed diesel gensets burn
  //! about 0.25-0.28 L/kWh at full load.
  double diesel_litres_per_kwh = 0.27;
  //! Per litre stored: tank, piping and the first fill [USD/L]. assumption: about 1 USD/L of
  //! tank and 1 USD/L of fuel.
  double diesel_storage_usd_per_litre = 2.0;
  //! Facility water piping, valves and insulation per MW of design heat, installed. assumption.
  units::PowerPrice piping = 0.2 * units::MUSD / units::MW;
  //! Facility pumps per horsepower of design pump power [USD/hp]. source: Chilled Water Plant
  //! Costs Estimated (quick estimating sheet), pumps 200-300 USD/hp; the middle.
  double pump_usd_per_hp = 250.0;
  //! Fan walls / CRAHs per MW of design air heat, installed. assumption: about 250 USD/kW.
  units::PowerPrice air_handlers = 0.25 * units::MUSD / units::MW;
  //! Building shell and core per m^2 of gross building area. assumption: tilt-up or precast
  //! halls with slabs for 1.5 t racks and roofs for plant, several times a warehouse shell.
  units::AreaPrice shell = 3000.0 * units::USD / units::m2;
  //! White-space fit-out per m^2 (containment, cable tray, fire suppression, lighting).
  //! assumption.
  units::AreaPrice white_space_fit_out = 2500.0 * units::USD / units::m2;
  //! Site work and civil (grading, roads, fences, storm water, site utilities) as a fraction of
  //! the electrical, mechanical and building cost. source: site work and civil 5-10% of total
  //! construction cost (Cortex Construct, "What Does It Take to Build a Data Center?", 2026-03-06,
  //! cost breakdown by system); 5%, the low end, on a base without the overheads.
  double site_work_fraction = 0.05;
  //! Fire protection and controls (BMS) as a fraction of electrical + mechanical + shell and
  //! site. source: fire protection 3-5% and controls/BMS 3-5% of hard cost (Cortex Construct,
  //! Data Center Construction Cost Breakdown, 2026); 4% + 4%.
  double fire_and_controls_fraction = 0.08;
  //! General conditions (site management, temporary works, safety, QC) as a fraction of the
  //! same. source: 8-12% of hard cost (Cortex Construct, 2026); the middle.
  double general_conditions_fraction = 0.10;
  //! Contractor's fee (home-office overhead and profit) as a fraction of the same; general
  //! conditions do not hold it. source: construction-management fees on commercial projects over
  //! 10 MUSD run 1-5% of construction cost, general conditions a separate 5-10% (LegalClarity,
  //! "Construction Management Fees: Costs, Structures & Models"); the middle.
  double contractor_fee_fraction = 0.03;
  //! Security systems and hardening (access control, video, intrusion detection, perimeter
  //! hardening) as a fraction of the same. source: security adds 1-5% to data-center project
  //! budgets (DPR Construction in PM Network, March 2015, pp. 14-15) and 1% (office building) to 5%
  //! (embassy) of construction cost (Gage Babcock in ENR, "Calculating Security's Cost"); 1%, the
  //! low end both give.
  double security_fraction = 0.01;
  //! Design, engineering and permitting as a fraction of the hard cost. source: soft costs
  //! 10-15% (Cortex Construct, 2026); the low end, commissioning and insurance aside.
  double design_and_permitting_fraction = 0.10;
  //! Owner's commissioning agent (levels 1-5) as a fraction of the hard cost; the contractor's
  //! start-up and testing is in the installation factor. source: GSA, "Commissioning Agent
  //! Costs": 0.5-1.5% of construction cost (DOE Rebuild America / PECI), 1.25-2.25% (NASFA),
  //! laboratories above 1%; 1.5%, inside both ranges, for a facility as complex.
  double commissioning_fraction = 0.015;
  //! Contingency as a fraction of the hard cost. assumption: half the 20% MISO applies to
  //! planning-level transmission estimates (MISO Transmission Cost Estimation Guide).
  double contingency_fraction = 0.10;
};

//! Overrides the rates the scenario's cost policy sets.
CapexRates capex_rates(const model::CostPolicy& policy);

//! One priced item of the facility.
struct CapexLine {
  std::string category;  //!< electrical | mechanical | shell_and_site | overheads | soft
  std::string item;      //!< what is priced
  std::string basis;     //!< the quantity and price, e.g. "7 x 7 MUSD x 1.8"
  units::Money amount;
  bool priced = true;  //!< false when the catalog has no price (amount 0, basis says why)
};

//! Bottom-up facility capex of a site.
struct FacilityCapex {
  std::vector<CapexLine> lines;
  units::Money electrical, mechanical, shell_and_site, overheads, soft_costs;
  //! Electrical + mechanical + shell and site + overheads: what the published per-MW facility
  //! figures count (land, soft costs and IT excluded).
  units::Money hard() const { return electrical + mechanical + shell_and_site + overheads; }
  units::Money total() const { return hard() + soft_costs; }
};

//! What the bottom-up capex needs from the design.
struct CapexInput {
  const PowerChain* power = nullptr;
  const CoolingPlant* cooling = nullptr;
  const Space* space = nullptr;
  const SiteArea* area = nullptr;
  units::Power critical_design;  //!< IT + network + storage and management at design
};

//! Prices the facility of a designed site.
FacilityCapex facility_capex(const CapexInput& in, const model::Catalog& catalog,
                             const CapexRates& rates = {});

}  // namespace rackscale::design
