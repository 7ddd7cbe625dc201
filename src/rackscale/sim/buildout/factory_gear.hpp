#pragma once
//! The partner's site gear built by a factory (`sites[].gear_from`): each named component of a
//! site is taken from the site's own pool, which only the factory feeds, on its shared lines and
//! after its shipping, instead of from the pools of `suppliers:`. Model: docs/models/factory.md,
//! "The partner's gear from the factory".

#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/sim/buildout/buildout_plan.hpp"

namespace rackscale::sim {

//! Moves each `gear_from` component of the sites' designs to a pool of its own (named
//! "<gear>@<site>") and gives the factory its order (PlanFactoryOperations::partner_gear), sites
//! in priority order. Throws rackscale::Error when a site's design has none of the component.
void plan_partner_gear(BuildoutPlan& plan, const model::Scenario& scenario,
                       const std::vector<design::SiteDesign>& designs);

//! True when a factory builds gear for the sites.
bool has_partner_gear(const BuildoutPlan& plan);

//! The same plan with every site's gear from the outside suppliers again (the counterfactual of
//! docs/models/factory.md; the factory's pools stay, unused).
BuildoutPlan with_outside_suppliers(BuildoutPlan plan);

//! Relaxing a pool the factory feeds: its gear is no constraint (as a line without supplier)
//! and takes no line time. Nothing for a supplier's pool.
void relax_partner_gear(BuildoutPlan& plan, PoolIndex pool);

}  // namespace rackscale::sim
