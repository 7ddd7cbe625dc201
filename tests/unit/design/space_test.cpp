#include "rackscale/design/space.hpp"

#include <gtest/gtest.h>

#include "rackscale/core/error.hpp"

namespace u = rackscale::units;
using rackscale::design::design_space;
using rackscale::design::SpaceLimits;

namespace {
rackscale::model::RackSystem gb300_like() {
  rackscale::model::RackSystem r;
  r.gpus_per_node = 4;
  r.nodes_per_rack = 18;
  r.power.design = 136.0 * u::kW;
  r.mass = 1500.0 * u::kg;
  r.footprint = {0.6 * u::m, 1.2 * u::m, 2.3 * u::m};
  return r;
}
}  // namespace

TEST(Space, RowsAndHallsByPower) {
  SpaceLimits lim;  // 1,360 kW per row, 50 MW per hall
  auto s = design_space(gb300_like(), 1000, lim);
  // 1360 / 136 = 10 racks per row (power-limited, below the 20-rack length limit).
  EXPECT_EQ(s.racks_per_row, 10);
  EXPECT_EQ(s.row_limit, "power");
  // 50 MW / 1.36 MW per row = 36.76 -> 36 rows per hall, 360 racks per hall.
  EXPECT_EQ(s.rows_per_hall, 36);
  EXPECT_EQ(s.racks_per_hall, 360);
  // 1000 racks / 10 = 100 rows; 100 / 36 -> 3 halls.
  EXPECT_EQ(s.rows, 100);
  EXPECT_EQ(s.halls, 3);
  // Loading: 1500 kg / (0.6 x 1.2) = 2083.3 kg/m^2 on the footprint; spread over
  // 0.6 x (1.2 + 1.2) = 1.44 m^2: 1041.7 kg/m^2, under the 2,400 kg/m^2 slab.
  EXPECT_NEAR(s.rack_point_loading.in(u::kg / u::m2), 2083.333, 1e-3);
  EXPECT_NEAR(s.distributed_loading.in(u::kg / u::m2), 1041.667, 1e-3);
  EXPECT_FALSE(s.spread_for_weight);
  // Row: 10 x 0.6 + 2 x 1.2 = 8.4 m long, 2.4 m pitch: 20.16 m^2 per row, 2,016 m^2 white space.
  EXPECT_NEAR(s.white_space.in(u::m2), 2016.0, 1e-9);
  // Gray space for 136 MW of IT: electrical 136 x 25 = 3,400 m^2, mechanical 136 x 15 =
  // 2,040 m^2; rooms with the white space 7,456 m^2. The building is 136 x 310 = 42,160 m^2
  // (the published campus density), so support space is 42,160 - 7,456 = 34,704 m^2.
  EXPECT_NEAR(s.electrical_rooms.in(u::m2), 3400.0, 1e-9);
  EXPECT_NEAR(s.mechanical_rooms.in(u::m2), 2040.0, 1e-9);
  EXPECT_NEAR(s.gross_area.in(u::m2), 42160.0, 1e-9);
  EXPECT_NEAR(s.support_space.in(u::m2), 34704.0, 1e-9);
}

TEST(Space, SmallSiteBuildingIsItsRoomsWhenDenserThanPublished) {
  // One 136 kW rack with a low published density of 10 m^2/MW: the rooms (one row laid for its
  // 10 racks, 10 x 0.6 + 2.4 = 8.4 m long x 2.4 m = 20.16 m^2 of white space, electrical
  // 0.136 x 25 = 3.4 m^2, mechanical 0.136 x 15 = 2.04 m^2) are 25.6 m^2 > 1.36 m^2, so the
  // building is its rooms, with no support space.
  SpaceLimits lim;
  lim.building_area_per_mw = 10.0 * u::m2;
  auto s = design_space(gb300_like(), 1, lim);
  EXPECT_NEAR(s.gross_area.in(u::m2), 25.6, 1e-9);
  EXPECT_NEAR(s.support_space.in(u::m2), 0.0, 1e-12);
}

TEST(Space, LightRacksAreLengthLimited) {
  auto r = gb300_like();
  r.power.design = 40.8 * u::kW;
  auto s = design_space(r, 45);
  // 1360 / 40.8 = 33 by power, but at most 20 per row.
  EXPECT_EQ(s.racks_per_row, 20);
  EXPECT_EQ(s.row_limit, "length");
  EXPECT_EQ(s.rows, 3);
  EXPECT_EQ(s.halls, 1);
}

TEST(Space, HeavyRacksAreSpreadOut) {
  auto r = gb300_like();
  r.mass = 4000.0 * u::kg;
  SpaceLimits lim;
  lim.floor_limit = 1500.0 * u::kg / u::m2;
  auto s = design_space(r, 10, lim);
  // 4000 / (1500 x 2.4) = 1.111 m slot per rack instead of 0.6 m.
  EXPECT_TRUE(s.spread_for_weight);
  EXPECT_NEAR(s.slot_width.in(u::m), 4000.0 / 3600.0, 1e-12);
  EXPECT_NEAR(s.distributed_loading.in(u::kg / u::m2), 1500.0, 1e-9);
}

TEST(Space, RackAboveRowLimitIsAnError) {
  auto r = gb300_like();
  r.power.design = 1500.0 * u::kW;
  EXPECT_THROW(design_space(r, 1), rackscale::Error);
}

TEST(Space, CountsNeverDecreaseWithRacks) {
  int prev_rows = 0, prev_halls = 0;
  for (int racks = 0; racks <= 2000; racks += 7) {
    auto s = design_space(gb300_like(), racks);
    EXPECT_GE(s.rows, prev_rows);
    EXPECT_GE(s.halls, prev_halls);
    EXPECT_GE(s.rows * s.racks_per_row, racks);
    prev_rows = s.rows;
    prev_halls = s.halls;
  }
}
