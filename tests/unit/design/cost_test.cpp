#include "rackscale/design/cost.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace u = rackscale::units;
using namespace rackscale::design;

TEST(Cost, CapitalRecoveryFactor) {
  // 8% over 5 years: 0.08 x 1.08^5 / (1.08^5 - 1) = 0.250456.
  EXPECT_NEAR(capital_recovery_factor(0.08, 5), 0.2504564545, 1e-9);
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.0, 4), 0.25);
}

TEST(Cost, HandComputedSite) {
  CostInput in;
  in.racks = 100;
  in.gpus = 7200;
  in.rack_price = 3.0 * u::MUSD;
  in.network_capex = 20.0 * u::MUSD;
  in.critical_design = 15.0 * u::MW;
  in.it_design = 13.6 * u::MW;
  in.annual_facility_energy = 100'000.0 * u::MWh;
  in.annual_water_litres = 1.0e6;
  in.tariff = 50.0 * u::USD / u::MWh;
  in.water_price = 2.0 * u::USD / u::m3;
  in.land_cost = 5.0 * u::MUSD;
  CostAssumptions a;  // 2% maintenance, 0.2 staff/MW at 150 kUSD, 5 y, 8%
  a.facility_cost_per_mw = 11.7 * u::MUSD / u::MW;  // top-down, as policies.cost sets it
  Cost c = compute_cost(in, a);
  EXPECT_NEAR(c.it.in(u::MUSD), 300.0, 1e-9);
  // Facility 11.7 x 15 = 175.5 MUSD: MEP 53% = 93.015, electrical 55% of it = 51.15825.
  EXPECT_NEAR(c.electrical.in(u::MUSD), 51.15825, 1e-9);
  EXPECT_NEAR(c.mechanical.in(u::MUSD), 93.015 - 51.15825, 1e-9);
  EXPECT_NEAR(c.shell_and_site.in(u::MUSD), 175.5 - 93.015, 1e-9);
  EXPECT_NEAR(c.capex_total.in(u::MUSD), 300 + 20 + 175.5 + 5, 1e-9);
  // Energy 100,000 MWh x 50 = 5 MUSD; water 1,000 m^3 x 2 = 2,000 USD;
  // staff 0.2 x 13.6 x 150k = 408 kUSD; maintenance 2% x 175.5 = 3.51 MUSD.
  EXPECT_NEAR(c.energy_per_year.in(u::MUSD), 5.0, 1e-9);
  EXPECT_NEAR(c.water_per_year.in(u::USD), 2000.0, 1e-6);
  EXPECT_NEAR(c.staff_per_year.in(u::kUSD), 408.0, 1e-9);
  EXPECT_NEAR(c.maintenance_per_year.in(u::MUSD), 3.51, 1e-9);
  double opex = 5.0 + 0.002 + 0.408 + 3.51;
  EXPECT_NEAR(c.opex_per_year.in(u::MUSD), opex, 1e-9);
  // Present value of 5 yearly payments at 8% = (1 - 1.08^-5) / 0.08 = 3.992710.
  double pv = (1 - std::pow(1.08, -5)) / 0.08;
  EXPECT_NEAR(c.tco.in(u::MUSD), 500.5 + pv * opex, 1e-6);
  double annual =
      capital_recovery_factor(0.08, 5) * 320.0 + capital_recovery_factor(0.08, 20) * 180.5 + opex;
  EXPECT_NEAR(c.annualized_cost.in(u::MUSD), annual, 1e-9);
  EXPECT_NEAR(c.cost_per_gpu_hour_usd, annual * 1e6 / (7200 * 8766.0), 1e-9);
}

TEST(Cost, PolicyOverridesDefaults) {
  rackscale::model::CostPolicy p;
  p.facility_cost_per_mw = 9.3 * u::MUSD / u::MW;
  p.discount_rate = 0.05;
  auto a = cost_assumptions(p);
  ASSERT_TRUE(a.facility_cost_per_mw.has_value());
  EXPECT_NEAR(a.facility_cost_per_mw->in(u::MUSD / u::MW), 9.3, 1e-12);
  EXPECT_DOUBLE_EQ(a.discount_rate, 0.05);
  EXPECT_DOUBLE_EQ(a.maintenance_fraction, 0.02);
}

// Bottom-up: the facility's categories come from the capex lines; maintenance is 2% of the hard
// cost (10 + 5 + 3 + 2 = 20 MUSD: 0.4 MUSD a year), capex adds the 4 MUSD of soft costs; the
// per-MW figure is 20 MUSD / 10 MW = 2 MUSD/MW.
TEST(Cost, BottomUpFacility) {
  CostInput in;
  in.critical_design = 10.0 * u::MW;
  in.facility.electrical = 10.0 * u::MUSD;
  in.facility.mechanical = 5.0 * u::MUSD;
  in.facility.shell_and_site = 3.0 * u::MUSD;
  in.facility.overheads = 2.0 * u::MUSD;
  in.facility.soft_costs = 4.0 * u::MUSD;
  Cost c = compute_cost(in, CostAssumptions{});
  EXPECT_NEAR(c.facility_hard.in(u::MUSD), 20.0, 1e-9);
  EXPECT_NEAR(c.facility_hard_per_mw.in(u::MUSD / u::MW), 2.0, 1e-9);
  EXPECT_NEAR(c.capex_total.in(u::MUSD), 24.0, 1e-9);
  EXPECT_NEAR(c.maintenance_per_year.in(u::MUSD), 0.4, 1e-9);
}
