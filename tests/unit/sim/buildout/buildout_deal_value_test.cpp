// The deal's money (docs/models/deal.md §4-§7): discounting, the technology step, cash flows of
// both sides and the contract search, on the closed-form case of buildout_deal_test.cpp
// (tests/data/deal/two_scenarios.yaml: 20 option racks at 0.2 MUSD decided on day 70, due and
// online from day 84; in "high" the racks are online 3, 10, 17 in weeks 10, 11, 12 and 20 from
// week 13, each for 26 weeks; 48 USD per GPU-day, 72 GPUs a rack, no discounting).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "buildout_test_util.hpp"
#include "rackscale/analysis/contract_search.hpp"
#include "rackscale/analysis/deal_cash_flows.hpp"
#include "rackscale/analysis/option_valuation.hpp"
#include "rackscale/sim/buildout/buildout_demand.hpp"

namespace rackscale {
namespace {

namespace u = rackscale::units;
using test::BuildoutCase;

constexpr int kNoStep = std::numeric_limits<int>::max();
constexpr double kUsdPerRackWeek = 48.0 * 7.0 * 72.0;  // value of a rack-week served [USD]
constexpr double kHighValue = 12'579'840.0;            // V_high = 520 rack-weeks [USD]
constexpr double kSuccessorDay = 84.0;                 // 2026-03-30

std::string deal_path(const std::string& name) {
  return std::string(RACKSCALE_TEST_DATA) + "/data/deal/" + name;
}

// Racks online in "high" in week w, retired 26 weeks after their week online.
double high_racks(int week) {
  auto online = [](int w) { return w < 0 ? 0.0 : std::min(20.0, std::max(0.0, 7.0 * w - 67.0)); };
  return online(std::min(week, 25)) - online(week - 26);
}

// Only "high" (p = 1): every run is the same.
void only_high(BuildoutCase& c) {
  model::BuyerDemand& demand = c.scenario().demand[0];
  demand.scenarios.erase(demand.scenarios.begin() + 1);
  demand.scenarios[0].probability = 1.0;
}

void set_successor(BuildoutCase& c, double decline) {
  c.scenario().demand[0].successor =
      model::TechnologyStep{.available = Date::from_ymd(2026, 3, 30), .decline = decline};
}

analysis::OptionValue option_row(const BuildoutCase& c, double price_musd) {
  BuildoutCase priced = c;
  priced.scenario().contracts[0].options[0].unit_price = price_musd * u::MUSD;
  const sim::BuildoutModel model(priced.input());
  return analysis::value_options(model.plan(), 1, 4, 1).rows[0];
}

double option_value(const BuildoutCase& c, double price_musd) {
  return option_row(c, price_musd).value_usd;
}

// The site's capex without the racks, all its phases started within the run [USD].
double facility_capex(const BuildoutCase& c) {
  return (c.designs[0].cost.capex_total - c.designs[0].cost.it).in(u::USD);
}

TEST(DealValue, DiscountAndTechnologyStepByHand) {
  // 1.08^(-730 / 365.25) = exp(-0.0769610 x 1.998631) = 0.857429.
  EXPECT_NEAR(sim::value_weight(0.08, kNoStep, 0.0, 730), 0.857429, 1e-6);
  // Half the value a year after the step: 0.5^(365 / 365.25) = 0.500237; before it, all of it.
  EXPECT_NEAR(sim::value_weight(0.0, 100, 0.5, 465), 0.500237, 1e-6);
  EXPECT_DOUBLE_EQ(sim::value_weight(0.0, 100, 0.5, 99), 1.0);
  // Both: the product.
  EXPECT_NEAR(sim::value_weight(0.08, 100, 0.5, 465), 0.500237 * std::pow(1.08, -465 / 365.25),
              1e-6);
}

TEST(DealValue, FirmPaymentIsDiscountedFromItsDeliveryDays) {
  // A firm order of 10 racks at 3.5 MUSD due on day 84, a demand of 0 ("low" only) and a cost
  // of capital of 8 %. Started at once (as_soon_as_possible), one a day, the racks are
  // delivered (pass their test) on days 3 .. 12, well before the due day, and each is paid on
  // its day: sum over d = 3 .. 12 of 3.5 MUSD x 1.08^(-d / 365.25) = 34,944,739 USD (on the
  // due day it would be 34,385,969), nothing served; the manufacturer keeps 14 % of it.
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  c.scenario().policies.finance.cost_of_capital = 0.08;
  c.scenario().contracts[0].firm.push_back({10, Date::from_ymd(2026, 3, 30)});
  model::BuyerDemand& demand = c.scenario().demand[0];
  demand.scenarios.erase(demand.scenarios.begin());
  demand.scenarios[0].probability = 1.0;
  const sim::BuildoutModel model(c.input());
  const sim::BuildoutRun run = model.run(1, 0);
  const sim::DemandPath path = sim::sample_demand(model.plan().demand[0], 1, 0, 0);
  const analysis::BuyerCashFlows flows =
      analysis::buyer_cash_flows(model.plan(), 0, run, path.gpus);
  EXPECT_NEAR(flows.payments_npv_usd(), 34'944'739.27, 1e-2);
  EXPECT_DOUBLE_EQ(flows.value_npv_usd(), 0.0);
  EXPECT_NEAR(flows.manufacturer_npv_usd(), 0.14 * 34'944'739.27, 1e-2);
  EXPECT_DOUBLE_EQ(flows.racks_bought, 10.0);
  // The undiscounted payments sit in the month of days 3 .. 12 (month 0: days 0 .. 30.4).
  ASSERT_FALSE(flows.months.empty());
  EXPECT_DOUBLE_EQ(flows.months[0].usd[static_cast<std::size_t>(analysis::Flow::RackPayments)],
                   35e6);
}

TEST(DealValue, ServiceLifeCountsEachRackFor26Weeks) {
  // "high" only: the option's 20 racks serve 520 rack-weeks, V_high - 20 x 0.2 MUSD, less
  // their energy and opex over the same 520 rack-weeks.
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  only_high(c);
  EXPECT_NEAR(option_value(c, 0.2), kHighValue - 4e6 - 520.0 * test::opex_per_rack_week(c),
              1e-6 * kHighValue);
}

TEST(DealValue, TechnologyStepLowersTheValueAndTheExercise) {
  // A successor from day 84 halving the value a year: the k-th rack's expected value on the
  // decision day is 72 x 48 x sum over j = 0 .. 181 of q^j, q = 0.5^(1 / 365.25):
  // 3,456 x (1 - q^182) / (1 - q) = 3,456 x 154.0423 = 532,370 USD (628,992 without the step).
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  only_high(c);
  set_successor(c, 0.5);
  // Realized: each week's racks x its last day's weight (1 before day 84).
  double realized = 0.0;
  for (int week = 0; week < 52; ++week) {
    const double day = 7.0 * week + 6.0;
    const double weight = day < kSuccessorDay ? 1.0 : std::pow(0.5, (day - kSuccessorDay) / 365.25);
    realized += kUsdPerRackWeek * high_racks(week) * weight;
  }
  EXPECT_NEAR(option_value(c, 0.2), realized - 4e6 - 520.0 * test::opex_per_rack_week(c),
              1e-6 * kHighValue);
  EXPECT_LT(realized, kHighValue);
  // Just below the rack's value less its energy and opex over its 26 weeks (no discounting
  // here) the option is exercised; just above, it is not.
  const double worth = 532'370.0 - 26.0 * test::opex_per_rack_week(c);
  EXPECT_DOUBLE_EQ(option_row(c, 0.99 * worth / 1e6).exercise_probability, 1.0);
  EXPECT_DOUBLE_EQ(option_row(c, 1.01 * worth / 1e6).exercise_probability, 0.0);
  EXPECT_DOUBLE_EQ(option_value(c, 1.01 * worth / 1e6), 0.0);
  // Without the step the same price is worth exercising.
  BuildoutCase no_step(deal_path("two_scenarios.yaml"));
  only_high(no_step);
  EXPECT_DOUBLE_EQ(option_row(no_step, 1.01 * worth / 1e6).exercise_probability, 1.0);
}

TEST(DealValue, DealSummaryHasBothSides) {
  // "high" only at 0.2 MUSD: the buyer gains V_high - 4 MUSD less the site's capex (every
  // phase starts within the run) and the 520 rack-weeks' energy and opex in every run
  // (undiscounted), the manufacturer 14 % of the 4 MUSD it is paid.
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  only_high(c);
  const sim::BuildoutModel model(c.input());
  const analysis::OptionValuation v = analysis::value_options(model.plan(), 1, 3, 1);
  ASSERT_EQ(v.deals.size(), 1u);
  const analysis::BuyerDeal& deal = v.deals[0];
  const double buyer = kHighValue - 4e6 - facility_capex(c) - 520.0 * test::opex_per_rack_week(c);
  EXPECT_NEAR(deal.buyer_npv_p10_usd, buyer, 1e-6 * kHighValue);
  EXPECT_NEAR(deal.buyer_npv_p90_usd, buyer, 1e-6 * kHighValue);
  EXPECT_NEAR(deal.manufacturer_npv_mean_usd, 0.14 * 4e6, 1e-3);
  EXPECT_DOUBLE_EQ(deal.racks_bought_mean, 20.0);
  double value = 0.0, payments = 0.0;
  for (const analysis::DealMonth& m : deal.months) {
    value += m.flows.usd[static_cast<std::size_t>(analysis::Flow::Value)];
    payments += m.flows.usd[static_cast<std::size_t>(analysis::Flow::RackPayments)];
  }
  EXPECT_NEAR(value, kHighValue, 1e-6 * kHighValue);
  EXPECT_NEAR(payments, 4e6, 1e-3);
}

TEST(ContractSearch, FrontierPointByHand) {
  // "high" only, all racks as options (firm share 0, a zero-rack firm order): at price factor
  // f the buyer gains V_high - 20 x 0.2 MUSD x f: 10,579,840 at f = 0.5, 8,579,840 at f = 1
  // (= the contract as written), each less the site's capex and the 520 rack-weeks' energy
  // and opex. The cheaper point dominates: the only one on the frontier.
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  only_high(c);
  c.scenario().contracts[0].firm.push_back({0, Date::from_ymd(2026, 3, 30)});
  analysis::ContractSearchOptions options;
  options.contract = "order";
  options.firm_shares = {0.0};
  options.price_factors = {0.5, 1.0};
  options.runs = 3;
  options.seed = 1;
  options.threads = 1;
  const double fixed = facility_capex(c) + 520.0 * test::opex_per_rack_week(c);
  options.p10_floor_usd = 9e6 - fixed;
  const analysis::ContractSearch search =
      analysis::search_contract(c.scenario(), c.loaded.catalog, c.designs, options);
  ASSERT_EQ(search.points.size(), 3u);
  EXPECT_TRUE(search.points[0].as_written);
  EXPECT_NEAR(search.points[0].buyer_npv_mean_usd, kHighValue - 4e6 - fixed, 1e-6 * kHighValue);
  EXPECT_NEAR(search.points[1].buyer_npv_mean_usd, kHighValue - 2e6 - fixed, 1e-6 * kHighValue);
  EXPECT_NEAR(search.points[1].buyer_npv_p10_usd, kHighValue - 2e6 - fixed, 1e-6 * kHighValue);
  EXPECT_NEAR(search.points[1].manufacturer_npv_mean_usd, 0.14 * 2e6, 1e-3);
  EXPECT_TRUE(search.points[1].on_frontier);
  EXPECT_FALSE(search.points[2].on_frontier);
  EXPECT_FALSE(search.points[2].meets_floor);  // 8,579,840 < the 9 MUSD floor, both less fixed
  ASSERT_TRUE(search.best.has_value());
  EXPECT_EQ(*search.best, 1u);
}

TEST(ContractSearch, SplitsInProportionWithLargestRemainders) {
  EXPECT_EQ(analysis::split_in_proportion(10, {1, 1, 1}), (std::vector<int>{4, 3, 3}));
  EXPECT_EQ(analysis::split_in_proportion(7, {2, 5}), (std::vector<int>{2, 5}));
  EXPECT_EQ(analysis::split_in_proportion(5, {0, 0}), (std::vector<int>{3, 2}));
  EXPECT_EQ(analysis::split_in_proportion(3, {1, 2}), (std::vector<int>{1, 2}));
}

}  // namespace
}  // namespace rackscale
