#pragma once
// Inputs of the network-fabric engine: plain structs, no I/O. The rack system and the switches
// are the catalog's own types; media and layout are doubles whose names carry their unit.

#include <optional>
#include <string>

#include "rackscale/model/catalog.hpp"

namespace rackscale::design {

//! Distance class of a cable run; it picks the medium (copper, AOC or multimode, single-mode).
//! The catalog's own enum (InRack = 0, InRow = 1, Hall = 2, used as an index); its JSON name
//! ("in_rack", "in_row", "hall") comes from model::to_string.
using ReachClass = model::ReachClass;

//! The switch spec of a catalog entry: the fabric takes switches as catalog entries (name,
//! price and spec together). Throws std::invalid_argument when the entry is not a switch.
const model::Switch& switch_spec(const model::CatalogEntry& entry);

//! The entry's unit price [USD]; 0 when the catalog gives none.
double price_usd(const model::CatalogEntry& entry);

//! A cable type; `power_w` covers the cable and both of its ends (AOCs draw power, DACs do not).
struct LinkMedium {
  std::string name;                             //!< e.g. "DAC 400G", "AOC 400G", "SMF MPO-12"
  ReachClass reach_class = ReachClass::InRack;  //!< the class it is chosen for
  double max_reach_m = 0.0;                     //!< longest supported run [m]
  bool needs_transceivers = false;              //!< true for passive fibre: one module at each end
  double power_w = 0.0;                         //!< cable with both ends [W]
  double price_usd = 0.0;                       //!< one cable [USD]
};

//! A pluggable optical module; a fibre link needs one at each end.
struct TransceiverModel {
  std::string name;                            //!< e.g. "OSFP 400G SR4"
  ReachClass reach_class = ReachClass::InRow;  //!< the class it is chosen for
  double power_w = 0.0;                        //!< one module [W]
  double price_usd = 0.0;                      //!< one module [USD]
  int links = 1;  //!< links one module carries in a switch cage (2 for twin-port) [count]
};

//! The cable (and, for passive fibre, the modules) used for one reach class. A switch cage
//! takes `transceiver` (twin-port modules carry two links); a NIC cage takes one single-port
//! module per link, `host_transceiver`, or `transceiver` when the catalog offers none.
struct MediaChoice {
  LinkMedium cable;                                  //!< cable for this class
  std::optional<TransceiverModel> transceiver;       //!< switch end; required for passive fibre
  std::optional<TransceiverModel> host_transceiver;  //!< NIC end, single-port
};

//! Media by reach class for one network (policy, not physics: the planner picks them).
struct MediaPolicy {
  MediaChoice in_rack;  //!< usually copper (DAC)
  MediaChoice in_row;   //!< usually AOC or multimode fibre with modules
  MediaChoice hall;     //!< usually single-mode fibre with modules
};

//! Physical assumptions that classify cable runs by reach. A site derives them from its floor
//! plan (fabric_layout); these defaults serve callers of the engine alone.
struct FabricLayout {
  //! Compute racks in one row [count]. assumption: a row under the floor plan's 20-rack limit.
  int racks_per_row = 16;
  //! Rack width along the row [m]. source: 600 mm wide racks (GB300 NVL72, docs/sources.md).
  double rack_pitch_m = 0.6;
  //! Longest run inside a rack [m]. assumption: a rack's height with little slack.
  double in_rack_length_m = 2.0;
  //! Longest run across the hall [m]. assumption: a hall of a few thousand racks.
  double hall_length_m = 100.0;
  ReachClass node_to_leaf = ReachClass::InRow;  //!< lowest class of back-end node-leaf runs
  ReachClass leaf_to_spine = ReachClass::Hall;  //!< lowest class of leaf-spine runs
  ReachClass spine_to_core = ReachClass::Hall;  //!< lowest class of spine-core runs
  ReachClass frontend_node_to_leaf = ReachClass::InRack;  //!< lowest class, front-end access
  ReachClass oob_node_to_leaf = ReachClass::InRack;       //!< lowest class, out-of-band access
};

//! Longest cable run of a reach class under `layout` [m]: in a rack, its in-rack length; in a
//! row, the row's length plus a vertical drop at each end; across the hall, the hall length.
double run_length_m(const FabricLayout& layout, ReachClass reach);

//! How to build the fabrics: switches, oversubscription, rails, planes, units and media.
struct FabricPolicy {
  model::CatalogEntry scale_out_switch;  //!< back-end leaf switch (and spine/core by default)
  std::optional<model::CatalogEntry> spine_switch;  //!< back-end spine and core, when different
  double leaf_oversubscription = 1.0;               //!< leaf down:up port ratio; 1 = non-blocking
  double spine_oversubscription = 1.0;  //!< spine down:up ratio in three tiers (pod to core)
  int planes = 1;                   //!< independent planes a NIC's ports are split across [count]
  bool rail_optimized = true;       //!< rail i of every node of a unit on leaf group i
  int scalable_unit_nodes = 0;      //!< node slots per scalable unit; 0 = auto [count]
  int reserved_node_slots = 0;      //!< slots of the first unit held by appliances (UFM) [count]
  int reserved_slot_ports = 0;      //!< fabric ports of each reserved slot, per plane [count]
  bool size_to_full_units = false;  //!< build leaves for whole units, not only occupied ones
  int max_tiers = 3;                //!< most tiers allowed, 1 to 3 [count]
  FabricLayout layout;              //!< reach classification
  MediaPolicy media;                //!< back-end media by reach class

  std::optional<model::CatalogEntry> frontend_switch;  //!< required with front-end ports
  double frontend_oversubscription = 1.0;              //!< front-end leaf down:up ratio
  MediaPolicy frontend_media;                          //!< front-end media by reach class

  std::optional<model::CatalogEntry> oob_switch;  //!< required with out-of-band ports
  double oob_oversubscription = 1.0;              //!< out-of-band leaf down:up ratio
  MediaPolicy oob_media;                          //!< out-of-band media by reach class
  //! Racks per out-of-band island: management networks are built per hall (or room) and joined
  //! by routers, not as one Clos over a whole campus. 0 = one network for the site [count].
  std::int64_t oob_island_racks = 0;
};

}  // namespace rackscale::design
