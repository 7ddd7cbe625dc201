// What compare prints and writes: differences with their sign, unit and percentage, dates
// shifted in days, the CSV rows, and one overlay chart per scope with both plans' bands.

#include "rackscale/report/compare_report.hpp"

#include <gtest/gtest.h>

#include "rackscale/report/csv_reader.hpp"

namespace rackscale::report {
namespace {

using analysis::PlanFigures;

PlanFigures plan(double capex_musd, std::optional<double> full_p50_day, double goodput) {
  PlanFigures p;
  p.origin = "origin";
  p.stamp = {"0.1.0", 42, "fnv1a64:0000000000000000", "demo"};
  p.runs = 10;
  p.week_ends = {Date::from_ymd(2026, 1, 11), Date::from_ymd(2026, 1, 18)};
  analysis::SiteFigures s;
  s.name = "x";
  s.capex_musd = capex_musd;
  s.gpus_online = {{0, 72}, {0, 144}, {72, 144}};
  s.milestones = {{"full_target",
                   {full_p50_day, full_p50_day, full_p50_day},
                   {"d", full_p50_day ? "2026-01-20" : "not reached", "d"}}};
  p.sites = {s};
  p.fleet = s;
  p.fleet.name = "total";
  p.jobs = {{"pretrain", "x", goodput}};
  return p;
}

TEST(CompareReport, TerminalShowsSignedDifferencesWithUnitsAndShares) {
  const auto c = analysis::compare_plans(plan(200.0, 10.0, 0.6), plan(250.0, 13.5, 0.6));
  const std::string text = compare_terminal_text(c);
  EXPECT_NE(text.find("+50 MUSD (+25.0%)"), std::string::npos) << text;  // 250 - 200
  EXPECT_NE(text.find("+3.5 days"), std::string::npos) << text;          // 13.5 - 10
  EXPECT_NE(text.find("full_target  +3.5  +3.5  +3.5"), std::string::npos) << text;
  EXPECT_NE(text.find("A and B have the same inputs"), std::string::npos) << text;
}

TEST(CompareReport, AMilestoneReachedInOnePlanOnlySaysWhich) {
  const auto c = analysis::compare_plans(plan(200.0, std::nullopt, 0.6), plan(200.0, 12.0, 0.6));
  const std::string text = compare_terminal_text(c);
  EXPECT_NE(text.find("not reached  2026-01-20  reached in B only"), std::string::npos) << text;
}

TEST(CompareReport, CsvHasOneRowPerFigure) {
  const auto c = analysis::compare_plans(plan(200.0, 10.0, 0.6), plan(150.0, std::nullopt, 0.5));
  const CsvTable csv(compare_csv(c), "compare.csv");
  ASSERT_EQ(csv.rows().size(), c.figures.size());
  bool seen_capex = false, seen_full = false, seen_goodput = false;
  for (std::size_t r = 0; r < csv.rows().size(); ++r) {
    const std::string key = csv.at(r, "scope") + " " + csv.at(r, "figure");
    if (key == "x capex_musd") {
      seen_capex = true;
      EXPECT_EQ(csv.at(r, "difference"), "-50");
      EXPECT_EQ(csv.at(r, "unit"), "MUSD");
    } else if (key == "x full_target_p50_day") {
      seen_full = true;
      EXPECT_EQ(csv.at(r, "a"), "2026-01-20");
      EXPECT_EQ(csv.at(r, "b"), "not reached");
      EXPECT_EQ(csv.at(r, "difference"), "");
    } else if (key == "job pretrain goodput_p50") {
      seen_goodput = true;
      EXPECT_EQ(csv.at(r, "difference"), "-0.1");  // 0.5 - 0.6, to 12 digits
    }
  }
  EXPECT_TRUE(seen_capex && seen_full && seen_goodput);
}

TEST(CompareReport, HtmlHasAnOverlayPerScopeWithBothBands) {
  const auto c = analysis::compare_plans(plan(200.0, 10.0, 0.6), plan(250.0, 13.5, 0.6));
  const std::string html = compare_html(c);
  std::size_t charts = 0;
  for (std::size_t p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1)) {
    ++charts;
  }
  EXPECT_EQ(charts, 2u);  // the fleet and site x
  EXPECT_NE(html.find("P10-P90 band"), std::string::npos);
  const auto files = compare_outputs(c, {"rackscale", "compare"});
  std::vector<std::string> names;
  for (const auto& [name, content] : files.files()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"compare.csv", "compare.json", "compare.html",
                                             "manifest.json"}));
}

}  // namespace
}  // namespace rackscale::report
