#include "rackscale/sim/buildout/buildout_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/design/grid_cap.hpp"
#include "rackscale/sim/buildout/buildout_shipping.hpp"
#include "rackscale/sim/buildout/factory_gear.hpp"

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

// Tolerance when flooring a ramp's racks, the daily loop's (buildout.cpp, kEps): 7 x (1000/7)
// must give 1000.
constexpr double kNeedEps = 1e-9;

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
  plan.release = scenario.policies.production.release;
  plan.cost_of_capital = scenario.policies.finance.cost_of_capital;
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
  planned.operations = plan_factory_operations(factory, scenario.start, planned.integration_days,
                                               planned.burn_in_days);
  return planned;
}

// With `power:`: the power section in days and MW, and the planner's first day with power for a
// rack from the median schedule (every duration at its median, site_power_draw.hpp).
void plan_site_power(PlanSite& planned, const model::Site& site, const design::SiteDesign& design,
                     const model::Scenario& scenario) {
  planned.power =
      plan_power(*site.power, site.grid, scenario.start, design.power.design.total.in(u::MW));
  std::vector<int> step_days;
  for (const model::GridStep& step : site.grid) {
    step_days.push_back(day_of(step.date, scenario) + ceil_days(step.delay.median()));
  }
  planned.first_grid_day = kNeverDay;
  for (const PowerStep& step :
       power_schedule(*planned.power, step_days, median_power_days(*planned.power))) {
    if (design::energized_racks(step.mw, planned.utility_mw_per_rack, planned.target) >= 1) {
      planned.first_grid_day = step.day;
      break;
    }
  }
}

// The grid schedule in racks: each step's capacity over the design utility demand per rack,
// capped at the target (design/grid_cap.hpp); the planner expects each step at its date plus
// the median of its delay.
void plan_grid(PlanSite& planned, const model::Site& site, const design::SiteDesign& design,
               const model::Scenario& scenario) {
  for (const model::GridStep& step : site.grid) {
    const int racks = design::grid_energized_racks(step.capacity, design);
    const int day = day_of(step.date, scenario);
    planned.grid_racks.push_back({day, static_cast<double>(racks)});
    planned.grid_delays.push_back(step.delay);
    const int expected_day = day + ceil_days(step.delay.median());
    if (racks >= 1) planned.first_grid_day = std::min(planned.first_grid_day, expected_day);
  }
  planned.grid_capped_racks = design::grid_capped_racks(site, design);
  if (site.power) plan_site_power(planned, site, design, scenario);
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

// The design's capex without the racks by construction phase: land and soft costs when
// permitting starts, shell and site with the shell, network gear at commissioning, the rest
// (electrical, mechanical, overheads) at fit-out; and its opex per rack-day over the 365 days
// of the design's hourly year.
void plan_site_money(PlanSite& planned, const design::SiteDesign& design) {
  const design::Cost& cost = design.cost;
  const double permitting = (cost.land + cost.soft_costs).in(u::USD);
  const double shell = cost.shell_and_site.in(u::USD);
  const double commissioning = cost.network.in(u::USD);
  const double fit_out = (cost.capex_total - cost.it).in(u::USD)-permitting - shell - commissioning;
  planned.phase_capex_usd = {permitting, shell, fit_out, commissioning};
  if (design.racks > 0) {
    planned.opex_usd_per_rack_day = cost.opex_per_year.in(u::USD) / design.racks / 365.0;
  }
}

PlanSite plan_site(const model::Site& site, const design::SiteDesign& design,
                   const model::RackSystem& rack, const BuildoutPlan& plan,
                   const model::Scenario& scenario) {
  PlanSite planned;
  planned.name = site.name;
  planned.rack_system = site.rack_system;
  planned.target = std::max(0, design.racks);
  planned.gpus_per_rack = rack.gpus_per_rack();
  planned.rack_design_mw = rack.power.it_design().in(u::MW);
  planned.utility_mw_per_rack = design::utility_mw_per_rack(design);
  plan_grid(planned, site, design, scenario);
  planned.construction_start_day = day_of(site.construction.start, scenario);
  planned.permitting = site.construction.permitting;
  planned.shell = site.construction.shell;
  planned.fit_out = site.construction.fit_out;
  planned.commissioning = site.construction.commissioning;
  planned.install_per_day = site.crews.install_rate.in(u::per_week) / 7.0;
  planned.commission_per_day = site.crews.commissioning_rate.in(u::per_week) / 7.0;
  plan_requirements(planned, design, plan.pools);
  planned.expected_ready_day = expected_ready_day(planned);
  plan_site_money(planned, design);
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
  planned.late_penalty_usd = contract.late_penalty.in(u::USD);
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
      plan.options.push_back({.contract = index,
                              .option = static_cast<int>(o),
                              .lane = lane_index,
                              .racks = option.racks,
                              .open_day = day_of(option.window_open, scenario),
                              .close_day = day_of(option.window_close, scenario),
                              .unit_price_usd = option.unit_price.in(u::USD),
                              .premium_usd = option.premium.in(u::USD)});
    }
  }
}

// Options by unit price; equal prices in scenario order. Each option's sites and lanes: those
// of its lane's rack system.
void plan_option_order(BuildoutPlan& plan) {
  for (PlanOption& option : plan.options) {
    const std::string& rack_system = plan.lanes[option.lane].rack_system;
    for (SiteIndex site : plan.sites.indices()) {
      if (plan.sites[site].rack_system == rack_system) option.sites.push_back(site);
    }
    for (LaneIndex lane : plan.lanes.indices()) {
      if (plan.lanes[lane].rack_system == rack_system) option.lanes.push_back(lane);
    }
  }
  for (OptionIndex index : plan.options.indices()) plan.options_by_price.push_back(index);
  std::stable_sort(plan.options_by_price.begin(), plan.options_by_price.end(),
                   [&](OptionIndex a, OptionIndex b) {
                     return plan.options[a].unit_price_usd < plan.options[b].unit_price_usd;
                   });
}

// The lane's steady rate as the planner sees it: the factory's slowest positive ramp step, its
// lines, and what each per-rack component's suppliers deliver [racks/day].
double planned_rate(const BuildoutPlan& plan, const PlanLane& lane) {
  const PlanFactory& factory = plan.factories[lane.factory];
  double rate = factory.line_racks_per_day;
  double ramp = std::numeric_limits<double>::infinity();
  for (const DayStep& step : factory.ramp) {
    if (step.value > 0.0) ramp = std::min(ramp, step.value);
  }
  rate = std::min(rate, ramp);
  for (const PlanRequirement& requirement : lane.per_rack) {
    double units_per_day = 0.0;
    for (SupplierIndex supplier : plan.pools[requirement.pool].suppliers) {
      units_per_day += plan.suppliers[supplier].units_per_day;
    }
    rate = std::min(rate, units_per_day / static_cast<double>(requirement.count));
  }
  return std::isfinite(rate) ? rate : 0.0;
}

// assumption: a week of safety lead time on top of two reworks, so that the racks started last
// for a due date still make it when they fail their test more than twice (docs/models/buildout.md
// §4, "Release").
constexpr int kSafetyLeadDays = 7;

// A site's need as starts: from `start_day` at the rate its crews take racks, c. When the lane's
// planned rate r is slower, the ramp runs at r and ends on the same day, so the racks are still
// there when the crews want them: it starts T/c - T/r days earlier.
NeedRamp need_ramp(const PlanSite& site, int start_day, double planned_rate) {
  const double crews = std::min(site.install_per_day, site.commission_per_day);
  NeedRamp ramp{start_day, crews, site.target};
  if (crews > 0.0 && planned_rate > 0.0 && planned_rate < crews) {
    const auto target = static_cast<double>(site.target);
    ramp.start_day += static_cast<int>(std::floor(target / crews - target / planned_rate));
    ramp.racks_per_day = planned_rate;
  }
  return ramp;
}

// Racks the lane's sites can take by the day racks started on `day` would arrive, as the
// planner expects it, each site's up to its target.
long long needed_by(const PlanLane& lane, int day) {
  long long racks = 0;
  for (const NeedRamp& ramp : lane.need) {
    if (day < ramp.start_day) continue;
    const double days = static_cast<double>(day - ramp.start_day + 1);
    racks += std::min(ramp.racks,
                      static_cast<long long>(std::floor(ramp.racks_per_day * days + kNeedEps)));
  }
  return racks;
}

}  // namespace

// Build to need: when each lane site can take its racks (the planner's expected readiness and
// the site's slower crew rate), moved back by transit and the factory's build and test days;
// and the value of the racks that wait.
void plan_release(BuildoutPlan& plan) {
  for (PlanLane& lane : plan.lanes) {
    lane.need.clear();
    const PlanFactory& factory = plan.factories[lane.factory];
    const int build_days = factory.integration_days + factory.burn_in_days;
    lane.planned_racks_per_day = planned_rate(plan, lane);
    lane.due_lead_days = build_days + 2 * factory.rework_days + kSafetyLeadDays;
    lane.rack_value_usd =
        lane.contracts.empty() ? 0.0 : plan.contracts[lane.contracts.front()].unit_price_usd;
    for (SiteIndex index : lane.sites) {
      const PlanSite& site = plan.sites[index];
      lane.need.push_back(need_ramp(site,
                                    site.expected_ready_day - lane.transit_days[index] - build_days,
                                    lane.planned_racks_per_day));
    }
    lane.needed_by_day.resize(static_cast<std::size_t>(std::max(plan.days, 0)));
    for (int day = 0; day < plan.days; ++day) {
      lane.needed_by_day[static_cast<std::size_t>(day)] = needed_by(lane, day);
    }
  }
  for (PlanSite& site : plan.sites) {
    if (!site.lanes.empty()) site.rack_value_usd = plan.lanes[site.lanes.front()].rack_value_usd;
  }
}

int expected_ready_day(const PlanSite& site) {
  const int median_days = ceil_days(site.permitting.median()) + ceil_days(site.shell.median()) +
                          ceil_days(site.fit_out.median()) + ceil_days(site.commissioning.median());
  return std::max(site.construction_start_day + median_days, site.first_grid_day);
}

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
  plan_partner_gear(plan, scenario, designs);    // sites' gear_from: pools the factories feed
  plan_contracts(plan, scenario, catalog);
  plan_option_order(plan);
  plan_demand(plan, scenario);
  plan_release(plan);
  return plan;
}

}  // namespace rackscale::sim
