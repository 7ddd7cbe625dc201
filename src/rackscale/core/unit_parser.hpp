#pragma once
//! Parses quantity strings such as "132 kW", "1.35 L/min/kW" or "27 C" from one table of units
//! and SI prefixes (the approach of SimGrid's xbt_parse_units).

#include <string>
#include <string_view>
#include <variant>

#include "rackscale/core/units.hpp"

namespace rackscale::units {

//! A parsed quantity before it is given a static type.
struct ParsedQuantity {
  double number = 0.0;                     //!< the number as written
  double si = 0.0;                         //!< number x unit factor, in SI base units
  Dim dim{};                               //!< dimension of the unit expression
  bool absolute_temperature_unit = false;  //!< unit was C, F or K alone
  double absolute_offset_k = 0.0;          //!< add to `si` for an absolute temperature [K]
  bool bare = false;                       //!< no unit was written
};

//! Why a quantity string could not be parsed, with a suggestion where one exists.
struct UnitError {
  std::string message;     //!< e.g. `unknown unit "kw"`
  std::string suggestion;  //!< e.g. `did you mean "kW"?` (may be empty)
};

//! Parses "<number> <unit expression>"; a unit expression is a product and quotient of units
//! ("USD/MWh", "L/min/kW", "kg/m^2"). Does not check the dimension.
std::variant<ParsedQuantity, UnitError> parse_quantity(std::string_view text);

//! A human name and an example for a dimension, e.g. {"power", "132 kW"}.
struct DimensionInfo {
  std::string name;
  std::string example;
};
//! Describes a dimension for error messages; unnamed dimensions are spelled out in base units.
DimensionInfo describe(Dim dim);
//! What a value of dimension `dim` should look like, e.g. `a power such as "132 kW"`.
std::string expected_text(Dim dim);

//! Parses `text` as a quantity of dimension `expected`. A bare number is accepted only if it is
//! zero. Returns the SI value, or the error (wrong dimension, bare number, unknown unit).
std::variant<double, UnitError> parse_si(std::string_view text, Dim expected);

//! Parses an absolute temperature ("27 C", "300 K", "80 F"); returns kelvin or the error.
std::variant<double, UnitError> parse_kelvin(std::string_view text);

//! Parses `text` as the quantity type Q (e.g. `parse<Power>("40 MW")`).
template <class Q>
std::variant<Q, UnitError> parse(std::string_view text) {
  auto r = parse_si(text, Q::dim);
  if (auto* e = std::get_if<UnitError>(&r)) return *e;
  return Q::from_si(std::get<double>(r));
}

//! Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace rackscale::units
