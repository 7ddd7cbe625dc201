#pragma once
// The network-fabric engine: scale-up domains, the back-end (scale-out) folded Clos, the
// front-end and out-of-band networks, with counts, power, cost, bisection and failure figures.
// Pure functions; every count is closed-form, so a million GPUs cost microseconds.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/design/fabric_clos.hpp"
#include "rackscale/design/fabric_types.hpp"

namespace rackscale::design {

//! The NVLink (scale-up) domains of the rack systems; never routed through the scale-out fabric.
struct ScaleUpDesign {
  int gpus_per_domain = 0;              //!< [count]
  std::int64_t domain_count = 0;        //!< domains started, the last may be partial [count]
  std::int64_t switch_tray_count = 0;   //!< NVLink switch trays [count]
  std::int64_t link_count = 0;          //!< GPU-to-NVSwitch links [count]
  bool spans_nodes = false;             //!< true when the domain crosses nodes over cables (NVL72)
  std::int64_t copper_cable_count = 0;  //!< links carried by the rack's copper spine [count]
};

//! The switches of one tier of one network, all planes together.
struct TierDesign {
  std::string name;                  //!< "leaf", "spine" or "core"
  std::string switch_model;          //!< switch model name
  std::int64_t switch_count = 0;     //!< [count]
  int ports_per_switch = 0;          //!< ports in the mode used [count]
  double port_speed_gbps = 0.0;      //!< port speed in the mode used [Gb/s]
  std::int64_t ports_down_used = 0;  //!< ports facing the tier below [count]
  std::int64_t ports_up_used = 0;    //!< ports facing the tier above [count]
  std::int64_t ports_spare = 0;      //!< ports unused [count]
  double power_w = 0.0;              //!< typical, without optics [W]
  double cost_usd = 0.0;             //!< [USD]
  std::int64_t rack_units = 0;       //!< [U]
};

//! What plugs into one end of the links of a group: a switch cage or a NIC cage.
struct LinkEndDesign {
  std::string cage;                    //!< "switch" or "nic"
  std::string transceiver_model;       //!< module, empty when the cable needs none
  std::int64_t transceiver_count = 0;  //!< modules (a twin-port module serves two links) [count]
};

//! The links between two tiers of one network, all planes together, with their media.
struct LinkGroupDesign {
  std::string name;                       //!< "node_to_leaf", "leaf_to_spine" or "spine_to_core"
  ReachClass reach = ReachClass::InRack;  //!< distance class of the runs
  std::int64_t link_count = 0;            //!< [count]
  double link_speed_gbps = 0.0;           //!< [Gb/s]
  std::string cable_model;                //!< cable chosen for the reach class
  std::int64_t cable_count = 0;           //!< one per link [count]
  LinkEndDesign lower_end;                //!< the end nearer the endpoints
  LinkEndDesign upper_end;                //!< the switch above
  std::int64_t transceiver_count = 0;     //!< modules at both ends [count]
  double power_w = 0.0;                   //!< cables and modules [W]
  double cost_usd = 0.0;                  //!< cables and modules [USD]
};

//! How far a tier count reaches with the chosen switches.
struct TierReach {
  int tiers = 0;                               //!< [count]
  std::int64_t ideal_endpoints_per_plane = 0;  //!< k, k*d, k*d*d_s (k^2/2, k^3/4) [count]
  std::int64_t max_nodes = 0;                  //!< most nodes the rules fit (units, slots) [count]
  std::int64_t max_endpoints_per_plane = 0;    //!< endpoints at max_nodes [count]
};

//! What one spine failure costs; meaningful from two tiers up.
struct SpineFailure {
  bool applicable = false;               //!< false for a one-tier network
  double lost_bandwidth_gbps = 0.0;      //!< leaf-up capacity through the busiest spine [Gb/s]
  double lost_fraction_of_pod = 0.0;     //!< of its pod's (or plane's) leaf-up capacity [0-1]
  double lost_fraction_of_fabric = 0.0;  //!< of all planes' leaf-up capacity [0-1]
};

//! One network (back-end, front-end or out-of-band) with its counts, power and cost.
struct NetworkDesign {
  std::string name;                  //!< "scale_out", "frontend" or "oob"
  int tier_count = 0;                //!< tiers built [count]
  int plane_count = 1;               //!< independent planes [count]
  bool rail_optimized = false;       //!< rails on separate leaf groups
  int rails = 0;                     //!< ports per node per plane (rails when optimized) [count]
  std::int64_t endpoint_count = 0;   //!< endpoint ports, all planes, appliances included [count]
  double endpoint_speed_gbps = 0.0;  //!< endpoint link speed [Gb/s]
  int scalable_unit_nodes = 0;       //!< node slots per unit [count]
  std::int64_t scalable_unit_count = 0;     //!< [count]
  std::int64_t pod_count = 0;               //!< pods in three tiers, else 0 [count]
  std::int64_t scalable_units_per_pod = 0;  //!< [count]
  std::vector<TierDesign> tiers;            //!< leaf first
  std::vector<LinkGroupDesign> links;       //!< endpoint links first
  std::int64_t switch_count = 0;            //!< all tiers and planes [count]
  std::int64_t link_count = 0;              //!< all link groups [count]
  double power_w = 0.0;                     //!< switches, cables and modules [W]
  double cost_usd = 0.0;                    //!< switches, cables and modules [USD]
  std::int64_t rack_units = 0;              //!< switch height in total [U]
  double bisection_bandwidth_gbps = 0.0;    //!< half the narrowest tier cut, all planes [Gb/s]
  int worst_case_switch_hops = 0;           //!< switches on the longest shortest path [count]
  SpineFailure spine_failure;               //!< loss from the busiest spine failing
  std::array<TierReach, 3> reach{};         //!< what 1, 2 and 3 tiers reach with these switches
  ClosShape shape;                     //!< the per-plane construction input (for materializing)
  ClosCounts per_plane;                //!< closed-form counts of one plane
  double leaf_spine_speed_gbps = 0.0;  //!< [Gb/s]
  double spine_core_speed_gbps = 0.0;  //!< [Gb/s]
};

//! Cables and modules of one reach class over all networks.
struct ReachTotals {
  std::int64_t cable_count = 0;        //!< [count]
  std::int64_t transceiver_count = 0;  //!< modules [count]
  double power_w = 0.0;                //!< [W]
  double cost_usd = 0.0;               //!< [USD]
};

//! Sums over every network (NVLink trays and NICs are in the rack system, not here).
struct FabricTotals {
  std::int64_t switch_count = 0;          //!< [count]
  std::int64_t link_count = 0;            //!< [count]
  std::int64_t rack_units = 0;            //!< [U]
  double switch_power_w = 0.0;            //!< [W]
  double media_power_w = 0.0;             //!< cables and modules [W]
  double power_w = 0.0;                   //!< network power [W]
  double switch_cost_usd = 0.0;           //!< [USD]
  double media_cost_usd = 0.0;            //!< [USD]
  double cost_usd = 0.0;                  //!< network cost [USD]
  std::array<ReachTotals, 3> by_reach{};  //!< indexed by ReachClass
};

//! The fabric of one site: inputs echoed, then every network designed.
struct Fabric {
  model::RackSystem rack;                 //!< as given
  FabricPolicy policy;                    //!< as given
  std::int64_t node_count = 0;            //!< [count]
  std::int64_t rack_count = 0;            //!< racks holding the nodes [count]
  std::int64_t gpu_count = 0;             //!< [count]
  ScaleUpDesign scale_up;                 //!< NVLink domains
  NetworkDesign scale_out;                //!< back-end GPU fabric
  std::optional<NetworkDesign> frontend;  //!< when the nodes have front-end ports
  std::optional<NetworkDesign> oob;       //!< when the nodes have management ports
  FabricTotals totals;                    //!< all networks
};

//! Design every network for `racks` full racks of `rack`; throws std::invalid_argument on bad
//! input.
Fabric design_fabric(const model::RackSystem& rack, const FabricPolicy& policy, std::int64_t racks);

//! Design for an exact node count (the last rack may be partial); throws std::invalid_argument.
Fabric design_fabric_for_nodes(const model::RackSystem& rack, const FabricPolicy& policy,
                               std::int64_t nodes);

}  // namespace rackscale::design
