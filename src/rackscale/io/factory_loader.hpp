#pragma once
//! Reads a factory's operations keys (`early_access`, `yield_learning`, `burn_in_slots`, `gear`,
//! `other_buyers`, `priority`, `partner_share`) strictly, recording every problem with its
//! location. Keys: docs/scenario-format.md, "Factory operations"; model: docs/models/factory.md.

#include "rackscale/io/yaml_reader.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::io {

//! Reads the operations keys of one factory map into `factory.operations` (declaring them as
//! known). `factory.products` must be read already: other buyers name one of them or a gear
//! product. Absent keys leave the defaults (no operations).
void read_factory_operations(MapReader& r, model::Factory& factory);

}  // namespace rackscale::io
