#pragma once
//! Binding-constraint attribution of the build-out model (internal): what held each site below
//! its target in each week, and the capacity-weeks held back per constraint. The rule is in
//! docs/models/buildout.md, "Binding constraint".

#include <array>
#include <cstddef>
#include <vector>

#include "rackscale/sim/buildout/buildout.hpp"
#include "rackscale/sim/buildout/buildout_plan.hpp"

namespace rackscale::sim {

//! What limited a stage on a day, in pipeline order (ties go to the earlier kind).
enum class LimiterKind { Contract, Component, Factory, Crews };
inline constexpr std::size_t kLimiterKinds = 4;

//! A limiter and, for Component, the pool.
struct Limiter {
  LimiterKind kind = LimiterKind::Crews;
  PoolIndex pool = kNoPool;
};

//! Facts of a site known only at the end of the run (hindsight) [days].
struct SiteFacts {
  int ready_day = kNeverDay;           //!< kNeverDay if not ready within the run
  int first_grid_day = kNeverDay;      //!< first day the grid carries a rack
  int first_arrival_day = kNeverDay;   //!< first rack delivered
  bool long_lead_late = false;         //!< long-lead gear pushed the fit-out end
  PoolIndex long_lead_pool = kNoPool;  //!< the pool that did
};

//! What the simulation records for attribution.
class AttributionInput {
 public:
  AttributionInput(std::size_t sites, std::size_t lanes, int weeks);
  //! The lane's start limiter of a week: the kind limiting most days (ties: pipeline order),
  //! with `pool` for Component; `wip` racks started and not finished at the week's end.
  void record_lane_week(LaneIndex lane, std::size_t week,
                        const std::array<int, kLimiterKinds>& days, PoolIndex pool, long long wip);
  //! The site's state at the week's end not in SiteSeries.
  void record_site_week(SiteIndex site, std::size_t week, bool ready, long long grid_racks,
                        Limiter install);
  void set_site_facts(SiteIndex site, const SiteFacts& facts);

  struct LaneWeek {
    Limiter limiter;
    long long wip = 0;
  };
  struct SiteWeek {
    bool ready = false;
    long long grid_racks = 0;
    Limiter install;
  };
  IndexedVector<LaneIndex, std::vector<LaneWeek>> lanes;  //!< [lane][week]
  IndexedVector<SiteIndex, std::vector<SiteWeek>> sites;  //!< [site][week]
  IndexedVector<SiteIndex, SiteFacts> facts;              //!< [site]
};

//! Fills SiteSeries::constraint and the held-back summaries (per site and over all sites) of
//! `out`; `order` is the plan's constraint ids by name (ids_by_name), the held-back lists' order.
void attribute_constraints(const BuildoutPlan& plan, const std::vector<std::size_t>& order,
                           const AttributionInput& in, BuildoutRun& out);
//! The plan's constraint ids by name (ids_by_name of its pools' constraint_names).
std::vector<std::size_t> constraint_order(const BuildoutPlan& plan);

}  // namespace rackscale::sim
