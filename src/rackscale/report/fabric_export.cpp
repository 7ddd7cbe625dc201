#include "rackscale/report/fabric_export.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace rackscale::report {

using namespace rackscale::design;
namespace {

using nlohmann::json;

json tier_to_json(const TierDesign& t) {
  return {{"name", t.name},
          {"switch_model", t.switch_model},
          {"switch_count", t.switch_count},
          {"ports_per_switch", t.ports_per_switch},
          {"port_speed_gbps", t.port_speed_gbps},
          {"ports_down_used", t.ports_down_used},
          {"ports_up_used", t.ports_up_used},
          {"ports_spare", t.ports_spare},
          {"power_w", t.power_w},
          {"cost_usd", t.cost_usd},
          {"rack_units", t.rack_units}};
}

json end_to_json(const LinkEndDesign& e) {
  return {{"cage", e.cage},
          {"transceiver_model", e.transceiver_model},
          {"transceiver_count", e.transceiver_count}};
}

json links_to_json(const LinkGroupDesign& g) {
  return {{"name", g.name},
          {"reach_class", to_string(g.reach)},
          {"link_count", g.link_count},
          {"link_speed_gbps", g.link_speed_gbps},
          {"cable_model", g.cable_model},
          {"cable_count", g.cable_count},
          {"lower_end", end_to_json(g.lower_end)},
          {"upper_end", end_to_json(g.upper_end)},
          {"transceiver_count", g.transceiver_count},
          {"power_w", g.power_w},
          {"cost_usd", g.cost_usd}};
}

json network_to_json(const NetworkDesign& n, int gpus_per_node) {
  json j = {{"tier_count", n.tier_count},
            {"plane_count", n.plane_count},
            {"rail_optimized", n.rail_optimized},
            {"rail_count", n.rails},
            {"endpoint_count", n.endpoint_count},
            {"endpoint_speed_gbps", n.endpoint_speed_gbps},
            {"leaf_oversubscription", n.shape.leaf_oversubscription},
            {"spine_oversubscription", n.shape.spine_oversubscription},
            {"scalable_unit_nodes", n.scalable_unit_nodes},
            {"scalable_unit_count", n.scalable_unit_count},
            {"pod_count", n.pod_count},
            {"scalable_units_per_pod", n.scalable_units_per_pod},
            {"switch_count", n.switch_count},
            {"link_count", n.link_count},
            {"power_w", n.power_w},
            {"cost_usd", n.cost_usd},
            {"rack_units", n.rack_units},
            {"bisection_bandwidth_gbps", n.bisection_bandwidth_gbps},
            {"worst_case_switch_hops", n.worst_case_switch_hops}};
  if (n.spine_failure.applicable) {
    j["spine_failure"] = {{"lost_bandwidth_gbps", n.spine_failure.lost_bandwidth_gbps},
                          {"lost_fraction_of_pod", n.spine_failure.lost_fraction_of_pod},
                          {"lost_fraction_of_fabric", n.spine_failure.lost_fraction_of_fabric}};
  } else {
    j["spine_failure"] = nullptr;
  }
  j["tiers"] = json::array();
  for (const TierDesign& t : n.tiers) j["tiers"].push_back(tier_to_json(t));
  j["links"] = json::array();
  for (const LinkGroupDesign& g : n.links) j["links"].push_back(links_to_json(g));
  j["reach_by_tier_count"] = json::array();
  for (const TierReach& r : n.reach) {
    json e = {{"tier_count", r.tiers},
              {"ideal_endpoints_per_plane", r.ideal_endpoints_per_plane},
              {"max_node_count", r.max_nodes},
              {"max_endpoints_per_plane", r.max_endpoints_per_plane}};
    if (gpus_per_node > 0) e["max_gpu_count"] = r.max_nodes * gpus_per_node;
    j["reach_by_tier_count"].push_back(std::move(e));
  }
  return j;
}

const char* role_color(LinkRole role) {
  switch (role) {
    case LinkRole::NodeToLeaf:
      return "gray40";
    case LinkRole::LeafToSpine:
      return "royalblue";
    case LinkRole::SpineToCore:
      return "firebrick";
  }
  return "black";
}

[[noreturn]] void refuse_dot(std::size_t vertices, std::int64_t gpus, std::int64_t switches,
                             std::size_t max_vertices) {
  throw std::invalid_argument(fmt::format(
      "max_vertices: the fabric has {} vertices ({} GPUs, {} switches), more than the {} a DOT "
      "drawing allows; export the JSON link list instead, or raise the limit",
      vertices, gpus, switches, max_vertices));
}

std::string quoted(const std::string& s) {
  return json(s).dump();
}

}  // namespace

json fabric_to_json(const Fabric& f) {
  json j = {{"node_count", f.node_count}, {"rack_count", f.rack_count}, {"gpu_count", f.gpu_count}};
  j["scale_up"] = {{"gpus_per_domain", f.scale_up.gpus_per_domain},
                   {"domain_count", f.scale_up.domain_count},
                   {"switch_tray_count", f.scale_up.switch_tray_count},
                   {"link_count", f.scale_up.link_count},
                   {"spans_nodes", f.scale_up.spans_nodes},
                   {"copper_cable_count", f.scale_up.copper_cable_count}};
  j["scale_out"] = network_to_json(f.scale_out, f.rack.gpus_per_node);
  j["frontend"] = f.frontend ? network_to_json(*f.frontend, 0) : json(nullptr);
  j["oob"] = f.oob ? network_to_json(*f.oob, 0) : json(nullptr);
  const FabricTotals& t = f.totals;
  json by_reach = json::object();
  for (int r = 0; r < 3; ++r) {
    const ReachTotals& rt = t.by_reach[static_cast<std::size_t>(r)];
    by_reach[to_string(static_cast<ReachClass>(r))] = {{"cable_count", rt.cable_count},
                                                       {"transceiver_count", rt.transceiver_count},
                                                       {"power_w", rt.power_w},
                                                       {"cost_usd", rt.cost_usd}};
  }
  j["totals"] = {{"switch_count", t.switch_count},
                 {"link_count", t.link_count},
                 {"rack_units", t.rack_units},
                 {"switch_power_w", t.switch_power_w},
                 {"media_power_w", t.media_power_w},
                 {"power_w", t.power_w},
                 {"switch_cost_usd", t.switch_cost_usd},
                 {"media_cost_usd", t.media_cost_usd},
                 {"cost_usd", t.cost_usd},
                 {"by_reach", by_reach}};
  return j;
}

namespace {

// The DOT vertices: the GPUs of a node in one cluster (so the rails fan out visibly), then
// appliances and switches.
std::string dot_vertices(const FabricGraph& g) {
  std::string out;
  std::int64_t open_node = -1;
  const auto close_node = [&] {
    if (open_node >= 0) out += "  }\n";
    open_node = -1;
  };
  for (const FabricVertex& v : g.vertices) {
    if (v.kind == VertexKind::Gpu) {
      if (v.group != open_node) {
        close_node();
        out += fmt::format("  subgraph cluster_n{} {{ label=\"node {}\"; style=rounded;\n", v.group,
                           v.group);
        open_node = v.group;
      }
      out += fmt::format("    \"{}\" [shape=box, label=\"gpu{}\"];\n", vertex_name(v), v.index);
      continue;
    }
    close_node();
    if (v.kind == VertexKind::Appliance) {
      out += fmt::format("  \"{}\" [shape=box, style=dashed];\n", vertex_name(v));
    } else {
      const auto& model = g.tier_models.at(static_cast<std::size_t>(v.tier - 1));
      out += fmt::format("  \"{}\" [shape=ellipse, label={}];\n", vertex_name(v),
                         quoted(vertex_name(v) + "\n" + model));
    }
  }
  close_node();
  return out;
}

// The DOT edges: parallel cables between the same two vertices become one labelled edge.
std::string dot_edges(const FabricGraph& g) {
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<LinkRole, int>> edges;
  for (const FabricLink& l : g.links) {
    auto [it, inserted] = edges.try_emplace({l.lower, l.upper}, l.role, 0);
    ++it->second.second;
  }
  std::string out;
  for (const auto& [ends, info] : edges) {
    const auto& lower = g.vertices[static_cast<std::size_t>(ends.first)];
    const auto& upper = g.vertices[static_cast<std::size_t>(ends.second)];
    out += fmt::format("  \"{}\" -- \"{}\" [color={}{}];\n", vertex_name(lower), vertex_name(upper),
                       role_color(info.first),
                       info.second > 1 ? fmt::format(", label=\"x{}\"", info.second) : "");
  }
  return out;
}

}  // namespace

std::string fabric_to_dot(const FabricGraph& g, std::size_t max_vertices) {
  std::int64_t gpus = 0;
  std::int64_t switches = 0;
  for (const FabricVertex& v : g.vertices) {
    gpus += v.kind == VertexKind::Gpu ? 1 : 0;
    switches += v.kind == VertexKind::Switch ? 1 : 0;
  }
  if (g.vertices.size() > max_vertices) refuse_dot(g.vertices.size(), gpus, switches, max_vertices);

  std::string out = "graph fabric {\n";
  out += fmt::format(
      "  graph [rankdir=BT, ranksep=1.5, nodesep=0.1, label=\"{} GPUs, {} switches, {} tier(s), "
      "{} plane(s); edge label = parallel links\"];\n",
      gpus, switches, g.tiers, g.planes);
  out += "  node [fontsize=9, height=0.3];\n  edge [fontsize=8];\n";
  out += dot_vertices(g);
  out += dot_edges(g);
  out += "}\n";
  return out;
}

std::string fabric_to_dot(const Fabric& f, std::size_t max_vertices) {
  const std::int64_t switches = f.scale_out.switch_count;
  const auto vertices =
      static_cast<std::size_t>(f.gpu_count + f.scale_out.shape.reserved_slots + switches);
  if (vertices > max_vertices) refuse_dot(vertices, f.gpu_count, switches, max_vertices);
  return fabric_to_dot(materialize_fabric(f), max_vertices);
}

void write_fabric_links_json(std::ostream& out, const FabricGraph& g) {
  out << fmt::format(
      "{{\"plane_count\":{},\"tier_count\":{},\"leaf_oversubscription\":{},"
      "\"spine_oversubscription\":{},\n\"vertices\":[\n",
      g.planes, g.tiers, g.leaf_oversubscription, g.spine_oversubscription);
  for (std::size_t i = 0; i < g.vertices.size(); ++i) {
    const FabricVertex& v = g.vertices[i];
    const std::string model =
        v.kind == VertexKind::Switch ? g.tier_models.at(static_cast<std::size_t>(v.tier - 1)) : "";
    out << fmt::format(
        "{{\"id\":{},\"name\":\"{}\",\"kind\":\"{}\",\"tier\":{},\"plane\":{},\"port_count\":{},"
        "\"model\":{}}}{}\n",
        i, vertex_name(v), to_string(v.kind), v.tier,
        v.plane < 0 ? "null" : std::to_string(v.plane), v.radix, quoted(model),
        i + 1 < g.vertices.size() ? "," : "");
  }
  out << "],\n\"links\":[\n";
  for (std::size_t i = 0; i < g.links.size(); ++i) {
    const FabricLink& l = g.links[i];
    const auto role = static_cast<std::size_t>(l.role);
    out << fmt::format(
        "{{\"lower\":{},\"upper\":{},\"role\":\"{}\",\"plane\":{},\"speed_gbps\":{},"
        "\"reach_class\":\"{}\"}}{}\n",
        l.lower, l.upper, to_string(l.role), l.plane, g.link_speed_gbps[role],
        to_string(g.link_reach[role]), i + 1 < g.links.size() ? "," : "");
  }
  out << "]}\n";
}

}  // namespace rackscale::report

namespace rackscale::report {

std::int64_t topology_element_count(const Fabric& f) {
  const NetworkDesign& n = f.scale_out;
  return f.gpu_count + n.shape.reserved_slots + n.switch_count + n.link_count;
}

std::string fabric_links_json(const Fabric& f, std::int64_t max_elements) {
  const std::int64_t elements = topology_element_count(f);
  if (elements > max_elements) {
    throw std::invalid_argument(fmt::format(
        "--max-elements: the back-end graph has {} vertices and links ({} GPUs), more than the "
        "{} allowed; raise --max-elements to at least {} (about 400 bytes of memory each)",
        elements, f.gpu_count, max_elements, elements));
  }
  std::ostringstream out;
  write_fabric_links_json(out, materialize_fabric(f, f.gpu_count));
  return out.str();
}

}  // namespace rackscale::report
