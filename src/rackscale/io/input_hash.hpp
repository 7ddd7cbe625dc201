#pragma once
//! A hash of every input file of a loaded scenario, for the provenance of its outputs.

#include <string>

#include "rackscale/io/scenario_loader.hpp"

namespace rackscale::io {

//! Hash of the inputs: the scenario file with its overrides, its catalog files and weather
//! files, the built-in catalog and every dataset it read (candidates, interconnection,
//! bridging), as "fnv1a64:<hex>".
std::string input_hash(const LoadedScenario& loaded);

}  // namespace rackscale::io
