#include "rackscale/io/epw_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/digit_grouping.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/core/psychrometrics.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {

namespace {

// The header lines, in the order the EnergyPlus data dictionary gives them.
enum class Header : std::size_t {
  Location,
  DesignConditions,
  TypicalExtremePeriods,
  GroundTemperatures,
  HolidaysDaylightSavings,
  Comments1,
  Comments2,
  DataPeriods,
};

// The header keywords, indexed by Header.
constexpr std::array<std::string_view, 8> kHeaders = {"LOCATION",
                                                      "DESIGN CONDITIONS",
                                                      "TYPICAL/EXTREME PERIODS",
                                                      "GROUND TEMPERATURES",
                                                      "HOLIDAYS/DAYLIGHT SAVINGS",
                                                      "COMMENTS 1",
                                                      "COMMENTS 2",
                                                      "DATA PERIODS"};

constexpr std::size_t position(Header h) {
  return static_cast<std::size_t>(h);
}

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

// The header a line's first field names, if any. "HOLIDAYS/DAYLIGHT SAVING" (the dictionary's
// spelling) is accepted as well as the "SAVINGS" that files carry.
std::optional<Header> header_of(std::string_view first_field) {
  std::string key = upper(first_field);
  if (key == "HOLIDAYS/DAYLIGHT SAVING") key = "HOLIDAYS/DAYLIGHT SAVINGS";
  for (std::size_t i = 0; i < kHeaders.size(); ++i) {
    if (key == kHeaders[i]) return static_cast<Header>(i);
  }
  return std::nullopt;
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
  const int i = checked_int(*v, "an EPW whole-number field");
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

// The calendar hour of a data row.
struct RowDate {
  int month = 0, day = 0, hour = 0;
  bool operator==(const RowDate&) const = default;
};

// The first hour of the year, 1/1 hour 1.
constexpr RowDate kFirstHour{1, 1, 1};

RowDate next_hour(RowDate d) {
  if (d.month < 1 || d.month > 12) return RowDate{};
  if (++d.hour <= 24) return d;
  d.hour = 1;
  if (++d.day <= kDaysInMonth[static_cast<std::size_t>(d.month - 1)]) return d;
  d.day = 1;
  ++d.month;
  return d;
}

// The date of the row at 0-based hour `hour_of_year` of a complete year (month 0 past the end).
RowDate calendar_date(std::size_t hour_of_year) {
  if (hour_of_year >= static_cast<std::size_t>(kEpwHours)) return RowDate{};
  int day_of_year = static_cast<int>(hour_of_year / 24);
  RowDate d{1, 1, static_cast<int>(hour_of_year % 24) + 1};
  while (day_of_year >= kDaysInMonth[static_cast<std::size_t>(d.month - 1)]) {
    day_of_year -= kDaysInMonth[static_cast<std::size_t>(d.month - 1)];
    ++d.month;
  }
  d.day = day_of_year + 1;
  return d;
}

std::string show(const RowDate& d) {
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

// "the EPW header has 8 lines in this order: ..."
std::string header_order_hint() {
  return "the EPW header has 8 lines in this order: " + join_headers(0, kHeaders.size());
}

// The lines of `text` without line ends; blank lines at the end of the file are not rows.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  return lines;
}

// The 1-based line number of the 0-based line index `line_index`.
int line_number(std::size_t line_index) {
  return static_cast<int>(line_index) + 1;
}

// A data row: where it stands in the file and in the year.
struct RowPlace {
  int line = 0;              // 1-based line number in the file
  std::size_t hour_of_year;  // 0-based position among the data rows
};

// The parse of one EPW text: its lines, where the data rows begin, what was read and the
// problems found. Each phase below reads one part of the file into it.
struct EpwParse {
  EpwParse(Diagnostics& diag, const std::string& name) : problems(diag, name) { file.path = name; }
  std::vector<std::string_view> lines;
  std::size_t first_row_line_index = 0;  // lines before it are header lines
  std::size_t next_header = 0;           // position of the header line expected next
  std::optional<RowDate> previous;       // date of the last row (its expected date if it had none)
  EpwFile file;
  Problems problems;
};

// Header phase: the leading lines whose first field is a header keyword.
void find_header_end(EpwParse& p) {
  std::size_t i = 0;
  while (i < p.lines.size() && header_of(p.lines[i].substr(0, p.lines[i].find(',')))) ++i;
  p.first_row_line_index = i;
}

// Reads one header line; a header out of its place is reported (a repeated one is skipped).
void read_header_line(EpwParse& p, std::size_t line_index) {
  const int line = line_number(line_index);
  const std::vector<Field> fields = split_fields(p.lines[line_index]);
  const Header header = *header_of(fields[0].text);
  const std::size_t at = position(header);
  if (at > p.next_header) {
    p.problems.add(line, 1,
                   fmt::format("missing header line{} {} before this line",
                               at - p.next_header > 1 ? "s" : "", join_headers(p.next_header, at)),
                   header_order_hint());
  } else if (at < p.next_header) {
    p.problems.add(line, 1, fmt::format("header line {} is repeated or out of order", kHeaders[at]),
                   header_order_hint());
    return;
  }
  p.next_header = at + 1;
  switch (header) {
    case Header::Location:
      parse_location(fields, line, p.file.location, p.problems);
      break;
    case Header::Comments1:
      p.file.comments_1 = after_keyword(p.lines[line_index]);
      break;
    case Header::Comments2:
      p.file.comments_2 = after_keyword(p.lines[line_index]);
      break;
    case Header::DataPeriods:
      parse_data_periods(fields, line, p.file, p.problems);
      break;
    default:
      break;  // design conditions, periods, ground temperatures, holidays: not used
  }
}

void read_header(EpwParse& p) {
  find_header_end(p);
  for (std::size_t i = 0; i < p.first_row_line_index; ++i) read_header_line(p, i);
  if (p.next_header < kHeaders.size()) {
    const int line = static_cast<int>(p.first_row_line_index) +
                     (p.first_row_line_index < p.lines.size() ? 1 : 0);
    p.problems.add(std::max(line, 1), 1,
                   fmt::format("the header ends after {} of 8 lines: missing {}", p.next_header,
                               join_headers(p.next_header, kHeaders.size())),
                   header_order_hint());
  }
}

// The date and time fields of a row, each present when it was readable.
struct RowTime {
  std::optional<int> year, month, day, hour, minute;
};

RowTime read_row_time(const std::vector<Field>& fields, int line, Problems& problems) {
  RowTime t;
  t.year = read_integer(fields, 1, "year", -9999, 9999, line, problems);
  t.month = read_integer(fields, 2, "month", 1, 12, line, problems);
  t.day = read_integer(fields, 3, "day", 1, 31, line, problems);
  t.hour = read_integer(fields, 4, "hour", 1, 24, line, problems);
  t.minute = read_integer(fields, 5, "minute", 0, 60, line, problems);
  return t;
}

// True if the row's month, day and hour were read and the day exists in the non-leap year.
bool check_calendar(const RowTime& t, const std::vector<Field>& fields, int line,
                    Problems& problems) {
  if (!t.month || !t.day) return false;
  const int days = kDaysInMonth[static_cast<std::size_t>(*t.month - 1)];
  if (*t.day > days) {
    const bool leap_day = *t.month == 2 && *t.day == 29;
    problems.add(line, fields[2],
                 leap_day ? std::string("field 3 (day): February 29 is not supported: rackscale "
                                        "reads one non-leap year of 8,760 hours")
                          : fmt::format("field 3 (day): month {} has {} days, got {}", *t.month,
                                        days, *t.day),
                 leap_day ? "remove the 24 rows of February 29" : "");
    return false;
  }
  return t.hour.has_value();
}

// A row is in order when it follows the previous row, or when it sits at its own place in the
// calendar (so a swapped pair or a missing row is reported once, not for every row after it).
// A row with a bad date, or past the year (reported by the row count), is taken to hold the
// hour expected.
void check_row_order(EpwParse& p, const RowTime& t, bool date_ok, const std::vector<Field>& fields,
                     RowPlace row) {
  const RowDate want = p.previous ? next_hour(*p.previous) : kFirstHour;
  const bool past_year = row.hour_of_year >= static_cast<std::size_t>(kEpwHours);
  if (!date_ok || past_year) {
    p.previous = want;
    return;
  }
  const RowDate date{*t.month, *t.day, *t.hour};
  if (!(date == want) && !(date == calendar_date(row.hour_of_year))) {
    const int width = fields[3].column + static_cast<int>(fields[3].text.size()) - fields[1].column;
    p.problems.add(row.line, fields[1].column,
                   p.previous
                       ? fmt::format("date {} does not follow {}: expected {}", show(date),
                                     show(*p.previous), show(want))
                       : fmt::format("the first row is {}, expected {}", show(date), show(want)),
                   "rows must run hour by hour from 1/1 hour 1 to 12/31 hour 24", width);
  }
  p.previous = date;
}

// The record of a row: what could be read (zero where a field had a problem).
EpwRecord read_record(const RowTime& t, const std::vector<Field>& fields, int line,
                      Problems& problems) {
  EpwRecord r;
  const auto db = read_value(fields, kDryBulb, line, problems);
  const auto dp = read_value(fields, kDewPoint, line, problems);
  const auto rh = read_value(fields, kRelativeHumidity, line, problems);
  const auto pressure = read_value(fields, kPressure, line, problems);
  r.year = t.year.value_or(0);
  r.month = t.month.value_or(0);
  r.day = t.day.value_or(0);
  r.hour = t.hour.value_or(0);
  r.minute = t.minute.value_or(0);
  r.dry_bulb_c = db.value_or(0.0);
  r.dew_point_c = dp.value_or(0.0);
  r.relative_humidity_pct = rh.value_or(0.0);
  r.pressure_pa = pressure.value_or(0.0);
  return r;
}

void read_row(EpwParse& p, std::size_t line_index) {
  const RowPlace row{line_number(line_index), line_index - p.first_row_line_index};
  const std::vector<Field> fields = split_fields(p.lines[line_index]);
  if (fields.size() != static_cast<std::size_t>(kEpwFields)) {
    p.problems.add(row.line, 1,
                   fmt::format("data row has {} field{}, expected {}", fields.size(),
                               fields.size() == 1 ? "" : "s", kEpwFields),
                   "", static_cast<int>(p.lines[line_index].size()));
    p.previous = p.previous ? next_hour(*p.previous) : kFirstHour;  // taken to hold its hour
    return;
  }
  const RowTime t = read_row_time(fields, row.line, p.problems);
  const bool date_ok = check_calendar(t, fields, row.line, p.problems);
  check_row_order(p, t, date_ok, fields, row);
  p.file.records.push_back(read_record(t, fields, row.line, p.problems));
}

void read_rows(EpwParse& p) {
  const std::size_t rows = p.lines.size() - p.first_row_line_index;
  p.file.records.reserve(std::min<std::size_t>(rows, kEpwHours));
  for (std::size_t i = p.first_row_line_index; i < p.lines.size(); ++i) read_row(p, i);
}

// Row-count phase: one non-leap year of hours, no more, no less.
void check_row_count(EpwParse& p) {
  const std::size_t rows = p.lines.size() - p.first_row_line_index;
  const auto hours = static_cast<std::size_t>(kEpwHours);
  if (rows < hours) {
    p.problems.add(static_cast<int>(p.lines.size()), 1,
                   fmt::format("the file ends after {} hourly row{}, expected {} (one non-leap "
                               "year, 1/1 hour 1 to 12/31 hour 24)",
                               group_thousands(static_cast<long long>(rows)), rows == 1 ? "" : "s",
                               group_thousands(kEpwHours)));
  } else if (rows > hours) {
    p.problems.add(line_number(p.first_row_line_index + hours), 1,
                   fmt::format("{} hourly rows, expected {} (one non-leap year); this is row {}",
                               group_thousands(static_cast<long long>(rows)),
                               group_thousands(kEpwHours), group_thousands(kEpwHours + 1)));
  }
}

}  // namespace

EpwFile parse_epw(const std::string& text, const std::string& name, Diagnostics& diag) {
  diag.add_source(name, text);
  EpwParse p(diag, name);
  p.lines = split_lines(text);
  if (p.lines.empty()) {
    p.problems.add(1, 1,
                   "the file is empty; an EPW file starts with 8 header lines (" +
                       join_headers(0, kHeaders.size()) + ") followed by 8,760 hourly rows");
  } else {
    read_header(p);
    read_rows(p);
    check_row_count(p);
  }
  p.problems.finish();
  return std::move(p.file);
}

EpwFile read_epw(const std::string& path, const InputLimits& limits) {
  Diagnostics diag;
  const std::optional<std::string> text = read_input_text(path, limits, diag, "");
  if (!text) diag.throw_if_any();
  EpwFile f = parse_epw(*text, path, diag);
  diag.throw_if_any();
  return f;
}

model::Weather weather_from_epw(const EpwFile& file) {
  if (file.records.size() != static_cast<std::size_t>(model::kHoursPerYear)) {
    throw Error(fmt::format("weather file {} has {} hourly records, expected {}", file.path,
                            file.records.size(), model::kHoursPerYear));
  }
  model::Weather w;
  w.source = "epw: " + file.path;
  w.dry_bulb_c.reserve(model::kHoursPerYear);
  w.wet_bulb_c.reserve(model::kHoursPerYear);
  w.relative_humidity.reserve(model::kHoursPerYear);
  w.dew_point_c.reserve(model::kHoursPerYear);
  double pressure_sum = 0.0;
  for (const EpwRecord& r : file.records) {
    const double dry_bulb = r.dry_bulb_c;
    const double dew_point = std::min(r.dew_point_c, dry_bulb);
    w.dry_bulb_c.push_back(dry_bulb);
    w.dew_point_c.push_back(dew_point);
    w.relative_humidity.push_back(std::clamp(r.relative_humidity_pct / 100.0, 0.0, 1.0));
    w.wet_bulb_c.push_back(psychro::wet_bulb_from_dew_point_c(dry_bulb, dew_point, r.pressure_pa));
    pressure_sum += r.pressure_pa;
  }
  w.pressure_pa = pressure_sum / model::kHoursPerYear;
  return w;
}

std::optional<model::Weather> load_weather(const std::string& path, const std::string& key_path,
                                           Diagnostics& diag, const InputLimits& limits) {
  const std::size_t first_problem = diag.size();
  const std::optional<std::string> text = read_input_text(path, limits, diag, key_path);
  if (!text) return std::nullopt;
  const EpwFile file = parse_epw(*text, path, diag);
  if (diag.size() == first_problem) return weather_from_epw(file);
  for (std::size_t i = first_problem; i < diag.size(); ++i) {
    Diagnostic d = diag.items()[i];
    d.key_path = key_path;
    diag.replace(i, std::move(d));
  }
  return std::nullopt;
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

namespace {

// Day of the week of 1 January of `year` (proleptic Gregorian calendar).
const char* weekday_of_january_first(int year) {
  static constexpr std::array<const char*, 7> kNames = {
      "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  const std::chrono::weekday day{
      std::chrono::sys_days{std::chrono::year{year} / std::chrono::January / 1}};
  return kNames[day.c_encoding()];
}

}  // namespace

EpwFile epw_from_weather(const model::Weather& weather, const EpwLocation& location, int year,
                         std::string comments_1, std::string comments_2) {
  EpwFile f;
  f.location = location;
  f.comments_1 = std::move(comments_1);
  f.comments_2 = std::move(comments_2);
  f.start_weekday = weekday_of_january_first(year);
  f.records.reserve(model::kHoursPerYear);
  std::size_t hour_of_year = 0;
  for (std::size_t month = 0; month < kDaysInMonth.size(); ++month) {
    for (int day = 1; day <= kDaysInMonth[month]; ++day) {
      for (int hour = 1; hour <= 24; ++hour, ++hour_of_year) {
        EpwRecord r;
        r.year = year;
        r.month = static_cast<int>(month) + 1;
        r.day = day;
        r.hour = hour;
        r.dry_bulb_c = weather.dry_bulb_c.at(hour_of_year);
        r.dew_point_c = weather.dew_point_c.at(hour_of_year);
        r.relative_humidity_pct = 100.0 * weather.relative_humidity.at(hour_of_year);
        r.pressure_pa = weather.pressure_pa;
        f.records.push_back(r);
      }
    }
  }
  return f;
}

}  // namespace rackscale::io
