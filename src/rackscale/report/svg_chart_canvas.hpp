#pragma once
//! The drawing layer under the SVG charts: escaping, fixed number formatting, axis ticks, the
//! palette, legends and a canvas that collects elements into one self-contained <svg> document.
//! Output is deterministic: numbers are formatted with a fixed rule and nothing is random.

#include <string>
#include <string_view>
#include <vector>

#include "rackscale/core/calendar.hpp"

namespace rackscale::report {

//! `text` with &, <, >, " and ' replaced by entities: safe in XML and HTML text and attributes.
std::string xml_escape(std::string_view text);

//! A coordinate or length for SVG: rounded to 0.1, no trailing ".0", never "-0".
std::string svg_number(double x);

//! A tick or value label: `decimals` places, thousands grouped with commas ("216,000", "1.05").
std::string format_value(double x, int decimals);
//! Millions of USD with one decimal and thousands separators: 17500e6 -> "17,500.0".
std::string format_musd(double usd);
//! Whole USD without separators, for CSV: 1234.6 -> "1235".
std::string format_usd(double usd);

//! The i-th colour of the report palette (Okabe-Ito, readable by colour-blind readers; it
//! repeats after eight).
const char* chart_color(std::size_t i);

//! Neutral colour of totals and single-series charts.
inline constexpr const char* kTotalColor = "#333333";

//! Evenly spaced "nice" tick values (steps of 1, 2, 2.5 or 5 x 10^k) covering [lo, hi], about
//! `target` of them; the first tick is <= lo and the last >= hi.
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

//! Decimal places that tell apart ticks spaced `step` apart.
int tick_decimals(double step);

//! A date tick on a time axis.
struct DateTick {
  Date date;
  std::string label;  //!< "Jan 2027", or "2027" when ticks are a year or more apart
};

//! The first day of `d`'s month.
Date month_floor(Date d);
//! The first day of the month after `d`, or `d` itself if it is a first of the month.
Date month_ceil(Date d);

//! First-of-month ticks between `first` and `last` (inclusive), 1, 2, 3, 6, 12 or 24 months
//! apart so that there are at most `max_ticks` of them.
std::vector<DateTick> month_ticks(Date first, Date last, int max_ticks = 9);

//! Estimated width of `text` at `font_size` in a sans-serif font [px]; used for layout only.
double text_width(std::string_view text, double font_size);

//! What a legend entry looks like.
enum class LegendMark { Swatch, Line, DashedLine, Band, Diamond, Square, Circle };

//! One legend entry.
struct LegendItem {
  LegendMark mark = LegendMark::Swatch;
  std::string color;
  std::string label;
};

//! Collects SVG elements; `document` wraps them with a white background, a <title>, the visible
//! title and (optionally) a <desc>.
class SvgCanvas {
 public:
  SvgCanvas(double width, double height) : width_(width), height_(height) {}
  double width() const { return width_; }
  double height() const { return height_; }
  void set_height(double height) { height_ = height; }

  //! `extra` is appended inside the tag verbatim (attributes the caller wrote and escaped).
  void rect(double x, double y, double w, double h, std::string_view fill,
            std::string_view extra = {});
  void line(double x1, double y1, double x2, double y2, std::string_view stroke,
            double stroke_width = 1.0, std::string_view extra = {});
  void path(std::string_view d, std::string_view fill, std::string_view stroke,
            double stroke_width = 1.0, std::string_view extra = {});
  void circle(double cx, double cy, double r, std::string_view fill, std::string_view stroke,
              std::string_view extra = {});
  //! A diamond centred on (cx, cy) with half-diagonal `r`.
  void diamond(double cx, double cy, double r, std::string_view fill, std::string_view stroke);
  //! Text; escaped here. `anchor` is start, middle or end.
  void text(double x, double y, std::string_view s, double size = 11.0,
            std::string_view anchor = "start", std::string_view extra = {});
  //! Appends markup verbatim (the caller escapes it).
  void raw(std::string_view markup) { body_ += markup; }
  //! A <g class="..."> group, closed by close_group().
  void open_group(std::string_view css_class);
  void close_group();
  //! Draws a legend from (x, y) wrapping at `max_x`; returns the height it used [px].
  double legend(double x, double y, double max_x, const std::vector<LegendItem>& items);

  //! The whole <svg> element (no XML prolog, so it can be inlined in HTML as it is).
  std::string document(std::string_view title) const;

 private:
  double width_, height_;
  std::string body_;
};

//! Height of a legend of `items` laid out between `x` and `max_x` (as SvgCanvas::legend draws).
double legend_height(double x, double max_x, const std::vector<LegendItem>& items);

}  // namespace rackscale::report
