#pragma once
//! The power-chain engine: from the site's loads to the utility interconnect through substation
//! transformers, MV switchgear, unit substations, UPS, LV distribution and rack power shelves,
//! with redundancy, losses per stage, backup generation, batteries for training swings and the
//! equipment list. Pure functions. Equations, defaults and sources: docs/models/power.md.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/units.hpp"
#include "rackscale/design/power_battery.hpp"
#include "rackscale/design/power_losses.hpp"
#include "rackscale/design/power_redundancy.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::design {

//! Electrical loads of a site, all at the critical (IT-side) bus: the AC input of the racks and
//! of the network, storage and management gear, where PUE meters IT energy.
struct SiteLoads {
  units::Power it_design;   //!< racks x rack design power [W]
  units::Power it_typical;  //!< racks x typical draw while training; 0: taken as design [W]
  units::Power it_idle;     //!< racks x idle (communication-phase) draw [W]
  units::Power it_peak;     //!< racks x transient excursion; 0: taken as design [W]
  units::Power network;     //!< network gear; a non-training load (UPS-backed under partial) [W]
  units::Power storage_and_management;  //!< storage and management; non-training [W]
  units::Power mechanical_design;       //!< cooling electrical load on the design day [W]
};

//! Which rack figure is the compute phase of a training swing.
enum class SwingPhase { Typical, Peak };

//! Knobs of the power model that are not in the scenario's power policy; defaults documented.
struct PowerDesignOptions {
  //! Most installed units in one redundancy group (parallel bus, lineup) [count]; 0: no limit.
  //! assumption: UPS frames, paralleling gear and main-tie-main lineups hold about 8 units.
  int max_units_per_group = 8;
  //! Compute phase of the swing: typical draw (a steady iteration) or the peak excursion.
  SwingPhase swing_compute_phase = SwingPhase::Typical;
  //! Largest load at the MV bus served at medium voltage from the utility's distribution
  //! system [W]; above it the site takes transmission (HV) service through its own substation
  //! transformers. 0: always HV. source: Duke Energy, "Business site selection: service
  //! considerations" (Electricity 101): loads greater than 15 MW are generally evaluated for
  //! service directly from the transmission system.
  units::Power mv_service_limit = 15.0 * units::MW;
};

//! What design_power_chain needs.
struct PowerChainInput {
  SiteLoads loads;
  const model::PowerPolicy* policy = nullptr;  //!< null: the default PowerPolicy
  const model::RackSystem* rack = nullptr;     //!< null: no rack power-shelf stage
  int racks = 0;                               //!< [count]
  PowerDesignOptions options = {};
};

//! The stages of the chain, grid first.
enum class StageKind {
  Utility,         //!< utility interconnect (point of common coupling)
  Transformer,     //!< substation transformers, HV/MV
  Switchgear,      //!< MV switchgear lineups
  UnitSubstation,  //!< unit substations, MV/LV
  Ups,             //!< UPS modules (absent when ups: none)
  Distribution,    //!< LV busway or PDUs to the racks
  RackPower,       //!< rack power shelves (AC to DC), inside the IT load
};

//! Stage kind as a short name ("utility", "transformer", ...).
std::string to_string(StageKind k);

//! Power through one stage at one operating point. input = output + loss.
struct StageFlow {
  units::Power output;      //!< delivered downstream [W]
  units::Power input;       //!< drawn from upstream [W]
  units::Power loss;        //!< [W]
  double efficiency = 1.0;  //!< output / input (1 with no flow)
  double loading = 0.0;     //!< output per loaded unit / unit capacity [0-1]
};

//! How a stage's loss depends on its output (parameters for PowerChain::losses).
struct StageLossModel {
  enum class Kind { Lossless, TransformerBank, UpsModules, Distribution, ConstantEfficiency };
  Kind kind = Kind::Lossless;
  TransformerLosses transformer;                  //!< per unit, TransformerBank
  double power_factor = 1.0;                      //!< real / apparent, TransformerBank
  std::vector<model::EfficiencyPoint> ups_curve;  //!< UpsModules
  units::Power ups_module_rating;                 //!< UpsModules [W]
  DistributionLosses distribution;                //!< Distribution
  double efficiency = 1.0;                        //!< ConstantEfficiency
  int installed = 0;                              //!< units energized [count]
  int loaded = 0;                                 //!< units sharing the output [count]

  //! Loss of the stage delivering `output` [W].
  units::Power loss(units::Power output) const;
};

//! One stage of the chain: its gear, counts, redundancy, loading and losses.
struct PowerStage {
  StageKind kind = StageKind::Utility;
  std::string label;         //!< e.g. "Substation transformers (HV/MV)"
  std::string equipment;     //!< catalog entry, or the assumed gear (e.g. "busway")
  std::string catalog_kind;  //!< catalog kind of `equipment`; empty when not a catalog entry
  std::string redundancy;    //!< scheme as written ("N+1", "2N", ...) or a description
  std::optional<RedundancyScheme> scheme;  //!< the scheme; empty when `redundancy` describes one
  std::string feeds;                       //!< the loads the stage carries
  units::Power unit_rating;      //!< nameplate per unit (VA held as W for VA-rated gear) [W]
  bool rated_in_va = false;      //!< true for transformers, switchgear and unit substations
  units::Power unit_capacity;    //!< usable real power per unit = rating x power factor if VA [W]
  RedundantCount count;          //!< needed, installed, loading normal and after one failure
  StageFlow design;              //!< at the design point
  StageFlow typical;             //!< at the typical point
  double loading_at_peak = 0.0;  //!< loading with the IT peak excursion [0-..]
  bool loss_inside_it = false;   //!< rack power shelves: their loss is part of the IT load
  //! The stage stands in the building (electrical rooms, halls), so the cooling plant removes
  //! its loss: unit substations, UPS and LV distribution. assumption: substation transformers
  //! stand outdoors in the yard, self-cooled (ONAN); docs/models/power.md, "Heat".
  bool loss_indoors = false;
  std::optional<units::Voltage> voltage_in, voltage_out;  //!< where known [V]
  StageLossModel loss_model;                              //!< for losses()
};

//! Standby generation.
struct BackupGeneration {
  std::string coverage = "none";  //!< policy: none | partial | full
  std::string model;              //!< catalog entry; empty when none
  std::string fuel;               //!< diesel | natural_gas
  std::string redundancy;         //!< scheme used
  std::string loads;              //!< which loads they carry
  units::Power unit_rating;       //!< [W]
  units::Power load;              //!< real power they must carry at design [W]
  RedundantCount count;
};

//! Demand at the utility interconnect at one operating point.
struct GridDemand {
  units::Power critical;    //!< IT + network + storage and management [W]
  units::Power mechanical;  //!< cooling electrical load [W]
  units::Power losses;      //!< facility electrical losses (rack power shelves excluded) [W]
  units::Power total;       //!< critical + mechanical + losses [W]
  units::Power apparent;    //!< total / power factor [VA, held as W]
};

//! One line of the equipment list.
struct PowerBomLine {
  std::string name;                            //!< catalog entry
  std::string kind;                            //!< catalog kind
  int count = 0;                               //!< [count]
  std::optional<units::Money> unit_price;      //!< when the catalog has one [USD]
  std::optional<units::Money> extended_price;  //!< count x unit price [USD]
  std::optional<units::Duration> lead_time;    //!< when the catalog has one
};

//! The power chain of a site.
struct PowerChain {
  SiteLoads loads;  //!< as used (typical and peak defaulted)
  int racks = 0;    //!< [count]
  model::BackupCoverage ups_coverage = model::BackupCoverage::Partial;  //!< loads the UPS carries
  double power_factor = 0.95;                                           //!< used for VA-rated gear
  std::vector<PowerStage> stages;                                       //!< grid first, racks last
  BackupGeneration generation;
  BatteryDesign battery;
  units::Power swing_critical;  //!< compute minus communication phase at the critical bus [W]
  GridDemand design;            //!< at design critical and mechanical load
  GridDemand typical;           //!< at typical IT; mechanical scaled with the critical load
  std::vector<PowerBomLine> bom;
  std::vector<std::string> notes;  //!< warnings and assumptions worth reading

  //! Facility electrical losses at any operating point [W]: every stage from the racks' AC
  //! input to the utility, rack power shelves excluded (inside the IT load), batteries excluded.
  units::Power losses(units::Power critical_load, units::Power mechanical_load) const;
  //! The same losses from flows already computed by operate().
  units::Power losses(const std::vector<StageFlow>& flows) const;
  //! The losses of the stages indoors (loss_indoors), heat the cooling plant removes [W].
  units::Power indoor_losses(const std::vector<StageFlow>& flows) const;
  //! The same at the design point [W].
  units::Power indoor_losses_at_design() const;
  //! Flows through every stage (in `stages` order) at one operating point.
  std::vector<StageFlow> operate(units::Power critical_load, units::Power mechanical_load) const;
  //! Grid-facing demand at one operating point.
  GridDemand demand(units::Power critical_load, units::Power mechanical_load) const;
  //! The stage of a kind, or null.
  const PowerStage* stage(StageKind kind) const;
};

//! Designs the power chain; throws rackscale::Error with a clear message when the input is
//! invalid or no catalog gear fits (missing kind, wrong kind, incompatible voltages).
PowerChain design_power_chain(const PowerChainInput& in, const model::Catalog& catalog);

//! LV distribution efficiency at design [0-1]. assumption: 0.995 for 415/240 V busway straight
//! from the unit substation (I^2 R losses only); 0.98 for 480 V systems, whose PDUs step down
//! to 415/240 V (transformer core and copper losses).
double distribution_efficiency(units::Voltage lv_secondary);

//! Rack power-shelf (PSU) efficiency. derived: GB300 NVL72 136 kW DC design / 142 kW AC max =
//! 0.958 (NVIDIA AI-factory reference metadata, docs/sources.md); rounded to 0.96.
inline constexpr double kRackPsuEfficiency = 0.96;

//! Share of a unit substation's rated-load loss that is no-load (core) loss when the catalog
//! gives only the efficiency. assumption: MV/LV distribution transformers have core losses of
//! roughly a fifth of their full-load losses.
inline constexpr double kUnitSubstationNoLoadShare = 0.2;

}  // namespace rackscale::design
