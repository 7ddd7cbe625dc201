// The HTML report of the flagship scenario, with a synthetic build-out summary standing in for
// the simulation: every section present, nothing external, well-formed, deterministic. The
// last test writes build/report-test/report.html for tests/browser/check_report.py.

#include "rackscale/report/html_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/io/input_hash.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/report/output_files.hpp"

namespace rackscale::report::testing {
std::string xml_problem(std::string_view xml);  // svg_chart_xml_check_test.cpp
}

namespace rackscale::report {
namespace {

namespace u = rackscale::units;
using testing::xml_problem;

struct Flagship {
  io::LoadedScenario loaded;
  std::vector<design::SiteDesign> sites;
  RunStamp stamp;
};

const Flagship& flagship() {
  static const Flagship f = [] {
    Flagship x{
        io::load_scenario(std::string(RACKSCALE_SOURCE_DIR) + "/examples/flagship.yaml"), {}, {}};
    x.sites = design::design_sites(x.loaded.scenario, x.loaded.catalog);
    x.stamp = {"0.1.0-test", x.loaded.scenario.simulation.seed, io::input_hash(x.loaded),
               x.loaded.scenario.name};
    return x;
  }();
  return f;
}

int weeks_of(u::Duration d) {
  return static_cast<int>(std::lround(d.in(u::week)));
}

// A plausible build-out summary made up from the scenario: phases at their medians, then racks
// installed at the slower of the install and commissioning crews once the site is commissioned
// and energized; P10 starts 6 weeks later at 80% of the pace, P90 4 weeks earlier at 115%.
analysis::PlanSummary synthetic_plan(const Flagship& f) {
  const auto& sc = f.loaded.scenario;
  analysis::PlanSummary p;
  p.runs = 1000;
  p.weeks = weeks_of(sc.horizon);
  const int n = p.weeks;
  for (int w = 0; w < n; ++w) p.week_end_dates.push_back(sc.start.plus_days(7 * w));
  auto& total = p.total.gpus_online;
  total.p10.assign(n, 0.0);
  total.p50.assign(n, 0.0);
  total.p90.assign(n, 0.0);
  const auto day = [&](Date d) { return static_cast<double>(d.days_since(sc.start)); };
  const auto milestone = [](std::optional<double> p50, std::optional<double> p90) {
    analysis::MilestoneSummary m;
    m.p50 = p50;
    m.p90 = p90;
    return m;
  };
  for (std::size_t i = 0; i < sc.sites.size(); ++i) {
    const auto& site = sc.sites[i];
    const auto& d = f.sites[i];
    analysis::SitePlanSummary s;
    s.name = site.name;
    s.target_racks = d.racks;
    s.target_gpus = d.gpus;
    Date t = site.construction.start;
    const auto phase_end = [&](const model::DurationDistribution& dist) {
      t = t.plus_days(7 * weeks_of(dist.median()));
      return day(t);
    };
    s.p50_construction_start_day = day(t);
    phase_end(site.construction.permitting);
    s.p50_shell_end_day = phase_end(site.construction.shell);
    s.p50_fit_out_end_day = phase_end(site.construction.fit_out);
    phase_end(site.construction.commissioning);
    const Date ready = std::max(t, site.grid.front().date);
    s.p50_ready_day = day(ready);
    const double racks_per_week = std::min(site.crews.install_rate.in(u::per_week),
                                           site.crews.commissioning_rate.in(u::per_week));
    const double gpus_per_rack = static_cast<double>(d.gpus) / d.racks;
    const auto curve = [&](int delay_weeks, double pace) {
      std::vector<double> v;
      for (int w = 0; w < n; ++w) {
        const double since = (sc.start.plus_days(7 * w).days_since(ready)) / 7.0 - delay_weeks;
        v.push_back(std::clamp(since * racks_per_week * pace * gpus_per_rack, 0.0,
                               static_cast<double>(d.gpus)));
      }
      return v;
    };
    // The last site's slow case does not reach its target within the horizon.
    const double slow = i + 1 == sc.sites.size() ? 0.3 : 0.8;
    s.gpus_online.p10 = curve(6, slow);
    s.gpus_online.p50 = curve(0, 1.0);
    s.gpus_online.p90 = curve(-4, 1.15);
    for (int w = 0; w < n; ++w) {
      total.p10[w] += s.gpus_online.p10[w];
      total.p50[w] += s.gpus_online.p50[w];
      total.p90[w] += s.gpus_online.p90[w];
    }
    const auto reach = [&](const std::vector<double>& v) -> std::optional<double> {
      for (int w = 0; w < n; ++w) {
        if (v[w] >= static_cast<double>(d.gpus)) return 7.0 * w;
      }
      return std::nullopt;
    };
    s.milestones = {
        {"ready", milestone(day(ready), day(ready) + 28)},
        {"first_rack_online", milestone(day(ready) + 7, day(ready) + 49)},
        {"full_target", milestone(reach(s.gpus_online.p50), reach(s.gpus_online.p10))},
    };
    p.sites.push_back(std::move(s));
  }
  // The fleet reaches its target when its last site does (never if one never does).
  std::optional<double> full_p50 = 0.0, full_p90 = 0.0;
  for (const auto& s : p.sites) {
    const auto& m = s.milestones.back().days;
    full_p50 =
        m.p50 && full_p50 ? std::optional<double>(std::max(*m.p50, *full_p50)) : std::nullopt;
    full_p90 =
        m.p90 && full_p90 ? std::optional<double>(std::max(*m.p90, *full_p90)) : std::nullopt;
  }
  p.total.milestones = {{"full_target", milestone(full_p50, full_p90)}};
  // Made-up constraint totals in GPU-weeks, held as rack-weeks and IT MW-weeks (GB300 NVL72: 72
  // GPUs, 142 kW a rack).
  const double mw_per_gpu = 0.142 / 72.0;
  const std::vector<std::tuple<std::string, std::string, double>> held = {
      {"richland-la", "grid capacity", 2.1e6},
      {"abilene-tx", "install crews", 1.4e6},
      {"abilene-tx", "rack factory output", 9.0e5},
      {"richland-la", "large power transformers", 6.5e5},
      {"new-albany-oh", "commissioning crews", 4.2e5},
      {"new-albany-oh", "CDU supply", 1.5e5},
  };
  for (const auto& [site_name, constraint, gpu_weeks] : held) {
    for (auto& s : p.sites) {
      if (s.name != site_name) continue;
      const double gpus_per_rack = static_cast<double>(s.target_gpus) / s.target_racks;
      s.held_back.push_back({constraint, gpu_weeks / gpus_per_rack, gpu_weeks * mw_per_gpu});
    }
  }
  // Made-up contract outcomes for the scenario's contracts: the first firm order on time, the
  // others not complete within the horizon at P50 and P90; options exercised in part.
  const auto quantiles = [](double p10, double p50, double p90) {
    analysis::QuantileSummary q;
    q.p10 = p10;
    q.p50 = p50;
    q.p90 = p90;
    return q;
  };
  for (const auto& k : sc.contracts) {
    analysis::ContractPlanSummary c;
    c.name = k.name;
    c.runs = p.runs;
    for (std::size_t i = 0; i < k.firm.size(); ++i) {
      analysis::FirmOrderSummary o;
      o.racks = k.firm[i].racks;
      o.due_day = k.firm[i].deliver_by.days_since(sc.start);
      if (i == 0) {
        o.fulfilled_day = milestone(o.due_day - 30, o.due_day - 5);
        o.on_time_share = 0.97;
        o.mean_racks_late = 1.5;
      } else {
        o.fulfilled_day = milestone(std::nullopt, std::nullopt);
        o.on_time_share = 0.0;
        o.mean_racks_late = 812.0;
      }
      c.firm.push_back(o);
    }
    for (const auto& offered : k.options) {
      analysis::OptionSummary o;
      o.racks_offered = offered.racks;
      o.exercised = quantiles(0.25 * offered.racks, 0.5 * offered.racks, 1.0 * offered.racks);
      o.exercised_share = 0.9;
      o.first_exercise_day = milestone(day(offered.window_open) + 14, std::nullopt);
      o.mean_on_time_share = 0.8;
      c.options.push_back(o);
    }
    c.firm_spend_usd = quantiles(17500e6, 17500e6, 17500e6);
    c.option_spend_usd = quantiles(2000e6, 5000e6, 9000e6);
    c.total_spend_usd = quantiles(19500e6, 22500e6, 26500e6);
    p.contracts.push_back(std::move(c));
  }
  return p;
}

std::string report_with_buildout() {
  const auto& f = flagship();
  const auto plan = synthetic_plan(f);
  return html_report({f.stamp, f.loaded.scenario, f.sites, &plan});
}

std::string report_without_buildout() {
  const auto& f = flagship();
  return html_report({f.stamp, f.loaded.scenario, f.sites});
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

// The text of <section id="id"> ... </section>.
std::string section_of(const std::string& html, const std::string& id) {
  const auto a = html.find("<section id=\"" + id + "\">");
  if (a == std::string::npos) return "";
  return html.substr(a, html.find("</section>", a) - a);
}

constexpr const char* kPlanHint = "run <code>rackscale plan</code> for the build-out";

TEST(HtmlReport, HasEverySectionWithItsChart) {
  const std::string html = report_with_buildout();
  for (const char* id : {"answers", "capacity", "schedule", "constraints", "contracts", "factory",
                         "power", "cost", "energy", "map", "bom", "milestones", "sources"}) {
    EXPECT_NE(section_of(html, id), "") << id;
    EXPECT_NE(html.find(std::string("<a href=\"#") + id + "\">"), std::string::npos) << id;
  }
  // Header: scenario, version, seed, input hash.
  const auto& f = flagship();
  EXPECT_NE(html.find("<h1>us-gb300-buildout</h1>"), std::string::npos);
  EXPECT_NE(html.find("<dd>0.1.0-test</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dd>42</dd>"), std::string::npos);
  EXPECT_NE(html.find(f.stamp.input_hash), std::string::npos);
  // One chart per build-out section, a single-line diagram per site, cost, energy, map.
  EXPECT_EQ(count(section_of(html, "capacity"), "<svg "), 1);
  EXPECT_EQ(count(section_of(html, "schedule"), "<svg "), 1);
  EXPECT_EQ(count(section_of(html, "constraints"), "<svg "), 1);
  EXPECT_EQ(count(section_of(html, "factory"), "<svg "), 1);
  EXPECT_EQ(count(section_of(html, "power"), "<svg "), 3);
  EXPECT_EQ(count(section_of(html, "cost"), "<svg "), 1);
  EXPECT_EQ(count(section_of(html, "energy"), "<svg "), 1);
  EXPECT_EQ(count(section_of(html, "map"), "<svg "), 1);
  EXPECT_EQ(count(html, "<svg "), 10);
  EXPECT_EQ(html.find(kPlanHint), std::string::npos);
  // Key answers name each site and the biggest constraint; tables carry the milestones and
  // the most expensive BOM lines.
  for (const auto& d : f.sites) {
    EXPECT_NE(section_of(html, "answers").find(d.name), std::string::npos) << d.name;
    EXPECT_NE(section_of(html, "bom").find("<h3>" + d.name + "</h3>"), std::string::npos);
  }
  EXPECT_NE(section_of(html, "answers").find("grid capacity at richland-la"), std::string::npos);
  EXPECT_NE(section_of(html, "milestones").find("100% of target online"), std::string::npos);
  EXPECT_EQ(section_of(html, "milestones").find("facility ready"), std::string::npos);
  EXPECT_NE(section_of(html, "bom").find("GB300-NVL72"), std::string::npos);
  EXPECT_NE(section_of(html, "capacity").find("P10-P90"), std::string::npos);
  EXPECT_NE(section_of(html, "constraints").find("GPU-weeks"), std::string::npos);
  // The contracts are tables, not charts.
  EXPECT_EQ(count(section_of(html, "contracts"), "<svg"), 0);
}

TEST(HtmlReport, ContractsSectionTabulatesFirmOrdersOptionsAndSpend) {
  const std::string s = section_of(report_with_buildout(), "contracts");
  // The flagship's one contract: two firm orders, two options, a spend table.
  EXPECT_NE(s.find("<h3>gb300-master-agreement</h3>"), std::string::npos);
  EXPECT_EQ(count(s, "<table>"), 3);
  EXPECT_NE(s.find("<tr><td>firm 1</td><td class=\"num\">2,000</td><td>2026-12-31</td>"
                   "<td>2026-12-01</td><td>2026-12-26</td><td class=\"num\">97.0%</td>"
                   "<td class=\"num\">1.5</td></tr>"),
            std::string::npos);
  EXPECT_NE(s.find("<tr><td>firm 2</td><td class=\"num\">3,000</td><td>2027-09-30</td>"
                   "<td>not reached</td><td>not reached</td><td class=\"num\">0.0%</td>"
                   "<td class=\"num\">812.0</td></tr>"),
            std::string::npos);
  // Option 1 offers 3,000 racks: exercised 750 / 1,500 / 3,000, first on 2027-01-01 + 14 days.
  EXPECT_NE(s.find("<tr><td>option 1</td><td class=\"num\">3,000</td><td class=\"num\">750 / "
                   "1,500 / 3,000</td><td class=\"num\">90.0%</td><td>2027-01-15</td>"
                   "<td class=\"num\">80.0%</td></tr>"),
            std::string::npos);
  EXPECT_NE(s.find("<tr class=\"total\"><td>total</td><td class=\"num\">19,500.0</td>"
                   "<td class=\"num\">22,500.0</td><td class=\"num\">26,500.0</td></tr>"),
            std::string::npos);
}

TEST(HtmlReport, ContractsSectionWithoutContracts) {
  const auto& f = flagship();
  auto plan = synthetic_plan(f);
  plan.contracts.clear();
  const std::string html = html_report({f.stamp, f.loaded.scenario, f.sites, &plan});
  EXPECT_NE(section_of(html, "contracts").find("The scenario has no contracts."),
            std::string::npos);
  EXPECT_EQ(section_of(html, "contracts").find("<table"), std::string::npos);
}

TEST(HtmlReport, IsSelfContained) {
  for (const std::string& html : {report_with_buildout(), report_without_buildout()}) {
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_EQ(html.find(" src="), std::string::npos);
    // Links only to anchors inside the page.
    for (auto p = html.find("href=\""); p != std::string::npos; p = html.find("href=\"", p + 1)) {
      EXPECT_EQ(html[p + 6], '#') << html.substr(p, 40);
    }
    // "http" only in the citations of the sources section.
    const std::string sources = section_of(html, "sources");
    const auto sources_at = html.find(sources);
    for (auto p = html.find("http"); p != std::string::npos; p = html.find("http", p + 1)) {
      ASSERT_TRUE(p > sources_at && p < sources_at + sources.size()) << html.substr(p - 60, 120);
      const auto cite_open = html.rfind("<cite>", p);
      const auto cite_close = html.rfind("</cite>", p);
      EXPECT_TRUE(cite_open != std::string::npos &&
                  (cite_close == std::string::npos || cite_close < cite_open))
          << html.substr(p - 60, 120);
    }
    EXPECT_NE(sources.find("us-atlas"), std::string::npos);
    EXPECT_NE(sources.find("Census Bureau"), std::string::npos);
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_NE(html.find("break-before: page"), std::string::npos);
  }
}

TEST(HtmlReport, IsWellFormedAndDeterministic) {
  const std::string html = report_with_buildout();
  EXPECT_EQ(xml_problem(html), "");
  EXPECT_EQ(xml_problem(report_without_buildout()), "");
  EXPECT_EQ(report_with_buildout(), html);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  // Single-line diagrams keep unique ids when several sit in one page.
  std::vector<std::string> ids;
  for (auto p = html.find(" id=\""); p != std::string::npos; p = html.find(" id=\"", p + 1)) {
    ids.push_back(html.substr(p + 5, html.find('"', p + 5) - p - 5));
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "duplicate id";
}

TEST(HtmlReport, WithoutABuildOutPointsToPlan) {
  const std::string html = report_without_buildout();
  for (const char* id : {"capacity", "schedule", "constraints", "contracts", "milestones"}) {
    EXPECT_NE(section_of(html, id).find(kPlanHint), std::string::npos) << id;
    EXPECT_EQ(section_of(html, id).find("<svg"), std::string::npos) << id;
  }
  EXPECT_NE(section_of(html, "answers").find(kPlanHint), std::string::npos);
  // The design sections are all there.
  EXPECT_EQ(count(html, "<svg "), 6);
  EXPECT_NE(html.find("<dd>none (design only)</dd>"), std::string::npos);
}

TEST(HtmlReport, EscapesNames) {
  const auto& f = flagship();
  RunStamp stamp = f.stamp;
  stamp.scenario = "a<b>&\"c\"";
  auto plan = synthetic_plan(f);
  plan.sites[0].held_back.push_back({"<script>alert(1)</script> & co", 3.0e6, 1.0});
  plan.contracts[0].name = "<i>deal</i> & \"co\"";
  const std::string html = html_report({stamp, f.loaded.scenario, f.sites, &plan});
  EXPECT_EQ(html.find("<i>deal"), std::string::npos);
  EXPECT_NE(
      section_of(html, "contracts").find("<h3>&lt;i&gt;deal&lt;/i&gt; &amp; &quot;co&quot;</h3>"),
      std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("a<b>"), std::string::npos);
  EXPECT_NE(html.find("<h1>a&lt;b&gt;&amp;&quot;c&quot;</h1>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"), std::string::npos);
  EXPECT_EQ(xml_problem(html), "");
}

TEST(HtmlReport, RejectsAnInconsistentBuildOut) {
  const auto& f = flagship();
  auto plan = synthetic_plan(f);
  plan.sites[1].gpus_online.p50.pop_back();
  EXPECT_THROW(html_report({f.stamp, f.loaded.scenario, f.sites, &plan}), Error);
  plan = synthetic_plan(f);
  plan.total.gpus_online.p10.clear();  // a band needs both edges
  EXPECT_THROW(html_report({f.stamp, f.loaded.scenario, f.sites, &plan}), Error);
  plan = synthetic_plan(f);
  plan.week_end_dates.pop_back();
  EXPECT_THROW(html_report({f.stamp, f.loaded.scenario, f.sites, &plan}), Error);
}

// Writes the reports the browser test renders (tests/browser/check_report.py). The folder is
// build/report-test under the source tree, or $RACKSCALE_REPORT_TEST_DIR.
TEST(HtmlReport, WritesTheFlagshipReportForTheBrowserTest) {
  const char* env = std::getenv("RACKSCALE_REPORT_TEST_DIR");
  const std::string dir =
      env && *env ? std::string(env) : std::string(RACKSCALE_SOURCE_DIR) + "/build/report-test";
  report::OutputFiles files;
  files.add("report.html", report_with_buildout());
  files.add("report-design-only.html", report_without_buildout());
  // A scratch folder of this test: emptied first, since an output folder without a manifest
  // (or with the browser test's screenshots in it) is not replaced.
  std::filesystem::remove_all(dir);
  const auto written = files.write(dir);
  EXPECT_EQ(written.size(), 2u);
}

// A reliability study made by hand: the section shows its figures as given, goodput and
// availability as P50 (P10-P90) with three decimals, causes with their shares.
TEST(HtmlReport, ReliabilitySectionShowsGoodputCausesSparesAndCrews) {
  const auto& f = flagship();
  const auto plan = synthetic_plan(f);
  rackscale::sim::ReliabilityResult study;
  study.runs = 7;
  study.horizon_h = 720.0;
  study.seed = 3;
  rackscale::sim::JobSummary job;
  job.name = "pretrain";
  job.site = "abilene-tx";
  job.gpus = 1000;
  job.goodput = {0.5, 0.6, 0.7, 0.6, 0.4, 0.8};
  job.availability = {0.8, 0.85, 0.9, 0.85, 0.7, 0.95};
  job.interruptions_per_day = {10.0, 12.0, 14.0, 12.0, 9.0, 15.0};
  job.mtbf_h = 2.0;
  job.checkpoint_interval_h = 0.25;
  job.causes = {{"gpu", 9.0, 0.75}, {"software", 3.0, 0.25}};
  study.jobs.push_back(job);
  rackscale::sim::SiteSummary site;
  site.name = "abilene-tx";
  site.spare_units = 12;
  site.technicians = 4;
  site.crew_utilization = 0.5;
  study.sites.push_back(site);
  const std::string with =
      html_report({f.stamp, f.loaded.scenario, f.sites, &plan, nullptr, &study});
  const std::string section = section_of(with, "reliability");
  EXPECT_NE(section.find("0.600 (0.500-0.700)"), std::string::npos);
  EXPECT_NE(section.find("0.850 (0.800-0.900)"), std::string::npos);
  EXPECT_NE(
      section.find("<td>software</td><td class=\"num\">3.00</td><td class=\"num\">25.0%</td>"),
      std::string::npos);
  EXPECT_NE(
      section.find("<td class=\"num\">12</td><td class=\"num\">4</td><td class=\"num\">50.0%</td>"),
      std::string::npos);
  EXPECT_NE(section.find("7 runs of 720 h"), std::string::npos);
  EXPECT_NE(with.find("<a href=\"#reliability\">"), std::string::npos);
  // Without a study the section says how to get one.
  EXPECT_NE(section_of(report_without_buildout(), "reliability").find("no reliability study"),
            std::string::npos);
}

}  // namespace
}  // namespace rackscale::report
