#pragma once
//! The result of one point of a study, as the run store keeps it: summary metrics per site,
//! the bottleneck gains of the attribution and per-week P10/P50/P90 series; and the ranking of
//! a study's inputs by their effect on the headline metric. Plain data, deterministic, with a
//! JSON form for sending a point between processes. docs/sweep.md.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "rackscale/analysis/sweep_design.hpp"

namespace rackscale::analysis {

//! One summary figure of one site ("total" for the whole scenario).
struct PointMetric {
  std::string site;
  std::string name;             //!< e.g. "full_target.p50_days", "capex_usd", "pue", "gpu_weeks"
  std::optional<double> value;  //!< nullopt: not reached within the horizon
};

//! What relaxing one constraint gains one site (analysis::ConstraintGain).
struct PointGain {
  std::string site;
  std::string constraint;
  double gpu_weeks_gained = 0.0;   //!< [GPU-weeks]
  double days_earlier_half = 0.0;  //!< [days]
  double days_earlier_full = 0.0;  //!< [days]
};

//! One week of one site ("total" for all sites).
struct PointWeek {
  std::string site;
  int week = 0;                                              //!< 0-based
  std::string week_end;                                      //!< the week's last day, YYYY-MM-DD
  double racks_p10 = 0.0, racks_p50 = 0.0, racks_p90 = 0.0;  //!< racks online [racks]
  double it_mw_p10 = 0.0, it_mw_p50 = 0.0, it_mw_p90 = 0.0;  //!< IT power online [MW]
};

//! The result of one point.
struct PointResult {
  int point = 0;           //!< SweepPoint::index
  std::string input_hash;  //!< of the point's scenario with its overrides (RunStamp)
  double headline = 0.0;   //!< the study's headline metric (headline_value)
  std::vector<PointMetric> metrics;
  std::vector<PointGain> gains;
  std::vector<PointWeek> weeks;
};

//! The value of metric `name` of `site`, or nullopt if absent or not reached.
std::optional<double> metric_value(const PointResult& result, const std::string& site,
                                   const std::string& name);

//! The headline metric `metric` (io::headline_metric_names) of a point: the total's
//! "gpu_weeks" or "capex_usd", or the total's P50 day of "full_target"/"half_target", a P50
//! not reached within the horizon counting as the horizon's end (`horizon_days`).
double headline_value(const PointResult& result, const std::string& metric, double horizon_days);

nlohmann::json to_json(const PointResult& result);
PointResult point_result_from_json(const nlohmann::json& json);

//! How much one input moves the headline metric over its range.
struct InputEffect {
  std::string parameter;
  double at_min = 0.0;   //!< the metric at the parameter's lowest level
  double at_max = 0.0;   //!< the metric at its highest level
  double lowest = 0.0;   //!< the lowest metric over its levels
  double highest = 0.0;  //!< the highest metric over its levels
  double swing() const { return highest - lowest; }
};

//! The inputs ranked by swing, largest first (then by name). One-at-a-time: the metric at each
//! of the parameter's levels; grid: the mean over the points at each level (main effect);
//! Latin hypercube: a least-squares line of the metric against the coordinate, read at min and
//! max. `headline[i]` is the metric of points[i].
std::vector<InputEffect> rank_inputs(const io::StudySpec& spec,
                                     const std::vector<SweepPoint>& points,
                                     const std::vector<double>& headline);

}  // namespace rackscale::analysis
