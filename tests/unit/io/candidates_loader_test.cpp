#include "rackscale/io/candidates_loader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "loader_test_util.hpp"
#include "rackscale/io/input_hash.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace rackscale {
namespace {

using rackscale::test::messages;

namespace u = rackscale::units;
using rackscale::test::TempFile;

const std::string kFixture =
    std::string(RACKSCALE_SOURCE_DIR) + "/tests/data/optimize/candidates-fixture.yaml";

// The minimal scenario with a `candidates:` section naming the fixture dataset; `body` is the
// section's keys after `dataset:` (two-space indented lines).
std::string with_candidates(const std::string& body, const std::string& more = "") {
  return rackscale::test::minimal_scenario(
      "s", "candidates:\n  dataset: " + kFixture + "\n" + body + more);
}

const std::string kDefaults =
    "  defaults:\n"
    "    rack_system: GB300-NVL72\n"
    "    max_it_power: 600 MW\n"
    "    phase: 150 MW\n"
    "    construction: {permitting: 4 weeks, shell: 20 weeks, fit_out: 10 weeks, commissioning: "
    "2 weeks}\n"
    "    crews: {install_rate: 20 racks/week, commissioning_rate: 20 racks/week}\n";

// The defaults' `power.interconnection` is one YAML node shared by every candidate: each takes
// its own balancing authority as the region (abilene-tx is ERCOT, richland-la MISO and
// new-albany-oh PJM in the fixture), and no candidate's region leaks into the next one's.
TEST(CandidatesLoader, EachCandidateTakesItsOwnRegionFromSharedDefaults) {
  TempFile f("regions.yaml",
             with_candidates("  include: all\n" + kDefaults +
                             "    power: {interconnection: {requested: 2024-01-08, capacity: 500 "
                             "MW}}\n"));
  const auto& c = io::load_scenario(f.path()).scenario.candidates;
  ASSERT_EQ(c.size(), 3u);
  const std::vector<std::string> regions = {"ERCOT", "MISO", "PJM"};
  for (std::size_t i = 0; i < c.size(); ++i) {
    ASSERT_TRUE(c[i].site.power && c[i].site.power->interconnection) << c[i].site.name;
    EXPECT_EQ(c[i].site.power->interconnection->region, regions[i]) << c[i].site.name;
  }
}

TEST(CandidatesLoader, SmallCaseMergesDatasetDefaultsAndEntries) {
  const auto loaded =
      io::load_scenario(std::string(RACKSCALE_SOURCE_DIR) + "/tests/data/optimize/small.yaml");
  const auto& c = loaded.scenario.candidates;
  ASSERT_EQ(c.size(), 3u);
  // `include` order first, then the `sites` entry not included.
  EXPECT_EQ(c[0].site.name, "abilene-tx");
  EXPECT_EQ(c[1].site.name, "richland-la");
  EXPECT_EQ(c[2].site.name, "new-albany-oh");
  // From the dataset: Abilene's tariff and carbon intensity as the fixture writes them.
  EXPECT_DOUBLE_EQ(c[0].site.tariff.in(u::USD_per_MWh), 66.0);
  EXPECT_NEAR(c[0].carbon_intensity_lb_per_mwh, 820.0, 1e-9);
  EXPECT_EQ(c[0].balancing_authority, "ERCOT");
  EXPECT_TRUE(c[0].incentives.sales_tax_exemption);
  ASSERT_TRUE(c[0].water_stress.has_value());
  EXPECT_EQ(model::to_string(*c[0].water_stress), "high");
  // From the defaults: 600 MW in 150 MW phases.
  EXPECT_DOUBLE_EQ(c[0].max_it_power.in(u::MW), 600.0);
  EXPECT_DOUBLE_EQ(c[0].phase.in(u::MW), 150.0);
  EXPECT_EQ(c[0].earliest_start.to_string(), "2026-02-02");
  ASSERT_TRUE(c[0].site.power && c[0].site.power->interconnection);
  EXPECT_EQ(c[0].site.power->interconnection->requested.to_string(), "2022-01-03");
  // The `sites` entry wins over the defaults.
  ASSERT_TRUE(c[1].site.power && c[1].site.power->interconnection);
  EXPECT_EQ(c[1].site.power->interconnection->requested.to_string(), "2021-06-07");
  EXPECT_DOUBLE_EQ(c[1].site.power->interconnection->capacity.in(u::MW), 900.0);
  EXPECT_DOUBLE_EQ(c[2].max_it_power.in(u::MW), 300.0);
  EXPECT_DOUBLE_EQ(c[2].site.tariff.in(u::USD_per_MWh), 70.3);
  // A `sites` entry named like a dataset entry takes the dataset's other keys.
  EXPECT_TRUE(c[2].from_dataset);
  EXPECT_EQ(c[2].balancing_authority, "PJM");
  // optimize:
  ASSERT_TRUE(loaded.scenario.optimize.has_value());
  const auto& o = *loaded.scenario.optimize;
  EXPECT_DOUBLE_EQ(o.period.in(u::week), 4.0);
  ASSERT_EQ(o.capex_budget.size(), 1u);
  EXPECT_EQ(o.capex_budget[0].year, 2026);
  EXPECT_DOUBLE_EQ(o.capex_budget[0].amount.in(u::MUSD), 8000.0);
  EXPECT_EQ(o.top_plans, 3);
  EXPECT_EQ(o.max_concurrent_phases, 4);
}

TEST(CandidatesLoader, IncludeAllTakesEveryDatasetEntryInItsOrder) {
  TempFile f("all.yaml", with_candidates("  include: all\n" + kDefaults));
  const auto loaded = io::load_scenario(f.path());
  ASSERT_EQ(loaded.scenario.candidates.size(), 3u);
  EXPECT_EQ(loaded.scenario.candidates[2].site.name, "new-albany-oh");
}

TEST(CandidatesLoader, UnknownCandidateNameSuggestsTheNearest) {
  TempFile f("typo.yaml", with_candidates("  include: [abilene-tz, richland-la]\n" + kDefaults));
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  const auto m = messages(diag);
  ASSERT_EQ(m.size(), 1u) << diag.render();
  EXPECT_NE(m[0].find("candidates.include[0]: no candidate named \"abilene-tz\""),
            std::string::npos)
      << m[0];
  EXPECT_NE(m[0].find("did you mean \"abilene-tx\"?"), std::string::npos) << m[0];
}

TEST(CandidatesLoader, PhaseAboveMaxItPowerIsAnError) {
  std::string defaults = kDefaults;
  defaults.replace(defaults.find("phase: 150 MW"), 13, "phase: 700 MW");
  TempFile f("phase.yaml", with_candidates("  include: [abilene-tx]\n" + defaults));
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  const auto m = messages(diag);
  ASSERT_EQ(m.size(), 1u) << diag.render();
  EXPECT_NE(m[0].find("a phase of 700 MW exceeds max_it_power (600 MW)"), std::string::npos)
      << m[0];
}

TEST(CandidatesLoader, AnErrorInTheDefaultsIsReportedOnce) {
  std::string defaults = kDefaults;
  defaults.replace(defaults.find("max_it_power: 600 MW"), 20, "max_it_power: 600");
  TempFile f("once.yaml", with_candidates("  include: all\n" + defaults));
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  // Three candidates read the same defaults line; the bare number is reported once.
  ASSERT_EQ(diag.items().size(), 1u) << diag.render();
  EXPECT_EQ(diag.items()[0].where.line, 10);
}

TEST(CandidatesLoader, BadObjectiveListsTheChoices) {
  TempFile f("objective.yaml", with_candidates("  include: [abilene-tx]\n" + kDefaults,
                                               "optimize: {objective: gpu_week}\n"));
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  const auto m = messages(diag);
  ASSERT_EQ(m.size(), 1u) << diag.render();
  EXPECT_NE(m[0].find("optimize.objective"), std::string::npos) << m[0];
  EXPECT_NE(m[0].find("gpu_weeks"), std::string::npos) << m[0];
}

TEST(CandidatesLoader, LeastCostNeedsATarget) {
  TempFile f("target.yaml", with_candidates("  include: [abilene-tx]\n" + kDefaults,
                                            "optimize: {objective: least_cost}\n"));
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  const auto m = messages(diag);
  ASSERT_EQ(m.size(), 1u) << diag.render();
  EXPECT_EQ(m[0], "optimize: missing required key \"target\" | add a `target:` map");
}

// The input hash (the provenance of every output) covers the candidate dataset a scenario
// reads: the same scenario over a dataset with one tariff changed is a different input.
TEST(CandidatesLoader, InputHashCoversTheDataset) {
  std::ifstream in(kFixture);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string original = buffer.str();
  std::string changed = original;
  const std::string tariff = "tariff: 66 USD/MWh";
  ASSERT_NE(changed.find(tariff), std::string::npos);
  changed.replace(changed.find(tariff), tariff.size(), "tariff: 67 USD/MWh");

  auto hash_with = [&](const std::string& dataset_text) {
    TempFile data("hash-dataset.yaml", dataset_text);
    TempFile f("hash-scenario.yaml",
               rackscale::test::minimal_scenario("s", "candidates:\n  dataset: " + data.path() +
                                                          "\n  include: all\n" + kDefaults));
    return io::input_hash(io::load_scenario(f.path()));
  };
  EXPECT_EQ(hash_with(original), hash_with(original));
  EXPECT_NE(hash_with(original), hash_with(changed));
}

// A `sites` entry without a `name` is reported, not a crash (found by the scenario fuzzer: the
// missing key's node was read as a scalar).
TEST(CandidatesLoader, SiteEntryWithoutANameIsAnError) {
  TempFile f("no-name.yaml", with_candidates("  sites:\n    - {max_it_power: 100 MW}\n"));
  Diagnostics diag;
  EXPECT_NO_THROW(io::read_scenario(f.path(), diag));
  EXPECT_FALSE(diag.empty());
}

}  // namespace
}  // namespace rackscale
