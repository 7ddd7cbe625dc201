#include "rackscale/sim/buildout/buildout_plan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/sim/buildout/buildout_shipping.hpp"

namespace rackscale::sim {

namespace u = rackscale::units;

int ceil_days(u::Duration d) {
  // 1e-9: "16 weeks" is exactly 112 days, not 113 after floating-point noise.
  return std::max(0, static_cast<int>(std::ceil(d.in(u::day)-1e-9)));
}

std::string component_class_of(const design::BomLine& line) {
  const std::string& k = line.kind;
  if (k == "transformer" || k == "switchgear" || k == "unit_substation" || k == "ups" ||
      k == "generator" || k == "battery" || k == "cdu" || k == "dry_cooler" || k == "chiller" ||
      k == "cooling_tower") {
    return k;
  }
  if (k == "transceiver") return "optics";
  if (k == "switch") {
    // Network lines carry "<network> <tier>" notes (design/site.cpp).
    if (line.note.rfind("scale_out", 0) == 0) return "scale_out_switch";
    if (line.note.rfind("frontend", 0) == 0) return "frontend_switch";
  }
  return {};
}

namespace {

int find_pool(const std::vector<PlanPool>& pools, const std::string& name) {
  for (std::size_t i = 0; i < pools.size(); ++i) {
    if (pools[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

void add_requirement(std::vector<PlanRequirement>& reqs, int pool, long long count) {
  if (pool < 0 || count <= 0) return;
  for (auto& r : reqs) {
    if (r.pool == pool) {
      r.count += count;
      return;
    }
  }
  reqs.push_back({pool, count});
}

int day_of(const Date& d, const model::Scenario& s) {
  return d.days_since(s.start);
}

}  // namespace

int pool_for_bom_line(const std::vector<PlanPool>& pools, const design::BomLine& line) {
  int p = find_pool(pools, line.item);
  if (p >= 0) return p;
  std::string cls = component_class_of(line);
  return cls.empty() ? -1 : find_pool(pools, cls);
}

BuildoutPlan make_buildout_plan(const model::Scenario& scenario, const model::Catalog& catalog,
                                const std::vector<design::SiteDesign>& designs) {
  if (designs.size() != scenario.sites.size()) {
    throw Error(fmt::format("build-out: {} site designs for {} sites", designs.size(),
                            scenario.sites.size()));
  }
  BuildoutPlan plan;
  const int horizon_days = std::max(1, ceil_days(scenario.horizon));
  plan.weeks = (horizon_days + 6) / 7;
  plan.days = plan.weeks * 7;
  const auto& alloc = scenario.policies.allocation;
  plan.rule = alloc.rule == "proportional"     ? AllocationRule::Proportional
              : alloc.rule == "earliest_ready" ? AllocationRule::EarliestReady
                                               : AllocationRule::Priority;
  plan.exercise_lead_days = ceil_days(alloc.exercise_lead);
  if (scenario.policies.production.build_ahead) {
    plan.build_ahead_days = ceil_days(*scenario.policies.production.build_ahead);
  }

  // Priority: allocation.order first, then the remaining sites in scenario order.
  std::vector<bool> placed(scenario.sites.size(), false);
  for (const auto& name : alloc.order) {
    for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
      if (scenario.sites[i].name == name && !placed[i]) {
        plan.priority.push_back(static_cast<int>(i));
        placed[i] = true;
      }
    }
  }
  for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
    if (!placed[i]) plan.priority.push_back(static_cast<int>(i));
  }

  // Pools and suppliers.
  for (const auto& s : scenario.suppliers) {
    int p = find_pool(plan.pools, s.component);
    if (p < 0) {
      p = static_cast<int>(plan.pools.size());
      plan.pools.push_back({s.component, {}});
    }
    PlanSupplier ps;
    ps.name = s.name;
    ps.component = s.component;
    ps.pool = p;
    ps.units_per_day = s.capacity.in(u::per_week)*s.share / 7.0;
    ps.lead_time = s.lead_time;
    plan.pools[static_cast<std::size_t>(p)].suppliers.push_back(
        static_cast<int>(plan.suppliers.size()));
    plan.suppliers.push_back(std::move(ps));
  }

  // Factories.
  for (const auto& f : scenario.factories) {
    PlanFactory pf;
    pf.name = f.name;
    for (const auto& r : f.ramp) {
      pf.ramp.push_back({day_of(r.date, scenario), r.rate.in(u::per_week) / 7.0});
    }
    pf.first_ramp_day = pf.ramp.empty() ? kNeverDay : pf.ramp.front().day;
    pf.line_racks_per_day = f.takt_time
                                ? static_cast<double>(f.lines) * (1.0 * u::day / *f.takt_time)
                                : std::numeric_limits<double>::infinity();
    pf.integration_days = std::max(1, ceil_days(f.integration_time));
    pf.burn_in_days = ceil_days(f.burn_in);
    pf.rework_days = std::max(1, ceil_days(f.rework));
    pf.first_pass_yield = std::clamp(f.first_pass_yield, 1e-6, 1.0);
    if (f.test_cell) {
      pf.has_test_cell = true;
      pf.test_cell_duration = f.test_cell->duration;
    }
    plan.factories.push_back(std::move(pf));
  }

  // Sites (before lanes, which list their sites).
  for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
    const model::Site& s = scenario.sites[i];
    const design::SiteDesign& d = designs[i];
    if (d.name != s.name) {
      throw Error(
          fmt::format("build-out: design {} is for site '{}', expected '{}'", i, d.name, s.name));
    }
    const auto* rack = catalog.find_as<model::RackSystem>(s.rack_system);
    if (!rack) {
      throw Error(fmt::format("build-out: site '{}': rack system '{}' is not in the catalog",
                              s.name, s.rack_system));
    }
    PlanSite ps;
    ps.name = s.name;
    ps.rack_system = s.rack_system;
    ps.target = std::max(0, d.racks);
    ps.gpus_per_rack = rack->gpus_per_rack();
    ps.rack_design_mw = rack->power.design.in(u::MW);
    ps.utility_mw_per_rack =
        d.racks > 0 ? d.power.design.total.in(u::MW) / static_cast<double>(d.racks) : 0.0;
    for (const auto& g : s.grid) {
      double racks = ps.utility_mw_per_rack > 0.0
                         ? std::floor(g.capacity.in(u::MW) / ps.utility_mw_per_rack + 1e-9)
                         : static_cast<double>(ps.target);
      racks = std::min(racks, static_cast<double>(ps.target));
      int day = day_of(g.date, scenario);
      ps.grid_racks.push_back({day, racks});
      if (racks >= 1.0 && ps.first_grid_day == kNeverDay) ps.first_grid_day = day;
    }
    ps.construction_start_day = day_of(s.construction.start, scenario);
    ps.permitting = s.construction.permitting;
    ps.shell = s.construction.shell;
    ps.fit_out = s.construction.fit_out;
    ps.commissioning = s.construction.commissioning;
    ps.install_per_day = s.crews.install_rate.in(u::per_week) / 7.0;
    ps.commission_per_day = s.crews.commissioning_rate.in(u::per_week) / 7.0;
    for (const auto& line : d.bom.lines) {
      int p = pool_for_bom_line(plan.pools, line);
      if (line.category == "electrical" || line.category == "mechanical") {
        add_requirement(ps.long_lead, p, line.count);
      } else if (line.category == "network") {
        add_requirement(ps.network, p, line.count);
      }
    }
    int median_days = ceil_days(s.construction.permitting.median()) +
                      ceil_days(s.construction.shell.median()) +
                      ceil_days(s.construction.fit_out.median()) +
                      ceil_days(s.construction.commissioning.median());
    ps.expected_ready_day = std::max(ps.construction_start_day + median_days, ps.first_grid_day);
    plan.sites.push_back(std::move(ps));
  }

  // Lanes from contracts: one per (factory, rack system), in order of first appearance.
  for (std::size_t c = 0; c < scenario.contracts.size(); ++c) {
    const model::Contract& k = scenario.contracts[c];
    PlanContract& pc = plan.contracts.emplace_back();
    pc.name = k.name;
    for (const auto& o : k.firm) {
      pc.firm.push_back({o.racks, day_of(o.deliver_by, scenario)});
      pc.firm_racks += o.racks;
    }
    pc.option_count = static_cast<int>(k.options.size());
    pc.unit_price_usd = k.unit_price.in(u::USD);
    int factory = -1;
    for (std::size_t f = 0; f < scenario.factories.size(); ++f) {
      if (scenario.factories[f].name == k.factory) factory = static_cast<int>(f);
    }
    if (factory < 0) {
      throw Error(fmt::format("build-out: contract '{}': unknown factory '{}'", k.name, k.factory));
    }
    int lane = -1;
    for (std::size_t l = 0; l < plan.lanes.size(); ++l) {
      if (plan.lanes[l].factory == factory && plan.lanes[l].rack_system == k.rack_system) {
        lane = static_cast<int>(l);
      }
    }
    if (lane < 0) {
      const auto* rack = catalog.find_as<model::RackSystem>(k.rack_system);
      if (!rack) {
        throw Error(fmt::format("build-out: contract '{}': rack system '{}' is not in the catalog",
                                k.name, k.rack_system));
      }
      PlanLane pl;
      pl.factory = factory;
      pl.rack_system = k.rack_system;
      add_requirement(pl.per_rack, find_pool(plan.pools, "gpu_tray"), rack->nodes_per_rack);
      add_requirement(pl.per_rack, find_pool(plan.pools, "switch_tray"), rack->nvlink_switch_trays);
      add_requirement(pl.per_rack, find_pool(plan.pools, "power_shelf"),
                      rack->power_shelves.value_or(0));
      pl.transit_days.assign(scenario.sites.size(), 0);
      for (int si : plan.priority) {
        const model::Site& site = scenario.sites[static_cast<std::size_t>(si)];
        pl.transit_days[static_cast<std::size_t>(si)] = transit_days(
            scenario.factories[static_cast<std::size_t>(factory)].location, site.location);
        if (site.rack_system == k.rack_system) pl.sites.push_back(si);
      }
      lane = static_cast<int>(plan.lanes.size());
      plan.factories[static_cast<std::size_t>(factory)].lanes.push_back(lane);
      for (int si : pl.sites) plan.sites[static_cast<std::size_t>(si)].lanes.push_back(lane);
      plan.lanes.push_back(std::move(pl));
    }
    PlanLane& pl = plan.lanes[static_cast<std::size_t>(lane)];
    pl.contracts.push_back(static_cast<int>(c));
    pl.firm_racks += pc.firm_racks;
    for (std::size_t o = 0; o < k.options.size(); ++o) {
      const auto& opt = k.options[o];
      plan.options.push_back({static_cast<int>(c), static_cast<int>(o), lane, opt.racks,
                              day_of(opt.window_open, scenario), day_of(opt.window_close, scenario),
                              opt.unit_price.in(u::USD)});
    }
  }
  return plan;
}

}  // namespace rackscale::sim
