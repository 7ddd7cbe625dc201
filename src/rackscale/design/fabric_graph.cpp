#include "rackscale/design/fabric_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace rackscale::design {
namespace {

// Builds one plane after another with the rules of fabric_clos.hpp, enumerating instead of
// multiplying; nothing here reads the closed-form counts except the chosen tier count.
class Builder {
 public:
  Builder(const Fabric& f, FabricGraph& g)
      : g_(g), s_(f.scale_out.shape), gpus_per_node_(f.rack.gpus_per_node) {
    links_per_gpu_ = s_.ports_per_node / gpus_per_node_;
  }

  void add_endpoints() {
    for (std::int64_t n = 0; n < s_.nodes; ++n) {
      for (int q = 0; q < gpus_per_node_; ++q) {
        g_.vertices.push_back({VertexKind::Gpu, 0, -1, n, q, links_per_gpu_ * g_.planes});
      }
    }
    for (int slot = 0; slot < s_.reserved_slots; ++slot) {
      g_.vertices.push_back(
          {VertexKind::Appliance, 0, -1, slot, 0, s_.reserved_slot_ports * g_.planes});
    }
  }

  void add_plane(int plane) {
    plane_ = plane;
    if (g_.tiers == 1) {
      add_single_switch_plane();
      return;
    }
    const PlanePods pods = plane_pods();
    const std::vector<std::int64_t> spines = spines_per_pod(pods);
    const std::vector<std::int64_t> spine_base = add_spines(spines);
    add_leaves_and_uplinks(pods, spines, spine_base);
    if (pods.three_tiers) add_cores(pods, spines, spine_base);
  }

 private:
  // How the scalable units of a plane group into pods, and the spines' port split.
  struct PlanePods {
    std::int64_t units = 0;  // scalable units
    std::int64_t leaves_per_unit = 0;
    bool three_tiers = false;
    std::int64_t units_per_pod = 0;
    std::int64_t pods = 0;
    int spine_down_ports = 0;  // leaf-facing ports of a spine
    int spine_up_ports = 0;    // core-facing ports of a spine (three tiers)

    // The units of pod `pod`: [first, end).
    std::int64_t first_unit(std::int64_t pod) const { return pod * units_per_pod; }
    std::int64_t end_unit(std::int64_t pod) const {
      return std::min(units, (pod + 1) * units_per_pod);
    }
  };

  // One tier: every endpoint port on the one switch.
  void add_single_switch_plane() {
    const std::int64_t sw = add_switch(1, 0, 0, s_.leaf_radix);
    const std::int64_t slots = s_.nodes + s_.reserved_slots;
    for (std::int64_t slot = 0; slot < slots; ++slot) {
      for (int port = 0; port < ports_of_slot(slot); ++port) link_endpoint(slot, port, sw);
    }
  }

  PlanePods plane_pods() const {
    PlanePods p;
    p.units = ceil_div(s_.nodes + s_.reserved_slots, s_.unit_nodes);
    p.leaves_per_unit = leaves_per_unit(s_);
    p.three_tiers = g_.tiers == 3;
    p.units_per_pod = p.three_tiers ? units_per_pod(s_) : p.units;
    p.pods = ceil_div(p.units, p.units_per_pod);
    p.spine_down_ports =
        p.three_tiers ? down_ports(s_.spine_radix, s_.spine_oversubscription) : s_.spine_radix;
    p.spine_up_ports = p.three_tiers ? up_ports(p.spine_down_ports, s_.spine_oversubscription) : 0;
    return p;
  }

  // First pass: the uplinks of each pod's leaves give its spine count.
  std::vector<std::int64_t> spines_per_pod(const PlanePods& pods) const {
    std::vector<std::int64_t> spines(static_cast<std::size_t>(pods.pods));
    for (std::int64_t pod = 0; pod < pods.pods; ++pod) {
      std::int64_t uplinks = 0;
      std::int64_t uplink_gcd = 0;
      for (std::int64_t u = pods.first_unit(pod); u < pods.end_unit(pod); ++u) {
        for (std::int64_t l = 0; l < pods.leaves_per_unit; ++l) {
          const LeafPlan p = plan_leaf(s_, u, l);
          if (!p.built) continue;
          uplinks += p.uplinks;
          uplink_gcd = std::gcd<std::int64_t>(uplink_gcd, p.uplinks);
        }
      }
      spines[static_cast<std::size_t>(pod)] =
          pod_spines(uplinks, uplink_gcd, pods.spine_down_ports);
    }
    return spines;
  }

  // The spines of every pod; returns the vertex index of each pod's first spine.
  std::vector<std::int64_t> add_spines(const std::vector<std::int64_t>& spines) {
    std::vector<std::int64_t> spine_base(spines.size());
    for (std::size_t pod = 0; pod < spines.size(); ++pod) {
      spine_base[pod] = static_cast<std::int64_t>(g_.vertices.size());
      for (std::int64_t j = 0; j < spines[pod]; ++j) {
        add_switch(2, static_cast<std::int64_t>(pod), j, s_.spine_radix);
      }
    }
    return spine_base;
  }

  // Second pass: leaves, their endpoints, and uplinks dealt round-robin over the pod's spines.
  void add_leaves_and_uplinks(const PlanePods& pods, const std::vector<std::int64_t>& spines,
                              const std::vector<std::int64_t>& spine_base) {
    for (std::int64_t pod = 0; pod < pods.pods; ++pod) {
      const auto i = static_cast<std::size_t>(pod);
      add_pod_leaves(pods, pod, spines[i], spine_base[i]);
    }
  }

  // The leaves of one pod with their endpoints, and their uplinks to the pod's `pod_spines`
  // spines from vertex `first_spine` on.
  void add_pod_leaves(const PlanePods& pods, std::int64_t pod, std::int64_t pod_spines,
                      std::int64_t first_spine) {
    std::int64_t next_uplink = 0;
    for (std::int64_t u = pods.first_unit(pod); u < pods.end_unit(pod); ++u) {
      for (std::int64_t l = 0; l < pods.leaves_per_unit; ++l) {
        const LeafPlan p = plan_leaf(s_, u, l);
        if (!p.built) continue;
        const std::int64_t leaf = add_switch(1, u, l, s_.leaf_radix);
        link_leaf_endpoints(u, p, leaf);
        for (int t = 0; t < p.uplinks; ++t, ++next_uplink) {
          g_.links.push_back(
              {leaf, first_spine + next_uplink % pod_spines, LinkRole::LeafToSpine, plane_});
        }
      }
    }
  }

  // Core group j joins spine j of every pod that has one.
  void add_cores(const PlanePods& pods, const std::vector<std::int64_t>& spines,
                 const std::vector<std::int64_t>& spine_base) {
    const std::int64_t groups = *std::max_element(spines.begin(), spines.end());
    for (std::int64_t j = 0; j < groups; ++j) {
      std::int64_t members = 0;
      for (const std::int64_t s : spines) members += s > j ? 1 : 0;
      const std::int64_t cores = group_cores(members, pods.spine_up_ports, s_.spine_radix);
      const auto core_base = static_cast<std::int64_t>(g_.vertices.size());
      for (std::int64_t c = 0; c < cores; ++c) add_switch(3, j, c, s_.spine_radix);
      std::int64_t next_uplink = 0;
      for (std::int64_t pod = 0; pod < pods.pods; ++pod) {
        if (spines[static_cast<std::size_t>(pod)] <= j) continue;
        const std::int64_t spine = spine_base[static_cast<std::size_t>(pod)] + j;
        for (int t = 0; t < pods.spine_up_ports; ++t, ++next_uplink) {
          g_.links.push_back(
              {spine, core_base + next_uplink % cores, LinkRole::SpineToCore, plane_});
        }
      }
    }
  }

  int ports_of_slot(std::int64_t slot) const {
    if (slot < s_.reserved_slots) return s_.reserved_slot_ports;
    if (slot < s_.reserved_slots + s_.nodes) return s_.ports_per_node;
    return 0;
  }

  std::int64_t add_switch(int tier, std::int64_t group, std::int64_t index, int radix) {
    g_.vertices.push_back({VertexKind::Switch, tier, plane_, group, index, radix});
    return static_cast<std::int64_t>(g_.vertices.size()) - 1;
  }

  // Port `port` of slot `slot`: an appliance port, or NIC port port % e of GPU port / e.
  void link_endpoint(std::int64_t slot, int port, std::int64_t leaf) {
    const std::int64_t gpus = s_.nodes * gpus_per_node_;
    const std::int64_t vertex =
        slot < s_.reserved_slots
            ? gpus + slot
            : (slot - s_.reserved_slots) * gpus_per_node_ + port / links_per_gpu_;
    g_.links.push_back({vertex, leaf, LinkRole::NodeToLeaf, plane_});
  }

  void link_leaf_endpoints(std::int64_t unit, const LeafPlan& p, std::int64_t leaf) {
    const std::int64_t base = unit * s_.unit_nodes;
    if (s_.rail_optimized) {
      for (std::int64_t i = p.first; i < p.end; ++i) {
        if (p.rail < ports_of_slot(base + i)) link_endpoint(base + i, p.rail, leaf);
      }
      return;
    }
    for (std::int64_t x = p.first; x < p.end; ++x) {
      const std::int64_t slot = base + x / s_.ports_per_node;
      const auto port = static_cast<int>(x % s_.ports_per_node);
      if (port < ports_of_slot(slot)) link_endpoint(slot, port, leaf);
    }
  }

  FabricGraph& g_;
  const ClosShape& s_;
  int gpus_per_node_ = 1;
  int links_per_gpu_ = 1;
  int plane_ = 0;
};

}  // namespace

std::string_view to_string(VertexKind kind) {
  switch (kind) {
    case VertexKind::Gpu:
      return "gpu";
    case VertexKind::Appliance:
      return "appliance";
    case VertexKind::Switch:
      return "switch";
  }
  return "unknown";
}

std::string_view to_string(LinkRole role) {
  switch (role) {
    case LinkRole::NodeToLeaf:
      return "node_to_leaf";
    case LinkRole::LeafToSpine:
      return "leaf_to_spine";
    case LinkRole::SpineToCore:
      return "spine_to_core";
  }
  return "unknown";
}

std::string vertex_name(const FabricVertex& v) {
  switch (v.kind) {
    case VertexKind::Gpu:
      return fmt::format("n{}.gpu{}", v.group, v.index);
    case VertexKind::Appliance:
      return fmt::format("appliance{}", v.group);
    case VertexKind::Switch:
      break;
  }
  switch (v.tier) {
    case 1:
      return fmt::format("p{}.u{}.leaf{}", v.plane, v.group, v.index);
    case 2:
      return fmt::format("p{}.pod{}.spine{}", v.plane, v.group, v.index);
    default:
      return fmt::format("p{}.g{}.core{}", v.plane, v.group, v.index);
  }
}

FabricGraph materialize_fabric(const Fabric& fabric, std::int64_t max_gpus) {
  if (fabric.gpu_count > max_gpus) {
    throw std::invalid_argument(fmt::format(
        "max_gpus: the fabric has {} GPUs, more than the {} allowed for link-level "
        "materialization; use the closed-form counts of design_fabric, or raise the limit",
        fabric.gpu_count, max_gpus));
  }
  const NetworkDesign& n = fabric.scale_out;
  FabricGraph g;
  g.planes = n.plane_count;
  g.tiers = n.tier_count;
  g.leaf_oversubscription = n.shape.leaf_oversubscription;
  g.spine_oversubscription = n.shape.spine_oversubscription;
  g.link_speed_gbps = {n.endpoint_speed_gbps, n.leaf_spine_speed_gbps, n.spine_core_speed_gbps};
  for (std::size_t i = 0; i < n.links.size(); ++i) g.link_reach[i] = n.links[i].reach;
  for (const TierDesign& t : n.tiers) g.tier_models.push_back(t.switch_model);

  const ClosCounts& c = n.per_plane;
  g.vertices.reserve(static_cast<std::size_t>(fabric.gpu_count + n.shape.reserved_slots +
                                              (c.leaves + c.spines + c.cores) * g.planes));
  g.links.reserve(static_cast<std::size_t>(
      (c.endpoint_links + c.leaf_spine_links + c.spine_core_links) * g.planes));
  Builder b(fabric, g);
  b.add_endpoints();
  for (int plane = 0; plane < g.planes; ++plane) b.add_plane(plane);
  return g;
}

}  // namespace rackscale::design
