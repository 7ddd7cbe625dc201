// The deal's monthly cash flows (docs/models/deal.md §6) by hand, on the one-site case of
// tests/data/deal/two_scenarios.yaml: a rack started on day t passes its test on day t + 3 and
// arrives on day t + 4 (one rack a day from day 0); the site starts on day 0 with permitting
// 1 week, shell 2, fit-out 1 and commissioning 1 (ready on day 35); racks serve 26 weeks.
// Here the demand is "low" (0 GPUs: no value, no exercise), a firm order of 10 racks at
// 3.5 MUSD, each paid on the day it is delivered (passes its test), is due on day 5 with a penalty
// of 20 kUSD per rack-week late, and the cost of capital is 8 %.

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "buildout_test_util.hpp"
#include "rackscale/analysis/deal_cash_flows.hpp"
#include "rackscale/analysis/option_valuation.hpp"
#include "rackscale/sim/buildout/buildout_demand.hpp"

namespace rackscale {
namespace {

namespace u = rackscale::units;
using analysis::Flow;
using test::BuildoutCase;

constexpr double kRate = 0.08;

std::size_t at(Flow flow) {
  return static_cast<std::size_t>(flow);
}

double discount(double day) {
  return std::pow(1.0 + kRate, -day / 365.25);
}

// The case above; staff and maintenance cost nothing, so the opex is the energy alone.
BuildoutCase late_order_case() {
  BuildoutCase c(std::string(RACKSCALE_TEST_DATA) + "/data/deal/two_scenarios.yaml");
  model::Scenario& s = c.scenario();
  s.policies.finance.cost_of_capital = kRate;
  s.policies.cost.staff_per_mw = 0.0;
  s.policies.cost.maintenance_fraction = 0.0;
  s.contracts[0].firm.push_back({10, Date::from_ymd(2026, 1, 10)});  // day 5
  s.contracts[0].late_penalty = 20.0 * u::kUSD;
  s.demand[0].scenarios.erase(s.demand[0].scenarios.begin());  // "low" only
  s.demand[0].scenarios[0].probability = 1.0;
  c.designs = design::design_sites(s, c.loaded.catalog);
  return c;
}

analysis::BuyerCashFlows flows_of(const BuildoutCase& c) {
  const sim::BuildoutModel model(c.input());
  const sim::DemandPath path = sim::sample_demand(model.plan().demand[0], 1, 0, 0);
  return analysis::buyer_cash_flows(model.plan(), 0, model.run(1, 0), path.gpus);
}

TEST(DealCash, PaymentsAtDeliveryAndPenaltyByHand) {
  const BuildoutCase c = late_order_case();
  const analysis::BuyerCashFlows flows = flows_of(c);
  // The order is due on day 5, but its racks are delivered (pass their test) one a day on days
  // 3 .. 12: each is paid 3.5 MUSD on its own day, not on the due day.
  double payments = 0.0;
  for (int day = 3; day <= 12; ++day) payments += 3.5e6 * discount(day);
  EXPECT_NEAR(flows.npv_usd[at(Flow::RackPayments)], payments, 1e-3);
  EXPECT_LT(payments, 35e6 * discount(5));  // seven of the ten racks come after the due day
  EXPECT_DOUBLE_EQ(flows.months[0].usd[at(Flow::RackPayments)], 35e6);
  EXPECT_DOUBLE_EQ(flows.racks_bought, 10.0);
  // Racks pass their test on days 3 .. 12: those of days 6 .. 12 are 1 .. 7 days late, 28
  // rack-days = 4 rack-weeks x 20 kUSD = 80 kUSD, settled on day 12 with the last rack.
  EXPECT_NEAR(flows.npv_usd[at(Flow::LatePenalties)], 80e3 * discount(12), 1e-6);
  EXPECT_DOUBLE_EQ(flows.months[0].usd[at(Flow::LatePenalties)], 80e3);
  EXPECT_DOUBLE_EQ(flows.npv_usd[at(Flow::Value)], 0.0);
  EXPECT_NEAR(flows.manufacturer_npv_usd(), 0.14 * payments - 80e3 * discount(12), 1e-3);
}

// Racks never delivered within the run are not paid within it: a second order of 10 racks
// due on day 5 whose racks cannot start before the horizon (a 26-week run of the 1-rack-a-day
// line with 200 racks ordered ahead of it).
TEST(DealCash, RacksNotDeliveredInTheRunAreNotPaid) {
  BuildoutCase c = late_order_case();
  c.scenario().contracts[0].firm.insert(c.scenario().contracts[0].firm.begin(),
                                        {200, Date::from_ymd(2026, 1, 6)});  // day 1
  c.designs = design::design_sites(c.scenario(), c.loaded.catalog);
  const analysis::BuyerCashFlows flows = flows_of(c);
  // The line starts one rack a day from day 0 and each passes its test 3 days later: racks
  // delivered on days 3 .. 181 (the run's last day), 179 racks, all of the first order.
  double payments = 0.0;
  for (int day = 3; day <= 181; ++day) payments += 3.5e6 * discount(day);
  EXPECT_NEAR(flows.npv_usd[at(Flow::RackPayments)], payments, 1e-3);
  EXPECT_DOUBLE_EQ(flows.racks_bought, 210.0);  // bought (ordered), paid as delivered
}

// Another buyer of the factory paying 3 MUSD a rack, ordering 7 racks a week from day 0 and
// served after the partner: the line (1 rack a day) builds the partner's 10 racks on days
// 0 .. 9, then the other buyer's one a day, 4 in week 1 (days 10 .. 13) and 7 in each of
// weeks 2 .. 25 (its backlog never empties: 7 (w + 1) ordered by week w), each week's paid on
// its last day 7w + 6. The manufacturer counts its margin (14%) on them; the buyer's NPV is
// unchanged.
TEST(DealCash, OtherBuyersPaymentsCountForTheManufacturerByHand) {
  BuildoutCase c = late_order_case();
  const analysis::BuyerCashFlows alone = flows_of(c);
  model::OtherBuyer other;
  other.name = "hyperscaler";
  other.product = "GB300-NVL72";
  other.orders.push_back({c.scenario().start, 7.0 * u::per_week});
  other.unit_price = 3.0 * u::MUSD;
  c.scenario().factories[0].operations.other_buyers.push_back(other);
  const analysis::BuyerCashFlows flows = flows_of(c);
  double revenue = 4.0 * 3e6 * discount(13.0);
  for (int week = 2; week < 26; ++week) revenue += 7.0 * 3e6 * discount(7.0 * week + 6.0);
  EXPECT_NEAR(flows.npv_usd[at(Flow::OtherBuyersRevenue)], revenue, 1e-3);
  // Month 0 (days 0 .. 30) holds weeks 1 .. 3 (days 13, 20, 27): 4 + 7 + 7 racks.
  EXPECT_DOUBLE_EQ(flows.months[0].usd[at(Flow::OtherBuyersRevenue)], 18.0 * 3e6);
  EXPECT_NEAR(flows.buyer_npv_usd(), alone.buyer_npv_usd(), 1e-3);
  EXPECT_NEAR(flows.manufacturer_npv_usd(), alone.manufacturer_npv_usd() + 0.14 * revenue, 1e-3);
}

TEST(DealCash, CapexByPhaseOnItsStartDayByHand) {
  // Land and soft costs on day 0, shell and site on day 7, the rest but network and racks at
  // fit-out on day 21, network gear at commissioning on day 28.
  const BuildoutCase c = late_order_case();
  const design::Cost& cost = c.designs[0].cost;
  const double permitting = (cost.land + cost.soft_costs).in(u::USD);
  const double shell = cost.shell_and_site.in(u::USD);
  const double network = cost.network.in(u::USD);
  const double fit_out = (cost.capex_total - cost.it).in(u::USD)-permitting - shell - network;
  const double expected =
      permitting + shell * discount(7) + fit_out * discount(21) + network * discount(28);
  const analysis::BuyerCashFlows flows = flows_of(c);
  EXPECT_GT(shell, 0.0);
  EXPECT_GT(fit_out, 0.0);
  EXPECT_NEAR(flows.npv_usd[at(Flow::FacilityCapex)], expected, 1e-6 * expected);
  // All in month 0 (days 0 .. 30), undiscounted there.
  EXPECT_NEAR(flows.months[0].usd[at(Flow::FacilityCapex)], permitting + shell + fit_out + network,
              1e-3);
}

TEST(DealCash, EnergyAndCarryingCostByHand) {
  const BuildoutCase c = late_order_case();
  const design::SiteDesign& design = c.designs[0];
  // The 10 racks are online from week 5 (ready day 35) for 26 weeks: weeks 5 .. 30, each
  // counted on its last day 7w + 6. A rack draws the site's mean critical power
  // E_IT / 8,760 h / 100 racks; a week costs MW x 168 h x 66 USD/MWh x PUE.
  const double rack_mw = design.energy.it.in(u::MWh) / 8760.0 / 100.0;
  const double week_usd = 10.0 * rack_mw * 168.0 * 66.0 * design.energy.pue;
  double energy = 0.0;
  for (int week = 5; week <= 30; ++week) energy += week_usd * discount(7.0 * week + 6.0);
  // Racks arrive on days 4 .. 13: 3 waiting at the end of week 0, 10 at the ends of weeks 1 ..
  // 4 (none after: online): 43 rack-weeks x 0.08 x 3.5 MUSD x 7 / 365.25.
  const double carrying_week = kRate * 3.5e6 * 7.0 / 365.25;
  double carrying = 3.0 * carrying_week * discount(6.0);
  for (int week = 1; week <= 4; ++week)
    carrying += 10.0 * carrying_week * discount(7.0 * week + 6.0);
  const analysis::BuyerCashFlows flows = flows_of(c);
  EXPECT_NEAR(flows.npv_usd[at(Flow::EnergyOpex)], energy, 1e-9 * energy);
  EXPECT_NEAR(flows.npv_usd[at(Flow::IdleCarrying)], carrying, 1e-9 * carrying);
  // The buyer pays the racks, the capex and the energy and receives the penalty; the carrying
  // cost is shown, not netted.
  const double net = flows.npv_usd[at(Flow::LatePenalties)] -
                     flows.npv_usd[at(Flow::RackPayments)] -
                     flows.npv_usd[at(Flow::FacilityCapex)] - energy;
  EXPECT_NEAR(flows.buyer_npv_usd(), net, 1e-3);
}

// A second site like the first (50 racks) and the "high" scenario: value, payments and
// penalties are shared among the two sites; the sites' rows sum to the buyer's.
TEST(DealCash, SiteRowsSumToTheBuyerRow) {
  BuildoutCase c = late_order_case();
  model::Scenario& s = c.scenario();
  model::Site second = s.sites[0];
  second.name = "second";
  second.path = "sites[1]";
  second.target.racks = 50;
  s.sites.push_back(second);
  s.demand[0].scenarios[0].path.push_back({Date::from_ymd(2026, 3, 7), 100000.0, {}, false});
  c.designs = design::design_sites(s, c.loaded.catalog);
  const sim::BuildoutModel model(c.input());
  const analysis::OptionValuation valuation = analysis::value_options(model.plan(), 1, 3, 1);
  ASSERT_EQ(valuation.deals.size(), 1u);
  const analysis::BuyerDeal& deal = valuation.deals[0];
  ASSERT_EQ(deal.site_months.size(), 2u);
  EXPECT_GT(deal.npv_mean_usd[at(Flow::Value)], 0.0);
  for (std::size_t m = 0; m < deal.months.size(); ++m) {
    for (std::size_t f = 0; f < analysis::kFlowCount; ++f) {
      const double total = deal.months[m].flows.usd[f];
      const double sites =
          deal.site_months[0][m].flows.usd[f] + deal.site_months[1][m].flows.usd[f];
      EXPECT_NEAR(sites, total, 1e-6 + 1e-9 * std::abs(total)) << "month " << m << " flow " << f;
    }
  }
  // Both sites are built: each pays its own capex.
  for (std::size_t site = 0; site < 2; ++site) {
    double capex = 0.0;
    for (const analysis::DealMonth& m : deal.site_months[site]) {
      capex += m.flows.usd[at(Flow::FacilityCapex)];
    }
    const design::Cost& cost = c.designs[site].cost;
    EXPECT_NEAR(capex, (cost.capex_total - cost.it).in(u::USD), 1e-3) << site;
  }
}

}  // namespace
}  // namespace rackscale
