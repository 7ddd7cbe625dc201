#include "rackscale/sim/buildout/buildout_attribution.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rackscale::sim {

using std::size_t;

std::string to_string(ConstraintKind k) {
  switch (k) {
    case ConstraintKind::Contract:
      return "contract";
    case ConstraintKind::Factory:
      return "factory";
    case ConstraintKind::Component:
      return "component";
    case ConstraintKind::Shipping:
      return "shipping";
    case ConstraintKind::Construction:
      return "construction";
    case ConstraintKind::LongLead:
      return "long_lead";
    case ConstraintKind::Crews:
      return "crews";
    case ConstraintKind::Grid:
      return "grid";
    case ConstraintKind::Complete:
      return "complete";
  }
  return "complete";
}

std::string to_string(const BindingConstraint& c, std::string_view pool_name) {
  std::string s = to_string(c.kind);
  if (c.pool != kNoPool) {
    s += ':';
    s += pool_name;
  }
  return s;
}

std::string to_string(const BindingConstraint& c, const BuildoutRun& run) {
  return to_string(c,
                   c.pool == kNoPool ? std::string_view() : run.components[position(c.pool)].name);
}

namespace {
constexpr std::size_t kKindIds = static_cast<std::size_t>(ConstraintKind::Complete) + 1;
}  // namespace

std::size_t constraint_ids(std::size_t pools) {
  return kKindIds + 2 * pools;
}

std::size_t constraint_id(const BindingConstraint& c) {
  if (c.pool == kNoPool) return static_cast<std::size_t>(c.kind);
  assert(c.kind == ConstraintKind::Component || c.kind == ConstraintKind::LongLead);
  return kKindIds + 2 * position(c.pool) + (c.kind == ConstraintKind::LongLead ? 1 : 0);
}

BindingConstraint constraint_of_id(std::size_t id) {
  if (id < kKindIds) return {static_cast<ConstraintKind>(id), kNoPool};
  const std::size_t pool = (id - kKindIds) / 2;
  return {(id - kKindIds) % 2 == 0 ? ConstraintKind::Component : ConstraintKind::LongLead,
          static_cast<PoolIndex>(pool)};
}

std::vector<std::string> constraint_names(const std::vector<std::string_view>& pool_names) {
  std::vector<std::string> names(constraint_ids(pool_names.size()));
  for (std::size_t id = 0; id < names.size(); ++id) {
    const BindingConstraint c = constraint_of_id(id);
    names[id] = to_string(c, c.pool == kNoPool ? std::string_view() : pool_names[position(c.pool)]);
  }
  return names;
}

std::vector<std::size_t> ids_by_name(const std::vector<std::string>& names) {
  std::vector<std::size_t> order(names.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&names](std::size_t a, std::size_t b) { return names[a] < names[b]; });
  return order;
}

AttributionInput::AttributionInput(size_t n_sites, size_t n_lanes, int weeks)
    : lanes(n_lanes, std::vector<LaneWeek>(static_cast<size_t>(weeks))),
      sites(n_sites, std::vector<SiteWeek>(static_cast<size_t>(weeks))),
      facts(n_sites) {}

void AttributionInput::record_lane_week(LaneIndex lane, size_t week,
                                        const std::array<int, kLimiterKinds>& days, PoolIndex pool,
                                        long long wip) {
  size_t best = 0;
  for (size_t k = 1; k < kLimiterKinds; ++k) {
    if (days[k] > days[best]) best = k;
  }
  LaneWeek& lw = lanes[lane][week];
  lw.limiter.kind = static_cast<LimiterKind>(best);
  lw.limiter.pool = lw.limiter.kind == LimiterKind::Component ? pool : kNoPool;
  lw.wip = wip;
}

void AttributionInput::record_site_week(SiteIndex site, size_t week, bool ready,
                                        long long grid_racks, Limiter install) {
  sites[site][week] = {ready, grid_racks, install};
}

void AttributionInput::set_site_facts(SiteIndex site, const SiteFacts& f) {
  facts[site] = f;
}

namespace {

// Why a site gets no more racks from upstream this week: its lanes' start limiters. A lane
// limited by its contracts but still building racks is held by the factory.
BindingConstraint upstream(const BuildoutPlan& plan, const AttributionInput& in, SiteIndex site,
                           size_t week) {
  for (LaneIndex lane : plan.sites[site].lanes) {
    const auto& lw = in.lanes[lane][week];
    switch (lw.limiter.kind) {
      case LimiterKind::Contract:
        if (lw.wip > 0) return {ConstraintKind::Factory};
        break;
      case LimiterKind::Component:
        return {ConstraintKind::Component, lw.limiter.pool};
      case LimiterKind::Factory:
      case LimiterKind::Crews:
        return {ConstraintKind::Factory};
    }
  }
  return {ConstraintKind::Contract};
}

BindingConstraint attribute(const BuildoutPlan& plan, const AttributionInput& in,
                            const SiteResult& r, SiteIndex s, size_t w) {
  const SiteSeries& ser = r.weekly;
  const long long target = r.target_racks;
  const long long online = ser.online[w];
  if (online >= target) return {ConstraintKind::Complete};
  const auto& sw = in.sites[s][w];
  const SiteFacts& f = in.facts[s];
  if (!sw.ready) {
    // Critical path to the first rack online: racks on site, the facility ready, the grid
    // energized. The one that clears last binds; ties go to the earliest pipeline stage.
    const int a = f.first_arrival_day, rd = f.ready_day, g = f.first_grid_day;
    if (a >= rd && a >= g) return upstream(plan, in, s, w);
    if (rd >= g) {
      return f.long_lead_late ? BindingConstraint{ConstraintKind::LongLead, f.long_lead_pool}
                              : BindingConstraint{ConstraintKind::Construction};
    }
    return {ConstraintKind::Grid};
  }
  // Ready: the first stage, from the grid back up the pipeline, that holds racks or caps them.
  if (sw.grid_racks <= online) return {ConstraintKind::Grid};
  if (ser.installed[w] > ser.commissioned[w]) return {ConstraintKind::Crews};
  if (ser.storage[w] > 0) {
    return sw.install.kind == LimiterKind::Component
               ? BindingConstraint{ConstraintKind::Component, sw.install.pool}
               : BindingConstraint{ConstraintKind::Crews};
  }
  if (ser.allocated[w] >= target) return {ConstraintKind::Shipping};
  return upstream(plan, in, s, w);
}

// Held-back sums per constraint, a table indexed by constraint id: each sum adds its terms in
// week order, as a list keyed by constraint would.
class HeldBackSums {
 public:
  explicit HeldBackSums(std::size_t ids) : sums_(ids) {}
  void add(std::size_t id, double rack_weeks, double mw_weeks) {
    Sum& sum = sums_[id];
    sum.seen = true;
    sum.rack_weeks += rack_weeks;
    sum.mw_weeks += mw_weeks;
  }
  //! The sums added to, in `order` (ids by name); the table is emptied.
  std::vector<HeldBack> take(const std::vector<std::size_t>& order) {
    std::vector<HeldBack> out;
    for (std::size_t id : order) {
      Sum& sum = sums_[id];
      if (!sum.seen) continue;
      out.push_back({constraint_of_id(id), sum.rack_weeks, sum.mw_weeks});
      sum = Sum{};
    }
    return out;
  }

 private:
  struct Sum {
    double rack_weeks = 0.0, mw_weeks = 0.0;
    bool seen = false;
  };
  std::vector<Sum> sums_;
};

}  // namespace

std::vector<std::size_t> constraint_order(const BuildoutPlan& plan) {
  std::vector<std::string_view> pools;
  for (const auto& pool : plan.pools) pools.emplace_back(pool.name);
  return ids_by_name(constraint_names(pools));
}

void attribute_constraints(const BuildoutPlan& plan, const std::vector<std::size_t>& order,
                           const AttributionInput& in, BuildoutRun& out) {
  const auto weeks = static_cast<size_t>(out.weeks);
  HeldBackSums all(order.size()), mine(order.size());
  for (SiteIndex s : plan.sites.indices()) {
    SiteResult& r = out.sites[position(s)];
    r.weekly.constraint.resize(weeks);
    for (size_t w = 0; w < weeks; ++w) {
      const BindingConstraint b = attribute(plan, in, r, s, w);
      const double missing = static_cast<double>(r.target_racks - r.weekly.online[w]);
      if (missing > 0) {
        const double mw = missing * r.rack_design_kw / 1000.0;
        const std::size_t id = constraint_id(b);
        mine.add(id, missing, mw);
        all.add(id, missing, mw);
      }
      r.weekly.constraint[w] = b;
    }
    r.held_back = mine.take(order);
  }
  out.held_back = all.take(order);
}

}  // namespace rackscale::sim
