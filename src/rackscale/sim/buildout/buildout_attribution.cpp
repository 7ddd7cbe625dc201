#include "rackscale/sim/buildout/buildout_attribution.hpp"

#include <algorithm>
#include <utility>

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

std::string to_string(const BindingConstraint& c) {
  std::string s = to_string(c.kind);
  if (!c.item.empty()) s += ":" + c.item;
  return s;
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

// A binding constraint as the attribution finds it: its kind and, for Component and LongLead,
// the pool's index; named (BindingConstraint) only when stored.
struct Binding {
  ConstraintKind kind = ConstraintKind::Complete;
  PoolIndex pool = kNoPool;
  friend bool operator==(const Binding&, const Binding&) = default;
};

BindingConstraint named(const BuildoutPlan& plan, Binding b) {
  BindingConstraint c{b.kind, {}};
  if (b.pool != kNoPool) c.item = plan.pools[b.pool].name;
  return c;
}

// Why a site gets no more racks from upstream this week: its lanes' start limiters. A lane
// limited by its contracts but still building racks is held by the factory.
Binding upstream(const BuildoutPlan& plan, const AttributionInput& in, SiteIndex site,
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

Binding attribute(const BuildoutPlan& plan, const AttributionInput& in, const SiteResult& r,
                  SiteIndex s, size_t w) {
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
      return f.long_lead_late ? Binding{ConstraintKind::LongLead, f.long_lead_pool}
                              : Binding{ConstraintKind::Construction};
    }
    return {ConstraintKind::Grid};
  }
  // Ready: the first stage, from the grid back up the pipeline, that holds racks or caps them.
  if (sw.grid_racks <= online) return {ConstraintKind::Grid};
  if (ser.installed[w] > ser.commissioned[w]) return {ConstraintKind::Crews};
  if (ser.storage[w] > 0) {
    return sw.install.kind == LimiterKind::Component
               ? Binding{ConstraintKind::Component, sw.install.pool}
               : Binding{ConstraintKind::Crews};
  }
  if (ser.allocated[w] >= target) return {ConstraintKind::Shipping};
  return upstream(plan, in, s, w);
}

// Held-back sums per constraint, keyed by kind and pool while the weeks are walked (a handful
// of distinct constraints), named once at the end.
class HeldBackSums {
 public:
  void add(Binding b, double rack_weeks, double mw_weeks) {
    // Weeks in a row mostly share their constraint: try the last one first.
    if (last_ >= sums_.size() || sums_[last_].first != b) {
      auto it =
          std::find_if(sums_.begin(), sums_.end(), [&](const auto& e) { return e.first == b; });
      if (it == sums_.end()) it = sums_.insert(sums_.end(), {b, HeldBack{}});
      last_ = static_cast<size_t>(it - sums_.begin());
    }
    HeldBack& sum = sums_[last_].second;
    sum.rack_weeks += rack_weeks;
    sum.mw_weeks += mw_weeks;
  }
  //! The sums, sorted by constraint name.
  std::vector<HeldBack> sorted(const BuildoutPlan& plan) const {
    std::vector<HeldBack> out;
    out.reserve(sums_.size());
    for (const auto& [b, h] : sums_) {
      out.push_back({to_string(named(plan, b)), h.rack_weeks, h.mw_weeks});
    }
    std::sort(out.begin(), out.end(),
              [](const HeldBack& a, const HeldBack& b) { return a.constraint < b.constraint; });
    return out;
  }

 private:
  std::vector<std::pair<Binding, HeldBack>> sums_;
  size_t last_ = 0;  // the entry added to last
};

}  // namespace

void attribute_constraints(const BuildoutPlan& plan, const AttributionInput& in, BuildoutRun& out) {
  const auto weeks = static_cast<size_t>(out.weeks);
  HeldBackSums all;
  for (SiteIndex s : plan.sites.indices()) {
    SiteResult& r = out.sites[position(s)];
    r.weekly.constraint.resize(weeks);
    HeldBackSums mine;
    for (size_t w = 0; w < weeks; ++w) {
      const Binding b = attribute(plan, in, r, s, w);
      const double missing = static_cast<double>(r.target_racks - r.weekly.online[w]);
      if (missing > 0) {
        const double mw = missing * r.rack_design_kw / 1000.0;
        mine.add(b, missing, mw);
        all.add(b, missing, mw);
      }
      r.weekly.constraint[w] = named(plan, b);
    }
    r.held_back = mine.sorted(plan);
  }
  out.held_back = all.sorted(plan);
}

}  // namespace rackscale::sim
