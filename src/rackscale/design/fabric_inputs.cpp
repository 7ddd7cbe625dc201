#include "rackscale/design/fabric_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

namespace {

// One candidate medium for a reach class: a cable, with a transceiver when the cable needs one.
struct Candidate {
  MediaChoice choice;
  bool nominal = false;      // the catalog's own reach class is the one wanted
  double per_link_rate = 0;  // [Gb/s]
  double power_per_link = 0;
  double cable_excess_gbps = 0;  // cable rate above the link's: a 1G link takes a 1G cord [Gb/s]
  std::string key;               // for deterministic ties
};

// Per-link share of an item that serves `links` links.
template <class T>
void share(T& item, int links) {
  item.power_w /= links;
  item.price_usd /= links;
}

// The media a catalog cable offers: itself when it needs no transceiver, else paired with each
// transceiver of its fiber family (multimode or singlemode).
void add_cable_candidates(const model::Catalog& catalog, const std::string& name,
                          const model::CatalogEntry& entry, const model::Cable& c,
                          std::vector<Candidate>& all) {
  LinkMedium cable{name,
                   ReachClass::InRack,
                   c.max_reach.in(u::m),
                   c.needs_transceivers,
                   c.power.in(u::W),
                   price_usd(entry)};
  share(cable, c.links);
  if (!c.needs_transceivers) {
    double rate = c.data_rate.in(u::Gbps) / c.links;
    all.push_back({{cable, std::nullopt, std::nullopt}, false, rate, cable.power_w, 0.0, name});
    all.back().choice.cable.reach_class = c.reach_class;
    return;
  }
  std::string family = c.medium == "multimode_fiber" ? "multimode" : "singlemode";
  for (const auto& [tname, te] : catalog.entries()) {
    const auto* t = std::get_if<model::Transceiver>(&te.spec);
    // A cable carries the module's links at their rate (an MPO-12 trunk, not a 1G LC cord,
    // for 400G).
    if (!t || t->medium != family || t->data_rate / t->links > c.data_rate) continue;
    const TransceiverModel x{tname, t->reach_class, t->power.in(u::W), price_usd(te), t->links};
    LinkMedium fiber = cable;
    fiber.max_reach_m = std::min(cable.max_reach_m, t->max_reach.in(u::m));
    fiber.reach_class = t->reach_class;
    double rate = t->data_rate.in(u::Gbps) / t->links;
    all.push_back({{fiber, x, std::nullopt},
                   false,
                   rate,
                   fiber.power_w + 2.0 * x.power_w / t->links,
                   (c.data_rate - t->data_rate / t->links).in(u::Gbps),
                   name + "+" + tname});
  }
}

// The candidate for one reach class: it reaches the class's longest run and carries at least
// `speed` per link; preferred are the exact link rate, then the class the catalog gives it, then
// less power per link, then the name (deterministic). A named placeholder when none qualifies.
MediaChoice media_for_reach(const std::vector<Candidate>& all, double speed, double run,
                            ReachClass reach) {
  auto rank = [speed](const Candidate& x) {
    return std::make_tuple(x.per_link_rate != speed, !x.nominal, x.per_link_rate, x.power_per_link,
                           x.cable_excess_gbps, x.key);
  };
  std::optional<Candidate> best;
  for (Candidate c : all) {
    if (c.per_link_rate < speed || c.choice.cable.max_reach_m < run) continue;
    c.nominal = c.choice.cable.reach_class == reach;
    if (!best || rank(c) < rank(*best)) best = c;
  }
  MediaChoice chosen;
  if (best) {
    chosen = best->choice;
  } else {
    chosen.cable.name = fmt::format("(no catalog medium for {:g} Gb/s over {:.0f} m)", speed, run);
  }
  chosen.cable.reach_class = reach;
  if (chosen.transceiver) chosen.transceiver->reach_class = reach;
  return chosen;
}

// The single-port module a NIC cage takes beside the switch-side module `chosen`: same fibre
// family, the same rate per link, reaching `run`; least power, then the name. None when the
// catalog has no such module (the switch-side module then serves the NIC end too).
std::optional<TransceiverModel> host_module(const model::Catalog& catalog,
                                            const TransceiverModel& chosen, double run) {
  const auto* switch_side = catalog.find_as<model::Transceiver>(chosen.name);
  if (switch_side == nullptr) return std::nullopt;
  const double rate = switch_side->data_rate.in(u::Gbps) / switch_side->links;
  std::optional<TransceiverModel> best;
  for (const auto& [name, entry] : catalog.entries()) {
    const auto* t = std::get_if<model::Transceiver>(&entry.spec);
    if (!t || t->links != 1 || t->medium != switch_side->medium ||
        t->data_rate.in(u::Gbps) != rate || t->max_reach.in(u::m) < run) {
      continue;
    }
    const TransceiverModel x{name, chosen.reach_class, t->power.in(u::W), price_usd(entry), 1};
    if (!best || std::tie(x.power_w, x.name) < std::tie(best->power_w, best->name)) best = x;
  }
  return best;
}

// The media of one reach class, with the NIC-end module when the link needs modules.
MediaChoice media_with_host(const model::Catalog& catalog, const std::vector<Candidate>& all,
                            double speed, const FabricLayout& layout, ReachClass reach) {
  const double run = run_length_m(layout, reach);
  MediaChoice m = media_for_reach(all, speed, run, reach);
  if (m.transceiver) m.host_transceiver = host_module(catalog, *m.transceiver, run);
  return m;
}

}  // namespace

MediaPolicy choose_media(const model::Catalog& catalog, double speed, const FabricLayout& layout) {
  std::vector<Candidate> all;
  for (const auto& [name, e] : catalog.entries()) {
    if (const auto* c = std::get_if<model::Cable>(&e.spec))
      add_cable_candidates(catalog, name, e, *c, all);
  }
  MediaPolicy policy;
  policy.in_rack = media_with_host(catalog, all, speed, layout, ReachClass::InRack);
  policy.in_row = media_with_host(catalog, all, speed, layout, ReachClass::InRow);
  policy.hall = media_with_host(catalog, all, speed, layout, ReachClass::Hall);
  return policy;
}

FabricLayout fabric_layout(const Space& space, const model::RackSystem& rack) {
  FabricLayout l;
  l.racks_per_row = std::max(1, space.racks_per_row);
  l.rack_pitch_m = space.slot_width.in(u::m);
  // assumption: the longest run inside a rack is its height plus a metre of slack for routing
  // to the side and service loops.
  l.in_rack_length_m = rack.footprint.height.in(u::m) + 1.0;
  // Longest run across a hall: along a row and across the rows of the hall (Manhattan routing
  // in overhead trays), plus 10 m of vertical drops and slack (assumption: two tray drops and
  // service loops; docs/models/space.md, "How the fabric uses it"). Only the rows actually built
  // count: the fullest hall holds the site's rows up to a hall's worth, and a row its racks up to
  // a row's worth, so a small site is not priced or refused for the runs of an empty hall.
  const int racks_in_row = std::min(space.racks, space.racks_per_row);
  const int rows_in_hall = std::min(space.rows, space.rows_per_hall);
  double row_length = racks_in_row * l.rack_pitch_m;
  double hall_depth = rows_in_hall * space.row_pitch.in(u::m);
  l.hall_length_m = row_length + hall_depth + 10.0;
  return l;
}

FabricPolicy fabric_policy(const model::FabricPolicy& p, const model::Catalog& catalog,
                           const model::RackSystem& rack, const FabricLayout& layout,
                           std::int64_t racks_per_hall) {
  auto need_switch = [&](const std::string& name, const char* key) {
    if (name.empty()) {
      throw Error(
          fmt::format("policies.fabric.{}: required to design the network; name a "
                      "catalog switch (see `rackscale catalog list --kind switch`)",
                      key));
    }
    return *catalog.find(name);
  };
  FabricPolicy f;
  f.scale_out_switch = need_switch(p.scale_out_switch, "scale_out_switch");
  if (!p.spine_switch.empty()) f.spine_switch = *catalog.find(p.spine_switch);
  f.leaf_oversubscription = p.oversubscription.empty() ? 1.0 : p.oversubscription[0];
  f.spine_oversubscription = p.oversubscription.size() > 1 ? p.oversubscription[1] : 1.0;
  f.planes = p.planes;
  f.rail_optimized = p.rail_optimized;
  f.scalable_unit_nodes = p.scalable_unit_nodes;
  f.reserved_node_slots = p.reserved_node_slots;
  f.reserved_slot_ports = p.reserved_slot_ports;
  f.size_to_full_units = p.size_to_full_units;
  f.layout = layout;
  f.media = choose_media(catalog, rack.network.scale_out_port_speed.in(u::Gbps), layout);
  if (rack.network.frontend_ports_per_node > 0) {
    f.frontend_switch = need_switch(p.frontend_switch, "frontend_switch");
    f.frontend_oversubscription = p.frontend_oversubscription;
    f.frontend_media = choose_media(catalog, rack.network.frontend_port_speed.in(u::Gbps), layout);
  }
  if (rack.network.oob_ports_per_node > 0) {
    f.oob_switch = need_switch(p.oob_switch, "oob_switch");
    f.oob_oversubscription = p.oob_oversubscription;
    f.oob_media = choose_media(catalog, switch_spec(*f.oob_switch).port_speed.in(u::Gbps), layout);
    // Management islands of one hall each (fabric.md, "Out-of-band islands").
    f.oob_island_racks = racks_per_hall;
  }
  return f;
}

}  // namespace rackscale::design
