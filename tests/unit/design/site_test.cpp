#include "rackscale/design/site.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace u = rackscale::units;
using rackscale::design::CoolingLoads;
using rackscale::design::CoolingPlant;
using rackscale::design::design_power_chain;
using rackscale::design::design_site;
using rackscale::design::PowerChain;
using rackscale::design::PowerChainInput;
using rackscale::design::simulate_site_year;
using rackscale::design::SiteDesign;
using rackscale::design::SiteEnergy;
using rackscale::design::Weather;

namespace {

rackscale::io::LoadedScenario flagship() {
  return rackscale::io::load_scenario(std::string(RACKSCALE_SOURCE_DIR) +
                                      "/examples/flagship.yaml");
}

}  // namespace

// A year of a 10 MW-critical power chain (9 MW IT + 0.6 MW network + 0.4 MW storage, 2 MW of
// cooling at design; the built-in catalog's gear, as in PowerChain.HandComputedTenMegawattSite)
// run at 5 MW critical with no heat to remove, so the cooling plant draws nothing. Each hour, by
// hand from the catalog figures:
//   busway (0.995 at 10 MW, I^2 R): 50.2513 kW x (5/10)^2 = 12.5628 kW; input 5.0125628 MW
//   UPS (partial: network + storage, 1 MW, with their share of the busway loss): 1.0025126 MW on
//     2 modules of 1,250 kW: load 0.401005, efficiency 0.955 + 0.151005 / 0.25 x 0.015 =
//     0.964060; loss 1.0025126 x (1 / 0.964060 - 1) = 37.3732 kW
//   unit substations: 5.0125628 + 0.0373732 = 5.0499360 MW on 10 units of 3 MVA at power factor
//     0.95: 0.177191 of rating each; 3 MVA x (1/0.99 - 1) = 30.3030 kW at rating, a fifth of it
//     no-load: 10 x (6.0606 + 24.2424 x 0.177191^2) = 68.2173 kW
//   switchgear: lossless, 5.1181533 MW
//   transformers (HV service forced: at 12.19 MW the site would take medium-voltage service):
//     sized for the 12.19 MW design load, 2 x 20 MVA (every size needs 1, N+1, and the smallest
//     wins: docs/models/power.md); 5.1181533 / 0.95 / 2 = 2,693.765 kVA each,
//     0.1346882 of rating; 20,000 x (1/0.995 - 1) = 100.5025 kW at rating of which 20 kW
//     no-load: 2 x (20 + 80.5025 x 0.1346882^2) = 42.9208 kW
//   grid: 5.1181533 + 0.0429208 = 5.1610741 MW, losses 12.5628 + 37.3732 + 68.2173 + 42.9208 =
//     161.0742 kW
// Over 8,760 hours: IT 43,800 MWh, losses 1,411.0098 MWh, facility 45,211.0098 MWh, PUE
// 5.1610741 / 5 = 1.0322148; at the meter 744 h x 5.1610741 = 3,839.8391 MWh in January and
// 672 h x 5.1610741 = 3,468.2418 MWh in February.
TEST(SiteEnergy, HandComputedYearAtConstantLoad) {
  const rackscale::model::Catalog catalog = rackscale::io::load_catalog();
  rackscale::model::PowerPolicy policy;
  policy.ups_module = "UPS-1250kW";  // of the two 1,250 kW modules, the one with this curve
  PowerChainInput in;
  in.policy = &policy;
  in.options.max_units_per_group = 0;
  in.options.mv_service_limit = u::Power{};  // HV service, as the hand calculation above
  in.loads.it_design = 9.0 * u::MW;
  in.loads.network = 0.6 * u::MW;
  in.loads.storage_and_management = 0.4 * u::MW;
  in.loads.mechanical_design = 2.0 * u::MW;
  const PowerChain chain = design_power_chain(in, catalog);
  // No heat: every pump, fan and compressor stands still (the loop temperatures only keep the
  // design flows finite).
  CoolingPlant idle;
  idle.liquid.supply = idle.air.supply = u::Temperature::from_celsius(30.0);
  idle.liquid.return_water = idle.air.return_water = u::Temperature::from_celsius(40.0);
  Weather weather;
  weather.dry_bulb_c.assign(8760, 20.0);
  weather.wet_bulb_c.assign(8760, 15.0);

  const SiteEnergy e = simulate_site_year(chain, idle, weather, 5.0 * u::MW, CoolingLoads{});
  EXPECT_NEAR(e.it.in(u::MWh), 43800.0, 1e-6);
  EXPECT_DOUBLE_EQ(e.cooling.si(), 0.0);
  EXPECT_NEAR(e.losses.in(u::MWh), 1411.0098, 1e-3);
  EXPECT_NEAR(e.facility.in(u::MWh), 45211.0098, 1e-3);
  EXPECT_NEAR(e.pue, 1.0322148, 1e-7);
  EXPECT_NEAR(e.peak_facility.in(u::MW), 5.1610741, 1e-7);
  EXPECT_NEAR(e.months[0].facility.in(u::MWh), 3839.8391, 1e-3);
  EXPECT_NEAR(e.months[1].facility.in(u::MWh), 3468.2418, 1e-3);
  EXPECT_NEAR(e.months[1].it.in(u::MWh), 5.0 * 672, 1e-6);
  // The utility draw built from the racks up against the loads plus the summed stage losses.
  EXPECT_LT(e.max_balance_error.in(u::W), 1e-3);
}

// The flagship's first site (abilene-tx: 3,000 GB300 NVL72 racks) over a year of its weather.
TEST(SiteDesign, FlagshipYearFromTheRacksUp) {
  auto loaded = flagship();
  const SiteDesign d = design_site(loaded.scenario.sites[0], loaded.scenario, loaded.catalog);
  const auto& e = d.energy;
  // Critical load: 3,000 racks x 125 kW typical draw (catalog) = 375 MW, plus the fabric's
  // network power and storage and management at 3% of 3,000 x 142 kW (the rack's AC maximum)
  // = 12.78 MW.
  const double critical_mw = 375.0 + d.fabric.totals.power_w / 1e6 + 12.78;
  EXPECT_NEAR(e.it.in(u::MWh), critical_mw * 8760.0, 1e-9 * critical_mw * 8760.0);
  EXPECT_NEAR(e.months[0].it.in(u::MWh), critical_mw * 744.0, 1e-9 * critical_mw * 744.0);
  EXPECT_LT(e.max_balance_error.in(u::W), 1e-3);
  // Cooling and losses both cost energy, and the hottest hour draws more than the mean.
  EXPECT_GT(e.partial_pue_cooling, 1.0);
  EXPECT_GT(e.pue, e.partial_pue_cooling);
  EXPECT_GT(e.peak_facility.in(u::MW), e.facility.in(u::MWh) / 8760.0);
}

// Heat equals electrical load plus losses, in the same units: the plant is sized for 3,000
// racks x 142 kW (the rack's one IT figure, RackPower::it_design) split 0.857 liquid, plus the
// network, storage and management load and the design losses of the stages in the building
// (unit substations, UPS, busway) in the air, the losses summed here from the stage list.
TEST(SiteDesign, HeatIsTheElectricalLoadPlusIndoorLosses) {
  auto loaded = flagship();
  const SiteDesign d = design_site(loaded.scenario.sites[0], loaded.scenario, loaded.catalog);
  using rackscale::design::StageKind;
  double indoor_kw = 0.0;
  for (const auto& s : d.power.stages) {
    if (s.kind == StageKind::UnitSubstation || s.kind == StageKind::Ups ||
        s.kind == StageKind::Distribution) {
      indoor_kw += s.design.loss.in(u::kW);
    }
  }
  EXPECT_GT(indoor_kw, 1000.0);
  const double it_kw = 3000 * 142.0;
  EXPECT_NEAR(d.cooling.design_loads.liquid_heat.in(u::kW), 0.857 * it_kw, 1e-6);
  const double other_kw = (d.loads.network + d.loads.storage_and_management).in(u::kW);
  // The fixed point settles the room heat to 1e-6 of itself.
  EXPECT_NEAR(d.cooling.design_loads.air_heat.in(u::kW), (1 - 0.857) * it_kw + other_kw + indoor_kw,
              1e-5 * indoor_kw);
  // The mechanical load the chain carries is the plant's design draw with that heat.
  EXPECT_DOUBLE_EQ(d.loads.mechanical_design.si(), d.cooling.design_electrical.si());
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
  // A rack's IT power is the 142 kW its power chain is sized for (AC max > 136 kW DC design):
  // 500 MW / 142 kW = 3,521.1 -> 3,521 racks; 72 GPUs each.
  EXPECT_EQ(d.racks, 3521);
  EXPECT_EQ(d.gpus, 3521LL * 72);
  // IT design load at the rack AC input: 3,521 x 142 kW = 499.982 MW, within the target.
  EXPECT_NEAR(d.loads.it_design.in(u::MW), 3521 * 0.142, 1e-9);
  // The bill of materials carries every rack, and the network switches of the fabric.
  long long racks = 0, switches = 0;
  for (const auto& l : d.bom.lines) {
    if (l.kind == "rack_system") racks += l.count;
    if (l.kind == "switch") switches += l.count;
  }
  EXPECT_EQ(racks, 3521);
  EXPECT_EQ(switches, d.fabric.totals.switch_count);
  // Network capex equals the fabric's own cost.
  EXPECT_NEAR(d.cost.network.in(u::USD), d.fabric.totals.cost_usd, 1e-6);
}
