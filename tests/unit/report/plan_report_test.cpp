// The contract outputs of `rackscale plan` (contracts.csv, the Contracts section of summary.md,
// the terminal lines, the JSON and the HTML report) for a hand-filled summary of one
// contract over four runs. Dates: the scenario starts on 2026-01-05, so day 25 is 2026-01-30,
// day 90 is 2026-04-05 and day 100 is 2026-04-15; a fractional day is rounded up (37.5 -> 38,
// 2026-02-12).

#include "rackscale/report/plan_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/report/html_report.hpp"

namespace rackscale::report {
namespace {

const Date kStart = Date::from_ymd(2026, 1, 5);

RunStamp stamp() {
  return {"0.1.0-test", 7, "fnv1a64:0123", "s"};
}

analysis::QuantileSummary q(double p10, double p50, double p90) {
  analysis::QuantileSummary s;
  s.p10 = p10;
  s.p50 = p50;
  s.p90 = p90;
  return s;
}

analysis::MilestoneSummary days(std::optional<double> p10, std::optional<double> p50,
                                std::optional<double> p90, int reached_runs) {
  analysis::MilestoneSummary m;
  m.p10 = p10;
  m.p50 = p50;
  m.p90 = p90;
  m.runs = 4;
  m.reached_runs = reached_runs;
  return m;
}

// One contract "deal": 10 racks due on day 25 (met at P50), 20 racks due on day 100 (fulfilled
// in one run of four only) and an option of 30 racks at 0.25 MUSD.
analysis::PlanSummary plan_with_a_contract() {
  analysis::PlanSummary p;
  p.runs = 4;
  analysis::ContractPlanSummary c;
  c.name = "deal";
  c.firm_racks = 30;
  c.runs = 4;
  analysis::FirmOrderSummary a;
  a.racks = 10;
  a.due_day = 25;
  a.spend_usd = 20e6;
  a.fulfilled_day = days(13, 25, 37, 4);
  a.on_time_share = 0.5;
  a.mean_racks_late = 2.3;
  a.days_late = days(0, 2.5, 12, 4);
  analysis::FirmOrderSummary b;
  b.racks = 20;
  b.due_day = 100;
  b.spend_usd = 40e6;
  b.fulfilled_day = days(90, std::nullopt, std::nullopt, 1);
  b.on_time_share = 0.25;
  b.mean_racks_late = 12;
  b.days_late = days(0, std::nullopt, std::nullopt, 1);
  c.firm = {a, b};
  analysis::OptionSummary o;
  o.racks_offered = 30;
  o.unit_price_usd = 0.25e6;
  o.exercised = q(4, 16, 28);
  o.exercised_share = 0.75;
  o.first_exercise_day = days(31.5, 37.5, std::nullopt, 3);
  o.mean_on_time_share = 2.0 / 3.0;
  o.spend_usd = q(1e6, 4e6, 7e6);
  c.options = {o};
  c.all_firm_on_time_share = 0.25;
  c.mean_firm_racks_on_time_share = 0.6;
  c.options_exercised = q(4, 16, 28);
  c.firm_spend_usd = q(60e6, 60e6, 60e6);
  c.option_spend_usd = q(1e6, 4e6, 7e6);
  c.total_spend_usd = q(61e6, 64e6, 67e6);
  p.contracts = {c};
  return p;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t a = 0; a < text.size();) {
    const std::size_t z = text.find('\n', a);
    out.push_back(text.substr(a, z - a));
    a = z == std::string::npos ? text.size() : z + 1;
  }
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(PlanReportContracts, CsvHasOneRowPerFirmOrderAndOptionAndATotal) {
  const auto lines = lines_of(contracts_csv(plan_with_a_contract(), kStart));
  ASSERT_EQ(lines.size(), 5u);
  // The header row comes first.
  EXPECT_EQ(lines[0],
            "contract,kind,index,racks,due_date,fulfilled_p10,fulfilled_p50,fulfilled_p90,"
            "fulfilled_runs,on_time_share,mean_racks_late,days_late_p50,exercised_p10,"
            "exercised_p50,exercised_p90,exercised_share,first_exercise_p50,"
            "mean_exercised_on_time_share,spend_usd_p10,spend_usd_p50,spend_usd_p90,runs");
  EXPECT_EQ(lines[1],
            "deal,firm,1,10,2026-01-30,2026-01-18,2026-01-30,2026-02-11,4,0.5,2.3,2.5,,,,,,,"
            "20000000.00,20000000.00,20000000.00,4");
  EXPECT_EQ(lines[2],
            "deal,firm,2,20,2026-04-15,2026-04-05,not reached,not reached,1,0.25,12,,,,,,,,"
            "40000000.00,40000000.00,40000000.00,4");
  EXPECT_EQ(lines[3],
            "deal,option,1,30,,,,,,,,,4,16,28,0.75,2026-02-12,0.666667,1000000.00,4000000.00,"
            "7000000.00,4");
  // The total: firm racks, every firm order on time, racks late summed (2.3 + 12).
  EXPECT_EQ(lines[4],
            "deal,total,,30,,,,,,0.25,14.3,,4,16,28,,,,61000000.00,64000000.00,67000000.00,4");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(std::count(lines[i].begin(), lines[i].end(), ','), 21) << lines[i];
  }
}

TEST(PlanReportContracts, CsvQuotesANameWithACommaOrAQuote) {
  auto p = plan_with_a_contract();
  p.contracts[0].name = "deal, \"phase 2\"";
  const auto lines = lines_of(contracts_csv(p, kStart));
  ASSERT_GE(lines.size(), 2u);
  // RFC 4180: the field in double quotes, its quotes doubled.
  EXPECT_EQ(lines[1].rfind("\"deal, \"\"phase 2\"\"\",firm,1,", 0), 0u) << lines[1];
}

TEST(PlanReportContracts, MarkdownHasFirmOrdersOptionsAndSpend) {
  const std::string md = plan_summary_markdown(plan_with_a_contract(), kStart);
  const auto at = md.find("## Contracts");
  ASSERT_NE(at, std::string::npos);
  const std::string s = md.substr(at);
  EXPECT_TRUE(contains(s, "### deal\n"));
  EXPECT_TRUE(contains(s, "| 1 | 10 | 2026-01-30 | 2026-01-30 | 50.0% | 2.3 | 2.5 |\n"));
  EXPECT_TRUE(contains(s,
                       "| 2 | 20 | 2026-04-15 | not reached | 25.0% | 12.0 | beyond the "
                       "horizon |\n"));
  EXPECT_TRUE(contains(s, "| 1 | 30 | 4 / 16 / 28 | 75.0% | 2026-02-12 | 66.7% |\n"));
  EXPECT_TRUE(contains(s, "| firm orders | 60.0 | 60.0 | 60.0 |\n"));
  EXPECT_TRUE(contains(s, "| purchase options | 1.0 | 4.0 | 7.0 |\n"));
  EXPECT_TRUE(contains(s, "| total | 61.0 | 64.0 | 67.0 |\n"));
}

TEST(PlanReportContracts, TerminalHasOneLinePerContract) {
  const std::string t = plan_terminal_summary(plan_with_a_contract(), {}, kStart, false);
  EXPECT_TRUE(contains(t,
                       "\ncontract deal: firm orders on time in 25.0% of runs; option racks "
                       "exercised 16, spend 64.0 MUSD (P50)\n"));
  // Colours do not touch the contract lines.
  EXPECT_TRUE(contains(plan_terminal_summary(plan_with_a_contract(), {}, kStart, true),
                       "\ncontract deal: firm orders on time in 25.0% of runs"));
}

TEST(PlanReportContracts, JsonHasAContractsObject) {
  const auto j = plan_to_json(stamp(), plan_with_a_contract(), {}, kStart);
  ASSERT_TRUE(j.contains("contracts"));
  const auto& c = j["contracts"]["deal"];
  EXPECT_EQ(c["firm_racks"], 30);
  EXPECT_EQ(c["firm"][0]["due_date"], "2026-01-30");
  EXPECT_EQ(c["firm"][0]["fulfilled_date"]["p90"], "2026-02-11");
  EXPECT_TRUE(c["firm"][1]["fulfilled_date"]["p50"].is_null());
  EXPECT_TRUE(c["firm"][1]["days_late_p50"].is_null());
  EXPECT_EQ(c["firm"][1]["fulfilled_date"]["reached_runs"], 1);
  EXPECT_EQ(c["options"][0]["racks_offered"], 30);
  EXPECT_EQ(c["options"][0]["exercised_racks"]["p50"], 16.0);
  EXPECT_EQ(c["options"][0]["first_exercise_p50"], "2026-02-12");
  EXPECT_EQ(c["all_firm_on_time_share"], 0.25);
  EXPECT_EQ(c["mean_firm_racks_on_time_share"], 0.6);
  EXPECT_EQ(c["spend_usd"]["total"]["p90"], 67e6);
}

TEST(PlanReportContracts, HtmlReportDatesTheContractsFromTheScenarioStart) {
  model::Scenario scenario;
  scenario.start = kStart;
  const auto plan = plan_with_a_contract();
  const std::string html = html_report({stamp(), scenario, {}, &plan});
  const std::string s = html.substr(html.find("<section id=\"contracts\">"));
  EXPECT_TRUE(contains(s,
                       "<tr><td>firm 1</td><td class=\"num\">10</td><td>2026-01-30</td>"
                       "<td>2026-01-30</td><td>2026-02-11</td><td class=\"num\">50.0%</td>"
                       "<td class=\"num\">2.3</td></tr>"));
  EXPECT_TRUE(contains(s,
                       "<tr><td>firm 2</td><td class=\"num\">20</td><td>2026-04-15</td>"
                       "<td>not reached</td><td>not reached</td><td class=\"num\">25.0%</td>"
                       "<td class=\"num\">12.0</td></tr>"));
  // Option 1: 4 / 16 / 28 racks of 30, first exercised (P50) on day 37.5, rounded up to 38.
  EXPECT_TRUE(contains(s,
                       "<tr><td>option 1</td><td class=\"num\">30</td><td class=\"num\">4 / 16 / "
                       "28</td><td class=\"num\">75.0%</td><td>2026-02-12</td>"
                       "<td class=\"num\">66.7%</td></tr>"));
  // Spend in MUSD: 61, 64 and 67 million USD.
  EXPECT_TRUE(contains(s,
                       "<tr class=\"total\"><td>total</td><td class=\"num\">61.0</td>"
                       "<td class=\"num\">64.0</td><td class=\"num\">67.0</td></tr>"));
}

TEST(PlanReportContracts, WithoutContracts) {
  analysis::PlanSummary p;
  p.runs = 4;
  EXPECT_EQ(lines_of(contracts_csv(p, kStart)).size(), 1u);  // the header row only
  EXPECT_TRUE(contains(plan_summary_markdown(p, kStart),
                       "## Contracts\n\nThe scenario has no contracts.\n"));
  EXPECT_FALSE(contains(plan_terminal_summary(p, {}, kStart, false), "contract"));
  const auto j = plan_to_json(stamp(), p, {}, kStart);
  EXPECT_TRUE(j["contracts"].is_object());
  EXPECT_TRUE(j["contracts"].empty());
}

TEST(PlanReportContracts, SharesNeverRoundToZeroOrOneWhenTheyAreNot) {
  EXPECT_EQ(format_share(0.0), "0.0%");
  EXPECT_EQ(format_share(1.0), "100.0%");
  EXPECT_EQ(format_share(0.973), "97.3%");
  EXPECT_EQ(format_share(0.9996), ">99.9%");
  EXPECT_EQ(format_share(0.0004), "<0.1%");
}

}  // namespace
}  // namespace rackscale::report
