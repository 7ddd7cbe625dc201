#include "rackscale/io/epw_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "rackscale/core/digit_grouping.hpp"
#include "rackscale/core/error.hpp"

namespace rackscale::io {

namespace {

// The header keywords, in the order the EnergyPlus data dictionary gives them.
constexpr std::array<std::string_view, 8> kHeaders = {"LOCATION",
                                                      "DESIGN CONDITIONS",
                                                      "TYPICAL/EXTREME PERIODS",
                                                      "GROUND TEMPERATURES",
                                                      "HOLIDAYS/DAYLIGHT SAVINGS",
                                                      "COMMENTS 1",
                                                      "COMMENTS 2",
                                                      "DATA PERIODS"};

constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Stop listing after this many problems: a file with the wrong delimiter would otherwise
// produce one message per row. The count of the rest is reported.
constexpr std::size_t kMaxProblems = 100;

// One comma-separated field and the 1-based column where it starts.
struct Field {
  std::string_view text;
  int column = 1;
};

std::vector<Field> split_fields(std::string_view line) {
  std::vector<Field> out;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    out.push_back(Field{line.substr(start, end - start), static_cast<int>(start) + 1});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string upper(std::string_view s) {
  std::string out(trim(s));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::optional<double> to_number(std::string_view text) {
  std::string_view s = trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0.0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Index of a header keyword, or -1. "HOLIDAYS/DAYLIGHT SAVING" (the dictionary's spelling) is
// accepted as well as the "SAVINGS" that files carry.
int header_index(std::string_view first_field) {
  std::string key = upper(first_field);
  if (key == "HOLIDAYS/DAYLIGHT SAVING") key = "HOLIDAYS/DAYLIGHT SAVINGS";
  for (std::size_t i = 0; i < kHeaders.size(); ++i) {
    if (key == kHeaders[i]) return static_cast<int>(i);
  }
  return -1;
}

std::string join_headers(std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    out += (out.empty() ? "" : ", ") + std::string(kHeaders[i]);
  }
  return out;
}

// Shortest text for a number as found in a file (no trailing zeros).
std::string show(double v) {
  return fmt::format("{}", v);
}

// Collects problems, capping the list at kMaxProblems.
class Problems {
 public:
  Problems(Diagnostics& diag, std::string file) : diag_(diag), file_(std::move(file)) {}

  void add(int line, int column, std::string message, std::string hint = {}, int width = 1) {
    if (listed_ >= kMaxProblems) {
      if (suppressed_ == 0) first_suppressed_line_ = line;
      ++suppressed_;
      return;
    }
    ++listed_;
    diag_.error(SourceLocation{file_, line, column}, "", std::move(message), std::move(hint),
                std::max(1, width));
  }
  void add(int line, const Field& f, std::string message, std::string hint = {}) {
    add(line, f.column, std::move(message), std::move(hint), static_cast<int>(f.text.size()));
  }
  void finish() {
    if (suppressed_ == 0) return;
    diag_.error(SourceLocation{file_, first_suppressed_line_, 1}, "",
                fmt::format("{} more problems from this line on are not listed (the first {} "
                            "are shown)",
                            group_thousands(static_cast<long long>(suppressed_)), kMaxProblems));
  }

 private:
  Diagnostics& diag_;
  std::string file_;
  std::size_t listed_ = 0;
  std::size_t suppressed_ = 0;
  int first_suppressed_line_ = 0;
};

// The data fields rackscale reads, with the limits of the EPW data dictionary.
struct NumericRule {
  int field;         // 1-based field number
  const char* name;  // as in the dictionary, with the unit
  double min;        // lower limit
  bool min_exclusive;
  double max;  // upper limit
  bool max_exclusive;
  double missing;  // values >= this are "missing" (dictionary \missing); 0: no marker
};

constexpr NumericRule kDryBulb{7, "dry bulb temperature [C]", -70, true, 70, true, 99.9};
constexpr NumericRule kDewPoint{8, "dew point temperature [C]", -70, true, 70, true, 99.9};
constexpr NumericRule kRelativeHumidity{9, "relative humidity [%]", 0, false, 110, false, 999};
constexpr NumericRule kPressure{
    10, "atmospheric station pressure [Pa]", 31000, true, 120000, true, 999999};

std::string range_text(const NumericRule& r) {
  return fmt::format("{} {} and {} {}", r.min_exclusive ? "above" : "at least", show(r.min),
                     r.max_exclusive ? "below" : "at most", show(r.max));
}

// Reads one numeric field with its dictionary rule; reports and returns nullopt on a problem.
std::optional<double> read_value(const std::vector<Field>& fields, const NumericRule& r, int line,
                                 Problems& problems) {
  const Field& f = fields[static_cast<std::size_t>(r.field - 1)];
  auto v = to_number(f.text);
  if (!v) {
    problems.add(line, f,
                 fmt::format("field {} ({}): expected a number, got \"{}\"", r.field, r.name,
                             std::string(trim(f.text))));
    return std::nullopt;
  }
  if (r.missing > 0 && *v >= r.missing) {
    problems.add(line, f,
                 fmt::format("field {} ({}): missing value ({}); rackscale needs every hour",
                             r.field, r.name, std::string(trim(f.text))),
                 "fill the gap (e.g. interpolate from the neighbouring hours) or use a complete "
                 "typical-year file");
    return std::nullopt;
  }
  bool below = r.min_exclusive ? *v <= r.min : *v < r.min;
  bool above = r.max_exclusive ? *v >= r.max : *v > r.max;
  if (below || above) {
    problems.add(line, f,
                 fmt::format("field {} ({}): must be {}, got {}", r.field, r.name, range_text(r),
                             std::string(trim(f.text))));
    return std::nullopt;
  }
  return v;
}

// Reads an integer field (year, month, day, hour, minute) within [lo, hi].
std::optional<int> read_integer(const std::vector<Field>& fields, int number, const char* name,
                                int lo, int hi, int line, Problems& problems) {
  const Field& f = fields[static_cast<std::size_t>(number - 1)];
  auto v = to_number(f.text);
  if (!v || std::floor(*v) != *v || std::abs(*v) > 1e6) {
    problems.add(line, f,
                 fmt::format("field {} ({}): expected a whole number, got \"{}\"", number, name,
                             std::string(trim(f.text))));
    return std::nullopt;
  }
  int i = static_cast<int>(*v);
  if (i < lo || i > hi) {
    problems.add(
        line, f,
        fmt::format("field {} ({}): must be between {} and {}, got {}", number, name, lo, hi, i));
    return std::nullopt;
  }
  return i;
}

// A header number within limits (LOCATION's latitude etc.).
std::optional<double> read_header_number(const std::vector<Field>& fields, std::size_t index,
                                         const char* name, double lo, double hi, int line,
                                         Problems& problems) {
  if (index >= fields.size()) return std::nullopt;
  const Field& f = fields[index];
  auto v = to_number(f.text);
  if (!v) {
    problems.add(
        line, f,
        fmt::format("LOCATION {}: expected a number, got \"{}\"", name, std::string(trim(f.text))));
    return std::nullopt;
  }
  if (*v < lo || *v > hi) {
    problems.add(line, f,
                 fmt::format("LOCATION {}: must be between {} and {}, got {}", name, show(lo),
                             show(hi), std::string(trim(f.text))));
    return std::nullopt;
  }
  return v;
}

struct Date {
  int month = 0, day = 0, hour = 0;
  bool operator==(const Date&) const = default;
};

Date next_hour(Date d) {
  if (d.month < 1 || d.month > 12) return Date{};
  if (++d.hour <= 24) return d;
  d.hour = 1;
  if (++d.day <= kDaysInMonth[static_cast<std::size_t>(d.month - 1)]) return d;
  d.day = 1;
  ++d.month;
  return d;
}

// The date of the row at 0-based position `index` of a complete year (month 0 past the end).
Date calendar_date(std::size_t index) {
  if (index >= static_cast<std::size_t>(kEpwHours)) return Date{};
  int day_of_year = static_cast<int>(index / 24);
  Date d{1, 1, static_cast<int>(index % 24) + 1};
  while (day_of_year >= kDaysInMonth[static_cast<std::size_t>(d.month - 1)]) {
    day_of_year -= kDaysInMonth[static_cast<std::size_t>(d.month - 1)];
    ++d.month;
  }
  d.day = day_of_year + 1;
  return d;
}

std::string show(const Date& d) {
  return fmt::format("{}/{} hour {}", d.month, d.day, d.hour);
}

void parse_location(const std::vector<Field>& fields, int line, EpwLocation& loc,
                    Problems& problems) {
  // LOCATION, city, state, country, source, WMO, latitude, longitude, time zone, elevation.
  if (fields.size() != 10) {
    problems.add(line, 1,
                 fmt::format("LOCATION line has {} fields, expected 10 (LOCATION, city, "
                             "state/province, country, source, WMO, latitude, longitude, time "
                             "zone, elevation)",
                             fields.size()));
    if (fields.size() < 10) return;
  }
  loc.city = std::string(trim(fields[1].text));
  loc.state = std::string(trim(fields[2].text));
  loc.country = std::string(trim(fields[3].text));
  loc.source = std::string(trim(fields[4].text));
  loc.wmo = std::string(trim(fields[5].text));
  // Limits of the EPW data dictionary; time zones reach +14 h in practice (the dictionary's
  // +12 predates the Pacific zones), so +14 is accepted.
  if (auto v = read_header_number(fields, 6, "latitude [deg]", -90, 90, line, problems)) {
    loc.latitude_deg = *v;
  }
  if (auto v = read_header_number(fields, 7, "longitude [deg]", -180, 180, line, problems)) {
    loc.longitude_deg = *v;
  }
  if (auto v = read_header_number(fields, 8, "time zone [h]", -12, 14, line, problems)) {
    loc.time_zone_h = *v;
  }
  if (auto v = read_header_number(fields, 9, "elevation [m]", -1000, 9999.9, line, problems)) {
    loc.elevation_m = *v;
  }
}

void parse_data_periods(const std::vector<Field>& fields, int line, EpwFile& out,
                        Problems& problems) {
  // DATA PERIODS, number of periods, records per hour, name, start weekday, start, end.
  if (fields.size() < 7) {
    problems.add(line, 1,
                 fmt::format("DATA PERIODS line has {} fields, expected at least 7 (DATA "
                             "PERIODS, number of periods, records per hour, name, start day of "
                             "week, start day, end day)",
                             fields.size()));
    return;
  }
  auto periods = to_number(fields[1].text);
  if (!periods || *periods != 1.0) {
    problems.add(line, fields[1],
                 fmt::format("DATA PERIODS: rackscale reads one data period, got \"{}\"",
                             std::string(trim(fields[1].text))));
  }
  auto per_hour = to_number(fields[2].text);
  if (!per_hour || *per_hour != 1.0) {
    problems.add(line, fields[2],
                 fmt::format("DATA PERIODS: rackscale reads hourly files (1 record per hour), "
                             "got \"{}\"",
                             std::string(trim(fields[2].text))));
  }
  out.start_weekday = std::string(trim(fields[4].text));
}

// Text after the first comma of a header line (COMMENTS may contain commas).
std::string after_keyword(std::string_view line) {
  std::size_t comma = line.find(',');
  return comma == std::string_view::npos ? std::string()
                                         : std::string(trim(line.substr(comma + 1)));
}

}  // namespace

EpwFile parse_epw(const std::string& text, const std::string& name, Diagnostics& diag) {
  diag.add_source(name, text);
  EpwFile out;
  out.path = name;
  Problems problems(diag, name);

  std::vector<std::string_view> lines;
  {
    std::string_view rest(text);
    while (!rest.empty()) {
      std::size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines.push_back(line);
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
    // Blank lines at the end of the file are not rows.
    while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  }
  if (lines.empty()) {
    problems.add(1, 1,
                 "the file is empty; an EPW file starts with 8 header lines (" +
                     join_headers(0, kHeaders.size()) + ") followed by 8,760 hourly rows");
    problems.finish();
    return out;
  }

  // Header: the leading lines whose first field is a header keyword.
  std::size_t first_data = 0;
  while (first_data < lines.size() &&
         header_index(lines[first_data].substr(0, lines[first_data].find(','))) >= 0) {
    ++first_data;
  }
  std::size_t expected = 0;  // next header keyword expected
  for (std::size_t i = 0; i < first_data; ++i) {
    const int line = static_cast<int>(i) + 1;
    const std::vector<Field> fields = split_fields(lines[i]);
    const auto idx = static_cast<std::size_t>(header_index(fields[0].text));
    if (idx > expected) {
      problems.add(line, 1,
                   fmt::format("missing header line{} {} before this line",
                               idx - expected > 1 ? "s" : "", join_headers(expected, idx)),
                   "the EPW header has 8 lines in this order: " + join_headers(0, kHeaders.size()));
    } else if (idx < expected) {
      problems.add(line, 1,
                   fmt::format("header line {} is repeated or out of order", kHeaders[idx]),
                   "the EPW header has 8 lines in this order: " + join_headers(0, kHeaders.size()));
      continue;
    }
    expected = idx + 1;
    switch (idx) {
      case 0:
        parse_location(fields, line, out.location, problems);
        break;
      case 5:
        out.comments_1 = after_keyword(lines[i]);
        break;
      case 6:
        out.comments_2 = after_keyword(lines[i]);
        break;
      case 7:
        parse_data_periods(fields, line, out, problems);
        break;
      default:
        break;  // design conditions, periods, ground temperatures, holidays: not used
    }
  }
  if (expected < kHeaders.size()) {
    const int line = static_cast<int>(first_data) + (first_data < lines.size() ? 1 : 0);
    problems.add(std::max(line, 1), 1,
                 fmt::format("the header ends after {} of 8 lines: missing {}", expected,
                             join_headers(expected, kHeaders.size())),
                 "the EPW header has 8 lines in this order: " + join_headers(0, kHeaders.size()));
  }

  // Data rows.
  std::optional<Date> previous;  // date of the last row (its expected date if it had none)
  const std::size_t rows = lines.size() - first_data;
  out.records.reserve(std::min<std::size_t>(rows, kEpwHours));
  for (std::size_t i = first_data; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    const std::vector<Field> fields = split_fields(lines[i]);
    if (fields.size() != static_cast<std::size_t>(kEpwFields)) {
      problems.add(line, 1,
                   fmt::format("data row has {} field{}, expected {}", fields.size(),
                               fields.size() == 1 ? "" : "s", kEpwFields),
                   "", static_cast<int>(lines[i].size()));
      previous = previous ? next_hour(*previous) : Date{1, 1, 1};  // taken to hold its hour
      continue;
    }
    EpwRecord r;
    auto year = read_integer(fields, 1, "year", -9999, 9999, line, problems);
    auto month = read_integer(fields, 2, "month", 1, 12, line, problems);
    auto day = read_integer(fields, 3, "day", 1, 31, line, problems);
    auto hour = read_integer(fields, 4, "hour", 1, 24, line, problems);
    auto minute = read_integer(fields, 5, "minute", 0, 60, line, problems);
    bool date_ok = month && day && hour;
    if (month && day) {
      const int days = kDaysInMonth[static_cast<std::size_t>(*month - 1)];
      if (*day > days) {
        problems.add(
            line, fields[2],
            *month == 2 && *day == 29
                ? std::string("field 3 (day): February 29 is not supported: rackscale "
                              "reads one non-leap year of 8,760 hours")
                : fmt::format("field 3 (day): month {} has {} days, got {}", *month, days, *day),
            *month == 2 && *day == 29 ? "remove the 24 rows of February 29" : "");
        date_ok = false;
      }
    }
    // A row is in order when it follows the previous row, or when it sits at its own place in
    // the calendar (so a swapped pair or a missing row is reported once, not for every row
    // after it).
    const Date at_place = calendar_date(i - first_data);
    const Date want = previous ? next_hour(*previous) : Date{1, 1, 1};
    const bool past_year = i - first_data >= static_cast<std::size_t>(kEpwHours);
    if (date_ok && !past_year) {  // rows past the year are reported by the row count
      const Date d{*month, *day, *hour};
      if (!(d == want) && !(d == at_place)) {
        const int width =
            fields[3].column + static_cast<int>(fields[3].text.size()) - fields[1].column;
        problems.add(line, fields[1].column,
                     previous
                         ? fmt::format("date {} does not follow {}: expected {}", show(d),
                                       show(*previous), show(want))
                         : fmt::format("the first row is {}, expected {}", show(d), show(want)),
                     "rows must run hour by hour from 1/1 hour 1 to 12/31 hour 24", width);
      }
      previous = d;
    } else {
      previous = want;  // a row with a bad date is taken to hold the expected hour
    }
    auto db = read_value(fields, kDryBulb, line, problems);
    auto dp = read_value(fields, kDewPoint, line, problems);
    auto rh = read_value(fields, kRelativeHumidity, line, problems);
    auto p = read_value(fields, kPressure, line, problems);
    if (year) r.year = *year;
    if (month) r.month = *month;
    if (day) r.day = *day;
    if (hour) r.hour = *hour;
    if (minute) r.minute = *minute;
    if (db) r.dry_bulb_c = *db;
    if (dp) r.dew_point_c = *dp;
    if (rh) r.relative_humidity_pct = *rh;
    if (p) r.pressure_pa = *p;
    out.records.push_back(r);
  }
  if (rows != static_cast<std::size_t>(kEpwHours)) {
    if (rows < static_cast<std::size_t>(kEpwHours)) {
      const int line = static_cast<int>(lines.size());
      problems.add(line, 1,
                   fmt::format("the file ends after {} hourly row{}, expected {} (one non-leap "
                               "year, 1/1 hour 1 to 12/31 hour 24)",
                               group_thousands(static_cast<long long>(rows)), rows == 1 ? "" : "s",
                               group_thousands(kEpwHours)));
    } else {
      const int line = static_cast<int>(first_data) + kEpwHours + 1;
      problems.add(line, 1,
                   fmt::format("{} hourly rows, expected {} (one non-leap year); this is row "
                               "{}",
                               group_thousands(static_cast<long long>(rows)),
                               group_thousands(kEpwHours), group_thousands(kEpwHours + 1)));
    }
  }
  problems.finish();
  return out;
}

EpwFile read_epw(const std::string& path) {
  Diagnostics diag;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diag.error(SourceLocation{path, 0, 0}, "", "cannot open the weather file");
    diag.throw_if_any();
  }
  std::ostringstream text;
  text << in.rdbuf();
  EpwFile f = parse_epw(text.str(), path, diag);
  diag.throw_if_any();
  return f;
}

namespace {
// A value rounded to `decimals`, without a negative zero.
double rounded(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  double r = std::round(v * scale) / scale;
  return r == 0.0 ? 0.0 : r;
}
}  // namespace

std::string format_epw(const EpwFile& file) {
  const EpwLocation& loc = file.location;
  std::string out;
  out.reserve(file.records.size() * 100 + 1024);
  out += fmt::format("LOCATION,{},{},{},{},{},{:.2f},{:.2f},{:.1f},{:.1f}\n", loc.city, loc.state,
                     loc.country, loc.source, loc.wmo, loc.latitude_deg, loc.longitude_deg,
                     loc.time_zone_h, loc.elevation_m);
  out += "DESIGN CONDITIONS,0\n";
  out += "TYPICAL/EXTREME PERIODS,0\n";
  out += "GROUND TEMPERATURES,0\n";
  out += "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\n";
  out += "COMMENTS 1," + file.comments_1 + "\n";
  out += "COMMENTS 2," + file.comments_2 + "\n";
  out += fmt::format("DATA PERIODS,1,1,Data,{}, 1/ 1,12/31\n", file.start_weekday);
  for (const EpwRecord& r : file.records) {
    // Fields 1-10 carry the data; 11-35 (radiation, illuminance, wind, sky, visibility, ceiling,
    // present weather, precipitable water, aerosol, snow, albedo, rain) are not modeled: 0, or
    // the dictionary's missing marker for visibility (9999), ceiling height (99999), present
    // weather (9 / 999999999) and days since last snowfall (99).
    out += fmt::format(
        "{},{},{},{},{},*,{:.1f},{:.1f},{:.0f},{:.0f},0,0,0,0,0,0,0,0,0,0,0,0,0,0,9999,99999,9,"
        "999999999,0,0,0,99,0,0,0\n",
        r.year, r.month, r.day, r.hour, r.minute, rounded(r.dry_bulb_c, 1),
        rounded(r.dew_point_c, 1), rounded(r.relative_humidity_pct, 0), rounded(r.pressure_pa, 0));
  }
  return out;
}

}  // namespace rackscale::io
