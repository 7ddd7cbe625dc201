#pragma once
//! Reads `candidates:` (sites the optimizer may develop, from the shipped dataset and the
//! scenario) and `optimize:` (settings of `rackscale optimize`); docs/scenario-format.md.

#include <functional>

#include "rackscale/io/input_limits.hpp"
#include "rackscale/io/yaml_reader.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::io {

//! Reads the site keys of a candidate (every key of a site but target, grid and
//! construction.start) from a map, as the scenario loader reads a site.
using CandidateSiteReader = std::function<void(MapReader&, model::Site&)>;

//! Reads `candidates:` and `optimize:` of the scenario `top` into `scenario`, recording every
//! problem in the diagnostics of `top`. `include` names entries of the candidate dataset
//! (`candidates.dataset`, default us-candidates.yaml of io::builtin_dataset_dir). Each key of a
//! candidate comes from its `sites` entry if set there, else from its dataset entry, else from
//! `defaults`.
void read_candidate_sections(MapReader& top, model::Scenario& scenario, const InputLimits& limits,
                             const CandidateSiteReader& read_site);

}  // namespace rackscale::io
