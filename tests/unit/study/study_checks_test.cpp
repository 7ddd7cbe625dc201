// The checks every command makes before it runs (study/study_checks.hpp): the one IT-power
// definition against hand values, locations against the state outlines, and errors and warnings
// found by Study::check with their locations.

#include "rackscale/study/study_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "../io/loader_test_util.hpp"
#include "rackscale/report/scenario_summary.hpp"
#include "rackscale/study/study.hpp"

namespace u = rackscale::units;
using rackscale::Diagnostics;
using rackscale::Severity;
using rackscale::Study;

namespace {

const std::string kSwitches =
    "policies:\n  fabric: {scale_out_switch: Q3400, frontend_switch: SN5600}\n";

std::optional<Study> check(const std::string& text, Diagnostics& diag,
                           std::vector<std::string> overrides = {}) {
  return Study::check({"virtual/checks.yaml", text, std::move(overrides), {}}, diag);
}

bool has(const std::vector<rackscale::Diagnostic>& list, const std::string& key_path) {
  return std::any_of(list.begin(), list.end(),
                     [&](const auto& d) { return d.key_path == key_path; });
}

}  // namespace

// `target: {it_power: 500 MW}` of GB300 NVL72: a rack's IT power is the larger of its 136 kW
// design (DC) and 142 kW max (AC) figures, 142 kW; 500,000 / 142 = 3,521.1 -> 3,521 racks, and
// 3,521 x 142 kW = 499.982 MW of IT, never more than the target (v0.1 divided by 136 kW: 3,676
// racks, 522 MW). The heat the cooling plant is sized for is that same load: liquid 0.857 x
// 499.982 = 428.485 MW.
TEST(ItPower, TargetDesignSummaryAndHeatUseTheRackPowerTheChainIsSizedFor) {
  Diagnostics diag;
  auto study = check(rackscale::test::minimal_scenario("s", kSwitches), diag,
                     {"sites[s].target={it_power: 500 MW}"});
  ASSERT_TRUE(study) << diag.render();
  const auto design = study->design();
  ASSERT_EQ(design.sites.size(), 1u);
  const auto& site = design.sites[0];
  EXPECT_EQ(site.racks, 3521);
  EXPECT_NEAR(site.loads.it_design.in(u::MW), 499.982, 1e-9);
  EXPECT_NEAR(site.cooling.design_loads.liquid_heat.in(u::MW), 428.484574, 1e-6);
  // validate's summary shows the same IT power.
  EXPECT_NE(rackscale::report::scenario_summary(study->loaded()).find("500.0"), std::string::npos);
}

// Ashburn (39.04 N, 77.49 W) is in Virginia; 77.5 E with the same latitude is in Asia; Abilene
// (32.45 N, 99.73 W) is in Texas, not in Virginia; "ZZ" is no state.
TEST(LocationInState, PointsAgainstTheCensusOutlines) {
  // 1: inside, 0: outside, -1: not a state code.
  const auto in = [](double latitude, double longitude, const std::string& state) {
    const auto inside = rackscale::location_in_state(latitude, longitude, state);
    return inside ? static_cast<int>(*inside) : -1;
  };
  EXPECT_EQ(in(39.04, -77.49, "VA"), 1);
  EXPECT_EQ(in(39.0, 77.5, "VA"), 0);
  EXPECT_EQ(in(32.45, -99.73, "TX"), 1);
  EXPECT_EQ(in(32.45, -99.73, "VA"), 0);
  EXPECT_EQ(in(32.45, -99.73, "ZZ"), -1);
  // Honolulu, in the Hawaii inset of the map.
  EXPECT_EQ(in(21.31, -157.86, "HI"), 1);
}

// The minimal scenario names no fabric switch: scale_out and frontend have several candidates in
// the built-in catalog (errors, both at once, at policies.fabric); oob has one, SN2201 (chosen).
TEST(StudyCheck, MissingFabricSwitchesAreErrorsAllAtOnceOrTheOnlyCandidate) {
  Diagnostics diag;
  EXPECT_FALSE(check(rackscale::test::minimal_scenario(), diag));
  EXPECT_EQ(diag.size(), 2u) << diag.render();
  EXPECT_TRUE(has(diag.items(), "policies.fabric.scale_out_switch"));
  EXPECT_TRUE(has(diag.items(), "policies.fabric.frontend_switch"));

  Diagnostics ok;
  auto study = check(rackscale::test::minimal_scenario("s", kSwitches), ok);
  ASSERT_TRUE(study) << ok.render();
  EXPECT_EQ(study->scenario().policies.fabric.oob_switch, "SN2201");
}

// Warnings keep the study valid, carry their location and are kept by the Study.
TEST(StudyCheck, WarningsAreKeptWithTheirLocation) {
  Diagnostics diag;
  auto study = check(rackscale::test::minimal_scenario("s", kSwitches), diag,
                     {"sites[s].tariff=89 USD/kWh"});
  ASSERT_TRUE(study) << diag.render();
  EXPECT_TRUE(diag.empty());
  const auto& warnings = study->warnings();
  // No contract buys GB300-NVL72 (sites[0].rack_system); the tariff (from the override).
  ASSERT_TRUE(has(warnings, "sites[0].rack_system"));
  ASSERT_TRUE(has(warnings, "sites[0].tariff"));
  for (const auto& w : warnings) {
    EXPECT_EQ(w.severity, Severity::warning);
    if (w.key_path == "sites[0].rack_system") {
      EXPECT_EQ(w.where.file, "virtual/checks.yaml");
      EXPECT_EQ(w.where.line, 20);  // the `rack_system:` line (the minimal scenario + 2 lines)
    }
    if (w.key_path == "sites[0].tariff") {
      EXPECT_EQ(w.where.file, "--set #1");
    }
  }
}

// A grid below the site's demand: 14 racks of GB300 draw about 2.4 MW at the meter (14 x 142 kW
// = 1.99 MW of IT, plus network, storage, cooling and losses), so 1 MW is short and 10 MW is not.
TEST(StudyCheck, GridBelowTheSiteDemandIsAWarningAtTheLastStep) {
  Diagnostics short_grid;
  auto study = check(rackscale::test::minimal_scenario("s", kSwitches), short_grid,
                     {"sites[s].grid=[{date: 2026-06-01, capacity: 1 MW}]"});
  ASSERT_TRUE(study) << short_grid.render();
  EXPECT_TRUE(has(study->warnings(), "sites[0].grid[0].capacity"));
  const double demand = study->design().sites[0].power.design.total.in(u::MW);
  EXPECT_GT(demand, 14 * 0.142);
  EXPECT_LT(demand, 10.0);

  Diagnostics enough;
  auto fine = check(rackscale::test::minimal_scenario("s", kSwitches), enough,
                    {"sites[s].grid=[{date: 2026-06-01, capacity: 10 MW}]"});
  ASSERT_TRUE(fine);
  EXPECT_FALSE(has(fine->warnings(), "sites[0].grid[0].capacity"));
}

TEST(Diagnostics, WarningsRenderAsWarningsAndCountApart) {
  Diagnostics diag;
  diag.warning({"f.yaml", 3, 5}, "sites[0].tariff", "too high", "check the unit");
  diag.error({"f.yaml", 1, 1}, "name", "missing");
  EXPECT_EQ(diag.size(), 1u);
  ASSERT_EQ(diag.warnings().size(), 1u);
  EXPECT_EQ(diag.render_warnings(),
            "f.yaml:3:5: warning: sites[0].tariff: too high\n  hint: check the unit\n1 warning\n");
  diag.promote_warnings();
  EXPECT_EQ(diag.size(), 2u);
  EXPECT_TRUE(diag.warnings().empty());
  EXPECT_EQ(diag.render(),
            "f.yaml:1:1: error: name: missing\nf.yaml:3:5: error: sites[0].tariff: too high\n"
            "  hint: check the unit\n2 errors\n");
}

namespace {

// The minimal scenario with two more sites, of `gpus_b` and `gpus_c` GPUs, at other climates.
std::string three_sites(long long gpus_b, long long gpus_c) {
  auto site = [](const std::string& name, double mean_c, long long gpus) {
    return "  - name: " + name +
           "\n"
           "    location: {latitude: 32.45, longitude: -99.73}\n"
           "    climate: {parametric: {annual_mean: " +
           std::to_string(mean_c) +
           " C, seasonal_amplitude: 10 K, daily_amplitude: 7 K, relative_humidity: 0.5}}\n"
           "    tariff: 45 USD/MWh\n"
           "    rack_system: GB300-NVL72\n"
           "    target: {gpus: " +
           std::to_string(gpus) +
           "}\n"
           "    grid: [{date: 2026-06-01, capacity: 100 MW}]\n"
           "    construction: {permitting: 4 weeks, shell: 20 weeks, fit_out: 10 weeks, "
           "commissioning: 2 weeks}\n"
           "    crews: {install_rate: 20 racks/week, commissioning_rate: 20 racks/week}\n";
  };
  return rackscale::test::minimal_scenario("a", kSwitches) + site("b", 25.0, gpus_b) +
         site("c", 10.0, gpus_c);
}

}  // namespace

// Sites are designed on threads, and nothing depends on how many: 1,000 / 2,000 / 500 GPUs of 72
// per rack make 14, 28 and 7 racks (ceil) at each site whatever the threads; and two sites too
// large for a three-tier Q3400 fabric (at most 186,624 nodes) are two errors, at sites[1] then
// sites[2], whatever the threads.
TEST(StudyCheck, SitesDesignedOnThreadsGiveTheSameDesignsAndErrorsInSiteOrder) {
  for (int threads : {1, 2, 3}) {
    Diagnostics diag;
    auto study =
        Study::check({"virtual/three.yaml", three_sites(2'000, 500), {}, {}}, diag, threads);
    ASSERT_TRUE(study) << diag.render();
    const auto design = study->design();
    ASSERT_EQ(design.sites.size(), 3u);
    EXPECT_EQ(design.sites[0].racks, 14);
    EXPECT_EQ(design.sites[1].racks, 28);
    EXPECT_EQ(design.sites[2].racks, 7);

    Diagnostics errors;
    EXPECT_FALSE(Study::check({"virtual/three.yaml", three_sites(90'000'000, 80'000'000), {}, {}},
                              errors, threads));
    ASSERT_EQ(errors.items().size(), 2u) << errors.render();
    EXPECT_EQ(errors.items()[0].key_path, "sites[1]");
    EXPECT_EQ(errors.items()[1].key_path, "sites[2]");
  }
}
