#include "rackscale/report/html_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/report/attribution_report.hpp"
#include "rackscale/report/deal_report.hpp"
#include "rackscale/report/factory_report.hpp"
#include "rackscale/report/plan_charts.hpp"
#include "rackscale/report/plan_report.hpp"
#include "rackscale/report/single_line_svg.hpp"
#include "rackscale/report/svg_chart.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/us_map.hpp"

namespace rackscale::report {

namespace {

namespace u = rackscale::units;

std::string esc(std::string_view s) {
  return xml_escape(s);
}

std::string num(double x, int decimals) {
  return format_value(x, decimals);
}

std::string musd(u::Money m) {
  return num(m.in(u::MUSD), 1);
}

// ---- HTML building blocks ------------------------------------------------------------------

struct Cell {
  std::string html;  // already escaped
  bool numeric = false;
};

Cell text_cell(std::string_view s) {
  return {esc(s), false};
}
Cell num_cell(std::string s) {
  return {esc(s), true};
}

std::string table(const std::vector<Cell>& header, const std::vector<std::vector<Cell>>& rows,
                  const std::set<std::size_t>& total_rows = {}, std::string_view css = {}) {
  std::string out = css.empty() ? "<table>\n" : fmt::format("<table class=\"{}\">\n", css);
  out += "<thead><tr>";
  for (const auto& h : header) {
    out += h.numeric ? "<th class=\"num\">" : "<th>";
    out += h.html + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += total_rows.count(r) ? "<tr class=\"total\">" : "<tr>";
    for (const auto& c : rows[r]) {
      out += c.numeric ? "<td class=\"num\">" : "<td>";
      out += c.html + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

// An SVG ready to sit inside HTML: no XML prolog, no namespace attribute (the HTML parser puts
// <svg> in the SVG namespace), and ids prefixed so that several diagrams do not clash.
std::string inline_svg(std::string svg, std::string_view id_prefix) {
  if (svg.rfind("<?xml", 0) == 0) svg.erase(0, svg.find("?>") + 2);
  while (!svg.empty() && (svg.front() == '\n' || svg.front() == '\r')) svg.erase(0, 1);
  const std::string ns = " xmlns=\"http://www.w3.org/2000/svg\"";
  for (std::size_t p = svg.find(ns); p != std::string::npos; p = svg.find(ns, p)) {
    svg.erase(p, ns.size());
  }
  if (!id_prefix.empty()) {
    const std::string id = " id=\"";
    for (std::size_t p = svg.find(id); p != std::string::npos; p = svg.find(id, p)) {
      svg.insert(p + id.size(), std::string(id_prefix) + "-");
      p += id.size() + id_prefix.size() + 1;
    }
  }
  return svg;
}

std::string figure(const std::string& svg, std::string_view caption, std::string_view prefix = {}) {
  return fmt::format("<figure class=\"chart\">\n{}<figcaption>{}</figcaption>\n</figure>\n",
                     inline_svg(svg, prefix), esc(caption));
}

std::string missing_buildout() {
  return "<p class=\"missing\">This run has no build-out simulation: run "
         "<code>rackscale plan</code> for the build-out.</p>\n";
}

std::string section(std::string_view id, std::string_view title, const std::string& body) {
  return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", id, esc(title), body);
}

// A slug usable in ids: letters, digits and '-'.
std::string slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += ok ? c : '-';
  }
  return out;
}

// ---- the build-out -------------------------------------------------------------------------

// The report counts capacity in GPUs.
constexpr const char* kQuantity = "GPUs online";
constexpr const char* kUnit = "GPUs";
constexpr const char* kUnitWeeks = "GPU-weeks";

// A constraint at a site and the capacity it held back, summed over the weeks of the horizon.
struct HeldBack {
  std::string name;        // "<constraint> at <site>"
  double gpu_weeks = 0.0;  // [GPU x weeks]
  double mw_weeks = 0.0;   // IT power [MW x weeks]
};

// The build-out summary, checked, with its dates and every site's held-back capacity.
struct Buildout {
  const analysis::PlanSummary& plan;
  Date start;                       // the scenario start: day 0 of the summary
  std::vector<HeldBack> held_back;  // every site's, largest MW-weeks first
};

void check_series(const analysis::SeriesQuantiles& q, std::size_t n, const std::string& what) {
  for (const auto& [v, which] : {std::pair{&q.p10, "P10"}, {&q.p50, "P50"}, {&q.p90, "P90"}}) {
    if (v->size() != n) {
      throw Error(fmt::format("build-out summary: {} {} has {} values for {} weeks", what, which,
                              v->size(), n));
    }
  }
}

Buildout check_buildout(const analysis::PlanSummary& plan, Date start) {
  Buildout b{plan, start, {}};
  const std::size_t weeks = plan.week_end_dates.size();
  check_series(plan.total.gpus_online, weeks, "total");
  for (const auto& s : plan.sites) {
    check_series(s.gpus_online, weeks, "site '" + s.name + "'");
    const double gpus_per_rack =
        s.target_racks > 0 ? static_cast<double>(s.target_gpus) / s.target_racks : 0.0;
    for (const auto& h : s.held_back) {
      b.held_back.push_back(
          {h.constraint + " at " + s.name, h.mean_rack_weeks * gpus_per_rack, h.mean_mw_weeks});
    }
  }
  std::stable_sort(b.held_back.begin(), b.held_back.end(),
                   [](const auto& x, const auto& y) { return x.mw_weeks > y.mw_weeks; });
  return b;
}

std::string date_or(const std::optional<Date>& d, std::string_view otherwise) {
  return d ? d->to_string() : std::string(otherwise);
}

const analysis::SitePlanSummary* find_site(const analysis::PlanSummary& plan,
                                           const std::string& name) {
  for (const auto& site : plan.sites) {
    if (site.name == name) return &site;
  }
  return nullptr;
}

// ---- sections --------------------------------------------------------------------------------

std::string header_html(const ReportInput& in, const std::optional<Buildout>& b) {
  const auto& st = in.stamp;
  const auto& sc = in.scenario;
  std::string out = "<header class=\"report\">\n";
  out += fmt::format("<p class=\"kicker\">rackscale report</p>\n<h1>{}</h1>\n", esc(st.scenario));
  if (!sc.description.empty())
    out += fmt::format("<p class=\"lead\">{}</p>\n", esc(sc.description));
  out += "<dl class=\"stamp\">\n";
  const auto item = [&](std::string_view k, const std::string& v) {
    out += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", esc(k), v);
  };
  item("scenario", esc(st.scenario));
  item("rackscale version", esc(st.version));
  item("seed", esc(std::to_string(st.seed)));
  item("input hash", "<code>" + esc(st.input_hash) + "</code>");
  item("start", esc(sc.start.to_string()));
  item("horizon", esc(num(sc.horizon.in(u::week), 0) + " weeks"));
  item("sites", esc(std::to_string(in.sites.size())));
  item("build-out runs", b ? esc(std::to_string(b->plan.runs)) : std::string("none (design only)"));
  out += "</dl>\n</header>\n";
  return out;
}

std::string toc_html(bool deal) {
  static constexpr std::pair<const char*, const char*> kSections[] = {
      {"answers", "Key answers"},
      {"capacity", "Capacity online"},
      {"schedule", "Phases and milestones"},
      {"constraints", "What held capacity back"},
      {"contracts", "Contracts"},
      {"factory", "Factory use and racks waiting"},
      {"reliability", "Fleet reliability"},
      {"power", "Power single-line diagrams"},
      {"cost", "Cost"},
      {"energy", "Energy and water by month"},
      {"map", "Map"},
      {"bom", "Bill of materials"},
      {"milestones", "Milestones"},
      {"sources", "Sources and notes"},
  };
  std::string out = "<nav class=\"toc\" aria-label=\"contents\">\n<ol>\n";
  for (const auto& [id, title] : kSections) {
    out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", id, title);
    if (deal && std::string_view(id) == "contracts")
      out += "<li><a href=\"#deal\">The deal</a></li>\n";
  }
  return out + "</ol>\n</nav>\n";
}

// The fleet's design totals.
struct FleetTotals {
  long long racks = 0, gpus = 0;
  double it_mw = 0, utility_mw = 0, capex_musd = 0;
  double it_energy_mwh = 0, facility_energy_mwh = 0;
  std::string pue() const {
    return it_energy_mwh > 0 ? num(facility_energy_mwh / it_energy_mwh, 3) : std::string("n/a");
  }
};

FleetTotals fleet_totals(const std::vector<design::SiteDesign>& sites) {
  FleetTotals t;
  for (const auto& d : sites) {
    t.racks += d.racks;
    t.gpus += d.gpus;
    t.it_mw += d.loads.it_design.in(u::MW);
    t.utility_mw += d.power.design.total.in(u::MW);
    t.capex_musd += d.cost.capex_total.in(u::MUSD);
    t.it_energy_mwh += d.energy.it.in(u::MWh);
    t.facility_energy_mwh += d.energy.facility.in(u::MWh);
  }
  return t;
}

std::string need_answer(const FleetTotals& t) {
  return fmt::format(
      "<li><strong>What the sites need:</strong> {} racks with {} GPUs, {} MW of IT load and {} MW "
      "at the utility meter at design; capex {} MUSD; fleet PUE {} over a year.</li>\n",
      num(static_cast<double>(t.racks), 0), num(static_cast<double>(t.gpus), 0), num(t.it_mw, 1),
      num(t.utility_mw, 1), num(t.capex_musd, 0), t.pue());
}

// The fleet's full-target milestone, as in the milestone table, milestones.csv and the terminal.
std::string online_answer(const Buildout& b, double fleet_target) {
  const auto& weeks = b.plan.week_end_dates;
  const auto& total = b.plan.total.gpus_online;
  const auto* full = analysis::find_milestone(b.plan.total, "full_target");
  if (weeks.empty() || !full) return {};
  const auto p50 = analysis::day_to_calendar_date(full->days.p50, b.start);
  const auto p90 = analysis::day_to_calendar_date(full->days.p90, b.start);
  if (!p50) {
    return fmt::format(
        "<li><strong>When it is online:</strong> not within the horizon: {} of {} {} online in "
        "the last week ({}) at P50.</li>\n",
        num(total.p50.back(), 0), num(fleet_target, 0), kUnit, weeks.back().to_string());
  }
  return fmt::format("<li><strong>When it is online:</strong> all {} {} by {} at P50, {}.</li>\n",
                     num(fleet_target, 0), kUnit, p50->to_string(),
                     p90 ? "and by " + p90->to_string() + " at P90"
                         : std::string("but not within the horizon at P90"));
}

// Each site's main bottleneck: the relaxation that gains it the most.
std::string fix_first_answer(const analysis::Attribution& attribution) {
  std::string items;
  for (const auto& site : attribution.sites) {
    if (site.main_bottleneck.empty()) continue;
    const auto& best = site.gains.front();
    items += fmt::format("{}{} at {} ({} {}, 100% {} earlier at P50)", items.empty() ? "" : "; ",
                         esc(best.constraint), esc(site.site), num(best.gpu_weeks_gained, 0),
                         kUnitWeeks, days_text(best.days_earlier_full, best.full_lower_bound));
  }
  if (items.empty()) return {};
  return fmt::format(
      "<li><strong>What to fix first:</strong> {} (the constraint whose relaxation gains each "
      "site the most; <a href=\"#attribution\">table below</a>).</li>\n",
      items);
}

std::string held_back_answer(const Buildout& b) {
  if (b.held_back.empty()) return {};
  const auto top =
      *std::max_element(b.held_back.begin(), b.held_back.end(),
                        [](const auto& a, const auto& c) { return a.gpu_weeks < c.gpu_weeks; });
  return fmt::format(
      "<li><strong>What bound the longest:</strong> {}, {} {} ({} MW-weeks of IT) as the binding "
      "constraint.</li>\n",
      esc(top.name), num(top.gpu_weeks, 0), kUnitWeeks, num(top.mw_weeks, 0));
}

std::string answers_list_html(const ReportInput& in, const std::optional<Buildout>& b,
                              const FleetTotals& totals) {
  std::string list = "<ul class=\"answers\">\n" + need_answer(totals);
  if (b) {
    list += online_answer(*b, static_cast<double>(totals.gpus));
    if (in.attribution) list += fix_first_answer(*in.attribution);
    list += held_back_answer(*b);
  } else {
    list +=
        "<li><strong>When it is online and what holds it back:</strong> run "
        "<code>rackscale plan</code> for the build-out.</li>\n";
  }
  return list + "</ul>\n";
}

std::string location_of(const model::Scenario& scenario, const std::string& site_name) {
  for (const auto& site : scenario.sites) {
    if (site.name == site_name) {
      return site.location.city.empty() ? site.location.state
                                        : site.location.city + ", " + site.location.state;
    }
  }
  return {};
}

std::string design_table_html(const ReportInput& in, const FleetTotals& t) {
  std::vector<std::vector<Cell>> rows;
  for (const auto& d : in.sites) {
    rows.push_back({text_cell(d.name), text_cell(location_of(in.scenario, d.name)),
                    num_cell(num(d.racks, 0)), num_cell(num(static_cast<double>(d.gpus), 0)),
                    num_cell(num(d.loads.it_design.in(u::MW), 1)),
                    num_cell(num(d.power.design.total.in(u::MW), 1)),
                    num_cell(num(d.energy.pue, 3)), num_cell(num(d.energy.wue_l_per_kwh, 2)),
                    num_cell(num(d.cost.capex_total.in(u::MUSD), 0)),
                    num_cell(num(d.cost.cost_per_gpu_hour_usd, 2))});
  }
  rows.push_back({text_cell("total"), text_cell(""), num_cell(num(static_cast<double>(t.racks), 0)),
                  num_cell(num(static_cast<double>(t.gpus), 0)), num_cell(num(t.it_mw, 1)),
                  num_cell(num(t.utility_mw, 1)), num_cell(t.pue()), text_cell(""),
                  num_cell(num(t.capex_musd, 0)), text_cell("")});
  return "<h3>Design per site</h3>\n" +
         table({text_cell("site"), text_cell("location"), num_cell("racks"), num_cell("GPUs"),
                num_cell("IT at design [MW]"), num_cell("utility at design [MW]"), num_cell("PUE"),
                num_cell("WUE [L/kWh]"), num_cell("capex [MUSD]"), num_cell("cost [USD/GPU-h]")},
               rows, {rows.size() - 1});
}

std::string main_bottleneck_of(const ReportInput& in, const std::string& site) {
  const auto* found = in.attribution ? find_attribution(*in.attribution, site) : nullptr;
  return found && !found->main_bottleneck.empty() ? found->main_bottleneck : "-";
}

// A milestone's date at a quantile, as in the milestone table, milestones.csv and the terminal.
std::string milestone_date(const analysis::SitePlanSummary& site, const char* name,
                           std::optional<double> analysis::MilestoneSummary::*quantile,
                           const Date& start) {
  const auto* m = analysis::find_milestone(site, name);
  return date_or(m ? analysis::day_to_calendar_date(m->days.*quantile, start) : std::nullopt,
                 "not within the horizon");
}

// The day a site reaches its target; a grid-capped site never does, whatever else is done (as
// the terminal says).
std::string target_date(const analysis::SitePlanSummary& site,
                        std::optional<double> analysis::MilestoneSummary::*quantile,
                        const Date& start) {
  return site.grid_capped_racks > 0 ? std::string("never: grid")
                                    : milestone_date(site, "full_target", quantile, start);
}

std::vector<Cell> buildout_row(const ReportInput& in, const design::SiteDesign& d,
                               const analysis::SitePlanSummary& site, const Buildout& b) {
  const auto& online = site.gpus_online;
  using Q = analysis::MilestoneSummary;
  return {text_cell(d.name),
          num_cell(num(static_cast<double>(d.gpus), 0)),
          text_cell(milestone_date(site, "first_rack_online", &Q::p50, b.start)),
          text_cell(target_date(site, &Q::p50, b.start)),
          text_cell(target_date(site, &Q::p90, b.start)),
          num_cell(fmt::format("{} / {} / {}", num(online.p10.back(), 0), num(online.p50.back(), 0),
                               num(online.p90.back(), 0))),
          text_cell(main_bottleneck_of(in, d.name)),
          text_cell(site.main_constraint.empty() ? "-" : site.main_constraint)};
}

std::string buildout_table_html(const ReportInput& in, const std::optional<Buildout>& b) {
  std::string out = "<h3>Build-out per site</h3>\n";
  if (!b) return out + missing_buildout();
  std::vector<std::vector<Cell>> rows;
  for (const auto& d : in.sites) {
    const analysis::SitePlanSummary* site = find_site(b->plan, d.name);
    if (site && !b->plan.week_end_dates.empty()) rows.push_back(buildout_row(in, d, *site, *b));
  }
  out += table(
      {text_cell("site"), num_cell(fmt::format("target [{}]", kUnit)),
       text_cell("first capacity online (P50)"), text_cell("target reached (P50)"),
       text_cell("target reached (P90)"), num_cell("online in the last week, P10 / P50 / P90"),
       text_cell("main bottleneck"), text_cell("critical at end")},
      rows);
  return out +
         "<p class=\"note\">Dates are quantiles over the runs of each run's own date (P90: 90% "
         "of the runs are there by then), the same figures as the milestone table. "
         "The main bottleneck is the constraint whose relaxation gains the "
         "site the most GPU-weeks (table below); critical at end is the binding constraint that "
         "held back the most.</p>\n";
}

// Every site's gains from relaxing each constraint, and from its top two together.
std::string attribution_table_html(const analysis::Attribution* attribution) {
  if (!attribution || attribution->sites.empty()) return {};
  std::vector<std::vector<Cell>> rows;
  std::set<std::size_t> pair_rows;
  for (const auto& site : attribution->sites) {
    for (const auto& g : site.gains) {
      if (g.pair) pair_rows.insert(rows.size());
      rows.push_back({text_cell(site.site), text_cell(g.constraint),
                      num_cell(days_text(g.days_earlier_half, g.half_lower_bound)),
                      num_cell(days_text(g.days_earlier_full, g.full_lower_bound)),
                      num_cell(num(g.gpu_weeks_gained, 0)),
                      num_cell(num(g.held_back_rack_weeks, 0))});
    }
  }
  return "<h3 id=\"attribution\">What to fix first</h3>\n" +
         table({text_cell("site"), text_cell("relaxed"), num_cell("50% earlier (P50)"),
                num_cell("100% earlier (P50)"), num_cell(fmt::format("{} gained", kUnitWeeks)),
                num_cell("held back as binding [rack-weeks]")},
               rows, pair_rows) +
         fmt::format(
             "<p class=\"note\">Each constraint relaxed in turn (unlimited capacity or no delay) "
             "in the first {} of the {} runs, with the same random draws as the plan's runs; "
             "the bold row of a site relaxes its top two together. Days earlier compare P50 "
             "dates (at least: the plan's P50 is not reached within the horizon); {} gained is a "
             "mean over the runs. Held back is what the binding view "
             "attributed to the constraint (crews for either crew).</p>\n",
             attribution->runs, attribution->base_runs, kUnitWeeks);
}

std::string answers_html(const ReportInput& in, const std::optional<Buildout>& b) {
  const FleetTotals totals = fleet_totals(in.sites);
  return section("answers", "Key answers",
                 answers_list_html(in, b, totals) + design_table_html(in, totals) +
                     buildout_table_html(in, b) + attribution_table_html(in.attribution));
}

std::string capacity_html(const ReportInput& in, const std::optional<Buildout>& b) {
  if (!b) return section("capacity", "Capacity online", missing_buildout());
  return section("capacity", "Capacity online",
                 figure(time_chart_svg(capacity_chart(in.sites, b->plan)),
                        fmt::format("{} week by week from the build-out simulation ({} runs): the "
                                    "line is the median (P50), the shaded band spans P10 to P90.",
                                    kQuantity, b->plan.runs)));
}

std::string schedule_html(const std::optional<Buildout>& b) {
  if (!b) return section("schedule", "Phases and milestones", missing_buildout());
  return section("schedule", "Phases and milestones",
                 figure(gantt_svg(schedule_chart(b->plan, b->start)),
                        "Each site's phases at their median (P50) dates; filled diamonds mark "
                        "milestones at P50, open diamonds at P90. Milestones not reached within "
                        "the horizon are listed in the milestone table."));
}

// A paragraph naming the grid-capped sites; empty when none is.
std::string grid_caps_html(const analysis::PlanSummary& plan) {
  std::string items;
  for (const auto& s : plan.sites) {
    if (s.grid_capped_racks > 0) {
      items += fmt::format("<li>{}: {}</li>\n", esc(s.name), esc(grid_cap_text(s)));
    }
  }
  if (items.empty()) return items;
  return "<p>The final grid step cannot carry the target at the design's utility demand per "
         "rack; whatever else is done, these racks never go online:</p>\n<ul>\n" +
         items + "</ul>\n";
}

std::string constraints_html(const std::optional<Buildout>& b) {
  if (!b) return section("constraints", "What held capacity back", missing_buildout());
  const std::string caps = grid_caps_html(b->plan);
  if (b->held_back.empty()) {
    return section("constraints", "What held capacity back",
                   caps + "<p>No constraint held capacity back in this run.</p>\n");
  }
  std::vector<HeldBack> ranked = b->held_back;
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& c) { return a.gpu_weeks > c.gpu_weeks; });
  constexpr std::size_t kTop = 10;
  BarChart chart;
  chart.title = "Constraints ranked by capacity held back";
  chart.x_label = fmt::format("capacity held back [{}]", kUnitWeeks);
  chart.series_name = fmt::format("capacity held back [{}]; IT MW-weeks in brackets", kUnitWeeks);
  std::vector<std::vector<Cell>> rows;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const auto& c = ranked[i];
    if (i < kTop) {
      chart.bars.push_back({c.name, c.gpu_weeks, fmt::format("({} MW-weeks)", num(c.mw_weeks, 0))});
    }
    rows.push_back({text_cell(std::to_string(i + 1)), text_cell(c.name),
                    num_cell(num(c.gpu_weeks, 0)), num_cell(num(c.mw_weeks, 0))});
  }
  std::string body = caps;
  body += figure(
      bar_chart_svg(chart),
      fmt::format("The constraints that held back the most capacity, summed over the weeks of "
                  "the horizon: the gap between what a site could have had online and what the "
                  "constraint let through, in {} and in MW-weeks of IT load.",
                  kUnitWeeks));
  body +=
      table({text_cell("rank"), text_cell("constraint"),
             num_cell(fmt::format("held back [{}]", kUnitWeeks)), num_cell("held back [MW-weeks]")},
            rows);
  return section("constraints", "What held capacity back", body);
}

std::string contracts_html(const std::optional<Buildout>& b) {
  if (!b) return section("contracts", "Contracts", missing_buildout());
  const auto& plan = b->plan;
  if (plan.contracts.empty()) {
    return section("contracts", "Contracts", "<p>The scenario has no contracts.</p>\n");
  }
  const auto musd = [](double usd) { return num_cell(num(usd / 1e6, 1)); };
  std::string body = fmt::format(
      "<p>The rack purchase contracts over the {} runs of the build-out. A rack is delivered "
      "when it passes the factory's final test; a firm order is on time when its last rack is "
      "delivered by its due date.</p>\n",
      plan.runs);
  for (const auto& c : plan.contracts) {
    body += fmt::format("<h3>{}</h3>\n", esc(c.name));
    if (!c.firm.empty()) {
      std::vector<std::vector<Cell>> rows;
      for (std::size_t i = 0; i < c.firm.size(); ++i) {
        const auto& o = c.firm[i];
        rows.push_back({text_cell(fmt::format("firm {}", i + 1)), num_cell(num(o.racks, 0)),
                        text_cell(b->start.plus_days(o.due_day).to_string()),
                        text_cell(analysis::day_to_date(o.fulfilled_day.p50, b->start)),
                        text_cell(analysis::day_to_date(o.fulfilled_day.p90, b->start)),
                        num_cell(format_share(o.on_time_share)),
                        num_cell(num(o.mean_racks_late, 1))});
      }
      body += table({text_cell("firm order"), num_cell("racks"), text_cell("due"),
                     text_cell("fulfilled (P50)"), text_cell("fulfilled (P90)"),
                     num_cell("on time [share of runs]"), num_cell("racks late [mean]")},
                    rows);
    }
    if (!c.options.empty()) {
      std::vector<std::vector<Cell>> rows;
      for (std::size_t i = 0; i < c.options.size(); ++i) {
        const auto& o = c.options[i];
        rows.push_back(
            {text_cell(fmt::format("option {}", i + 1)), num_cell(num(o.racks_offered, 0)),
             num_cell(fmt::format("{} / {} / {}", num(o.exercised.p10, 0), num(o.exercised.p50, 0),
                                  num(o.exercised.p90, 0))),
             num_cell(format_share(o.exercised_share)),
             text_cell(date_or(analysis::day_to_calendar_date(o.first_exercise_day.p50, b->start),
                               "not exercised")),
             num_cell(o.mean_on_time_share ? format_share(*o.mean_on_time_share) : "n/a")});
      }
      body += table(
          {text_cell("purchase option"), num_cell("racks offered"),
           num_cell("exercised P10 / P50 / P90 [racks]"), num_cell("exercised [share of runs]"),
           text_cell("first exercise (P50)"), num_cell("exercised racks on time [mean]")},
          rows);
    }
    body += table({text_cell("spend"), num_cell("P10 [MUSD]"), num_cell("P50 [MUSD]"),
                   num_cell("P90 [MUSD]")},
                  {{text_cell("firm orders"), musd(c.firm_spend_usd.p10),
                    musd(c.firm_spend_usd.p50), musd(c.firm_spend_usd.p90)},
                   {text_cell("purchase options"), musd(c.option_spend_usd.p10),
                    musd(c.option_spend_usd.p50), musd(c.option_spend_usd.p90)},
                   {text_cell("total"), musd(c.total_spend_usd.p10), musd(c.total_spend_usd.p50),
                    musd(c.total_spend_usd.p90)}},
                  {2});
  }
  body +=
      "<p class=\"note\">\"not reached\": the order is not complete within the horizon in that "
      "share of runs. Exercised racks are due the allocation policy's exercise lead after the "
      "exercise; their on-time share is averaged over the runs that exercised the option. Open "
      "options are exercised cheapest first, only for racks a site can power and install before "
      "the window closes. The "
      "total spend is summed run by run, so its quantiles are not the sums of the others. The "
      "full figures are in <code>contracts.csv</code>.</p>\n";
  return section("contracts", "Contracts", body);
}

// Per-week increments of a cumulative series.
std::vector<double> weekly_increments(const std::vector<double>& cumulative) {
  std::vector<double> out(cumulative.size(), 0.0);
  for (std::size_t i = 0; i < cumulative.size(); ++i) {
    out[i] = cumulative[i] - (i > 0 ? cumulative[i - 1] : 0.0);
  }
  return out;
}

std::string factory_output_figure(const analysis::PlanSummary& plan) {
  TimeChart chart;
  chart.title = "Factory output against capacity, per week";
  chart.y_label = "racks per week [racks]";
  chart.x_label = "week";
  chart.dates = plan.week_end_dates;
  for (const auto& f : plan.factories) {
    chart.series.push_back({f.name + " capacity (P50)", weekly_increments(f.capacity.p50), {}, {}});
    chart.series.push_back(
        {f.name + " started (P50)", weekly_increments(f.started.p50), {}, {}, true});
  }
  return figure(time_chart_svg(chart),
                "Racks each factory started per week against the racks its ramp and lines "
                "allowed (differences of the cumulative P50 series).");
}

std::string factory_table(const analysis::PlanSummary& plan) {
  std::vector<std::vector<Cell>> rows;
  for (const auto& f : plan.factories) {
    rows.push_back(
        {text_cell(f.name), num_cell(num(f.mean_capacity_racks, 0)),
         num_cell(num(f.mean_started_racks, 0)), num_cell(num(100.0 * f.mean_utilization, 1)),
         num_cell(num(f.mean_idle_racks, 0)), num_cell(num(f.mean_inventory_rack_weeks, 0)),
         num_cell(num(f.mean_inventory_carrying_cost_usd / 1e6, 1))});
  }
  return table({text_cell("factory"), num_cell("capacity [racks]"), num_cell("started [racks]"),
                num_cell("utilization [%]"), num_cell("idle [racks]"),
                num_cell("waiting at factory [rack-weeks]"), num_cell("carrying cost [MUSD]")},
               rows);
}

std::vector<Cell> waiting_cells(const std::string& name, const analysis::WaitingSummary& w) {
  return {text_cell(name),
          num_cell(num(w.mean_space_rack_weeks, 0)),
          num_cell(num(w.mean_power_rack_weeks, 0)),
          num_cell(num(w.mean_crews_rack_weeks, 0)),
          num_cell(num(w.rack_weeks(), 0)),
          num_cell(num(w.mean_carrying_cost_usd / 1e6, 1))};
}

std::string waiting_table(const analysis::PlanSummary& plan) {
  std::vector<std::vector<Cell>> rows;
  for (const auto& s : plan.sites) rows.push_back(waiting_cells(s.name, s.waiting));
  rows.push_back(waiting_cells("total", plan.total.waiting));
  return table({text_cell("site"), num_cell("waiting for space [rack-weeks]"),
                num_cell("for power [rack-weeks]"), num_cell("for crews [rack-weeks]"),
                num_cell("total [rack-weeks]"), num_cell("carrying cost [MUSD]")},
               rows, {rows.size() - 1});
}

std::string factory_html(const std::optional<Buildout>& b, const ReportInput& in) {
  constexpr const char* kTitle = "Factory use and racks waiting";
  if (!b) return section("factory", kTitle, missing_buildout());
  const auto& plan = b->plan;
  const std::string operations =
      in.factory ? factory_operations_html(*in.factory, in.scenario.start) : "";
  return section(
      "factory", kTitle,
      factory_output_figure(plan) + factory_table(plan) + operations +
          "<p>Racks by stage: finished and waiting at the factory (above), then delivered to a "
          "site and not online, by what they wait for (means over the runs). Carrying cost = "
          "cost of capital x the racks' contract price x waiting time.</p>\n" +
          waiting_table(plan));
}

std::string power_html(const ReportInput& in) {
  std::string body =
      "<p>The power chain of each site from the utility to the rack power shelves, with counts, "
      "ratings, redundancy and loading at design, standby generation on the low-voltage bus and "
      "batteries on the medium-voltage bus.</p>\n";
  for (std::size_t i = 0; i < in.sites.size(); ++i) {
    const auto& d = in.sites[i];
    body += fmt::format("<h3>{}</h3>\n", esc(d.name));
    body += figure(single_line_svg(d.power, d.name),
                   fmt::format("Single-line diagram of {}: design demand {} MW at the utility.",
                               d.name, num(d.power.design.total.in(u::MW), 1)),
                   fmt::format("sld{}-{}", i + 1, slug(d.name)));
  }
  return section("power", "Power single-line diagrams", body);
}

std::string cost_html(const ReportInput& in) {
  StackedBarChart chart;
  chart.title = "Capital cost by category per site";
  chart.y_label = "capex [MUSD]";
  chart.parts = {"IT",        "network",    "electrical", "mechanical", "shell and site",
                 "overheads", "soft costs", "land"};
  std::vector<std::vector<Cell>> rows;
  constexpr std::size_t kMoneyColumns = 11;
  std::array<u::Money, kMoneyColumns> sum{};
  for (const auto& d : in.sites) {
    const auto& c = d.cost;
    chart.bars.push_back(d.name);
    chart.values.push_back({c.it.in(u::MUSD), c.network.in(u::MUSD), c.electrical.in(u::MUSD),
                            c.mechanical.in(u::MUSD), c.shell_and_site.in(u::MUSD),
                            c.overheads.in(u::MUSD), c.soft_costs.in(u::MUSD), c.land.in(u::MUSD)});
    const std::array<u::Money, kMoneyColumns> items = {
        c.it,        c.network,    c.electrical, c.mechanical,  c.shell_and_site,
        c.overheads, c.soft_costs, c.land,       c.capex_total, c.opex_per_year,
        c.tco};
    std::vector<Cell> row{text_cell(d.name)};
    for (std::size_t k = 0; k < kMoneyColumns; ++k) {
      row.push_back(num_cell(musd(items[k])));
      sum[k] = sum[k] + items[k];
    }
    row.push_back(num_cell(num(c.cost_per_gpu_hour_usd, 2)));
    rows.push_back(std::move(row));
  }
  std::vector<Cell> total{text_cell("total")};
  for (const auto& s : sum) total.push_back(num_cell(musd(s)));
  total.push_back(text_cell(""));
  rows.push_back(std::move(total));
  std::string body = figure(stacked_bar_chart_svg(chart),
                            "Capex per site by category from the cost model (docs/models/cost.md): "
                            "IT from the rack price, network from the priced fabric, electrical "
                            "and mechanical from the priced power chain and cooling plant, shell "
                            "and site from the space model, overheads and soft costs as stated "
                            "fractions, land from the scenario.");
  body += table({text_cell("site"), num_cell("IT"), num_cell("network"), num_cell("electrical"),
                 num_cell("mechanical"), num_cell("shell and site"), num_cell("overheads"),
                 num_cell("soft costs"), num_cell("land"), num_cell("capex"),
                 num_cell("opex per year"), num_cell("TCO"), num_cell("USD/GPU-h")},
                rows, {rows.size() - 1}, "wide");
  if (!in.sites.empty()) {
    const auto& a = in.sites.front().cost.assumptions;
    body += fmt::format(
        "<p class=\"note\">Money in MUSD. TCO: capex plus opex discounted at {}% a year over {} "
        "years.</p>\n",
        num(100.0 * a.discount_rate, 1), num(a.tco_horizon.in(u::year), 0));
  }
  return section("cost", "Cost", body);
}

std::string energy_html(const ReportInput& in) {
  MonthlyDualChart chart;
  chart.title = "Monthly PUE and water use per site";
  chart.left_label = "PUE [-]";
  chart.right_label = "WUE [L/kWh]";
  chart.left_series = "PUE (line, left axis)";
  chart.right_series = "WUE (bars, right axis)";
  chart.left_decimals = 3;
  std::vector<std::vector<Cell>> rows;
  for (const auto& d : in.sites) {
    MonthlyPair p;
    p.name = d.name;
    for (std::size_t m = 0; m < 12; ++m) {
      p.left[m] = d.energy.months[m].pue;
      p.right[m] = d.energy.months[m].wue_l_per_kwh;
    }
    chart.series.push_back(p);
    double temp = 0.0;
    for (const auto& m : d.energy.months) temp += m.mean_dry_bulb_c / 12.0;
    rows.push_back({text_cell(d.name), num_cell(num(d.energy.pue, 3)),
                    num_cell(num(d.energy.partial_pue_cooling, 3)),
                    num_cell(num(d.energy.wue_l_per_kwh, 2)),
                    num_cell(num(d.energy.water_litres / 1000.0, 0)),
                    num_cell(num(d.energy.facility.in(u::GWh), 1)),
                    num_cell(num(d.energy.peak_facility.in(u::MW), 1)),
                    num_cell(num(d.energy.free_cooling_hours, 0)), num_cell(num(temp, 1)),
                    text_cell(d.weather.source)});
  }
  std::string body = figure(monthly_dual_axis_svg(chart),
                            "From the hourly simulation of a year at typical IT load "
                            "(docs/models/cooling.md): PUE = facility energy / IT energy and WUE = "
                            "water / IT energy, month by month.");
  body +=
      table({text_cell("site"), num_cell("PUE"), num_cell("cooling pPUE"), num_cell("WUE [L/kWh]"),
             num_cell("water [m³/year]"), num_cell("facility energy [GWh/year]"),
             num_cell("peak facility [MW]"), num_cell("free-cooling hours"),
             num_cell("mean dry bulb [°C]"), text_cell("weather")},
            rows, {}, "wide");
  return section("energy", "Energy and water by month", body);
}

std::string map_html(const ReportInput& in) {
  UsMapChart chart;
  chart.title = "Sites and factories";
  chart.size_unit = "MW IT";
  chart.circle_label = "site";
  // A marker at `at`, whose state is shaded once.
  const auto add = [&](MapMarker::Shape shape, const std::string& name,
                       const model::Location& at) -> MapMarker& {
    if (!at.state.empty() && std::find(chart.highlight_states.begin(), chart.highlight_states.end(),
                                       at.state) == chart.highlight_states.end()) {
      chart.highlight_states.push_back(at.state);
    }
    MapMarker m;
    m.shape = shape;
    m.label = name;
    m.latitude = at.latitude;
    m.longitude = at.longitude;
    return chart.markers.emplace_back(std::move(m));
  };
  for (const auto& f : in.scenario.factories) {
    add(MapMarker::Shape::Square, f.name, f.location).detail =
        "factory" + (f.location.city.empty() ? std::string() : ", " + f.location.city);
  }
  for (const auto& site : in.scenario.sites) {
    MapMarker& m = add(MapMarker::Shape::Circle, site.name, site.location);
    for (const auto& d : in.sites) {
      if (d.name == site.name) {
        m.size_value = d.loads.it_design.in(u::MW);
        m.detail = fmt::format("{} MW IT, {} racks", num(m.size_value, 0), num(d.racks, 0));
      }
    }
  }
  return section("map", "Map",
                 figure(us_map_svg(chart),
                        "Factories (squares) and sites (circles, area proportional to IT load "
                        "at design) at their latitude and longitude from the scenario. State "
                        "outlines: us-atlas, from the US Census Bureau (see Sources)."));
}

// A site's bill-of-materials lines, the most expensive first (unpriced lines last).
std::vector<const design::BomLine*> bom_lines_by_cost(const design::SiteDesign& d) {
  std::vector<const design::BomLine*> lines;
  for (const auto& l : d.bom.lines) lines.push_back(&l);
  std::stable_sort(lines.begin(), lines.end(), [](const auto* a, const auto* c) {
    const double ea = a->extended() ? a->extended()->in(u::USD) : -1.0;
    const double ec = c->extended() ? c->extended()->in(u::USD) : -1.0;
    return ea > ec;
  });
  return lines;
}

// One row of the table: the lead-time column only when `lead_times`.
std::vector<Cell> bom_row(const design::BomLine& l, bool lead_times) {
  const auto ext = l.extended();
  std::vector<Cell> row{text_cell(l.category), text_cell(l.item),
                        num_cell(num(static_cast<double>(l.count), 0)),
                        num_cell(l.unit_price ? num(l.unit_price->in(u::kUSD), 1) : "n/a"),
                        num_cell(ext ? num(ext->in(u::MUSD), 1) : "n/a")};
  if (lead_times) row.push_back(num_cell(l.lead_time ? num(l.lead_time->in(u::week), 0) : ""));
  row.push_back(text_cell(l.note));
  return row;
}

// A site's `top` most expensive lines, with a lead-time column when any of them has one.
std::string bom_site_html(const design::SiteDesign& d, std::size_t top) {
  const std::vector<const design::BomLine*> lines = bom_lines_by_cost(d);
  const std::size_t shown = std::min(top, lines.size());
  const bool lead_times = std::any_of(lines.begin(), lines.begin() + shown,
                                      [](const auto* l) { return l->lead_time.has_value(); });
  std::vector<std::vector<Cell>> rows;
  for (std::size_t i = 0; i < shown; ++i) rows.push_back(bom_row(*lines[i], lead_times));
  std::vector<Cell> header{text_cell("category"), text_cell("item"), num_cell("count"),
                           num_cell("unit price [kUSD]"), num_cell("extended [MUSD]")};
  if (lead_times) header.push_back(num_cell("lead time [weeks]"));
  header.push_back(text_cell("note"));
  std::string body = fmt::format("<h3>{}</h3>\n", esc(d.name));
  body += table(header, rows, {}, "wide");
  body += fmt::format(
      "<p class=\"note\">{} of {} lines shown; priced total {} MUSD; {} lines without a catalog "
      "price.</p>\n",
      shown, lines.size(), musd(d.bom.priced_total()), d.bom.unpriced_lines());
  return body;
}

std::string bom_html(const ReportInput& in) {
  constexpr std::size_t kTop = 12;
  std::string body =
      "<p>The most expensive lines of each site's bill of materials; the full list is in "
      "<code>bom.csv</code>.</p>\n";
  for (const auto& d : in.sites) body += bom_site_html(d, kTop);
  return section("bom", "Bill of materials", body);
}

std::string milestones_html(const std::optional<Buildout>& b) {
  if (!b) return section("milestones", "Milestones", missing_buildout());
  std::vector<std::vector<Cell>> rows;
  for (const auto& site : b->plan.sites) {
    for (const auto& m : site.milestones) {
      if (!shown_milestone(m)) continue;
      rows.push_back({text_cell(site.name), text_cell(milestone_label(m.name)),
                      text_cell(analysis::day_to_date(m.days.p50, b->start)),
                      text_cell(analysis::day_to_date(m.days.p90, b->start))});
    }
  }
  if (rows.empty()) return section("milestones", "Milestones", "<p>No milestones.</p>\n");
  return section(
      "milestones", "Milestones",
      table({text_cell("site"), text_cell("milestone"), text_cell("P50"), text_cell("P90")}, rows) +
          "<p class=\"note\">\"not reached\": later than the horizon in that share "
          "of runs.</p>\n");
}

std::string sources_html() {
  return section(
      "sources", "Sources and notes",
      "<ul class=\"sources\">\n"
      "<li>Design figures (loads, power chain, cooling, energy, space, cost, bill of materials) "
      "come from rackscale's design engines; the equations, assumptions and their sources are in "
      "<code>docs/models/</code>. Build-out figures come from the Monte Carlo build-out "
      "simulation of <code>rackscale plan</code>.</li>\n"
      "<li><cite>State outlines: us-atlas 3.0.1 by Mike Bostock (ISC license), "
      "states-albers-10m.json, derived from the US Census Bureau's cartographic boundary files, "
      "2017 edition (public domain); https://github.com/topojson/us-atlas. Converted to SVG "
      "paths by scripts/gen_us_map.mjs.</cite></li>\n"
      "<li><cite>Projection: Albers USA (d3-geo geoAlbersUsa, scale 1300, translate [487.5, "
      "305]) by Mike Bostock, ISC license; https://github.com/d3/d3-geo.</cite></li>\n"
      "<li><cite>Colours: Okabe and Ito (2008), Color Universal Design, a palette readable by "
      "colour-blind readers.</cite></li>\n"
      "</ul>\n");
}

constexpr const char* kCss = R"css(
:root { --ink: #1b1f24; --muted: #5b6470; --rule: #d9dee4; --accent: #0072B2; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #ffffff; color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
header.report { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 12px; }
.kicker { margin: 0; color: var(--accent); font-weight: 600; text-transform: uppercase;
  letter-spacing: 0.06em; font-size: 12px; }
h1 { font-size: 28px; margin: 2px 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 15px; margin: 20px 0 6px; }
.lead { margin: 0 0 10px; color: var(--muted); }
dl.stamp { display: flex; flex-wrap: wrap; gap: 6px 24px; margin: 8px 0 0; font-size: 13px; }
dl.stamp div { display: flex; gap: 6px; }
dl.stamp dt { color: var(--muted); }
dl.stamp dd { margin: 0; font-weight: 600; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
nav.toc ol { columns: 3; margin: 8px 0 0; padding-left: 20px; font-size: 13px; }
nav.toc a { color: var(--accent); text-decoration: none; }
ul.answers { padding-left: 20px; }
ul.answers li { margin: 4px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 10px; font-size: 12.5px;
  font-variant-numeric: tabular-nums; }
table.wide { font-size: 11.5px; }
th, td { padding: 4px 7px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
td.num, th.num { text-align: right; }
td.num, td:first-child { white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid #aab3bd; }
figure { margin: 12px 0 18px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
.note { color: var(--muted); font-size: 12.5px; }
.missing { padding: 10px 14px; background: #fff7e6; border-left: 4px solid #E69F00; }
cite { font-style: normal; }
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  section#power, section#map, section#bom { break-before: page; }
  figure.chart { margin: 6mm 0; }
  figure, table, tr, .missing { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
)css";

// ---- Fleet reliability ----------------------------------------------------------------------

std::string share_range(const analysis::QuantileSummary& q) {
  return fmt::format("{} ({}-{})", num(q.p50, 3), num(q.p10, 3), num(q.p90, 3));
}

std::string reliability_jobs_table(const sim::ReliabilityResult& r) {
  std::vector<std::vector<Cell>> rows;
  for (const auto& j : r.jobs) {
    rows.push_back({text_cell(j.name), text_cell(j.site),
                    num_cell(num(static_cast<double>(j.gpus), 0)), num_cell(share_range(j.goodput)),
                    num_cell(share_range(j.availability)),
                    num_cell(num(j.interruptions_per_day.p50, 1)),
                    num_cell(j.mtbf_h ? num(*j.mtbf_h, 2) : std::string("no interruption")),
                    num_cell(num(j.checkpoint_interval_h, 2))});
  }
  return table(
      {text_cell("job"), text_cell("site"), num_cell("GPUs"), num_cell("goodput P50 (P10-P90)"),
       num_cell("availability P50 (P10-P90)"), num_cell("interruptions a day (P50)"),
       num_cell("job MTBF [h]"), num_cell("checkpoint interval [h]")},
      rows);
}

// Each job's interruptions by cause, largest first.
std::string reliability_causes_table(const sim::ReliabilityResult& r) {
  std::vector<std::vector<Cell>> rows;
  for (const auto& j : r.jobs) {
    for (const auto& c : j.causes) {
      rows.push_back({text_cell(j.name), text_cell(c.cause),
                      num_cell(num(c.interruptions_per_day, 2)), num_cell(format_share(c.share))});
    }
  }
  return "<h3>Interruptions by cause</h3>\n" +
         table({text_cell("job"), text_cell("cause"), num_cell("interruptions a day (mean)"),
                num_cell("share")},
               rows);
}

std::string count_or_unlimited(std::optional<long long> count) {
  return count ? num(static_cast<double>(*count), 0) : std::string("unlimited");
}

// Spares and crews of each site, as simulated.
std::string reliability_sites_table(const sim::ReliabilityResult& r) {
  std::vector<std::vector<Cell>> rows;
  for (const auto& s : r.sites) {
    rows.push_back({text_cell(s.name), num_cell(num(static_cast<double>(s.spare_units), 0)),
                    num_cell(count_or_unlimited(s.technicians)),
                    num_cell(format_share(s.crew_utilization)), num_cell(num(s.crew_wait_h, 2)),
                    num_cell(num(s.part_wait_h, 2)), num_cell(num(s.parts_used_total, 1)),
                    num_cell(count_or_unlimited(s.parts_stock))});
  }
  return "<h3>Spares and crews</h3>\n" +
         table({text_cell("site"), num_cell("spare units"), num_cell("technicians a shift"),
                num_cell("crew utilization"), num_cell("wait for a technician [h]"),
                num_cell("wait for a part [h]"), num_cell("parts used a run"),
                num_cell("parts stock")},
               rows);
}

std::string reliability_html(const sim::ReliabilityResult* r) {
  if (!r || r->jobs.empty()) {
    return section("reliability", "Fleet reliability",
                   "<p class=\"missing\">This run has no reliability study: run "
                   "<code>rackscale plan</code> or <code>rackscale reliability</code>.</p>\n");
  }
  const std::string note = fmt::format(
      "<p class=\"note\">{} runs of {} h each (seed {}); goodput is useful compute over wall "
      "time, availability running time over wall time; interruptions by cause are means over "
      "the runs; models and sources in docs/models/reliability.md.</p>\n",
      r->runs, num(r->horizon_h, 0), r->seed);
  return section("reliability", "Fleet reliability",
                 reliability_jobs_table(*r) + reliability_causes_table(*r) +
                     reliability_sites_table(*r) + note);
}

}  // namespace

const char* report_css() {
  return kCss;
}

std::string format_share(double share) {
  const double pct = 100.0 * share;
  if (pct > 0.0 && pct < 0.05) return "<0.1%";
  if (pct < 100.0 && pct >= 99.95) return ">99.9%";
  return fmt::format("{:.1f}%", pct);
}

std::string html_report(const ReportInput& in) {
  std::optional<Buildout> b;
  if (in.buildout) b.emplace(check_buildout(*in.buildout, in.scenario.start));

  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out +=
      fmt::format("<meta name=\"generator\" content=\"rackscale {}\"/>\n", esc(in.stamp.version));
  out += fmt::format("<title>rackscale report: {}</title>\n", esc(in.stamp.scenario));
  out += "<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n<main>\n";
  out += header_html(in, b);
  const bool deal = in.deal && !in.deal->deals.empty();
  out += toc_html(deal);
  out += answers_html(in, b);
  out += capacity_html(in, b);
  out += schedule_html(b);
  out += constraints_html(b);
  out += contracts_html(b);
  if (deal) out += deal_html(*in.deal, in.scenario.start);
  out += factory_html(b, in);
  out += reliability_html(in.reliability);
  out += power_html(in);
  out += cost_html(in);
  out += energy_html(in);
  out += map_html(in);
  out += bom_html(in);
  out += milestones_html(b);
  out += sources_html();
  out += fmt::format(
      "<footer class=\"note\"><p>rackscale {}, scenario {}, seed {}, inputs {}</p></footer>\n",
      esc(in.stamp.version), esc(in.stamp.scenario), in.stamp.seed, esc(in.stamp.input_hash));
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace rackscale::report
