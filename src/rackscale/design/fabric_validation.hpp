#pragma once
// Input rules of the fabric engine. Each broken rule becomes one line naming the parameter, its
// value and the rule; all lines are gathered and thrown once as std::invalid_argument.

#include <string_view>

#include "rackscale/design/fabric_types.hpp"

namespace rackscale::design {

//! Links of one GPU into one plane and their speed, from NIC ports and planes.
struct PlanePorts {
  int links_per_gpu = 0;         //!< links per GPU per plane [count]
  double link_speed_gbps = 0.0;  //!< speed of each [Gb/s]
};

//! Throws std::invalid_argument listing every broken rule of the rack system and the policy.
void validate_fabric_inputs(const model::RackSystem& rack, const FabricPolicy& policy);

//! Split of a GPU's NIC ports across planes: n/P ports each, or a port split into P/n lanes.
PlanePorts plane_ports(const model::RackSystem& rack, int planes);

//! Throws std::invalid_argument when `choice` cannot serve a run of `run_m` metres in `reach`.
void validate_media_choice(const MediaChoice& choice, ReachClass reach, std::string_view key,
                           double run_m);

}  // namespace rackscale::design
