#include "rackscale/core/checked.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace rackscale {
namespace {

// The edges are powers of two, exact in a double: 2^31 is the first value above int's range.
TEST(CheckedInt, AcceptsEveryValueOfTheTargetRange) {
  EXPECT_EQ(checked_int(2147483647.0, "x"), 2147483647);
  EXPECT_EQ(checked_int(-2147483648.0, "x"), std::numeric_limits<int>::min());
  EXPECT_EQ(checked_int<long long>(std::ldexp(1.0, 62), "x"), 4611686018427387904LL);
  EXPECT_EQ(checked_int<std::uint64_t>(1e19, "x"), 10000000000000000000ULL);
}

TEST(CheckedInt, TruncatesTowardZeroLikeACast) {
  EXPECT_EQ(checked_int(2.9, "x"), 2);
  EXPECT_EQ(checked_int(-2.9, "x"), -2);
  // A fraction beyond the last integer still truncates into range.
  EXPECT_EQ(checked_int(2147483647.5, "x"), 2147483647);
}

TEST(CheckedInt, RefusesValuesOutsideTheRange) {
  EXPECT_THROW(checked_int(2147483648.0, "x"), Error);
  EXPECT_THROW(checked_int(-2147483649.0, "x"), Error);
  EXPECT_THROW(checked_int<long long>(std::ldexp(1.0, 63), "x"), Error);
  EXPECT_THROW(checked_int<std::size_t>(-1.0, "x"), Error);
  EXPECT_THROW(checked_int<std::uint64_t>(std::ldexp(1.0, 64), "x"), Error);
  // v0.1 cast 1e12 MW / 132 kW (7.6e6 racks: fine) but also 1e18 W / 132 kW = 7.6e12 racks
  // (undefined; -2,147,483,648 in practice).
  EXPECT_THROW(checked_int(1e18 / 132e3, "racks"), Error);
}

TEST(CheckedInt, RefusesNanAndInfinity) {
  EXPECT_THROW(checked_int(std::numeric_limits<double>::quiet_NaN(), "x"), Error);
  EXPECT_THROW(checked_int(std::numeric_limits<double>::infinity(), "x"), Error);
  EXPECT_THROW(checked_int(-std::numeric_limits<double>::infinity(), "x"), Error);
}

TEST(CheckedInt, TheMessageNamesTheQuantityAndTheValue) {
  try {
    checked_int(1e300, "the racks for the target IT power");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("the racks for the target IT power is 1e+300"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace rackscale
