#pragma once
//! Reads a factory's operations keys (`early_access`, `yield_learning`, `burn_in_slots`, `gear`,
//! `other_buyers`, `priority`, `partner_share`) strictly, recording every problem with its
//! location. Keys: docs/scenario-format.md, "Factory operations"; model: docs/models/factory.md.

#include <vector>

#include "rackscale/io/yaml_reader.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::io {

//! Reads the operations keys of one factory map into `factory.operations` (declaring them as
//! known). `factory.products` must be read already: other buyers name one of them or a gear
//! product. Absent keys leave the defaults (no operations).
void read_factory_operations(MapReader& r, model::Factory& factory);

//! Reads a site's `gear_from:` (declaring it as known): each entry names a component class of the
//! site, a factory of `factories` and one of that factory's gear products able to stand for it.
std::vector<model::GearSource> read_gear_from(MapReader& r,
                                              const std::vector<model::Factory>& factories);

}  // namespace rackscale::io
