#include "rackscale/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"

namespace rackscale::report {

namespace {

constexpr double kTitleFont = 16.0;
constexpr double kTickFont = 11.0;
constexpr double kLabelFont = 12.0;
constexpr const char* kAxisColor = "#444444";
constexpr const char* kGridColor = "#e3e3e3";

// Title and legend at the top; returns the y where the plot may start.
double draw_header(SvgCanvas& svg, const std::string& title, double left, double right,
                   const std::vector<LegendItem>& legend) {
  svg.text(left, 24, title, kTitleFont, "start", "font-weight=\"bold\"");
  const double h = svg.legend(left, 34, right, legend);
  return 34 + h + 16;
}

double header_height(double left, double right, const std::vector<LegendItem>& legend) {
  return 34 + legend_height(left, right, legend) + 16;
}

// A y-axis label rotated to read bottom to top, centred on the plot.
void y_axis_label(SvgCanvas& svg, double x, double top, double bottom, const std::string& label,
                  bool right_side = false) {
  const double y = (top + bottom) / 2.0;
  svg.text(x, y, label, kLabelFont, "middle",
           fmt::format("transform=\"rotate({} {} {})\"", right_side ? 90 : -90, svg_number(x),
                       svg_number(y)));
}

double widest(const std::vector<std::string>& labels, double font) {
  double w = 0.0;
  for (const auto& l : labels) w = std::max(w, text_width(l, font));
  return w;
}

std::vector<std::string> tick_labels(const std::vector<double>& ticks) {
  const int decimals = ticks.size() > 1 ? tick_decimals(ticks[1] - ticks[0]) : 0;
  std::vector<std::string> out;
  for (double t : ticks) out.push_back(format_value(t, decimals));
  return out;
}

// Linear map from a value range to a pixel range.
struct Scale {
  double d0, d1, r0, r1;
  double operator()(double v) const {
    if (d1 == d0) return r0;
    return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
  }
};

std::string polyline(const std::vector<double>& xs, const std::vector<double>& ys) {
  std::string d;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    d += fmt::format("{}{} {}", i == 0 ? "M" : "L", svg_number(xs[i]), svg_number(ys[i]));
  }
  return d;
}

// Horizontal grid lines and left tick labels of a value axis.
void value_axis_left(SvgCanvas& svg, const std::vector<double>& ticks, const Scale& y, double left,
                     double right) {
  const auto labels = tick_labels(ticks);
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const double py = y(ticks[i]);
    svg.line(left, py, right, py, kGridColor);
    svg.line(left - 4, py, left, py, kAxisColor);
    svg.text(left - 7, py + 4, labels[i], kTickFont, "end");
  }
}

// Month ticks, labels and vertical grid lines of a time axis.
void time_axis(SvgCanvas& svg, Date first, Date last, const Scale& x, double top, double bottom,
               double plot_width) {
  const int max_ticks = std::max(2, static_cast<int>(plot_width / 85.0));
  for (const auto& t : month_ticks(first, last, max_ticks)) {
    const double px = x(t.date.days_since_epoch());
    svg.line(px, top, px, bottom, kGridColor);
    svg.line(px, bottom, px, bottom + 4, kAxisColor);
    svg.text(px, bottom + 17, t.label, kTickFont, "middle");
  }
}

void axes_lines(SvgCanvas& svg, double left, double top, double right, double bottom,
                bool right_axis = false) {
  svg.line(left, top, left, bottom, kAxisColor);
  svg.line(left, bottom, right, bottom, kAxisColor);
  if (right_axis) svg.line(right, top, right, bottom, kAxisColor);
}

void check_length(const std::vector<double>& v, std::size_t n, const std::string& what) {
  if (v.size() != n) {
    throw Error(fmt::format("{}: {} values for {} dates", what, v.size(), n));
  }
}

}  // namespace

namespace {

// ---- Time chart.

// Checks every series against the dates; returns the largest value drawn and whether any
// series has a band.
std::pair<double, bool> check_time_series(const TimeChart& chart) {
  const std::size_t n = chart.dates.size();
  double vmax = 0.0;
  bool any_band = false;
  for (const auto& s : chart.series) {
    check_length(s.values, n, "time chart series '" + s.name + "'");
    if (!s.band_low.empty() || !s.band_high.empty()) {
      check_length(s.band_low, n, "time chart band (low) of '" + s.name + "'");
      check_length(s.band_high, n, "time chart band (high) of '" + s.name + "'");
      any_band = true;
    }
    for (double v : s.values) vmax = std::max(vmax, v);
    for (double v : s.band_high) vmax = std::max(vmax, v);
  }
  return {vmax, any_band};
}

// One colour per series (emphasised series in the total colour) and the legend.
std::vector<std::string> series_colors(const TimeChart& chart, bool any_band,
                                       std::vector<LegendItem>& legend) {
  std::size_t color_index = 0;
  std::vector<std::string> colors;
  for (const auto& s : chart.series) {
    colors.push_back(s.emphasis ? kTotalColor : chart_color(color_index++));
    legend.push_back({LegendMark::Line, colors.back(), s.name});
  }
  if (any_band) legend.push_back({LegendMark::Band, "#666666", chart.band_label});
  return colors;
}

// The time axis runs from the first of the first month to the first of the month after the
// last date, so that its ends fall on ticks when the step allows.
Scale date_scale(const std::vector<Date>& dates, double left, double right) {
  const int d0 = month_floor(dates.front()).days_since_epoch();
  const int d1 = month_ceil(Date::from_days(std::max(dates.back().days_since_epoch(), d0 + 7)))
                     .days_since_epoch();
  return {static_cast<double>(d0), static_cast<double>(d1), left, right};
}

void draw_band(SvgCanvas& svg, const TimeSeries& s, const std::vector<double>& xs, const Scale& y,
               const std::string& color) {
  std::string d;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    d += fmt::format("{}{} {}", k == 0 ? "M" : "L", svg_number(xs[k]),
                     svg_number(y(s.band_high[k])));
  }
  for (std::size_t k = xs.size(); k-- > 0;) {
    d += fmt::format("L{} {}", svg_number(xs[k]), svg_number(y(s.band_low[k])));
  }
  svg.path(d + "Z", color, "none", 0.0, "fill-opacity=\"0.18\"");
}

// Bands first, then the emphasised (total) lines, then the others on top: a series equal to the
// total over a stretch (a single site) stays visible as a thin line on the thick one.
void draw_series(SvgCanvas& svg, const TimeChart& chart, const std::vector<std::string>& colors,
                 const Scale& x, const Scale& y) {
  std::vector<double> xs;
  for (const auto& d : chart.dates) xs.push_back(x(d.days_since_epoch()));
  svg.open_group("bands");
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    if (!chart.series[i].band_low.empty()) draw_band(svg, chart.series[i], xs, y, colors[i]);
  }
  svg.close_group();
  svg.open_group("lines");
  for (bool emphasis : {true, false}) {
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
      const auto& s = chart.series[i];
      if (s.emphasis != emphasis) continue;
      std::vector<double> ys;
      for (double v : s.values) ys.push_back(y(v));
      svg.path(polyline(xs, ys), "none", colors[i], emphasis ? 3.5 : 1.8,
               "stroke-linejoin=\"round\"");
    }
  }
  svg.close_group();
}

}  // namespace

std::string time_chart_svg(const TimeChart& chart) {
  const auto [vmax, any_band] = check_time_series(chart);
  const auto ticks = nice_ticks(0.0, vmax > 0.0 ? vmax : 1.0, 5);
  const double left = std::max(64.0, widest(tick_labels(ticks), kTickFont) + 36.0);
  const double right = chart.width - 24.0;
  std::vector<LegendItem> legend;
  const std::vector<std::string> colors = series_colors(chart, any_band, legend);

  SvgCanvas svg(chart.width, chart.height);
  const double top = draw_header(svg, chart.title, left, right, legend);
  const double bottom = chart.height - 46.0;
  const Scale y{ticks.front(), ticks.back(), bottom, top};
  svg.open_group("grid");
  value_axis_left(svg, ticks, y, left, right);
  if (chart.dates.empty()) {
    svg.close_group();
    svg.text((left + right) / 2, (top + bottom) / 2, "no data", kLabelFont, "middle");
  } else {
    const Scale x = date_scale(chart.dates, left, right);
    time_axis(svg, Date::from_days(static_cast<int>(x.d0)), Date::from_days(static_cast<int>(x.d1)),
              x, top, bottom, right - left);
    svg.close_group();
    draw_series(svg, chart, colors, x, y);
  }
  axes_lines(svg, left, top, right, bottom);
  svg.text((left + right) / 2, chart.height - 10.0, chart.x_label, kLabelFont, "middle");
  y_axis_label(svg, 16, top, bottom, chart.y_label);
  return svg.document(chart.title);
}

namespace {

// ---- Gantt chart.

constexpr double kGanttBarRow = 40.0;      // a row's height without milestone labels [px]
constexpr double kGanttLabelLevel = 12.0;  // each level of milestone labels [px]
constexpr double kGanttLabelFont = 10.0;
constexpr double kGanttLabelGap = 6.0;  // between two labels on one level [px]

// What the chart spans and shows: phase kinds (colour order), the days and the marks used.
struct GanttExtent {
  std::vector<std::string> kinds;
  int d0 = 0, d1 = 7;
  bool any_milestone = false, any_late = false, any_beyond = false;
};

void extend_days(GanttExtent& e, bool& first, Date d) {
  const int v = d.days_since_epoch();
  e.d0 = first ? v : std::min(e.d0, v);
  e.d1 = first ? v : std::max(e.d1, v);
  first = false;
}

GanttExtent gantt_extent(const GanttChart& chart) {
  GanttExtent e;
  bool first = true;
  for (const auto& row : chart.rows) {
    for (const auto& b : row.bars) {
      if (std::find(e.kinds.begin(), e.kinds.end(), b.kind) == e.kinds.end()) {
        e.kinds.push_back(b.kind);
      }
      extend_days(e, first, b.start);
      extend_days(e, first, b.end);
    }
    for (const auto& m : row.milestones) {
      e.any_milestone = true;
      extend_days(e, first, m.date);
      if (m.late) extend_days(e, first, *m.late);
      e.any_late = e.any_late || m.late.has_value();
      e.any_beyond = e.any_beyond || m.late_not_reached;
    }
  }
  if (chart.start) e.d0 = std::min(e.d0, chart.start->days_since_epoch());
  // Room after the last date for its label, up to the given end; ends on month boundaries.
  e.d1 = chart.end ? std::max(chart.end->days_since_epoch(), e.d1 + 7)
                   : std::max(e.d1 + 14, e.d0 + 28);
  e.d1 = month_ceil(Date::from_days(e.d1)).days_since_epoch();
  e.d0 = month_floor(Date::from_days(e.d0)).days_since_epoch();
  return e;
}

std::vector<LegendItem> gantt_legend(const GanttChart& chart, const GanttExtent& e) {
  std::vector<LegendItem> legend;
  for (std::size_t i = 0; i < e.kinds.size(); ++i) {
    legend.push_back({LegendMark::Swatch, chart_color(i), e.kinds[i]});
  }
  if (e.any_milestone) legend.push_back({LegendMark::Diamond, "#111111", chart.milestone_label});
  if (e.any_late) legend.push_back({LegendMark::Diamond, "#ffffff", chart.late_label});
  if (e.any_beyond) legend.push_back({LegendMark::DashedLine, "#111111", chart.beyond_label});
  return legend;
}

// A milestone label placed on a level above the bars: its centre, kept inside the plot.
struct PlacedLabel {
  double x = 0.0;
  int level = 0;
};

// Each label on the lowest level where it clears the labels already placed there by the gap,
// so labels never overlap; as many levels as needed.
std::vector<PlacedLabel> place_labels(const GanttRow& row, const Scale& x, double left,
                                      double right) {
  std::vector<PlacedLabel> placed;
  std::vector<double> level_end;  // right edge of the last label on each level
  for (const auto& m : row.milestones) {
    const double half = text_width(m.name, kGanttLabelFont) / 2.0;
    const double centre =
        std::clamp(x(m.date.days_since_epoch()), left + half, std::max(left + half, right - half));
    std::size_t level = 0;
    while (level < level_end.size() && centre - half < level_end[level] + kGanttLabelGap) ++level;
    if (level == level_end.size()) level_end.push_back(0.0);
    level_end[level] = centre + half;
    placed.push_back({centre, static_cast<int>(level)});
  }
  return placed;
}

int label_levels(const std::vector<PlacedLabel>& placed) {
  int levels = 0;
  for (const auto& p : placed) levels = std::max(levels, p.level + 1);
  return levels;
}

// A milestone's marks on the bar line `mid`: P90 diamond and its line, or the arrow past the
// end, then the P50 diamond.
void draw_milestone(SvgCanvas& svg, const GanttMilestone& m, const Scale& x, double mid,
                    double right) {
  const double px = x(m.date.days_since_epoch());
  if (m.late) {
    const double lx = x(m.late->days_since_epoch());
    svg.line(px, mid, lx, mid, "#111111", 1.2);
    svg.diamond(lx, mid, 5, "#ffffff", "#111111");
  } else if (m.late_not_reached) {
    svg.line(px, mid, right, mid, "#111111", 1.2, "stroke-dasharray=\"4 3\"");
    svg.path(fmt::format("M{} {}L{} {}L{} {}Z", svg_number(right), svg_number(mid),
                         svg_number(right - 7), svg_number(mid - 4), svg_number(right - 7),
                         svg_number(mid + 4)),
             "#111111", "none", 0.0);
  }
  svg.diamond(px, mid, 6, "#111111", "#ffffff");
}

// One row from `row_top`: its labels' levels above the bar line, the name, bars, milestones.
void draw_gantt_row(SvgCanvas& svg, const GanttRow& row, const GanttExtent& e, const Scale& x,
                    double row_top, const std::vector<PlacedLabel>& labels, double right) {
  const double mid = row_top + kGanttLabelLevel * label_levels(labels) + kGanttBarRow * 0.55;
  svg.open_group("row");
  svg.text(x.r0 - 8, mid + 4, row.name, kLabelFont, "end");
  for (const auto& b : row.bars) {
    const auto k = static_cast<std::size_t>(std::find(e.kinds.begin(), e.kinds.end(), b.kind) -
                                            e.kinds.begin());
    const double x0 = x(b.start.days_since_epoch());
    const double x1 = x(b.end.days_since_epoch());
    svg.rect(x0, mid - 8, std::max(x1 - x0, 1.5), 16, chart_color(k),
             "stroke=\"#ffffff\" stroke-width=\"0.5\"");
  }
  for (std::size_t i = 0; i < row.milestones.size(); ++i) {
    draw_milestone(svg, row.milestones[i], x, mid, right);
    svg.text(labels[i].x, mid - 13 - kGanttLabelLevel * labels[i].level, row.milestones[i].name,
             kGanttLabelFont, "middle", "fill=\"#333333\"");
  }
  svg.close_group();
}

}  // namespace

std::string gantt_svg(const GanttChart& chart) {
  const GanttExtent e = gantt_extent(chart);
  const std::vector<LegendItem> legend = gantt_legend(chart, e);
  std::vector<std::string> names;
  for (const auto& row : chart.rows) names.push_back(row.name);
  const double left = std::min(chart.width * 0.3, widest(names, kLabelFont) + 24.0);
  const double right = chart.width - 24.0;
  const Scale x{static_cast<double>(e.d0), static_cast<double>(e.d1), left, right};
  std::vector<std::vector<PlacedLabel>> labels;
  std::vector<double> row_top{header_height(left, right, legend)};
  for (const auto& row : chart.rows) {
    labels.push_back(place_labels(row, x, left, right));
    row_top.push_back(row_top.back() + kGanttBarRow +
                      kGanttLabelLevel * label_levels(labels.back()));
  }
  const double top = row_top.front();
  const double bottom = chart.rows.empty() ? top + kGanttBarRow : row_top.back();
  SvgCanvas svg(chart.width, bottom + 46.0);
  draw_header(svg, chart.title, left, right, legend);
  svg.open_group("grid");
  for (std::size_t r = 0; r < chart.rows.size(); r += 2) {
    svg.rect(left, row_top[r], right - left, row_top[r + 1] - row_top[r], "#f6f7f9");
  }
  time_axis(svg, Date::from_days(e.d0), Date::from_days(e.d1), x, top, bottom, right - left);
  svg.close_group();
  for (std::size_t r = 0; r < chart.rows.size(); ++r) {
    draw_gantt_row(svg, chart.rows[r], e, x, row_top[r], labels[r], right);
  }
  axes_lines(svg, left, top, right, bottom);
  svg.text((left + right) / 2, bottom + 40, chart.x_label, kLabelFont, "middle");
  if (chart.rows.empty()) {
    svg.text((left + right) / 2, (top + bottom) / 2, "no data", kLabelFont, "middle");
  }
  return svg.document(chart.title);
}

std::string bar_chart_svg(const BarChart& chart) {
  double vmax = 0.0;
  std::vector<std::string> names, values;
  for (const auto& b : chart.bars) {
    vmax = std::max(vmax, b.value);
    names.push_back(b.label);
    values.push_back(format_value(b.value, chart.decimals) + (b.note.empty() ? "" : " " + b.note));
  }
  const std::vector<LegendItem> legend = {{LegendMark::Swatch, chart_color(0), chart.series_name}};
  const double left = std::min(chart.width * 0.4, widest(names, kLabelFont) + 20.0);
  const double right = chart.width - std::min(chart.width * 0.3, widest(values, kTickFont) + 16.0);
  constexpr double kPitch = 30.0;
  const double top = header_height(left, chart.width - 24.0, legend);
  const double bottom =
      top + kPitch * static_cast<double>(std::max<std::size_t>(chart.bars.size(), 1)) + 6;
  SvgCanvas svg(chart.width, bottom + 46.0);
  draw_header(svg, chart.title, left, chart.width - 24.0, legend);

  const auto ticks = nice_ticks(0.0, vmax > 0.0 ? vmax : 1.0, 5);
  const Scale x{ticks.front(), ticks.back(), left, right};
  const auto labels = tick_labels(ticks);
  svg.open_group("grid");
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const double px = x(ticks[i]);
    svg.line(px, top, px, bottom, kGridColor);
    svg.line(px, bottom, px, bottom + 4, kAxisColor);
    svg.text(px, bottom + 17, labels[i], kTickFont, "middle");
  }
  svg.close_group();
  svg.open_group("bars");
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& b = chart.bars[i];
    const double mid = top + 6 + kPitch * static_cast<double>(i) + kPitch / 2;
    const double w = std::max(x(std::max(b.value, 0.0)) - left, 0.0);
    svg.text(left - 8, mid + 4, b.label, kLabelFont, "end");
    svg.rect(left, mid - 10, std::max(w, 1.0), 20, chart_color(0));
    svg.text(left + w + 6, mid + 4, values[i], kTickFont, "start", "fill=\"#333333\"");
  }
  svg.close_group();
  if (chart.bars.empty()) {
    svg.text((left + right) / 2, (top + bottom) / 2, "no data", kLabelFont, "middle");
  }
  axes_lines(svg, left, top, right, bottom);
  svg.text((left + right) / 2, bottom + 40, chart.x_label, kLabelFont, "middle");
  return svg.document(chart.title);
}

std::string stacked_bar_chart_svg(const StackedBarChart& chart) {
  if (chart.values.size() != chart.bars.size()) {
    throw Error(fmt::format("stacked bar chart '{}': {} value rows for {} bars", chart.title,
                            chart.values.size(), chart.bars.size()));
  }
  std::vector<double> totals;
  for (std::size_t i = 0; i < chart.values.size(); ++i) {
    if (chart.values[i].size() != chart.parts.size()) {
      throw Error(fmt::format("stacked bar chart '{}': bar '{}' has {} values for {} parts",
                              chart.title, chart.bars[i], chart.values[i].size(),
                              chart.parts.size()));
    }
    double t = 0.0;
    for (double v : chart.values[i]) t += std::max(v, 0.0);
    totals.push_back(t);
  }
  const double vmax = totals.empty() ? 1.0 : *std::max_element(totals.begin(), totals.end());
  const auto ticks = nice_ticks(0.0, vmax > 0.0 ? vmax * 1.06 : 1.0, 5);
  const double left = std::max(64.0, widest(tick_labels(ticks), kTickFont) + 36.0);
  const double right = chart.width - 24.0;
  std::vector<LegendItem> legend;
  for (std::size_t i = 0; i < chart.parts.size(); ++i) {
    legend.push_back({LegendMark::Swatch, chart_color(i), chart.parts[i]});
  }
  SvgCanvas svg(chart.width, chart.height);
  const double top = draw_header(svg, chart.title, left, right, legend);
  const double bottom = chart.height - 50.0;
  const Scale y{ticks.front(), ticks.back(), bottom, top};
  svg.open_group("grid");
  value_axis_left(svg, ticks, y, left, right);
  svg.close_group();

  const double slot =
      (right - left) / static_cast<double>(std::max<std::size_t>(chart.bars.size(), 1));
  const double bar_w = std::min(90.0, slot * 0.55);
  svg.open_group("bars");
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const double cx = left + slot * (static_cast<double>(i) + 0.5);
    double base = 0.0;
    for (std::size_t p = 0; p < chart.parts.size(); ++p) {
      const double v = std::max(chart.values[i][p], 0.0);
      if (v <= 0.0) continue;
      svg.rect(cx - bar_w / 2, y(base + v), bar_w, y(base) - y(base + v), chart_color(p),
               "stroke=\"#ffffff\" stroke-width=\"0.5\"");
      base += v;
    }
    svg.text(cx, y(totals[i]) - 6, format_value(totals[i], chart.decimals), kTickFont, "middle",
             "font-weight=\"bold\"");
    svg.text(cx, bottom + 17, chart.bars[i], kLabelFont, "middle");
  }
  svg.close_group();
  if (chart.bars.empty()) {
    svg.text((left + right) / 2, (top + bottom) / 2, "no data", kLabelFont, "middle");
  }
  axes_lines(svg, left, top, right, bottom);
  y_axis_label(svg, 16, top, bottom, chart.y_label);
  return svg.document(chart.title);
}

std::string monthly_dual_axis_svg(const MonthlyDualChart& chart) {
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  double lmin = 0.0, lmax = 0.0, rmax = 0.0;
  bool first = true;
  for (const auto& s : chart.series) {
    for (int m = 0; m < 12; ++m) {
      if (first) lmin = lmax = s.left[m];
      first = false;
      lmin = std::min(lmin, s.left[m]);
      lmax = std::max(lmax, s.left[m]);
      rmax = std::max(rmax, s.right[m]);
    }
  }
  const double pad = std::max((lmax - lmin) * 0.15, std::fabs(lmax) * 0.005 + 1e-9);
  const auto lticks = nice_ticks(lmin - pad, lmax + pad, 5);
  const auto rticks = nice_ticks(0.0, rmax > 0.0 ? rmax * 1.05 : 1.0, 5);
  const auto rlabels = tick_labels(rticks);
  const double left = std::max(64.0, widest(tick_labels(lticks), kTickFont) + 36.0);
  const double right = chart.width - std::max(64.0, widest(rlabels, kTickFont) + 36.0);

  std::vector<LegendItem> legend;
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    legend.push_back({LegendMark::Swatch, chart_color(i), chart.series[i].name});
  }
  legend.push_back({LegendMark::Line, "#444444", chart.left_series});
  legend.push_back({LegendMark::Band, "#444444", chart.right_series});

  SvgCanvas svg(chart.width, chart.height);
  const double top = draw_header(svg, chart.title, left, right, legend);
  const double bottom = chart.height - 46.0;
  const Scale yl{lticks.front(), lticks.back(), bottom, top};
  const Scale yr{rticks.front(), rticks.back(), bottom, top};
  const double slot = (right - left) / 12.0;

  svg.open_group("grid");
  value_axis_left(svg, lticks, yl, left, right);
  for (std::size_t i = 0; i < rticks.size(); ++i) {
    const double py = yr(rticks[i]);
    svg.line(right, py, right + 4, py, kAxisColor);
    svg.text(right + 7, py + 4, rlabels[i], kTickFont, "start", "fill=\"#555555\"");
  }
  for (int m = 0; m < 12; ++m) {
    svg.text(left + slot * (m + 0.5), bottom + 17, kMonths[m], kTickFont, "middle");
  }
  svg.close_group();

  const std::size_t n = std::max<std::size_t>(chart.series.size(), 1);
  const double group = slot * 0.72;
  const double bar_w = group / static_cast<double>(n);
  svg.open_group("bars");
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    for (int m = 0; m < 12; ++m) {
      const double x0 = left + slot * m + (slot - group) / 2 + bar_w * static_cast<double>(i);
      const double v = std::max(chart.series[i].right[m], 0.0);
      svg.rect(x0, yr(v), bar_w * 0.9, bottom - yr(v), chart_color(i), "fill-opacity=\"0.3\"");
    }
  }
  svg.close_group();
  svg.open_group("lines");
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    std::vector<double> xs, ys;
    for (int m = 0; m < 12; ++m) {
      xs.push_back(left + slot * (m + 0.5));
      ys.push_back(yl(chart.series[i].left[m]));
    }
    svg.path(polyline(xs, ys), "none", chart_color(i), 2.0, "stroke-linejoin=\"round\"");
    for (int m = 0; m < 12; ++m) svg.circle(xs[m], ys[m], 3, chart_color(i), "#ffffff");
  }
  svg.close_group();
  if (chart.series.empty()) {
    svg.text((left + right) / 2, (top + bottom) / 2, "no data", kLabelFont, "middle");
  }
  axes_lines(svg, left, top, right, bottom, true);
  svg.text((left + right) / 2, chart.height - 10.0, "month", kLabelFont, "middle");
  y_axis_label(svg, 16, top, bottom, chart.left_label);
  y_axis_label(svg, chart.width - 16.0, top, bottom, chart.right_label, true);
  return svg.document(chart.title);
}

}  // namespace rackscale::report
