// Counterfactual attribution on cases solved by hand: the best fix is known and differs from
// what the binding view names most; the day and GPU-week gains match the hand counts. With
// common random numbers a relaxation that changes nothing gains exactly nothing, and results do
// not depend on the thread count.

#include "rackscale/analysis/attribution.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../sim/buildout/buildout_test_util.hpp"
#include "rackscale/study/study.hpp"

namespace rackscale {
namespace {

using analysis::Attribution;
using analysis::ConstraintGain;
using test::BuildoutCase;

// `runs` base runs, their summary and the attribution over all of them.
Attribution attribute(const BuildoutCase& c, int runs, int threads = 1) {
  const sim::BuildoutModel model(c.input());
  std::vector<sim::BuildoutRun> base;
  std::vector<analysis::RunOutcome> outcomes;
  for (int run = 0; run < runs; ++run) {
    base.push_back(model.run(c.loaded.scenario.simulation.seed, run));
    outcomes.push_back(analysis::outcome_of(base.back()));
  }
  const auto summary =
      analysis::summarize_buildout(base, c.loaded.scenario.start, c.loaded.scenario.contracts);
  return analysis::attribute_counterfactually(model.plan(), summary, outcomes,
                                              {runs, c.loaded.scenario.simulation.seed, threads});
}

const ConstraintGain& gain(const analysis::SiteAttribution& site, const std::string& name) {
  for (const auto& g : site.gains) {
    if (g.constraint == name) return g;
  }
  static const ConstraintGain none;
  ADD_FAILURE() << "no gain for " << name;
  return none;
}

// GPUs of one GB300 NVL72 rack.
constexpr double kGpus = 72.0;

TEST(Attribution, CommissioningCrewsBindThoughConstructionIsNamedMost) {
  // attribution_crews.yaml: all 100 racks arrive on day 32; the site is ready on day 35;
  // commissioning crews do 5 racks a day: 50 racks on day 44, 100 on day 54.
  // Weekly values are taken on days 34, 41, 48, 55: online 0, 35, 70, 100.
  const Attribution a = attribute(BuildoutCase(test::data_path("attribution_crews.yaml")), 2);
  ASSERT_EQ(a.sites.size(), 1u);
  const auto& site = a.sites[0];
  // Binding view: construction holds all 100 racks in weeks 0-4 (500 rack-weeks), crews 65 and
  // 30 racks in weeks 5 and 6 (95).
  EXPECT_EQ(site.critical_at_end, "construction");
  EXPECT_EQ(site.main_bottleneck, "commissioning_crews");

  // Unlimited commissioning crews: all 100 online on day 35; weekly 0, 100, 100, 100.
  const auto& crews = gain(site, "commissioning_crews");
  EXPECT_DOUBLE_EQ(crews.days_earlier_half, 44 - 35);
  EXPECT_DOUBLE_EQ(crews.days_earlier_full, 54 - 35);
  EXPECT_DOUBLE_EQ(crews.gpu_weeks_gained, (65 + 30) * kGpus);
  EXPECT_DOUBLE_EQ(crews.held_back_rack_weeks, 95.0);

  // No construction time: ready on day 0, commissioning from the arrival on day 32: 50 on day
  // 41, 100 on day 51; weekly 15, 50, 85, 100.
  const auto& construction = gain(site, "construction");
  EXPECT_DOUBLE_EQ(construction.days_earlier_half, 44 - 41);
  EXPECT_DOUBLE_EQ(construction.days_earlier_full, 54 - 51);
  EXPECT_DOUBLE_EQ(construction.gpu_weeks_gained, (15 + 15 + 15) * kGpus);
  EXPECT_DOUBLE_EQ(construction.held_back_rack_weeks, 500.0);

  // Install crews of 100 racks a day already install every rack on arrival: nothing to gain.
  const auto& install = gain(site, "install_crews");
  EXPECT_DOUBLE_EQ(install.gpu_weeks_gained, 0.0);
  EXPECT_DOUBLE_EQ(install.days_earlier_full, 0.0);

  // Both: all 100 online on day 32; weekly 100, 100, 100, 100.
  const auto& pair = site.gains.back();
  EXPECT_TRUE(pair.pair);
  EXPECT_EQ(pair.constraint, "commissioning_crews + construction");
  EXPECT_DOUBLE_EQ(pair.days_earlier_half, 44 - 32);
  EXPECT_DOUBLE_EQ(pair.days_earlier_full, 54 - 32);
  EXPECT_DOUBLE_EQ(pair.gpu_weeks_gained, (100 + 65 + 30) * kGpus);
}

TEST(Attribution, GridIsTheBestFixThoughSwitchgearIsNamedMost) {
  // attribution_grid.yaml: racks on site on day 4; switchgear on day 70, ready on day 77; the
  // grid carries 50 racks until day 154, then all 100. Online: 50 from day 77, 100 from 154.
  BuildoutCase c(test::data_path("attribution_grid.yaml"));
  const auto& design = c.designs[0];
  const double mw_per_rack = design.power.design.total.in(units::MW) / design.racks;
  c.scenario().sites[0].grid[0].capacity = 50.5 * mw_per_rack * units::MW;  // 50 racks
  const Attribution a = attribute(c, 2);
  const auto& site = a.sites[0];
  // Binding view: switchgear holds 100 racks in weeks 0-10 (1,100 rack-weeks); the grid 50
  // racks in weeks 11-21 (550).
  EXPECT_EQ(site.critical_at_end, "long_lead:switchgear");
  EXPECT_EQ(site.main_bottleneck, "grid");

  // Grid for all racks from day 0: 100 online on day 77; weeks 11-21 gain 50 racks each.
  const auto& grid = gain(site, "grid");
  EXPECT_DOUBLE_EQ(grid.days_earlier_half, 0.0);
  EXPECT_DOUBLE_EQ(grid.days_earlier_full, 154 - 77);
  EXPECT_DOUBLE_EQ(grid.gpu_weeks_gained, 11 * 50 * kGpus);
  EXPECT_DOUBLE_EQ(grid.held_back_rack_weeks, 550.0);

  // Switchgear on day 0: ready on day 35 (fit-out ends on day 28); 50 online from day 35, so
  // weeks 5-10 gain 50 racks each; 100% still waits for the grid.
  const auto& switchgear = gain(site, "long_lead:switchgear");
  EXPECT_DOUBLE_EQ(switchgear.days_earlier_half, 77 - 35);
  EXPECT_DOUBLE_EQ(switchgear.days_earlier_full, 0.0);
  EXPECT_DOUBLE_EQ(switchgear.gpu_weeks_gained, 6 * 50 * kGpus);
  EXPECT_DOUBLE_EQ(switchgear.held_back_rack_weeks, 1100.0);

  // No construction time: ready on day 70 (the switchgear), week 10 gains 50 racks.
  const auto& construction = gain(site, "construction");
  EXPECT_DOUBLE_EQ(construction.days_earlier_half, 7.0);
  EXPECT_DOUBLE_EQ(construction.gpu_weeks_gained, 50 * kGpus);

  // Both: 100 online from day 35: weeks 5-10 gain 100 racks, weeks 11-21 gain 50.
  const auto& pair = site.gains.back();
  EXPECT_EQ(pair.constraint, "grid + long_lead:switchgear");
  EXPECT_DOUBLE_EQ(pair.days_earlier_half, 77 - 35);
  EXPECT_DOUBLE_EQ(pair.days_earlier_full, 154 - 35);
  EXPECT_DOUBLE_EQ(pair.gpu_weeks_gained, (6 * 100 + 11 * 50) * kGpus);
}

TEST(Attribution, GainsToATargetNeverReachedAreLowerBounds) {
  // attribution_grid.yaml with its grid kept at 50 racks: 100% is never reached within the 182
  // simulated days; with the grid relaxed it is reached on day 77, so at least 182 - 77 days
  // earlier.
  BuildoutCase c(test::data_path("attribution_grid.yaml"));
  const auto& design = c.designs[0];
  const double mw_per_rack = design.power.design.total.in(units::MW) / design.racks;
  c.scenario().sites[0].grid = {c.scenario().sites[0].grid[0]};
  c.scenario().sites[0].grid[0].capacity = 50.5 * mw_per_rack * units::MW;
  const Attribution a = attribute(c, 1);
  const auto& site = a.sites[0];
  EXPECT_EQ(site.main_bottleneck, "grid");
  const auto& grid = gain(site, "grid");
  EXPECT_TRUE(grid.full_lower_bound);
  EXPECT_FALSE(grid.half_lower_bound);
  EXPECT_DOUBLE_EQ(grid.days_earlier_full, 182 - 77);
  // Weeks 11-25 gain 50 racks each.
  EXPECT_DOUBLE_EQ(grid.gpu_weeks_gained, 15 * 50 * kGpus);
}

TEST(Attribution, RelaxationThatChangesNothingGainsExactlyNothing) {
  // The flagship draws at random; its install crews are faster than its commissioning crews,
  // so unlimited install crews put no rack online sooner. With common random numbers every run
  // is then the same as its base run, and the gain is exactly 0 at every site. Racks are released
  // as soon as possible here: under build to need, faster crews also plan faster releases.
  BuildoutCase flagship(test::example_path("flagship.yaml"));
  flagship.scenario().policies.production.release = model::ReleaseRule::AsSoonAsPossible;
  const Attribution a = attribute(flagship, 8);
  ASSERT_EQ(a.sites.size(), 3u);
  for (const auto& site : a.sites) {
    SCOPED_TRACE(site.site);
    const auto& install = gain(site, "install_crews");
    EXPECT_EQ(install.gpu_weeks_gained, 0.0);
    EXPECT_EQ(install.days_earlier_half, 0.0);
    EXPECT_EQ(install.days_earlier_full, 0.0);
    EXPECT_GT(install.held_back_rack_weeks, 0.0);  // the binding view's "crews"
    EXPECT_FALSE(site.main_bottleneck.empty());
  }
}

TEST(Attribution, SameResultOnOneOrTwoThreads) {
  const BuildoutCase c(test::example_path("flagship.yaml"));
  const Attribution one = attribute(c, 6, 1);
  const Attribution two = attribute(c, 6, 2);
  ASSERT_EQ(one.sites.size(), two.sites.size());
  for (std::size_t s = 0; s < one.sites.size(); ++s) {
    ASSERT_EQ(one.sites[s].gains.size(), two.sites[s].gains.size());
    for (std::size_t g = 0; g < one.sites[s].gains.size(); ++g) {
      EXPECT_EQ(one.sites[s].gains[g].constraint, two.sites[s].gains[g].constraint);
      EXPECT_EQ(one.sites[s].gains[g].gpu_weeks_gained, two.sites[s].gains[g].gpu_weeks_gained);
    }
  }
}

TEST(Attribution, StudyRunsItOnTheFirstRunsOrNotAtAll) {
  const Study study = Study::from_file(test::data_path("attribution_crews.yaml"));
  RunOptions options;
  options.runs = 3;
  options.attribution_runs = 2;
  const PlanResult result = study.plan(options);
  EXPECT_EQ(result.attribution.runs, 2);
  EXPECT_EQ(result.attribution.base_runs, 3);
  ASSERT_EQ(result.attribution.sites.size(), 1u);
  EXPECT_EQ(result.attribution.sites[0].main_bottleneck, "commissioning_crews");

  options.attribution_runs = 0;
  EXPECT_TRUE(study.plan(options).attribution.sites.empty());
  options.attribution_runs = 50;  // capped at the plan's runs
  EXPECT_EQ(study.plan(options).attribution.runs, 3);
}

}  // namespace
}  // namespace rackscale
