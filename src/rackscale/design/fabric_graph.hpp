#pragma once
// Link-level materialization of the back-end (scale-out) fabric, for export and for checking the
// closed-form counts. It applies the same construction rules as fabric_clos.cpp one link at a
// time, so its memory grows with the fabric; it refuses sizes above a limit.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/design/fabric.hpp"

namespace rackscale::design {

//! What a vertex of the materialized fabric is.
enum class VertexKind : std::uint8_t { Gpu, Appliance, Switch };

//! Which tiers a link joins.
enum class LinkRole : std::uint8_t { NodeToLeaf = 0, LeafToSpine = 1, SpineToCore = 2 };

//! Stable snake_case names as written to JSON and DOT.
std::string_view to_string(VertexKind kind);
std::string_view to_string(LinkRole role);  //!< "node_to_leaf", "leaf_to_spine", "spine_to_core"

//! One GPU, appliance or switch. GPUs and appliances serve every plane; switches belong to one.
struct FabricVertex {
  VertexKind kind = VertexKind::Gpu;  //!< what it is
  int tier = 0;                       //!< 0 endpoint, 1 leaf, 2 spine, 3 core
  int plane = -1;                     //!< plane of a switch; -1 for endpoints
  std::int64_t group = 0;  //!< node (GPU), slot (appliance), unit (leaf), pod (spine), group (core)
  std::int64_t index = 0;  //!< GPU in node, leaf in unit, spine in pod, core in group
  int radix = 0;           //!< ports [count]
};

//! One cable between a lower and an upper vertex.
struct FabricLink {
  std::int64_t lower = 0;                //!< vertex id nearer the endpoints
  std::int64_t upper = 0;                //!< vertex id of the switch above
  LinkRole role = LinkRole::NodeToLeaf;  //!< tiers joined
  int plane = 0;                         //!< plane [index]
};

//! The materialized back-end fabric: GPUs first, then appliances, then switches.
struct FabricGraph {
  std::vector<FabricVertex> vertices;       //!< indexed by vertex id
  std::vector<FabricLink> links;            //!< grouped by plane, then tier
  int planes = 1;                           //!< [count]
  int tiers = 1;                            //!< [count]
  double leaf_oversubscription = 1.0;       //!< as designed
  double spine_oversubscription = 1.0;      //!< as designed (three tiers)
  std::array<double, 3> link_speed_gbps{};  //!< by LinkRole [Gb/s]
  std::array<ReachClass, 3> link_reach{};   //!< by LinkRole
  std::vector<std::string> tier_models;     //!< switch model by tier - 1
};

//! Default ceiling of materialize_fabric: comfortably above 100k GPUs [count].
inline constexpr std::int64_t kMaterializeMaxGpus = 131'072;

//! Every vertex and link of `fabric`'s back-end; std::invalid_argument above `max_gpus`.
FabricGraph materialize_fabric(const Fabric& fabric, std::int64_t max_gpus = kMaterializeMaxGpus);

//! Readable unique name: "n12.gpu3", "appliance0", "p0.u3.leaf5", "p0.pod2.spine7", "p0.g3.core1".
std::string vertex_name(const FabricVertex& v);

}  // namespace rackscale::design
