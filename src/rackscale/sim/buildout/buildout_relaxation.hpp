#pragma once
//! Relaxations of the build-out model: one constraint lifted (unlimited capacity or no delay) as
//! a transformation of the prepared plan, so that a counterfactual run is an ordinary run of a
//! changed plan and the daily kernel has no special case. Each entity keeps its own random
//! stream, so a relaxed run draws the same supplier lead times, test-cell durations and site
//! phases as the run it is compared with (docs/models/attribution.md).

#include <span>
#include <string>

#include "rackscale/sim/buildout/buildout_plan.hpp"

namespace rackscale::sim {

//! The constraint a relaxation lifts.
enum class RelaxationKind {
  Factory,             //!< every factory's ramp, lines and test cell: unlimited, no delay
  Contract,            //!< every rack a site needs is ordered, due on day 0
  Supply,              //!< a component pool: everything it is needed for on hand on day 0
  Construction,        //!< a site's permitting, shell, fit-out and commissioning take no time
  InstallCrews,        //!< a site's install crews: unlimited
  CommissioningCrews,  //!< a site's commissioning crews: unlimited
  Grid,                //!< a site's grid carries its whole target from day 0
  Shipping,            //!< racks reach a site the day they ship
};

//! One constraint lifted: a kind and the entity it applies to.
struct Relaxation {
  RelaxationKind kind = RelaxationKind::Factory;
  SiteIndex site{};          //!< the site, for the site kinds (Construction .. Shipping)
  PoolIndex pool = kNoPool;  //!< the pool, for Supply
  friend bool operator==(const Relaxation&, const Relaxation&) = default;
};

//! True for the kinds that apply to one site.
bool is_site_relaxation(RelaxationKind kind);

//! Applies `relaxation` to `plan`, without re-deriving the releases (relaxed() does).
void relax(BuildoutPlan& plan, const Relaxation& relaxation);

//! A copy of `plan` with every relaxation of `relaxations` applied (their order does not
//! matter).
BuildoutPlan relaxed(BuildoutPlan plan, std::span<const Relaxation> relaxations);

//! The relaxation's name as seen from `site`: "factory", "contract", "long_lead:<pool>" when
//! the site needs the pool's gear before fit-out ends, else "component:<pool>", "construction",
//! "install_crews", "commissioning_crews", "grid", "shipping".
std::string relaxation_name(const BuildoutPlan& plan, const Relaxation& relaxation, SiteIndex site);

}  // namespace rackscale::sim
