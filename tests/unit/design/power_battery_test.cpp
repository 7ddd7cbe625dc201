// Battery sizing for training swings, by hand.

#include "rackscale/design/power_battery.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "rackscale/core/error.hpp"

namespace rackscale::design {
namespace {

namespace u = rackscale::units;

// The catalog's BESS-2MW-4MWh: 1.9 MW, 3.9 MWh, 93.7% round trip.
model::Battery megapack() {
  return model::Battery{1.9 * u::MW, 3.9 * u::MWh, 0.937};
}

// 100 GB300 racks swinging between 35 kW (communication) and 125 kW (compute): swing
// 100 x 90 kW = 9 MW. Grid step limit 2 MW, period 2 s.
//   power:  P_b = 9 - 2 = 7 MW -> ceil(7 / 1.9) = ceil(3.684) = 4 units
//   energy: at the terminals 7 MW x 1 s = 7 MJ = 1.944 kWh; held at half charge and drawn
//           through sqrt(0.937) = 0.96799: 2 x 1.944 / 0.96799 = 4.018 kWh
//           -> ceil(4.018 kWh / 3.9 MWh) = 1 unit
//   -> 4 units, power binds; the grid sees 2 MW instead of 9 MW.
//   cycling loss: 7 MW / 2 x (1/0.937 - 1) = 3.5 x 0.067236 = 235.3 kW while swinging.
TEST(PowerBattery, HundredRacksSwingingThirtyFiveToOneTwentyFive) {
  const auto bess = megapack();
  const u::Power swing = 100.0 * (125.0 - 35.0) * u::kW;
  const BatteryDesign b =
      size_battery(swing, 2.0 * u::MW, 2.0 * u::second, true, "BESS-2MW-4MWh", &bess);
  EXPECT_NEAR(b.swing.in(u::MW), 9.0, 1e-12);
  EXPECT_NEAR(b.required_power.in(u::MW), 7.0, 1e-12);
  EXPECT_EQ(b.units_by_power, 4);
  EXPECT_NEAR(b.required_energy.in(u::kWh), 2.0 * 7.0 / 3.6 / std::sqrt(0.937), 1e-9);
  EXPECT_NEAR(b.required_energy.in(u::kWh), 4.018, 1e-3);
  EXPECT_EQ(b.units_by_energy, 1);
  EXPECT_EQ(b.units, 4);
  EXPECT_EQ(b.binding, "power");
  EXPECT_EQ(b.model, "BESS-2MW-4MWh");
  EXPECT_NEAR(b.installed_power.in(u::MW), 7.6, 1e-12);
  EXPECT_NEAR(b.installed_energy.in(u::MWh), 15.6, 1e-12);
  EXPECT_NEAR(b.step_without_battery.in(u::MW), 9.0, 1e-12);
  EXPECT_NEAR(b.step_with_battery.in(u::MW), 2.0, 1e-12);
  EXPECT_NEAR(b.cycling_loss.in(u::kW), 235.33, 1e-2);
  EXPECT_FALSE(b.period_assumed);
  EXPECT_NE(b.reason.find("power binds"), std::string::npos) << b.reason;
}

// A slow swing makes energy bind: 3 MW swing, 1 MW limit, 4 h period.
//   power:  2 MW -> ceil(2 / 1.9) = 2 units
//   energy: 2 MW x 2 h = 4 MWh; 2 x 4 / 0.96799 = 8.2646 MWh -> ceil(8.2646 / 3.9) = 3 units
TEST(PowerBattery, SlowSwingsAreEnergyBound) {
  const auto bess = megapack();
  const BatteryDesign b =
      size_battery(3.0 * u::MW, 1.0 * u::MW, 4.0 * u::h, true, "BESS-2MW-4MWh", &bess);
  EXPECT_EQ(b.units_by_power, 2);
  EXPECT_NEAR(b.required_energy.in(u::MWh), 8.2646, 1e-4);
  EXPECT_EQ(b.units_by_energy, 3);
  EXPECT_EQ(b.units, 3);
  EXPECT_EQ(b.binding, "energy");
}

TEST(PowerBattery, NoneWhenNotNeededOrNotWanted) {
  const auto bess = megapack();
  // No limit.
  auto b = size_battery(9.0 * u::MW, u::Power{}, std::nullopt, true, "", nullptr);
  EXPECT_EQ(b.units, 0);
  EXPECT_NEAR(b.step_with_battery.in(u::MW), 9.0, 1e-12);
  EXPECT_NE(b.reason.find("no grid step limit"), std::string::npos);
  // Within the limit.
  b = size_battery(1.5 * u::MW, 2.0 * u::MW, std::nullopt, true, "", nullptr);
  EXPECT_EQ(b.units, 0);
  EXPECT_NE(b.reason.find("within"), std::string::npos);
  // Over the limit but batteries are off: reported, not sized.
  b = size_battery(9.0 * u::MW, 2.0 * u::MW, std::nullopt, false, "BESS-2MW-4MWh", &bess);
  EXPECT_EQ(b.units, 0);
  EXPECT_NEAR(b.required_power.in(u::MW), 7.0, 1e-12);
  EXPECT_NEAR(b.step_with_battery.in(u::MW), 9.0, 1e-12);
  EXPECT_NE(b.reason.find("battery is false"), std::string::npos);
}

// Without a period the default (10 s) is used and flagged: 7 MW x 5 s = 35 MJ = 9.722 kWh.
TEST(PowerBattery, DefaultPeriodIsFlagged) {
  const auto bess = megapack();
  const auto b = size_battery(9.0 * u::MW, 2.0 * u::MW, std::nullopt, true, "B", &bess);
  EXPECT_TRUE(b.period_assumed);
  EXPECT_DOUBLE_EQ(b.period.in(u::second), 10.0);
  EXPECT_NEAR(b.required_energy.in(u::kWh), 2.0 * 9.7222 / std::sqrt(0.937), 1e-3);
  EXPECT_NE(b.reason.find("assumed"), std::string::npos);
}

TEST(PowerBattery, NeededButMissingIsAClearError) {
  try {
    size_battery(9.0 * u::MW, 2.0 * u::MW, 2.0 * u::second, true, "", nullptr);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no battery entry"), std::string::npos) << e.what();
  }
  EXPECT_THROW(size_battery(-1.0 * u::MW, 2.0 * u::MW, std::nullopt, true, "", nullptr), Error);
}

}  // namespace
}  // namespace rackscale::design
