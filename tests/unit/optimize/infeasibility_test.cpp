#include "rackscale/optimize/infeasibility.hpp"

#include <gtest/gtest.h>

namespace rackscale::optimize {
namespace {

//! One candidate of one 100-rack phase (100 MUSD), built in 2 periods; 20 racks wanted online by
//! period 5 at least cost; 8 one-week periods (all in budget year 0); factories deliver plenty.
Problem target_of_20_racks() {
  Problem problem;
  problem.periods = 8;
  problem.period_weeks = 1.0;
  problem.gpus_per_rack = 72;
  problem.rack_it_mw = 0.1;
  problem.factory_racks.assign(8, 100);
  Candidate site;
  site.name = "one";
  site.phases = 1;
  site.racks_per_phase = 100;
  site.build_periods = 2;
  site.phase_capex_musd = 100.0;
  site.grid_mw = {1000.0};
  site.facility_mw_per_it_mw = 1.2;
  problem.candidates.push_back(site);
  problem.objective.kind = ObjectiveKind::LeastCost;
  problem.objective.target_racks = 20;
  problem.objective.target_period = 5;
  return problem;
}

TEST(OptimizeInfeasibility, NamesTheBudgetAndItsShortfall) {
  Problem problem = target_of_20_racks();
  problem.capex_budget_musd_per_year = {60.0};  // the phase costs 100: 40 MUSD short
  InfeasibilityOptions options;
  options.year_label = [](int year) { return std::to_string(2026 + year); };
  options.period_label = [](int period) { return "week " + std::to_string(period); };
  const InfeasibilityReport report = explain_infeasibility(problem, options);
  ASSERT_TRUE(report.infeasible);
  EXPECT_EQ(report.racks_reachable, 0);
  ASSERT_EQ(report.remedies.size(), 1U);
  ASSERT_EQ(report.remedies[0].size(), 1U);
  EXPECT_EQ(report.remedies[0][0].constraint, RowFamily::Budget);
  EXPECT_NEAR(report.remedies[0][0].amount, 40.0, 1e-6);
  EXPECT_EQ(report.message,
            "20 racks cannot be online by week 5: at most 0 can, 20 short.\n"
            "Any one of these closes the gap:\n"
            "- the 2026 capex budget is 40 MUSD short");
}

TEST(OptimizeInfeasibility, NamesTheGridPowerMissing) {
  // 1.2 MW holds floor(1.2 / (0.1 x 1.2)) = 10 racks; 20 racks need 2.4 MW: 1.2 MW short.
  Problem problem = target_of_20_racks();
  problem.candidates[0].grid_mw = {1.2};
  const InfeasibilityReport report = explain_infeasibility(problem);
  ASSERT_TRUE(report.infeasible);
  EXPECT_EQ(report.racks_reachable, 10);
  ASSERT_EQ(report.remedies.size(), 1U);
  EXPECT_EQ(report.remedies[0][0].constraint, RowFamily::Power);
  EXPECT_NEAR(report.remedies[0][0].amount, 1.2, 1e-6);
  EXPECT_NE(report.message.find("one lacks 1.2 MW of grid or bridging power in period 5"), std::string::npos)
      << report.message;
}

TEST(OptimizeInfeasibility, NothingToExplainWhenAPlanExists) {
  EXPECT_FALSE(explain_infeasibility(target_of_20_racks()).infeasible);
}

TEST(OptimizeInfeasibility, TimeTooShortHasNoSingleRemedy) {
  // Built in 2 periods from period 0: nothing can be online by period 1.
  Problem problem = target_of_20_racks();
  problem.objective.target_period = 1;
  const InfeasibilityReport report = explain_infeasibility(problem);
  ASSERT_TRUE(report.infeasible);
  EXPECT_TRUE(report.remedies.empty());
  EXPECT_NE(report.message.find("No single constraint closes the gap"), std::string::npos);
}

}  // namespace
}  // namespace rackscale::optimize
