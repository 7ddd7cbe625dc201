#include "rackscale/report/svg_chart_canvas.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "rackscale/report/table.hpp"

namespace rackscale::report {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string svg_number(double x) {
  if (!std::isfinite(x)) return "0";
  const double r = std::round(x * 10.0) / 10.0;
  if (r == 0.0) return "0";
  std::string s = fmt::format("{:.1f}", r);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string format_value(double x, int decimals) {
  if (!std::isfinite(x)) return "n/a";
  decimals = std::clamp(decimals, 0, 6);
  const double scale = std::pow(10.0, decimals);
  double r = std::round(x * scale) / scale;
  if (r == 0.0) r = 0.0;  // no "-0"
  std::string s = fmt::format("{:.{}f}", std::fabs(r), decimals);
  const std::size_t dot = s.find('.');
  const std::string frac = dot == std::string::npos ? "" : s.substr(dot);
  return (r < 0.0 ? "-" : "") + group_digits(std::string_view(s).substr(0, dot)) + frac;
}

std::string format_musd(double usd) {
  return format_value(usd / 1e6, 1);
}

std::string format_usd(double usd) {
  return fmt::format("{:.0f}", usd);
}

const char* chart_color(std::size_t i) {
  // Okabe & Ito (2008), "Color Universal Design"; yellow is left out (too light on white) and
  // a brown and a grey complete the eight.
  static constexpr std::array<const char*, 8> kPalette = {
      "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D31", "#7F7F7F"};
  return kPalette[i % kPalette.size()];
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0.0, 1.0};
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo < 1e-12) {
    const double pad = lo == 0.0 ? 1.0 : std::fabs(lo) * 0.1;
    lo -= pad;
    hi += pad;
    if (lo < 0.0 && lo + pad >= 0.0) lo = 0.0;
  }
  target = std::max(target, 2);
  const double raw = (hi - lo) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  const double first = std::floor(lo / step + 1e-9) * step;
  // Rounded to the step's decimals so that 3 x 0.2 is 0.6, not 0.6000000000000001.
  const double unit = std::pow(10.0, tick_decimals(step));
  std::vector<double> ticks;
  for (int i = 0;; ++i) {
    double t = std::round((first + i * step) * unit) / unit;
    if (std::fabs(t) < step * 1e-9) t = 0.0;
    ticks.push_back(t);
    if (t >= hi - step * 1e-9 || i > 100) break;
  }
  return ticks;
}

int tick_decimals(double step) {
  step = std::fabs(step);
  for (int d = 0; d <= 6; ++d) {
    const double scaled = step * std::pow(10.0, d);
    if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
  }
  return 6;
}

Date month_floor(Date d) {
  const std::string s = d.to_string();
  return Date::from_ymd(std::stoi(s.substr(0, 4)), static_cast<unsigned>(std::stoi(s.substr(5, 2))),
                        1);
}

Date month_ceil(Date d) {
  const Date f = month_floor(d);
  if (f == d) return d;
  return month_floor(f.plus_days(32));
}

std::vector<DateTick> month_ticks(Date first, Date last, int max_ticks) {
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (last < first) std::swap(first, last);
  const std::string a = first.to_string();
  const std::string b = last.to_string();
  const int y0 = std::stoi(a.substr(0, 4));
  const int m0 = std::stoi(a.substr(5, 2));
  const int y1 = std::stoi(b.substr(0, 4));
  const int m1 = std::stoi(b.substr(5, 2));
  const int months = (y1 - y0) * 12 + (m1 - m0) + 1;
  int step = 24;
  for (int s : {1, 2, 3, 6, 12, 24}) {
    if (months / s + 1 <= max_ticks) {
      step = s;
      break;
    }
  }
  std::vector<DateTick> ticks;
  // Month index counted from year 0, so that steps line up with quarters and years.
  for (int k = y0 * 12 + (m0 - 1); k <= y1 * 12 + (m1 - 1) + 1; ++k) {
    const int year = k / 12;
    const int month = k % 12 + 1;
    if ((step >= 12 && (month != 1 || (step == 24 && year % 2 != 0))) ||
        (step < 12 && (month - 1) % step != 0)) {
      continue;
    }
    const Date d = Date::from_ymd(year, static_cast<unsigned>(month), 1);
    if (d < first || last < d) continue;
    ticks.push_back(
        {d, step >= 12 ? std::to_string(year) : fmt::format("{} {}", kMonths[month - 1], year)});
  }
  return ticks;
}

double text_width(std::string_view text, double font_size) {
  // Average advance of Helvetica/Arial glyphs: about 0.55 em for lower case and digits, more for
  // capitals and less for narrow punctuation. Good enough to lay out labels and legends.
  double em = 0.0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (c == ' ' || c == '.' || c == ',' || c == ':' || c == ';' || c == 'i' || c == 'l' ||
        c == 'j' || c == '|' || c == '\'' || c == '!' || c == 'I' || c == 't' || c == 'f') {
      em += 0.30;
    } else if (c >= 'A' && c <= 'Z') {
      em += 0.68;
    } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
      em += 0.85;
    } else {
      em += 0.56;
    }
  }
  return em * font_size;
}

void SvgCanvas::rect(double x, double y, double w, double h, std::string_view fill,
                     std::string_view extra) {
  body_ += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}{}/>\n",
                       svg_number(x), svg_number(y), svg_number(std::max(w, 0.0)),
                       svg_number(std::max(h, 0.0)), fill, extra.empty() ? "" : " ", extra);
}

void SvgCanvas::line(double x1, double y1, double x2, double y2, std::string_view stroke,
                     double stroke_width, std::string_view extra) {
  body_ += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}{}/>\n",
      svg_number(x1), svg_number(y1), svg_number(x2), svg_number(y2), stroke,
      svg_number(stroke_width), extra.empty() ? "" : " ", extra);
}

void SvgCanvas::path(std::string_view d, std::string_view fill, std::string_view stroke,
                     double stroke_width, std::string_view extra) {
  body_ += fmt::format("<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}{}/>\n", d,
                       fill, stroke, svg_number(stroke_width), extra.empty() ? "" : " ", extra);
}

void SvgCanvas::circle(double cx, double cy, double r, std::string_view fill,
                       std::string_view stroke, std::string_view extra) {
  body_ += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\"{}{}/>\n",
                       svg_number(cx), svg_number(cy), svg_number(r), fill, stroke,
                       extra.empty() ? "" : " ", extra);
}

void SvgCanvas::diamond(double cx, double cy, double r, std::string_view fill,
                        std::string_view stroke) {
  path(fmt::format("M{} {}L{} {}L{} {}L{} {}Z", svg_number(cx), svg_number(cy - r),
                   svg_number(cx + r), svg_number(cy), svg_number(cx), svg_number(cy + r),
                   svg_number(cx - r), svg_number(cy)),
       fill, stroke, 1.2);
}

void SvgCanvas::text(double x, double y, std::string_view s, double size, std::string_view anchor,
                     std::string_view extra) {
  const std::string anchor_attr =
      anchor == "start" ? std::string() : fmt::format(" text-anchor=\"{}\"", anchor);
  body_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{}{}>{}</text>\n", svg_number(x),
                       svg_number(y), svg_number(size), anchor_attr, extra.empty() ? "" : " ",
                       extra, xml_escape(s));
}

void SvgCanvas::open_group(std::string_view css_class) {
  body_ += fmt::format("<g class=\"{}\">\n", xml_escape(css_class));
}

void SvgCanvas::close_group() {
  body_ += "</g>\n";
}

namespace {

constexpr double kLegendFont = 11.0;
constexpr double kLegendRow = 18.0;
constexpr double kLegendMark = 22.0;  // width of the mark plus its gap to the label
constexpr double kLegendGap = 16.0;   // between items

double item_width(const LegendItem& item) {
  return kLegendMark + text_width(item.label, kLegendFont) + kLegendGap;
}

}  // namespace

double legend_height(double x, double max_x, const std::vector<LegendItem>& items) {
  if (items.empty()) return 0.0;
  int rows = 1;
  double cx = x;
  for (const auto& item : items) {
    const double w = item_width(item);
    if (cx > x && cx + w > max_x) {
      ++rows;
      cx = x;
    }
    cx += w;
  }
  return rows * kLegendRow;
}

double SvgCanvas::legend(double x, double y, double max_x, const std::vector<LegendItem>& items) {
  if (items.empty()) return 0.0;
  open_group("legend");
  double cx = x;
  double cy = y;
  for (const auto& item : items) {
    const double w = item_width(item);
    if (cx > x && cx + w > max_x) {
      cx = x;
      cy += kLegendRow;
    }
    const double mid = cy + kLegendRow / 2.0;
    switch (item.mark) {
      case LegendMark::Swatch:
        rect(cx, mid - 6, 14, 12, item.color);
        break;
      case LegendMark::Line:
        line(cx, mid, cx + 16, mid, item.color, 2.5);
        break;
      case LegendMark::DashedLine:
        line(cx, mid, cx + 16, mid, item.color, 2.0, "stroke-dasharray=\"4 3\"");
        break;
      case LegendMark::Band:
        rect(cx, mid - 6, 16, 12, item.color, "fill-opacity=\"0.22\"");
        break;
      case LegendMark::Diamond:
        diamond(cx + 7, mid, 6, item.color, "#111111");
        break;
      case LegendMark::Square:
        rect(cx + 1, mid - 6, 12, 12, item.color, "stroke=\"#ffffff\"");
        break;
      case LegendMark::Circle:
        circle(cx + 7, mid, 6, item.color, "#ffffff", "fill-opacity=\"0.75\"");
        break;
    }
    text(cx + kLegendMark, mid + 4, item.label, kLegendFont);
    cx += w;
  }
  close_group();
  return cy + kLegendRow - y;
}

std::string SvgCanvas::document(std::string_view title) const {
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"Helvetica, Arial, sans-serif\" fill=\"#111111\" "
      "role=\"img\">\n",
      svg_number(width_), svg_number(height_));
  out += fmt::format("<title>{}</title>\n", xml_escape(title));
  out += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
                     svg_number(width_), svg_number(height_));
  out += body_;
  out += "</svg>\n";
  return out;
}

}  // namespace rackscale::report
