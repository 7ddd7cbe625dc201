#include "rackscale/core/unit_parser.hpp"

#include <gtest/gtest.h>

namespace u = rackscale::units;

namespace {
template <class Q>
double parse_in(const char* text, Q unit) {
  auto r = u::parse<Q>(text);
  if (auto* e = std::get_if<u::UnitError>(&r)) {
    ADD_FAILURE() << text << ": " << e->message;
    return -1;
  }
  return std::get<Q>(r).in(unit);
}
template <class Q>
std::string error_of(const char* text) {
  auto r = u::parse<Q>(text);
  if (auto* e = std::get_if<u::UnitError>(&r)) return e->message + " | " + e->suggestion;
  return "no error";
}
}  // namespace

TEST(UnitParser, IssueExamples) {
  EXPECT_DOUBLE_EQ(parse_in("132 kW", u::kW), 132.0);
  EXPECT_DOUBLE_EQ(parse_in("1.2 GW", u::MW), 1200.0);
  EXPECT_DOUBLE_EQ(parse_in("34.5 kV", u::V), 34500.0);
  EXPECT_DOUBLE_EQ(parse_in("480 V", u::V), 480.0);
  EXPECT_DOUBLE_EQ(parse_in("1.35 L/min/kW", u::L_per_min_per_kW), 1.35);
  EXPECT_DOUBLE_EQ(parse_in("45 USD/MWh", u::USD_per_MWh), 45.0);
  EXPECT_DOUBLE_EQ(parse_in("11.7 MUSD/MW", u::USD_per_MW), 11.7e6);
  EXPECT_DOUBLE_EQ(parse_in("18 weeks", u::day), 126.0);
  EXPECT_DOUBLE_EQ(parse_in("400 Gb/s", u::Gbps), 400.0);
  EXPECT_DOUBLE_EQ(parse_in("1000 racks/week", u::per_week), 1000.0);
}

TEST(UnitParser, PrefixesAndCompoundUnits) {
  EXPECT_DOUBLE_EQ(parse_in("100 MVA", u::MW), 100.0);
  EXPECT_DOUBLE_EQ(parse_in("2300 mm", u::m), 2.3);
  EXPECT_DOUBLE_EQ(parse_in("1.5 t", u::kg), 1500.0);
  EXPECT_DOUBLE_EQ(parse_in("800 Gbps", u::Gbps), 800.0);
  EXPECT_DOUBLE_EQ(parse_in("1 TR", u::kW), 3.5168528420667);
  EXPECT_DOUBLE_EQ(parse_in("1500 kg/m^2", u::kg / u::m2), 1500.0);
  EXPECT_DOUBLE_EQ(parse_in("10 ft", u::m), 3.048);
  EXPECT_DOUBLE_EQ(parse_in("0.2 L/kWh", u::L / u::kWh), 0.2);
  EXPECT_DOUBLE_EQ(parse_in("3.4 MUSD", u::USD), 3.4e6);
  EXPECT_DOUBLE_EQ(parse_in("-3 kW", u::W), -3000.0);
  EXPECT_DOUBLE_EQ(parse_in("  5 K ", u::K), 5.0);
  EXPECT_DOUBLE_EQ(parse_in("2.5e3 W", u::kW), 2.5);
}

TEST(UnitParser, AbsoluteTemperatures) {
  auto k = [](const char* t) { return std::get<double>(u::parse_kelvin(t)); };
  EXPECT_DOUBLE_EQ(k("27 C"), 300.15);
  EXPECT_DOUBLE_EQ(k("300 K"), 300.0);
  EXPECT_NEAR(k("80.6 F"), 300.15, 1e-9);
  EXPECT_TRUE(std::holds_alternative<u::UnitError>(u::parse_kelvin("27")));
  EXPECT_TRUE(std::holds_alternative<u::UnitError>(u::parse_kelvin("27 kW")));
  EXPECT_TRUE(std::holds_alternative<u::UnitError>(u::parse_kelvin("-300 C")));
}

TEST(UnitParser, BareZeroIsAllowedBareNonZeroIsNot) {
  EXPECT_DOUBLE_EQ(parse_in("0", u::kW), 0.0);
  EXPECT_EQ(error_of<u::Power>("300"),
            "expected a power such as \"132 kW\", got the bare number \"300\" | add a unit, e.g. "
            "\"300 kW\"");
}

TEST(UnitParser, WrongDimensionNamesBoth) {
  EXPECT_EQ(error_of<u::Power>("18 weeks"),
            "expected a power such as \"132 kW\", got \"18 weeks\" (duration) | ");
  EXPECT_EQ(
      error_of<u::EnergyPrice>("45 USD/MW"),
      "expected an energy price such as \"45 USD/MWh\", got \"45 USD/MW\" (cost per power) | ");
}

TEST(UnitParser, UnknownUnitSuggestsNearest) {
  EXPECT_EQ(error_of<u::Power>("132 kw"),
            "unknown unit \"kw\" in \"132 kw\" | did you mean \"kW\"?");
  EXPECT_EQ(error_of<u::Duration>("18 weks"),
            "unknown unit \"weks\" in \"18 weks\" | did you mean \"weeks\"?");
}

TEST(UnitParser, NotANumber) {
  EXPECT_EQ(error_of<u::Power>("lots"), "expected a power such as \"132 kW\", got \"lots\" | ");
  EXPECT_EQ(error_of<u::Power>(""), "expected a power such as \"132 kW\", got \"\" | ");
  EXPECT_EQ(error_of<u::Power>("nan kW"), "expected a power such as \"132 kW\", got \"nan kW\" | ");
}

TEST(UnitParser, MalformedExpressions) {
  EXPECT_NE(error_of<u::Power>("3 k W"), "no error");
  EXPECT_NE(error_of<u::Area>("3 m^x"), "no error");
  EXPECT_NE(error_of<u::Power>("3 kW/"), "no error");
}

TEST(UnitParser, DescribeUnnamedDimension) {
  auto info = u::describe(u::dims::kPower + u::dims::kPower);
  EXPECT_EQ(info.name, "quantity in kg^2*m^4*s^-6");
}

TEST(EditDistance, Basics) {
  EXPECT_EQ(u::edit_distance("capacity", "capacty"), 1u);
  EXPECT_EQ(u::edit_distance("", "abc"), 3u);
  EXPECT_EQ(u::edit_distance("kitten", "sitting"), 3u);
}
