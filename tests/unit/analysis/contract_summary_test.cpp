// The contract summary over hand-made runs: every expected value is worked out by hand with the
// type-7 quantile, Q(p) = x[j] + g (x[j+1] - x[j]) with h = (n-1)p, j = floor(h), g = h - j;
// for four runs h = 0.3 (P10), 1.5 (P50) and 2.7 (P90).

#include "rackscale/analysis/contract_summary.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <vector>

#include "rackscale/analysis/buildout_summary.hpp"

namespace rackscale::analysis {
namespace {

namespace u = rackscale::units;

constexpr std::optional<int> kNever = std::nullopt;

// A scenario contract with `firm` orders of the given racks and `options` of the given racks,
// firm racks at 2 MUSD and option racks at 0.25 MUSD.
model::Contract contract(const std::vector<int>& firm, const std::vector<int>& options) {
  model::Contract k;
  k.name = "k";
  k.unit_price = 2.0 * u::MUSD;
  for (int r : firm) k.firm.push_back({r, Date::from_ymd(2026, 1, 5)});
  for (int r : options) {
    model::PurchaseOption o;
    o.racks = r;
    o.unit_price = 0.25 * u::MUSD;
    k.options.push_back(o);
  }
  return k;
}

// A run holding only one contract result.
sim::BuildoutRun run_with(const sim::ContractResult& c, int run = 0) {
  sim::BuildoutRun r;
  r.run = run;
  r.contracts.push_back(c);
  return r;
}

// A contract result with one firm order of `racks` racks due on `due`.
sim::ContractResult one_firm_order(int racks, int due, int on_time, std::optional<int> fulfilled) {
  sim::ContractResult c;
  c.name = "k";
  c.firm_racks = racks;
  c.firm.push_back({racks, due, on_time, fulfilled ? racks : on_time, fulfilled});
  c.firm_spend_usd = racks * 2e6;
  return c;
}

TEST(ContractSummary, FirmOrderFulfilmentQuantilesOnTimeShareAndLateness) {
  // Ten racks due on day 25, fulfilled on days 30, 10, 40, 20 (sorted: 10, 20, 30, 40).
  std::vector<sim::BuildoutRun> runs = {
      run_with(one_firm_order(10, 25, 7, 30)), run_with(one_firm_order(10, 25, 10, 10)),
      run_with(one_firm_order(10, 25, 4, 40)), run_with(one_firm_order(10, 25, 10, 20))};
  const auto s = summarize_contracts(runs, {contract({10}, {})});
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(s[0].firm.size(), 1u);
  const FirmOrderSummary& f = s[0].firm[0];
  EXPECT_EQ(f.racks, 10);
  EXPECT_EQ(f.due_day, 25);
  EXPECT_EQ(f.spend_usd, 20e6);
  EXPECT_DOUBLE_EQ(*f.fulfilled_day.p10, 13.0);  // 10 + 0.3 x 10
  EXPECT_DOUBLE_EQ(*f.fulfilled_day.p50, 25.0);  // 20 + 0.5 x 10
  EXPECT_DOUBLE_EQ(*f.fulfilled_day.p90, 37.0);  // 30 + 0.7 x 10
  EXPECT_EQ(f.fulfilled_day.reached_runs, 4);
  // On time: the runs fulfilled on days 10 and 20 (<= 25).
  EXPECT_DOUBLE_EQ(f.on_time_share, 0.5);
  // Racks late: 3, 0, 6, 0 -> mean 2.25.
  EXPECT_DOUBLE_EQ(f.mean_racks_late, 2.25);
  // Days late: max(0, fulfilled - 25) = 5, 0, 15, 0; sorted 0, 0, 5, 15.
  EXPECT_DOUBLE_EQ(*f.days_late.p50, 2.5);   // 0 + 0.5 x 5
  EXPECT_DOUBLE_EQ(*f.days_late.p90, 12.0);  // 5 + 0.7 x 10
  EXPECT_EQ(s[0].runs, 4);
}

TEST(ContractSummary, AnOrderNotFulfilledWithinTheHorizonIsNotReachedAndLate) {
  // Due on day 25; fulfilled on days 10 and 20; two runs never fulfil it: sorted 10, 20, inf,
  // inf, so P10 = 10 + 0.3 x 10 = 13, P50 lies between 20 and inf: not reached.
  std::vector<sim::BuildoutRun> runs = {
      run_with(one_firm_order(10, 25, 10, 10)), run_with(one_firm_order(10, 25, 6, kNever)),
      run_with(one_firm_order(10, 25, 10, 20)), run_with(one_firm_order(10, 25, 0, kNever))};
  const auto f = summarize_contracts(runs, {contract({10}, {})})[0].firm[0];
  EXPECT_DOUBLE_EQ(*f.fulfilled_day.p10, 13.0);
  EXPECT_FALSE(f.fulfilled_day.p50.has_value());
  EXPECT_FALSE(f.fulfilled_day.p90.has_value());
  EXPECT_EQ(f.fulfilled_day.reached_runs, 2);
  EXPECT_DOUBLE_EQ(f.on_time_share, 0.5);
  EXPECT_DOUBLE_EQ(f.mean_racks_late, 3.5);  // 0, 4, 0, 10
  // Days late 0, inf, 0, inf: P10 = 0, P50 between 0 and inf: beyond the horizon.
  EXPECT_EQ(*f.days_late.p10, 0.0);
  EXPECT_FALSE(f.days_late.p50.has_value());

  // With one run of four not fulfilling it, P50 is still reached: sorted 10, 20, 30, inf.
  runs[3] = run_with(one_firm_order(10, 25, 8, 30));
  const auto g = summarize_contracts(runs, {contract({10}, {})})[0].firm[0];
  EXPECT_DOUBLE_EQ(*g.fulfilled_day.p50, 25.0);
  EXPECT_FALSE(g.fulfilled_day.p90.has_value());
  // Days late 0, inf, 0, 5: sorted 0, 0, 5, inf.
  EXPECT_DOUBLE_EQ(*g.days_late.p50, 2.5);
  EXPECT_FALSE(g.days_late.p90.has_value());
}

TEST(ContractSummary, AnOrderDueAfterTheHorizonAndNotFulfilledIsNotOnTime) {
  std::vector<sim::BuildoutRun> runs = {run_with(one_firm_order(10, 500, 0, kNever))};
  const auto f = summarize_contracts(runs, {contract({10}, {})})[0].firm[0];
  EXPECT_EQ(f.on_time_share, 0.0);
  EXPECT_EQ(f.mean_racks_late, 10.0);
  EXPECT_FALSE(f.days_late.p50.has_value());
}

// A contract result with no firm order and one option.
sim::ContractResult one_option(int exercised, std::optional<int> first, int on_time) {
  sim::ContractResult c;
  c.name = "k";
  c.exercised = {exercised};
  c.first_exercise_day = {first};
  c.exercised_on_time = {on_time};
  c.option_spend_usd = exercised * 0.25e6;
  return c;
}

TEST(ContractSummary, OptionExercisedQuantilesShareFirstExerciseAndOnTime) {
  // Exercised 0, 10, 20, 30 racks of 30; first exercise never, 40, 35, 30; on time 0, 10, 10, 15.
  std::vector<sim::BuildoutRun> runs = {
      run_with(one_option(20, 35, 10)), run_with(one_option(0, kNever, 0)),
      run_with(one_option(30, 30, 15)), run_with(one_option(10, 40, 10))};
  const auto s = summarize_contracts(runs, {contract({}, {30})});
  ASSERT_EQ(s[0].options.size(), 1u);
  const OptionSummary& o = s[0].options[0];
  EXPECT_EQ(o.racks_offered, 30);
  EXPECT_EQ(o.unit_price_usd, 0.25e6);
  EXPECT_DOUBLE_EQ(o.exercised.p10, 3.0);   // 0 + 0.3 x 10
  EXPECT_DOUBLE_EQ(o.exercised.p50, 15.0);  // 10 + 0.5 x 10
  EXPECT_DOUBLE_EQ(o.exercised.p90, 27.0);  // 20 + 0.7 x 10
  EXPECT_DOUBLE_EQ(o.exercised_share, 0.75);
  // First exercise sorted 30, 35, 40, inf.
  EXPECT_DOUBLE_EQ(*o.first_exercise_day.p10, 31.5);  // 30 + 0.3 x 5
  EXPECT_DOUBLE_EQ(*o.first_exercise_day.p50, 37.5);  // 35 + 0.5 x 5
  EXPECT_FALSE(o.first_exercise_day.p90.has_value());
  // On-time share of the exercising runs: 10/20, 15/30, 10/10 -> mean 2/3.
  ASSERT_TRUE(o.mean_on_time_share.has_value());
  EXPECT_DOUBLE_EQ(*o.mean_on_time_share, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(o.spend_usd.p50, 15 * 0.25e6);
  // No firm orders: no on-time share for them.
  EXPECT_FALSE(s[0].all_firm_on_time_share.has_value());
  EXPECT_FALSE(s[0].mean_firm_racks_on_time_share.has_value());
  EXPECT_DOUBLE_EQ(s[0].options_exercised.p50, 15.0);
}

TEST(ContractSummary, AnOptionNeverExercisedHasNoFirstExerciseOrOnTimeShare) {
  std::vector<sim::BuildoutRun> runs = {run_with(one_option(0, kNever, 0)),
                                        run_with(one_option(0, kNever, 0))};
  const auto o = summarize_contracts(runs, {contract({}, {30})})[0].options[0];
  EXPECT_EQ(o.exercised_share, 0.0);
  EXPECT_EQ(o.exercised.p90, 0.0);
  EXPECT_FALSE(o.first_exercise_day.min.has_value());
  EXPECT_FALSE(o.mean_on_time_share.has_value());
}

TEST(ContractSummary, TotalSpendIsSummedRunByRunBeforeTheQuantiles) {
  // Firm spend 10, 40, 20, 30 and option spend 30, 0, 20, 10 [MUSD]: every run spends 40, so
  // every quantile of the total is 40, not P10(firm) + P10(option) = 13 + 3.
  std::vector<sim::BuildoutRun> runs;
  const double firm[] = {10e6, 40e6, 20e6, 30e6};
  const double option[] = {30e6, 0.0, 20e6, 10e6};
  for (int i = 0; i < 4; ++i) {
    sim::ContractResult c;
    c.name = "k";
    c.firm_spend_usd = firm[i];
    c.option_spend_usd = option[i];
    runs.push_back(run_with(c, i));
  }
  const auto s = summarize_contracts(runs, {contract({}, {})})[0];
  EXPECT_DOUBLE_EQ(s.firm_spend_usd.p10, 13e6);
  EXPECT_DOUBLE_EQ(s.firm_spend_usd.p50, 25e6);
  EXPECT_DOUBLE_EQ(s.firm_spend_usd.p90, 37e6);
  EXPECT_DOUBLE_EQ(s.option_spend_usd.p10, 3e6);
  EXPECT_DOUBLE_EQ(s.option_spend_usd.p50, 15e6);
  EXPECT_DOUBLE_EQ(s.option_spend_usd.p90, 27e6);
  EXPECT_EQ(s.total_spend_usd.p10, 40e6);
  EXPECT_EQ(s.total_spend_usd.p50, 40e6);
  EXPECT_EQ(s.total_spend_usd.p90, 40e6);
}

TEST(ContractSummary, AllFirmOrdersOnTimeAndShareOfFirmRacksOnTime) {
  // Two orders: 10 racks due day 20 and 30 racks due day 50.
  auto result = [](int on_time_a, std::optional<int> day_a, int on_time_b,
                   std::optional<int> day_b) {
    sim::ContractResult c;
    c.name = "k";
    c.firm_racks = 40;
    c.firm.push_back({10, 20, on_time_a, 10, day_a});
    c.firm.push_back({30, 50, on_time_b, 30, day_b});
    return c;
  };
  std::vector<sim::BuildoutRun> runs = {
      run_with(result(10, 15, 30, 45)),   // both on time: 40/40
      run_with(result(10, 20, 20, 60)),   // the second late: 30/40
      run_with(result(5, 25, 30, 40)),    // the first late: 35/40
      run_with(result(10, 18, 30, 50))};  // both on time (on the due day): 40/40
  const auto s = summarize_contracts(runs, {contract({10, 30}, {})})[0];
  ASSERT_TRUE(s.all_firm_on_time_share.has_value());
  EXPECT_DOUBLE_EQ(*s.all_firm_on_time_share, 0.5);
  EXPECT_DOUBLE_EQ(*s.mean_firm_racks_on_time_share, (1.0 + 0.75 + 0.875 + 1.0) / 4);
  EXPECT_DOUBLE_EQ(s.firm[0].on_time_share, 0.75);
  EXPECT_DOUBLE_EQ(s.firm[1].on_time_share, 0.75);
  EXPECT_EQ(s.firm_racks, 40);
}

TEST(ContractSummary, NoRunsGiveNoSummaryAndAMismatchIsRejected) {
  EXPECT_TRUE(summarize_contracts({}, {contract({10}, {})}).empty());
  std::vector<sim::BuildoutRun> runs = {run_with(one_firm_order(10, 25, 10, 10))};
  EXPECT_THROW(summarize_contracts(runs, {}), std::invalid_argument);
  EXPECT_THROW(summarize_contracts(runs, {contract({10, 5}, {})}), std::invalid_argument);
  EXPECT_THROW(summarize_contracts(runs, {contract({10}, {30})}), std::invalid_argument);
}

TEST(ContractSummary, SummarizeBuildoutFillsTheContracts) {
  std::vector<sim::BuildoutRun> runs = {run_with(one_firm_order(10, 25, 10, 10)),
                                        run_with(one_firm_order(10, 25, 10, 30))};
  const PlanSummary p = summarize_buildout(runs, Date::from_ymd(2026, 1, 5), {contract({10}, {})});
  ASSERT_EQ(p.contracts.size(), 1u);
  EXPECT_EQ(p.contracts[0].name, "k");
  EXPECT_DOUBLE_EQ(*p.contracts[0].firm[0].fulfilled_day.p50, 20.0);
  EXPECT_DOUBLE_EQ(p.contracts[0].firm[0].on_time_share, 0.5);
}

}  // namespace
}  // namespace rackscale::analysis
