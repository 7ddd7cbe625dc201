#include "rackscale/optimize/problem_builder.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "rackscale/io/scenario_loader.hpp"
#include "small_fixture.hpp"

namespace rackscale::optimize {
namespace {

using rackscale::test::small_with_fixed_durations;

TEST(ProblemBuilder, PeriodsRacksAndPhasesByHand) {
  const auto loaded = small_with_fixed_durations();
  const BuiltProblem built = build_problem(loaded.scenario, loaded.catalog);
  const Problem& p = built.problem;
  // 156 weeks in 4-week periods.
  EXPECT_EQ(p.periods, 39);
  EXPECT_DOUBLE_EQ(p.period_weeks, 4.0);
  EXPECT_EQ(p.gpus_per_rack, 72);
  // Factory: 1000 racks/week = 4000 a period; the contract: 5000 firm, then 3000 more once the
  // option window opens on 2027-01-01 (in period 12: 2026-12-07 to 2027-01-03).
  ASSERT_EQ(p.factory_racks.size(), 39u);
  EXPECT_EQ(p.factory_racks[0], 4000);
  EXPECT_EQ(p.factory_racks[1], 1000);
  EXPECT_EQ(std::accumulate(p.factory_racks.begin() + 2, p.factory_racks.begin() + 12, 0), 0);
  EXPECT_EQ(p.factory_racks[12], 3000);
  EXPECT_EQ(std::accumulate(p.factory_racks.begin(), p.factory_racks.end(), 0), 8000);
  ASSERT_EQ(p.candidates.size(), 3u);
  const Candidate& abilene = p.candidates[0];
  // 600 MW in 150 MW phases; 150 MW / 142 kW per rack (its AC max, above the 136 kW DC design).
  EXPECT_EQ(abilene.phases, 4);
  EXPECT_EQ(abilene.racks_per_phase, 1056);
  // 36 weeks = 9 periods; earliest start 2026-02-02 = day 28 = period 1.
  EXPECT_EQ(abilene.build_periods, 9);
  EXPECT_EQ(abilene.earliest_start, 1);
  // Requested 2022-01-03 + 260 weeks = 2026-12-28, day 357: the first
  // period starting after it is 13 (day 364).
  ASSERT_EQ(abilene.grid_mw.size(), 39u);
  EXPECT_DOUBLE_EQ(abilene.grid_mw[12], 0.0);
  EXPECT_DOUBLE_EQ(abilene.grid_mw[13], 700.0);
  EXPECT_DOUBLE_EQ(abilene.energy_usd_per_mwh, 66.0);
  // 820 lb/MWh x 0.45359237 kg/lb.
  EXPECT_NEAR(abilene.carbon_t_per_mwh, 0.371946, 1e-6);
  // Budget: 2026 listed, later years unlimited.
  ASSERT_FALSE(p.capex_budget_musd_per_year.empty());
  EXPECT_DOUBLE_EQ(p.capex_budget_musd_per_year[0], 8000.0);
  EXPECT_EQ(p.max_concurrent_phases, 4);
  // New Albany: 300 MW in 100 MW phases.
  EXPECT_EQ(p.candidates[2].phases, 3);
  EXPECT_EQ(p.candidates[2].racks_per_phase, 704);
}

TEST(ProblemBuilder, BridgingBlocksBecomeOffersByHand) {
  const std::string small = std::string(RACKSCALE_SOURCE_DIR) + "/tests/data/optimize/small.yaml";
  const auto loaded = io::load_scenario(io::ScenarioSource{
      small,
      std::nullopt,
      {"candidates.defaults.construction={permitting: 4 weeks, shell: 20 weeks, fit_out: 10 "
       "weeks, commissioning: 2 weeks}",
       "candidates.defaults.power={interconnection: {requested: 2022-01-03, capacity: 700 MW, "
       "stages: {request_to_studies: 0 weeks, studies: 0 weeks, agreement: 0 weeks, "
       "network_upgrades: 260 weeks, energization: 0 weeks}}, bridging: [{technology: "
       "gas_turbine, capacity: 120 MW, ordered: 2026-02-02, lead_time: 26 weeks, capex: 900 "
       "USD/kW, heat_rate: 9000 Btu/kWh, fuel_price: 4 USD/MMBtu, variable_om: 5 USD/MWh, "
       "emissions: 1100 lb/MWh}]}"},
      {}});
  const Problem& p = build_problem(loaded.scenario, loaded.catalog).problem;
  ASSERT_EQ(p.candidates[0].bridging.size(), 1u);
  const BridgingOffer& offer = p.candidates[0].bridging[0];
  EXPECT_EQ(offer.technology, "gas_turbine");
  EXPECT_DOUBLE_EQ(offer.max_mw, 120.0);
  // Ordered on day 28 (start 2026-01-05) + 26 weeks (182 days) = day 210 = 7.5 periods of 28
  // days: carries load from period 8.
  EXPECT_EQ(offer.lead_periods, 8);
  // 900 USD/kW = 0.9 MUSD/MW.
  EXPECT_NEAR(offer.capex_musd_per_mw, 0.9, 1e-12);
  // 9,000 Btu/kWh x 4 USD/MMBtu = 36 USD/MWh of fuel, + 5 USD/MWh of variable O&M.
  EXPECT_NEAR(offer.energy_usd_per_mwh, 41.0, 1e-9);
  // 1,100 lb/MWh x 0.45359237 kg/lb = 0.498951607 t/MWh.
  EXPECT_NEAR(offer.carbon_t_per_mwh, 0.498951607, 1e-9);
}

TEST(ProblemBuilder, FacilityPowerPerItMwIsAboveOne) {
  const auto loaded = small_with_fixed_durations();
  const BuiltProblem built = build_problem(loaded.scenario, loaded.catalog);
  for (const Candidate& c : built.problem.candidates) {
    // Cooling and losses come on top of the IT load; a design PUE at peak of 1 to 2.
    EXPECT_GT(c.facility_mw_per_it_mw, 1.0) << c.name;
    EXPECT_LT(c.facility_mw_per_it_mw, 2.0) << c.name;
    EXPECT_GT(c.phase_capex_musd, 0.0) << c.name;
  }
}

}  // namespace
}  // namespace rackscale::optimize
