#pragma once
//! Study files (`rackscale sweep STUDY.yaml`): a base scenario, the Monte Carlo settings every
//! point shares, a design (full grid, one-at-a-time, Latin hypercube) and the parameters, each a
//! scenario path in the `--set` syntax (a list item may also be `[*]`: every item). Read
//! strictly like scenarios: every problem with file:line:col, key path and hint, thrown once.
//! Each parameter's path is resolved against the base scenario's YAML, so a path that names
//! nothing is an error at the study file's line. Format: docs/sweep.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/input_limits.hpp"

namespace rackscale::io {

//! How the points of a study are chosen.
enum class SweepDesign { grid, one_at_a_time, latin_hypercube };

//! How a parameter's levels become scenario values.
enum class ParameterKind {
  values,  //!< the listed YAML values, set as they are
  range,   //!< numbers (with an optional unit) from min to max
  shift,   //!< every base date shifted by min..max [weeks]
  scale,   //!< every base number multiplied by min..max (its unit kept)
};

//! The distribution a Latin hypercube samples a range, shift or scale from.
enum class LhsDistribution { uniform, triangular };

//! One scenario value a parameter sets: an override path (list items by index) and the text
//! of its value in the base scenario.
struct ParameterTarget {
  std::string path;
  std::string base_text;
};

//! One input of a study.
struct StudyParameter {
  std::string name;
  std::string path;  //!< as written in the study file, maybe with `[*]`
  ParameterKind kind = ParameterKind::values;
  std::vector<std::string> values;  //!< kind values: each a YAML text
  //! Ends of a range, shift [weeks] or scale [-]; for a range in `unit`
  double min = 0.0, max = 0.0;
  std::optional<double> mode;  //!< of a triangular distribution, in the same unit
  std::string unit;            //!< of a range: the text after the number ("MW"), or ""
  LhsDistribution distribution = LhsDistribution::uniform;
  int levels = 0;  //!< grid and one-at-a-time: evenly spaced levels from min to max (>= 2)
  std::vector<ParameterTarget> targets;  //!< every value the path names in the base scenario
};

//! A study file, read and resolved against its base scenario.
struct StudySpec {
  std::string file;      //!< the study file as given
  std::string text;      //!< its bytes (the study hash covers them)
  std::string name;      //!< the study's name
  std::string scenario;  //!< the base scenario's path (relative to the current folder)
  //! `set:` overrides (PATH=VALUE) applied to every point, the base included, before the
  //! parameters'
  std::vector<std::string> overrides;
  int runs = 0;                         //!< Monte Carlo runs of every point [runs]
  std::optional<std::uint64_t> seed;    //!< every point's seed (default: the scenario's)
  std::optional<int> attribution_runs;  //!< per relaxed constraint (default: plan's) [runs]
  std::string metric;                   //!< the headline metric (sweep_point.hpp)
  SweepDesign design = SweepDesign::grid;
  int points = 0;                 //!< latin-hypercube: number of points
  std::uint64_t design_seed = 0;  //!< latin-hypercube: the seed of the strata and draws
  std::vector<StudyParameter> parameters;
};

//! The headline metrics a study can rank its inputs by.
const std::vector<std::string>& headline_metric_names();

//! The name of a design as study files spell it ("one-at-a-time").
std::string design_name(SweepDesign design);
//! The name of a parameter kind as study files spell it ("shift").
std::string parameter_kind_name(ParameterKind kind);

//! Reads and resolves the study file `path`; throws InputError listing every problem.
StudySpec read_study_file(const std::string& path, const InputLimits& limits = {});

}  // namespace rackscale::io
