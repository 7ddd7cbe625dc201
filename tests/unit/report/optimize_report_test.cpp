#include "rackscale/report/optimize_report.hpp"

#include <gtest/gtest.h>

#include "rackscale/optimize/problem_builder.hpp"

namespace rackscale {
namespace {

using optimize::BridgingOffer;

// One candidate with no grid in periods 0-1 and 10 MW from period 2; two bridging offers ordered
// in period 0: 20 MW of gas turbines (80 USD/MWh, 0.5 t/MWh, 1 period lead) and 5 MW of engines
// (70 USD/MWh, 0.55 t/MWh, no lead). 40 racks of 0.1 MW are installed in each of periods 0-2 at
// a PUE of 1.25: facility load 5, 10, 15, 15 MW in periods 0-3 (weeks of 168 h).
optimize::BuiltProblem bridged_site() {
  optimize::BuiltProblem built;
  built.start = Date::from_ymd(2027, 1, 4);
  built.problem.periods = 4;
  built.problem.period_weeks = 1.0;
  built.problem.rack_it_mw = 0.1;
  built.problem.gpus_per_rack = 72;
  optimize::Candidate c;
  c.name = "bridged";
  c.phases = 1;
  c.phase_mw = 12.0;
  c.racks_per_phase = 120;
  c.grid_mw = {0.0, 0.0, 10.0};
  c.facility_mw_per_it_mw = 1.25;
  c.energy_usd_per_mwh = 50.0;
  c.carbon_t_per_mwh = 0.4;
  c.water_m3_per_mwh = 1.0;
  c.bridging = {BridgingOffer{"gas_turbine", 20.0, 1, 1.0, 80.0, 0.5},
                BridgingOffer{"reciprocating_engine", 5.0, 0, 1.2, 70.0, 0.55}};
  built.problem.candidates = {c};
  return built;
}

optimize::Plan bridged_plan() {
  optimize::CandidatePlan p;
  p.chosen = true;
  p.phases = {optimize::PhaseStart{0, 0}};
  p.bridging_mw = {20.0, 5.0};
  p.bridging_period = {0, 0};
  p.racks_installed = {40, 40, 40, 0};
  optimize::Plan plan;
  plan.candidates = {p};
  return plan;
}

// By hand, cheapest bridging first where the grid falls short:
//   period 0: 5 MW, no grid, the turbines not yet there: engines 5 MW
//   period 1: 10 MW, no grid: engines 5 MW, turbines 5 MW
//   periods 2, 3: 15 MW, grid 10 MW: engines 5 MW
// grid 20 MW-weeks, engines 20, turbines 5: x 168 h = 3,360, 3,360 and 840 MWh.
TEST(OptimizeReport, BridgingCarriesWhatTheGridCannotAtItsOwnCostAndCarbon) {
  const auto outcomes = report::candidate_outcomes(bridged_site(), bridged_plan());
  ASSERT_EQ(outcomes.size(), 1u);
  const auto& o = outcomes[0];
  EXPECT_NEAR(o.energy_mwh, 45.0 * 168.0, 1e-6);
  EXPECT_NEAR(o.bridging_mwh, 25.0 * 168.0, 1e-6);
  // 3,360 x 50 + 3,360 x 70 + 840 x 80 = 470,400 USD.
  EXPECT_NEAR(o.energy_cost_musd, 0.4704, 1e-9);
  // 3,360 x 0.4 + 3,360 x 0.55 + 840 x 0.5 = 3,612 t.
  EXPECT_NEAR(o.carbon_t, 3612.0, 1e-6);
  EXPECT_NEAR(o.water_m3, 45.0 * 168.0, 1e-6);
  // Capex: 20 x 1.0 + 5 x 1.2 MUSD of bridging, no site or phase capex in this problem.
  EXPECT_NEAR(o.capex_musd, 26.0, 1e-9);
}

}  // namespace
}  // namespace rackscale
