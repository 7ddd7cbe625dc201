#include "rackscale/sim/buildout/buildout_relaxation.hpp"

#include <algorithm>
#include <limits>

#include "rackscale/sim/buildout/factory_gear.hpp"

namespace rackscale::sim {

namespace {

model::DurationDistribution no_time() {
  return {};  // fixed, 0 days: draws nothing from the site's stream
}

// The most racks a lane can ever be asked for: its firm orders, all its options, and every
// rack of its sites (what a relaxed contract may add) [racks].
long long lane_rack_bound(const BuildoutPlan& plan, LaneIndex lane_index) {
  const PlanLane& lane = plan.lanes[lane_index];
  long long racks = lane.firm_racks;
  for (const PlanOption& option : plan.options) {
    if (option.lane == lane_index) racks += option.racks;
  }
  for (SiteIndex site : lane.sites) racks += plan.sites[site].target;
  return racks;
}

// Units of a pool the plan can ever need: every site's long-lead and network gear and the
// components of every rack any lane can be asked for [units].
long long pool_need(const BuildoutPlan& plan, PoolIndex pool) {
  long long units = 0;
  auto add = [&](const std::vector<PlanRequirement>& requirements, long long times) {
    for (const PlanRequirement& requirement : requirements) {
      if (requirement.pool == pool) units += requirement.count * times;
    }
  };
  for (const PlanSite& site : plan.sites) {
    add(site.long_lead, 1);
    add(site.network, 1);
  }
  for (LaneIndex lane : plan.lanes.indices()) {
    add(plan.lanes[lane].per_rack, lane_rack_bound(plan, lane));
  }
  return units;
}

// Ramp and lines start every rack any lane can be asked for on one day; no test cell. The
// factory still opens on its first ramp date.
void relax_factories(BuildoutPlan& plan) {
  for (PlanFactory& factory : plan.factories) {
    long long racks = 0;
    for (LaneIndex lane : factory.lanes) racks += lane_rack_bound(plan, lane);
    if (factory.first_ramp_day >= kNeverDay) factory.first_ramp_day = 0;
    factory.ramp = {{factory.first_ramp_day, static_cast<double>(std::max(racks, 1LL))}};
    factory.line_racks_per_day = std::numeric_limits<double>::infinity();
    factory.has_test_cell = false;
  }
}

// Each rack system's first lane gets a firm order, due on day 0, for the racks its sites need
// beyond the firm orders of all its lanes.
void relax_contracts(BuildoutPlan& plan) {
  std::vector<std::string> done;
  for (PlanLane& lane : plan.lanes) {
    if (lane.contracts.empty()) continue;
    if (std::find(done.begin(), done.end(), lane.rack_system) != done.end()) continue;
    done.push_back(lane.rack_system);
    long long needed = 0, covered = 0;
    for (SiteIndex site : lane.sites) needed += plan.sites[site].target;
    for (const PlanLane& other : plan.lanes) {
      if (other.rack_system == lane.rack_system) covered += other.firm_racks;
    }
    const auto shortfall = static_cast<int>(needed - covered);
    if (shortfall <= 0) continue;
    PlanContract& contract = plan.contracts[lane.contracts.front()];
    contract.firm.push_back({shortfall, 0});
    contract.firm_racks += shortfall;
    lane.firm_racks += shortfall;
  }
}

// Every supplier of the pool delivers all the plan can ever need of it on day 0.
void relax_supply(BuildoutPlan& plan, PoolIndex pool) {
  const auto units = static_cast<double>(std::max(pool_need(plan, pool), 1LL));
  for (SupplierIndex index : plan.pools[pool].suppliers) {
    PlanSupplier& supplier = plan.suppliers[index];
    supplier.units_per_day = units;
    supplier.lead_time = no_time();
  }
  relax_partner_gear(plan, pool);  // a pool the factory feeds: no constraint
}

void relax_site(BuildoutPlan& plan, const Relaxation& relaxation) {
  PlanSite& site = plan.sites[relaxation.site];
  const double whole_target = std::max(site.target, 1);  // [racks/day]
  switch (relaxation.kind) {
    case RelaxationKind::Construction:
      site.permitting = site.shell = site.fit_out = site.commissioning = no_time();
      break;
    case RelaxationKind::InstallCrews:
      site.install_per_day = whole_target;
      break;
    case RelaxationKind::CommissioningCrews:
      site.commission_per_day = whole_target;
      break;
    case RelaxationKind::Grid:
      site.grid_racks = {{0, static_cast<double>(site.target)}};
      site.grid_delays = {model::DurationDistribution{}};  // no delay: nothing drawn
      site.grid_capped_racks = 0;
      site.power.reset();  // power to the site relaxed with the grid
      site.first_grid_day = site.target >= 1 ? 0 : kNeverDay;
      break;
    case RelaxationKind::Shipping:
      for (PlanLane& lane : plan.lanes) lane.transit_days[relaxation.site] = 0;
      break;
    default:
      return;
  }
  // The planner's estimate follows the faster construction or the earlier grid.
  site.expected_ready_day = expected_ready_day(site);
}

}  // namespace

bool is_site_relaxation(RelaxationKind kind) {
  return kind != RelaxationKind::Factory && kind != RelaxationKind::Contract &&
         kind != RelaxationKind::Supply;
}

void relax(BuildoutPlan& plan, const Relaxation& relaxation) {
  switch (relaxation.kind) {
    case RelaxationKind::Factory:
      relax_factories(plan);
      return;
    case RelaxationKind::Contract:
      relax_contracts(plan);
      return;
    case RelaxationKind::Supply:
      relax_supply(plan, relaxation.pool);
      return;
    default:
      relax_site(plan, relaxation);
  }
}

BuildoutPlan relaxed(BuildoutPlan plan, std::span<const Relaxation> relaxations) {
  for (const Relaxation& relaxation : relaxations) relax(plan, relaxation);
  plan_release(plan);  // releases follow the relaxed sites, factories and suppliers
  return plan;
}

std::string relaxation_name(const BuildoutPlan& plan, const Relaxation& relaxation,
                            SiteIndex site) {
  switch (relaxation.kind) {
    case RelaxationKind::Factory:
      return "factory";
    case RelaxationKind::Contract:
      return "contract";
    case RelaxationKind::Supply: {
      const auto& long_lead = plan.sites[site].long_lead;
      const bool is_long_lead =
          std::any_of(long_lead.begin(), long_lead.end(),
                      [&](const PlanRequirement& r) { return r.pool == relaxation.pool; });
      return (is_long_lead ? "long_lead:" : "component:") + plan.pools[relaxation.pool].name;
    }
    case RelaxationKind::Construction:
      return "construction";
    case RelaxationKind::InstallCrews:
      return "install_crews";
    case RelaxationKind::CommissioningCrews:
      return "commissioning_crews";
    case RelaxationKind::Grid:
      return "grid";
    case RelaxationKind::Shipping:
      return "shipping";
  }
  return "factory";
}

}  // namespace rackscale::sim
