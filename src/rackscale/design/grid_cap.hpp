#pragma once
//! Grid capacity in racks: how many of a site's racks a grid capacity can energize at the
//! design's utility demand per rack, and how many racks the final grid step never energizes
//! (the site is "grid-capped"). One definition for the build-out, the plan outputs and
//! `validate` (docs/models/buildout.md, "Sites").

#include "rackscale/core/units.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::design {

//! Utility demand per rack: the design's utility demand at design load
//! (`power.design.total`) / its racks; 0 for a design without racks [MW/rack].
double utility_mw_per_rack(const SiteDesign& design);

//! Racks `capacity` energizes: floor(capacity / utility demand per rack), at most the design's
//! racks (all of them when the demand per rack is 0) [racks].
int grid_energized_racks(units::Power capacity, const SiteDesign& design);

//! Racks of the site's target its final grid step can never energize:
//! max(0, design racks - grid_energized_racks(last step's capacity)); all of them without a
//! grid step [racks]. `design` is the site's design (design_site(site, ...)).
int grid_capped_racks(const model::Site& site, const SiteDesign& design);

}  // namespace rackscale::design
