// Closed-form fabric design: published reference designs, hand-computed small cases, scale and
// input errors. The arithmetic of each hand case is in its comments.

#include "rackscale/design/fabric.hpp"
#include "support/fabric_reference.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace rackscale::design {
namespace {

// One GPU per node, a toy switch, non-rail: the textbook folded Clos.
model::RackSystem single_gpu_nodes(int nodes_per_rack) {
  return rack_system(1, nodes_per_rack, 1, 400);
}

FabricPolicy toy_policy(int ports, double leaf_oversubscription = 1.0) {
  FabricPolicy p;
  p.scale_out_switch = switch_entry("toy", ports, 400, 1, 1000, 20000);
  p.rail_optimized = false;
  p.leaf_oversubscription = leaf_oversubscription;
  p.media = reference_media();
  return p;
}

const TierDesign& tier(const NetworkDesign& n, std::size_t i) {
  return n.tiers.at(i);
}

// ---------------------------------------------------------------------------------------------
// Published reference designs (each figure with its source; all listed in docs/sources.md,
// Network).

// NVIDIA DGX SuperPOD Reference Architecture RA-11333-001 v11 (2023), Table 4: 1 SU = 31 DGX
// H100 + UFM -> 8 leaf, 4 spine QM9700, 252 node+UFM-to-leaf cables, 256 leaf-to-spine cables.
TEST(FabricReference, SuperPodH100OneUnit) {
  const FabricReference r = dgx_superpod_h100_reference();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 31);
  EXPECT_EQ(f.gpu_count, 248);
  ASSERT_EQ(f.scale_out.tier_count, 2);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 8);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 4);
  EXPECT_EQ(f.scale_out.links.at(0).link_count, 252);  // 31 x 8 GPUs + 4 UFM ports
  EXPECT_EQ(f.scale_out.links.at(1).link_count, 256);  // 8 leaves x 32 uplinks
  EXPECT_EQ(f.scale_out.scalable_unit_count, 1);
}

// Same table, 2 SUs = 63 DGX H100 + UFM -> 16 leaf, 8 spine, 508 and 512 cables.
TEST(FabricReference, SuperPodH100TwoUnits) {
  const FabricReference r = dgx_superpod_h100_reference();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 63);
  EXPECT_EQ(f.gpu_count, 504);
  ASSERT_EQ(f.scale_out.tier_count, 2);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 16);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 8);
  EXPECT_EQ(f.scale_out.links.at(0).link_count, 508);  // 63 x 8 + 4
  EXPECT_EQ(f.scale_out.links.at(1).link_count, 512);  // 16 x 32
}

// Sizing for whole units is what makes 1 SU need 8 leaves even with one node: a policy option.
TEST(FabricReference, SuperPodSizesForWholeUnits) {
  const FabricReference r = dgx_superpod_h100_reference();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 20);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 8);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 4);
  EXPECT_EQ(f.scale_out.links.at(0).link_count, 20 * 8 + 4);
  EXPECT_EQ(f.scale_out.links.at(1).link_count, 256);
}

// DGX SuperPOD B300 with Spectrum-4: 1 SU = 64 nodes / 512 GPUs -> 16 leaf + 8 spine SN5600.
// 800 GbE per GPU on 64 x 800 GbE: a leaf has 32 down + 32 up; 8 rails x 64 nodes / 32 = 16
// leaves; 16 x 32 = 512 uplinks / 64 ports = 8 spines.
TEST(FabricReference, SuperPodB300Spectrum4OneUnit) {
  const FabricReference r = dgx_superpod_b300_spectrum4_reference();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 64);
  EXPECT_EQ(f.gpu_count, 512);
  ASSERT_EQ(f.scale_out.tier_count, 2);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 16);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 8);
  EXPECT_EQ(tier(f.scale_out, 0).ports_per_switch, 64);
  EXPECT_DOUBLE_EQ(tier(f.scale_out, 0).port_speed_gbps, 800);
}

// ---------------------------------------------------------------------------------------------
// Hand-computed small cases.

// One tier: 4 DGX-like nodes x 8 GPUs = 32 endpoints <= 64 ports: one switch, 32 spare.
// Bisection = 32 x 400 / 2 = 6,400 Gb/s; 1 switch hop; no spine to lose.
TEST(FabricHand, OneTier) {
  FabricReference r = dgx_superpod_h100_reference();
  r.policy.reserved_node_slots = 0;
  r.policy.reserved_slot_ports = 0;
  const Fabric f = design_fabric(r.rack, r.policy, 1);  // 1 rack = 4 nodes
  ASSERT_EQ(f.scale_out.tier_count, 1);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 1);
  EXPECT_EQ(tier(f.scale_out, 0).ports_down_used, 32);
  EXPECT_EQ(tier(f.scale_out, 0).ports_spare, 32);
  EXPECT_DOUBLE_EQ(f.scale_out.bisection_bandwidth_gbps, 6400);
  EXPECT_EQ(f.scale_out.worst_case_switch_hops, 1);
  EXPECT_FALSE(f.scale_out.spine_failure.applicable);
}

// Two tiers non-blocking, k = 8: a leaf has 4 down + 4 up. 24 nodes -> 6 leaves, 24 uplinks;
// ports alone need ceil(24 / 8) = 3 spines, but each leaf must send the same number of links to
// every spine, so the spine count divides 4: 4 spines, one link from each leaf. Ideal 2-tier
// size k^2/2 = 32. Spine loads 6/6/6/6; one spine is 1/4 of the leaf-up capacity.
TEST(FabricHand, TwoTiersNonBlocking) {
  const Fabric f = design_fabric_for_nodes(single_gpu_nodes(4), toy_policy(8), 24);
  ASSERT_EQ(f.scale_out.tier_count, 2);
  EXPECT_EQ(f.scale_out.per_plane.leaf_down, 4);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 6);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 4);
  EXPECT_EQ(f.scale_out.links.at(1).link_count, 24);
  EXPECT_EQ(f.scale_out.reach[1].ideal_endpoints_per_plane, 32);
  EXPECT_EQ(f.scale_out.reach[1].max_nodes, 32);
  EXPECT_DOUBLE_EQ(f.scale_out.bisection_bandwidth_gbps, 0.5 * 24 * 400);
  EXPECT_NEAR(f.scale_out.spine_failure.lost_fraction_of_pod, 1.0 / 4.0, 1e-12);
  EXPECT_DOUBLE_EQ(f.scale_out.spine_failure.lost_bandwidth_gbps, 6 * 400);
}

// Two tiers at 3:1, k = 64: d + ceil(d/3) <= 64 -> d = 48, up = 16. 480 nodes -> 10 leaves,
// 160 uplinks; ports need ceil(160 / 64) = 3 spines, equal links need a divisor of 16: 4 spines
// of 40 links (4 from each leaf). Bisection = min(480, 160) x 400 / 2
// = 32,000 Gb/s: the leaf uplinks are the cut. Ideal size 48 x 64 = 3,072.
TEST(FabricHand, TwoTiersThreeToOne) {
  const Fabric f = design_fabric_for_nodes(single_gpu_nodes(48), toy_policy(64, 3.0), 480);
  ASSERT_EQ(f.scale_out.tier_count, 2);
  EXPECT_EQ(f.scale_out.per_plane.leaf_down, 48);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 10);
  EXPECT_EQ(tier(f.scale_out, 0).ports_up_used, 160);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 4);
  EXPECT_EQ(f.scale_out.per_plane.max_spine_down_links, 40);
  EXPECT_DOUBLE_EQ(f.scale_out.bisection_bandwidth_gbps, 32000);
  EXPECT_EQ(f.scale_out.reach[1].ideal_endpoints_per_plane, 3072);
}

// Three tiers, k = 4 (the textbook fat tree): 16 hosts = k^3/4. Leaves 2 down + 2 up; a unit is
// 2 nodes (one leaf); a pod holds 2 spines x 2 down = 4 leaf uplinks = 2 units = 4 hosts;
// 4 pods x 2 spines = 8 spines; core group j (one per pod-spine index, 2 groups) takes
// 4 pods x 2 uplinks / 4 ports = 2 cores -> 4 cores. 20 switches = 5k^2/4, 48 links.
TEST(FabricHand, ThreeTiersFatTreeK4) {
  const Fabric f = design_fabric_for_nodes(single_gpu_nodes(1), toy_policy(4), 16);
  ASSERT_EQ(f.scale_out.tier_count, 3);
  EXPECT_EQ(f.scale_out.pod_count, 4);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 8);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 8);
  EXPECT_EQ(tier(f.scale_out, 2).switch_count, 4);
  EXPECT_EQ(f.scale_out.link_count, 48);
  EXPECT_EQ(f.scale_out.reach[2].ideal_endpoints_per_plane, 16);
  EXPECT_EQ(f.scale_out.worst_case_switch_hops, 5);
  EXPECT_THROW(design_fabric_for_nodes(single_gpu_nodes(1), toy_policy(4), 17),
               std::invalid_argument);
}

// Three tiers of QM9700 past the 2-tier limit: 1,000 DGX + UFM = 1,001 slots -> 32 units of 32.
// A pod holds 32 spines x 32 down / (8 leaves x 32 up) = 4 units; 8 pods of 32 leaves and 32
// spines; 32 core groups x ceil(8 pods x 32 up / 64) = 4 -> 128 cores.
TEST(FabricHand, ThreeTiersSuperPodScale) {
  const FabricReference r = dgx_superpod_h100_reference();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 1000);
  ASSERT_EQ(f.scale_out.tier_count, 3);
  EXPECT_EQ(f.scale_out.scalable_units_per_pod, 4);
  EXPECT_EQ(f.scale_out.pod_count, 8);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 256);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 256);
  EXPECT_EQ(tier(f.scale_out, 2).switch_count, 128);
  EXPECT_EQ(f.scale_out.links.at(0).link_count, 8004);
}

// The largest size each tier count reaches with a 64-port switch: k, k^2/2, k^3/4; with a
// 144-port switch: 144, 10,368, 746,496.
TEST(FabricHand, IdealReachPerTierCount) {
  const FabricReference r = dgx_superpod_h100_reference();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 31);
  EXPECT_EQ(f.scale_out.reach[0].ideal_endpoints_per_plane, 64);
  EXPECT_EQ(f.scale_out.reach[1].ideal_endpoints_per_plane, 2048);
  EXPECT_EQ(f.scale_out.reach[2].ideal_endpoints_per_plane, 65536);
  // By construction: (64 - 4 UFM) / 8 = 7 nodes on one switch; 8 units of 32 slots in two tiers
  // (64 leaves), less the UFM slot = 255 nodes.
  EXPECT_EQ(f.scale_out.reach[0].max_nodes, 7);
  EXPECT_EQ(f.scale_out.reach[1].max_nodes, 255);

  FabricPolicy q;
  q.scale_out_switch = q3400_switch();
  q.media = reference_media();
  const Fabric g = design_fabric(gb300_nvl72_compute(), q, 1);
  EXPECT_EQ(g.scale_out.reach[0].ideal_endpoints_per_plane, 144);
  EXPECT_EQ(g.scale_out.reach[1].ideal_endpoints_per_plane, 10368);
  EXPECT_EQ(g.scale_out.reach[2].ideal_endpoints_per_plane, 746496);
}

// Oversubscription raises the reach: k = 64 at 3:1 leaves: 48 x 64 = 3,072 in two tiers,
// 48 x 32 x 64 = 98,304 in three.
TEST(FabricHand, OversubscribedReach) {
  const Fabric f = design_fabric_for_nodes(single_gpu_nodes(16), toy_policy(64, 3.0), 16);
  EXPECT_EQ(f.scale_out.reach[1].ideal_endpoints_per_plane, 3072);
  EXPECT_EQ(f.scale_out.reach[2].ideal_endpoints_per_plane, 98304);
}

// Power and cost: one tier of 32 endpoints over in-row multimode (8 racks > 1 rack, so the
// lone switch's runs are in the row): 32 cables + 64 modules x 9 W = 576 W; switch 1,000 W.
TEST(FabricHand, PowerAndCost) {
  model::RackSystem c = single_gpu_nodes(4);
  FabricPolicy p = toy_policy(64);
  p.media.in_row.cable.price_usd = 100;
  p.media.in_row.transceiver->price_usd = 500;
  const Fabric f = design_fabric_for_nodes(c, p, 32);
  ASSERT_EQ(f.scale_out.tier_count, 1);
  const LinkGroupDesign& g = f.scale_out.links.at(0);
  EXPECT_EQ(g.reach, ReachClass::InRow);
  EXPECT_EQ(g.cable_count, 32);
  EXPECT_EQ(g.transceiver_count, 64);
  EXPECT_DOUBLE_EQ(g.power_w, 64 * 9.0);
  EXPECT_DOUBLE_EQ(g.cost_usd, 32 * 100.0 + 64 * 500.0);
  EXPECT_DOUBLE_EQ(f.totals.power_w, 1000 + 576);
  EXPECT_DOUBLE_EQ(f.totals.cost_usd, 20000 + 3200 + 32000);
  EXPECT_EQ(f.totals.by_reach[1].transceiver_count, 64);
}

// ---------------------------------------------------------------------------------------------
// Rules and options.

TEST(FabricRules, FullUnitsVersusOccupiedLeaves) {
  // B300 units of 64 nodes with 32-port leaf halves: 20 nodes occupy only the first half of each
  // rail, so building occupied leaves gives 8 leaves and 256/64 = 4 spines instead of 16 and 8.
  FabricReference r = dgx_superpod_b300_spectrum4_reference();
  const Fabric full = design_fabric_for_nodes(r.rack, r.policy, 20);
  r.policy.size_to_full_units = false;
  const Fabric lean = design_fabric_for_nodes(r.rack, r.policy, 20);
  EXPECT_EQ(tier(full.scale_out, 0).switch_count, 16);
  EXPECT_EQ(tier(full.scale_out, 1).switch_count, 8);
  EXPECT_EQ(tier(lean.scale_out, 0).switch_count, 8);
  EXPECT_EQ(tier(lean.scale_out, 1).switch_count, 4);
}

TEST(FabricRules, ReachClassesFollowTheLayout) {
  const FabricReference r = dgx_superpod_h100_reference();
  // A unit spans 32 / 4 = 8 racks: in the row when a row holds 16 racks.
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 63);
  EXPECT_EQ(f.scale_out.links.at(0).reach, ReachClass::InRow);
  EXPECT_EQ(f.scale_out.links.at(1).reach, ReachClass::Hall);
  // With 4 racks per row the unit crosses rows: across the hall.
  FabricPolicy p = r.policy;
  p.layout.racks_per_row = 4;
  const Fabric g = design_fabric_for_nodes(r.rack, p, 63);
  EXPECT_EQ(g.scale_out.links.at(0).reach, ReachClass::Hall);
}

TEST(FabricRules, TopOfRackLeavesAreInRack) {
  // NVL72 rack, not rail-optimized, Q3400 leaves: 72 endpoints fill one leaf's 72 down ports,
  // so a leaf serves one rack and copper suffices when the floor allows it.
  FabricPolicy p;
  p.scale_out_switch = q3400_switch();
  p.rail_optimized = false;
  p.layout.node_to_leaf = ReachClass::InRack;
  p.media = reference_media();
  const Fabric f = design_fabric(gb300_nvl72_compute(), p, 8);
  ASSERT_EQ(f.scale_out.tier_count, 2);
  EXPECT_EQ(f.scale_out.scalable_unit_nodes, 18);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 8);
  EXPECT_EQ(f.scale_out.links.at(0).reach, ReachClass::InRack);
  EXPECT_EQ(f.scale_out.links.at(0).transceiver_count, 0);
}

TEST(FabricRules, ScaleUpDomains) {
  // GB300 NVL72: 72-GPU domains over the copper spine, 9 trays per rack, 18 links per GPU.
  FabricPolicy p;
  p.scale_out_switch = q3400_switch();
  p.media = reference_media();
  const Fabric f = design_fabric(gb300_nvl72_compute(), p, 10);
  EXPECT_EQ(f.scale_up.gpus_per_domain, 72);
  EXPECT_EQ(f.scale_up.domain_count, 10);
  EXPECT_EQ(f.scale_up.switch_tray_count, 90);
  EXPECT_EQ(f.scale_up.link_count, 720 * 18);
  EXPECT_TRUE(f.scale_up.spans_nodes);
  EXPECT_EQ(f.scale_up.copper_cable_count, 720 * 18);
  // HGX: the domain is the node's baseboard; no trays, no cables.
  const FabricReference h = dgx_superpod_h100_reference();
  const Fabric g = design_fabric_for_nodes(h.rack, h.policy, 31);
  EXPECT_EQ(g.scale_up.domain_count, 31);
  EXPECT_FALSE(g.scale_up.spans_nodes);
  EXPECT_EQ(g.scale_up.copper_cable_count, 0);
}

// GB300 NVL72 on Q3400: 128 racks = 2,304 trays = 9,216 GPUs. Units of lcm(18, 72) = 72 trays
// (4 racks) with 4 rail leaves of 72 down + 72 up: 32 units -> 128 leaves, 9,216 uplinks;
// ports need 9,216 / 144 = 64 spines, equal links a divisor of 72: 72 spines of 128 links (one
// from each leaf): two tiers, 200 switches.
TEST(FabricScale, Gb300Nvl72WithQ3400) {
  FabricPolicy p;
  p.scale_out_switch = q3400_switch();
  p.media = reference_media();
  const Fabric f = design_fabric(gb300_nvl72_compute(), p, 128);
  EXPECT_EQ(f.gpu_count, 9216);
  ASSERT_EQ(f.scale_out.tier_count, 2);
  EXPECT_EQ(f.scale_out.scalable_unit_nodes, 72);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 128);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 72);
  EXPECT_EQ(f.scale_out.switch_count, 200);
  EXPECT_DOUBLE_EQ(f.scale_out.bisection_bandwidth_gbps, 0.5 * 9216 * 800);
}

// Same racks on SN5600 (64 x 800 GbE): two tiers reach 32 x 64 = 2,048 GPUs, so three.
// lcm(18, 32) = 288 trays would be 36 leaves, more than a pod's 32, so units are 32 trays
// (4 leaves). A pod: 32 spines x 32 down / (4 x 32) = 8 units; 72 units -> 9 pods of 32 spines;
// 32 core groups of 9 spines x 32 uplinks: ports need ceil(288 / 64) = 5 cores, equal links a
// divisor of 32: 8 cores (4 links from each spine) -> 256 cores; 288 + 288 + 256 = 832.
TEST(FabricScale, Gb300Nvl72WithSn5600) {
  FabricPolicy p;
  p.scale_out_switch = sn5600_switch();
  p.media = reference_media();
  const Fabric f = design_fabric(gb300_nvl72_compute(), p, 128);
  ASSERT_EQ(f.scale_out.tier_count, 3);
  EXPECT_EQ(f.scale_out.scalable_unit_nodes, 32);
  EXPECT_EQ(f.scale_out.scalable_units_per_pod, 8);
  EXPECT_EQ(f.scale_out.pod_count, 9);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 288);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 288);
  EXPECT_EQ(tier(f.scale_out, 2).switch_count, 256);
  EXPECT_EQ(f.scale_out.links.at(2).link_count, 288 * 32);
}

// Two planes: each 800G NIC port split into 2 x 400G lanes, one per plane, on SN5600 in its
// 128 x 400G mode (d = 64). 64 racks = 1,152 trays; units of lcm(18, 64) = 576 trays (36 leaves
// <= 64): 2 units -> 72 leaves; ports need 72 x 64 / 128 = 36 spines per plane, equal links a
// divisor of 64: 64 spines (one link from each leaf); x 2 planes.
TEST(FabricScale, MultiPlane) {
  FabricPolicy p;
  p.scale_out_switch = sn5600_switch();
  p.planes = 2;
  p.media = reference_media();
  const Fabric f = design_fabric(gb300_nvl72_compute(), p, 64);
  ASSERT_EQ(f.scale_out.tier_count, 2);
  EXPECT_DOUBLE_EQ(f.scale_out.endpoint_speed_gbps, 400);
  EXPECT_EQ(tier(f.scale_out, 0).ports_per_switch, 128);
  EXPECT_EQ(f.scale_out.per_plane.leaves, 72);
  EXPECT_EQ(f.scale_out.per_plane.spines, 64);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 144);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 128);
  EXPECT_EQ(f.scale_out.endpoint_count, 2 * 4608);
  EXPECT_EQ(f.scale_out.reach[1].ideal_endpoints_per_plane, 64 * 128);
}

// 1,000,000 GPUs (250,000 GB300 trays) on Q3400 with 3:1 between pods and core (as Meta's
// clusters oversubscribe between pods). Pod spines: 108 down + 36 up. Units of 72 trays, 4
// leaves; a pod takes 72 x 108 / (4 x 72) = 27 units. 3,473 units -> 129 pods (<= 144).
// Leaves 3,473 x 4 = 13,892. Spines: a full pod 27 x 288 / 108 = 72; the last pod (17 units,
// 4,896 uplinks) needs 46 by ports, but equal links need a divisor of a leaf's 72 uplinks: 72.
// 129 x 72 = 9,288. Cores: 72 groups of 129 spines x 36 uplinks need ceil(4,644 / 144) = 33 by
// ports, a divisor of 36 by equal links: 36 -> 2,592.
TEST(FabricScale, MillionGpusClosedForm) {
  FabricPolicy p;
  p.scale_out_switch = q3400_switch();
  p.spine_oversubscription = 3.0;
  p.media = reference_media();
  const Fabric f = design_fabric_for_nodes(gb300_nvl72_compute(), p, 250'000);
  EXPECT_EQ(f.gpu_count, 1'000'000);
  ASSERT_EQ(f.scale_out.tier_count, 3);
  EXPECT_EQ(f.scale_out.pod_count, 129);
  EXPECT_EQ(tier(f.scale_out, 0).switch_count, 13892);
  EXPECT_EQ(tier(f.scale_out, 1).switch_count, 9288);
  EXPECT_EQ(tier(f.scale_out, 2).switch_count, 2592);
  EXPECT_EQ(f.scale_out.endpoint_count, 1'000'000);
  // Without the oversubscription three tiers reach 144 x 72 x 72 = 746,496 endpoints: refused.
  p.spine_oversubscription = 1.0;
  EXPECT_THROW(design_fabric_for_nodes(gb300_nvl72_compute(), p, 250'000), std::invalid_argument);
}

// GB200 NVL72 (18 trays of 4 GPUs, one 400G ConnectX-7 port per GPU) at ~450k GPUs on SN5600
// in its 128 x 400G mode (d = d_s = 64, non-blocking). The whole-rack unit, lcm(18, 64) = 576
// trays, has 4 x 9 = 36 leaves: one unit per pod (64 x 64 / (36 x 64) = 1), so 112,500 trays
// make ceil(112,500 / 576) = 196 pods, more than a core switch's 128 ports. The automatic sizing
// then takes the one-leaf unit, 64 trays = 4 leaves: 16 units per pod (1,024 trays), 1,758 units
// -> 110 pods <= 128, with no hand setting.
TEST(FabricScale, AutoUnitFitsGb200AtFourHundredFiftyThousandGpus) {
  FabricPolicy p;
  p.scale_out_switch = sn5600_switch();
  p.media = reference_media();
  const model::RackSystem gb200 = rack_system(4, 18, 72, 400);
  const Fabric f = design_fabric_for_nodes(gb200, p, 112'500);
  EXPECT_EQ(f.gpu_count, 450'000);
  ASSERT_EQ(f.scale_out.tier_count, 3);
  EXPECT_EQ(f.scale_out.scalable_unit_nodes, 64);
  EXPECT_EQ(f.scale_out.scalable_unit_count, 1758);
  EXPECT_EQ(f.scale_out.scalable_units_per_pod, 16);
  EXPECT_EQ(f.scale_out.pod_count, 110);
  // The whole-rack unit still wins where it fits: 32 racks = 576 trays, one unit.
  EXPECT_EQ(design_fabric(gb200, p, 32).scale_out.scalable_unit_nodes, 576);
}

// Automatic sizing designs every shape from one rack to a million GPUs or, past what the rules
// reach, says which policies to change.
TEST(FabricScale, AutoUnitFromOneRackToAMillionGpus) {
  FabricPolicy p;
  p.scale_out_switch = sn5600_switch();
  p.media = reference_media();
  const model::RackSystem gb200 = rack_system(4, 18, 72, 400);
  for (std::int64_t racks = 1; racks <= 7'300; racks = racks * 3 + 1) {
    EXPECT_NO_THROW(design_fabric(gb200, p, racks)) << racks;
  }
  // 1M GPUs = 250,000 trays exceed three non-blocking tiers of SN5600 (64 x 64 x 128 = 524,288
  // endpoints): the message names the policies that would make it fit.
  try {
    (void)design_fabric_for_nodes(gb200, p, 250'000);
    ADD_FAILURE() << "1M GPUs on non-blocking SN5600 should not fit";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("more planes, more oversubscription, a larger switch"),
              std::string::npos)
        << message;
  }
  // With 3:1 at the leaves and between pods and core (as the message suggests): whole-rack units
  // of lcm(18, 96) = 288 trays, 12 leaves of 32 uplinks, 32 x 96 / 384 = 8 units a pod:
  // ceil(869 / 8) = 109 pods <= 128.
  p.leaf_oversubscription = 3.0;
  p.spine_oversubscription = 3.0;
  const Fabric f = design_fabric_for_nodes(gb200, p, 250'000);
  EXPECT_EQ(f.scale_out.scalable_unit_nodes, 288);
  EXPECT_EQ(f.scale_out.pod_count, 109);
}

// Modules by link end, by hand: 32 nodes x 1 GPU at 400G on one 64-port switch in the row. A
// twin-port switch module (2 links, 15 W, 1,000 USD) serves two switch ports: 16 modules; each
// NIC end takes a single-port module (9 W, 500 USD): 32 modules. 48 modules, 16 x 15 + 32 x 9
// = 528 W, 16 x 1,000 + 32 x 500 = 32,000 USD (+ 32 cables x 100 USD).
TEST(FabricHand, ModulesCountedPerLinkEnd) {
  FabricPolicy p = toy_policy(64);
  p.media.in_row.transceiver = TransceiverModel{"twin SR8", ReachClass::InRow, 15.0, 1000.0, 2};
  p.media.in_row.host_transceiver =
      TransceiverModel{"single SR4", ReachClass::InRow, 9.0, 500.0, 1};
  p.media.in_row.cable.price_usd = 100;
  p.media.in_row.cable.power_w = 0;
  const Fabric f = design_fabric(single_gpu_nodes(4), p, 8);
  ASSERT_EQ(f.scale_out.tier_count, 1);
  const LinkGroupDesign& g = f.scale_out.links.at(0);
  ASSERT_EQ(g.reach, ReachClass::InRow);
  EXPECT_EQ(g.lower_end.cage, "nic");
  EXPECT_EQ(g.lower_end.transceiver_model, "single SR4");
  EXPECT_EQ(g.lower_end.transceiver_count, 32);
  EXPECT_EQ(g.upper_end.cage, "switch");
  EXPECT_EQ(g.upper_end.transceiver_model, "twin SR8");
  EXPECT_EQ(g.upper_end.transceiver_count, 16);
  EXPECT_EQ(g.transceiver_count, 48);
  EXPECT_DOUBLE_EQ(g.power_w, 528.0);
  EXPECT_DOUBLE_EQ(g.cost_usd, 32'000.0 + 3'200.0);
}

TEST(FabricRules, CountsNeverDecreaseWithSize) {
  const FabricReference r = dgx_superpod_h100_reference();
  FabricPolicy lean = r.policy;
  lean.size_to_full_units = false;
  for (const FabricPolicy& p : {r.policy, lean}) {
    std::int64_t last_switches = 0;
    std::int64_t last_links = 0;
    std::int64_t last_leaves = 0;
    for (std::int64_t n = 1; n <= 3000; n += 7) {
      const Fabric f = design_fabric_for_nodes(r.rack, p, n);
      EXPECT_GE(f.scale_out.switch_count, last_switches) << n;
      EXPECT_GE(f.scale_out.link_count, last_links) << n;
      EXPECT_GE(tier(f.scale_out, 0).switch_count, last_leaves) << n;
      last_switches = f.scale_out.switch_count;
      last_links = f.scale_out.link_count;
      last_leaves = tier(f.scale_out, 0).switch_count;
    }
  }
}

TEST(FabricRules, FrontEndAndOutOfBand) {
  // 64 DGX with 2 x 200G front-end ports on SN5600 (128 x 400G split mode: 200G runs on 400G
  // ports) at 1:1: 128 ports -> 1 switch. Out-of-band: 64 node ports + the back-end's 24
  // switches + the front-end switch = 89 ports on 48+4-port switches at 12:1 (48 down, 4 up):
  // 2 leaves (48 + 41), 8 uplinks, 1 spine of 52 ports.
  FabricReference r = dgx_superpod_h100_reference();
  r.rack.network.frontend_ports_per_node = 2;
  r.rack.network.frontend_port_speed = 200 * units::Gbps;
  r.rack.network.oob_ports_per_node = 1;
  r.policy.reserved_node_slots = 0;
  r.policy.frontend_switch = sn5600_switch();
  r.policy.frontend_media = reference_media();
  r.policy.oob_switch = switch_entry("SN2201", 52, 1, 1, 100, 3000);
  r.policy.oob_oversubscription = 12;
  r.policy.oob_media = reference_media();
  const Fabric f = design_fabric_for_nodes(r.rack, r.policy, 64);
  EXPECT_EQ(f.scale_out.switch_count, 24);  // 16 leaves + 8 spines
  ASSERT_TRUE(f.frontend.has_value());
  EXPECT_EQ(f.frontend->tier_count, 1);
  EXPECT_EQ(f.frontend->endpoint_count, 128);
  ASSERT_TRUE(f.oob.has_value());
  EXPECT_EQ(f.oob->endpoint_count, 89);
  ASSERT_EQ(f.oob->tier_count, 2);
  EXPECT_EQ(f.oob->per_plane.leaf_down, 48);
  EXPECT_EQ(f.oob->per_plane.leaves, 2);
  EXPECT_EQ(f.oob->per_plane.spines, 1);
  EXPECT_EQ(f.totals.switch_count, 24 + 1 + 3);
}

// ---------------------------------------------------------------------------------------------
// Input errors name the parameter, its value and the rule.

std::string error_of(const model::RackSystem& c, const FabricPolicy& p, std::int64_t racks) {
  try {
    (void)design_fabric(c, p, racks);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(FabricErrors, NameParameterValueAndRule) {
  const FabricReference r = dgx_superpod_h100_reference();
  EXPECT_EQ(error_of(r.rack, r.policy, 0), "racks: must be between 1 and 250000000, got 0");

  FabricPolicy p = r.policy;
  spec_of(p.scale_out_switch).ports = 1;
  EXPECT_NE(error_of(r.rack, p, 1).find("policy.scale_out_switch.ports: must be >= 2"),
            std::string::npos);

  p = r.policy;
  p.leaf_oversubscription = 0.5;
  EXPECT_EQ(
      error_of(r.rack, p, 1),
      "policy.leaf_oversubscription: must be a finite ratio >= 1 (1 = non-blocking), got 0.5");

  p = r.policy;
  p.planes = 3;
  model::RackSystem c = r.rack;
  c.network.scale_out_ports_per_gpu = 2;
  EXPECT_NE(error_of(c, p, 1).find("policy.planes: must divide or be a multiple of"),
            std::string::npos);

  c = r.rack;
  c.gpus_per_node = 0;
  c.network.frontend_ports_per_node = 1;
  c.network.frontend_port_speed = 100 * units::Gbps;
  const std::string all = error_of(c, r.policy, 1);  // every broken rule at once
  EXPECT_NE(all.find("compute.gpus_per_node: must be >= 1, got 0"), std::string::npos);
  EXPECT_NE(all.find("policy.frontend_switch: required"), std::string::npos);

  p = r.policy;
  p.reserved_node_slots = 32;
  EXPECT_NE(error_of(r.rack, p, 1).find("policy.reserved_node_slots: must be < the 32"),
            std::string::npos);

  p = r.policy;
  spec_of(p.scale_out_switch).port_speed = 200 * units::Gbps;
  EXPECT_NE(error_of(r.rack, p, 1).find("policy.scale_out_switch.port_speed_gbps: must be >= 400"),
            std::string::npos);

  p = r.policy;
  p.scalable_unit_nodes = 1'000'000;  // 8 rails x 31,250 leaf groups
  EXPECT_NE(error_of(r.rack, p, 1)
                .find("policy.scalable_unit_nodes: a unit may need at most "
                      "10000 leaves, got 1000000 node slots needing 250000"),
            std::string::npos);

  p = r.policy;
  p.media.hall.transceiver.reset();
  EXPECT_NE(error_of(r.rack, p, 8).find("policy.media.hall.transceiver: required"),
            std::string::npos);

  p = r.policy;
  p.media.in_row.cable.max_reach_m = 5;
  EXPECT_NE(error_of(r.rack, p, 8).find("policy.media.in_row.cable.max_reach_m: must be >= 13.6 m"),
            std::string::npos);
}

TEST(FabricErrors, TooLargeForMaxTiers) {
  const FabricReference r = dgx_superpod_h100_reference();
  FabricPolicy p = r.policy;
  p.max_tiers = 2;
  const std::string e = error_of(r.rack, p, 100);  // 400 DGX, past the 255 of two tiers
  EXPECT_NE(e.find("racks = 100: 400 nodes"), std::string::npos) << e;
  EXPECT_NE(e.find("max_tiers = 2"), std::string::npos) << e;
  EXPECT_NE(e.find("at most 255 nodes"), std::string::npos) << e;
}

}  // namespace
}  // namespace rackscale::design
