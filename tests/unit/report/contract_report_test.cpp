#include "rackscale/report/contract_report.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rackscale {
namespace {

// Occurrences of `needle` in `text`.
std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// The contract as written (mean -6,000, P10 -13,000 MUSD: below a -12,000 floor), two points on
// the frontier (-5,000/-10,000 and -8,000/-9,500: neither has both a higher mean and a higher
// P10) and one dominated point (-9,000/-11,000).
analysis::ContractSearch search() {
  analysis::ContractSearch s;
  s.contract = "deal";
  s.buyer = "lab";
  s.runs = 40;
  s.seed = 42;
  s.p10_floor_usd = -12000e6;
  auto point = [](double mean_musd, double p10_musd, bool frontier, bool written) {
    analysis::ContractPoint p;
    p.buyer_npv_mean_usd = mean_musd * 1e6;
    p.buyer_npv_p10_usd = p10_musd * 1e6;
    p.on_frontier = frontier;
    p.as_written = written;
    p.meets_floor = p10_musd >= -12000.0;
    p.firm_racks = 100;
    p.option_racks = 50;
    return p;
  };
  s.points = {point(-6000, -13000, false, true), point(-5000, -10000, true, false),
              point(-8000, -9500, true, false), point(-9000, -11000, false, false)};
  s.best = 1;
  return s;
}

TEST(ContractReport, FrontierPageShowsTheFrontierTheContractAndTheBest) {
  const std::string html = report::contract_frontier_html(search(), "Contract frontier: deal");
  // Table rows: the contract as written, the two frontier points (not the dominated one).
  EXPECT_EQ(count(html, "<tr><td>"), 3u) << html;
  EXPECT_NE(html.find("below the floor"), std::string::npos);
  EXPECT_NE(html.find("best, frontier"), std::string::npos);
  EXPECT_NE(html.find("risk limit: P10 NPV &gt;= -12,000.0 MUSD"), std::string::npos) << html;
  const std::string svg = report::contract_frontier_svg(search());
  // Three points as circles, the best ringed once more, the legend's two circles; the contract
  // as written a diamond.
  EXPECT_EQ(count(svg, "<circle"), 3u + 1u + 2u) << svg;
  EXPECT_NE(svg.find("risk limit (P10 floor)"), std::string::npos);
}

}  // namespace
}  // namespace rackscale
