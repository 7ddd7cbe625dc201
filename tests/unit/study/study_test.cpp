// The library entry point: a Study loads a scenario once (file or text, with overrides) and runs
// the pipeline on it; results match hand counts and do not depend on the thread count.

#include "rackscale/study/study.hpp"

#include <gtest/gtest.h>

#include "../io/loader_test_util.hpp"
#include "rackscale/core/error.hpp"

using rackscale::Study;

namespace {

// One site of GB300 NVL72 racks (72 GPUs each) with a target of 1,000 GPUs, and the fabric
// switches a design needs (the minimal scenario names none), set by an override.
Study minimal_study(std::vector<std::string> overrides = {}) {
  overrides.insert(overrides.begin(),
                   "policies.fabric={scale_out_switch: Q3400, frontend_switch: SN5600, "
                   "oob_switch: SN2201, oob_oversubscription: 11}");
  return Study::from_text(rackscale::test::minimal_scenario("abilene"), "virtual/minimal.yaml",
                          overrides);
}

}  // namespace

TEST(Study, DesignCountsRacksForTheTarget) {
  // 1,000 GPUs / 72 per rack = 13.9: 14 racks, 1,008 GPUs.
  const auto design = minimal_study().design();
  ASSERT_EQ(design.sites.size(), 1u);
  EXPECT_EQ(design.sites[0].racks, 14);
  EXPECT_EQ(design.sites[0].gpus, 1008);
  EXPECT_EQ(design.stamp.seed, 42u);  // the documented default seed
  EXPECT_EQ(design.stamp.scenario, "minimal");
}

TEST(Study, WithOverridesKeepsTheBaseAndAddsTheNewValues) {
  const Study base = minimal_study({"sites[0].tariff=50 USD/MWh"});
  const Study two_racks = base.with_overrides({"sites[abilene].target={gpus: 144}"});
  EXPECT_EQ(two_racks.design().sites[0].racks, 2);  // 144 / 72
  EXPECT_EQ(base.design().sites[0].racks, 14);      // the base is unchanged
  EXPECT_EQ(two_racks.loaded().overrides.size(), 3u);
  EXPECT_NE(two_racks.input_hash(), base.input_hash());
}

TEST(Study, BadOverrideThrowsInputErrorNamingIt) {
  try {
    minimal_study({"sites[0].tariff=45"});
    FAIL() << "expected an InputError";
  } catch (const rackscale::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where.file, "--set #2");
  }
}

TEST(Study, CheckCollectsWithoutThrowing) {
  rackscale::Diagnostics diag;
  auto study = Study::check({"virtual/minimal.yaml",
                             rackscale::test::minimal_scenario(),
                             {"sites[0].tariff=45", "sites[2].tariff=1 USD/MWh"},
                             {}},
                            diag);
  EXPECT_FALSE(study.has_value());
  EXPECT_EQ(diag.size(), 2u);
}

TEST(Study, PlanUsesTheOptionsAndIsTheSameOnAnyThreadCount) {
  rackscale::RunOptions one;
  one.runs = 12;
  one.seed = 5;
  one.threads = 1;
  rackscale::RunOptions two = one;
  two.threads = 2;
  // A contract added by an override (the minimal scenario has none, so it would build nothing).
  const Study study = minimal_study(
      {"contracts=[{name: c, factory: f, rack_system: GB300-NVL72, unit_price: 3 MUSD, "
       "firm: [{racks: 14, deliver_by: 2026-06-01}]}]"});
  const auto a = study.plan(one);
  const auto b = study.plan(two);
  EXPECT_EQ(a.runs, 12);
  EXPECT_EQ(a.stamp.seed, 5u);
  EXPECT_EQ(a.buildout.runs, 12);
  ASSERT_EQ(a.buildout.sites.size(), 1u);
  EXPECT_EQ(a.buildout.sites[0].target_racks, 14);
  // Ready after 4 + 20 + 10 + 2 = 36 weeks, before the 52-week horizon; 14 racks take under a
  // week of a 20 racks/week crew and 1.4 weeks of a 10 racks/week factory: all online at the end.
  EXPECT_EQ(a.buildout.sites[0].racks_online.p50.back(), 14.0);
  EXPECT_EQ(a.buildout.sites[0].racks_online.p50, b.buildout.sites[0].racks_online.p50);
  EXPECT_EQ(a.buildout.total.racks_online.p90, b.buildout.total.racks_online.p90);
}

TEST(Study, PlanWithoutReliabilitySkipsOnlyTheFleetStudy) {
  rackscale::RunOptions full;
  full.runs = 8;
  full.threads = 1;
  rackscale::RunOptions quick = full;
  quick.reliability = false;  // the what-if server's re-plans
  const Study study = minimal_study(
      {"contracts=[{name: c, factory: f, rack_system: GB300-NVL72, unit_price: 3 MUSD, "
       "firm: [{racks: 14, deliver_by: 2026-06-01}]}]"});
  const auto with = study.plan(full);
  const auto without = study.plan(quick);
  EXPECT_FALSE(with.reliability.jobs.empty());
  EXPECT_TRUE(without.reliability.jobs.empty());
  EXPECT_EQ(without.reliability.runs, 0);
  // The build-out depends only on the seed and the run: the same with or without the study.
  EXPECT_EQ(with.buildout.total.racks_online.p50, without.buildout.total.racks_online.p50);
  EXPECT_EQ(with.buildout.total.racks_online.p90, without.buildout.total.racks_online.p90);
}
