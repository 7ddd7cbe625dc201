#include "rackscale/report/bridging_report.hpp"

#include <gtest/gtest.h>

#include <variant>

#include "rackscale/core/unit_parser.hpp"

namespace u = rackscale::units;

namespace {

template <class Q>
Q parse(const char* text) {
  return std::get<Q>(u::parse<Q>(text));
}

}  // namespace

TEST(BridgingReport, CostsAndCarbonOfTheMeanEnergyByHand) {
  rackscale::model::Scenario scenario;
  scenario.sites.resize(2);
  scenario.sites[0].name = "grid-only";
  scenario.sites[1].name = "bridged";
  rackscale::model::Bridging turbine;
  turbine.capacity = 100.0 * u::MW;
  turbine.figures.capex = parse<u::PowerPrice>("1200 USD/kW");
  turbine.figures.heat_rate = parse<u::EnergyRatio>("9500 Btu/kWh");
  turbine.figures.fuel_price = parse<u::EnergyPrice>("3.5 USD/MMBtu");
  turbine.figures.emissions = parse<u::EmissionRate>("1100 lb/MWh");
  turbine.figures.variable_om = parse<u::EnergyPrice>("5 USD/MWh");
  rackscale::model::Bridging battery;
  battery.technology = rackscale::model::BridgingTechnology::Battery;
  battery.capacity = 300.0 * u::MW;
  scenario.sites[1].power = rackscale::model::SitePower{std::nullopt, {turbine, battery}, {}};
  ASSERT_TRUE(rackscale::report::has_bridging(scenario));

  rackscale::analysis::PlanSummary plan;
  plan.sites.resize(2);
  plan.sites[1].mean_bridging_mwh = 4000.0;  // shared by capacity: 1000 MWh to the turbine
  // Turbine: capex 100 MW x 1200 USD/kW = 120 MUSD; fuel 1000 MWh x 9.5 MMBtu/MWh x 3.5 USD/MMBtu
  // = 33,250 USD; O&M 1000 x 5 = 5,000 USD; CO2 1000 MWh x 1100 lb x 0.45359237 kg/lb = 498.952 t.
  EXPECT_EQ(rackscale::report::bridging_csv(plan, scenario),
            "site,technology,capacity_mw,capex_usd,energy_mwh,fuel_cost_usd,variable_om_usd,co2_t\n"
            "bridged,gas_turbine,100,120000000,1000,33250,5000,498.952\n"
            "bridged,battery,300,0,3000,0,0,0\n");
}
