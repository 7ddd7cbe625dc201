#pragma once
//! Reads the scenario's optional `reliability:` section (jobs, crews, spares, rate overrides)
//! strictly, recording every problem with its location. Keys: docs/models/reliability.md,
//! "Scenario section".

#include "rackscale/io/yaml_reader.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/reliability.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::io {

//! Reads `reliability:` from the scenario's top-level map (declaring the key as known). Sites
//! named by jobs are checked against `scenario.sites` and job sizes against each site's GPUs
//! (its target and rack system in `catalog`), so call it after the sites are read. Problems go
//! to top's diagnostics; an absent section gives the defaults with `given == false`.
model::ReliabilitySettings read_reliability(MapReader& top, const model::Scenario& scenario,
                                            const model::Catalog& catalog);

}  // namespace rackscale::io
