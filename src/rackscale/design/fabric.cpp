#include "rackscale/design/fabric.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "rackscale/design/fabric_validation.hpp"

namespace rackscale::design {
namespace {

// Beyond a billion nodes the counts would overflow long before the answer meant anything.
constexpr std::int64_t kMaxNodes = 1'000'000'000;
constexpr std::int64_t kMaxLeavesPerUnit = 10'000;
// NVLinks per GPU [count]. source: 18 fourth- and fifth-generation NVLinks per H100 and B200
// GPU (NVIDIA H100 and B200 documentation).
constexpr std::int64_t kScaleUpLinksPerGpu = 18;
// The cage of a switch port; the upper end of every link is one.
const std::string kSwitchCage = "switch";

struct PortMode {
  int ports = 0;
  double speed_gbps = 0.0;
};

// The slowest port mode that still carries `needed_gbps`: breakout when it is fast enough,
// because more, slower ports give a larger radix.
PortMode choose_mode(const model::CatalogEntry& entry, double needed_gbps, const std::string& key,
                     std::string_view what) {
  const model::Switch& sw = switch_spec(entry);
  const double native_gbps = sw.port_speed.in(units::Gbps);
  const bool breakout = sw.breakout_ports && sw.breakout_port_speed;
  const double breakout_gbps = breakout ? sw.breakout_port_speed->in(units::Gbps) : 0.0;
  PortMode best;
  auto consider = [&](int ports, double speed) {
    if (ports <= 0 || speed < needed_gbps * (1.0 - 1e-9)) return;
    if (best.ports == 0 || speed < best.speed_gbps ||
        (speed == best.speed_gbps && ports > best.ports)) {
      best = {ports, speed};
    }
  };
  consider(sw.ports, native_gbps);
  if (breakout) consider(*sw.breakout_ports, breakout_gbps);
  if (best.ports == 0) {
    throw std::invalid_argument(
        fmt::format("{}.port_speed_gbps: must be >= {} Gb/s to carry the {} links, got {} Gb/s{}",
                    key, needed_gbps, what, native_gbps,
                    breakout ? fmt::format(" (breakout {} Gb/s)", breakout_gbps) : std::string{}));
  }
  return best;
}

ReachClass span_class(std::int64_t span_racks, int racks_per_row) {
  if (span_racks <= 1) return ReachClass::InRack;
  if (span_racks <= racks_per_row) return ReachClass::InRow;
  return ReachClass::Hall;
}

ReachClass classify(ReachClass floor, std::int64_t span_racks, int racks_per_row) {
  return std::max(floor, span_class(span_racks, racks_per_row));
}

const MediaChoice& media_for(const MediaPolicy& m, ReachClass reach) {
  switch (reach) {
    case ReachClass::InRack:
      return m.in_rack;
    case ReachClass::InRow:
      return m.in_row;
    case ReachClass::Hall:
      return m.hall;
  }
  return m.hall;
}

// What one network needs to be designed; the back-end, front-end and out-of-band networks all
// go through the same rules.
struct NetworkSpec {
  std::string name;
  std::string switch_key;
  std::string node_word = "nodes";
  std::string size_key;
  ClosShape shape;
  model::CatalogEntry leaf_switch;
  model::CatalogEntry spine_switch;
  PortMode leaf_mode;
  PortMode spine_mode;
  int planes = 1;
  double endpoint_speed_gbps = 0.0;
  int max_tiers = 3;
  int nodes_per_rack = 1;
  std::int64_t racks = 1;
  ReachClass node_floor = ReachClass::InRack;
  ReachClass leaf_spine_floor = ReachClass::Hall;
  ReachClass spine_core_floor = ReachClass::Hall;
  MediaPolicy media;
  std::string media_key;
  FabricLayout layout;
  std::string endpoint_cage = "nic";  // what endpoints plug into: "nic" or "management"
};

TierDesign make_tier(std::string name, const model::CatalogEntry& sw, const PortMode& mode,
                     std::int64_t count, std::int64_t down, std::int64_t up) {
  TierDesign t;
  t.name = std::move(name);
  t.switch_model = sw.name;
  t.switch_count = count;
  t.ports_per_switch = mode.ports;
  t.port_speed_gbps = mode.speed_gbps;
  t.ports_down_used = down;
  t.ports_up_used = up;
  t.ports_spare = count * mode.ports - down - up;
  t.power_w = static_cast<double>(count) * switch_spec(sw).power_typical.in(units::W);
  t.cost_usd = static_cast<double>(count) * price_usd(sw);
  t.rack_units = count * switch_spec(sw).rack_units;
  return t;
}

// The modules at one end of `count` links in `cage`: a switch cage takes `module` (a twin-port
// module serves two links); any other cage (a NIC, a management port) one module per link.
LinkEndDesign make_end(const TransceiverModel& module, std::int64_t count,
                       const std::string& cage) {
  LinkEndDesign end;
  end.cage = cage;
  end.transceiver_model = module.name;
  end.transceiver_count = cage == kSwitchCage ? ceil_div(count, std::max(1, module.links)) : count;
  return end;
}

// Adds the modules of one end to the group's count, power and cost.
void add_modules(LinkGroupDesign& g, const LinkEndDesign& end, const TransceiverModel& module) {
  const auto modules = static_cast<double>(end.transceiver_count);
  g.transceiver_count += end.transceiver_count;
  g.power_w += modules * module.power_w;
  g.cost_usd += modules * module.price_usd;
}

// `lower_cage`: what the lower end of each link plugs into; the upper end is a switch cage.
LinkGroupDesign make_links(std::string name, std::int64_t count, double speed_gbps,
                           ReachClass reach, const NetworkSpec& spec,
                           const std::string& lower_cage) {
  const MediaChoice& m = media_for(spec.media, reach);
  validate_media_choice(m, reach, spec.media_key, run_length_m(spec.layout, reach));
  LinkGroupDesign g;
  g.name = std::move(name);
  g.reach = reach;
  g.link_count = count;
  g.link_speed_gbps = speed_gbps;
  g.cable_model = m.cable.name;
  g.cable_count = count;
  const auto n = static_cast<double>(count);
  g.power_w = n * m.cable.power_w;
  g.cost_usd = n * m.cable.price_usd;
  g.lower_end.cage = lower_cage;
  g.upper_end.cage = kSwitchCage;
  if (!m.cable.needs_transceivers) return g;
  const TransceiverModel& lower =
      lower_cage == kSwitchCage ? *m.transceiver : m.host_transceiver.value_or(*m.transceiver);
  g.lower_end = make_end(lower, count, lower_cage);
  g.upper_end = make_end(*m.transceiver, count, kSwitchCage);
  add_modules(g, g.lower_end, lower);
  add_modules(g, g.upper_end, *m.transceiver);
  return g;
}

[[noreturn]] void throw_too_large(const NetworkSpec& spec, const ClosShape& shape) {
  const ClosCounts c = count_clos(shape, spec.max_tiers);
  const std::int64_t endpoints = shape.nodes * shape.ports_per_node +
                                 std::int64_t{shape.reserved_slots} * shape.reserved_slot_ports;
  throw std::invalid_argument(fmt::format(
      "{}: {} {} make {} {} endpoints per plane, more than max_tiers = {} of {} ({} x {} Gb/s) "
      "reach: {}; these rules fit at most {} {} (ideal {} endpoints per plane); use more "
      "planes, more oversubscription, a larger switch or more tiers",
      spec.size_key, shape.nodes, spec.node_word, endpoints, spec.name, spec.max_tiers,
      spec.leaf_switch.name, spec.leaf_mode.ports, spec.leaf_mode.speed_gbps, c.infeasible_reason,
      max_nodes(shape, spec.max_tiers), spec.node_word, ideal_endpoints(shape, spec.max_tiers)));
}

namespace {

// The spec's shape with its scalable unit sized and checked.
ClosShape checked_shape(const NetworkSpec& spec) {
  ClosShape shape = spec.shape;
  if (shape.unit_nodes == 0)
    shape.unit_nodes = auto_unit_nodes(shape, spec.nodes_per_rack, spec.max_tiers);
  if (shape.reserved_slots >= shape.unit_nodes) {
    throw std::invalid_argument(
        fmt::format("policy.reserved_node_slots: must be < the {} node slots of a scalable unit, "
                    "got {}",
                    shape.unit_nodes, shape.reserved_slots));
  }
  // Counting walks the leaves of a unit, so a unit must stay a unit, not a whole fabric.
  if (leaves_per_unit(shape) > kMaxLeavesPerUnit) {
    throw std::invalid_argument(fmt::format(
        "policy.scalable_unit_nodes: a unit may need at most {} leaves, got {} node slots "
        "needing {}",
        kMaxLeavesPerUnit, shape.unit_nodes, leaves_per_unit(shape)));
  }
  return shape;
}

// The switch tiers of every plane: leaf, then spine and core when the fabric has them.
void add_tiers(NetworkDesign& n, const NetworkSpec& spec, const ClosCounts& c, int tiers) {
  const std::int64_t p = spec.planes;
  n.tiers.push_back(make_tier("leaf", spec.leaf_switch, spec.leaf_mode, c.leaves * p,
                              c.endpoint_links * p, c.leaf_spine_links * p));
  if (tiers >= 2) {
    n.tiers.push_back(make_tier("spine", spec.spine_switch, spec.spine_mode, c.spines * p,
                                c.leaf_spine_links * p, c.spine_core_links * p));
  }
  if (tiers == 3) {
    n.tiers.push_back(make_tier("core", spec.spine_switch, spec.spine_mode, c.cores * p,
                                c.spine_core_links * p, 0));
  }
}

// The link groups and their reach: the racks a link group spans, never below the layout's
// floor for it.
void add_link_groups(NetworkDesign& n, const NetworkSpec& spec, const ClosCounts& c, int tiers) {
  const ClosShape& shape = n.shape;
  const std::int64_t p = spec.planes;
  const std::int64_t npr = spec.nodes_per_rack;
  const auto clamp_span = [&](std::int64_t span) {
    return std::clamp<std::int64_t>(span, 1, spec.racks);
  };
  std::int64_t node_span = spec.racks;
  if (tiers >= 2) {
    node_span = shape.rail_optimized
                    ? ceil_div(shape.unit_nodes, npr)
                    : ceil_div(c.leaf_down, std::int64_t{shape.ports_per_node} * npr);
  }
  const std::int64_t leaf_spine_span =
      tiers == 3 ? ceil_div(c.units_per_pod * shape.unit_nodes, npr) : spec.racks;
  const int rpr = spec.layout.racks_per_row;
  n.links.push_back(make_links("node_to_leaf", c.endpoint_links * p, spec.endpoint_speed_gbps,
                               classify(spec.node_floor, clamp_span(node_span), rpr), spec,
                               spec.endpoint_cage));
  if (tiers >= 2) {
    n.links.push_back(make_links("leaf_to_spine", c.leaf_spine_links * p, n.leaf_spine_speed_gbps,
                                 classify(spec.leaf_spine_floor, clamp_span(leaf_spine_span), rpr),
                                 spec, kSwitchCage));
  }
  if (tiers == 3) {
    n.links.push_back(make_links("spine_to_core", c.spine_core_links * p, n.spine_core_speed_gbps,
                                 classify(spec.spine_core_floor, spec.racks, rpr), spec,
                                 kSwitchCage));
  }
}

// Switches, links, power, cost and rack units summed over tiers and link groups.
void add_totals(NetworkDesign& n) {
  for (const TierDesign& t : n.tiers) {
    n.switch_count += t.switch_count;
    n.power_w += t.power_w;
    n.cost_usd += t.cost_usd;
    n.rack_units += t.rack_units;
  }
  for (const LinkGroupDesign& g : n.links) {
    n.link_count += g.link_count;
    n.power_w += g.power_w;
    n.cost_usd += g.cost_usd;
  }
}

// Bisection: half of the narrowest cut between tiers (endpoints, leaf-up, spine-up), hops, and
// what one spine failure takes away.
void set_bisection_and_failures(NetworkDesign& n, const NetworkSpec& spec, const ClosCounts& c,
                                int tiers) {
  const std::int64_t p = spec.planes;
  double cut = static_cast<double>(c.endpoint_links) * spec.endpoint_speed_gbps;
  if (tiers >= 2) {
    cut = std::min(cut, static_cast<double>(c.leaf_spine_links) * n.leaf_spine_speed_gbps);
  }
  if (tiers == 3) {
    cut = std::min(cut, static_cast<double>(c.spine_core_links) * n.spine_core_speed_gbps);
  }
  n.bisection_bandwidth_gbps = 0.5 * cut * static_cast<double>(p);
  n.worst_case_switch_hops = 2 * tiers - 1;
  if (tiers >= 2) {
    n.spine_failure.applicable = true;
    n.spine_failure.lost_bandwidth_gbps =
        static_cast<double>(c.max_spine_down_links) * n.leaf_spine_speed_gbps;
    n.spine_failure.lost_fraction_of_pod = c.worst_spine_share;
    n.spine_failure.lost_fraction_of_fabric =
        static_cast<double>(c.max_spine_down_links) / static_cast<double>(c.leaf_spine_links * p);
  }
}

// The most endpoints and nodes each tier count could reach with this shape.
void set_reach(NetworkDesign& n) {
  const ClosShape& shape = n.shape;
  const std::int64_t reserved = std::int64_t{shape.reserved_slots} * shape.reserved_slot_ports;
  for (int t = 1; t <= 3; ++t) {
    TierReach& r = n.reach[static_cast<std::size_t>(t - 1)];
    r.tiers = t;
    r.ideal_endpoints_per_plane = ideal_endpoints(shape, t);
    r.max_nodes = max_nodes(shape, t);
    r.max_endpoints_per_plane = r.max_nodes > 0 ? r.max_nodes * shape.ports_per_node + reserved : 0;
  }
}

}  // namespace

NetworkDesign design_network(const NetworkSpec& spec) {
  const ClosShape shape = checked_shape(spec);
  const int tiers = fewest_tiers(shape, spec.max_tiers);
  if (tiers == 0) throw_too_large(spec, shape);
  const ClosCounts c = count_clos(shape, tiers);
  const std::int64_t p = spec.planes;

  NetworkDesign n;
  n.name = spec.name;
  n.tier_count = tiers;
  n.plane_count = spec.planes;
  n.rail_optimized = shape.rail_optimized;
  n.rails = shape.ports_per_node;
  n.endpoint_count = c.endpoint_links * p;
  n.endpoint_speed_gbps = spec.endpoint_speed_gbps;
  n.scalable_unit_nodes = shape.unit_nodes;
  n.scalable_unit_count = c.units;
  n.pod_count = c.pods;
  n.scalable_units_per_pod = c.units_per_pod;
  n.shape = shape;
  n.per_plane = c;
  n.leaf_spine_speed_gbps = std::min(spec.leaf_mode.speed_gbps, spec.spine_mode.speed_gbps);
  n.spine_core_speed_gbps = spec.spine_mode.speed_gbps;

  add_tiers(n, spec, c, tiers);
  add_link_groups(n, spec, c, tiers);
  add_totals(n);
  set_bisection_and_failures(n, spec, c, tiers);
  set_reach(n);
  return n;
}

// `k` independent copies of a network (counts, power, cost and bandwidth add up; shape and
// hops stay those of one copy).
NetworkDesign scale_network(NetworkDesign n, std::int64_t k) {
  const auto kd = static_cast<double>(k);
  n.endpoint_count *= k;
  n.scalable_unit_count *= k;
  n.pod_count *= k;
  for (TierDesign& t : n.tiers) {
    t.switch_count *= k;
    t.ports_down_used *= k;
    t.ports_up_used *= k;
    t.ports_spare *= k;
    t.power_w *= kd;
    t.cost_usd *= kd;
    t.rack_units *= k;
  }
  for (LinkGroupDesign& g : n.links) {
    g.link_count *= k;
    g.cable_count *= k;
    g.transceiver_count *= k;
    g.lower_end.transceiver_count *= k;
    g.upper_end.transceiver_count *= k;
    g.power_w *= kd;
    g.cost_usd *= kd;
  }
  n.switch_count *= k;
  n.link_count *= k;
  n.power_w *= kd;
  n.cost_usd *= kd;
  n.rack_units *= k;
  n.bisection_bandwidth_gbps *= kd;
  n.spine_failure.lost_fraction_of_fabric /= kd;
  return n;
}

// Adds each item of `from` to the item of `into` with the same name, or appends it.
template <class T, class Add>
void merge_by_name(std::vector<T>& into, const std::vector<T>& from, Add add) {
  for (const T& x : from) {
    auto it = std::find_if(into.begin(), into.end(), [&](const T& y) { return y.name == x.name; });
    if (it == into.end()) {
      into.push_back(x);
    } else {
      add(*it, x);
    }
  }
}

// Adds an independent network `b` to `a` (tiers and link groups matched by name).
void merge_network(NetworkDesign& a, const NetworkDesign& b) {
  a.endpoint_count += b.endpoint_count;
  a.scalable_unit_count += b.scalable_unit_count;
  a.pod_count += b.pod_count;
  merge_by_name(a.tiers, b.tiers, [](TierDesign& to, const TierDesign& t) {
    to.switch_count += t.switch_count;
    to.ports_down_used += t.ports_down_used;
    to.ports_up_used += t.ports_up_used;
    to.ports_spare += t.ports_spare;
    to.power_w += t.power_w;
    to.cost_usd += t.cost_usd;
    to.rack_units += t.rack_units;
  });
  merge_by_name(a.links, b.links, [](LinkGroupDesign& to, const LinkGroupDesign& g) {
    to.link_count += g.link_count;
    to.cable_count += g.cable_count;
    to.transceiver_count += g.transceiver_count;
    to.lower_end.transceiver_count += g.lower_end.transceiver_count;
    to.upper_end.transceiver_count += g.upper_end.transceiver_count;
    to.power_w += g.power_w;
    to.cost_usd += g.cost_usd;
  });
  a.switch_count += b.switch_count;
  a.link_count += b.link_count;
  a.power_w += b.power_w;
  a.cost_usd += b.cost_usd;
  a.rack_units += b.rack_units;
  a.bisection_bandwidth_gbps += b.bisection_bandwidth_gbps;
  a.tier_count = std::max(a.tier_count, b.tier_count);
  a.worst_case_switch_hops = std::max(a.worst_case_switch_hops, b.worst_case_switch_hops);
}

void add_totals(FabricTotals& t, const NetworkDesign& n) {
  t.switch_count += n.switch_count;
  t.link_count += n.link_count;
  t.rack_units += n.rack_units;
  for (const TierDesign& tier : n.tiers) {
    t.switch_power_w += tier.power_w;
    t.switch_cost_usd += tier.cost_usd;
  }
  for (const LinkGroupDesign& g : n.links) {
    ReachTotals& r = t.by_reach[static_cast<std::size_t>(g.reach)];
    r.cable_count += g.cable_count;
    r.transceiver_count += g.transceiver_count;
    r.power_w += g.power_w;
    r.cost_usd += g.cost_usd;
    t.media_power_w += g.power_w;
    t.media_cost_usd += g.cost_usd;
  }
  t.power_w = t.switch_power_w + t.media_power_w;
  t.cost_usd = t.switch_cost_usd + t.media_cost_usd;
}

NetworkSpec common_spec(const Fabric& f, const std::string& size_key) {
  NetworkSpec s;
  s.size_key = size_key;
  s.nodes_per_rack = f.rack.nodes_per_rack;
  s.racks = f.rack_count;
  s.layout = f.policy.layout;
  s.leaf_spine_floor = f.policy.layout.leaf_to_spine;
  s.spine_core_floor = f.policy.layout.spine_to_core;
  return s;
}

NetworkDesign design_scale_out(const Fabric& f, const std::string& size_key) {
  const model::RackSystem& c = f.rack;
  const FabricPolicy& p = f.policy;
  const PlanePorts pp = plane_ports(c, p.planes);
  NetworkSpec s = common_spec(f, size_key);
  s.name = "scale_out";
  s.switch_key = "policy.scale_out_switch";
  s.leaf_switch = p.scale_out_switch;
  s.spine_switch = p.spine_switch.value_or(p.scale_out_switch);
  s.leaf_mode = choose_mode(s.leaf_switch, pp.link_speed_gbps, s.switch_key, "GPU NIC");
  s.spine_mode = choose_mode(s.spine_switch, s.leaf_mode.speed_gbps,
                             p.spine_switch ? "policy.spine_switch" : "policy.scale_out_switch",
                             "leaf-to-spine");
  s.planes = p.planes;
  s.endpoint_speed_gbps = pp.link_speed_gbps;
  s.max_tiers = p.max_tiers;
  s.node_floor = p.layout.node_to_leaf;
  s.media = p.media;
  s.media_key = "policy.media";
  s.shape.nodes = f.node_count;
  s.shape.ports_per_node = c.gpus_per_node * pp.links_per_gpu;
  s.shape.reserved_slots = p.reserved_node_slots;
  s.shape.reserved_slot_ports = p.reserved_slot_ports;
  s.shape.unit_nodes = p.scalable_unit_nodes;
  s.shape.rail_optimized = p.rail_optimized;
  s.shape.full_units = p.size_to_full_units;
  s.shape.leaf_radix = s.leaf_mode.ports;
  s.shape.spine_radix = s.spine_mode.ports;
  s.shape.leaf_oversubscription = p.leaf_oversubscription;
  s.shape.spine_oversubscription = p.spine_oversubscription;
  return design_network(s);
}

// A front-end or out-of-band network: what differs between the two.
struct PlainNetwork {
  std::string name;
  std::string endpoint_cage = "nic";  // "nic", or "management" for BMC and switch mgmt ports
  model::CatalogEntry leaf_switch;    // every tier's switch
  std::string switch_key;             // policy key of the switch, for messages
  double oversubscription = 1.0;      // leaf down:up ratio
  std::int64_t endpoints = 0;         // endpoints, each counted as a node [count]
  int ports_per_node = 1;             // [count]
  int nodes_per_rack = 1;             // endpoints per rack [count]
  double speed_gbps = 0.0;            // endpoint link speed [Gb/s]
  ReachClass node_floor = ReachClass::InRack;
  MediaPolicy media;
  std::string media_key;            // policy key of the media, for messages
  std::string node_word = "nodes";  // what an endpoint is, for messages
};

// Front-end and out-of-band: one plane, not rail-optimized, no reserved slots, units only to
// group leaves into pods, and non-blocking above the leaves.
NetworkDesign design_plain(const Fabric& f, const std::string& size_key, const PlainNetwork& net) {
  NetworkSpec s = common_spec(f, size_key);
  s.name = net.name;
  s.switch_key = net.switch_key;
  s.node_word = net.node_word;
  s.leaf_switch = net.leaf_switch;
  s.spine_switch = net.leaf_switch;
  s.leaf_mode = choose_mode(net.leaf_switch, net.speed_gbps, net.switch_key, s.name);
  s.spine_mode = s.leaf_mode;
  s.endpoint_speed_gbps = net.speed_gbps;
  s.nodes_per_rack = net.nodes_per_rack;
  s.node_floor = net.node_floor;
  s.media = net.media;
  s.media_key = net.media_key;
  s.endpoint_cage = net.endpoint_cage;
  s.shape.nodes = net.endpoints;
  s.shape.ports_per_node = net.ports_per_node;
  s.shape.unit_nodes = 0;  // auto: units only group leaves into pods here
  s.shape.leaf_radix = s.leaf_mode.ports;
  s.shape.spine_radix = s.leaf_mode.ports;
  s.shape.leaf_oversubscription = net.oversubscription;
  return design_network(s);
}

// The NVLink domains of the racks.
void design_scale_up(Fabric& f) {
  const model::RackSystem& rack = f.rack;
  ScaleUpDesign& u = f.scale_up;
  u.gpus_per_domain = rack.scale_up_domain;
  u.domain_count = ceil_div(f.gpu_count, rack.scale_up_domain);
  u.switch_tray_count = f.rack_count * rack.nvlink_switch_trays;
  u.link_count = f.gpu_count * kScaleUpLinksPerGpu;
  // A domain larger than a node leaves the board over cables (the NVL72 copper spine).
  u.spans_nodes = rack.scale_up_domain > rack.gpus_per_node;
  u.copper_cable_count = u.spans_nodes ? u.link_count : 0;
}

// The front-end network: the nodes' front-end ports.
NetworkDesign design_frontend(const Fabric& f, const std::string& size_key) {
  const FabricPolicy& policy = f.policy;
  const model::NodeNetwork& net = f.rack.network;
  return design_plain(f, size_key,
                      {.name = "frontend",
                       .leaf_switch = *policy.frontend_switch,
                       .switch_key = "policy.frontend_switch",
                       .oversubscription = policy.frontend_oversubscription,
                       .endpoints = f.node_count,
                       .ports_per_node = net.frontend_ports_per_node,
                       .nodes_per_rack = f.rack.nodes_per_rack,
                       .speed_gbps = net.frontend_port_speed.in(units::Gbps),
                       .node_floor = policy.layout.frontend_node_to_leaf,
                       .media = policy.frontend_media,
                       .media_key = "policy.frontend_media",
                       .node_word = "nodes"});
}

// The out-of-band network: management ports of every node, every data switch and every NVLink
// switch tray; one network, or islands of `oob_island_racks` racks each.
NetworkDesign design_oob(const Fabric& f, const std::string& size_key) {
  const FabricPolicy& policy = f.policy;
  const std::int64_t endpoints =
      f.node_count * f.rack.network.oob_ports_per_node + f.scale_out.switch_count +
      (f.frontend ? f.frontend->switch_count : 0) + f.scale_up.switch_tray_count;
  PlainNetwork oob{.name = "oob",
                   .endpoint_cage = "management",
                   .leaf_switch = *policy.oob_switch,
                   .switch_key = "policy.oob_switch",
                   .oversubscription = policy.oob_oversubscription,
                   .endpoints = endpoints,
                   .ports_per_node = 1,
                   .nodes_per_rack = static_cast<int>(
                       std::min<std::int64_t>(ceil_div(endpoints, f.rack_count), 1'000'000)),
                   .speed_gbps = switch_spec(*policy.oob_switch).port_speed.in(units::Gbps),
                   .node_floor = policy.layout.oob_node_to_leaf,
                   .media = policy.oob_media,
                   .media_key = "policy.oob_media",
                   .node_word = "management endpoints"};
  const std::int64_t island = policy.oob_island_racks;
  if (island <= 0 || f.rack_count <= island) return design_plain(f, size_key, oob);
  // Independent islands of `island` racks each, plus one smaller island for the rest.
  const std::int64_t full = f.rack_count / island;
  const std::int64_t rest_racks = f.rack_count - full * island;
  const std::int64_t per_island = ceil_div(endpoints * island, f.rack_count);
  oob.endpoints = per_island;
  NetworkDesign islands = scale_network(design_plain(f, size_key, oob), full);
  if (rest_racks > 0) {
    oob.endpoints = std::max<std::int64_t>(1, endpoints - full * per_island);
    merge_network(islands, design_plain(f, size_key, oob));
  }
  islands.endpoint_count = endpoints;
  return islands;
}

Fabric design(const model::RackSystem& rack, const FabricPolicy& policy, std::int64_t nodes,
              const std::string& size_key) {
  Fabric f;
  f.rack = rack;
  f.policy = policy;
  f.node_count = nodes;
  f.rack_count = ceil_div(nodes, rack.nodes_per_rack);
  f.gpu_count = nodes * rack.gpus_per_node;
  design_scale_up(f);
  f.scale_out = design_scale_out(f, size_key);
  add_totals(f.totals, f.scale_out);
  if (rack.network.frontend_ports_per_node > 0) {
    f.frontend = design_frontend(f, size_key);
    add_totals(f.totals, *f.frontend);
  }
  if (rack.network.oob_ports_per_node > 0) {
    f.oob = design_oob(f, size_key);
    add_totals(f.totals, *f.oob);
  }
  return f;
}

}  // namespace

Fabric design_fabric(const model::RackSystem& rack, const FabricPolicy& policy,
                     std::int64_t racks) {
  validate_fabric_inputs(rack, policy);
  const std::int64_t max_racks = kMaxNodes / rack.nodes_per_rack;
  if (racks < 1 || racks > max_racks) {
    throw std::invalid_argument(
        fmt::format("racks: must be between 1 and {}, got {}", max_racks, racks));
  }
  return design(rack, policy, racks * rack.nodes_per_rack, fmt::format("racks = {}", racks));
}

Fabric design_fabric_for_nodes(const model::RackSystem& rack, const FabricPolicy& policy,
                               std::int64_t nodes) {
  validate_fabric_inputs(rack, policy);
  if (nodes < 1 || nodes > kMaxNodes) {
    throw std::invalid_argument(
        fmt::format("nodes: must be between 1 and {}, got {}", kMaxNodes, nodes));
  }
  return design(rack, policy, nodes, fmt::format("nodes = {}", nodes));
}

}  // namespace rackscale::design
