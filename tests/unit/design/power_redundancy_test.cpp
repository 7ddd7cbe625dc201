// Redundancy schemes: unit counts and loadings for a load of exactly k units and of k + epsilon,
// for every scheme, by hand. Units of 1 MW throughout, so "k MW" needs k units.

#include "rackscale/design/power_redundancy.hpp"

#include <gtest/gtest.h>

#include <string>

#include "rackscale/core/error.hpp"
#include "rackscale/io/redundancy_parser.hpp"

namespace rackscale::design {
namespace {

namespace u = rackscale::units;

constexpr double kEps = 1e-6;  // relative: "k + epsilon" units of load

RedundantCount count(double load_mw, const std::string& scheme, int group = 0) {
  return count_redundant(load_mw * u::MW, 1.0 * u::MW, io::parse_redundancy(scheme), group);
}

// N: exactly the units needed; a failure overloads the rest.
TEST(PowerRedundancy, N) {
  const auto a = count(3.0, "N");  // 3 MW / 1 MW = 3 units
  EXPECT_EQ(a.needed, 3);
  EXPECT_EQ(a.installed, 3);
  EXPECT_DOUBLE_EQ(a.loading_normal, 1.0);                 // 3 / 3
  EXPECT_DOUBLE_EQ(a.loading_after_failure.value(), 1.5);  // 3 / 2
  EXPECT_FALSE(a.survives_one_failure());
  const auto b = count(3.0 * (1 + kEps), "N");  // 3.000003 -> 4 units
  EXPECT_EQ(b.needed, 4);
  EXPECT_EQ(b.installed, 4);
  // One unit of N: nothing survives a failure.
  EXPECT_FALSE(count(0.5, "N").loading_after_failure.has_value());
}

// N+1: with k modules of which 1 redundant, each runs at most (k-1)/k, so that the k-1 left after
// a failure still carry the load (standard practice; docs/sources.md, Power).
TEST(PowerRedundancy, NPlusOne) {
  const auto a = count(3.0, "N+1");
  EXPECT_EQ(a.needed, 3);
  EXPECT_EQ(a.installed, 4);
  EXPECT_EQ(a.loaded, 4);
  EXPECT_DOUBLE_EQ(a.loading_normal, 0.75);                // 3 / 4 = (k-1)/k, k = 4
  EXPECT_DOUBLE_EQ(a.loading_after_failure.value(), 1.0);  // 3 / 3
  EXPECT_TRUE(a.survives_one_failure());
  const auto b = count(3.0 * (1 + kEps), "N+1");
  EXPECT_EQ(b.needed, 4);
  EXPECT_EQ(b.installed, 5);
  EXPECT_NEAR(b.loading_normal, 3.000003 / 5, 1e-12);
}

TEST(PowerRedundancy, NPlusTwo) {
  const auto a = count(3.0, "N+2");
  EXPECT_EQ(a.installed, 5);
  EXPECT_DOUBLE_EQ(a.loading_normal, 0.6);                  // 3 / 5
  EXPECT_DOUBLE_EQ(a.loading_after_failure.value(), 0.75);  // 3 / 4
  EXPECT_EQ(count(3.0 * (1 + kEps), "N+2").installed, 6);   // 4 + 2
}

// 2N: two full systems of N; each carries half; a failure puts the whole load on the other.
TEST(PowerRedundancy, TwoN) {
  const auto a = count(3.0, "2N");
  EXPECT_EQ(a.installed, 6);
  EXPECT_DOUBLE_EQ(a.loading_normal, 0.5);                 // 3 / 6
  EXPECT_DOUBLE_EQ(a.loading_after_failure.value(), 1.0);  // 3 / 3
  EXPECT_EQ(count(3.0 * (1 + kEps), "2N").installed, 8);   // 2 x 4
}

// 4N/3: 4 systems, any 3 carry the load. 3 MW: systems of m = ceil(3 / 3) = 1 unit -> 4 units,
// each at 3/4; after one fails, 3 carry 3 MW -> 100%. 3 MW + eps: m = 2 -> 8 units.
TEST(PowerRedundancy, FourNOverThree) {
  const auto a = count(3.0, "4N/3");
  EXPECT_EQ(a.needed, 3);
  EXPECT_EQ(a.installed, 4);
  EXPECT_DOUBLE_EQ(a.loading_normal, 0.75);
  EXPECT_DOUBLE_EQ(a.loading_after_failure.value(), 1.0);
  const auto b = count(3.0 * (1 + kEps), "4N/3");
  EXPECT_EQ(b.installed, 8);
  EXPECT_NEAR(b.loading_normal, 3.000003 / 8, 1e-12);
  EXPECT_NEAR(b.loading_after_failure.value(), 3.000003 / 6, 1e-12);  // 3 systems x 2 units
  // 6 MW: m = 2 -> 8 units at 6/8 = 75%.
  const auto c = count(6.0, "4N/3");
  EXPECT_EQ(c.installed, 8);
  EXPECT_DOUBLE_EQ(c.loading_normal, 0.75);
}

// 3N/2: 3 systems, any 2 carry the load. 4 MW: m = ceil(4 / 2) = 2 -> 6 units at 4/6;
// after a failure 2 systems x 2 units carry 4 MW -> 100%. 4 MW + eps: m = 3 -> 9 units.
TEST(PowerRedundancy, ThreeNOverTwo) {
  const auto a = count(4.0, "3N/2");
  EXPECT_EQ(a.installed, 6);
  EXPECT_NEAR(a.loading_normal, 4.0 / 6.0, 1e-12);
  EXPECT_DOUBLE_EQ(a.loading_after_failure.value(), 1.0);
  EXPECT_EQ(count(4.0 * (1 + kEps), "3N/2").installed, 9);
}

// Block (catcher): N active blocks at full share plus one idle reserve that takes over a
// failed block's load, so loading is the same before and after a failure.
TEST(PowerRedundancy, Block) {
  const auto a = count(3.0, "block");
  EXPECT_EQ(a.installed, 4);
  EXPECT_EQ(a.loaded, 3);
  EXPECT_DOUBLE_EQ(a.loading_normal, 1.0);
  EXPECT_DOUBLE_EQ(a.loading_after_failure.value(), 1.0);
  EXPECT_TRUE(a.survives_one_failure());
  const auto b = count(3.0 * (1 + kEps), "block");
  EXPECT_EQ(b.installed, 5);
  EXPECT_EQ(b.loaded, 4);
}

// A ratio a hair above a whole number from floating point counts as that number:
// 2.85 MW / (3 MVA x 0.95) is 1 unit, not 2.
TEST(PowerRedundancy, FloatingPointNoiseDoesNotAddAUnit) {
  const auto a = count_redundant(2.85 * u::MW, 3.0 * u::MW * 0.95, io::parse_redundancy("N"));
  EXPECT_EQ(a.installed, 1);
  EXPECT_EQ(ceil_units(3.0000000000000004), 3);
  EXPECT_EQ(ceil_units(3.000001), 4);
  EXPECT_EQ(ceil_units(0.0), 0);
}

TEST(PowerRedundancy, ZeroLoadNeedsNoUnits) {
  const auto a = count(0.0, "N+1");
  EXPECT_EQ(a.needed, 0);
  EXPECT_EQ(a.installed, 0);
}

TEST(PowerRedundancy, RejectsNonsenseCapacityAndLoad) {
  const auto s = io::parse_redundancy("N+1");
  EXPECT_THROW(count_redundant(1.0 * u::MW, u::Power{}, s), Error);
  EXPECT_THROW(count_redundant(-1.0 * u::MW, 1.0 * u::MW, s), Error);
  EXPECT_THROW(count_redundant(1.0 * u::GW, 1.0 * u::W, s), Error);  // 1e9 units
}

// Groups of at most 8 units. N+1 for 14 units: one group would hold 15; two groups of 7+1 =
// 16 units, each at 7/8; three groups of 5+1 = 18 would be more. 15 units: two groups need
// 8+1 = 9 > 8, three groups of 5+1 = 18.
TEST(PowerRedundancy, GroupsOfAtMostEightUnits) {
  const auto a = count(14.0, "N+1", 8);
  EXPECT_EQ(a.needed, 14);
  EXPECT_EQ(a.groups, 2);
  EXPECT_EQ(a.installed, 16);
  EXPECT_DOUBLE_EQ(a.loading_normal, 7.0 / 8.0);
  EXPECT_DOUBLE_EQ(a.loading_after_failure.value(), 1.0);
  const auto b = count(15.0, "N+1", 8);
  EXPECT_EQ(b.groups, 3);
  EXPECT_EQ(b.installed, 18);
  // Without a limit: one group of 15 + 1.
  EXPECT_EQ(count(15.0, "N+1").installed, 16);
  // 2N for 4.24 units: one group would need 2 x 5 = 10 > 8; five groups of 1 + 1 = 10 units
  // beat two groups of 2 x 3 (12).
  const auto c = count(4.24, "2N", 8);
  EXPECT_EQ(c.installed, 10);
  EXPECT_EQ(c.groups, 5);
  // A limit below the scheme's smallest group is raised to it: 4N/3 always groups 4 units.
  EXPECT_EQ(count(3.0, "4N/3", 2).installed, 4);
}

}  // namespace
}  // namespace rackscale::design
