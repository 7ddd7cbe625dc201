#include "rackscale/core/units.hpp"

#include <gtest/gtest.h>

#include <type_traits>

namespace u = rackscale::units;

TEST(Units, PowerTimesDurationIsEnergy) {
  u::Energy e = 132.0 * u::kW * (24.0 * u::h);
  // 132 kW x 24 h = 3168 kWh = 3.168 MWh.
  EXPECT_DOUBLE_EQ(e.in(u::MWh), 3.168);
  EXPECT_DOUBLE_EQ(e.in(u::J), 132e3 * 24 * 3600);
}

TEST(Units, RatioOfSameDimensionIsPlainDouble) {
  auto ratio = (1.2 * u::GW) / (300.0 * u::MW);
  static_assert(std::is_same_v<decltype(ratio), double>);
  EXPECT_DOUBLE_EQ(ratio, 4.0);
}

TEST(Units, EnergyPriceTimesEnergyIsMoney) {
  u::Money cost = (45.0 * u::USD_per_MWh) * (100.0 * u::MW * (1.0 * u::year));
  // 100 MW for 8766 h = 876,600 MWh at 45 USD/MWh = 39,447,000 USD.
  EXPECT_NEAR(cost.in(u::USD), 39'447'000.0, 1e-3);
}

TEST(Units, FlowPerPowerTimesPowerIsFlow) {
  u::VolumeFlow f = (1.35 * u::L_per_min_per_kW) * (132.0 * u::kW);
  EXPECT_NEAR(f.in(u::L / u::minute), 178.2, 1e-9);
}

TEST(Units, CountRateTimesDurationIsCount) {
  u::Count racks = (1000.0 * u::per_week) * (3.0 * u::week);
  EXPECT_DOUBLE_EQ(racks.in(u::item), 3000.0);
}

TEST(Units, TemperatureIsAffine) {
  auto supply = u::Temperature::from_celsius(32.0);
  auto ret = supply + 10.0 * u::K;
  EXPECT_DOUBLE_EQ(ret.celsius(), 42.0);
  EXPECT_DOUBLE_EQ((ret - supply).in(u::K), 10.0);
  EXPECT_DOUBLE_EQ(u::Temperature::from_celsius(0.0).kelvin(), 273.15);
}

TEST(Units, ComparisonAndAccumulation) {
  u::Power p;
  for (int i = 0; i < 4; ++i) p += 33.0 * u::kW;
  EXPECT_DOUBLE_EQ(p.in(u::kW), 132.0);
  EXPECT_LT(p, 0.2 * u::MW);
  EXPECT_GT(p, 100.0 * u::kW);
}

// The following must not compile (checked by reading, kept as documentation):
//   u::Power p = 3.0;                 // no implicit conversion from double
//   u::Power p = 3.0 * u::kWh;        // energy is not power
//   auto x = 1.0 * u::kW + 1.0 * u::h // different dimensions
static_assert(!std::is_convertible_v<double, u::Power>);
static_assert(!std::is_convertible_v<u::Power, double>);
static_assert(!std::is_convertible_v<u::Energy, u::Power>);
