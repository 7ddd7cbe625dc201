#include "rackscale/design/site.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "rackscale/io/scenario_loader.hpp"

namespace u = rackscale::units;
using rackscale::design::design_site;
using rackscale::design::SiteDesign;

namespace {

rackscale::io::LoadedScenario flagship() {
  return rackscale::io::load_scenario(std::string(RACKSCALE_SOURCE_DIR) +
                                      "/examples/flagship.yaml");
}

}  // namespace

TEST(SiteDesign, EnergyIsConservedEveryHourAndOverTheYear) {
  auto loaded = flagship();
  SiteDesign d = design_site(loaded.scenario.sites[0], loaded.scenario, loaded.catalog);
  const auto& e = d.energy;
  // Every hour, the utility demand from the power chain's own stage flows equals critical +
  // cooling + losses (the simulation records the largest difference).
  EXPECT_LT(e.max_balance_error.in(u::W), 1e-3);
  // Over the year: facility = IT + cooling + losses, and the months add up to the year.
  EXPECT_NEAR(e.facility.in(u::MWh), (e.it + e.cooling + e.losses).in(u::MWh), 1e-6);
  double months = 0.0;
  for (const auto& m : e.months) months += m.facility.in(u::MWh);
  EXPECT_NEAR(months, e.facility.in(u::MWh), 1e-6);
  // IT energy is the critical load for 8,760 hours.
  double critical_mw =
      (d.loads.it_typical + d.loads.network + d.loads.storage_and_management).in(u::MW);
  EXPECT_NEAR(e.it.in(u::MWh), critical_mw * 8760.0, 1e-6 * critical_mw * 8760.0);
  EXPECT_GT(e.pue, 1.0);
}

TEST(SiteDesign, PueRisesWithOutdoorTemperature) {
  auto loaded = flagship();
  auto site = loaded.scenario.sites[0];
  double previous = 0.0;
  for (double mean_c : {0.0, 10.0, 20.0, 30.0}) {
    site.climate.parametric->annual_mean = u::Temperature::from_celsius(mean_c);
    SiteDesign d = design_site(site, loaded.scenario, loaded.catalog);
    EXPECT_GT(d.energy.pue, previous) << "annual mean " << mean_c << " C";
    previous = d.energy.pue;
  }
}

TEST(SiteDesign, CountsFollowTheTarget) {
  auto loaded = flagship();
  const auto& site = loaded.scenario.sites[1];  // richland-la: it_power 500 MW
  SiteDesign d = design_site(site, loaded.scenario, loaded.catalog);
  // 500 MW / 136 kW = 3,676 racks; 72 GPUs each.
  EXPECT_EQ(d.racks, 3676);
  EXPECT_EQ(d.gpus, 3676LL * 72);
  // IT design load at the rack AC input: 3,676 x 142 kW.
  EXPECT_NEAR(d.loads.it_design.in(u::MW), 3676 * 0.142, 1e-9);
  // The bill of materials carries every rack, and the network switches of the fabric.
  long long racks = 0, switches = 0;
  for (const auto& l : d.bom.lines) {
    if (l.kind == "rack_system") racks += l.count;
    if (l.kind == "switch") switches += l.count;
  }
  EXPECT_EQ(racks, 3676);
  EXPECT_EQ(switches, d.fabric.totals.switch_count);
  // Network capex equals the fabric's own cost.
  EXPECT_NEAR(d.cost.network.in(u::USD), d.fabric.totals.cost_usd, 1e-6);
}
