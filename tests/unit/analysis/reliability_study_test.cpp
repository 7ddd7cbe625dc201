// The study over a designed site: the fleet the design implies, the default job and spares,
// job placement errors, the pilot's optimal interval, thread independence and sizing.

#include "rackscale/analysis/reliability_study.hpp"

#include <gtest/gtest.h>

#include "../io/loader_test_util.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>

#include "rackscale/core/error.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/report/reliability_report.hpp"
#include "rackscale/sim/reliability/checkpoint_model.hpp"

namespace rackscale::sim {
namespace {

namespace u = rackscale::units;
using model::ComponentType;

// A 14-rack GB300 NVL72 site (1,008 GPUs) with the default N+1 CDUs and 2N unit substations.
const std::string kScenario = rackscale::test::minimal_scenario(
    "s",
    "simulation: {seed: 5, runs: 500}\n"
    "policies:\n"
    "  fabric: {scale_out_switch: Q3400, frontend_switch: SN5600, oob_switch: SN2201, "
    "oob_oversubscription: 11}\n"
    "  cooling: {cdu: CDU-InRow-2300kW}\n");

struct Case {
  io::LoadedScenario loaded;
  std::vector<design::SiteDesign> designs;
  Case() {
    rackscale::test::TempFile file("reliability.yaml", kScenario);
    loaded = io::load_scenario(file.path());
    designs = design::design_sites(loaded.scenario, loaded.catalog);
  }
  ReliabilityPlan plan(const model::ReliabilitySettings& s) const {
    return plan_reliability(loaded.scenario, loaded.catalog, designs, s);
  }
};

const Case& the_case() {
  static const Case c;
  return c;
}

TEST(FleetFromDesign, FollowsTheRackSystemAndTheFacilityDesign) {
  const Case& c = the_case();
  const design::SiteDesign& d = c.designs[0];
  const auto* rack = c.loaded.catalog.find_as<model::RackSystem>(d.rack_system);
  const FleetSpec f = fleet_from_design(d, *rack);
  EXPECT_EQ(f.racks, 14);
  EXPECT_EQ(f.nodes_per_rack, 18);
  EXPECT_EQ(f.gpus_per_node, 4);
  EXPECT_EQ(f.nodes_per_unit, 18);  // the NVL72 domain is the swap unit
  EXPECT_EQ(f.units(), 14);
  EXPECT_EQ(f.nvlink_trays_per_rack, 9);
  EXPECT_EQ(f.hbm_stacks_per_gpu, 8);
  int cdu_units = 0, busways = 0;
  for (const auto& g : f.facility) {
    EXPECT_LE(g.first_rack + g.rack_count, f.racks);
    if (g.type == ComponentType::Cdu) {
      cdu_units += g.installed;
      EXPECT_EQ(g.installed - g.needed, 1);  // N+1
    }
    if (g.type == ComponentType::Busway) ++busways;
    if (g.type == ComponentType::UnitSubstation) {
      EXPECT_TRUE(g.paired);  // 2N
    }
  }
  EXPECT_EQ(cdu_units, d.cooling.cdus.installed);
  EXPECT_EQ(busways, (14 + d.space.racks_per_row - 1) / d.space.racks_per_row);
}

TEST(ReliabilityPlan, TheDefaultJobTakesEveryUnitButTheSpares) {
  const Case& c = the_case();
  const ReliabilityPlan p = c.plan({});
  ASSERT_EQ(p.sites.size(), 1u);
  ASSERT_EQ(p.jobs.size(), 1u);
  const PlannedSite& s = p.sites[0];
  const int spares = default_hot_spare_units(s.input.rates, s.input.fleet);
  EXPECT_GE(spares, 1);
  EXPECT_EQ(s.input.jobs[0].units, 14 - spares);
  EXPECT_EQ(s.input.jobs[0].gpus, (14 - spares) * 72LL);
  EXPECT_TRUE(p.jobs[0].optimal_interval);
  EXPECT_EQ(p.runs, 100);  // simulation.runs 500 capped at 100
  EXPECT_EQ(p.seed, 5u);
  EXPECT_DOUBLE_EQ(p.horizon_h, 720.0);
  EXPECT_EQ(s.input.crews.technicians, 1);  // ceil(1,008 / 10,000)
  EXPECT_EQ(s.input.parts.stock, 11);       // ceil(1% of 1,008)
  EXPECT_FALSE(p.notes.empty());
}

TEST(ReliabilityPlan, JobsAndSparesMustFitTheSite) {
  const Case& c = the_case();
  model::ReliabilitySettings s;
  s.spares.hot_spare_racks = 2;
  model::ReliabilityJob j;
  j.name = "big";
  j.site = "s";
  j.gpus = 13 * 72;  // 13 racks + 2 spares > 14
  j.path = "reliability.jobs[0]";
  s.jobs.push_back(j);
  EXPECT_THROW(c.plan(s), InputError);
  s.jobs[0].gpus = 12 * 72;
  const ReliabilityPlan p = c.plan(s);
  EXPECT_EQ(p.sites[0].input.jobs[0].units, 12);
  EXPECT_EQ(p.sites[0].reserved_spare_units, 2);
  // A GPU count that is not a whole number of units is rounded up.
  s.jobs[0].gpus = 700;
  EXPECT_EQ(c.plan(s).sites[0].input.jobs[0].units, 10);
}

model::ReliabilitySettings small_settings() {
  model::ReliabilitySettings s;
  s.horizon = 10.0 * u::day;
  s.spares.hot_spare_racks = 3;
  model::ReliabilityJob j;
  j.name = "pretrain";
  j.site = "s";
  j.gpus = 10 * 72;
  s.jobs.push_back(j);
  return s;
}

TEST(RunReliability, ChoosesDalysIntervalFromThePilotMtbf) {
  const Case& c = the_case();
  ReliabilityOptions o;
  o.runs = 6;
  o.threads = 2;
  const ReliabilityResult r = run_reliability(c.plan(small_settings()), o);
  ASSERT_EQ(r.jobs.size(), 1u);
  const JobSummary& j = r.jobs[0];
  ASSERT_TRUE(j.pilot_mtbf_h.has_value());
  const double write_h = model::ReliabilityJob{}.checkpoint_write.in(u::h);
  EXPECT_NEAR(j.checkpoint_interval_h, daly_interval(write_h, *j.pilot_mtbf_h), 1e-12);
  // The pilot's MTBF is near the analytic one: 720 GPUs in 10 NVL72 racks.
  const ReliabilityPlan plan = c.plan(small_settings());
  const PlannedSite& site = plan.sites[0];
  const double analytic = 1.0 / expected_job_failure_rate(site.input.rates, site.input.fleet, 720);
  EXPECT_NEAR(*j.pilot_mtbf_h, analytic, 0.35 * analytic);
  EXPECT_EQ(j.interval_rule, "optimal (Daly, simulated MTBF)");
  EXPECT_GT(j.goodput.mean, 0.5);
  EXPECT_LE(j.goodput.mean, j.availability.mean);
  EXPECT_NEAR(
      j.useful_share + j.checkpoint_share + j.lost_share + j.restart_share + j.waiting_share, 1.0,
      1e-9);
}

TEST(RunReliability, ResultsDoNotDependOnTheThreadCount) {
  const Case& c = the_case();
  auto settings = small_settings();
  settings.goodput_target = 0.8;
  ReliabilityOptions o;
  o.runs = 5;
  o.sizing_runs = 3;
  o.threads = 1;
  const auto one = run_reliability(c.plan(settings), o);
  o.threads = 3;
  const auto three = run_reliability(c.plan(settings), o);
  EXPECT_EQ(report::reliability_to_json(one).dump(), report::reliability_to_json(three).dump());
  EXPECT_EQ(report::reliability_csv(one), report::reliability_csv(three));
  ASSERT_EQ(one.sizing.size(), 1u);
  const SiteSizing& z = one.sizing[0];
  EXPECT_GT(z.goodput_unlimited, 0.8);
  ASSERT_TRUE(z.reachable);
  ASSERT_TRUE(z.spare_racks.has_value());
  EXPECT_GE(*z.spare_racks, 0);
  EXPECT_GE(z.parts_stock, 0);
}

// Spares come only from the declared pool. A job on half of the 14-rack campus with no hot-spare
// racks declared has no spare unit (an NVL72 rack is one swap unit), so it waits for every
// repair although seven racks of the site idle; the same job with seven declared spare racks
// never waits for long. Before this rule the idle racks were spares and both runs were alike.
TEST(RunReliability, SparesComeOnlyFromTheDeclaredPool) {
  const Case& c = the_case();
  auto settings = [](int spare_racks) {
    model::ReliabilitySettings s;
    s.horizon = 20.0 * u::day;
    s.spares.hot_spare_racks = spare_racks;
    s.crews.technicians = 2;
    model::ReliabilityJob j;
    j.name = "half";
    j.site = "s";
    j.gpus = 7 * 72;
    s.jobs.push_back(j);
    return s;
  };
  ReliabilityOptions o;
  o.runs = 8;
  o.threads = 2;
  const ReliabilityPlan none_plan = c.plan(settings(0));
  ASSERT_TRUE(none_plan.sites[0].input.spare_units.has_value());
  EXPECT_EQ(*none_plan.sites[0].input.spare_units, 0);
  const ReliabilityResult none = run_reliability(none_plan, o);
  const ReliabilityResult seven = run_reliability(c.plan(settings(7)), o);
  ASSERT_EQ(none.sites.size(), 1u);
  EXPECT_EQ(none.sites[0].units_in_jobs, 7);
  EXPECT_EQ(none.sites[0].spare_units, 0);  // the 7 idle racks are not spares
  EXPECT_EQ(seven.sites[0].spare_units, 7);
  const JobSummary& a = none.jobs[0];
  const JobSummary& b = seven.jobs[0];
  // Without spares every interruption that takes a unit down waits for its repair.
  EXPECT_GT(a.waiting_share, 0.0);
  EXPECT_GT(a.waiting_share, 5.0 * b.waiting_share);
  EXPECT_LT(a.goodput.mean, b.goodput.mean);
}

TEST(RunReliability, AnUnreachableTargetSaysSo) {
  const Case& c = the_case();
  auto settings = small_settings();
  settings.goodput_target = 0.9999;
  ReliabilityOptions o;
  o.runs = 3;
  o.sizing_runs = 2;
  const auto r = run_reliability(c.plan(settings), o);
  ASSERT_EQ(r.sizing.size(), 1u);
  EXPECT_FALSE(r.sizing[0].reachable);
  EXPECT_NE(r.sizing[0].note.find("not reachable"), std::string::npos);
}

}  // namespace
}  // namespace rackscale::sim
