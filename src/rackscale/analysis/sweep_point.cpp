#include "rackscale/analysis/sweep_point.hpp"

#include <algorithm>
#include <map>

namespace rackscale::analysis {

namespace {

//! The metric at each level of parameter `p`: the mean over the points at that level, in
//! ascending order of the level (points where `p` is at the base are left out).
std::map<double, double> level_means(std::size_t p, const std::vector<SweepPoint>& points,
                                     const std::vector<double>& headline) {
  std::map<double, std::pair<double, int>> sums;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::optional<double>& value = points[i].levels[p].value;
    if (!value) continue;
    sums[*value].first += headline[i];
    sums[*value].second += 1;
  }
  std::map<double, double> means;
  for (const auto& [value, sum] : sums) means[value] = sum.first / sum.second;
  return means;
}

InputEffect effect_of_levels(const std::string& name, const std::map<double, double>& means) {
  InputEffect effect{name, 0, 0, 0, 0};
  if (means.empty()) return effect;
  effect.at_min = means.begin()->second;
  effect.at_max = means.rbegin()->second;
  effect.lowest = effect.highest = effect.at_min;
  for (const auto& [value, mean] : means) {
    effect.lowest = std::min(effect.lowest, mean);
    effect.highest = std::max(effect.highest, mean);
  }
  return effect;
}

//! The least-squares line of the metric against parameter `p`'s coordinate, read at its ends.
InputEffect effect_of_line(const io::StudyParameter& parameter, std::size_t p,
                           const std::vector<SweepPoint>& points,
                           const std::vector<double>& headline) {
  double n = 0, sx = 0, sy = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    n += 1;
    sx += *points[i].levels[p].value;
    sy += headline[i];
  }
  const double mx = sx / n, my = sy / n;
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double dx = *points[i].levels[p].value - mx;
    sxy += dx * (headline[i] - my);
    sxx += dx * dx;
  }
  const double slope = sxx > 0 ? sxy / sxx : 0.0;
  const bool listed = parameter.kind == io::ParameterKind::values;
  const double lo = listed ? 0.0 : parameter.min;
  const double hi = listed ? static_cast<double>(parameter.values.size() - 1) : parameter.max;
  InputEffect effect{parameter.name, my + slope * (lo - mx), my + slope * (hi - mx), 0, 0};
  effect.lowest = std::min(effect.at_min, effect.at_max);
  effect.highest = std::max(effect.at_min, effect.at_max);
  return effect;
}

}  // namespace

std::optional<double> metric_value(const PointResult& result, const std::string& site,
                                   const std::string& name) {
  for (const PointMetric& metric : result.metrics) {
    if (metric.site == site && metric.name == name) return metric.value;
  }
  return std::nullopt;
}

double headline_value(const PointResult& result, const std::string& metric, double horizon_days) {
  if (metric == "full_target_p50_days" || metric == "half_target_p50_days") {
    const std::string milestone = metric == "full_target_p50_days" ? "full_target" : "half_target";
    return metric_value(result, "total", milestone + ".p50_days").value_or(horizon_days);
  }
  return metric_value(result, "total", metric).value_or(0.0);
}

nlohmann::json to_json(const PointResult& result) {
  nlohmann::json metrics = nlohmann::json::array(), gains = nlohmann::json::array(),
                 weeks = nlohmann::json::array();
  for (const PointMetric& m : result.metrics) {
    metrics.push_back({m.site, m.name, m.value ? nlohmann::json(*m.value) : nlohmann::json()});
  }
  for (const PointGain& g : result.gains) {
    gains.push_back(
        {g.site, g.constraint, g.gpu_weeks_gained, g.days_earlier_half, g.days_earlier_full});
  }
  for (const PointWeek& w : result.weeks) {
    weeks.push_back({w.site, w.week, w.week_end, w.racks_p10, w.racks_p50, w.racks_p90, w.it_mw_p10,
                     w.it_mw_p50, w.it_mw_p90});
  }
  return {{"point", result.point},
          {"input_hash", result.input_hash},
          {"headline", result.headline},
          {"metrics", metrics},
          {"gains", gains},
          {"weeks", weeks}};
}

PointResult point_result_from_json(const nlohmann::json& json) {
  PointResult result;
  result.point = json.at("point").get<int>();
  result.input_hash = json.at("input_hash").get<std::string>();
  result.headline = json.at("headline").get<double>();
  for (const auto& m : json.at("metrics")) {
    result.metrics.push_back(
        {m[0].get<std::string>(), m[1].get<std::string>(),
         m[2].is_null() ? std::nullopt : std::optional<double>(m[2].get<double>())});
  }
  for (const auto& g : json.at("gains")) {
    result.gains.push_back({g[0].get<std::string>(), g[1].get<std::string>(), g[2].get<double>(),
                            g[3].get<double>(), g[4].get<double>()});
  }
  for (const auto& w : json.at("weeks")) {
    result.weeks.push_back({w[0].get<std::string>(), w[1].get<int>(), w[2].get<std::string>(),
                            w[3].get<double>(), w[4].get<double>(), w[5].get<double>(),
                            w[6].get<double>(), w[7].get<double>(), w[8].get<double>()});
  }
  return result;
}

std::vector<InputEffect> rank_inputs(const io::StudySpec& spec,
                                     const std::vector<SweepPoint>& points,
                                     const std::vector<double>& headline) {
  std::vector<InputEffect> effects;
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    const io::StudyParameter& parameter = spec.parameters[p];
    effects.push_back(spec.design == io::SweepDesign::latin_hypercube
                          ? effect_of_line(parameter, p, points, headline)
                          : effect_of_levels(parameter.name, level_means(p, points, headline)));
  }
  std::stable_sort(effects.begin(), effects.end(), [](const InputEffect& a, const InputEffect& b) {
    if (a.swing() != b.swing()) return a.swing() > b.swing();
    return a.parameter < b.parameter;
  });
  return effects;
}

}  // namespace rackscale::analysis
