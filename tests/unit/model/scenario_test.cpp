#include "rackscale/model/scenario.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "rackscale/core/error.hpp"

namespace u = rackscale::units;
using rackscale::model::DurationDistribution;

TEST(DurationDistribution, Medians) {
  DurationDistribution d;
  d.kind = DurationDistribution::Kind::Uniform;
  d.a = 10.0 * u::week;
  d.b = 20.0 * u::week;
  EXPECT_DOUBLE_EQ(d.median().in(u::week), 15.0);
  // Triangular(0, 0, 1): F(x) = 1 - (1 - x)^2 = 0.5 -> x = 1 - sqrt(0.5).
  d.kind = DurationDistribution::Kind::Triangular;
  d.a = 0.0 * u::week;
  d.b = 0.0 * u::week;
  d.c = 1.0 * u::week;
  EXPECT_NEAR(d.median().in(u::week), 1.0 - std::sqrt(0.5), 1e-12);
  // Triangular(0, 1, 1): F(x) = x^2 = 0.5 -> x = sqrt(0.5).
  d.b = 1.0 * u::week;
  EXPECT_NEAR(d.median().in(u::week), std::sqrt(0.5), 1e-12);
}

TEST(Target, RacksFromItPowerRoundDown) {
  rackscale::model::RackSystem rack;
  rack.gpus_per_node = 4;
  rack.nodes_per_rack = 18;
  rack.power.design = 136.0 * u::kW;
  rackscale::model::Target t;
  t.it_power = 500.0 * u::MW;
  // 500,000 kW / 136 kW = 3676.47 -> 3,676 whole racks within the power.
  EXPECT_EQ(t.racks_for(rack), 3676);
  t.it_power = 136.0 * 10 * u::kW;
  EXPECT_EQ(t.racks_for(rack), 10);
  // With an AC max above the design figure, a rack's IT power is the max (the load the power
  // chain is sized for): 500,000 kW / 142 kW = 3,521.13 -> 3,521 racks.
  rack.power.max = 142.0 * u::kW;
  EXPECT_DOUBLE_EQ(rack.power.it_design().in(u::kW), 142.0);
  t.it_power = 500.0 * u::MW;
  EXPECT_EQ(t.racks_for(rack), 3521);
}

TEST(Target, RacksBeyondAnIntegerAreAnErrorNotAWrappedNumber) {
  // Both values within the input limits (1 TW, a positive rack power), but 1e12 W / 1 W is
  // 1e12 racks: v0.1 cast it to int (undefined; -2,147,483,648 in practice).
  rackscale::model::RackSystem rack;
  rack.gpus_per_node = 4;
  rack.nodes_per_rack = 1;
  rack.power.design = 1.0 * u::W;
  rackscale::model::Target t;
  t.it_power = 1000.0 * u::GW;
  EXPECT_THROW(t.racks_for(rack), rackscale::Error);
}
