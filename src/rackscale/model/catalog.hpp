#pragma once
//! The equipment catalog: rack systems, network gear, power gear and cooling gear (plain data).

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/units.hpp"

namespace rackscale::model {

namespace u = rackscale::units;

//! How much a catalog figure can be trusted.
enum class Confidence { High, Medium, Low };

//! Reach class of a link: inside a rack, within a row, across the hall.
enum class ReachClass { InRack, InRow, Hall };

//! Rack power at several operating points, per rack.
struct RackPower {
  u::Power design;               //!< design (nameplate DC) power [kW]
  u::Power max;                  //!< maximum AC draw [kW]
  u::Power typical;              //!< typical draw while training [kW]
  u::Power idle;                 //!< idle draw [kW]
  std::optional<u::Power> peak;  //!< short transient excursion [kW]

  //! IT power of one rack [kW]: the design load the power chain is sized for, the larger of the
  //! design (DC at the busbar) and the maximum (AC input) figures. The one definition of IT power
  //! used by validate, design, targets (`target: {it_power}`), the floor plan, the build-out and
  //! every report; the rack's heat at design is this same load (docs/models/power.md).
  u::Power it_design() const { return design > max ? design : max; }
};

//! Rack dimensions.
struct Footprint {
  u::Length width, depth, height;
};

//! Network ports a rack system's nodes expose.
struct NodeNetwork {
  int scale_out_ports_per_gpu = 1;   //!< back-end NICs (or NIC ports) per GPU
  u::DataRate scale_out_port_speed;  //!< [Gb/s]
  int frontend_ports_per_node = 0;
  u::DataRate frontend_port_speed;
  int oob_ports_per_node = 1;  //!< out-of-band management ports
};

//! An AI rack system (GB300 NVL72, a rack of DGX H100, ...).
struct RackSystem {
  std::string gpu;
  int gpus_per_node = 0;
  int nodes_per_rack = 0;
  int scale_up_domain = 0;  //!< GPUs per NVLink domain
  int nvlink_switch_trays = 0;
  int cpus_per_node = 0;
  bool liquid_cooled = false;
  double liquid_fraction = 0.0;  //!< share of heat removed by liquid [0..1]
  RackPower power;
  u::Mass mass;
  Footprint footprint;
  std::optional<int> power_shelves, psus_per_shelf, node_rack_units;
  std::optional<u::Power> psu_rating;
  NodeNetwork network;

  int gpus_per_rack() const { return gpus_per_node * nodes_per_rack; }
};

//! A network switch.
struct Switch {
  bool infiniband = false;
  std::vector<std::string> roles;  //!< any of scale_out, frontend, oob
  int ports = 0;                   //!< ports at native speed
  u::DataRate port_speed;
  std::optional<int> breakout_ports;
  std::optional<u::DataRate> breakout_port_speed;
  u::Power power_typical, power_max;
  int rack_units = 1;
};

//! An optical transceiver module.
struct Transceiver {
  u::DataRate data_rate;
  std::string medium;  //!< multimode | singlemode
  ReachClass reach_class = ReachClass::InRow;
  u::Length max_reach;
  u::Power power;  //!< per module
  std::string form_factor;
  int links = 1;  //!< links one module serves (2 for a twin-port module)
};

//! A cable (DAC, AOC, fiber patch cord).
struct Cable {
  u::DataRate data_rate;
  std::string medium;  //!< copper | aoc | multimode_fiber | singlemode_fiber
  ReachClass reach_class = ReachClass::InRack;
  u::Length max_reach;
  u::Power power;  //!< both ends together
  bool needs_transceivers = false;
  int links = 1;  //!< links one cable carries (2 for a twin-port cable or a 1:2 splitter)
};

//! A substation (HV/MV) power transformer.
struct Transformer {
  u::Power rating;
  u::Voltage primary_voltage, secondary_voltage;
  double efficiency = 1.0;  //!< at rated load
  u::Power no_load_loss;
};

//! Medium-voltage switchgear lineup.
struct Switchgear {
  u::Voltage voltage;
  u::Power rating;
};

//! Unit substation (MV/LV transformer with LV switchboard).
struct UnitSubstation {
  u::Power rating;
  u::Voltage primary_voltage, secondary_voltage;
  double efficiency = 1.0;
};

//! One point of an efficiency curve.
struct EfficiencyPoint {
  double load = 0.0;        //!< fraction of rating
  double efficiency = 1.0;  //!< output / input
};

//! A UPS module.
struct Ups {
  u::Power module_rating;
  std::vector<EfficiencyPoint> efficiency_curve;
};

//! A backup generator.
struct Generator {
  u::Power rating;
  std::string fuel;  //!< diesel | natural_gas
};

//! Storage technology of a battery entry: what a swing buffer is built from.
enum class StorageTechnology {
  Supercapacitor,        //!< electric double-layer capacitors: seconds of storage, ~10^6 cycles
  ShortDurationBattery,  //!< high-power cells (e.g. LTO) for minutes of storage, ~10^4 cycles
  LithiumIon,            //!< an hours-long lithium-ion block (LFP), ~10^3-10^4 cycles
};
//! "supercapacitor", "short_duration_battery", "lithium_ion": the table the catalog loader and
//! the power policy parse with.
const std::vector<std::pair<std::string, StorageTechnology>>& storage_technology_names();
//! The technology as the catalog writes it.
std::string to_string(StorageTechnology technology);

//! Energy storage (battery or supercapacitor) for training load swings.
struct Battery {
  u::Power power;
  u::Energy energy;
  double round_trip_efficiency = 1.0;
  StorageTechnology technology = StorageTechnology::LithiumIon;
  //! Equivalent full cycles (energy throughput / energy) the unit lasts; empty: not limited.
  std::optional<double> cycle_life;
};

//! Where a coolant distribution unit stands: in each rack, in the row, or in the facility.
enum class CduPlacement { InRack, InRow, Facility };
//! "in_rack", "in_row", "facility": the table the catalog loader parses with.
const std::vector<std::pair<std::string, CduPlacement>>& cdu_placement_names();
//! The placement as the catalog writes it.
std::string to_string(CduPlacement placement);

//! Coolant distribution unit.
struct Cdu {
  u::Power capacity;
  CduPlacement placement = CduPlacement::InRow;
  u::Power pump_power;
  u::TemperatureDifference approach;
};

//! Dry cooler (fluid cooler), optionally with adiabatic assist.
struct DryCooler {
  u::Power capacity;
  u::Power fan_power;
  u::TemperatureDifference approach;  //!< leaving fluid minus ambient dry bulb at design
  bool adiabatic = false;
};

//! Chiller.
struct Chiller {
  u::Power capacity;      //!< thermal
  std::string condenser;  //!< air | water
  double cop = 0.0;
};

//! Open cooling tower.
struct CoolingTower {
  u::Power capacity;  //!< thermal
  u::Power fan_power;
  u::TemperatureDifference approach;  //!< to wet bulb
};

//! The kind-specific part of a catalog entry.
using EntrySpec =
    std::variant<RackSystem, Switch, Transceiver, Cable, Transformer, Switchgear, UnitSubstation,
                 Ups, Generator, Battery, Cdu, DryCooler, Chiller, CoolingTower>;

//! The catalog kind names, in the order of EntrySpec's alternatives.
const std::vector<std::string>& entry_kinds();

//! One catalog entry with its provenance.
struct CatalogEntry {
  std::string name;
  std::string kind;
  std::string description;
  std::string vendor;
  Confidence confidence = Confidence::Medium;
  std::vector<std::string> sources;
  std::string assumption;
  std::optional<u::Money> price;
  std::optional<u::Duration> lead_time;
  EntrySpec spec;
  SourceLocation where;  //!< where the entry was defined
};

//! All catalog entries, by unique name.
class Catalog {
 public:
  //! Adds an entry; returns false if the name is taken.
  bool add(CatalogEntry e);
  const CatalogEntry* find(const std::string& name) const;
  //! The entry's spec if it exists and has kind T.
  template <class T>
  const T* find_as(const std::string& name) const {
    const CatalogEntry* e = find(name);
    return e ? std::get_if<T>(&e->spec) : nullptr;
  }
  //! Entries sorted by name.
  const std::map<std::string, CatalogEntry>& entries() const { return entries_; }
  //! Names of the entries of one kind, sorted.
  std::vector<std::string> names_of_kind(const std::string& kind) const;

 private:
  std::map<std::string, CatalogEntry> entries_;
};

std::string to_string(Confidence c);
std::string to_string(ReachClass r);

}  // namespace rackscale::model
