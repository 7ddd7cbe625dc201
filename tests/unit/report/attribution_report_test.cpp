// Outputs of the counterfactual attribution: attribution.csv columns and rows, the terminal
// lines, the JSON gains and the summary.md section.

#include "rackscale/report/attribution_report.hpp"

#include <gtest/gtest.h>

namespace rackscale::report {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// One site whose commissioning crews are the best fix, as in attribution_crews.yaml; its pair's
// 100% gain marked a lower bound to show how one reads.
analysis::Attribution crews_attribution() {
  analysis::Attribution a;
  a.runs = 2;
  a.base_runs = 3;
  analysis::SiteAttribution site;
  site.site = "abilene";
  site.main_bottleneck = "commissioning_crews";
  site.critical_at_end = "construction";
  site.gains = {{"commissioning_crews", false, 9, 19, 6840, 95},
                {"construction", false, 3, 3, 3240, 500},
                {"commissioning_crews + construction", true, 12, 22, 14040, 595, false, true}};
  a.sites.push_back(site);
  return a;
}

TEST(AttributionReport, CsvHasOneRowPerRelaxationAndThePair) {
  EXPECT_EQ(attribution_csv(crews_attribution()),
            "site,constraint,relaxed,days_earlier_50_p50,days_earlier_100_p50,gpu_weeks_gained,"
            "held_back_rack_weeks,days_earlier_50_is_lower_bound,days_earlier_100_is_lower_bound,"
            "runs\n"
            "abilene,commissioning_crews,single,9,19,6840,95,false,false,2\n"
            "abilene,construction,single,3,3,3240,500,false,false,2\n"
            "abilene,commissioning_crews + construction,pair,12,22,14040,595,false,true,2\n");
  EXPECT_EQ(attribution_csv({}),
            "site,constraint,relaxed,days_earlier_50_p50,days_earlier_100_p50,gpu_weeks_gained,"
            "held_back_rack_weeks,days_earlier_50_is_lower_bound,days_earlier_100_is_lower_bound,"
            "runs\n");
}

TEST(AttributionReport, TerminalNamesTheBestFixAndThePairWithTheirRuns) {
  const std::string text = attribution_terminal_text(crews_attribution());
  EXPECT_TRUE(contains(text, "relaxed in 2 of 3 runs")) << text;
  EXPECT_TRUE(contains(text,
                       "  abilene: commissioning_crews: 50% 9 days earlier, 100% 19 days "
                       "earlier, +6,840 GPU-weeks; commissioning_crews + construction: 50% 12 "
                       "days earlier, 100% at least 22 days earlier, +14,040 GPU-weeks\n"))
      << text;
  EXPECT_EQ(attribution_terminal_text({}), "");
  EXPECT_EQ(days_text(1.0), "1 day");
  EXPECT_EQ(days_text(4.5), "5 days");  // whole days, halves away from zero
  EXPECT_EQ(days_text(-2.0), "-2 days");
}

TEST(AttributionReport, AMilestoneNeverReachedEitherWayIsSaidSo) {
  // A grid-capped site: neither the plan's runs nor the relaxed ones reach 100% (a lower bound
  // of 0 days), while 50% comes 150 days earlier.
  analysis::Attribution a;
  a.runs = 1;
  a.base_runs = 1;
  analysis::SiteAttribution site;
  site.site = "capped";
  site.main_bottleneck = "construction";
  site.gains = {{"construction", false, 150, 0, 1000, 10, false, true}};
  a.sites.push_back(site);
  EXPECT_TRUE(contains(attribution_terminal_text(a),
                       "  capped: construction: 50% 150 days earlier, 100% not reached either "
                       "way, +1,000 GPU-weeks\n"))
      << attribution_terminal_text(a);
}

TEST(AttributionReport, JsonListsEveryGain) {
  const auto json = attribution_gains_json(crews_attribution().sites[0]);
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[0]["constraint"], "commissioning_crews");
  EXPECT_EQ(json[0]["days_earlier_100_p50"], 19.0);
  EXPECT_EQ(json[2]["pair"], true);
}

TEST(AttributionReport, MarkdownStatesTheRuns) {
  const std::string md = attribution_markdown(crews_attribution());
  EXPECT_TRUE(contains(md, "## What to fix first")) << md;
  EXPECT_TRUE(contains(md, "first 2 of the 3 runs")) << md;
  EXPECT_TRUE(contains(md, "| abilene | commissioning_crews | 9 days | 19 days | +6,840 | 95 |"))
      << md;
  EXPECT_EQ(attribution_markdown({}), "");
}

}  // namespace
}  // namespace rackscale::report
