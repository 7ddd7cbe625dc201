// SVG charts: well-formed, self-contained, titled, with axes, units and a legend; the same bytes
// for the same input; names escaped.

#include "rackscale/report/svg_chart.hpp"

#include <gtest/gtest.h>

#include <regex>

#include <string>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/us_map.hpp"

namespace rackscale::report::testing {
std::string xml_problem(std::string_view xml);  // svg_chart_xml_check_test.cpp
}

namespace rackscale::report {
namespace {

using testing::xml_problem;

Date day(const char* iso) {
  return *Date::parse(iso);
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

// Nothing to fetch and nothing to run.
void expect_self_contained(const std::string& svg) {
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
  EXPECT_EQ(svg.find("url("), std::string::npos);
  EXPECT_EQ(svg.find("@import"), std::string::npos);
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u) << "starts with the <svg> element";
}

TimeChart time_chart() {
  TimeChart c;
  c.title = "GPUs online per site & in total";
  c.y_label = "GPUs online [GPUs]";
  c.x_label = "week";
  for (int w = 0; w < 20; ++w) c.dates.push_back(day("2026-01-05").plus_days(7 * w));
  TimeSeries a{"site <a>", {}, {}, {}, false};
  TimeSeries total{"total", {}, {}, {}, true};
  for (int w = 0; w < 20; ++w) {
    a.values.push_back(1000.0 * w);
    a.band_low.push_back(800.0 * w);
    a.band_high.push_back(1200.0 * w);
    total.values.push_back(1500.0 * w);
  }
  c.series = {a, total};
  return c;
}

TEST(SvgChartCanvas, NumbersAreFormattedTheSameWayEveryTime) {
  EXPECT_EQ(svg_number(12.0), "12");
  EXPECT_EQ(svg_number(12.345), "12.3");
  EXPECT_EQ(svg_number(-0.04), "0");
  EXPECT_EQ(svg_number(-3.25), "-3.3");  // rounds half away from zero
  EXPECT_EQ(format_value(216000.0, 0), "216,000");
  EXPECT_EQ(format_value(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(format_value(-1500.0, 0), "-1,500");
  EXPECT_EQ(format_value(-0.0001, 2), "0.00");
  EXPECT_EQ(xml_escape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&#39;");
}

TEST(SvgChartCanvas, TicksAreNiceAndCoverTheRange) {
  EXPECT_EQ(nice_ticks(0.0, 216000.0, 5),
            (std::vector<double>{0, 50000, 100000, 150000, 200000, 250000}));
  EXPECT_EQ(nice_ticks(0.0, 1.0, 5), (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1}));
  const auto pue = nice_ticks(1.05, 1.09, 4);
  EXPECT_LE(pue.front(), 1.05);
  EXPECT_GE(pue.back(), 1.09);
  EXPECT_EQ(tick_decimals(0.01), 2);
  EXPECT_EQ(tick_decimals(2.5), 1);
  EXPECT_EQ(tick_decimals(50000), 0);
  // Three years of weeks: ticks every six months, labelled by month.
  const auto t = month_ticks(day("2026-01-05"), day("2028-12-25"), 9);
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t.front().label, "Jul 2026");
  EXPECT_EQ(t.front().date, day("2026-07-01"));
  EXPECT_EQ(t.back().label, "Jul 2028");
  // Twenty weeks: monthly ticks.
  const auto m = month_ticks(day("2026-01-05"), day("2026-05-18"), 9);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].label, "Feb 2026");
}

TEST(TimeChart, IsWellFormedWithTitleAxesLegendAndBands) {
  const std::string svg = time_chart_svg(time_chart());
  EXPECT_EQ(xml_problem(svg), "");
  expect_self_contained(svg);
  EXPECT_NE(svg.find("<title>GPUs online per site &amp; in total</title>"), std::string::npos);
  EXPECT_NE(svg.find(">GPUs online per site &amp; in total</text>"), std::string::npos);
  EXPECT_NE(svg.find(">GPUs online [GPUs]</text>"), std::string::npos);  // y axis with unit
  EXPECT_NE(svg.find(">week</text>"), std::string::npos);                // x axis
  EXPECT_NE(svg.find(">Feb 2026</text>"), std::string::npos);            // date ticks
  EXPECT_NE(svg.find(">30,000</text>"), std::string::npos);              // value ticks
  EXPECT_NE(svg.find(">site &lt;a&gt;</text>"), std::string::npos);      // legend, escaped
  EXPECT_EQ(svg.find("site <a>"), std::string::npos);
  EXPECT_NE(svg.find(">P10-P90 band</text>"), std::string::npos);
  EXPECT_EQ(count(svg, "fill-opacity=\"0.18\""), 1) << "one band: the total has none";
  EXPECT_EQ(count(svg, "stroke-linejoin=\"round\""), 2) << "two central lines";
}

TEST(TimeChart, IsDeterministicAndChecksSeriesLengths) {
  EXPECT_EQ(time_chart_svg(time_chart()), time_chart_svg(time_chart()));
  auto bad = time_chart();
  bad.series[0].values.pop_back();
  EXPECT_THROW(time_chart_svg(bad), Error);
  bad = time_chart();
  bad.series[0].band_high.pop_back();
  EXPECT_THROW(time_chart_svg(bad), Error);
  TimeChart empty;
  empty.title = "nothing yet";
  EXPECT_EQ(xml_problem(time_chart_svg(empty)), "");
}

GanttChart gantt() {
  GanttChart g;
  g.title = "Phases & milestones";
  g.rows = {
      {"abilene-tx",
       {{"permitting", day("2026-01-05"), day("2026-02-02")},
        {"shell", day("2026-02-02"), day("2026-07-20")},
        {"fit-out", day("2026-07-20"), day("2026-11-09")}},
       {{"grid energized", day("2026-06-01"), day("2026-06-29"), false},
        {"first rack live", day("2026-11-16"), std::nullopt, true}}},
      {"richland-la",
       {{"permitting", day("2026-03-02"), day("2026-05-25")},
        {"shell", day("2026-05-25"), day("2027-01-04")}},
       {{"target reached", day("2027-09-06"), day("2027-12-06"), false}}},
  };
  return g;
}

TEST(GanttChart, DrawsBarsDiamondsAndALegendOfPhaseKinds) {
  const std::string svg = gantt_svg(gantt());
  EXPECT_EQ(xml_problem(svg), "");
  expect_self_contained(svg);
  EXPECT_NE(svg.find("<title>Phases &amp; milestones</title>"), std::string::npos);
  for (const char* s :
       {">permitting</text>", ">shell</text>", ">fit-out</text>", ">milestone (P50)</text>",
        ">P90</text>", ">P90 after the last date</text>", ">abilene-tx</text>",
        ">richland-la</text>", ">grid energized</text>", ">date</text>", ">Jul 2026</text>"}) {
    EXPECT_NE(svg.find(s), std::string::npos) << s;
  }
  // Five phase bars; three filled diamonds plus one in the legend; two open ones plus one.
  EXPECT_EQ(count(svg, "stroke=\"#ffffff\" stroke-width=\"0.5\""), 5);
  EXPECT_EQ(count(svg, "fill=\"#111111\" stroke=\"#ffffff\""), 3);
  EXPECT_EQ(count(svg, "fill=\"#ffffff\" stroke=\"#111111\""), 3);
  EXPECT_EQ(gantt_svg(gantt()), svg);
}

// The milestone labels (font size 10) of a chart: centre x, baseline y, text.
struct Label {
  double x, y;
  std::string text;
};

std::vector<Label> milestone_labels(const std::string& svg) {
  std::vector<Label> out;
  const std::regex label(
      R"re(<text x="([0-9.\-]+)" y="([0-9.\-]+)" font-size="10" [^>]*>([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator();
       ++it) {
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), (*it)[3]});
  }
  return out;
}

TEST(GanttChart, MilestoneLabelsNeverOverlap) {
  // Four milestones within a week of each other in one row: four levels of labels, none
  // overlapping another on its line (widths by the same text_width the chart uses), all inside
  // the chart.
  GanttChart g;
  g.title = "crowded";
  g.rows = {{"site",
             {{"shell", day("2026-01-05"), day("2026-03-02")}},
             {{"first rack online", day("2026-03-02"), std::nullopt, false},
              {"50% of target online", day("2026-03-04"), std::nullopt, false},
              {"100% of target online", day("2026-03-06"), std::nullopt, false},
              {"ready", day("2026-03-09"), std::nullopt, false}}}};
  const std::string svg = gantt_svg(g);
  const auto labels = milestone_labels(svg);
  ASSERT_EQ(labels.size(), 4u);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double half_i = text_width(labels[i].text, 10.0) / 2.0;
    EXPECT_GE(labels[i].x - half_i, 0.0) << labels[i].text;
    EXPECT_LE(labels[i].x + half_i, g.width) << labels[i].text;
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      if (labels[i].y != labels[j].y) continue;
      const double half_j = text_width(labels[j].text, 10.0) / 2.0;
      EXPECT_TRUE(labels[i].x + half_i <= labels[j].x - half_j ||
                  labels[j].x + half_j <= labels[i].x - half_i)
          << labels[i].text << " / " << labels[j].text;
    }
  }
}

TEST(TimeChart, ASiteEqualToTheTotalIsDrawnOverIt) {
  // One site: its line equals the total's; the total (thick, dark) is drawn first and the
  // site's thinner coloured line on top of it.
  TimeChart c;
  c.title = "one site";
  c.y_label = "GPUs online [GPUs]";
  c.dates = {day("2026-01-05"), day("2026-01-12"), day("2026-01-19")};
  c.series = {{"site", {0, 5, 10}, {}, {}, false}, {"total", {0, 5, 10}, {}, {}, true}};
  const std::string svg = time_chart_svg(c);
  const auto lines = svg.find("<g class=\"lines\">");
  ASSERT_NE(lines, std::string::npos);
  const auto total = svg.find("stroke=\"#333333\" stroke-width=\"3.5\"", lines);
  const auto site = svg.find("stroke-width=\"1.8\"", lines);
  ASSERT_NE(total, std::string::npos);
  ASSERT_NE(site, std::string::npos);
  EXPECT_LT(total, site);
}

TEST(BarChart, RanksBarsWithValuesAndUnits) {
  BarChart c;
  c.title = "Constraints ranked by capacity held back";
  c.x_label = "capacity held back [GPU-weeks]";
  c.series_name = "GPU-weeks held back";
  c.bars = {{"grid capacity at richland-la", 1.2e6, "(2,400 MW-weeks)"},
            {"transformers", 4.0e5, "(800 MW-weeks)"},
            {"crews <new-albany-oh>", 5.0e4, ""}};
  const std::string svg = bar_chart_svg(c);
  EXPECT_EQ(xml_problem(svg), "");
  expect_self_contained(svg);
  for (const char* s :
       {">Constraints ranked by capacity held back</text>",
        ">capacity held back [GPU-weeks]</text>", ">GPU-weeks held back</text>",
        ">1,200,000 (2,400 MW-weeks)</text>", ">crews &lt;new-albany-oh&gt;</text>", ">0</text>"}) {
    EXPECT_NE(svg.find(s), std::string::npos) << s;
  }
  EXPECT_EQ(bar_chart_svg(c), svg);
  EXPECT_EQ(xml_problem(bar_chart_svg(BarChart{})), "");
}

TEST(StackedBarChart, StacksPartsAndPrintsTotals) {
  StackedBarChart c;
  c.title = "Capital cost by category per site";
  c.y_label = "capex [MUSD]";
  c.parts = {"IT", "network", "land"};
  c.bars = {"abilene-tx", "richland-la"};
  c.values = {{10500, 2543, 40}, {12866, 3117, 25}};
  const std::string svg = stacked_bar_chart_svg(c);
  EXPECT_EQ(xml_problem(svg), "");
  expect_self_contained(svg);
  for (const char* s : {">capex [MUSD]</text>", ">IT</text>", ">network</text>", ">land</text>",
                        ">abilene-tx</text>", ">13,083</text>", ">16,008</text>"}) {
    EXPECT_NE(svg.find(s), std::string::npos) << s;
  }
  EXPECT_EQ(stacked_bar_chart_svg(c), svg);
  c.values.pop_back();
  EXPECT_THROW(stacked_bar_chart_svg(c), Error);
  c.values = {{1, 2}, {3, 4, 5}};
  EXPECT_THROW(stacked_bar_chart_svg(c), Error);
}

TEST(MonthlyDualAxisChart, HasBothAxesMonthsAndALegend) {
  MonthlyDualChart c;
  c.title = "Monthly PUE and water use per site";
  c.left_label = "PUE [-]";
  c.right_label = "WUE [L/kWh]";
  c.left_series = "PUE (line, left axis)";
  c.right_series = "WUE (bars, right axis)";
  for (const char* name : {"abilene-tx", "new-albany-oh"}) {
    MonthlyPair p;
    p.name = name;
    for (int m = 0; m < 12; ++m) {
      p.left[m] = 1.05 + 0.002 * m;
      p.right[m] = 0.1 * m;
    }
    c.series.push_back(p);
  }
  const std::string svg = monthly_dual_axis_svg(c);
  EXPECT_EQ(xml_problem(svg), "");
  expect_self_contained(svg);
  for (const char* s : {">PUE [-]</text>", ">WUE [L/kWh]</text>", ">Jan</text>", ">Dec</text>",
                        ">abilene-tx</text>", ">PUE (line, left axis)</text>",
                        ">WUE (bars, right axis)</text>", "rotate(90 ", "rotate(-90 "}) {
    EXPECT_NE(svg.find(s), std::string::npos) << s;
  }
  EXPECT_EQ(count(svg, "fill-opacity=\"0.3\""), 24) << "a bar per site and month";
  EXPECT_EQ(monthly_dual_axis_svg(c), svg);
}

TEST(UsMapChart, DrawsStatesMarkersLabelsAndTheSource) {
  UsMapChart c;
  c.title = "Sites & factories";
  c.markers = {
      {MapMarker::Shape::Square, "houston-integration", 29.76, -95.37, 0.0, "factory"},
      {MapMarker::Shape::Circle, "abilene-tx", 32.45, -99.73, 426.0, "426 MW IT"},
      {MapMarker::Shape::Circle, "new-albany-oh", 40.08, -82.81, 197.0, "197 MW IT"},
      {MapMarker::Shape::Circle, "london <uk>", 51.5, -0.13, 50.0, ""},
  };
  c.highlight_states = {"TX", "OH"};
  const std::string svg = us_map_svg(c);
  EXPECT_EQ(xml_problem(svg), "");
  expect_self_contained(svg);
  EXPECT_EQ(count(svg, "<path d=\"M"), 51) << "50 states and DC";
  EXPECT_EQ(count(svg, "fill=\"#c9d8ea\""), 3) << "two highlighted states and the legend";
  for (const char* s : {">Sites &amp; factories</text>", ">houston-integration</text>",
                        ">abilene-tx</text>", ">426 MW IT</text>", ">factory</text>",
                        ">site (area shows MW)</text>", ">1 not shown (outside the map)</text>",
                        "us-atlas", "Census Bureau", "<title>Texas</title>"}) {
    EXPECT_NE(svg.find(s), std::string::npos) << s;
  }
  EXPECT_EQ(svg.find("london"), std::string::npos);
  EXPECT_EQ(us_map_svg(c), svg);
}

}  // namespace
}  // namespace rackscale::report
