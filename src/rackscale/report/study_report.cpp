#include "rackscale/report/study_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "rackscale/core/calendar.hpp"
#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/html_report.hpp"
#include "rackscale/report/svg_chart.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"

namespace rackscale::report {

namespace {

using analysis::PointResult;

//! The figures of the total that points.csv and the points table show, in order.
const std::vector<std::string>& total_columns() {
  static const std::vector<std::string> columns = {"gpu_weeks",
                                                   "first_rack_online.p50_days",
                                                   "half_target.p50_days",
                                                   "full_target.p10_days",
                                                   "full_target.p50_days",
                                                   "full_target.p90_days",
                                                   "capex_usd",
                                                   "pue"};
  return columns;
}

//! A stored number as CSV text: the shortest text that reads back the same; "" for none.
std::string csv_number(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : "";
}

//! How a headline metric is shown: its scale (e.g. USD -> MUSD) and decimals.
struct MetricDisplay {
  double scale = 1.0;
  int decimals = 0;
  std::string unit;
};

MetricDisplay display_of(const std::string& metric) {
  if (metric == "capex_usd") return {1e-6, 0, "MUSD"};
  if (metric == "gpu_weeks") return {1.0, 0, "GPU-weeks"};
  return {1.0, 0, "days"};
}

std::string shown(const std::string& metric, double value) {
  const MetricDisplay d = display_of(metric);
  return format_value(value * d.scale, d.decimals);
}

//! The label of a parameter's level at coordinate `value`.
std::string level_label(const io::StudyParameter& parameter, double value) {
  std::vector<std::string> ignored;
  return analysis::apply_level(parameter, value, ignored).label;
}

//! The coordinates of a parameter's lowest and highest level.
std::pair<double, double> level_ends(const io::StudyParameter& parameter) {
  if (parameter.kind == io::ParameterKind::values) {
    return {0.0, static_cast<double>(parameter.values.size() - 1)};
  }
  return {parameter.min, parameter.max};
}

const io::StudyParameter& parameter_named(const io::StudySpec& spec, const std::string& name) {
  for (const auto& parameter : spec.parameters) {
    if (parameter.name == name) return parameter;
  }
  return spec.parameters.front();
}

//! The planned points that have results, and each one's headline, in point order.
struct Recorded {
  std::vector<analysis::SweepPoint> points;
  std::vector<double> headline;
};

Recorded recorded(const StudyReportInput& input) {
  Recorded out;
  for (const PointResult& result : input.results) {
    out.points.push_back(input.points.at(static_cast<std::size_t>(result.point)));
    out.headline.push_back(result.headline);
  }
  return out;
}

//! The reference line of the tornado: the base point's metric in a one-at-a-time design, else
//! the mean over the points.
double reference_value(const io::StudySpec& spec, const Recorded& data) {
  if (spec.design == io::SweepDesign::one_at_a_time && !data.points.empty() &&
      data.points.front().index == 0) {
    return data.headline.front();
  }
  double sum = 0.0;
  for (double h : data.headline) sum += h;
  return data.headline.empty() ? 0.0 : sum / static_cast<double>(data.headline.size());
}

// ---- Charts ---------------------------------------------------------------------------------

std::string tornado_svg(const io::StudySpec& spec,
                        const std::vector<analysis::InputEffect>& effects, double reference) {
  const double left = 230, right = 150, top = 44, row = 34;
  const double width = 900, plot_w = width - left - right;
  double lo = reference, hi = reference;
  for (const auto& e : effects) {
    lo = std::min({lo, e.at_min, e.at_max});
    hi = std::max({hi, e.at_min, e.at_max});
  }
  const MetricDisplay d = display_of(spec.metric);
  // Room beyond the bars for the level labels at their ends.
  const double pad = 0.22 * (hi - lo);
  const std::vector<double> ticks = nice_ticks((lo - pad) * d.scale, (hi + pad) * d.scale, 6);
  const double t0 = ticks.front(), t1 = ticks.back() > t0 ? ticks.back() : t0 + 1;
  auto x = [&](double v) { return left + (v * d.scale - t0) / (t1 - t0) * plot_w; };
  const double plot_h = row * static_cast<double>(effects.size());
  SvgCanvas canvas(width, top + plot_h + 110);
  canvas.text(left, 26, "Tornado: the headline metric at each input's lowest and highest level", 14,
              "start", "font-weight=\"600\"");
  for (double t : ticks) {
    const double tx = left + (t - t0) / (t1 - t0) * plot_w;
    canvas.line(tx, top, tx, top + plot_h, "#e3e7ec");
    canvas.text(tx, top + plot_h + 16,
                format_value(t, tick_decimals(ticks.size() > 1 ? ticks[1] - ticks[0] : 1)), 11,
                "middle");
  }
  canvas.text(left + plot_w / 2, top + plot_h + 36, headline_label(spec.metric), 12, "middle");
  for (std::size_t i = 0; i < effects.size(); ++i) {
    const analysis::InputEffect& e = effects[i];
    const io::StudyParameter& parameter = parameter_named(spec, e.parameter);
    const auto [min_level, max_level] = level_ends(parameter);
    const double y = top + row * static_cast<double>(i) + 6, h = row - 12;
    canvas.text(left - 8, y + h / 2 + 4, e.parameter, 12, "end");
    const double xb = x(reference);
    canvas.rect(std::min(xb, x(e.at_min)), y, std::abs(x(e.at_min) - xb), h, chart_color(0));
    canvas.rect(std::min(xb, x(e.at_max)), y, std::abs(x(e.at_max) - xb), h, chart_color(1),
                "fill-opacity=\"0.85\"");
    const bool max_right = e.at_max >= e.at_min;
    canvas.text(x(max_right ? e.at_min : e.at_max) - 4, y + h / 2 + 4,
                level_label(parameter, max_right ? min_level : max_level), 10.5, "end");
    canvas.text(x(max_right ? e.at_max : e.at_min) + 4, y + h / 2 + 4,
                level_label(parameter, max_right ? max_level : min_level), 10.5, "start");
  }
  canvas.line(x(reference), top - 4, x(reference), top + plot_h + 4, "#333333", 1.5,
              "stroke-dasharray=\"4 3\"");
  canvas.legend(
      left, top + plot_h + 52, width - 20,
      {{LegendMark::Swatch, chart_color(0), "input at its lowest level"},
       {LegendMark::Swatch, chart_color(1), "input at its highest level"},
       {LegendMark::DashedLine, "#333333",
        spec.design == io::SweepDesign::one_at_a_time ? "base scenario" : "mean over the points"}});
  return canvas.document("Tornado chart of " + headline_label(spec.metric));
}

//! A colour from light to dark blue for a share in [0, 1].
std::string heat_color(double share) {
  const double s = std::clamp(share, 0.0, 1.0);
  auto mix = [s](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * s)); };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(0xf1, 0x08), mix(0xf7, 0x45), mix(0xfd, 0x94));
}

std::string heat_map_svg(const io::StudySpec& spec, const Recorded& data) {
  const io::StudyParameter& px = spec.parameters[0];
  const io::StudyParameter& py = spec.parameters[1];
  std::map<double, std::map<double, double>> cells;  // y -> x -> metric
  std::map<double, int> xs, ys;
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    const double vx = *data.points[i].levels[0].value, vy = *data.points[i].levels[1].value;
    cells[vy][vx] = data.headline[i];
    xs[vx] = 0;
    ys[vy] = 0;
  }
  int k = 0;
  for (auto& [v, slot] : xs) slot = k++;
  k = 0;
  for (auto& [v, slot] : ys) slot = k++;
  const double left = 150, top = 44,
               cell_w = std::min(110.0,
                                 680.0 / static_cast<double>(std::max<std::size_t>(1, xs.size()))),
               cell_h = 34;
  const double lo = *std::min_element(data.headline.begin(), data.headline.end());
  const double hi = *std::max_element(data.headline.begin(), data.headline.end());
  SvgCanvas canvas(std::max(900.0, left + cell_w * static_cast<double>(xs.size()) + 40),
                   top + cell_h * static_cast<double>(ys.size()) + 80);
  canvas.text(left, 26, headline_label(spec.metric) + " over the grid", 14, "start",
              "font-weight=\"600\"");
  for (const auto& [vy, row] : cells) {
    const double y = top + cell_h * ys[vy];
    canvas.text(left - 8, y + cell_h / 2 + 4, level_label(py, vy), 11, "end");
    for (const auto& [vx, value] : row) {
      const double x = left + cell_w * xs[vx];
      const double share = hi > lo ? (value - lo) / (hi - lo) : 0.5;
      canvas.rect(x, y, cell_w - 2, cell_h - 2, heat_color(share));
      canvas.text(x + cell_w / 2, y + cell_h / 2 + 4, shown(spec.metric, value), 11, "middle",
                  share > 0.55 ? "fill=\"#ffffff\"" : "");
    }
  }
  const double bottom = top + cell_h * static_cast<double>(ys.size());
  for (const auto& [vx, slot] : xs) {
    canvas.text(left + cell_w * slot + cell_w / 2, bottom + 16, level_label(px, vx), 11, "middle");
  }
  canvas.text(left + cell_w * static_cast<double>(xs.size()) / 2, bottom + 36, px.name, 12,
              "middle");
  canvas.text(14, top - 8, py.name, 12, "start");
  canvas.text(
      left, bottom + 58,
      fmt::format("light: {} {}, dark: {} {}", shown(spec.metric, lo), display_of(spec.metric).unit,
                  shown(spec.metric, hi), display_of(spec.metric).unit),
      11, "start");
  return canvas.document("Heat map of " + headline_label(spec.metric));
}

std::string scatter_svg(const io::StudySpec& spec, std::size_t p, const Recorded& data,
                        const analysis::InputEffect& effect) {
  const io::StudyParameter& parameter = spec.parameters[p];
  const double left = 80, right = 20, top = 36, width = 440, height = 280;
  const double plot_w = width - left - right, plot_h = height - top - 50;
  // Plain variables, not a structured binding: the lambda below captures them (clang 14 cannot
  // capture a structured binding).
  const auto ends = level_ends(parameter);
  const double x_lo = ends.first;
  const double x_hi = ends.second;
  const MetricDisplay d = display_of(spec.metric);
  // The range of the points and of the line's ends.
  double lo = std::min({*std::min_element(data.headline.begin(), data.headline.end()),
                        effect.at_min, effect.at_max});
  double hi = std::max({*std::max_element(data.headline.begin(), data.headline.end()),
                        effect.at_min, effect.at_max});
  const std::vector<double> ticks = nice_ticks(lo * d.scale, hi * d.scale, 5);
  lo = ticks.front();
  hi = ticks.back() > lo ? ticks.back() : lo + 1;
  const double span = x_hi > x_lo ? x_hi - x_lo : 1.0;
  auto x = [&](double v) { return left + (v - x_lo) / span * plot_w; };
  auto y = [&](double v) { return top + plot_h - (v * d.scale - lo) / (hi - lo) * plot_h; };
  SvgCanvas canvas(width, height);
  canvas.text(left, 20, parameter.name, 13, "start", "font-weight=\"600\"");
  for (double t : ticks) {
    const double ty = top + plot_h - (t - lo) / (hi - lo) * plot_h;
    canvas.line(left, ty, left + plot_w, ty, "#e3e7ec");
    canvas.text(left - 6, ty + 4, format_value(t, 0), 10, "end");
  }
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    canvas.circle(x(*data.points[i].levels[p].value), y(data.headline[i]), 3.5, chart_color(0),
                  "#ffffff");
  }
  canvas.line(x(x_lo), y(effect.at_min), x(x_hi), y(effect.at_max), "#333333", 1.5,
              "stroke-dasharray=\"4 3\"");
  canvas.text(left, top + plot_h + 16, level_label(parameter, x_lo), 10, "start");
  canvas.text(left + plot_w, top + plot_h + 16, level_label(parameter, x_hi), 10, "end");
  canvas.text(left + plot_w / 2, top + plot_h + 34, "least-squares line dashed", 10, "middle");
  return canvas.document(parameter.name + " against " + headline_label(spec.metric));
}

std::string capacity_svg(const StudyReportInput& input) {
  TimeChart chart;
  chart.title = "Racks online (P50, all sites) at each point";
  chart.y_label = "racks online [racks]";
  const PointResult& first = input.results.front();
  for (const auto& week : first.weeks) {
    if (week.site == "total") chart.dates.push_back(*Date::parse(week.week_end));
  }
  for (const PointResult& result : input.results) {
    TimeSeries series;
    series.name = fmt::format("point {}", result.point + 1);
    for (const auto& week : result.weeks) {
      if (week.site == "total") series.values.push_back(week.racks_p50);
    }
    series.emphasis = input.spec.design == io::SweepDesign::one_at_a_time && result.point == 0;
    if (series.emphasis) series.name = "base";
    chart.series.push_back(std::move(series));
  }
  return time_chart_svg(chart);
}

// ---- Page -----------------------------------------------------------------------------------

std::string header_html(const StudyReportInput& input) {
  const io::StudySpec& spec = input.spec;
  auto item = [](const std::string& term, const std::string& value) {
    return fmt::format("<div><dt>{}</dt><dd>{}</dd></div>", xml_escape(term), xml_escape(value));
  };
  std::string out = "<header class=\"report\">\n<p class=\"kicker\">rackscale sweep</p>\n";
  out += fmt::format("<h1>{}</h1>\n<dl class=\"stamp\">", xml_escape(spec.name));
  out += item("base scenario", spec.scenario) + item("design", io::design_name(spec.design)) +
         item("points", fmt::format("{} of {}", input.results.size(), input.points.size())) +
         item("runs per point", std::to_string(spec.runs)) +
         item("seed", spec.seed ? std::to_string(*spec.seed) : "the scenario's") +
         item("base inputs", input.scenario_input_hash) +
         item("version", std::string("rackscale ") + RACKSCALE_VERSION);
  out += "</dl>\n</header>\n";
  out += fmt::format(
      "<p class=\"lead\">Every point runs the Monte Carlo with the same seed streams (common "
      "random "
      "numbers), so differences between points come from the inputs. Headline metric: {}.</p>\n",
      xml_escape(headline_label(spec.metric)));
  return out;
}

std::string ranking_html(const io::StudySpec& spec,
                         const std::vector<analysis::InputEffect>& effects) {
  const std::string unit = display_of(spec.metric).unit;
  std::string out = "<section id=\"ranking\">\n<h2>Inputs ranked by effect</h2>\n";
  out += fmt::format(
      "<table>\n<tr><th>rank</th><th>input</th><th>path</th><th class=\"num\">at its lowest "
      "level [{0}]</th><th class=\"num\">at its highest level [{0}]</th><th class=\"num\">swing "
      "[{0}]</th></tr>\n",
      xml_escape(unit));
  for (std::size_t i = 0; i < effects.size(); ++i) {
    const analysis::InputEffect& e = effects[i];
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        i + 1, xml_escape(e.parameter), xml_escape(parameter_named(spec, e.parameter).path),
        shown(spec.metric, e.at_min), shown(spec.metric, e.at_max), shown(spec.metric, e.swing()));
  }
  out += "</table>\n<p class=\"note\">";
  out += spec.design == io::SweepDesign::one_at_a_time
             ? "One-at-a-time: each input over its levels with the others at the base."
         : spec.design == io::SweepDesign::grid
             ? "Grid: the main effect, the mean over every point at each level of the input."
             : "Latin hypercube: a least-squares line of the metric against the input, read at "
               "its ends.";
  out += " The swing is the highest minus the lowest of these.</p>\n</section>\n";
  return out;
}

std::string points_table_html(const StudyReportInput& input) {
  const io::StudySpec& spec = input.spec;
  std::string out =
      "<section id=\"points\">\n<h2>Points</h2>\n<table class=\"wide\">\n<tr><th>point</th>";
  for (const auto& parameter : spec.parameters)
    out += "<th>" + xml_escape(parameter.name) + "</th>";
  out += fmt::format("<th class=\"num\">{}</th><th>100% of target (P50)</th></tr>\n",
                     xml_escape(headline_label(spec.metric)));
  for (const PointResult& result : input.results) {
    const analysis::SweepPoint& point = input.points.at(static_cast<std::size_t>(result.point));
    out += fmt::format("<tr><td>{}</td>", result.point + 1);
    for (const auto& level : point.levels) out += "<td>" + xml_escape(level.label) + "</td>";
    const std::optional<double> full =
        analysis::metric_value(result, "total", "full_target.p50_days");
    out += fmt::format(
        "<td class=\"num\">{}</td><td>{}</td></tr>\n", shown(spec.metric, result.headline),
        full ? input.start.plus_days(static_cast<int>(std::lround(*full))).to_string()
             : "not reached");
  }
  return out + "</table>\n</section>\n";
}

}  // namespace

std::string headline_label(const std::string& metric) {
  if (metric == "gpu_weeks") return "GPU-weeks online over the horizon (mean) [GPU-weeks]";
  if (metric == "full_target_p50_days") return "P50 day every site reaches its target [days]";
  if (metric == "half_target_p50_days") return "P50 day every site reaches half its target [days]";
  if (metric == "capex_usd") return "capex of all sites [MUSD]";
  return metric;
}

std::string points_csv(const StudyReportInput& input) {
  std::vector<std::string> columns = {"point"};
  for (const auto& parameter : input.spec.parameters) {
    columns.push_back(parameter.name);
    columns.push_back(parameter.name + "_value");
  }
  columns.push_back("input_hash");
  columns.push_back("headline");
  for (const std::string& name : total_columns()) columns.push_back(name);
  CsvWriter csv(columns);
  for (const PointResult& result : input.results) {
    const analysis::SweepPoint& point = input.points.at(static_cast<std::size_t>(result.point));
    std::vector<std::string> row = {std::to_string(result.point + 1)};
    for (const auto& level : point.levels) {
      row.push_back(level.label);
      row.push_back(csv_number(level.value));
    }
    row.push_back(result.input_hash);
    row.push_back(csv_number(result.headline));
    for (const std::string& name : total_columns()) {
      row.push_back(csv_number(analysis::metric_value(result, "total", name)));
    }
    csv.add_row(row);
  }
  return csv.text();
}

std::string study_html(const StudyReportInput& input) {
  const io::StudySpec& spec = input.spec;
  const Recorded data = recorded(input);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += fmt::format("<title>{} - rackscale sweep</title>\n", xml_escape(spec.name));
  out += "<style>" + std::string(report_css()) + "</style>\n</head>\n<body>\n<main>\n";
  out += header_html(input);
  if (input.results.empty()) {
    out += "<p class=\"missing\">No point is recorded yet.</p>\n";
    return out + "</main>\n</body>\n</html>\n";
  }
  const std::vector<analysis::InputEffect> effects =
      analysis::rank_inputs(spec, data.points, data.headline);
  out += ranking_html(spec, effects);
  out += "<section id=\"charts\">\n<h2>Effect of each input</h2>\n<figure class=\"chart\">";
  if (spec.design == io::SweepDesign::latin_hypercube) {
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
      for (const auto& e : effects) {
        if (e.parameter == spec.parameters[p].name) out += scatter_svg(spec, p, data, e);
      }
    }
  } else if (spec.design == io::SweepDesign::grid && spec.parameters.size() == 2) {
    out += heat_map_svg(spec, data);
  } else {
    out += tornado_svg(spec, effects, reference_value(spec, data));
  }
  out += "</figure>\n</section>\n";
  // One line per point stays readable up to a dozen points.
  if (input.results.size() <= 12 && !input.results.front().weeks.empty()) {
    out += "<section id=\"capacity\">\n<h2>Capacity online</h2>\n<figure class=\"chart\">" +
           capacity_svg(input) + "</figure>\n</section>\n";
  }
  out += points_table_html(input);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace rackscale::report
