#include "rackscale/sim/buildout/buildout_plan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/sim/buildout/buildout_shipping.hpp"

namespace rackscale::sim {

namespace u = rackscale::units;

int ceil_days(u::Duration duration) {
  // 1e-9: "16 weeks" is exactly 112 days, not 113 after floating-point noise.
  return std::max(0, checked_int(std::ceil(duration.in(u::day)-1e-9), "a duration in days"));
}

std::string component_class_of(const design::BomLine& line) {
  const std::string& kind = line.kind;
  if (kind == "transformer" || kind == "switchgear" || kind == "unit_substation" || kind == "ups" ||
      kind == "generator" || kind == "battery" || kind == "cdu" || kind == "dry_cooler" ||
      kind == "chiller" || kind == "cooling_tower") {
    return kind;
  }
  if (kind == "transceiver") return "optics";
  if (kind == "switch") {
    // Network lines carry "<network> <tier>" notes (design/site.cpp).
    if (line.note.rfind("scale_out", 0) == 0) return "scale_out_switch";
    if (line.note.rfind("frontend", 0) == 0) return "frontend_switch";
  }
  return {};
}

namespace {

PoolIndex find_pool(const IndexedVector<PoolIndex, PlanPool>& pools, const std::string& name) {
  for (PoolIndex index : pools.indices()) {
    if (pools[index].name == name) return index;
  }
  return kNoPool;
}

void add_requirement(std::vector<PlanRequirement>& requirements, PoolIndex pool, long long count) {
  if (pool == kNoPool || count <= 0) return;
  for (PlanRequirement& requirement : requirements) {
    if (requirement.pool == pool) {
      requirement.count += count;
      return;
    }
  }
  requirements.push_back({pool, count});
}

int day_of(const Date& date, const model::Scenario& scenario) {
  return date.days_since(scenario.start);
}

// Horizon, allocation and production policies.
void plan_policies(BuildoutPlan& plan, const model::Scenario& scenario) {
  const int horizon_days = std::max(1, ceil_days(scenario.horizon));
  plan.weeks = (horizon_days + 6) / 7;
  plan.days = plan.weeks * 7;
  plan.rule = scenario.policies.allocation.rule;
  plan.exercise_lead_days = ceil_days(scenario.policies.allocation.exercise_lead);
  if (scenario.policies.production.build_ahead) {
    plan.build_ahead_days = ceil_days(*scenario.policies.production.build_ahead);
  }
}

// Priority: allocation.order first, then the remaining sites in scenario order.
void plan_priority(BuildoutPlan& plan, const model::Scenario& scenario) {
  std::vector<bool> placed(scenario.sites.size(), false);
  for (const std::string& name : scenario.policies.allocation.order) {
    for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
      if (scenario.sites[i].name == name && !placed[i]) {
        plan.priority.push_back(static_cast<SiteIndex>(i));
        placed[i] = true;
      }
    }
  }
  for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
    if (!placed[i]) plan.priority.push_back(static_cast<SiteIndex>(i));
  }
}

// Suppliers, and one pool per `component`.
void plan_suppliers(BuildoutPlan& plan, const model::Scenario& scenario) {
  for (const model::Supplier& supplier : scenario.suppliers) {
    PoolIndex pool = find_pool(plan.pools, supplier.component);
    if (pool == kNoPool) {
      pool = plan.pools.next_index();
      plan.pools.push_back({supplier.component, {}});
    }
    PlanSupplier planned;
    planned.name = supplier.name;
    planned.component = supplier.component;
    planned.pool = pool;
    planned.units_per_day = supplier.capacity.in(u::per_week)*supplier.share / 7.0;
    planned.lead_time = supplier.lead_time;
    plan.pools[pool].suppliers.push_back(plan.suppliers.next_index());
    plan.suppliers.push_back(std::move(planned));
  }
}

PlanFactory plan_factory(const model::Factory& factory, const model::Scenario& scenario) {
  PlanFactory planned;
  planned.name = factory.name;
  for (const model::RampPoint& point : factory.ramp) {
    planned.ramp.push_back({day_of(point.date, scenario), point.rate.in(u::per_week) / 7.0});
  }
  planned.first_ramp_day = planned.ramp.empty() ? kNeverDay : planned.ramp.front().day;
  planned.line_racks_per_day =
      factory.takt_time ? static_cast<double>(factory.lines) * (1.0 * u::day / *factory.takt_time)
                        : std::numeric_limits<double>::infinity();
  planned.integration_days = std::max(1, ceil_days(factory.integration_time));
  planned.burn_in_days = ceil_days(factory.burn_in);
  planned.rework_days = std::max(1, ceil_days(factory.rework));
  planned.first_pass_yield = std::clamp(factory.first_pass_yield, 1e-6, 1.0);
  if (factory.test_cell) {
    planned.has_test_cell = true;
    planned.test_cell_duration = factory.test_cell->duration;
  }
  return planned;
}

// The grid schedule in racks: each step's capacity over the design utility demand per rack,
// capped at the target.
void plan_grid(PlanSite& planned, const model::Site& site, const model::Scenario& scenario) {
  for (const model::GridStep& step : site.grid) {
    double racks = planned.utility_mw_per_rack > 0.0
                       ? std::floor(step.capacity.in(u::MW) / planned.utility_mw_per_rack + 1e-9)
                       : static_cast<double>(planned.target);
    racks = std::min(racks, static_cast<double>(planned.target));
    const int day = day_of(step.date, scenario);
    planned.grid_racks.push_back({day, racks});
    if (racks >= 1.0 && planned.first_grid_day == kNeverDay) planned.first_grid_day = day;
  }
}

// Long-lead (electrical and mechanical) and network gear of the design's bill of materials.
void plan_requirements(PlanSite& planned, const design::SiteDesign& design,
                       const IndexedVector<PoolIndex, PlanPool>& pools) {
  for (const design::BomLine& line : design.bom.lines) {
    const PoolIndex pool = pool_for_bom_line(pools, line);
    if (line.category == "electrical" || line.category == "mechanical") {
      add_requirement(planned.long_lead, pool, line.count);
    } else if (line.category == "network") {
      add_requirement(planned.network, pool, line.count);
    }
  }
}

// The construction schedule at the phase medians, no earlier than the grid's first rack.
int expected_ready_day(const PlanSite& planned, const model::Construction& construction) {
  const int median_days =
      ceil_days(construction.permitting.median()) + ceil_days(construction.shell.median()) +
      ceil_days(construction.fit_out.median()) + ceil_days(construction.commissioning.median());
  return std::max(planned.construction_start_day + median_days, planned.first_grid_day);
}

PlanSite plan_site(const model::Site& site, const design::SiteDesign& design,
                   const model::RackSystem& rack, const BuildoutPlan& plan,
                   const model::Scenario& scenario) {
  PlanSite planned;
  planned.name = site.name;
  planned.rack_system = site.rack_system;
  planned.target = std::max(0, design.racks);
  planned.gpus_per_rack = rack.gpus_per_rack();
  planned.rack_design_mw = rack.power.design.in(u::MW);
  planned.utility_mw_per_rack =
      design.racks > 0 ? design.power.design.total.in(u::MW) / static_cast<double>(design.racks)
                       : 0.0;
  plan_grid(planned, site, scenario);
  planned.construction_start_day = day_of(site.construction.start, scenario);
  planned.permitting = site.construction.permitting;
  planned.shell = site.construction.shell;
  planned.fit_out = site.construction.fit_out;
  planned.commissioning = site.construction.commissioning;
  planned.install_per_day = site.crews.install_rate.in(u::per_week) / 7.0;
  planned.commission_per_day = site.crews.commissioning_rate.in(u::per_week) / 7.0;
  plan_requirements(planned, design, plan.pools);
  planned.expected_ready_day = expected_ready_day(planned, site.construction);
  return planned;
}

void plan_sites(BuildoutPlan& plan, const model::Scenario& scenario, const model::Catalog& catalog,
                const std::vector<design::SiteDesign>& designs) {
  for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
    const model::Site& site = scenario.sites[i];
    const design::SiteDesign& design = designs[i];
    if (design.name != site.name) {
      throw Error(fmt::format("build-out: design {} is for site '{}', expected '{}'", i,
                              design.name, site.name));
    }
    const auto* rack = catalog.find_as<model::RackSystem>(site.rack_system);
    if (!rack) {
      throw Error(fmt::format("build-out: site '{}': rack system '{}' is not in the catalog",
                              site.name, site.rack_system));
    }
    plan.sites.push_back(plan_site(site, design, *rack, plan, scenario));
  }
}

PlanContract plan_contract(const model::Contract& contract, const model::Scenario& scenario) {
  PlanContract planned;
  planned.name = contract.name;
  for (const model::FirmOrder& order : contract.firm) {
    planned.firm.push_back({order.racks, day_of(order.deliver_by, scenario)});
    planned.firm_racks += order.racks;
  }
  planned.option_count = static_cast<int>(contract.options.size());
  planned.unit_price_usd = contract.unit_price.in(u::USD);
  return planned;
}

FactoryIndex factory_of(const model::Contract& contract, const model::Scenario& scenario) {
  for (std::size_t f = scenario.factories.size(); f-- > 0;) {
    if (scenario.factories[f].name == contract.factory) return static_cast<FactoryIndex>(f);
  }
  throw Error(fmt::format("build-out: contract '{}': unknown factory '{}'", contract.name,
                          contract.factory));
}

// A new lane of `factory` for the contract's rack system: its components per rack, its sites
// (priority order) and the transit days to every site.
PlanLane make_lane(const model::Contract& contract, FactoryIndex factory, const BuildoutPlan& plan,
                   const model::Scenario& scenario, const model::Catalog& catalog) {
  const auto* rack = catalog.find_as<model::RackSystem>(contract.rack_system);
  if (!rack) {
    throw Error(fmt::format("build-out: contract '{}': rack system '{}' is not in the catalog",
                            contract.name, contract.rack_system));
  }
  PlanLane lane;
  lane.factory = factory;
  lane.rack_system = contract.rack_system;
  add_requirement(lane.per_rack, find_pool(plan.pools, "gpu_tray"), rack->nodes_per_rack);
  add_requirement(lane.per_rack, find_pool(plan.pools, "switch_tray"), rack->nvlink_switch_trays);
  add_requirement(lane.per_rack, find_pool(plan.pools, "power_shelf"),
                  rack->power_shelves.value_or(0));
  lane.transit_days.assign(scenario.sites.size(), 0);
  const model::Location& from = scenario.factories[position(factory)].location;
  for (SiteIndex index : plan.priority) {
    const model::Site& site = scenario.sites[position(index)];
    lane.transit_days[index] = transit_days(from, site.location);
    if (site.rack_system == contract.rack_system) lane.sites.push_back(index);
  }
  return lane;
}

// The lane of the contract's (factory, rack system), made on first use.
LaneIndex lane_of(const model::Contract& contract, BuildoutPlan& plan,
                  const model::Scenario& scenario, const model::Catalog& catalog) {
  const FactoryIndex factory = factory_of(contract, scenario);
  for (LaneIndex index : plan.lanes.indices()) {
    const PlanLane& lane = plan.lanes[index];
    if (lane.factory == factory && lane.rack_system == contract.rack_system) return index;
  }
  const LaneIndex index = plan.lanes.next_index();
  PlanLane lane = make_lane(contract, factory, plan, scenario, catalog);
  plan.factories[factory].lanes.push_back(index);
  for (SiteIndex site : lane.sites) plan.sites[site].lanes.push_back(index);
  plan.lanes.push_back(std::move(lane));
  return index;
}

// Contracts and their lanes: one lane per (factory, rack system), in order of first appearance;
// the purchase options in contract order.
void plan_contracts(BuildoutPlan& plan, const model::Scenario& scenario,
                    const model::Catalog& catalog) {
  for (const model::Contract& contract : scenario.contracts) {
    const ContractIndex index = plan.contracts.next_index();
    plan.contracts.push_back(plan_contract(contract, scenario));
    const LaneIndex lane_index = lane_of(contract, plan, scenario, catalog);
    PlanLane& lane = plan.lanes[lane_index];
    lane.contracts.push_back(index);
    lane.firm_racks += plan.contracts[index].firm_racks;
    for (std::size_t o = 0; o < contract.options.size(); ++o) {
      const model::PurchaseOption& option = contract.options[o];
      plan.options.push_back({index, static_cast<int>(o), lane_index, option.racks,
                              day_of(option.window_open, scenario),
                              day_of(option.window_close, scenario), option.unit_price.in(u::USD)});
    }
  }
}

}  // namespace

PoolIndex pool_for_bom_line(const IndexedVector<PoolIndex, PlanPool>& pools,
                            const design::BomLine& line) {
  const PoolIndex pool = find_pool(pools, line.item);
  if (pool != kNoPool) return pool;
  const std::string component_class = component_class_of(line);
  return component_class.empty() ? kNoPool : find_pool(pools, component_class);
}

BuildoutPlan make_buildout_plan(const model::Scenario& scenario, const model::Catalog& catalog,
                                const std::vector<design::SiteDesign>& designs) {
  if (designs.size() != scenario.sites.size()) {
    throw Error(fmt::format("build-out: {} site designs for {} sites", designs.size(),
                            scenario.sites.size()));
  }
  BuildoutPlan plan;
  plan_policies(plan, scenario);
  plan_priority(plan, scenario);
  plan_suppliers(plan, scenario);
  for (const model::Factory& factory : scenario.factories) {
    plan.factories.push_back(plan_factory(factory, scenario));
  }
  plan_sites(plan, scenario, catalog, designs);  // before the lanes, which list their sites
  plan_contracts(plan, scenario, catalog);
  return plan;
}

}  // namespace rackscale::sim
