// Link-level materialization: invariants over a sweep of shapes and sizes, and agreement with the
// closed-form counts.

#include "rackscale/design/fabric_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "rackscale/design/fabric.hpp"
#include "rackscale/design/fabric_inputs.hpp"
#include "rackscale/io/catalog_loader.hpp"
#include "support/fabric_reference.hpp"

namespace rackscale::design {
namespace {

struct SweepCase {
  std::string name;
  model::RackSystem rack;
  FabricPolicy policy;
  std::vector<std::int64_t> nodes;  // increasing
};

model::RackSystem toy_compute(int gpus_per_node, int nodes_per_rack, double speed_gbps = 400) {
  return rack_system(gpus_per_node, nodes_per_rack, gpus_per_node, speed_gbps);
}

FabricPolicy toy_policy(int ports, double leaf_o, double spine_o, bool rail) {
  FabricPolicy p;
  p.scale_out_switch = switch_entry("toy", ports, 400, 1, 100, 1000);
  p.leaf_oversubscription = leaf_o;
  p.spine_oversubscription = spine_o;
  p.rail_optimized = rail;
  p.media = reference_media();
  return p;
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last, std::int64_t step) {
  std::vector<std::int64_t> v;
  for (std::int64_t n = first; n <= last; n += step) v.push_back(n);
  return v;
}

std::vector<SweepCase> sweep_cases() {
  std::vector<SweepCase> cases;
  const FabricReference h100 = dgx_superpod_h100_reference();
  cases.push_back(
      {"superpod_h100", h100.rack, h100.policy, {1, 7, 8, 31, 32, 63, 100, 255, 256, 600, 1100}});
  SweepCase lean{"superpod_h100_occupied_leaves", h100.rack, h100.policy, {1, 5, 33, 97, 300, 700}};
  lean.policy.size_to_full_units = false;
  cases.push_back(lean);
  SweepCase flat{"h100_not_rail_optimized", h100.rack, h100.policy, {1, 9, 40, 200, 500}};
  flat.policy.rail_optimized = false;
  cases.push_back(flat);
  // k = 8 at 3:1: leaves 6 down + 2 up; three tiers reach 6 x 4 x 8 = 192.
  cases.push_back(
      {"toy_k8_3to1", toy_compute(1, 2), toy_policy(8, 3.0, 1.0, false), range(1, 192, 5)});
  // k = 10 at 1.5:1 (6 down + 4 up), spines at 2:1, 2 rails, 8-slot units over 6-port leaf
  // groups: leaves of 6 and 2 down, so uplinks differ between leaves.
  SweepCase mixed{"toy_k10_mixed_uplinks", toy_compute(2, 4), toy_policy(10, 1.5, 2.0, true), {}};
  mixed.policy.scalable_unit_nodes = 8;
  mixed.policy.reserved_node_slots = 1;
  mixed.policy.reserved_slot_ports = 1;
  mixed.nodes = range(1, 79, 3);  // 3 tiers: 10 pods of one 8-slot unit = 79 nodes
  cases.push_back(mixed);
  SweepCase mixed_full = mixed;
  mixed_full.name = "toy_k10_mixed_uplinks_full_units";
  mixed_full.policy.size_to_full_units = true;
  cases.push_back(mixed_full);
  FabricPolicy sn;
  sn.scale_out_switch = sn5600_switch();
  sn.media = reference_media();
  const model::RackSystem gb300 = gb300_nvl72_compute();
  cases.push_back({"gb300_sn5600", gb300, sn, {18, 90, 504, 522, 1080, 3600}});
  SweepCase planes{"gb300_sn5600_two_planes", gb300, sn, {18, 540, 2160}};
  planes.policy.planes = 2;
  cases.push_back(planes);
  SweepCase mixed_switches{"gb300_sn5600_leaf_q3400_spine", gb300, sn, {18, 720, 1800, 7200}};
  mixed_switches.policy.spine_switch = q3400_switch();
  cases.push_back(mixed_switches);
  // Two 200G NICs per GPU in one plane on 400G ports: two rails per GPU.
  SweepCase dual{"two_nics_per_gpu", toy_compute(8, 4, 200), h100.policy, {1, 31, 63, 200}};
  dual.rack.network.scale_out_ports_per_gpu = 2;
  dual.policy.reserved_node_slots = 0;
  cases.push_back(dual);
  return cases;
}

// The equal-links rule of vendor reference designs (NVIDIA DGX SuperPOD RA, Table 4: every leaf
// has 2 x 400G to each spine in 1 and 2 SU): every switch sends the same number of links to each
// switch above it. Counted from the links alone, so it holds whatever rule built them.
void check_equal_links(const FabricGraph& g, const std::string& label) {
  std::map<std::int64_t, std::map<std::int64_t, std::int64_t>> up_counts;  // lower -> upper -> n
  for (const FabricLink& l : g.links) {
    if (l.role != LinkRole::NodeToLeaf) ++up_counts[l.lower][l.upper];
  }
  for (const auto& [lower, uppers] : up_counts) {
    std::set<std::int64_t> per_upper;
    for (const auto& [upper, n] : uppers) per_upper.insert(n);
    EXPECT_EQ(per_upper.size(), 1u)
        << label << ": switch " << lower << " sends unequal links to the " << uppers.size()
        << " switches above it (" << *per_upper.begin() << " to " << *per_upper.rbegin() << ")";
  }
}

struct GraphTotals {
  std::int64_t switches = 0;
  std::int64_t links = 0;
  std::array<std::int64_t, 4> by_tier{};
};

// Every invariant the brief names, on one materialized fabric.
GraphTotals check_graph(const Fabric& f, const FabricGraph& g, const std::string& label) {
  SCOPED_TRACE(label);
  const NetworkDesign& n = f.scale_out;
  const ClosCounts& c = n.per_plane;
  const std::int64_t planes = n.plane_count;
  const auto vertex_count = static_cast<std::int64_t>(g.vertices.size());
  const int links_per_gpu = n.shape.ports_per_node / f.rack.gpus_per_node;

  GraphTotals t;
  for (const FabricVertex& v : g.vertices) {
    if (v.kind == VertexKind::Switch) ++t.by_tier[static_cast<std::size_t>(v.tier)];
  }
  t.switches = t.by_tier[1] + t.by_tier[2] + t.by_tier[3];
  t.links = static_cast<std::int64_t>(g.links.size());

  // Closed form == materialized.
  EXPECT_EQ(t.by_tier[1], c.leaves * planes);
  EXPECT_EQ(t.by_tier[2], c.spines * planes);
  EXPECT_EQ(t.by_tier[3], c.cores * planes);
  EXPECT_EQ(t.switches, n.switch_count);
  std::array<std::int64_t, 3> by_role{};
  for (const FabricLink& l : g.links) ++by_role[static_cast<std::size_t>(l.role)];
  EXPECT_EQ(by_role[0], c.endpoint_links * planes);
  EXPECT_EQ(by_role[1], c.leaf_spine_links * planes);
  EXPECT_EQ(by_role[2], c.spine_core_links * planes);
  EXPECT_EQ(t.links, n.link_count);
  EXPECT_EQ(f.gpu_count + n.shape.reserved_slots + n.switch_count, vertex_count);

  std::vector<std::int64_t> up(g.vertices.size());
  std::vector<std::int64_t> down(g.vertices.size());
  std::vector<std::int64_t> per_gpu_plane(static_cast<std::size_t>(vertex_count * planes));
  std::vector<std::set<std::int64_t>> neighbours_up(g.vertices.size());
  std::vector<std::set<std::int64_t>> neighbours_down(g.vertices.size());
  for (const FabricLink& l : g.links) {
    if (l.lower < 0 || l.lower >= vertex_count || l.upper < 0 || l.upper >= vertex_count) {
      ADD_FAILURE() << "link end out of range: " << l.lower << " - " << l.upper;
      return t;
    }
    const FabricVertex& lower = g.vertices[static_cast<std::size_t>(l.lower)];
    const FabricVertex& upper = g.vertices[static_cast<std::size_t>(l.upper)];
    EXPECT_EQ(upper.kind, VertexKind::Switch);
    EXPECT_EQ(upper.tier, lower.tier + 1);
    EXPECT_EQ(upper.plane, l.plane);
    if (lower.kind == VertexKind::Switch) {
      EXPECT_EQ(lower.plane, l.plane);
    }
    ++up[static_cast<std::size_t>(l.lower)];
    ++down[static_cast<std::size_t>(l.upper)];
    ++per_gpu_plane[static_cast<std::size_t>(l.lower * planes + l.plane)];
    neighbours_up[static_cast<std::size_t>(l.lower)].insert(l.upper);
    neighbours_down[static_cast<std::size_t>(l.upper)].insert(l.lower);
  }

  // Spines per (plane, pod) and pods per (plane, core group), for the reach-all checks.
  std::map<std::pair<int, std::int64_t>, std::int64_t> spines_in_pod;
  std::map<std::pair<int, std::int64_t>, std::int64_t> pods_with_spine;
  for (const FabricVertex& v : g.vertices) {
    if (v.kind == VertexKind::Switch && v.tier == 2) {
      ++spines_in_pod[{v.plane, v.group}];
      ++pods_with_spine[{v.plane, v.index}];
    }
  }

  check_equal_links(g, label);
  for (std::size_t i = 0; i < g.vertices.size(); ++i) {
    const FabricVertex& v = g.vertices[i];
    if (v.kind == VertexKind::Gpu || v.kind == VertexKind::Appliance) {
      // Every GPU port connected exactly once: links_per_gpu into each plane, nothing else.
      const std::int64_t per_plane =
          v.kind == VertexKind::Gpu ? links_per_gpu : n.shape.reserved_slot_ports;
      for (std::int64_t p = 0; p < planes; ++p) {
        EXPECT_EQ(per_gpu_plane[i * static_cast<std::size_t>(planes) + static_cast<std::size_t>(p)],
                  per_plane)
            << vertex_name(v);
      }
      EXPECT_EQ(up[i], v.radix) << vertex_name(v);
      continue;
    }
    // No switch over its radix.
    EXPECT_LE(up[i] + down[i], v.radix) << vertex_name(v);
    // Up-capacity >= down-capacity / oversubscription.
    if (v.tier == 1 && g.tiers >= 2) {
      EXPECT_GE(static_cast<double>(up[i]) * g.link_speed_gbps[1] * g.leaf_oversubscription,
                static_cast<double>(down[i]) * g.link_speed_gbps[0] - 1e-6)
          << vertex_name(v);
      // Rails: every GPU on a rail-optimized leaf has the same index in its node.
      if (n.rail_optimized) {
        std::set<std::int64_t> rails;
        for (const std::int64_t d : neighbours_down[i]) {
          const FabricVertex& e = g.vertices[static_cast<std::size_t>(d)];
          if (e.kind == VertexKind::Gpu) rails.insert(e.index);
        }
        EXPECT_LE(rails.size(), 1u) << vertex_name(v);
      }
      // A leaf reaches every spine of its pod.
      const std::int64_t pod = g.tiers == 3 ? v.group / n.scalable_units_per_pod : 0;
      EXPECT_EQ(static_cast<std::int64_t>(neighbours_up[i].size()), (spines_in_pod[{v.plane, pod}]))
          << vertex_name(v);
    }
    if (v.tier == 2 && g.tiers == 3) {
      EXPECT_GE(static_cast<double>(up[i]) * g.link_speed_gbps[2] * g.spine_oversubscription,
                static_cast<double>(down[i]) * g.link_speed_gbps[1] - 1e-6)
          << vertex_name(v);
    }
    if (v.tier == 3) {
      // A core switch reaches every pod that has a spine in its group.
      std::set<std::int64_t> pods;
      for (const std::int64_t d : neighbours_down[i]) {
        pods.insert(g.vertices[static_cast<std::size_t>(d)].group);
      }
      EXPECT_EQ(static_cast<std::int64_t>(pods.size()), (pods_with_spine[{v.plane, v.group}]))
          << vertex_name(v);
    }
  }
  return t;
}

TEST(FabricGraph, InvariantsOverSweep) {
  for (const SweepCase& sc : sweep_cases()) {
    GraphTotals last;
    for (const std::int64_t nodes : sc.nodes) {
      const Fabric f = design_fabric_for_nodes(sc.rack, sc.policy, nodes);
      const FabricGraph g = materialize_fabric(f);
      const std::string label = sc.name + " nodes=" + std::to_string(nodes) +
                                " tiers=" + std::to_string(f.scale_out.tier_count);
      const GraphTotals t = check_graph(f, g, label);
      // Counts never decrease as the size grows.
      EXPECT_GE(t.switches, last.switches) << label;
      EXPECT_GE(t.links, last.links) << label;
      EXPECT_GE(t.by_tier[1], last.by_tier[1]) << label;
      last = t;
    }
  }
}

// Every catalog rack system on every catalog switch fast enough for its NICs, from one rack up
// to 40,000 GPUs, in two and three tiers: the equal-links rule and every invariant above.
TEST(FabricGraph, EqualLinksOverCatalog) {
  constexpr std::int64_t kMaxCheckedGpus = 40'000;  // three tiers of 64-port switches and more
  const model::Catalog catalog = io::load_catalog();
  std::set<int> tiers_seen;
  int designs = 0;
  for (const auto& [rack_name, rack_entry] : catalog.entries()) {
    const auto* rack = std::get_if<model::RackSystem>(&rack_entry.spec);
    if (rack == nullptr) continue;
    for (const auto& [switch_name, sw_entry] : catalog.entries()) {
      const auto* sw = std::get_if<model::Switch>(&sw_entry.spec);
      if (sw == nullptr || sw->port_speed < rack->network.scale_out_port_speed) continue;
      model::FabricPolicy scenario_policy;
      scenario_policy.scale_out_switch = sw_entry.name;
      scenario_policy.frontend_switch = "SN5600";
      scenario_policy.oob_switch = "SN2201";
      scenario_policy.oob_oversubscription = 11;
      FabricPolicy policy = fabric_policy(scenario_policy, catalog, *rack, FabricLayout{}, 0);
      for (const double spine_o : {1.0, 2.0}) {
        policy.spine_oversubscription = spine_o;
        for (std::int64_t racks = 1; racks * rack->gpus_per_rack() <= kMaxCheckedGpus;
             racks = racks * 3 + 1) {
          const std::string label = rack_name + " on " + switch_name +
                                    " racks=" + std::to_string(racks) +
                                    " spine 1:" + std::to_string(spine_o);
          Fabric f;
          try {
            f = design_fabric(*rack, policy, racks);
          } catch (const std::invalid_argument&) {
            continue;  // past what three tiers of this switch reach: nothing produced
          }
          check_equal_links(materialize_fabric(f), label);
          tiers_seen.insert(f.scale_out.tier_count);
          ++designs;
        }
      }
    }
  }
  EXPECT_GT(designs, 50);
  EXPECT_TRUE(tiers_seen.count(2) == 1 && tiers_seen.count(3) == 1);
}

TEST(FabricGraph, SweepCoversEveryTierCount) {
  std::set<int> seen;
  for (const SweepCase& sc : sweep_cases()) {
    for (const std::int64_t nodes : sc.nodes) {
      seen.insert(design_fabric_for_nodes(sc.rack, sc.policy, nodes).scale_out.tier_count);
    }
  }
  EXPECT_EQ(seen, (std::set<int>{1, 2, 3}));
}

// Every node of the smallest reference reaches every other within one plane.
TEST(FabricGraph, PlaneIsConnected) {
  const FabricReference r = dgx_superpod_h100_reference();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 1100);  // three tiers
  ASSERT_EQ(f.scale_out.tier_count, 3);
  const FabricGraph g = materialize_fabric(f);
  std::vector<std::vector<std::int64_t>> adj(g.vertices.size());
  for (const FabricLink& l : g.links) {
    adj[static_cast<std::size_t>(l.lower)].push_back(l.upper);
    adj[static_cast<std::size_t>(l.upper)].push_back(l.lower);
  }
  std::vector<bool> seen(g.vertices.size());
  std::vector<std::int64_t> stack{0};
  seen[0] = true;
  while (!stack.empty()) {
    const std::int64_t v = stack.back();
    stack.pop_back();
    for (const std::int64_t w : adj[static_cast<std::size_t>(v)]) {
      if (!seen[static_cast<std::size_t>(w)]) {
        seen[static_cast<std::size_t>(w)] = true;
        stack.push_back(w);
      }
    }
  }
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](bool b) { return b; }));
}

// 100k GPUs: GB300 NVL72 on Q3400, three tiers, every count equal to the closed form.
TEST(FabricGraph, HundredThousandGpus) {
  FabricPolicy p;
  p.scale_out_switch = q3400_switch();
  p.media = reference_media();
  const Fabric f = design_fabric_for_nodes(gb300_nvl72_compute(), p, 25'000);
  ASSERT_EQ(f.gpu_count, 100'000);
  ASSERT_EQ(f.scale_out.tier_count, 3);
  const FabricGraph g = materialize_fabric(f);
  EXPECT_EQ(static_cast<std::int64_t>(g.links.size()), f.scale_out.link_count);
  std::array<std::int64_t, 4> by_tier{};
  for (const FabricVertex& v : g.vertices) {
    if (v.kind == VertexKind::Switch) ++by_tier[static_cast<std::size_t>(v.tier)];
  }
  EXPECT_EQ(by_tier[1], f.scale_out.tiers.at(0).switch_count);
  EXPECT_EQ(by_tier[2], f.scale_out.tiers.at(1).switch_count);
  EXPECT_EQ(by_tier[3], f.scale_out.tiers.at(2).switch_count);
}

TEST(FabricGraph, RefusesAboveTheLimit) {
  const FabricReference r = dgx_superpod_h100_reference();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 200);
  try {
    (void)materialize_fabric(f, 1000);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("max_gpus: the fabric has 1600 GPUs, more than the 1000"),
              std::string::npos)
        << e.what();
  }
}

TEST(FabricGraph, VertexNames) {
  EXPECT_EQ(vertex_name({VertexKind::Gpu, 0, -1, 12, 3, 1}), "n12.gpu3");
  EXPECT_EQ(vertex_name({VertexKind::Appliance, 0, -1, 0, 0, 4}), "appliance0");
  EXPECT_EQ(vertex_name({VertexKind::Switch, 1, 0, 3, 5, 64}), "p0.u3.leaf5");
  EXPECT_EQ(vertex_name({VertexKind::Switch, 2, 1, 2, 7, 64}), "p1.pod2.spine7");
  EXPECT_EQ(vertex_name({VertexKind::Switch, 3, 0, 3, 1, 64}), "p0.g3.core1");
}

}  // namespace
}  // namespace rackscale::design
