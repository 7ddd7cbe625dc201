#pragma once
//! The files of a sweep besides its store, made from what the store holds so that a resumed
//! sweep gives the same bytes: `points.csv` (one row per recorded point: its parameters and
//! headline metrics) and `study.html` (self-contained: the ranking of the inputs by their effect
//! on the headline metric, a tornado chart, a heat map of a two-parameter grid, scatter plots of
//! a Latin hypercube, the P50 capacity of each point). docs/sweep.md.

#include <string>
#include <vector>

#include "rackscale/analysis/sweep_point.hpp"
#include "rackscale/core/calendar.hpp"

namespace rackscale::report {

//! Everything the study files show.
struct StudyReportInput {
  const io::StudySpec& spec;
  const std::vector<analysis::SweepPoint>& points;    //!< every planned point
  const std::vector<analysis::PointResult>& results;  //!< the recorded ones, in point order
  std::string scenario_input_hash;                    //!< of the base scenario
  Date start;  //!< the base scenario's start: milestone days are counted from it
};

//! The label of a headline metric with its unit, e.g. "GPU-weeks online (mean) [GPU-weeks]".
std::string headline_label(const std::string& metric);

//! points.csv: `point`, each parameter's label and coordinate (`NAME`, `NAME_value`), the input
//! hash, then the headline figures of the total.
std::string points_csv(const StudyReportInput& input);

//! study.html. Deterministic: the same input gives the same bytes.
std::string study_html(const StudyReportInput& input);

}  // namespace rackscale::report
