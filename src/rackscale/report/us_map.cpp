#include "rackscale/report/us_map.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "rackscale/report/svg_chart_canvas.hpp"

namespace rackscale::report {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kRadians = kPi / 180.0;

// d3-geo's conicEqualArea with rotate([rotate, 0]), center, parallels, scale and translate
// (d3-geo src/projection/conicEqualArea.js and projection/index.js: recenter()).
class ConicEqualArea {
 public:
  ConicEqualArea(double parallel0_deg, double parallel1_deg, double rotate_deg,
                 double center_lon_deg, double center_lat_deg, double scale, double tx, double ty)
      : rotate_(rotate_deg * kRadians), k_(scale) {
    const double sy0 = std::sin(parallel0_deg * kRadians);
    n_ = (sy0 + std::sin(parallel1_deg * kRadians)) / 2.0;
    c_ = 1.0 + sy0 * (2.0 * n_ - sy0);
    r0_ = std::sqrt(c_) / n_;
    // The centre is given in the rotated frame: it is projected without the rotation.
    const MapPoint centre = raw(center_lon_deg * kRadians, center_lat_deg * kRadians);
    dx_ = tx - k_ * centre.x;
    dy_ = ty + k_ * centre.y;
  }

  MapPoint operator()(double latitude_deg, double longitude_deg) const {
    double lambda = longitude_deg * kRadians + rotate_;
    if (std::fabs(lambda) > kPi) lambda -= std::round(lambda / (2.0 * kPi)) * 2.0 * kPi;
    const MapPoint p = raw(lambda, latitude_deg * kRadians);
    return {dx_ + k_ * p.x, dy_ - k_ * p.y};
  }

 private:
  MapPoint raw(double lambda, double phi) const {
    const double r = std::sqrt(c_ - 2.0 * n_ * std::sin(phi)) / n_;
    return {r * std::sin(lambda * n_), r0_ - r * std::cos(lambda * n_)};
  }
  double rotate_, k_;
  double n_ = 0.0, c_ = 0.0, r0_ = 0.0, dx_ = 0.0, dy_ = 0.0;
};

struct Extent {
  double x0, y0, x1, y1;
  bool contains(MapPoint p) const { return x0 <= p.x && p.x <= x1 && y0 <= p.y && p.y <= y1; }
};

// d3-geo src/projection/albersUsa.js with scale(1300).translate([487.5, 305]).
constexpr double kScale = 1300.0;
constexpr double kTx = 487.5;
constexpr double kTy = 305.0;
constexpr double kEpsilon = 1e-6;

}  // namespace

std::optional<MapPoint> albers_usa(double latitude_deg, double longitude_deg) {
  constexpr double k = kScale, x = kTx, y = kTy;
  // geoAlbers(): parallels 29.5/45.5, rotate 96 W, centre (-0.6, 38.7) in the rotated frame.
  static const ConicEqualArea lower48(29.5, 45.5, 96.0, -0.6, 38.7, k, x, y);
  static const ConicEqualArea alaska(55.0, 65.0, 154.0, -2.0, 58.5, 0.35 * k, x - 0.307 * k,
                                     y + 0.201 * k);
  static const ConicEqualArea hawaii(8.0, 18.0, 157.0, -3.0, 19.9, k, x - 0.205 * k, y + 0.212 * k);
  static const Extent lower48_extent{x - 0.455 * k, y - 0.238 * k, x + 0.455 * k, y + 0.238 * k};
  static const Extent alaska_extent{x - 0.425 * k + kEpsilon, y + 0.120 * k + kEpsilon,
                                    x - 0.214 * k - kEpsilon, y + 0.234 * k - kEpsilon};
  static const Extent hawaii_extent{x - 0.214 * k + kEpsilon, y + 0.166 * k + kEpsilon,
                                    x - 0.115 * k - kEpsilon, y + 0.234 * k - kEpsilon};
  if (!std::isfinite(latitude_deg) || !std::isfinite(longitude_deg)) return std::nullopt;
  if (auto p = lower48(latitude_deg, longitude_deg); lower48_extent.contains(p)) return p;
  if (auto p = alaska(latitude_deg, longitude_deg); alaska_extent.contains(p)) return p;
  if (auto p = hawaii(latitude_deg, longitude_deg); hawaii_extent.contains(p)) return p;
  return std::nullopt;
}

double us_map_circle_radius(double value) {
  // 1 px of radius squared per MW: 100 MW -> 10 px, 500 MW -> 22 px in the 975-px frame.
  return std::max(3.0, std::sqrt(std::max(value, 0.0)));
}

namespace {

struct Box {
  double x0, y0, x1, y1;
  bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// A value for the size key: 1, 2 or 5 x 10^k at or below `v`.
double round_down_nice(double v) {
  if (v <= 0.0) return 0.0;
  const double m = std::pow(10.0, std::floor(std::log10(v)));
  for (double f : {5.0, 2.0, 1.0}) {
    if (f * m <= v) return f * m;
  }
  return m;
}

// A marker on the drawing: its centre and radius [px].
struct Placed {
  const MapMarker* marker;
  MapPoint p;  // drawing coordinates, map frame top at 0
  double r;
};

// The markers inside the map, with what the legend and the size key need of them.
struct Placement {
  std::vector<Placed> placed;
  int outside = 0;         // markers outside the map [count]
  double max_value = 0.0;  // largest circle's size value
  bool any_square = false;
  bool any_circle = false;
};

// Projects each marker and scales it by `s` (map frame to drawing).
Placement place_markers(const UsMapChart& chart, double s) {
  Placement out;
  for (const auto& m : chart.markers) {
    auto p = albers_usa(m.latitude, m.longitude);
    if (!p) {
      ++out.outside;
      continue;
    }
    const bool circle = m.shape == MapMarker::Shape::Circle;
    out.any_circle = out.any_circle || circle;
    out.any_square = out.any_square || !circle;
    if (circle) out.max_value = std::max(out.max_value, m.size_value);
    out.placed.push_back(
        {&m, {p->x * s, p->y * s}, circle ? us_map_circle_radius(m.size_value) * s : 6.0});
  }
  return out;
}

std::vector<LegendItem> map_legend(const UsMapChart& chart, const Placement& placement) {
  std::vector<LegendItem> legend;
  if (placement.any_square) legend.push_back({LegendMark::Square, kTotalColor, chart.square_label});
  if (placement.any_circle) {
    legend.push_back({LegendMark::Circle, chart_color(0),
                      chart.circle_label + " (area shows " + chart.size_unit + ")"});
  }
  if (!chart.highlight_states.empty()) {
    legend.push_back({LegendMark::Swatch, "#c9d8ea", chart.highlight_label});
  }
  if (placement.outside > 0) {
    legend.push_back({LegendMark::Swatch, "#ffffff",
                      fmt::format("{} not shown (outside the map)", placement.outside)});
  }
  return legend;
}

// States, drawn in the map frame and scaled by `s` to the drawing, from `top` down.
std::string states_group(const UsMapChart& chart, double top, double s) {
  std::string states = fmt::format(
      "<g class=\"states\" transform=\"translate(0 {}) scale({:.4f})\" stroke=\"#ffffff\" "
      "stroke-width=\"{}\" stroke-linejoin=\"round\">\n",
      svg_number(top), s, svg_number(1.0 / s));
  for (const auto& st : us_states()) {
    const bool hot = std::find(chart.highlight_states.begin(), chart.highlight_states.end(),
                               st.code) != chart.highlight_states.end();
    states += fmt::format("<path d=\"{}\" fill=\"{}\"><title>{}</title></path>\n", st.path,
                          hot ? "#c9d8ea" : "#e9ecef", xml_escape(st.name));
  }
  return states + "</g>\n";
}

// Big circles first so small ones stay visible on top; squares last.
std::vector<std::size_t> drawing_order(const std::vector<Placed>& placed) {
  std::vector<std::size_t> order(placed.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool sa = placed[a].marker->shape == MapMarker::Shape::Square;
    const bool sb = placed[b].marker->shape == MapMarker::Shape::Square;
    if (sa != sb) return sb;
    return placed[a].r > placed[b].r;
  });
  return order;
}

void draw_markers(SvgCanvas& svg, const std::vector<Placed>& placed,
                  const std::vector<std::size_t>& order, double top) {
  svg.open_group("markers");
  for (std::size_t i : order) {
    const auto& pl = placed[i];
    const double cx = pl.p.x, cy = top + pl.p.y;
    if (pl.marker->shape == MapMarker::Shape::Square) {
      svg.rect(cx - pl.r, cy - pl.r, 2 * pl.r, 2 * pl.r, kTotalColor,
               "stroke=\"#ffffff\" stroke-width=\"1.5\"");
    } else {
      svg.circle(cx, cy, pl.r, chart_color(0), "#ffffff",
                 "fill-opacity=\"0.75\" stroke-width=\"1.5\"");
    }
  }
  svg.close_group();
}

// Where a label goes: its text position and anchor.
struct LabelSpot {
  double x, y;
  const char* anchor;
};

// The first spot, right of marker `i`, else left, below or above, whose `w` x `h` box stays
// inside `width` and overlaps nothing `taken` but the marker itself; its box is then taken.
// The spot on the right when none qualifies.
LabelSpot label_spot(const Placed& pl, std::size_t i, double top, double w, double h, double width,
                     std::vector<Box>& taken) {
  const double cx = pl.p.x, cy = top + pl.p.y;
  const LabelSpot spots[] = {
      {cx + pl.r + 4, cy - h / 2 + 11, "start"},
      {cx - pl.r - 4, cy - h / 2 + 11, "end"},
      {cx, cy + pl.r + 13, "middle"},
      {cx, cy - pl.r - h + 9, "middle"},
  };
  for (const auto& c : spots) {
    const double x0 = std::string_view(c.anchor) == "start"
                          ? c.x
                          : (std::string_view(c.anchor) == "end" ? c.x - w : c.x - w / 2);
    const Box box{x0, c.y - 11, x0 + w, c.y - 11 + h};
    const bool inside = box.x0 >= 0 && box.x1 <= width;
    bool clash = false;
    for (std::size_t k = 0; k < taken.size() && !clash; ++k) {
      if (k == i) continue;  // its own marker
      clash = box.overlaps(taken[k]);
    }
    if (inside && !clash) {
      taken.push_back(box);
      return c;
    }
  }
  return spots[0];
}

// Labels where they overlap no marker and no earlier label.
void draw_labels(SvgCanvas& svg, const UsMapChart& chart, const std::vector<Placed>& placed,
                 const std::vector<std::size_t>& order, double top) {
  std::vector<Box> taken;
  for (const auto& pl : placed) {
    taken.push_back({pl.p.x - pl.r, top + pl.p.y - pl.r, pl.p.x + pl.r, top + pl.p.y + pl.r});
  }
  svg.open_group("labels");
  const std::string halo =
      "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
  for (std::size_t i : order) {
    const auto& m = *placed[i].marker;
    const double w = std::max(text_width(m.label, 12.0) * 1.05, text_width(m.detail, 10.0));
    const double h = m.detail.empty() ? 14.0 : 26.0;
    const LabelSpot best = label_spot(placed[i], i, top, w, h, chart.width, taken);
    svg.text(best.x, best.y, m.label, 12.0, best.anchor, "font-weight=\"bold\" " + halo);
    if (!m.detail.empty()) {
      svg.text(best.x, best.y + 13, m.detail, 10.0, best.anchor, "fill=\"#333333\" " + halo);
    }
  }
  svg.close_group();
}

// The size key, over the Atlantic at the lower right of the map frame: nested circles on a
// common base, each labelled at its top with a leader to the right.
void draw_size_key(SvgCanvas& svg, const UsMapChart& chart, double max_value, double s,
                   double top) {
  const double big = round_down_nice(max_value);
  const double small = round_down_nice(big / 4.0);
  const double r_big = us_map_circle_radius(big) * s;
  const double kx = 900 * s, base = top + 545 * s;
  svg.open_group("size-key");
  svg.text(kx - r_big, base - 2 * r_big - 10, chart.size_unit, 10.0, "start",
           "font-weight=\"bold\"");
  for (double v : {big, small}) {
    if (v <= 0.0 || (v == small && small == big)) continue;
    const double r = us_map_circle_radius(v) * s;
    svg.circle(kx, base - r, r, "none", "#555555");
    svg.line(kx, base - 2 * r, kx + r_big + 6, base - 2 * r, "#555555", 0.75);
    svg.text(kx + r_big + 9, base - 2 * r + 3.5, format_value(v, 0), 9.5, "start",
             "fill=\"#333333\"");
  }
  svg.close_group();
}

}  // namespace

std::string us_map_svg(const UsMapChart& chart) {
  const double s = chart.width / kUsMapWidth;  // map frame to drawing
  const Placement placement = place_markers(chart, s);
  const std::vector<LegendItem> legend = map_legend(chart, placement);
  const double left = 12.0;
  const double right = chart.width - 12.0;
  const double legend_h = legend_height(left, right, legend);
  const double top = 34 + legend_h + 8;
  const double map_h = kUsMapHeight * s;
  SvgCanvas svg(chart.width, top + map_h + 26);
  svg.text(left, 24, chart.title, 16.0, "start", "font-weight=\"bold\"");
  svg.legend(left, 34, right, legend);
  svg.raw(states_group(chart, top, s));
  const std::vector<std::size_t> order = drawing_order(placement.placed);
  draw_markers(svg, placement.placed, order, top);
  draw_labels(svg, chart, placement.placed, order, top);
  if (placement.any_circle && placement.max_value > 0.0) {
    draw_size_key(svg, chart, placement.max_value, s, top);
  }
  svg.text(left, top + map_h + 16,
           "State outlines: us-atlas (Mike Bostock, ISC license) from US Census Bureau "
           "cartographic boundary files, 2017 (public domain). Albers USA projection as in "
           "d3-geo; Alaska and Hawaii are insets, not to scale.",
           9.5, "start", "fill=\"#555555\"");
  return svg.document(chart.title);
}

}  // namespace rackscale::report
