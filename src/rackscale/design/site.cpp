#include "rackscale/design/site.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/design/climate.hpp"
#include "rackscale/design/fabric_inputs.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

namespace {

// An input error pointing at the site. Rendered here without the scenario's lines (design reads
// no file); where the loaded scenario is at hand, InputError::with_sources adds them.
[[noreturn]] void site_error(const model::Site& site, const std::string& message,
                             const std::string& hint = {}) {
  const std::vector<Diagnostic> problem = {Diagnostic{site.where, site.path, message, hint}};
  throw InputError(problem, render(problem, SourceTexts{}));
}

// Items of a catalog cable that carry `links` links (a splitter cable carries two).
long long items_for_links(const model::Catalog& catalog, const std::string& name, long long links) {
  int per = 1;
  if (const auto* c = catalog.find_as<model::Cable>(name)) per = c->links;
  return (links + per - 1) / per;
}

// Why a network line has no price, for its note: the BOM prices every line it can.
std::string unpriced_reason(const model::Catalog& catalog, const std::string& item) {
  const model::CatalogEntry* entry = catalog.find(item);
  if (entry == nullptr) return "; unpriced: not in the catalog";
  return entry->price ? "" : "; unpriced: the catalog entry has no price";
}

void add_network_line(Bom& bom, const model::Catalog& catalog, const std::string& item,
                      long long count, const std::string& note) {
  bom.add(catalog, "network", item, count, note + unpriced_reason(catalog, item));
}

// Switches per tier, cables per link group, and modules per link end (counted as modules: a
// twin-port module in a switch cage serves two links, a NIC cage takes one per link).
void add_network(Bom& bom, const model::Catalog& catalog, const NetworkDesign& n) {
  for (const auto& t : n.tiers) {
    add_network_line(bom, catalog, t.switch_model, t.switch_count, n.name + " " + t.name);
  }
  for (const auto& l : n.links) {
    const std::string group = n.name + " " + l.name;
    if (!l.cable_model.empty()) {
      add_network_line(bom, catalog, l.cable_model,
                       items_for_links(catalog, l.cable_model, l.cable_count), group);
    }
    for (const LinkEndDesign* end : {&l.lower_end, &l.upper_end}) {
      if (end->transceiver_model.empty()) continue;
      add_network_line(bom, catalog, end->transceiver_model, end->transceiver_count,
                       group + " (" + end->cage + " end)");
    }
  }
}

void add_group(Bom& bom, const model::Catalog& catalog, const UnitGroup& g,
               const std::string& note) {
  if (!g.model.empty()) bom.add(catalog, "mechanical", g.model, g.installed, note);
}

// The site's year: its weather file's, loaded with the scenario, or built from its parametric
// climate.
Weather site_weather(const model::Site& site) {
  if (site.climate.epw_year) return *site.climate.epw_year;
  return parametric_weather(*site.climate.parametric, site.location.latitude);
}

// Loads at the critical bus. IT at design is RackPower::it_design, the rack's AC input (the
// GB300 NVL72's 136 kW design power is DC at the busbar; its AC max is 142 kW).
SiteLoads critical_loads(const model::RackSystem& rack, int racks, const Fabric& fabric) {
  const double n = static_cast<double>(racks);
  SiteLoads loads;
  loads.it_design = n * rack.power.it_design();
  loads.it_typical = n * rack.power.typical;
  loads.it_idle = n * rack.power.idle;
  loads.it_peak = n * rack.power.peak.value_or(rack.power.it_design());
  loads.network = fabric.totals.power_w * u::W;
  loads.storage_and_management = kStorageAndManagementFraction * loads.it_design;
  return loads;
}

// Bill of materials: racks, network, electrical and mechanical gear.
void add_bill_of_materials(SiteDesign& d, const model::Catalog& catalog) {
  d.bom.add(catalog, "it", d.rack_system, d.racks, "racks");
  add_network(d.bom, catalog, d.fabric.scale_out);
  if (d.fabric.frontend) add_network(d.bom, catalog, *d.fabric.frontend);
  if (d.fabric.oob) add_network(d.bom, catalog, *d.fabric.oob);
  for (const auto& line : d.power.bom) d.bom.add(catalog, "electrical", line.name, line.count);
  add_group(d.bom, catalog, d.cooling.cdus, "CDUs");
  add_group(d.bom, catalog, d.cooling.liquid.economizer_units, "liquid loop heat rejection");
  add_group(d.bom, catalog, d.cooling.liquid.chillers, "liquid loop chillers");
  add_group(d.bom, catalog, d.cooling.air.economizer_units, "air loop heat rejection");
  add_group(d.bom, catalog, d.cooling.air.chillers, "air loop chillers");
}

// Passes of the heat fixed point. Each pass moves the electrical-room heat by the previous
// change times (plant electrical / heat removed) x (room loss / load carried), a few percent of
// a few percent, so two or three passes settle it; the bound only guards against unit counts
// flipping at a boundary.
constexpr int kMaxHeatPasses = 8;

// The cooling plant for `heat`, with the site named in any error.
CoolingPlant site_cooling_plant(const model::Site& site, const CoolingInput& input,
                                const model::Catalog& catalog, const Weather& weather) {
  try {
    return design_cooling_plant(input, catalog, weather);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    site_error(site, fmt::format("cannot design the cooling plant: {}", e.what()),
               "check policies.cooling and the catalog's cooling gear");
  }
}

// The power chain for the loads, with the site named in any error.
PowerChain site_power_chain(const model::Site& site, const PowerChainInput& input,
                            const model::Catalog& catalog) {
  try {
    return design_power_chain(input, catalog);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    site_error(site, fmt::format("cannot design the power chain: {}", e.what()),
               "check policies.power and the catalog's power gear");
  }
}

// Cooling and power together: the plant removes the racks' and other gear's heat `hall` and the
// losses of the electrical rooms (unit substations, UPS, busway), which depend on the plant's
// own electrical load. Fixed point from no room heat: heat = electrical load + losses.
void design_cooling_and_power(SiteDesign& d, const model::Site& site, const CoolingLoads& hall,
                              const model::RackSystem& rack, const model::Scenario& scenario,
                              const model::Catalog& catalog) {
  const auto& policies = scenario.policies;
  u::Power room;
  for (int pass = 0; pass < kMaxHeatPasses; ++pass) {
    const CoolingInput ci{
        {hall.liquid_heat, hall.air_heat + room}, &policies.cooling, d.racks, &rack};
    d.cooling = site_cooling_plant(site, ci, catalog, d.weather);
    d.loads.mechanical_design = d.cooling.design_electrical;
    d.power = site_power_chain(site, {d.loads, &policies.power, &rack, d.racks, {}}, catalog);
    const u::Power next = d.power.indoor_losses_at_design();
    const bool settled = std::abs((next - room).si()) <= 1e-6 * std::max(next.si(), 1.0);
    room = next;
    if (settled) break;
  }
}

// Capex, opex and TCO of the designed site.
Cost site_cost(const SiteDesign& d, const model::Site& site, const model::Catalog& catalog,
               const model::CostPolicy& policy) {
  CostInput cin;
  cin.racks = d.racks;
  cin.gpus = d.gpus;
  const auto* rack_entry = catalog.find(site.rack_system);
  cin.rack_price = rack_entry->price.value_or(u::Money{});
  cin.network_capex = d.fabric.totals.cost_usd * u::USD;
  cin.critical_design = d.loads.it_design + d.loads.network + d.loads.storage_and_management;
  cin.it_design = d.loads.it_design;
  cin.annual_facility_energy = d.energy.facility;
  cin.annual_water_litres = d.energy.water_litres;
  cin.tariff = site.tariff;
  cin.water_price = site.water_price;
  cin.land_cost = site.land_cost;
  if (!cin.land_cost && site.land_price) cin.land_cost = *site.land_price * d.area.land;
  cin.facility = facility_capex({&d.power, &d.cooling, &d.space, &d.area, cin.critical_design},
                                catalog, capex_rates(policy));
  return compute_cost(cin, cost_assumptions(policy));
}

}  // namespace

SiteDesign design_site(const model::Site& site, const model::Scenario& scenario,
                       const model::Catalog& catalog) {
  SiteDesign d;
  d.name = site.name;
  d.rack_system = site.rack_system;
  const auto& rack = *catalog.find_as<model::RackSystem>(site.rack_system);
  const auto& policies = scenario.policies;
  d.racks = site.target.racks_for(rack);
  if (d.racks <= 0) {
    site_error(site, fmt::format("the target gives {} racks of {}", d.racks, site.rack_system),
               "raise the target above one rack's design power");
  }
  d.gpus = static_cast<long long>(d.racks) * rack.gpus_per_rack();

  // Floor first: the fabric's cable runs follow the rows and halls.
  try {
    d.space = design_space(rack, d.racks);
  } catch (const Error& e) {
    site_error(site, e.what());
  }

  // Network fabric.
  try {
    FabricLayout layout = fabric_layout(d.space, rack);
    FabricPolicy fp = fabric_policy(policies.fabric, catalog, rack, layout, d.space.racks_per_hall);
    d.fabric = design_fabric(rack, fp, d.racks);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    site_error(site, fmt::format("cannot design the network: {}", e.what()),
               "check policies.fabric and the catalog's switches, cables and transceivers");
  }

  d.loads = critical_loads(rack, d.racks, d.fabric);

  // Cooling and power: rack heat at design is the rack's electrical load at design (all of it
  // ends as heat), split by the rack's liquid fraction; network, storage and management heat
  // goes to air, and so does the heat of the electrical rooms.
  d.weather = site_weather(site);
  u::Power other_air = d.loads.network + d.loads.storage_and_management;
  design_cooling_and_power(d, site, rack_heat(rack, d.racks, rack.power.it_design(), other_air),
                           rack, scenario, catalog);

  // A year of energy at typical IT draw.
  u::Power critical = d.loads.it_typical + d.loads.network + d.loads.storage_and_management;
  d.energy = simulate_site_year(d.power, d.cooling, d.weather, critical,
                                rack_heat(rack, d.racks, rack.power.typical, other_air));

  d.area = site_area(d.space, yard_lines(d.power, d.cooling, catalog));
  add_bill_of_materials(d, catalog);
  d.cost = site_cost(d, site, catalog, policies.cost);
  return d;
}

std::vector<SiteDesign> design_sites(const model::Scenario& scenario,
                                     const model::Catalog& catalog) {
  std::vector<SiteDesign> out;
  out.reserve(scenario.sites.size());
  for (const auto& site : scenario.sites) out.push_back(design_site(site, scenario, catalog));
  return out;
}

}  // namespace rackscale::design
