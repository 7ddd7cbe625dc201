#include "rackscale/design/fabric_validation.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace rackscale::design {
namespace {

// Collects broken rules so the caller sees all of them at once.
class Rules {
 public:
  void ge(std::string_view key, double value, double min, std::string_view why = {}) {
    if (!(value >= min)) fail(key, fmt::format("must be >= {}{}, got {}", min, why, value));
  }
  void gt(std::string_view key, double value, double min) {
    if (!(value > min)) fail(key, fmt::format("must be > {}, got {}", min, value));
  }
  void le(std::string_view key, double value, double max) {
    if (!(value <= max)) fail(key, fmt::format("must be <= {}, got {}", max, value));
  }
  void fail(std::string_view key, std::string_view rule) {
    errors_.push_back(fmt::format("{}: {}", key, rule));
  }
  void throw_if_any() const {
    if (errors_.empty()) return;
    std::string all = errors_.front();
    for (std::size_t i = 1; i < errors_.size(); ++i) all += "\n" + errors_[i];
    throw std::invalid_argument(all);
  }

 private:
  std::vector<std::string> errors_;
};

void check_switch(Rules& r, const model::CatalogEntry& entry, const std::string& key) {
  const auto* s = std::get_if<model::Switch>(&entry.spec);
  if (!s) {
    r.fail(key, fmt::format("must be a catalog switch, got \"{}\" ({})", entry.name, entry.kind));
    return;
  }
  r.ge(key + ".ports", s->ports, 2, " (a leaf needs a port down and a port up)");
  r.le(key + ".ports", s->ports, 10'000);
  r.gt(key + ".port_speed_gbps", s->port_speed.in(units::Gbps), 0);
  if (s->breakout_ports) {
    r.ge(key + ".breakout_ports", *s->breakout_ports, 2, " when breakout is used");
    r.le(key + ".breakout_ports", *s->breakout_ports, 10'000);
    r.gt(key + ".breakout_speed_gbps",
         s->breakout_port_speed ? s->breakout_port_speed->in(units::Gbps) : 0.0, 0);
  }
  r.ge(key + ".power_w", s->power_typical.in(units::W), 0);
  r.ge(key + ".price_usd", price_usd(entry), 0);
  r.ge(key + ".rack_units", s->rack_units, 0);
}

void check_oversubscription(Rules& r, std::string_view key, double value) {
  if (!std::isfinite(value) || value < 1.0) {
    r.fail(key, fmt::format("must be a finite ratio >= 1 (1 = non-blocking), got {}", value));
  }
}

}  // namespace

PlanePorts plane_ports(const model::RackSystem& rack, int planes) {
  const int n = rack.network.scale_out_ports_per_gpu;
  const double speed_gbps = rack.network.scale_out_port_speed.in(units::Gbps);
  if (n % planes == 0) return {n / planes, speed_gbps};
  // Fewer ports than planes: each port is split into planes/n lanes, one per plane.
  return {1, speed_gbps * n / planes};
}

namespace {

void check_compute(Rules& r, const model::RackSystem& c) {
  const model::NodeNetwork& net = c.network;
  r.ge("compute.gpus_per_node", c.gpus_per_node, 1);
  r.le("compute.gpus_per_node", c.gpus_per_node, 1'000);
  r.ge("compute.nodes_per_rack", c.nodes_per_rack, 1);
  r.le("compute.nodes_per_rack", c.nodes_per_rack, 10'000);
  r.ge("compute.scale_up_domain", c.scale_up_domain, 1);
  if (c.gpus_per_node >= 1 && c.scale_up_domain >= 1 && c.scale_up_domain % c.gpus_per_node != 0 &&
      c.gpus_per_node % c.scale_up_domain != 0) {
    r.fail("compute.scale_up_domain",
           fmt::format("must divide or be a multiple of gpus_per_node ({}), got {}",
                       c.gpus_per_node, c.scale_up_domain));
  }
  r.ge("compute.nvlink_switch_trays", c.nvlink_switch_trays, 0);
  r.ge("compute.scale_out_ports_per_gpu", net.scale_out_ports_per_gpu, 1);
  r.le("compute.scale_out_ports_per_gpu", net.scale_out_ports_per_gpu, 64);
  r.gt("compute.scale_out_port_speed_gbps", net.scale_out_port_speed.in(units::Gbps), 0);
  r.ge("compute.frontend_ports_per_node", net.frontend_ports_per_node, 0);
  r.le("compute.frontend_ports_per_node", net.frontend_ports_per_node, 1'000);
  if (net.frontend_ports_per_node > 0) {
    r.gt("compute.frontend_port_speed_gbps", net.frontend_port_speed.in(units::Gbps), 0);
  }
  r.ge("compute.oob_ports_per_node", net.oob_ports_per_node, 0);
  r.le("compute.oob_ports_per_node", net.oob_ports_per_node, 1'000);
}

void check_scale_out_policy(Rules& r, const model::RackSystem& c, const FabricPolicy& p) {
  check_switch(r, p.scale_out_switch, "policy.scale_out_switch");
  if (p.spine_switch) check_switch(r, *p.spine_switch, "policy.spine_switch");
  check_oversubscription(r, "policy.leaf_oversubscription", p.leaf_oversubscription);
  check_oversubscription(r, "policy.spine_oversubscription", p.spine_oversubscription);

  r.ge("policy.planes", p.planes, 1);
  r.le("policy.planes", p.planes, 64);
  const int n = c.network.scale_out_ports_per_gpu;
  if (p.planes >= 1 && n >= 1 && n % p.planes != 0 && p.planes % n != 0) {
    r.fail("policy.planes",
           fmt::format("must divide or be a multiple of compute.scale_out_ports_per_gpu ({}), "
                       "got {}",
                       n, p.planes));
  }
  r.ge("policy.scalable_unit_nodes", p.scalable_unit_nodes, 0, " (0 = auto)");
  r.le("policy.scalable_unit_nodes", p.scalable_unit_nodes, 1'000'000);
  r.ge("policy.reserved_node_slots", p.reserved_node_slots, 0);
  r.ge("policy.reserved_slot_ports", p.reserved_slot_ports, 0);
  if (p.planes >= 1 && n >= 1 && c.gpus_per_node >= 1 && (n % p.planes == 0 || p.planes % n == 0)) {
    const int rails = c.gpus_per_node * plane_ports(c, p.planes).links_per_gpu;
    if (p.reserved_slot_ports > rails) {
      r.fail("policy.reserved_slot_ports",
             fmt::format("must be <= the {} ports a node has per plane, got {}", rails,
                         p.reserved_slot_ports));
    }
  }
  if (p.max_tiers < 1 || p.max_tiers > 3) {
    r.fail("policy.max_tiers", fmt::format("must be 1, 2 or 3, got {}", p.max_tiers));
  }
}

void check_layout(Rules& r, const FabricPolicy& p) {
  r.ge("policy.layout.racks_per_row", p.layout.racks_per_row, 1);
  r.gt("policy.layout.rack_pitch_m", p.layout.rack_pitch_m, 0);
  r.gt("policy.layout.in_rack_length_m", p.layout.in_rack_length_m, 0);
  r.gt("policy.layout.hall_length_m", p.layout.hall_length_m, 0);
}

// The front-end and out-of-band networks, when the nodes have ports for them.
void check_frontend_and_oob(Rules& r, const model::RackSystem& c, const FabricPolicy& p) {
  if (c.network.frontend_ports_per_node > 0) {
    if (p.frontend_switch) {
      check_switch(r, *p.frontend_switch, "policy.frontend_switch");
    } else {
      r.fail("policy.frontend_switch",
             fmt::format("required because compute.frontend_ports_per_node is {}",
                         c.network.frontend_ports_per_node));
    }
    check_oversubscription(r, "policy.frontend_oversubscription", p.frontend_oversubscription);
  }
  if (c.network.oob_ports_per_node > 0) {
    if (p.oob_switch) {
      check_switch(r, *p.oob_switch, "policy.oob_switch");
    } else {
      r.fail("policy.oob_switch", fmt::format("required because compute.oob_ports_per_node is {}",
                                              c.network.oob_ports_per_node));
    }
    check_oversubscription(r, "policy.oob_oversubscription", p.oob_oversubscription);
  }
}

}  // namespace

void validate_fabric_inputs(const model::RackSystem& c, const FabricPolicy& p) {
  Rules r;
  check_compute(r, c);
  check_scale_out_policy(r, c, p);
  check_layout(r, p);
  check_frontend_and_oob(r, c, p);
  r.throw_if_any();
}

void validate_media_choice(const MediaChoice& m, ReachClass reach, std::string_view key,
                           double run_m) {
  Rules r;
  const std::string cable = fmt::format("{}.{}.cable", key, to_string(reach));
  if (m.cable.reach_class != reach) {
    r.fail(cable + ".reach_class", fmt::format("must be {} for this slot, got {}", to_string(reach),
                                               to_string(m.cable.reach_class)));
  }
  if (!(m.cable.max_reach_m >= run_m)) {
    r.fail(cable + ".max_reach_m",
           fmt::format("must be >= {:.1f} m, the longest {} run of the layout, got {}", run_m,
                       to_string(reach), m.cable.max_reach_m));
  }
  r.ge(cable + ".power_w", m.cable.power_w, 0);
  r.ge(cable + ".price_usd", m.cable.price_usd, 0);
  const std::string xcvr = fmt::format("{}.{}.transceiver", key, to_string(reach));
  if (m.cable.needs_transceivers) {
    if (!m.transceiver) {
      r.fail(xcvr, fmt::format("required because cable \"{}\" needs transceivers", m.cable.name));
    } else {
      if (m.transceiver->reach_class != reach) {
        r.fail(xcvr + ".reach_class",
               fmt::format("must be {} for this slot, got {}", to_string(reach),
                           to_string(m.transceiver->reach_class)));
      }
      r.ge(xcvr + ".power_w", m.transceiver->power_w, 0);
      r.ge(xcvr + ".price_usd", m.transceiver->price_usd, 0);
    }
  }
  r.throw_if_any();
}

}  // namespace rackscale::design
