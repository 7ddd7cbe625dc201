#pragma once
//! A map of the United States for the reports: state outlines in the 975 x 610 Albers USA frame
//! of us-atlas, the Albers USA projection to place latitude/longitude points on it, and an SVG
//! map with factories (squares) and sites (circles sized by IT power).
//!
//! State outlines: us-atlas 3.0.1 by Mike Bostock (ISC license), states-albers-10m.json, derived
//! from the US Census Bureau's cartographic boundary files, 2017 edition (public domain);
//! converted once by scripts/gen_us_map.mjs into us_map_data.cpp. Projection: d3-geo's
//! geoAlbersUsa (Mike Bostock, ISC license) with scale 1300 and translate [487.5, 305], the
//! parameters us-atlas used to project its files.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rackscale::report {

//! Width and height of the map frame [px].
inline constexpr double kUsMapWidth = 975.0;
inline constexpr double kUsMapHeight = 610.0;

//! One state (or DC) outline.
struct UsState {
  std::string_view fips;  //!< two-digit FIPS code, e.g. "48"
  std::string_view code;  //!< USPS code, e.g. "TX"
  std::string_view name;  //!< e.g. "Texas"
  std::string_view path;  //!< SVG path data in the 975 x 610 frame (M, l and z commands)
};

//! The 50 states and DC, sorted by USPS code.
std::span<const UsState> us_states();

//! A point on the map [px], x to the right and y down.
struct MapPoint {
  double x = 0.0;
  double y = 0.0;
};

//! The Albers USA composite projection of d3-geo (geoAlbersUsa, scale 1300, translate
//! [487.5, 305]): conic equal-area for the lower 48 (parallels 29.5 and 45.5 N, rotated 96 W,
//! centred at 38.7 N), with Alaska (scaled 0.35) and Hawaii in insets at the lower left. nullopt
//! for points outside the three frames (e.g. London), as d3 returns null.
std::optional<MapPoint> albers_usa(double latitude_deg, double longitude_deg);

//! A point drawn on the map.
struct MapMarker {
  enum class Shape { Square, Circle };
  Shape shape = Shape::Circle;
  std::string label;
  double latitude = 0.0;    //!< [deg], north positive
  double longitude = 0.0;   //!< [deg], east positive
  double size_value = 0.0;  //!< for circles: the quantity the area shows (e.g. IT MW)
  std::string detail;       //!< second label line, e.g. "426 MW IT"
};

//! What the map shows.
struct UsMapChart {
  std::string title;
  std::vector<MapMarker> markers;
  std::string square_label = "factory";
  std::string circle_label = "site";
  std::string size_unit = "MW";               //!< of MapMarker::size_value, for the size legend
  std::vector<std::string> highlight_states;  //!< USPS codes shaded darker (e.g. site states)
  std::string highlight_label = "state with a site or factory";  //!< legend entry of the shading
  int width = 900;
};

//! Circle radius for `value` on the map: area proportional to the value [px in the map frame].
double us_map_circle_radius(double value);

//! The map as one self-contained <svg> element: states, markers with labels, a legend of the
//! marker shapes with a size key, and the source line. Markers outside the map are left out
//! and counted in the legend.
std::string us_map_svg(const UsMapChart& chart);

}  // namespace rackscale::report
