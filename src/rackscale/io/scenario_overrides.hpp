#pragma once
//! Scenario overrides: `PATH=VALUE` texts (the command line's `--set`) that replace or add one
//! value of a scenario before it is read. PATH names a value the way errors print it
//! (`sites[0].tariff`, `policies.power.ups`), a list item may also be named by its `name:`
//! (`sites[abilene-tx].grid[1].capacity`); VALUE is YAML, read exactly as the same text in the
//! file would be ("300 MW", `{dist: normal, mean: 20 weeks, sd: 2 weeks}`, `[a, b]`).
//! Grammar and examples: docs/scenario-format.md, "Overrides".

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {

//! The name under which override `index` (0-based) appears in diagnostics: "--set #1".
std::string override_name(std::size_t index);

//! Applies `overrides` in order to the scenario document `root` (a later override of the same
//! value wins). Each override's text is registered with `diag` under override_name(i), so an
//! error in it shows the text with a caret. A malformed override (no `=`, a path that names
//! nothing, an index out of range, a value that is not YAML) is recorded in `diag` and skipped.
//! Returns where every replaced value came from.
ValueSources apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides,
                             Diagnostics& diag);

}  // namespace rackscale::io
