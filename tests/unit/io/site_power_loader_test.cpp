#include "rackscale/io/site_power_loader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "loader_test_util.hpp"
#include "rackscale/design/site_power_schedule.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace io = rackscale::io;
namespace u = rackscale::units;
using rackscale::Diagnostics;
using rackscale::test::TempFile;

namespace {

using rackscale::test::messages;

// The minimal scenario's site with `power` (YAML lines indented under the site) instead of its
// grid steps.
std::string with_power(const std::string& power) {
  std::string text = rackscale::test::minimal_scenario();
  const std::string grid = "    grid: [{date: 2026-06-01, capacity: 100 MW}]\n";
  text.replace(text.find(grid), grid.size(), "    power:\n" + power);
  return text;
}

// The test datasets (tests/data/datasets), so that expected values do not move with the
// shipped ones.
class SitePowerLoader : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("RACKSCALE_DATASET_DIR", RACKSCALE_TEST_DATA "/data/datasets", 1);
  }
};

}  // namespace

TEST_F(SitePowerLoader, RegionStagesFromTheDataset) {
  TempFile f("power_region.yaml", with_power("      interconnection: {region: ERCOT, requested: "
                                             "2026-03-01, capacity: 500 MW}\n"));
  const auto loaded = io::load_scenario(f.path());
  const auto& site = loaded.scenario.sites[0];
  EXPECT_TRUE(site.grid.empty());
  ASSERT_TRUE(site.power && site.power->interconnection);
  const auto& interconnection = *site.power->interconnection;
  EXPECT_EQ(interconnection.region, "ERCOT");
  EXPECT_EQ(interconnection.capacity.in(u::MW), 500.0);
  // ERCOT in the test dataset: 8 weeks + 26 weeks + 10 + 365 + 31 days = 644 days.
  EXPECT_EQ(rackscale::design::interconnection_days(interconnection, 0.5), 644);
}

TEST_F(SitePowerLoader, InlineStagesOverrideTheRegion) {
  TempFile f("power_override.yaml", with_power("      interconnection:\n"
                                               "        region: ERCOT\n"
                                               "        requested: 2026-03-01\n"
                                               "        capacity: 500 MW\n"
                                               "        stages: {network_upgrades: 100 days}\n"));
  const auto loaded = io::load_scenario(f.path());
  // 56 + 182 + 10 + 100 + 31 days.
  EXPECT_EQ(rackscale::design::interconnection_days(
                *loaded.scenario.sites[0].power->interconnection, 0.5),
            379);
}

TEST_F(SitePowerLoader, BridgingFiguresFromTheDatasetUnlessGiven) {
  TempFile f("power_bridging.yaml",
             with_power("      bridging:\n"
                        "        - {technology: gas_turbine, capacity: 100 MW, ordered: "
                        "2026-02-01, capex: 900 USD/kW}\n"
                        "        - {technology: battery, capacity: 20 MW, ordered: 2026-02-01}\n"));
  const auto loaded = io::load_scenario(f.path());
  const auto& bridging = loaded.scenario.sites[0].power->bridging;
  ASSERT_EQ(bridging.size(), 2u);
  EXPECT_NEAR(bridging[0].figures.capex.in(u::USD / u::kW), 900.0, 1e-9);  // given
  // From the dataset: 9500 Btu/kWh x 3.5 USD/MMBtu = 33.25 USD/MWh of fuel.
  EXPECT_NEAR(rackscale::model::fuel_cost_per_energy(bridging[0].figures).in(u::USD_per_MWh), 33.25,
              1e-9);
  EXPECT_EQ(bridging[0].lead_time.kind, rackscale::model::DurationDistribution::Kind::Triangular);
  EXPECT_TRUE(bridging[0].retire_when_grid);
  // A battery burns no fuel.
  EXPECT_EQ(bridging[1].figures.heat_rate.si(), 0.0);
  EXPECT_NEAR(bridging[1].lead_time.a.in(u::week), 26.0, 1e-9);
}

TEST_F(SitePowerLoader, EveryErrorAtOnceWithSuggestions) {
  TempFile f("power_errors.yaml",
             with_power("      interconnection: {region: ERCTO, requested: 2026-03-01, capacity: "
                        "-5 MW}\n"
                        "      bridging: [{technology: gas_turbin, capacity: 10 MW, ordered: "
                        "2026-02-01}]\n"
                        "      flexible: {capacity: 10 MW, earlier_by: 10 weeks, availability: "
                        "1.5}\n"));
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  const auto m = messages(diag);
  ASSERT_EQ(m.size(), 4u) << diag.render();
  EXPECT_NE(m[0].find("sites[0].power.interconnection.region: expected one of ERCOT | PJM"),
            std::string::npos)
      << m[0];
  EXPECT_NE(m[0].find("did you mean \"ERCOT\"?"), std::string::npos) << m[0];
  EXPECT_EQ(m[1], "sites[0].power.interconnection.capacity: must be > 0 kW, got -5 MW");
  EXPECT_NE(m[2].find("did you mean \"gas_turbine\"?"), std::string::npos) << m[2];
  EXPECT_EQ(m[3], "sites[0].power.flexible.availability: must be <= 1, got 1.5");
}

TEST_F(SitePowerLoader, FlexibleNeedsAFirmConnection) {
  TempFile f("power_flexible.yaml",
             with_power("      flexible: {capacity: 10 MW, earlier_by: 10 weeks, availability: "
                        "0.9}\n"));
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  const auto m = messages(diag);
  ASSERT_EQ(m.size(), 1u) << diag.render();
  EXPECT_NE(m[0].find("needs the firm `interconnection:`"), std::string::npos) << m[0];
}

TEST_F(SitePowerLoader, DefaultRegionForCandidates) {
  // A candidate's interconnection without `region:` takes its balancing authority's stages.
  const YAML::Node node = YAML::Load(
      "power: {interconnection: {requested: 2026-03-01, capacity: 500 MW, stages: {agreement: "
      "100 days}}}");
  Diagnostics diag;
  io::MapReader candidate(diag, "candidate.yaml", node, "candidates[0]");
  io::PowerDatasets datasets;
  const auto power = io::read_site_power(candidate, datasets, "ERCOT");
  ASSERT_TRUE(diag.items().empty()) << diag.render();
  ASSERT_TRUE(power && power->interconnection);
  EXPECT_EQ(power->interconnection->region, "ERCOT");
  // ERCOT's 644 days with its 10-day agreement replaced by 100 days.
  EXPECT_EQ(rackscale::design::interconnection_days(*power->interconnection, 0.5), 734);
}
