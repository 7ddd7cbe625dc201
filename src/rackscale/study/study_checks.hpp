#pragma once
//! The checks every command makes before it runs (docs/scenario-format.md, "Warnings"): each
//! site designed, the build-out and the reliability study prepared on the designs, so that
//! `validate` rejects all at once, with location, what `design`, `plan` or `reliability` would
//! reject; and the warnings that need a design (grid below the site's demand) or the map (a
//! location outside its named state).

#include <optional>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace rackscale {

//! True if (latitude, longitude) [deg] lies in the US state with USPS code `state`, within the
//! accuracy of the map outlines (report/us_map.hpp); nullopt if `state` is not a USPS code.
std::optional<bool> location_in_state(double latitude, double longitude, const std::string& state);

//! Completes the fabric switches of `loaded` (one left out is the catalog's only switch made for
//! its role, docs/scenario-format.md, "policies.fabric"; else an error at policies.fabric when a
//! site's rack system needs it), designs every site and prepares the build-out and reliability
//! study on the designs, recording every error (located at the key, site or job concerned) and
//! warning in `diag`; designs every candidate as `optimize` does. The sites are designed on
//! `threads` threads (0: all cores); the designs and the diagnostics, in site order, do not depend
//! on it. Returns the designs when there is no error, else nullopt.
struct CheckedDesigns {
  std::vector<design::SiteDesign> sites;       //!< in scenario order
  std::vector<design::SiteDesign> candidates;  //!< in scenario order (optimize::design_candidate)
};
std::optional<CheckedDesigns> check_pipeline(io::LoadedScenario& loaded, Diagnostics& diag,
                                             int threads = 0);

}  // namespace rackscale
