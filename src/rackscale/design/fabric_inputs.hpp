#pragma once
//! Builds the fabric engine's inputs from the catalog and the scenario's fabric policy: the
//! switches' catalog entries, and the cable and transceiver chosen for each reach class (rule in
//! docs/models/fabric.md, "Media from the catalog").

#include <map>
#include <string>

#include "rackscale/design/fabric_types.hpp"
#include "rackscale/design/space.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::design {

//! Media for links of `link_speed_gbps` in each reach class, chosen from the catalog. A class
//! with no qualifying medium gets an empty choice (max reach 0) that the engine rejects if used.
MediaPolicy choose_media(const model::Catalog& catalog, double link_speed_gbps,
                         const FabricLayout& layout);

//! Physical layout for reach classes, from the floor plan.
FabricLayout fabric_layout(const Space& space, const model::RackSystem& rack);

//! The whole engine policy for a site; the out-of-band network is built as one island per hall
//! of `racks_per_hall` racks. Throws rackscale::Error naming the policy key when a
//! needed switch is not set.
FabricPolicy fabric_policy(const model::FabricPolicy& policy, const model::Catalog& catalog,
                           const model::RackSystem& rack, const FabricLayout& layout,
                           std::int64_t racks_per_hall);

}  // namespace rackscale::design
