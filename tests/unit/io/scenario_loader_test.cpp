#include "rackscale/io/scenario_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "loader_test_util.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/io/catalog_loader.hpp"

namespace io = rackscale::io;
namespace u = rackscale::units;
using rackscale::Diagnostics;
using rackscale::test::TempFile;

namespace {

using rackscale::test::messages;

const std::string kMinimal = rackscale::test::minimal_scenario();

}  // namespace

TEST(ScenarioLoader, MinimalScenarioLoadsWithDefaults) {
  TempFile f("minimal.yaml", kMinimal);
  auto loaded = io::load_scenario(f.path());
  const auto& s = loaded.scenario;
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.start.to_string(), "2026-01-05");
  EXPECT_DOUBLE_EQ(s.horizon.in(u::week), 52.0);
  EXPECT_EQ(s.simulation.seed, 42u);  // documented default
  EXPECT_EQ(s.simulation.runs, 1000);
  ASSERT_EQ(s.sites.size(), 1u);
  const auto& site = s.sites[0];
  EXPECT_DOUBLE_EQ(site.tariff.in(u::USD_per_MWh), 45.0);
  EXPECT_EQ(site.construction.start.to_string(), "2026-01-05");  // defaults to scenario start
  const auto* rack = loaded.catalog.find_as<rackscale::model::RackSystem>(site.rack_system);
  ASSERT_NE(rack, nullptr);
  // 1,000 GPUs at 72 per rack: ceil(1000 / 72) = 14 racks.
  EXPECT_EQ(site.target.racks_for(*rack), 14);
  EXPECT_DOUBLE_EQ(s.factories[0].ramp[0].rate.in(u::per_week), 10.0);
  EXPECT_DOUBLE_EQ(s.factories[0].burn_in.in(u::h), 48.0);
  // Documented defaults of the build-out keys the minimal scenario leaves out.
  EXPECT_EQ(s.factories[0].lines, 1);
  EXPECT_FALSE(s.factories[0].takt_time.has_value());
  EXPECT_DOUBLE_EQ(s.factories[0].integration_time.in(u::day), 1.0);
  EXPECT_DOUBLE_EQ(s.policies.allocation.exercise_lead.in(u::week), 8.0);
  EXPECT_FALSE(s.policies.production.build_ahead.has_value());
}

TEST(ScenarioLoader, EveryExampleValidates) {
  int count = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(RACKSCALE_SOURCE_DIR) + "/examples")) {
    if (e.path().extension() != ".yaml") continue;
    Diagnostics diag;
    io::read_scenario(e.path().string(), diag);
    EXPECT_TRUE(diag.empty()) << e.path() << "\n" << diag.render();
    ++count;
  }
  EXPECT_GE(count, 2);
}

TEST(ScenarioLoader, CollectsEveryErrorAtOnce) {
  std::string text = kMinimal;
  text.replace(text.find("tariff: 45 USD/MWh"), 18, "tarif: 45 USD/MWh");
  text.replace(text.find("first_pass_yield: 0.9"), 21, "first_pass_yield: 1.2");
  text.replace(text.find("capacity: 100 MW"), 16, "capacity: 100");
  TempFile f("many.yaml", text);
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  auto m = messages(diag);
  // The misspelt "tarif" is one error (not also "missing tariff"), in the place of the missing one.
  ASSERT_EQ(m.size(), 3u) << diag.render();
  EXPECT_EQ(m[0], "factories[0].first_pass_yield: must be <= 1, got 1.2");
  EXPECT_EQ(m[1],
            "sites[0].tarif: unknown key \"tarif\" | did you mean \"tariff\"? (a required key)");
  EXPECT_EQ(m[2],
            "sites[0].grid[0].capacity: expected a power such as \"132 kW\", got the bare number "
            "\"100\" | add a unit, e.g. \"100 kW\"");
}

TEST(ScenarioLoader, RenderShowsLineAndCaret) {
  std::string text = kMinimal;
  text.replace(text.find("capacity: 100 MW"), 16, "capacity: 100 kWh");
  TempFile f("caret.yaml", text);
  try {
    io::load_scenario(f.path());
    FAIL() << "expected an InputError";
  } catch (const rackscale::InputError& e) {
    std::string expected = f.path() +
                           ":20:41: error: sites[0].grid[0].capacity: expected a power such as "
                           "\"132 kW\", got \"100 kWh\" (energy)\n"
                           " 20 |     grid: [{date: 2026-06-01, capacity: 100 kWh}]\n"
                           "    |                                         ^~~~~~~\n"
                           "1 error\n";
    EXPECT_EQ(e.what(), expected);
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where.line, 20);
    EXPECT_EQ(e.diagnostics()[0].where.column, 41);
  }
}

TEST(ScenarioLoader, ReferencesAreCheckedAgainstTheCatalog) {
  std::string text = kMinimal;
  text.replace(text.find("rack_system: GB300-NVL72"), 24, "rack_system: GB300-NVL27");
  text.replace(text.find("products: [GB300-NVL72]"), 23, "products: [QM9700]");
  TempFile f("refs.yaml", text);
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  auto m = messages(diag);
  ASSERT_EQ(m.size(), 2u) << diag.render();
  EXPECT_EQ(m[0],
            "factories[0].products[0]: no rack_system named \"QM9700\" in the catalog | "
            "expected one of: DGX-B200, DGX-H100, GB200-NVL72, GB300-NVL72, HGX-H100, "
            "VR-NVL144");
  EXPECT_EQ(m[1],
            "sites[0].rack_system: no catalog entry named \"GB300-NVL27\" | did you mean "
            "\"GB300-NVL72\"?");
}

TEST(ScenarioLoader, ScenarioCanAddItsOwnCatalogFile) {
  TempFile cat("extra_catalog.yaml", R"(rackscale_catalog: 1
entries:
  - name: MY-RACK
    kind: rack_system
    assumption: a test rack
    gpu: X1
    gpus_per_node: 4
    nodes_per_rack: 10
    scale_up_domain: 40
    nvlink_switch_trays: 5
    cpus_per_node: 1
    cooling: liquid
    liquid_fraction: 0.9
    power: {design: 100 kW, max: 110 kW, typical: 80 kW, idle: 20 kW}
    mass: 1200 kg
    footprint: {width: 600 mm, depth: 1200 mm, height: 2300 mm}
    network: {scale_out_ports_per_gpu: 1, scale_out_port_speed: 800 Gb/s, frontend_ports_per_node: 1, frontend_port_speed: 400 Gb/s, oob_ports_per_node: 1}
)");
  std::string text = kMinimal;
  text.replace(text.find("rack_system: GB300-NVL72"), 24, "rack_system: MY-RACK");
  text = "catalog: [" + std::filesystem::path(cat.path()).filename().string() + "]\n" + text;
  TempFile f("with_catalog.yaml", text);
  auto loaded = io::load_scenario(f.path());
  const auto* rack = loaded.catalog.find_as<rackscale::model::RackSystem>("MY-RACK");
  ASSERT_NE(rack, nullptr);
  EXPECT_EQ(rack->gpus_per_rack(), 40);
  // 1,000 GPUs / 40 per rack = 25 racks exactly.
  EXPECT_EQ(loaded.scenario.sites[0].target.racks_for(*rack), 25);
}

namespace {

// The minimal scenario with its parametric climate replaced by a weather file.
std::string with_weather_file(const std::string& epw_path) {
  std::string text = kMinimal;
  const std::string parametric =
      "climate: {parametric: {annual_mean: 18 C, seasonal_amplitude: 10 K, daily_amplitude: 7 K, "
      "relative_humidity: 0.5}}";
  text.replace(text.find(parametric), parametric.size(), "climate: {epw: " + epw_path + "}");
  return text;
}

std::string source_path(const std::string& relative) {
  return std::string(RACKSCALE_SOURCE_DIR) + "/" + relative;
}

}  // namespace

// The weather file is read into the model when the scenario is loaded; its first hour is the
// file's first row (synthetic-cold.epw, 1/1 hour 1: dry bulb -12.3 C, dew point -12.7 C, 96 %).
TEST(ScenarioLoader, WeatherFileIsReadIntoTheModel) {
  TempFile f("weather.yaml", with_weather_file(source_path("examples/weather/synthetic-cold.epw")));
  const auto loaded = io::load_scenario(f.path());
  const auto& climate = loaded.scenario.sites.at(0).climate;
  ASSERT_TRUE(climate.epw_year.has_value());
  EXPECT_FALSE(climate.parametric.has_value());
  ASSERT_EQ(climate.epw_year->dry_bulb_c.size(), 8760u);
  EXPECT_DOUBLE_EQ(climate.epw_year->dry_bulb_c[0], -12.3);
  EXPECT_DOUBLE_EQ(climate.epw_year->dew_point_c[0], -12.7);
  EXPECT_DOUBLE_EQ(climate.epw_year->relative_humidity[0], 0.96);
  EXPECT_EQ(climate.epw_year->source, "epw: " + climate.epw_file);
}

// A bad weather file is a load error at the file's own line, under the key that names it.
TEST(ScenarioLoader, BadWeatherFileIsALoadError) {
  TempFile f("bad_weather.yaml", with_weather_file(source_path("tests/data/epw/bad_month.epw")));
  Diagnostics diag;
  io::read_scenario(f.path(), diag);
  ASSERT_EQ(diag.size(), 2u);
  const auto& month = diag.items()[0];
  EXPECT_EQ(month.key_path, "sites[0].climate.epw");
  EXPECT_EQ(month.where.line, 20);
  EXPECT_EQ(month.where.column, 6);
  EXPECT_EQ(month.message, "field 2 (month): must be between 1 and 12, got 13");
  // The file's text is kept with the loaded scenario, so a later error can show its lines.
  EXPECT_NE(diag.sources().line(month.where.file, 20), nullptr);
}

// Policy names become enumerations and redundancy schemes once, here.
TEST(ScenarioLoader, PolicyNamesAreParsedOnce) {
  TempFile f("policies.yaml",
             rackscale::test::minimal_scenario(
                 "s",
                 "policies:\n"
                 "  power: {ups: full, generator: none, transformer_redundancy: 2N,\n"
                 "          unit_substation_redundancy: 4N/3, ups_redundancy: block}\n"
                 "  cooling: {ashrae_class: W+, heat_rejection: water_chiller, "
                 "cdu_redundancy: N+2}\n"));
  const auto loaded = io::load_scenario(f.path());
  using rackscale::model::RedundancyScheme;
  const auto& power = loaded.scenario.policies.power;
  EXPECT_EQ(power.ups, rackscale::model::BackupCoverage::Full);
  EXPECT_EQ(power.generator, rackscale::model::BackupCoverage::None);
  EXPECT_EQ(power.transformer_redundancy, RedundancyScheme{RedundancyScheme::Kind::TwoN});
  EXPECT_EQ(power.unit_substation_redundancy.kind, RedundancyScheme::Kind::Distributed);
  EXPECT_EQ(power.unit_substation_redundancy.systems, 4);
  EXPECT_EQ(power.unit_substation_redundancy.carrying, 3);
  EXPECT_EQ(power.ups_redundancy.kind, RedundancyScheme::Kind::Block);
  const auto& cooling = loaded.scenario.policies.cooling;
  EXPECT_EQ(cooling.ashrae_class, rackscale::model::AshraeClass::WPlus);
  EXPECT_EQ(cooling.heat_rejection, rackscale::model::HeatRejection::WaterChiller);
  EXPECT_EQ(cooling.cdu_redundancy, RedundancyScheme::n_plus(2));
}
