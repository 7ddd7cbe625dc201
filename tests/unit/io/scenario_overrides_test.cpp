// Scenario overrides (`--set PATH=VALUE`): values replaced or added before the scenario is read,
// read exactly as the same text in the file, and errors that point into the override.

#include "rackscale/io/scenario_overrides.hpp"

#include <gtest/gtest.h>

#include "loader_test_util.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/io/input_hash.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace io = rackscale::io;
namespace u = rackscale::units;
using rackscale::Diagnostics;

namespace {

// The minimal scenario (one site named "abilene") as a text with a virtual file name.
io::ScenarioSource minimal(std::vector<std::string> overrides) {
  return {"virtual/minimal.yaml",
          rackscale::test::minimal_scenario("abilene"),
          std::move(overrides),
          {}};
}

io::LoadedScenario load(std::vector<std::string> overrides) {
  return io::load_scenario(minimal(std::move(overrides)));
}

// The single diagnostic of loading with `overrides` (fails the test if there is not one).
rackscale::Diagnostic only_error(std::vector<std::string> overrides) {
  Diagnostics diag;
  io::read_scenario(minimal(std::move(overrides)), diag);
  EXPECT_EQ(diag.size(), 1u) << diag.render();
  return diag.empty() ? rackscale::Diagnostic{} : diag.items().front();
}

}  // namespace

TEST(ScenarioOverrides, ReplaceAQuantityByIndexAndByName) {
  auto s = load({"sites[0].tariff=60 USD/MWh", "sites[abilene].grid[0].capacity=2.5 GW"}).scenario;
  EXPECT_DOUBLE_EQ(s.sites[0].tariff.in(u::USD_per_MWh), 60.0);
  EXPECT_DOUBLE_EQ(s.sites[0].grid[0].capacity.in(u::MW), 2500.0);
}

TEST(ScenarioOverrides, AddAKeyAndTheMapsAboveIt) {
  // The minimal scenario has no `simulation:` section: the override creates it.
  auto s = load({"simulation.runs=77"}).scenario;
  EXPECT_EQ(s.simulation.runs, 77);
}

TEST(ScenarioOverrides, ValueIsYamlWithDistributionsAndLists) {
  auto s = load({"sites[0].construction.shell={dist: triangular, min: 10 weeks, mode: 12 weeks, "
                 "max: 20 weeks}",
                 "sites[0].grid=[{date: 2026-03-02, capacity: 10 MW}, {date: 2026-09-07, "
                 "capacity: 90 MW}]"})
               .scenario;
  const auto& shell = s.sites[0].construction.shell;
  EXPECT_EQ(shell.kind, rackscale::model::DurationDistribution::Kind::Triangular);
  EXPECT_DOUBLE_EQ(shell.b.in(u::week), 12.0);
  ASSERT_EQ(s.sites[0].grid.size(), 2u);
  EXPECT_EQ(s.sites[0].grid[1].date.to_string(), "2026-09-07");
  EXPECT_DOUBLE_EQ(s.sites[0].grid[1].capacity.in(u::MW), 90.0);
}

TEST(ScenarioOverrides, LaterOverrideWins) {
  auto s = load({"sites[0].tariff=60 USD/MWh", "sites[abilene].tariff=70 USD/MWh"}).scenario;
  EXPECT_DOUBLE_EQ(s.sites[0].tariff.in(u::USD_per_MWh), 70.0);
}

TEST(ScenarioOverrides, BadValueIsReportedAtTheOverride) {
  // "sites[0].tariff=" is 16 characters: the value starts in column 17.
  auto d = only_error({"sites[0].tariff=45"});
  EXPECT_EQ(d.where.file, "--set #1");
  EXPECT_EQ(d.where.line, 1);
  EXPECT_EQ(d.where.column, 17);
  EXPECT_EQ(d.key_path, "sites[0].tariff");
  EXPECT_NE(d.message.find("bare number"), std::string::npos) << d.message;
}

TEST(ScenarioOverrides, UnknownKeyPointsAtTheKeyWithASuggestion) {
  // The second override is the one in error; "sites[0]." is 9 characters.
  auto d = only_error({"simulation.runs=10", "sites[0].tarif=45 USD/MWh"});
  EXPECT_EQ(d.where.file, "--set #2");
  EXPECT_EQ(d.where.column, 10);
  EXPECT_EQ(d.key_path, "sites[0].tarif");
  EXPECT_EQ(d.suggestion, "did you mean \"tariff\"?");
}

TEST(ScenarioOverrides, PathErrors) {
  auto no_equals = only_error({"sites[0].tariff"});
  EXPECT_EQ(no_equals.where.file, "--set #1");
  EXPECT_NE(no_equals.message.find("expected PATH=VALUE"), std::string::npos);

  auto index = only_error({"sites[3].tariff=45 USD/MWh"});
  EXPECT_EQ(index.where.column, 7);
  EXPECT_EQ(index.message, "no item 3: the list has 1 item");
  EXPECT_EQ(index.suggestion, "use an index from 0 to 0");

  auto name = only_error({"sites[abilen].tariff=45 USD/MWh"});
  EXPECT_EQ(name.message, "no item named \"abilen\"");
  EXPECT_EQ(name.suggestion, "did you mean \"abilene\"?");

  auto not_list = only_error({"name[0]=x"});
  EXPECT_NE(not_list.message.find("not a list"), std::string::npos) << not_list.message;

  auto syntax = only_error({"name={a: "});
  EXPECT_NE(syntax.message.find("YAML syntax error"), std::string::npos) << syntax.message;
}

TEST(ScenarioOverrides, ErrorRendersTheOverrideWithACaret) {
  Diagnostics diag;
  io::read_scenario(minimal({"sites[0].tariff=45"}), diag);
  const std::string text = diag.render();
  EXPECT_NE(text.find("--set #1:1:17: error: sites[0].tariff"), std::string::npos) << text;
  EXPECT_NE(text.find("sites[0].tariff=45"), std::string::npos) << text;
}

TEST(ScenarioOverrides, EveryErrorIsReportedAtOnce) {
  Diagnostics diag;
  io::read_scenario(minimal({"sites[0].tariff=45", "sites[9].tariff=1 USD/MWh", "oops"}), diag);
  EXPECT_EQ(diag.size(), 3u) << diag.render();
}

TEST(ScenarioOverrides, InputHashCoversOverrides) {
  const auto plain = io::input_hash(load({}));
  EXPECT_EQ(plain, io::input_hash(load({})));
  EXPECT_NE(plain, io::input_hash(load({"sites[0].tariff=45 USD/MWh"})));
  // Different override values are different inputs.
  EXPECT_NE(io::input_hash(load({"sites[0].tariff=46 USD/MWh"})),
            io::input_hash(load({"sites[0].tariff=45 USD/MWh"})));
}
