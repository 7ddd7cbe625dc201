// Default failure rates: the Llama 3 calibration arithmetic, HBM scaling, overrides.

#include "rackscale/sim/reliability/component_rates.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "reliability_test_util.hpp"

namespace rackscale::sim {
namespace {

using model::ComponentType;

TEST(ComponentRates, TheLlama3TableHolds419UnexpectedInterruptions) {
  int total = 0;
  for (const auto& c : llama3_unexpected_interruptions()) total += c.interruptions;
  EXPECT_EQ(total, 419);
  EXPECT_EQ(llama3_interruptions(ComponentType::Gpu), 148 + 6);  // faulty GPU + thermal/sensor
  EXPECT_EQ(llama3_interruptions(ComponentType::Software), 54 + 7 + 2);
  EXPECT_EQ(llama3_interruptions(ComponentType::Chassis), 2 + 2);
  EXPECT_EQ(llama3_interruptions(ComponentType::Cdu), 0);
}

TEST(ComponentRates, PerInstanceMtbfIsInstanceHoursOverInterruptions) {
  const ComponentRates r = default_component_rates();
  // 16,384 GPUs x 1,296 h / 154 = 137,881.0 h per GPU.
  EXPECT_NEAR(r[ComponentType::Gpu].mtbf_h, 16384.0 * 1296.0 / 154.0, 1e-6);
  // 2,048 nodes x 1,296 h / 32 = 82,944 h per node.
  EXPECT_NEAR(r[ComponentType::HostMaintenance].mtbf_h, 82944.0, 1e-6);
  EXPECT_EQ(r[ComponentType::HostMaintenance].scope, ComponentScope::PerNode);
  EXPECT_EQ(r[ComponentType::Nic].scope, ComponentScope::PerNic);
  // Assumptions: an NVLink switch tray = 8 scale-out ports; facility gear by class.
  EXPECT_NEAR(r[ComponentType::NvlinkSwitchTray].mtbf_h, 16384.0 * 1296.0 / 35.0 / 8.0, 1e-6);
  EXPECT_DOUBLE_EQ(r[ComponentType::Cdu].mtbf_h, 50'000.0);
  EXPECT_EQ(r[ComponentType::Cdu].recovery, model::RecoveryPath::FacilityRepair);
}

// A substation transformer fails as CIGRE WG A2.37's survey counted (ISEIM 2017): 964 major
// failures in 167,459 transformer-years of 365.25 days, 0.575657% a year: 173.71 years, or
// 1,522,765 h. Inside the 0.005-0.015 failures a unit-year of the IEEE 493-1997 summary.
TEST(ComponentRates, TransformerFailsAtTheCigreSurveyRate) {
  const double mtbf_h = default_component_rates()[ComponentType::Transformer].mtbf_h;
  EXPECT_NEAR(mtbf_h, 1'522'765.1, 0.1);
  const double per_year = 8766.0 / mtbf_h;
  EXPECT_GT(per_year, 0.005);
  EXPECT_LT(per_year, 0.015);
}

TEST(ComponentRates, HbmFailuresScaleWithStacks) {
  const double h100 = default_component_rates(5)[ComponentType::Hbm].mtbf_h;
  EXPECT_NEAR(default_component_rates(8)[ComponentType::Hbm].mtbf_h, h100 * 5.0 / 8.0, 1e-6);
  EXPECT_EQ(hbm_stacks_for_gpu("B300"), 8);
  EXPECT_EQ(hbm_stacks_for_gpu("H100"), 5);
}

TEST(ComponentRates, TheLlama3ClusterFailsAtItsPublishedRate) {
  // 2,048 HGX H100 nodes with one NIC per GPU: 419 interruptions in 54 days (facility excluded).
  FleetSpec f = test::small_fleet(512, 4, 8);
  const double per_h = expected_job_failure_rate(default_component_rates(), f, 16384);
  EXPECT_NEAR(per_h * kLlama3Hours, 419.0, 1e-9);
}

TEST(ComponentRates, OverridesReplaceLawAndRecovery) {
  ComponentRates r = default_component_rates();
  model::ComponentOverride o;
  o.type = ComponentType::Gpu;
  o.mtbf = 50'000.0 * units::h;
  o.weibull_shape = 0.8;
  o.recovery = model::RecoveryPath::ReturnToVendor;
  apply_overrides(r, {o});
  EXPECT_DOUBLE_EQ(r[ComponentType::Gpu].mtbf_h, 50'000.0);
  EXPECT_DOUBLE_EQ(r[ComponentType::Gpu].weibull_shape, 0.8);
  EXPECT_FALSE(r[ComponentType::Gpu].exponential());
  EXPECT_EQ(r[ComponentType::Gpu].recovery, model::RecoveryPath::ReturnToVendor);
  // Untouched types keep their defaults.
  EXPECT_EQ(r[ComponentType::Hbm].recovery, model::RecoveryPath::Swap);
}

TEST(ComponentRates, WeibullScaleKeepsTheMeanAtTheMtbf) {
  ComponentModel m;
  m.mtbf_h = 1000.0;
  EXPECT_DOUBLE_EQ(m.weibull_scale_h(), 1000.0);  // shape 1: Gamma(2) = 1
  m.weibull_shape = 2.0;
  // Gamma(1.5) = sqrt(pi) / 2.
  EXPECT_NEAR(m.weibull_scale_h(), 1000.0 / (std::sqrt(std::numbers::pi) / 2.0), 1e-9);
}

TEST(ComponentRates, ExpectedUnitsDownIsRateTimesDowntime) {
  ComponentRates r = test::no_failures();
  test::enable(r, ComponentType::Gpu, 1000.0, model::RecoveryPath::Swap, 5.0);
  FleetSpec f = test::small_fleet(10, 2, 4);
  // 20 nodes x 4 GPUs / 1000 h x 5 h = 0.4 units down on average.
  EXPECT_NEAR(expected_units_down(r, f, f.units()), 0.4, 1e-12);
}

}  // namespace
}  // namespace rackscale::sim
