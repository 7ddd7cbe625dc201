#include "rackscale/sim/buildout/factory_gear.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/sim/buildout/buildout_shipping.hpp"

namespace rackscale::sim {

namespace {

std::vector<PoolUnits> pool_units(const std::vector<PlanRequirement>& requirements) {
  std::vector<PoolUnits> units;
  for (const PlanRequirement& requirement : requirements) {
    units.emplace_back(requirement.pool, requirement.count);
  }
  return units;
}

std::vector<PlanRequirement> requirements_of(const std::vector<PoolUnits>& units) {
  std::vector<PlanRequirement> requirements;
  for (const auto& [pool, count] : units) requirements.push_back({pool, count});
  return requirements;
}

// Adds `count` units of `pool` (kNoPool: unconstrained, nothing to add or take).
void add_units(std::vector<PlanRequirement>& requirements, PoolIndex pool, long long count) {
  if (pool == kNoPool || count == 0) return;
  auto at = std::find_if(requirements.begin(), requirements.end(),
                         [&](const PlanRequirement& r) { return r.pool == pool; });
  if (at == requirements.end()) {
    requirements.push_back({pool, count});
    return;
  }
  at->count += count;
  if (at->count <= 0) requirements.erase(at);
}

FactoryIndex factory_named(const BuildoutPlan& plan, const std::string& name) {
  for (FactoryIndex index : plan.factories.indices()) {
    if (plan.factories[index].name == name) return index;
  }
  throw Error(fmt::format("build-out: gear_from: unknown factory '{}'", name));
}

const model::GearProduct& gear_named(const model::Factory& factory, const std::string& name) {
  for (const model::GearProduct& gear : factory.operations.gear) {
    if (gear.name == name) return gear;
  }
  throw Error(fmt::format("build-out: factory '{}' builds no gear '{}'", factory.name, name));
}

// Moves the site's lines of the source's component to `pool`; the units moved.
long long move_lines(PlanSite& site, const design::SiteDesign& design,
                     const model::GearSource& source, const BuildoutPlan& plan, PoolIndex pool) {
  long long units = 0;
  for (const design::BomLine& line : design.bom.lines) {
    if (component_class_of(line) != source.component) continue;
    const bool long_lead = line.category == "electrical" || line.category == "mechanical";
    if (!long_lead && line.category != "network") continue;
    std::vector<PlanRequirement>& requirements = long_lead ? site.long_lead : site.network;
    add_units(requirements, pool_for_bom_line(plan.pools, line), -line.count);
    add_units(requirements, pool, line.count);
    units += line.count;
  }
  return units;
}

// The factory's order for one `gear_from` entry of site `index`.
PlanPartnerGear partner_gear(BuildoutPlan& plan, SiteIndex index, const model::Scenario& scenario,
                             const design::SiteDesign& design, const model::GearSource& source) {
  const model::Site& site = scenario.sites[position(index)];
  const FactoryIndex factory = factory_named(plan, source.factory);
  const model::Factory& scenario_factory = scenario.factories[position(factory)];
  PlanPartnerGear gear;
  gear.site = site.name;
  gear.gear = source.gear;
  gear.component = source.component;
  gear.site_index = index;
  gear.line_share = gear_named(scenario_factory, source.gear).line_share;
  gear.lead_days = plan.factories[factory].integration_days +
                   transit_days(scenario_factory.location, site.location);
  gear.pool = plan.pools.next_index();
  plan.pools.push_back({fmt::format("{}@{}", source.gear, site.name), {}});
  gear.units = move_lines(plan.sites[index], design, source, plan, gear.pool);
  if (gear.units == 0) {
    throw Error(
        fmt::format("build-out: site '{}' takes its {} from factory '{}', but its design "
                    "has none",
                    site.name, source.component, source.factory));
  }
  return gear;
}

}  // namespace

void plan_partner_gear(BuildoutPlan& plan, const model::Scenario& scenario,
                       const std::vector<design::SiteDesign>& designs) {
  for (SiteIndex index : plan.priority) {
    // The site's requirements before any gear_from entry: the outside suppliers'.
    const std::vector<PoolUnits> outside_long_lead = pool_units(plan.sites[index].long_lead);
    const std::vector<PoolUnits> outside_network = pool_units(plan.sites[index].network);
    for (const model::GearSource& source : scenario.sites[position(index)].gear_from) {
      PlanPartnerGear gear = partner_gear(plan, index, scenario, designs[position(index)], source);
      gear.outside_long_lead = outside_long_lead;
      gear.outside_network = outside_network;
      plan.factories[factory_named(plan, source.factory)].operations.partner_gear.push_back(
          std::move(gear));
    }
  }
}

bool has_partner_gear(const BuildoutPlan& plan) {
  return std::any_of(plan.factories.begin(), plan.factories.end(), [](const PlanFactory& factory) {
    return !factory.operations.partner_gear.empty();
  });
}

BuildoutPlan with_outside_suppliers(BuildoutPlan plan) {
  for (PlanFactory& factory : plan.factories) {
    for (const PlanPartnerGear& gear : factory.operations.partner_gear) {
      PlanSite& site = plan.sites[gear.site_index];
      site.long_lead = requirements_of(gear.outside_long_lead);
      site.network = requirements_of(gear.outside_network);
    }
    factory.operations.partner_gear.clear();
  }
  return plan;
}

void relax_partner_gear(BuildoutPlan& plan, PoolIndex pool) {
  for (PlanFactory& factory : plan.factories) {
    std::vector<PlanPartnerGear>& orders = factory.operations.partner_gear;
    for (const PlanPartnerGear& gear : orders) {
      if (gear.pool != pool) continue;
      PlanSite& site = plan.sites[gear.site_index];
      const auto on_pool = [&](const PlanRequirement& r) { return r.pool == pool; };
      std::erase_if(site.long_lead, on_pool);
      std::erase_if(site.network, on_pool);
    }
    std::erase_if(orders, [&](const PlanPartnerGear& gear) { return gear.pool == pool; });
  }
}

}  // namespace rackscale::sim
