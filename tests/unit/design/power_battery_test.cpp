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
  return model::Battery{1.9 * u::MW, 3.9 * u::MWh, 0.937, model::StorageTechnology::LithiumIon,
                        std::nullopt};
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

// The technology choice for a seconds-long swing: 12 MW swing, 2 MW limit, 10 s period, so the
// buffer supplies P_b = 10 MW and moves P_b / 2 = 5 MW on average; over the 10-year design life
// (87,660 h) that is 438,300 MWh of throughput.
//   LFP block (catalog BESS-2MW-4MWh, 6,000 cycles): power ceil(10 / 1.9) = 6; energy
//     2 x 10 MW x 5 s / sqrt(0.937) = 28.7 kWh -> 1; cycle life 438,300 / 6,000 = 73.05 MWh
//     / 3.9 = 18.73 -> 19 units: cycle life binds, 19 x 1.47 = 27.9 MUSD; each year
//     5 MW x 8,766 h / (19 x 3.9 MWh) = 591.5 cycles, life 6,000 / 591.5 = 10.14 years
//   supercapacitor (catalog SCAP-2MW-60s, 1,000,000 cycles): power ceil(10 / 2) = 5; energy
//     28.5 kWh / 33.3 kWh -> 1; cycle life 438.3 MWh / 1e6 = 438.3 kWh / 33.3 = 13.16 -> 14:
//     14 x 0.5 = 7 MUSD, a quarter of the LFP block's
TEST(PowerBattery, SecondsLongSwingsWearOutLithiumIonBlocks) {
  model::Battery lfp = megapack();
  lfp.cycle_life = 6000.0;
  const BatteryDesign block =
      size_battery(12.0 * u::MW, 2.0 * u::MW, 10.0 * u::second, true, "BESS-2MW-4MWh", &lfp);
  EXPECT_EQ(block.units_by_power, 6);
  EXPECT_EQ(block.units_by_energy, 1);
  EXPECT_EQ(block.units_by_cycle_life, 19);
  EXPECT_EQ(block.units, 19);
  EXPECT_EQ(block.binding, "cycle life");
  EXPECT_EQ(block.technology, "lithium_ion");
  EXPECT_NEAR(block.cycles_per_year, 5.0 * 8766.0 / (19 * 3.9), 1e-9);
  EXPECT_NEAR(block.life_years.value(), 6000.0 / (5.0 * 8766.0 / (19 * 3.9)), 1e-9);
  EXPECT_GE(block.life_years.value(), 10.0);

  const model::Battery scap{2.0 * u::MW, 33.3 * u::kWh, 0.95,
                            model::StorageTechnology::Supercapacitor, 1e6};
  const BatteryDesign buffer =
      size_battery(12.0 * u::MW, 2.0 * u::MW, 10.0 * u::second, true, "SCAP-2MW-60s", &scap);
  EXPECT_EQ(buffer.units_by_power, 5);
  EXPECT_EQ(buffer.units_by_energy, 1);
  EXPECT_EQ(buffer.units_by_cycle_life, 14);
  EXPECT_EQ(buffer.units, 14);
  EXPECT_EQ(buffer.technology, "supercapacitor");
  EXPECT_LT(buffer.units * 0.5, block.units * 1.47 / 3.0);
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
