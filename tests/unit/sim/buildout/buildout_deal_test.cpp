// The deal (docs/models/deal.md): purchase options decided by a buyer's demand and valued by
// common random numbers, against a closed form, and the value's response to price and
// volatility; the demand paths and the lognormal call against independent calculations.
//
// Closed-form case (tests/data/deal/two_scenarios.yaml): the one-site build-out of
// tests/data/buildout/one_site.yaml (1 rack a day, a rack started on day t passes its test on
// day t+3 and is online on day t+4 at the site, ready from day 35; yield 1, durations fixed)
// with one option of n = 20 racks at K = 0.2 MUSD, decided on its close, day 70 (due day 84),
// and no firm order. The buyer's demand is "high" (p = 0.3: 0 GPUs to day 31, then linear to
// 100,000 GPUs on day 61 and after) or "low" (0 GPUs): the paths part on day 32, so on day 70
// the buyer knows which. Value v = 2 USD/GPU/h = 48 USD per GPU-day; a GB300 NVL72 rack has 72
// GPUs; the horizon is 26 weeks = 182 days; a rack earns for a service life of 26 weeks = 182
// days once online; the cost of capital is 0 (no discounting).
//
// Policy: in "high" the k-th rack serves 72 GPUs on days 84..265 (its life; demand far above
// 20 racks, and after the horizon it stays at its last day's 100,000 GPUs):
// 72 x 182 x 48 = 628,992 USD > K, so all 20 racks are exercised; in "low" a rack serves
// nothing, so none is. In "high" the racks start on days 70..89 and are online from days
// 74..93. Realized value counts each week's last day (7w+6) for 7 days: online racks
// min(20, max(0, 7w - 67)) = 3, 10, 17 in weeks 10, 11, 12 and 20 in weeks 13..25 (290
// rack-weeks), then after the horizon each rack retires 26 weeks after its week online: 20 in
// weeks 26..35, 17, 10, 3 in weeks 36, 37, 38 (230 rack-weeks); 520 = 20 racks x 26 weeks:
//   V_high = 48 x 7 x 72 x 520 = 12,579,840 USD,
//   V_low = 0.
// The racks' energy and opex over their 520 rack-weeks, E = 520 x the site's opex per
// rack-week (docs/models/deal.md §6), is paid in both scenarios once they are bought.
// Option value (realized with the option - without it; without it there is nothing):
//   p max(V_high - E - nK, 0) + (1 - p) max(V_low - E - nK, 0) = p (12,579,840 - E - 4,000,000).
// The simulated value is exactly p^ x (8,579,840 - E) with p^ the share of runs that drew
// "high"; it matches the closed form within three standard errors. With the firm price equal to
// K, the same racks bought firm before knowing are worth p V_high - E - nK < 0, so the firm
// alternative is max(E[V] - nK, 0) = 0 and waiting is worth the whole option value; a buyer
// who knows the scenario on the decision day has no regret.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "buildout_test_util.hpp"
#include "rackscale/analysis/option_valuation.hpp"
#include "rackscale/sim/buildout/buildout_demand.hpp"

namespace rackscale {
namespace {

namespace u = rackscale::units;
using test::BuildoutCase;

constexpr double kHighValue = 12'579'840.0;  // V_high [USD]
constexpr double kRacks = 20.0;
constexpr double kProbability = 0.3;
constexpr int kRuns = 400;

// A demand of `gpus` from the scenario start on.
std::vector<model::DemandPoint> constant_demand(double gpus) {
  model::DemandPoint point;
  point.date = Date::from_ymd(2026, 1, 5);
  point.gpus = gpus;
  return {point};
}

std::string deal_path(const std::string& name) {
  return std::string(RACKSCALE_TEST_DATA) + "/data/deal/" + name;
}

analysis::OptionValuation value(const BuildoutCase& c, int runs = kRuns) {
  const sim::BuildoutModel model(c.input());
  return analysis::value_options(model.plan(), c.loaded.scenario.simulation.seed, runs, 2);
}

// The option's price and the contract's firm price [MUSD].
void set_price(BuildoutCase& c, double musd) {
  c.scenario().contracts[0].options[0].unit_price = musd * u::MUSD;
  c.scenario().contracts[0].unit_price = musd * u::MUSD;
}

TEST(Deal, TwoScenarioOptionMatchesTheClosedForm) {
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  set_price(c, 0.2);  // the firm price equal to the option's
  const analysis::OptionValuation v = value(c);
  ASSERT_EQ(v.rows.size(), 2u);  // the option, then its contract
  const analysis::OptionValue& row = v.rows[0];
  EXPECT_EQ(row.option, 1);
  const double energy = 520.0 * test::opex_per_rack_week(c);
  const double net = kHighValue - energy - kRacks * 0.2e6;
  const double closed_form = kProbability * std::max(net, 0.0) +
                             (1 - kProbability) * std::max(0.0 - energy - kRacks * 0.2e6, 0.0);
  EXPECT_GT(row.value_stderr_usd, 0.0);
  EXPECT_NEAR(row.value_usd, closed_form, 3.0 * row.value_stderr_usd);
  // Every run is worth either `net` or 0: the mean is p^ x net exactly.
  EXPECT_NEAR(row.value_usd, row.exercise_probability * net, 1e-6 * net);
  EXPECT_NEAR(row.exercise_probability, kProbability,
              3.0 * std::sqrt(kProbability * (1 - kProbability) / kRuns));
  EXPECT_DOUBLE_EQ(row.racks_p10, 0.0);
  EXPECT_DOUBLE_EQ(row.racks_p50, 0.0);
  EXPECT_DOUBLE_EQ(row.racks_p90, kRacks);
  // Firm at the same price: p^ V_high - E - nK, bought and run in every run.
  EXPECT_NEAR(row.value_as_firm_usd,
              row.exercise_probability * kHighValue - energy - kRacks * 0.2e6, 1e-6 * kHighValue);
  EXPECT_NEAR(row.regret_usd, 0.0, 1e-6);
  EXPECT_NEAR(row.idle_rack_weeks, 0.0, 1e-9);
  // The contract's row values the same single option.
  EXPECT_EQ(v.rows[1].option, 0);
  EXPECT_DOUBLE_EQ(v.rows[1].value_usd, row.value_usd);
}

TEST(Deal, OptionValueFallsAsItsPriceRises) {
  // value(K) = p^ x (20 x (628,992 - K) - E) while the policy exercises (a rack's expected
  // value 628,992 USD > K + E / 20, E / 20 about 63 kUSD here), and 0 from K = 0.7 MUSD on; p^
  // is the same for every K (same runs).
  std::vector<double> values;
  for (double musd : {0.2, 0.4, 0.5, 0.7}) {
    BuildoutCase c(deal_path("two_scenarios.yaml"));
    set_price(c, musd);
    values.push_back(value(c, 200).rows[0].value_usd);
  }
  for (std::size_t i = 1; i < values.size(); ++i) EXPECT_LT(values[i], values[i - 1]) << i;
  const BuildoutCase c(deal_path("two_scenarios.yaml"));
  const double p_hat =
      values[0] / (kHighValue - 520.0 * test::opex_per_rack_week(c) - kRacks * 0.2e6);
  EXPECT_NEAR(values[0] - values[1], p_hat * kRacks * 0.2e6, 1e-6 * kHighValue);
  EXPECT_NEAR(values[1] - values[2], p_hat * kRacks * 0.1e6, 1e-6 * kHighValue);
  EXPECT_DOUBLE_EQ(values[3], 0.0);
}

// A premium of P per rack on offer is paid at the scenario start (discount factor 1) whether or
// not the option is exercised, and only with the option (the run without it has no option to
// pay for): value(P) = value(0) - 20 P on the same runs. The policy treats it as sunk, so the
// exercises do not change; the buyer's NPV falls and the manufacturer's rises by 20 P; the
// same racks as firm orders pay no premium.
TEST(Deal, PremiumLowersTheOptionValueByItsAmount) {
  std::vector<analysis::OptionValuation> valuations;
  const std::vector<double> premiums_usd = {0.0, 50e3, 100e3, 400e3};
  for (double premium : premiums_usd) {
    BuildoutCase c(deal_path("two_scenarios.yaml"));
    set_price(c, 0.2);
    c.scenario().contracts[0].options[0].premium = premium * u::USD;
    valuations.push_back(value(c, 200));
  }
  const analysis::OptionValue& free = valuations[0].rows[0];
  for (std::size_t i = 1; i < valuations.size(); ++i) {
    const analysis::OptionValue& row = valuations[i].rows[0];
    const double premiums = kRacks * premiums_usd[i];
    EXPECT_DOUBLE_EQ(row.premium_usd, premiums);
    EXPECT_NEAR(row.value_usd, free.value_usd - premiums, 1e-6 * kHighValue) << i;
    EXPECT_LT(row.value_usd, valuations[i - 1].rows[0].value_usd) << i;
    EXPECT_DOUBLE_EQ(row.exercise_probability, free.exercise_probability);
    EXPECT_NEAR(row.value_as_firm_usd, free.value_as_firm_usd, 1e-6 * kHighValue);
    const analysis::BuyerDeal& deal = valuations[i].deals[0];
    const analysis::BuyerDeal& no_premium = valuations[0].deals[0];
    EXPECT_NEAR(deal.npv_mean_usd[static_cast<std::size_t>(analysis::Flow::OptionPremiums)],
                premiums, 1e-6);
    EXPECT_NEAR(deal.buyer_npv_mean_usd, no_premium.buyer_npv_mean_usd - premiums,
                1e-6 * kHighValue);
    EXPECT_NEAR(deal.manufacturer_npv_mean_usd, no_premium.manufacturer_npv_mean_usd + premiums,
                1e-6 * kHighValue);
  }
  // 20 x 400 kUSD = 8 MUSD is more than the option is worth: p^ (8,579,840 - E) < 8 MUSD.
  EXPECT_LT(valuations[3].rows[0].value_usd, 0.0);
}

// The one-site case with a firm order of 20 racks covering a median demand of 20 racks' GPUs
// (1,440) and the option's 20 racks on top, at 50 kUSD: the option pays only if demand rises
// above the firm racks, so it is out of the money at the median and worth more the more
// demand can move.
BuildoutCase volatile_case(double volatility) {
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  model::Contract& contract = c.scenario().contracts[0];
  contract.firm.push_back({20, Date::from_ymd(2026, 3, 1)});
  set_price(c, 0.05);
  model::BuyerDemand& demand = c.scenario().demand[0];
  demand.kind = model::DemandKind::Lognormal;
  demand.scenarios.clear();
  demand.median = constant_demand(1440.0);
  demand.volatility = volatility;
  return c;
}

TEST(Deal, OptionValueGrowsWithDemandVolatility) {
  std::vector<double> values;
  for (double sigma : {0.0, 0.25, 0.5, 1.0}) {
    values.push_back(value(volatile_case(sigma), 200).rows[0].value_usd);
  }
  EXPECT_DOUBLE_EQ(values[0], 0.0);  // demand never exceeds the firm racks: never exercised
  for (std::size_t i = 1; i < values.size(); ++i) EXPECT_GT(values[i], values[i - 1]) << i;
}

TEST(Deal, WithoutDemandTheOptionIsExercisedForTheShortfall) {
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  c.scenario().demand.clear();
  const sim::BuildoutRun run = c.run();
  // buildout.md §4: the site (100 racks, known ready on day 35) is short of 100 racks on
  // day 21 (ready within the 14-day lead): the whole option is exercised then.
  EXPECT_EQ(run.contracts[0].exercised[0], 20);
  EXPECT_EQ(run.contracts[0].first_exercise_day[0], 21);
}

TEST(DemandPath, IsLinearBetweenPointsAndConstantOutside) {
  const std::vector<double> path = sim::daily_path({10.0, 40.0}, {2, 5}, 8);
  EXPECT_EQ(path, (std::vector<double>{10, 10, 10, 20, 30, 40, 40, 40}));
}

TEST(DemandPath, LognormalCallMatchesBlackScholes) {
  // Median 100, s = 0.2, strike 110: F = 100 e^0.02 = 102.0201, d1 = (ln(100/110) + 0.04)/0.2
  // = -0.276551, d2 = -0.476551; N(d1) = 0.391062, N(d2) = 0.316841 (scipy.stats.norm.cdf):
  // 102.0201 x 0.391062 - 110 x 0.316841 = 5.04374.
  EXPECT_NEAR(sim::lognormal_call(100.0, 0.2, 110.0), 5.04374, 1e-4);
  EXPECT_DOUBLE_EQ(sim::lognormal_call(100.0, 0.0, 90.0), 10.0);
  EXPECT_NEAR(sim::lognormal_call(100.0, 0.2, 0.0), 102.0201, 1e-4);
}

TEST(DemandPath, LognormalDrawsHaveTheirStatedSpread) {
  // ln D(t) - ln m(t) = sigma W(t): mean 0, variance sigma^2 t / 365.25 (t = 365: 0.0899).
  BuildoutCase c(deal_path("two_scenarios.yaml"));
  c.scenario().demand[0].kind = model::DemandKind::Lognormal;
  c.scenario().demand[0].median = constant_demand(1000.0);
  c.scenario().demand[0].volatility = 0.3;
  c.scenario().horizon = 53.0 * u::week;
  const sim::BuildoutModel model(c.input());
  const int n = 4000;
  double sum = 0.0, squares = 0.0;
  for (int run = 0; run < n; ++run) {
    const double x =
        std::log(sim::sample_demand(model.plan().demand[0], 7, run, 0).gpus[365] / 1000.0);
    sum += x;
    squares += x * x;
  }
  const double variance = 0.09 * 365.0 / 365.25;
  EXPECT_NEAR(sum / n, 0.0, 4.0 * std::sqrt(variance / n));
  EXPECT_NEAR(squares / n, variance, 4.0 * variance * std::sqrt(2.0 / n));
}

}  // namespace
}  // namespace rackscale
