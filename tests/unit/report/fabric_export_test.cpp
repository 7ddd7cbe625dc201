// Outputs: design JSON, DOT, JSON link list and the human table.

#include "rackscale/report/fabric_export.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>

#include "rackscale/report/fabric_table.hpp"
#include "support/fabric_reference.hpp"

namespace rackscale::report {

using namespace rackscale::design;
namespace {

Fabric superpod(std::int64_t nodes) {
  const FabricReference r = dgx_superpod_h100_reference();
  return design_fabric_for_nodes(r.rack, r.policy, nodes);
}

TEST(FabricJson, CarriesCountsWithUnitsInKeys) {
  const Fabric f = superpod(31);
  const nlohmann::json j = fabric_to_json(f);
  EXPECT_EQ(j.at("gpu_count"), 248);
  const nlohmann::json& so = j.at("scale_out");
  EXPECT_EQ(so.at("tier_count"), 2);
  EXPECT_EQ(so.at("switch_count"), 12);
  EXPECT_EQ(so.at("tiers").at(0).at("name"), "leaf");
  EXPECT_EQ(so.at("tiers").at(0).at("switch_count"), 8);
  EXPECT_EQ(so.at("tiers").at(1).at("switch_count"), 4);
  EXPECT_EQ(so.at("links").at(0).at("link_count"), 252);
  EXPECT_EQ(so.at("links").at(1).at("link_count"), 256);
  EXPECT_EQ(so.at("links").at(1).at("reach_class"), "hall");
  EXPECT_DOUBLE_EQ(so.at("bisection_bandwidth_gbps").get<double>(), 0.5 * 252 * 400);
  EXPECT_DOUBLE_EQ(so.at("spine_failure").at("lost_fraction_of_pod").get<double>(), 0.25);
  EXPECT_EQ(so.at("reach_by_tier_count").at(1).at("ideal_endpoints_per_plane"), 2048);
  EXPECT_EQ(so.at("reach_by_tier_count").at(1).at("max_gpu_count"), 255 * 8);
  EXPECT_TRUE(j.at("frontend").is_null());
  EXPECT_TRUE(j.at("totals").contains("power_w"));
  EXPECT_TRUE(j.at("totals").contains("cost_usd"));
  // 504 in-row modules + 512 hall modules at 9 W (reference media).
  EXPECT_DOUBLE_EQ(j.at("totals").at("media_power_w").get<double>(), (504 + 512) * 9.0);
  EXPECT_EQ(j.at("totals").at("by_reach").at("hall").at("transceiver_count"), 512);
}

TEST(FabricDot, DrawsSmallFabrics) {
  const Fabric f = superpod(31);
  const std::string dot = fabric_to_dot(f);
  EXPECT_EQ(dot.rfind("graph fabric {", 0), 0u);
  EXPECT_NE(dot.find("\"n0.gpu0\" -- \"p0.u0.leaf0\""), std::string::npos);
  // 8 parallel cables from a leaf to each of the 4 spines become one labelled edge.
  EXPECT_NE(dot.find("\"p0.u0.leaf0\" -- \"p0.pod0.spine0\" [color=royalblue, label=\"x8\"]"),
            std::string::npos);
  EXPECT_NE(dot.find("appliance0"), std::string::npos);
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
}

TEST(FabricDot, RefusesPolitelyAboveTheLimit) {
  const Fabric f = superpod(1000);
  try {
    (void)fabric_to_dot(f);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("max_vertices: the fabric has 8641 vertices (8000 GPUs, 640 switches), more "
                     "than the 1000"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("JSON link list"), std::string::npos);
  }
  EXPECT_THROW((void)fabric_to_dot(materialize_fabric(superpod(31)), 10), std::invalid_argument);
}

TEST(FabricLinksJson, ParsesAndMatchesTheGraph) {
  const Fabric f = superpod(63);
  const FabricGraph g = materialize_fabric(f);
  std::ostringstream out;
  write_fabric_links_json(out, g);
  const nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j.at("vertices").size(), g.vertices.size());
  EXPECT_EQ(j.at("links").size(), g.links.size());
  EXPECT_EQ(j.at("vertices").at(0).at("name"), "n0.gpu0");
  EXPECT_TRUE(j.at("vertices").at(0).at("plane").is_null());
  const nlohmann::json& first = j.at("links").at(0);
  EXPECT_EQ(first.at("role"), "node_to_leaf");
  EXPECT_EQ(first.at("reach_class"), "in_row");
  EXPECT_EQ(first.at("speed_gbps"), 400);
  std::int64_t to_spine = 0;
  for (const auto& l : j.at("links")) to_spine += l.at("role") == "leaf_to_spine" ? 1 : 0;
  EXPECT_EQ(to_spine, 512);
}

TEST(FabricTable, ListsEveryNetwork) {
  FabricReference r = dgx_superpod_h100_reference();
  r.rack.network.frontend_ports_per_node = 2;
  r.rack.network.frontend_port_speed = 200 * units::Gbps;
  r.policy.frontend_switch = sn5600_switch();
  r.policy.frontend_media = reference_media();
  const std::string t = format_fabric_table(design_fabric_for_nodes(r.rack, r.policy, 31));
  EXPECT_NE(t.find("Fabric: 248 GPUs in 31 nodes and 8 racks"), std::string::npos) << t;
  EXPECT_NE(t.find("Scale-out: 2 tiers"), std::string::npos) << t;
  EXPECT_NE(t.find("rail-optimized (8 rails)"), std::string::npos) << t;
  EXPECT_NE(t.find("QM9700"), std::string::npos) << t;
  EXPECT_NE(t.find("Front-end: 1 tier"), std::string::npos) << t;
  EXPECT_NE(t.find("Network total: 13 switches"), std::string::npos) << t;
  EXPECT_EQ(t.back(), '\n');
}

}  // namespace
}  // namespace rackscale::report
