// Relaxations of the build-out plan: each lifts its constraint as documented
// (docs/models/attribution.md), leaves every other entity's random draws as they were (common
// random numbers), and their order does not matter.

#include "rackscale/sim/buildout/buildout_relaxation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "buildout_test_util.hpp"

namespace rackscale {
namespace {

using sim::Relaxation;
using sim::RelaxationKind;
using sim::SiteIndex;
using test::BuildoutCase;

const BuildoutCase& flagship() {
  static const BuildoutCase c(test::example_path("flagship.yaml"));
  return c;
}

sim::BuildoutPlan plan_of(const BuildoutCase& c) {
  return sim::BuildoutModel(c.input()).plan();
}

sim::PoolIndex pool_named(const sim::BuildoutPlan& plan, const std::string& name) {
  for (sim::PoolIndex pool : plan.pools.indices()) {
    if (plan.pools[pool].name == name) return pool;
  }
  ADD_FAILURE() << "no pool " << name;
  return sim::kNoPool;
}

// Every single relaxation of the plan: the shared ones and each site's.
std::vector<Relaxation> every_relaxation(const sim::BuildoutPlan& plan) {
  std::vector<Relaxation> all{{RelaxationKind::Factory}, {RelaxationKind::Contract}};
  for (sim::PoolIndex pool : plan.pools.indices())
    all.push_back({RelaxationKind::Supply, {}, pool});
  for (SiteIndex site : plan.sites.indices()) {
    for (RelaxationKind kind :
         {RelaxationKind::Construction, RelaxationKind::InstallCrews,
          RelaxationKind::CommissioningCrews, RelaxationKind::Grid, RelaxationKind::Shipping}) {
      all.push_back({kind, site});
    }
  }
  return all;
}

TEST(BuildoutRelaxation, SiteRelaxationsLiftTheirConstraint) {
  // one_site.yaml: 100 racks, construction 1 + 2 + 1 + 1 weeks from day 0, grid for all 100
  // racks from day 0, crews 100 racks/day, transit 1 day.
  const BuildoutCase c(test::data_path("one_site.yaml"));
  const sim::BuildoutPlan plan = plan_of(c);
  const SiteIndex site{0};
  ASSERT_EQ(plan.sites[site].expected_ready_day, 35);

  const Relaxation construction{RelaxationKind::Construction, site};
  const auto built = sim::relaxed(plan, {&construction, 1});
  EXPECT_EQ(built.sites[site].expected_ready_day, 0);  // no phase takes time
  const auto run = sim::BuildoutModel(built).run(1, 0);
  EXPECT_EQ(run.sites[0].schedule.ready_day, 0);

  const Relaxation crews{RelaxationKind::CommissioningCrews, site};
  EXPECT_DOUBLE_EQ(sim::relaxed(plan, {&crews, 1}).sites[site].commission_per_day, 100.0);

  const Relaxation shipping{RelaxationKind::Shipping, site};
  const auto shipped = sim::relaxed(plan, {&shipping, 1});
  for (const auto& lane : shipped.lanes) EXPECT_EQ(lane.transit_days[site], 0);
  // Racks started on day t now arrive on day t + 3: the 100th (day 99) on day 102, not 103.
  EXPECT_EQ(sim::BuildoutModel(shipped).run(1, 0).sites[0].milestones.full_day, 102);
}

TEST(BuildoutRelaxation, GridCarriesTheTargetFromDayZero) {
  BuildoutCase c(test::data_path("one_site.yaml"));
  c.scenario().sites[0].grid[0].date = c.scenario().start.plus_days(70);
  const sim::BuildoutPlan plan = plan_of(c);
  ASSERT_EQ(plan.sites[SiteIndex{0}].expected_ready_day, 70);  // waits for the grid
  const Relaxation grid{RelaxationKind::Grid, SiteIndex{0}};
  const auto relaxed = sim::relaxed(plan, {&grid, 1});
  EXPECT_EQ(relaxed.sites[SiteIndex{0}].first_grid_day, 0);
  EXPECT_EQ(relaxed.sites[SiteIndex{0}].expected_ready_day, 35);
  // Back to the base case: the 100th rack arrives on day 103 and goes online at once.
  EXPECT_EQ(sim::BuildoutModel(relaxed).run(1, 0).sites[0].milestones.full_day, 103);
}

TEST(BuildoutRelaxation, FactoryAndContractAndSupplyAreUnlimited) {
  // attribution_grid.yaml: 100 racks a day, 100 firm racks, 2 switchgear line-ups on site on
  // day 70 from a 10-week lead time.
  const BuildoutCase c(test::data_path("attribution_grid.yaml"));
  const sim::BuildoutPlan plan = plan_of(c);
  const sim::PoolIndex switchgear = pool_named(plan, "switchgear");
  const Relaxation supply{RelaxationKind::Supply, {}, switchgear};
  const auto supplied = sim::relaxed(plan, {&supply, 1});
  const auto& supplier = supplied.suppliers[plan.pools[switchgear].suppliers.front()];
  EXPECT_DOUBLE_EQ(supplier.units_per_day, 2.0);  // the site's 2 line-ups, all on day 0
  EXPECT_EQ(sim::BuildoutModel(supplied).run(1, 0).sites[0].schedule.long_lead_day, 0);
  EXPECT_EQ(sim::BuildoutModel(plan).run(1, 0).sites[0].schedule.long_lead_day, 70);

  const Relaxation factory{RelaxationKind::Factory};
  const auto fast = sim::relaxed(plan, {&factory, 1});
  // The lane can be asked for its 100 firm racks and its site's 100: 200 racks a day.
  ASSERT_EQ(fast.factories.begin()->ramp.size(), 1u);
  EXPECT_DOUBLE_EQ(fast.factories.begin()->ramp.front().value, 200.0);
  EXPECT_TRUE(std::isinf(fast.factories.begin()->line_racks_per_day));

  BuildoutCase short_contract(test::data_path("attribution_grid.yaml"));
  short_contract.scenario().contracts[0].firm[0].racks = 60;
  const Relaxation contract{RelaxationKind::Contract};
  const auto ordered = sim::relaxed(plan_of(short_contract), {&contract, 1});
  const auto& firm = ordered.contracts.begin()->firm;
  ASSERT_EQ(firm.size(), 2u);  // the 60 ordered and the 40 missing, due on day 0
  EXPECT_EQ(firm[1].racks, 40);
  EXPECT_EQ(firm[1].due_day, 0);
  EXPECT_EQ(ordered.lanes.begin()->firm_racks, 100);
}

TEST(BuildoutRelaxation, OtherEntitiesKeepTheirRandomDraws) {
  // The flagship draws every lead time, test cell and construction phase at random. A
  // relaxation may change the draws of what it relaxes only.
  const sim::BuildoutPlan plan = plan_of(flagship());
  for (const Relaxation& relaxation : every_relaxation(plan)) {
    const sim::BuildoutModel model(sim::relaxed(plan, {&relaxation, 1}));
    SCOPED_TRACE(sim::relaxation_name(plan, relaxation, SiteIndex{0}));
    for (int run = 0; run < 3; ++run) {
      const auto base = flagship().run(42, run);
      const auto relaxed = model.run(42, run);
      for (sim::SupplierIndex s : plan.suppliers.indices()) {
        if (relaxation.kind == RelaxationKind::Supply &&
            plan.suppliers[s].pool == relaxation.pool) {
          continue;
        }
        EXPECT_EQ(relaxed.suppliers[position(s)].lead_time_days,
                  base.suppliers[position(s)].lead_time_days);
      }
      if (relaxation.kind != RelaxationKind::Factory) {
        EXPECT_EQ(relaxed.factories[0].test_cell_days, base.factories[0].test_cell_days);
      }
      for (SiteIndex s : plan.sites.indices()) {
        if (relaxation.kind == RelaxationKind::Construction && relaxation.site == s) continue;
        const auto& a = relaxed.sites[position(s)].schedule;
        const auto& b = base.sites[position(s)].schedule;
        EXPECT_EQ(a.permitting_days, b.permitting_days);
        EXPECT_EQ(a.shell_days, b.shell_days);
        EXPECT_EQ(a.fit_out_days, b.fit_out_days);
        EXPECT_EQ(a.commissioning_days, b.commissioning_days);
      }
    }
  }
}

// What a counterfactual reads of a site: its milestones and weekly series.
void expect_same_outcome(const sim::SiteResult& a, const sim::SiteResult& b) {
  EXPECT_EQ(a.milestones.half_day, b.milestones.half_day);
  EXPECT_EQ(a.milestones.full_day, b.milestones.full_day);
  EXPECT_EQ(a.milestones.ready_day, b.milestones.ready_day);
  EXPECT_EQ(a.weekly.online, b.weekly.online);
  EXPECT_EQ(a.weekly.gpus_online, b.weekly.gpus_online);
  EXPECT_EQ(a.weekly.delivered, b.weekly.delivered);
}

// Runs 0 and 1 of `plan` in full and reading `read` only: the same outcome for `read`. Returns
// how many other sites' series differ (cut short where the outcome run ended early).
int compare_outcome_run(const sim::BuildoutPlan& plan, SiteIndex read) {
  const sim::BuildoutModel full(plan);
  const sim::BuildoutModel outcomes(plan, {.outcomes_only = true, .outcome_sites = {read}});
  int cut_short = 0;
  for (int run = 0; run < 2; ++run) {
    const auto a = full.run(42, run);
    const auto b = outcomes.run(42, run);
    expect_same_outcome(a.sites[position(read)], b.sites[position(read)]);
    for (std::size_t other = 0; other < a.sites.size(); ++other) {
      cut_short += a.sites[other].weekly.online != b.sites[other].weekly.online ? 1 : 0;
    }
  }
  return cut_short;
}

TEST(BuildoutRelaxation, OutcomeRunsEndWhenTheirSitesSettleWithTheSameOutcome) {
  // A run that reads one site (a site relaxation's counterfactual) ends once that site is
  // settled; its outcome must be the full run's, for every relaxation of the flagship. Some
  // runs must really have ended early (another site's series cut short), or the test proves
  // nothing.
  const sim::BuildoutPlan plan = plan_of(flagship());
  int cut_short = 0;
  for (const Relaxation& relaxation : every_relaxation(plan)) {
    const sim::BuildoutPlan changed = sim::relaxed(plan, {&relaxation, 1});
    for (SiteIndex read : plan.sites.indices()) {
      SCOPED_TRACE(sim::relaxation_name(plan, relaxation, read));
      cut_short += compare_outcome_run(changed, read);
    }
  }
  EXPECT_GT(cut_short, 0);
}

TEST(BuildoutRelaxation, OrderDoesNotMatter) {
  const sim::BuildoutPlan plan = plan_of(flagship());
  const std::vector<Relaxation> forward{{RelaxationKind::Contract},
                                        {RelaxationKind::Supply, {}, pool_named(plan, "gpu_tray")},
                                        {RelaxationKind::Factory}};
  const std::vector<Relaxation> backward(forward.rbegin(), forward.rend());
  const auto a = sim::BuildoutModel(sim::relaxed(plan, forward)).run(42, 0);
  const auto b = sim::BuildoutModel(sim::relaxed(plan, backward)).run(42, 0);
  for (std::size_t s = 0; s < a.sites.size(); ++s) {
    EXPECT_EQ(a.sites[s].weekly.online, b.sites[s].weekly.online) << a.sites[s].name;
  }
}

TEST(BuildoutRelaxation, NamesFollowTheBindingView) {
  const sim::BuildoutPlan plan = plan_of(flagship());
  const SiteIndex abilene{0};
  EXPECT_EQ(sim::relaxation_name(plan, {RelaxationKind::Supply, {}, pool_named(plan, "switchgear")},
                                 abilene),
            "long_lead:switchgear");
  EXPECT_EQ(sim::relaxation_name(plan, {RelaxationKind::Supply, {}, pool_named(plan, "gpu_tray")},
                                 abilene),
            "component:gpu_tray");
  EXPECT_EQ(sim::relaxation_name(plan, {RelaxationKind::CommissioningCrews, abilene}, abilene),
            "commissioning_crews");
}

}  // namespace
}  // namespace rackscale
