// Young's and Daly's checkpoint formulas, checked against hand arithmetic.

#include "rackscale/sim/reliability/checkpoint_model.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "rackscale/core/error.hpp"

namespace rackscale::sim {
namespace {

TEST(CheckpointModel, YoungIsTheSquareRootOfTwiceCostTimesMtbf) {
  // delta 0.1 h, M 50 h: sqrt(2 x 0.1 x 50) = sqrt(10) = 3.16228 h.
  EXPECT_NEAR(young_interval(0.1, 50.0), 3.1622777, 1e-6);
  EXPECT_DOUBLE_EQ(young_interval(0.0, 50.0), 0.0);
}

TEST(CheckpointModel, DalyAddsTheHigherOrderTerms) {
  // x = 0.1 / 100 = 0.001: sqrt(10) (1 + sqrt(0.001)/3 + 0.001/9) - 0.1
  //   = 3.1622777 x 1.0106522 - 0.1 = 3.0959624 h.
  EXPECT_NEAR(daly_interval(0.1, 50.0), 3.0959624, 1e-6);
  // delta >= 2M: checkpoint once per MTBF.
  EXPECT_DOUBLE_EQ(daly_interval(10.0, 5.0), 5.0);
  EXPECT_DOUBLE_EQ(daly_interval(10.0, 4.0), 4.0);
}

TEST(CheckpointModel, DalyWallTimeByHand) {
  // W 10 h in intervals of 1 h, delta 0.1 h, R 0.2 h, M 20 h:
  // T = 20 e^0.01 (e^0.055 - 1) x 10 = 20 x 1.0100502 x 0.0565406 x 10 = 11.421771 h.
  EXPECT_NEAR(daly_expected_wall_time(10.0, 1.0, 0.1, 0.2, 20.0), 11.421771, 1e-5);
  EXPECT_NEAR(daly_goodput(1.0, 0.1, 0.2, 20.0), 10.0 / 11.421771, 1e-6);
  // No failures in sight: only the checkpoints cost time.
  EXPECT_NEAR(daly_expected_wall_time(10.0, 1.0, 0.1, 0.2, 1e12), 11.0, 1e-6);
}

TEST(CheckpointModel, TheOptimumMinimizesTheWallTime) {
  const double delta = 2.0 / 60, restart = 10.0 / 60, mtbf = 3.0;
  const double best = daly_interval(delta, mtbf);
  const double t = daly_expected_wall_time(100.0, best, delta, restart, mtbf);
  EXPECT_LT(t, daly_expected_wall_time(100.0, 0.8 * best, delta, restart, mtbf));
  EXPECT_LT(t, daly_expected_wall_time(100.0, 1.25 * best, delta, restart, mtbf));
}

TEST(CheckpointModel, RejectsBadInput) {
  EXPECT_THROW(young_interval(-1.0, 5.0), Error);
  EXPECT_THROW(daly_interval(0.1, 0.0), Error);
  EXPECT_THROW(daly_expected_wall_time(1.0, 0.0, 0.1, 0.1, 5.0), Error);
}

}  // namespace
}  // namespace rackscale::sim
