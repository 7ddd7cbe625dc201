#include "rackscale/report/netbox_export.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "rackscale/design/fabric_graph.hpp"
#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/fabric_export.hpp"
#include "rackscale/report/file_slug.hpp"

namespace rackscale::report {
namespace {

namespace u = rackscale::units;
using design::FabricGraph;
using design::FabricLink;
using design::FabricVertex;
using design::SiteDesign;
using design::VertexKind;

// Rack feeds. assumption: 415 V three-phase distribution to high-density racks, loaded to at
// most 80% of the breaker rating (the continuous-load rule of NFPA 70 art. 210.20), at the power
// chain's power factor.
constexpr double kFeedVoltageV = 415.0;
constexpr int kFeedMaxUtilizationPercent = 80;
// assumption: a standard 19-inch, 48U rack frame holds every node (NetBox needs a height).
constexpr int kRackUnits = 48;

// Every file, with its columns as NetBox's import form names them (Meta.fields).
struct Files {
  CsvWriter manufacturers{{"name", "slug", "description"}};
  CsvWriter roles{{"name", "slug", "color", "description"}};
  CsvWriter sites{{"name", "slug", "status", "facility", "description", "latitude", "longitude"}};
  CsvWriter locations{{"site", "name", "slug", "status", "description"}};
  CsvWriter racks{{"site", "location", "name", "status", "width", "u_height", "description"}};
  CsvWriter device_types{
      {"manufacturer", "model", "slug", "u_height", "is_full_depth", "description"}};
  CsvWriter devices{{"name", "role", "manufacturer", "device_type", "status", "site", "location",
                     "rack", "description"}};
  CsvWriter interfaces{{"device", "name", "type", "speed", "description"}};
  CsvWriter cables{{"side_a_device", "side_a_type", "side_a_name", "side_b_device", "side_b_type",
                    "side_b_name", "type", "status", "length", "length_unit", "description"}};
  CsvWriter power_panels{{"site", "location", "name", "description"}};
  CsvWriter power_feeds{{"site", "power_panel", "location", "rack", "name", "status", "type",
                         "supply", "phase", "voltage", "amperage", "max_utilization",
                         "description"}};
  std::set<std::string> manufacturer_names;
  std::set<std::string> device_type_names;
};

std::string slug(const std::string& name) {
  return file_slug(name, "item");
}

std::string vendor_of(const model::Catalog& catalog, const std::string& item) {
  const model::CatalogEntry* e = catalog.find(item);
  return e != nullptr && !e->vendor.empty() ? e->vendor : "Unknown";
}

void add_device_type(Files& f, const std::string& vendor, const std::string& model, int rack_units,
                     const std::string& description) {
  if (!f.device_type_names.insert(model).second) return;
  if (f.manufacturer_names.insert(vendor).second) {
    f.manufacturers.add_row({vendor, slug(vendor), "from the rackscale catalog"});
  }
  f.device_types.add_row(
      {vendor, model, slug(model), std::to_string(rack_units), "true", description});
}

// NetBox interface type of a port of `gbps` [Gb/s]: the speeds the catalog holds.
std::string interface_type(double gbps) {
  if (gbps >= 800) return "800gbase-x-osfp";
  if (gbps >= 400) return "400gbase-x-osfp";
  if (gbps >= 100) return "100gbase-x-qsfp28";
  if (gbps > 1) return "other";
  return "1000base-t";
}

// NetBox cable type of a reach class's medium.
std::string cable_type(const std::string& cable_model) {
  if (cable_model.find("SMF") != std::string::npos) return "smf-os2";
  if (cable_model.find("MMF") != std::string::npos) return "mmf-om4";
  if (cable_model.find("AOC") != std::string::npos) return "aoc";
  if (cable_model.find("DAC") != std::string::npos) return "dac-passive";
  if (cable_model.find("CAT6") != std::string::npos) return "cat6";
  return "";
}

struct SiteNames {
  std::string site;    // NetBox site name (the scenario's)
  std::string prefix;  // device-name prefix: the site's slug
  std::string hall(std::int64_t h) const { return fmt::format("{} hall {}", site, h + 1); }
  std::string rack(std::int64_t r) const { return fmt::format("{}-r{:05d}", prefix, r + 1); }
  std::string node(std::int64_t n) const { return fmt::format("{}-n{:06d}", prefix, n + 1); }
  std::string panel(std::int64_t h) const { return fmt::format("{}-panel-h{}", prefix, h + 1); }
};

// Halls, racks, a power panel per hall and a feed per rack.
void add_floor(Files& f, const SiteDesign& d, const SiteNames& names) {
  const std::int64_t per_hall = std::max(1, d.space.racks_per_hall);
  const std::int64_t halls = (d.racks + per_hall - 1) / per_hall;
  for (std::int64_t h = 0; h < halls; ++h) {
    f.locations.add_row({names.site, names.hall(h), slug(names.hall(h)), "planned", "data hall"});
    f.power_panels.add_row({names.site, names.hall(h), names.panel(h), "hall distribution"});
  }
  const double rack_w = d.fabric.rack.power.it_design().in(u::W);
  const auto amperage =
      static_cast<int>(std::ceil(rack_w / (std::sqrt(3.0) * kFeedVoltageV * d.power.power_factor) *
                                 100.0 / kFeedMaxUtilizationPercent));
  for (std::int64_t r = 0; r < d.racks; ++r) {
    const std::string hall = names.hall(r / per_hall);
    f.racks.add_row({names.site, hall, names.rack(r), "planned", "19", std::to_string(kRackUnits),
                     d.rack_system});
    f.power_feeds.add_row({names.site, names.panel(r / per_hall), hall, names.rack(r),
                           names.rack(r) + "-feed-a", "planned", "primary", "ac", "three-phase",
                           fmt::format("{:.0f}", kFeedVoltageV), std::to_string(amperage),
                           std::to_string(kFeedMaxUtilizationPercent),
                           fmt::format("{:.1f} kW design", rack_w / 1e3)});
  }
}

// A device per node of the rack systems, in its rack.
void add_nodes(Files& f, const model::Catalog& catalog, const SiteDesign& d,
               const SiteNames& names) {
  const model::RackSystem& rack = d.fabric.rack;
  const std::string type = d.rack_system + " node";
  const std::string vendor = vendor_of(catalog, d.rack_system);
  add_device_type(
      f, vendor, type, rack.node_rack_units.value_or(1),
      fmt::format("one of the {} nodes of a {} rack", rack.nodes_per_rack, d.rack_system));
  const std::int64_t per_hall = std::max(1, d.space.racks_per_hall);
  for (std::int64_t n = 0; n < d.fabric.node_count; ++n) {
    const std::int64_t r = n / rack.nodes_per_rack;
    f.devices.add_row({names.node(n), "compute", vendor, type, "planned", names.site,
                       names.hall(r / per_hall), names.rack(r),
                       fmt::format("{} GPUs", rack.gpus_per_node)});
  }
}

// Devices for every switch of a network's tiers (front end and out-of-band: counted, not
// cabled here).
void add_switch_tiers(Files& f, const model::Catalog& catalog, const design::NetworkDesign& n,
                      const SiteNames& names) {
  for (const design::TierDesign& t : n.tiers) {
    const auto* sw = catalog.find_as<model::Switch>(t.switch_model);
    add_device_type(f, vendor_of(catalog, t.switch_model), t.switch_model,
                    sw != nullptr ? sw->rack_units : 1, "switch");
    for (std::int64_t i = 0; i < t.switch_count; ++i) {
      f.devices.add_row({fmt::format("{}-{}-{}{:05d}", names.prefix, n.name, t.name, i + 1),
                         n.name + " " + t.name, vendor_of(catalog, t.switch_model), t.switch_model,
                         "planned", names.site, names.hall(0), "", n.name + " " + t.name});
    }
  }
}

// The back-end fabric link by link: its switches as devices, one interface per port used at each
// end, one cable per link.
class BackEndWriter {
 public:
  BackEndWriter(Files& f, const model::Catalog& catalog, const SiteDesign& d,
                const SiteNames& names)
      : f_(f), catalog_(catalog), d_(d), names_(names) {}

  void write(const FabricGraph& g) {
    const design::NetworkDesign& n = d_.fabric.scale_out;
    for (const design::TierDesign& t : n.tiers) {
      const auto* sw = catalog_.find_as<model::Switch>(t.switch_model);
      add_device_type(f_, vendor_of(catalog_, t.switch_model), t.switch_model,
                      sw != nullptr ? sw->rack_units : 1, "switch");
    }
    for (const FabricVertex& v : g.vertices) device_of(v, g);
    for (const FabricLink& l : g.links) add_cable(g, l);
  }

 private:
  // The NetBox device of a vertex: a node for a GPU, the appliance, or the switch.
  std::string device_of(const FabricVertex& v, const FabricGraph& g) {
    if (v.kind == VertexKind::Gpu) return names_.node(v.group);
    const std::string name = names_.prefix + "-" + design::vertex_name(v);
    if (!added_.insert(name).second) return name;
    const bool appliance = v.kind == VertexKind::Appliance;
    const std::string model = appliance ? std::string("fabric manager appliance")
                                        : g.tier_models.at(static_cast<std::size_t>(v.tier - 1));
    if (appliance) add_device_type(f_, "Unknown", model, 1, "reserved fabric slot (e.g. UFM)");
    const std::string role = appliance ? "fabric manager" : "scale_out " + tier_name(v.tier);
    f_.devices.add_row({name, role, vendor_of(catalog_, model), model, "planned", names_.site,
                        names_.hall(0), "", role});
    return name;
  }

  static std::string tier_name(int tier) {
    return tier == 1 ? "leaf" : tier == 2 ? "spine" : "core";
  }

  // The next free port of `device`, added to interfaces.csv.
  std::string next_port(const std::string& device, const std::string& prefix, double gbps) {
    const int port = ++ports_used_[device];
    const std::string name = fmt::format("{}{}", prefix, port);
    f_.interfaces.add_row({device, name, interface_type(gbps),
                           fmt::format("{:.0f}", gbps * 1e6),  // NetBox speed is in kb/s
                           "back-end fabric"});
    return name;
  }

  void add_cable(const FabricGraph& g, const FabricLink& l) {
    const auto role = static_cast<std::size_t>(l.role);
    const double gbps = g.link_speed_gbps[role];
    const FabricVertex& lower = g.vertices[static_cast<std::size_t>(l.lower)];
    const FabricVertex& upper = g.vertices[static_cast<std::size_t>(l.upper)];
    const std::string a = device_of(lower, g);
    const std::string b = device_of(upper, g);
    const std::string a_port = next_port(a, lower.kind == VertexKind::Switch ? "swp" : "nic", gbps);
    const std::string b_port = next_port(b, "swp", gbps);
    const design::LinkGroupDesign& group = d_.fabric.scale_out.links.at(role);
    f_.cables.add_row({a, "dcim.interface", a_port, b, "dcim.interface", b_port,
                       cable_type(group.cable_model), "planned", "", "",
                       fmt::format("{} {}", group.name, group.cable_model)});
  }

  Files& f_;
  const model::Catalog& catalog_;
  const SiteDesign& d_;
  const SiteNames& names_;
  std::set<std::string> added_;
  std::map<std::string, int> ports_used_;
};

const model::Site* scenario_site(const model::Scenario& scenario, const std::string& name) {
  for (const model::Site& s : scenario.sites) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> netbox_files(const std::vector<SiteDesign>& sites,
                                                              const model::Scenario& scenario,
                                                              const model::Catalog& catalog,
                                                              std::int64_t max_elements) {
  Files f;
  for (const std::string role :
       {"compute", "fabric manager", "scale_out leaf", "scale_out spine", "scale_out core",
        "frontend leaf", "frontend spine", "frontend core", "oob leaf", "oob spine", "oob core"}) {
    f.roles.add_row({role, slug(role), "9e9e9e", "rackscale design"});
  }
  const std::vector<std::string> slugs = [&] {
    std::vector<std::string> names;
    for (const SiteDesign& d : sites) names.push_back(d.name);
    return unique_file_slugs(names, "site");
  }();
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const SiteDesign& d = sites[i];
    const std::int64_t elements = topology_element_count(d.fabric);
    if (elements > max_elements) {
      throw std::invalid_argument(fmt::format(
          "--max-elements: the back-end graph of site {} has {} vertices and links, more than the "
          "{} allowed; raise --max-elements to at least {}",
          d.name, elements, max_elements, elements));
    }
    const SiteNames names{d.name, slugs[i]};
    const model::Site* site = scenario_site(scenario, d.name);
    f.sites.add_row({d.name, slugs[i], "planned", site ? site->location.city : "",
                     fmt::format("{} racks of {}, {} GPUs", d.racks, d.rack_system, d.gpus),
                     site ? fmt::format("{:.6f}", site->location.latitude) : "",
                     site ? fmt::format("{:.6f}", site->location.longitude) : ""});
    add_floor(f, d, names);
    add_nodes(f, catalog, d, names);
    BackEndWriter(f, catalog, d, names)
        .write(design::materialize_fabric(d.fabric, d.fabric.gpu_count));
    if (d.fabric.frontend) add_switch_tiers(f, catalog, *d.fabric.frontend, names);
    if (d.fabric.oob) add_switch_tiers(f, catalog, *d.fabric.oob, names);
  }
  return {{"netbox-01-manufacturers.csv", f.manufacturers.text()},
          {"netbox-02-device-roles.csv", f.roles.text()},
          {"netbox-03-sites.csv", f.sites.text()},
          {"netbox-04-locations.csv", f.locations.text()},
          {"netbox-05-racks.csv", f.racks.text()},
          {"netbox-06-device-types.csv", f.device_types.text()},
          {"netbox-07-devices.csv", f.devices.text()},
          {"netbox-08-interfaces.csv", f.interfaces.text()},
          {"netbox-09-cables.csv", f.cables.text()},
          {"netbox-10-power-panels.csv", f.power_panels.text()},
          {"netbox-11-power-feeds.csv", f.power_feeds.text()}};
}

}  // namespace rackscale::report
