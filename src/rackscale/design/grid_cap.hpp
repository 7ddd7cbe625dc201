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

//! Racks `mw` energizes at `mw_per_rack` each: floor(mw / mw_per_rack), at most `racks` (all of
//! them when mw_per_rack is 0) [racks].
int energized_racks(double mw, double mw_per_rack, int racks);

//! Racks `capacity` energizes: floor(capacity / utility demand per rack), at most the design's
//! racks (all of them when the demand per rack is 0) [racks].
int grid_energized_racks(units::Power capacity, const SiteDesign& design);

//! The site's final power: its last grid step, plus with `power:` the interconnection's capacity
//! and the bridging blocks still running (those that do not retire, or all of them when the
//! firm grid never reaches the design's utility demand) [MW].
double final_power_mw(const model::Site& site, const SiteDesign& design);

//! Racks of the site's target its final power can never energize:
//! design racks - energized_racks(final_power_mw); all of them without grid or power [racks].
//! `design` is the site's design (design_site(site, ...)).
int grid_capped_racks(const model::Site& site, const SiteDesign& design);

}  // namespace rackscale::design
