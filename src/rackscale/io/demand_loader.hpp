#pragma once
//! Reads the scenario's optional `demand:` section (one entry per buyer) strictly, recording
//! every problem with its location. Keys: docs/scenario-format.md, `demand:`; model:
//! docs/models/deal.md.

#include <vector>

#include "rackscale/io/yaml_reader.hpp"
#include "rackscale/model/demand.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::io {

//! Reads `demand:` from the scenario's top-level map (declaring the key as known). Contracts
//! named by a buyer are checked against `scenario.contracts`, so call it after the contracts are
//! read. Problems go to top's diagnostics; an absent section gives no buyer.
std::vector<model::BuyerDemand> read_demand(MapReader& top, const model::Scenario& scenario);

}  // namespace rackscale::io
