#pragma once
//! The points of a study (io/study_reader.hpp): a full grid, one-at-a-time around the base, or
//! a Latin hypercube; each point the override texts (`--set` syntax) that make its scenario.
//! Pure and deterministic: the same study gives the same points in the same order. docs/sweep.md.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/io/study_reader.hpp"

namespace rackscale::analysis {

//! Where one parameter stands at one point.
struct ParameterLevel {
  //! The coordinate: a range's value [its unit], a shift [weeks], a scale factor [-], or the
  //! index of a listed value; nullopt at the base of a one-at-a-time design (nothing overridden)
  std::optional<double> value;
  std::string label;  //!< as tables show it: "+13 weeks", "x0.75", "300 MW", "full", "base"
};

//! One point of a study.
struct SweepPoint {
  int index = 0;                       //!< 0-based, in design order
  std::vector<ParameterLevel> levels;  //!< one per parameter, in study order
  //! PATH=VALUE texts: the study's `set:` ones, then the parameters' in parameter and target
  //! order
  std::vector<std::string> overrides;
};

//! Every point of the study, in design order: a grid varies the first parameter slowest; a
//! one-at-a-time design is the base (point 0), then each parameter's levels in turn with the
//! others at the base; a Latin hypercube has `points` points, each parameter's values one per
//! stratum of equal probability, strata shuffled and drawn from `design_seed` alone.
std::vector<SweepPoint> expand_points(const io::StudySpec& spec);

//! The coordinate of level `level` (0-based) of a range, shift, scale or values parameter on a
//! grid: evenly spaced from min to max, or the value's index.
double grid_level(const io::StudyParameter& parameter, int level);

//! The coordinate at probability `u` in (0, 1) of the parameter's distribution (its inverse
//! CDF): uniform or triangular between min and max; for listed values the index of the
//! stratum of `u` among as many equal strata.
double quantile_level(const io::StudyParameter& parameter, double u);

//! The level of `parameter` at coordinate `value`: its label and its override texts (appended
//! to `overrides`).
ParameterLevel apply_level(const io::StudyParameter& parameter, double value,
                           std::vector<std::string>& overrides);

}  // namespace rackscale::analysis
