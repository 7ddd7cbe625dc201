#pragma once
//! The cooling-plant engine: facility water temperatures from the ASHRAE liquid class, coolant
//! flow, CDUs, heat rejection (dry coolers with or without adiabatic assist, water-cooled chillers
//! with cooling towers, air-cooled chillers), trim chillers, and the air side; sized on the design
//! day of a weather year, then run hour by hour for electrical power and water.
//! Pure functions, deterministic. Equations, defaults and sources: docs/models/cooling.md.

#include <optional>
#include <string>

#include "rackscale/core/units.hpp"
#include "rackscale/design/climate.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::design {

//! Heat to remove from the hall.
struct CoolingLoads {
  units::Power liquid_heat;  //!< into the facility water through the CDUs [kW]
  units::Power air_heat;     //!< into the room air, removed by fan walls / CRAHs [kW]
  units::Power total() const { return liquid_heat + air_heat; }
};

//! Rack heat split by the rack's liquid fraction: liquid = racks x per_rack x liquid_fraction,
//! air = racks x per_rack x (1 - liquid_fraction) + other_air_heat (network, storage, ...).
CoolingLoads rack_heat(const model::RackSystem& rack, int racks, units::Power per_rack,
                       units::Power other_air_heat = {});

//! What the plant is designed for.
struct CoolingInput {
  CoolingLoads design;                           //!< heat at design (nameplate) load
  const model::CoolingPolicy* policy = nullptr;  //!< nullptr: the default policy
  int racks = 0;                                 //!< racks in the hall (for in-rack CDUs)
  const model::RackSystem* rack = nullptr;       //!< may be nullptr
};

//! Fixed figures of the cooling model; every default is explained, with its source or the reason
//! for the assumption, in docs/models/cooling.md.
struct CoolingAssumptions {
  // Water loops.
  double design_delta_t_k = 10.0;  //!< facility water return - supply [K]; source: OCP, dT <= 10 K
  double wplus_supply_c = 50.0;    //!< supply for W+ [C]; assumption: > 45 C taken as 50 C
  //! Chilled water to fan walls / CRAHs [C]. assumption: warm water that still holds the cold
  //! aisle within ASHRAE's recommended 18-27 C, about 7 K left for the coil approach.
  double air_loop_supply_c = 20.0;
  double air_loop_delta_t_k = 10.0;    //!< [K]; assumption: as the liquid loop's design dT
  double water_density_kg_m3 = 997.0;  //!< source: IAPWS-95, water at 25 C
  double water_cp_j_kgk = 4181.0;      //!< source: IAPWS-95, water at 25 C
  // Design day.
  double design_exceedance = 0.004;  //!< source: ASHRAE Fundamentals ch. 14, 0.4 % annual
  //! Spare dry coolers, chillers and towers per group (N+1). assumption: the policy sets a rule
  //! only for CDUs; N+1 is the common minimum for mechanical plant.
  int heat_rejection_spares = 1;
  //! Most dry coolers bought to avoid chillers [x N]. assumption: up to 1.5 x the units at
  //! rating is cheaper than trim chillers; beyond that chillers are.
  double max_dry_cooler_oversize = 1.5;
  // Dry coolers and adiabatic assist.
  //! Pad saturation efficiency [0..1]. assumption: cellulose pads are quoted above 80 %; claims
  //! vary with pad and face velocity (Evapco pad test white paper, 2018).
  double adiabatic_effectiveness = 0.8;
  //! Air temperature rise across the coil at rating [K]. assumption: a balanced exchanger, air
  //! capacity rate close to the water side's.
  double dry_cooler_air_rise_k = 10.0;
  // Towers and water.
  //! Water-side economizer plate heat exchanger approach [K]. assumption: the close approach of a
  //! plate-and-frame exchanger sized for free cooling.
  double plate_hx_approach_k = 2.0;
  //! Latent heat of vaporization of water [J/kg]. assumption: water near 20-25 C; all tower heat
  //! taken as latent, an upper bound on water.
  double latent_heat_j_per_kg = 2.45e6;
  //! Makeup = evaporation x C / (C - 1). assumption: 5, within the typical 3-7 cycles.
  double cycles_of_concentration = 5.0;
  // Pumps and fans.
  //! Facility water loop pressure drop [Pa] and wire-to-water pump efficiency. assumption: the
  //! same basis as the catalog's CDU pump figures (catalog/cooling.yaml).
  double facility_pump_head_pa = 300e3;
  double pump_efficiency = 0.5;  //!< wire-to-water; assumption: see facility_pump_head_pa
  //! Pump power ~ flow^n at part flow. assumption: loops hold a differential-pressure setpoint,
  //! so power falls less than the cube law; 2 sits between the cube law and linear.
  double pump_exponent = 2.0;
  double fan_exponent = 3.0;  //!< source: fan affinity law, power ~ speed^3
  //! Fan wall / CRAH total pressure [Pa], wire-to-air efficiency and air rise through the IT
  //! [K]. assumption: coil, filter and wall of about 400 Pa; EC fan arrays; 15 K across servers.
  double air_handler_pressure_pa = 400.0;
  double air_handler_efficiency = 0.6;  //!< assumption: see air_handler_pressure_pa
  double it_air_rise_k = 15.0;          //!< [K]; assumption: see air_handler_pressure_pa
  double air_density_kg_m3 = 1.18;      //!< assumption: air at about 25 C, sea level
  double air_cp_j_kgk = 1006.0;         //!< source: ASHRAE Fundamentals ch. 1, dry air
  // Chiller COP model: COP = eta * Te / (Tc - Te), eta from the catalog COP at rating.
  //! Refrigerant offsets [K]: evaporator below leaving chilled water, condenser above entering
  //! condenser water or outdoor dry bulb. assumption: 8 K = about 5.5 K condenser-water rise at
  //! AHRI 3 gpm/ton plus 2.5 K approach; see docs/models/cooling.md, "Chiller COP".
  double evaporator_offset_k = 3.0;
  double water_condenser_offset_k = 8.0;  //!< [K]; assumption: see evaporator_offset_k
  double air_condenser_offset_k = 15.0;   //!< [K]; assumption: see evaporator_offset_k
  //! Smallest lift the compressor model uses [K]. assumption: compressors need some pressure
  //! ratio; vendor maps seldom go lower.
  double min_lift_k = 15.0;
  double rating_chilled_water_c = 6.7;     //!< source: AHRI 550/590, leaving chilled water 44 F
  double rating_condenser_water_c = 29.4;  //!< source: AHRI 550/590, entering condenser 85 F
  double rating_outdoor_air_c = 35.0;      //!< source: AHRI 550/590, air-cooled ambient 95 F
};

//! Facility water supply temperature [C] of an ASHRAE liquid-cooling class (W17..W45: the class
//! number is the maximum supply temperature; W+: above 45 C, `wplus_supply_c`).
double ashrae_class_supply_c(model::AshraeClass ashrae_class,
                             const CoolingAssumptions& assumptions = {});

//! Water volume flow carrying `heat` at temperature rise `delta_t`: V = Q / (rho cp dT).
units::VolumeFlow coolant_flow(units::Power heat, units::TemperatureDifference delta_t,
                               const CoolingAssumptions& assumptions = {});

//! Units needed for `heat` at `unit_capacity` each: ceil(heat / capacity), 0 for no heat.
int units_needed(units::Power heat, units::Power unit_capacity);
//! Units installed for `needed` under a redundancy scheme: N, N+k, 2N, xN/y (x systems of
//! ceil(needed / y) units) or block (one reserve unit).
int units_installed(int needed, const model::RedundancyScheme& redundancy);

//! A group of identical units (CDUs, dry coolers, chillers, towers).
struct UnitGroup {
  std::string model;           //!< catalog entry name; empty when the group is not used
  int needed = 0;              //!< units carrying the design load [count]
  int installed = 0;           //!< with redundancy [count]
  units::Power unit_capacity;  //!< thermal, per unit [kW]
  units::Power unit_power;     //!< fan or pump power per unit at rating (0 for chillers) [kW]
};

//! What pre-cools or replaces the chillers on a water loop.
enum class Economizer {
  None,                //!< chillers every hour (air_chiller)
  DryCooler,           //!< dry coolers, ambient dry bulb
  AdiabaticDryCooler,  //!< dry coolers with wetted pads on hot hours
  CoolingTower,        //!< open towers through a plate heat exchanger (water_chiller)
};
//! The economizer's name: none, dry_cooler, dry_cooler_adiabatic or cooling_tower.
std::string to_string(Economizer e);

//! One water loop with its heat rejection: the liquid loop (facility water to the CDUs) or the
//! air loop (chilled water to the fan walls / CRAHs).
struct CoolingLoop {
  std::string name;                 //!< "liquid" or "air"
  units::Power design_heat;         //!< rejected at design: hall heat + pump and fan work [kW]
  units::Temperature supply;        //!< water to the hall [C]
  units::Temperature return_water;  //!< water from the hall [C]
  units::VolumeFlow design_flow;    //!< [L/min]
  Economizer economizer = Economizer::None;
  UnitGroup economizer_units;  //!< dry coolers, or towers (which also serve the chillers)
  //! Rated initial temperature difference of an economizer unit: approach + loop dT (+ plate
  //! heat exchanger for towers) [K]. Capacity at full fan speed = rating x ITD / this.
  double economizer_rated_itd_k = 0.0;
  double economizer_approach_k = 0.0;  //!< catalog approach [K]
  UnitGroup chillers;
  bool water_cooled_chillers = false;
  double chiller_rated_cop = 0.0;
  double carnot_fraction = 0.0;      //!< COP / Carnot COP at the rating conditions
  units::Power design_chiller_load;  //!< chiller duty at the design conditions [kW]
  double design_reference_c = 0.0;   //!< economizer air (or wet bulb) temperature at design [C]
  double tower_approach_k = 0.0;     //!< condenser water above wet bulb [K]

  //! Heat the economizer can remove at supply temperature with every installed unit at full fan
  //! speed (adiabatic pads wet when `wet`).
  units::Power economizer_capacity(double dry_bulb_c, double wet_bulb_c, bool wet,
                                   const CoolingAssumptions& a) const;
};

//! Electrical power, water and mode of one hour.
struct CoolingHour {
  units::Power electrical;    //!< pumps + fans + compressors [kW]
  double water_litres = 0.0;  //!< evaporation, blowdown and drift this hour [L]
  bool free_cooling = true;   //!< no compressor ran this hour
  // Breakdown.
  units::Power pumps;                //!< CDU and facility water pumps [kW]
  units::Power heat_rejection_fans;  //!< dry-cooler and tower fans [kW]
  units::Power compressors;          //!< chillers [kW]
  units::Power air_handler_fans;     //!< fan walls / CRAHs [kW]
  bool adiabatic = false;            //!< pads wetted this hour
  units::Power chiller_load;         //!< heat removed mechanically [kW]
  units::Power unmet_heat;  //!< heat the installed plant could not remove at supply temp [kW]
};

//! Work of the plant's pumps and fans at one load [kW]; all of it ends as heat in the water or
//! air it moves, which the heat rejection removes with the hall's heat.
struct PlantWork {
  units::Power cdu_pumps;     //!< CDU pumps, into the liquid loop
  units::Power liquid_pumps;  //!< facility water pumps of the liquid loop
  units::Power air_pumps;     //!< chilled-water pumps of the air loop
  units::Power air_fans;      //!< fan walls / CRAHs, into the room air
  units::Power liquid() const { return cdu_pumps + liquid_pumps; }  //!< heat into the liquid loop
  units::Power air() const { return air_pumps + air_fans; }         //!< heat into the air loop
};

//! A designed cooling plant.
struct CoolingPlant {
  std::string ashrae_class;
  std::string heat_rejection;
  units::Temperature facility_supply;  //!< maximum of the ASHRAE class [C]
  units::Temperature facility_return;  //!< supply + design dT [C]
  units::TemperatureDifference design_delta_t;
  units::Temperature tcs_supply;   //!< technology (secondary) loop: facility + CDU approach
  units::VolumeFlow coolant_flow;  //!< facility water to the CDUs [L/min]
  std::optional<model::CduPlacement> cdu_placement;  //!< empty: no CDUs (an air-cooled rack)
  model::RedundancyScheme cdu_redundancy;  //!< of the CDUs (of each rack's, when in the rack)
  UnitGroup cdus;
  CoolingLoop liquid;
  CoolingLoop air;
  units::Power air_handler_design_power;    //!< fan walls / CRAHs at design air heat [kW]
  units::Power facility_pump_design_power;  //!< both loops at design flow [kW]
  CoolingLoads design_loads;  //!< heat from the hall at design (IT, other gear, electrical rooms)
  PlantWork design_work;      //!< pump and fan work at design, rejected with the hall's heat
  DesignConditions design_day;
  double design_adiabatic_air_c = 0.0;  //!< 0.4 % pad-leaving air temperature [C]
  units::Power design_electrical;       //!< at_hour at the design loads and design day
  CoolingAssumptions assumptions;

  //! Pump and fan work at a hall heat load (flows and airflow follow the heat).
  PlantWork plant_work(const CoolingLoads& heat) const;
  //! Electrical power, water and mode for one hour of `heat` at outdoor dry and wet bulb [C];
  //! the loops reject `heat` plus the pumps' and fans' work.
  CoolingHour at_hour(const CoolingLoads& heat, double dry_bulb_c, double wet_bulb_c) const;
};

//! Chiller COP at a leaving chilled-water temperature and a condenser medium temperature
//! (entering condenser water, or outdoor dry bulb for an air-cooled chiller) [C]:
//! COP = eta * Te / max(Tc - Te, min lift), Te = chilled water - evaporator offset,
//! Tc = condenser medium + condenser offset (kelvin).
double chiller_cop(double carnot_fraction, double chilled_water_c, double condenser_medium_c,
                   bool water_cooled, const CoolingAssumptions& a = {});
//! The Carnot fraction that reproduces `rated_cop` at the AHRI rating conditions.
double carnot_fraction_for(double rated_cop, bool water_cooled, const CoolingAssumptions& a = {});

//! Sizes the plant for the design day of `weather` (the 0.4 % dry bulb, wet bulb and pad-leaving
//! air temperature); throws InputError for a policy the catalog cannot serve.
CoolingPlant design_cooling_plant(const CoolingInput& input, const model::Catalog& catalog,
                                  const Weather& weather,
                                  const CoolingAssumptions& assumptions = {});

}  // namespace rackscale::design
