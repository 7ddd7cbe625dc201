#include "rackscale/report/factory_report.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rackscale {
namespace {

// One factory of 10,000 racks of capacity over the runs: the partner started 1,500 racks
// (15%), another buyer ordered 9,000 and started 7,200 (72%), so 87% of the capacity was used;
// early access moved the partner's volume from day 140 to day 112 of 2026.
analysis::FactoryStudy one_factory() {
  analysis::FactoryOperationsSummary f;
  f.name = "plant";
  f.capacity_racks = 10000.0;
  f.partner_started = 1500.0;
  f.partner_share = 0.15;
  f.utilization = 0.87;
  f.binding_weeks = 109.0;
  f.peak_burn_in_mw = 12.5;
  f.final_yield = 0.975;
  f.early_access = true;
  f.qualified_first_time = 0.72;
  f.partner_start_day_p50 = 111.0;
  f.partner_start_day_without_p50 = 135.0;
  f.gain_weeks = 0.08;
  f.gain_weeks_stderr = 0.01;
  f.gain_mw_weeks = 94.0;
  analysis::OtherBuyerSummary other;
  other.name = "neocloud";
  other.product = "GB300-NVL72";
  other.ordered = 9000.0;
  other.started = 7200.0;
  other.backlog_p50 = 1750.0;
  other.backlog_p90 = 2100.0;
  other.capacity_share = 0.72;
  f.others = {other};
  analysis::FactoryStudy study;
  study.runs = 100;
  study.factories = {f};
  return study;
}

TEST(FactoryReport, HtmlShowsEveryBuyersUseAndTheEarlyAccessGain) {
  const std::string html =
      report::factory_operations_html(one_factory(), Date::from_ymd(2026, 1, 1));
  // Utilization by every buyer = partner 15% + other buyer 72%.
  EXPECT_NE(html.find("87.0% of its capacity used by every buyer (15.0% by the partner"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td>plant / neocloud</td><td class=\"num\">GB300-NVL72</td>"
                      "<td class=\"num\">72.0%</td><td class=\"num\">9000</td>"
                      "<td class=\"num\">7200</td><td class=\"num\">1750 / 2100</td>"),
            std::string::npos)
      << html;
  // Day 111 after 2026-01-01 is 2026-04-22; day 135 is 2026-05-16.
  EXPECT_NE(html.find("from 2026-04-22 (P50) instead of 2026-05-16"), std::string::npos) << html;
  EXPECT_NE(html.find("a gain of 0.08 +/- 0.01 weeks of full capacity (94 MW-weeks)"),
            std::string::npos)
      << html;
}

TEST(FactoryReport, HtmlIsEmptyWithoutFactoryOperations) {
  EXPECT_EQ(report::factory_operations_html({}, Date::from_ymd(2026, 1, 1)), "");
}

}  // namespace
}  // namespace rackscale
