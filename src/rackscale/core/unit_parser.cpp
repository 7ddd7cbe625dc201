#include "rackscale/core/unit_parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace rackscale::units {
namespace {

struct UnitDef {
  std::string_view symbol;
  double factor;  // SI value of one unit
  Dim dim;
  bool prefixable;
  double absolute_offset_k = 0.0;  // C and F as absolute temperatures
  bool temperature_scale = false;
};

constexpr double kDay = 86400.0;

// The one table of units. Sources: SI Brochure (BIPM, 9th ed.) for SI units and prefixes;
// NIST SP 811 Appendix B for US customary conversions (ft, lb, gal, ton of refrigeration).
const std::array kUnits = {
    UnitDef{"W", 1.0, dims::kPower, true},
    UnitDef{"VA", 1.0, dims::kPower, true},  // apparent power, treated as power (see docs)
    UnitDef{"J", 1.0, dims::kEnergy, true},
    UnitDef{"Wh", 3600.0, dims::kEnergy, true},
    // International Table Btu, NIST SP 811 Appendix B.8: 1055.05585262 J; MMBtu = 10^6 Btu.
    UnitDef{"Btu", 1055.05585262, dims::kEnergy, false},
    UnitDef{"MMBtu", 1.05505585262e9, dims::kEnergy, false},
    UnitDef{"V", 1.0, dims::kVoltage, true},
    UnitDef{"A", 1.0, dims::kCurrent, true},
    UnitDef{"g", 1e-3, dims::kMass, true},
    UnitDef{"t", 1000.0, dims::kMass, true},
    UnitDef{"lb", 0.45359237, dims::kMass, false},
    UnitDef{"m", 1.0, dims::kLength, true},
    UnitDef{"ft", 0.3048, dims::kLength, false},
    UnitDef{"mi", 1609.344, dims::kLength, false},
    UnitDef{"sqft", 0.09290304, dims::kArea, false},
    UnitDef{"L", 1e-3, dims::kVolume, true},
    UnitDef{"gal", 3.785411784e-3, dims::kVolume, false},  // US gallon
    UnitDef{"s", 1.0, dims::kTime, true},
    UnitDef{"min", 60.0, dims::kTime, false},
    UnitDef{"h", 3600.0, dims::kTime, false},
    UnitDef{"hour", 3600.0, dims::kTime, false},
    UnitDef{"hours", 3600.0, dims::kTime, false},
    UnitDef{"d", kDay, dims::kTime, false},
    UnitDef{"day", kDay, dims::kTime, false},
    UnitDef{"days", kDay, dims::kTime, false},
    UnitDef{"week", 7 * kDay, dims::kTime, false},
    UnitDef{"weeks", 7 * kDay, dims::kTime, false},
    UnitDef{"month", 365.25 / 12 * kDay, dims::kTime, false},
    UnitDef{"months", 365.25 / 12 * kDay, dims::kTime, false},
    UnitDef{"year", 365.25 * kDay, dims::kTime, false},
    UnitDef{"years", 365.25 * kDay, dims::kTime, false},
    UnitDef{"yr", 365.25 * kDay, dims::kTime, false},
    UnitDef{"K", 1.0, dims::kTemperature, false, 0.0, true},
    UnitDef{"C", 1.0, dims::kTemperature, false, 273.15, true},
    UnitDef{"degC", 1.0, dims::kTemperature, false, 273.15, true},
    UnitDef{"F", 5.0 / 9.0, dims::kTemperature, false, 273.15 - 32.0 * 5.0 / 9.0, true},
    UnitDef{"USD", 1.0, dims::kMoney, true},
    UnitDef{"b", 1.0, dims::kInformation, true},
    UnitDef{"B", 8.0, dims::kInformation, true},
    UnitDef{"bps", 1.0, dims::kDataRate, true},
    UnitDef{"rack", 1.0, dims::kCount, false},
    UnitDef{"racks", 1.0, dims::kCount, false},
    UnitDef{"GPU", 1.0, dims::kCount, false},
    UnitDef{"GPUs", 1.0, dims::kCount, false},
    UnitDef{"unit", 1.0, dims::kCount, false},
    UnitDef{"units", 1.0, dims::kCount, false},
    UnitDef{"TR", 3516.8528420667, dims::kPower, false},  // ton of refrigeration, 12,000 BTU/h
    UnitDef{"%", 0.01, Dim{}, false},
};

struct Prefix {
  std::string_view symbol;
  double factor;
};
const std::array kPrefixes = {
    Prefix{"T", 1e12}, Prefix{"G", 1e9},  Prefix{"M", 1e6},  Prefix{"k", 1e3},
    Prefix{"c", 1e-2}, Prefix{"m", 1e-3}, Prefix{"u", 1e-6},
};

struct Factor {
  double factor;
  Dim dim;
  const UnitDef* def;
};

std::optional<Factor> lookup(std::string_view symbol) {
  for (const auto& u : kUnits) {
    if (u.symbol == symbol) return Factor{u.factor, u.dim, &u};
  }
  for (const auto& p : kPrefixes) {
    if (symbol.size() > p.symbol.size() && symbol.substr(0, p.symbol.size()) == p.symbol) {
      auto rest = symbol.substr(p.symbol.size());
      for (const auto& u : kUnits) {
        if (u.prefixable && u.symbol == rest) return Factor{p.factor * u.factor, u.dim, &u};
      }
    }
  }
  return std::nullopt;
}

Dim scale(Dim d, int n) {
  Dim r{};
  for (int i = 0; i < std::abs(n); ++i) r = n > 0 ? r + d : r - d;
  return r;
}

std::string nearest_unit(std::string_view symbol) {
  std::string best;
  std::size_t best_d = 3;
  auto consider = [&](const std::string& cand) {
    std::size_t d = edit_distance(symbol, cand);
    if (d < best_d) {
      best_d = d;
      best = cand;
    }
  };
  for (const auto& u : kUnits) {
    consider(std::string(u.symbol));
    if (!u.prefixable) continue;
    for (const auto& p : kPrefixes) consider(std::string(p.symbol) + std::string(u.symbol));
  }
  return best;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_unit_char(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '%' || c == '_';
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

// A unit expression being read: terms joined by '/', '*' or '.', each term a symbol with an
// optional integer exponent ("m^2"). Division applies to the next term only (left to right).
struct UnitReader {
  std::string_view unit;   // the unit expression
  std::string_view value;  // the whole value, for messages
  std::size_t at = 0;      // next character of `unit`
  double factor = 1.0;     // product of the terms read so far, to SI
  Dim dim{};               // dimension of the terms read so far
  int sign = +1;           // +1 after '*' or '.', -1 after '/'
  int terms = 0;
  const UnitDef* last_def = nullptr;  // the unit of the last term
};

// The optional "^n" after a symbol into `exponent`.
std::optional<UnitError> read_exponent(UnitReader& r, int& exponent) {
  const std::string_view unit = r.unit;
  if (r.at >= unit.size() || unit[r.at] != '^') return std::nullopt;
  ++r.at;
  const std::size_t start = r.at;
  if (r.at < unit.size() && unit[r.at] == '-') ++r.at;
  while (r.at < unit.size() && std::isdigit(static_cast<unsigned char>(unit[r.at]))) ++r.at;
  const std::string_view digits = unit.substr(start, r.at - start);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return UnitError{fmt::format("bad exponent in unit \"{}\"", unit), "write e.g. \"m^2\""};
  }
  return std::nullopt;
}

// One term: a known symbol with its exponent, multiplied into the expression.
std::optional<UnitError> read_term(UnitReader& r) {
  const std::size_t start = r.at;
  while (r.at < r.unit.size() && is_unit_char(r.unit[r.at])) ++r.at;
  const std::string_view symbol = r.unit.substr(start, r.at - start);
  if (symbol.empty()) {
    return UnitError{
        fmt::format("cannot read the unit \"{}\" at \"{}\"", r.unit, r.unit.substr(r.at)),
        "write units like \"kW\", \"USD/MWh\" or \"L/min/kW\""};
  }
  int exponent = 1;
  if (auto error = read_exponent(r, exponent)) return error;
  const std::optional<Factor> f = lookup(symbol);
  if (!f) {
    const std::string near = nearest_unit(symbol);
    return UnitError{fmt::format("unknown unit \"{}\" in \"{}\"", symbol, r.value),
                     near.empty() ? "see docs/scenario-format.md for the units table"
                                  : fmt::format("did you mean \"{}\"?", near)};
  }
  r.factor *= std::pow(f->factor, r.sign * exponent);
  r.dim = r.dim + scale(f->dim, r.sign * exponent);
  r.last_def = f->def;
  ++r.terms;
  return std::nullopt;
}

// The operator after a term: '/' divides by the next term, '*' or '.' multiplies.
std::optional<UnitError> read_operator(UnitReader& r) {
  const char op = r.unit[r.at];
  if (op == '/') {
    r.sign = -1;
  } else if (op == '*' || op == '.') {
    r.sign = +1;
  } else {
    return UnitError{fmt::format("unexpected '{}' in unit \"{}\"", op, r.unit),
                     "join units with '/' or '*', e.g. \"USD/MWh\""};
  }
  ++r.at;
  if (r.at == r.unit.size()) {
    return UnitError{fmt::format("unit \"{}\" ends with '{}'", r.unit, op),
                     "write a unit after it, e.g. \"USD/MWh\""};
  }
  return std::nullopt;
}

// The whole unit expression, term by term.
std::optional<UnitError> read_unit(UnitReader& r) {
  while (r.at < r.unit.size()) {
    if (auto error = read_term(r)) return error;
    if (r.at == r.unit.size()) break;
    if (auto error = read_operator(r)) return error;
  }
  return std::nullopt;
}

}  // namespace

std::variant<ParsedQuantity, UnitError> parse_quantity(std::string_view text) {
  std::string_view s = trim(text);
  ParsedQuantity q;
  if (s.empty()) return UnitError{"empty value", "write a number with a unit"};
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, q.number);
  if (ec != std::errc() || !std::isfinite(q.number)) {
    return UnitError{fmt::format("\"{}\" does not start with a number", s), ""};
  }
  std::string_view unit = trim(std::string_view(ptr, static_cast<std::size_t>(last - ptr)));
  if (unit.empty()) {
    q.bare = true;
    q.si = q.number;
    return q;
  }
  UnitReader r{.unit = unit, .value = s};
  if (auto error = read_unit(r)) return *error;
  q.si = q.number * r.factor;
  q.dim = r.dim;
  if (r.terms == 1 && r.last_def->temperature_scale && unit == r.last_def->symbol) {
    q.absolute_temperature_unit = true;
    q.absolute_offset_k = r.last_def->absolute_offset_k;
  }
  return q;
}

DimensionInfo describe(Dim d) {
  struct Named {
    Dim dim;
    const char* name;
    const char* example;
  };
  static const std::array kNamed = {
      Named{dims::kPower, "power", "132 kW"},
      Named{dims::kEnergy, "energy", "4 MWh"},
      Named{dims::kTemperature, "temperature difference", "10 K"},
      Named{dims::kVolumeFlow, "volume flow", "190 L/min"},
      Named{dims::kMass, "mass", "1500 kg"},
      Named{dims::kLength, "length", "30 m"},
      Named{dims::kArea, "area", "2500 m^2"},
      Named{dims::kVolume, "volume", "1000 L"},
      Named{dims::kVoltage, "voltage", "34.5 kV"},
      Named{dims::kCurrent, "current", "4000 A"},
      Named{dims::kMoney, "money", "3.4 MUSD"},
      Named{dims::kTime, "duration", "18 weeks"},
      Named{dims::kDataRate, "data rate", "800 Gb/s"},
      Named{dims::kInformation, "data size", "1 TB"},
      Named{dims::kCount, "count", "72 GPUs"},
      Named{dims::kCountRate, "rate", "1000 racks/week"},
      Named{dims::kMoneyPerEnergy, "energy price", "45 USD/MWh"},
      Named{dims::kMoneyPerPower, "cost per power", "11.7 MUSD/MW"},
      Named{dims::kMoneyPerVolume, "water price", "2 USD/m^3"},
      Named{dims::kFlowPerPower, "flow per power", "1.5 L/min/kW"},
      Named{dims::kVolumePerEnergy, "water use per energy", "0.2 L/kWh"},
      Named{dims::kMassPerArea, "floor loading", "1500 kg/m^2"},
      Named{dims::kMoneyPerCount, "price per item", "30 kUSD/rack"},
      Named{dims::kMoneyPerArea, "price per area", "25 USD/m^2"},
      Named{dims::kMassPerEnergy, "emissions per energy", "1100 lb/MWh"},
      Named{dims::kMoneyPerPowerTime, "cost per power per year", "20 USD/kW/year"},
      Named{Dim{}, "number", "0.95"},
  };
  for (const auto& n : kNamed) {
    if (n.dim == d) return {n.name, n.example};
  }
  // Spell out the base-unit exponents for anything unnamed.
  std::string s;
  auto add = [&](int e, const char* sym) {
    if (e == 0) return;
    if (!s.empty()) s += "*";
    s += sym;
    if (e != 1) s += fmt::format("^{}", e);
  };
  add(d.mass, "kg");
  add(d.length, "m");
  add(d.time, "s");
  add(d.current, "A");
  add(d.temperature, "K");
  add(d.money, "USD");
  add(d.information, "b");
  add(d.count, "item");
  return {fmt::format("quantity in {}", s), s};
}

std::string expected_text(Dim dim) {
  auto info = describe(dim);
  const char* article = std::string("aeiou").find(info.name[0]) != std::string::npos ? "an " : "a ";
  return fmt::format("{}{} such as \"{}\"", article, info.name, info.example);
}

namespace {
// The text held no number at all (as opposed to a number with a bad unit).
bool no_number(const UnitError& e) {
  return e.message.find("does not start with a number") != std::string::npos ||
         e.message == "empty value";
}
}  // namespace

std::variant<double, UnitError> parse_si(std::string_view text, Dim expected) {
  auto r = parse_quantity(text);
  if (auto* e = std::get_if<UnitError>(&r)) {
    if (no_number(*e)) {
      return UnitError{fmt::format("expected {}, got \"{}\"", expected_text(expected), trim(text)),
                       ""};
    }
    return *e;
  }
  const auto& q = std::get<ParsedQuantity>(r);
  if (q.bare) {
    if (expected.is_dimensionless() || q.number == 0.0) return q.number;
    const std::string example = describe(expected).example;
    return UnitError{
        fmt::format("expected {}, got the bare number \"{}\"", expected_text(expected), trim(text)),
        fmt::format("add a unit, e.g. \"{} {}\"", trim(text),
                    example.substr(example.find(' ') + 1))};
  }
  if (q.dim != expected) {
    return UnitError{fmt::format("expected {}, got \"{}\" ({})", expected_text(expected),
                                 trim(text), describe(q.dim).name),
                     ""};
  }
  return q.si;
}

std::variant<double, UnitError> parse_kelvin(std::string_view text) {
  auto r = parse_quantity(text);
  const std::string example = "27 C";
  if (auto* e = std::get_if<UnitError>(&r)) {
    if (no_number(*e)) {
      return UnitError{
          fmt::format("expected a temperature such as \"{}\", got \"{}\"", example, trim(text)),
          ""};
    }
    return *e;
  }
  const auto& q = std::get<ParsedQuantity>(r);
  if (!q.absolute_temperature_unit) {
    return UnitError{
        fmt::format("expected a temperature such as \"{}\", got \"{}\"", example, trim(text)),
        "use C, F or K"};
  }
  double kelvin = q.si + q.absolute_offset_k;
  if (kelvin < 0.0) {
    return UnitError{fmt::format("temperature \"{}\" is below absolute zero", trim(text)), ""};
  }
  return kelvin;
}

}  // namespace rackscale::units
