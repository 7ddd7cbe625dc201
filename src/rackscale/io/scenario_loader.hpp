#pragma once
//! Loads a scenario YAML file and the catalog it uses, validating everything strictly.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/input_limits.hpp"
#include "rackscale/io/key_locations.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::io {

//! Where a scenario comes from: a file, or a text with a file name (real or virtual) for
//! messages and for resolving the relative paths it names; plus overrides applied before it is
//! read (io/scenario_overrides.hpp).
struct ScenarioSource {
  std::string file;                    //!< path of the file, or the virtual name of `text`
  std::optional<std::string> text;     //!< the scenario itself; nullopt: read `file`
  std::vector<std::string> overrides;  //!< "PATH=VALUE", applied in order
  InputLimits limits;                  //!< bounds on every file read (size, YAML nesting)
};

//! A scenario with the catalog its references were checked against, and the text of every file
//! read for it (scenario, catalog and weather files; the overrides as `--set #N`) for rendering
//! later errors with excerpts.
struct LoadedScenario {
  model::Scenario scenario;
  model::Catalog catalog;
  SourceTexts sources;
  KeyLocations locations;              //!< where each value stands, for checks made after loading
  std::string text;                    //!< the scenario text as read, before overrides
  std::vector<std::string> overrides;  //!< the overrides applied to it
};

//! Reads the built-in catalog, the scenario's own catalog files and the scenario with its
//! overrides, then checks it as a whole (io/scenario_checks.hpp), recording every problem and
//! warning in `diag` (nothing is thrown for bad input).
LoadedScenario read_scenario(const ScenarioSource& source, Diagnostics& diag);
//! read_scenario of a file without overrides.
LoadedScenario read_scenario(const std::string& path, Diagnostics& diag);

//! Loads a scenario; throws InputError listing every problem found.
LoadedScenario load_scenario(const ScenarioSource& source);
//! load_scenario of a file without overrides.
LoadedScenario load_scenario(const std::string& path);

}  // namespace rackscale::io
