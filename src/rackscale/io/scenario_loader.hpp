#pragma once
//! Loads a scenario YAML file and the catalog it uses, validating everything strictly.

#include <string>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::io {

//! A scenario with the catalog its references were checked against.
struct LoadedScenario {
  model::Scenario scenario;
  model::Catalog catalog;
};

//! Reads the built-in catalog, the scenario's own catalog files and the scenario, recording
//! every problem in `diag` (nothing is thrown for bad input).
LoadedScenario read_scenario(const std::string& path, Diagnostics& diag);

//! Loads a scenario; throws InputError listing every problem found.
LoadedScenario load_scenario(const std::string& path);

}  // namespace rackscale::io
