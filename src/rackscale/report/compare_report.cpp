#include "rackscale/report/compare_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cmath>

#include "rackscale/core/hash.hpp"
#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/manifest.hpp"
#include "rackscale/report/svg_chart.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

using analysis::ComparedFigure;
using analysis::Comparison;
using analysis::FigureKind;
using analysis::FigureValue;
using analysis::MilestoneShift;

// `x` with its sign and `decimals` places ("+12", "-3.5"); "0" when it rounds to zero.
std::string signed_value(double x, int decimals) {
  const std::string text = format_value(std::abs(x), decimals);
  if (text.find_first_not_of("0.,") == std::string::npos) return "0";
  return (x < 0 ? "-" : "+") + text;
}

// Days with one decimal, a whole number without it ("+12", "-3.5", "0").
std::string signed_days(double days) {
  return signed_value(days, std::round(days) == days ? 0 : 1);
}

// A value as the tables show it: a date or name as written, a number formatted, "-" if none.
std::string shown(const ComparedFigure& f, const FigureValue& v) {
  if (!v.text.empty()) return v.text;
  return v.number ? format_value(*v.number, f.decimals) : "-";
}

// B - A as the tables show it: "+12 days", "-3.1 MUSD (-2.0%)", "changed", "" when none.
std::string difference_text(const ComparedFigure& f) {
  if (f.kind == FigureKind::name) return f.changed() ? "changed" : "same";
  const std::optional<double> d = f.difference();
  if (!d && f.kind == FigureKind::date && f.a.present() && f.b.present() && f.changed()) {
    return f.b.number ? "reached in B only" : "reached in A only";
  }
  if (!d) return f.changed() ? "changed" : "";
  if (*d == 0.0) return "0";
  if (f.kind == FigureKind::date) return signed_days(*d) + " days";
  std::string text = signed_value(*d, f.decimals);
  if (!f.unit.empty()) text += " " + f.unit;
  if (*f.a.number != 0.0) {
    const std::string percent = signed_value(100.0 * *d / std::abs(*f.a.number), 1);
    if (percent != "0") text += fmt::format(" ({}%)", percent);
  }
  return text;
}

std::string plan_line(const char* which, const analysis::PlanOrigin& p) {
  return fmt::format("{}: {} (scenario {}, seed {}, {} runs, inputs {})", which, p.origin,
                     p.stamp.scenario, p.stamp.seed, p.runs, p.stamp.input_hash);
}

std::string shift_text(const std::optional<double>& days) {
  return days ? signed_days(*days) : "n/a";
}

// One row per milestone shift: site, milestone, B - A at P10, P50, P90, then A's and B's P50.
std::vector<std::vector<std::string>> shift_rows(const Comparison& c) {
  std::vector<std::vector<std::string>> rows;
  for (const MilestoneShift& s : c.shifts) {
    rows.push_back({s.site, s.milestone, shift_text(s.days[0]), shift_text(s.days[1]),
                    shift_text(s.days[2]), s.a_date[1], s.b_date[1]});
  }
  return rows;
}

const std::vector<std::string> kShiftHeader = {"site", "milestone", "P10",  "P50",
                                               "P90",  "A P50",     "B P50"};

// 12 significant digits: the figures' own precision, without the noise of a difference
// (54.69999999999999 -> 54.7).
std::string csv_number(double x) {
  return fmt::format("{:.12g}", x);
}

nlohmann::ordered_json json_number(const std::optional<double>& x) {
  return x ? nlohmann::ordered_json(*x) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json json_value(const FigureValue& v) {
  if (!v.text.empty())
    return v.number ? nlohmann::ordered_json{{"day", *v.number}, {"text", v.text}}
                    : nlohmann::ordered_json{{"text", v.text}};
  return json_number(v.number);
}

nlohmann::ordered_json json_plan(const analysis::PlanOrigin& p) {
  return {{"origin", p.origin},
          {"scenario", p.stamp.scenario},
          {"seed", p.stamp.seed},
          {"runs", p.runs},
          {"input_hash", p.stamp.input_hash},
          {"rackscale_version", p.stamp.version}};
}

// ---- HTML -------------------------------------------------------------------------------

constexpr const char* kCss = R"css(
body { margin: 0; color: #1b1f24; font: 14px/1.45 system-ui, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 8px; border-bottom: 3px solid #0072B2; padding-bottom: 8px; }
h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid #d9dee4; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 12.5px;
  font-variant-numeric: tabular-nums; }
th, td { padding: 4px 7px; border-bottom: 1px solid #d9dee4; text-align: left; }
th { background: #f2f4f7; }
td.num { text-align: right; white-space: nowrap; }
tr.changed td { background: #fff7e6; }
figure { margin: 12px 0 18px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption, .note { color: #5b6470; font-size: 12.5px; }
)css";

std::string cell(const std::string& text, bool numeric = false) {
  return fmt::format("<td{}>{}</td>", numeric ? " class=\"num\"" : "", xml_escape(text));
}

std::string figures_html(const Comparison& c) {
  std::string out =
      "<table>\n<thead><tr><th>scope</th><th>figure</th><th>A</th><th>B</th><th>B - "
      "A</th></tr></thead>\n<tbody>\n";
  for (const ComparedFigure& f : c.figures) {
    out += f.changed() ? "<tr class=\"changed\">" : "<tr>";
    out += cell(f.scope) + cell(f.label) + cell(shown(f, f.a), true) + cell(shown(f, f.b), true) +
           cell(difference_text(f), true) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string shifts_html(const Comparison& c) {
  std::string out = "<table>\n<thead><tr>";
  for (const auto& h : kShiftHeader) out += "<th>" + xml_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : shift_rows(c)) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) out += cell(row[i], i >= 2);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string overlay_html(const Comparison& c, const analysis::CapacityOverlay& o) {
  TimeChart chart;
  chart.title = fmt::format("GPUs online, {}: A and B", o.scope);
  chart.y_label = "GPUs online [GPUs]";
  chart.dates = c.week_ends;
  chart.series.push_back({"A: " + c.a.stamp.scenario, o.a.p50, o.a.p10, o.a.p90, false});
  chart.series.push_back({"B: " + c.b.stamp.scenario, o.b.p50, o.b.p10, o.b.p90, false});
  return fmt::format(
      "<figure>\n{}<figcaption>{}: P50 lines with P10-P90 bands of A ({}) and B "
      "({}).</figcaption>\n</figure>\n",
      time_chart_svg(chart), xml_escape(o.scope), xml_escape(c.a.origin), xml_escape(c.b.origin));
}

std::string notes_html(const Comparison& c) {
  std::string out = "<ul class=\"note\">\n";
  out += fmt::format("<li>{}</li>\n<li>{}</li>\n", xml_escape(plan_line("A", c.a)),
                     xml_escape(plan_line("B", c.b)));
  for (const auto& n : c.notes) out += fmt::format("<li>{}</li>\n", xml_escape(n));
  return out + "</ul>\n";
}

}  // namespace

std::string compare_terminal_text(const Comparison& c) {
  std::string out = plan_line("A", c.a) + "\n" + plan_line("B", c.b) + "\n\n";
  Table table({"scope", "figure", "A", "B", "B - A"});
  table.align_right({2, 3, 4});
  std::string last_scope;
  for (const ComparedFigure& f : c.figures) {
    table.add({f.scope == last_scope ? "" : f.scope, f.label, shown(f, f.a), shown(f, f.b),
               difference_text(f)});
    last_scope = f.scope;
  }
  out += table.render();
  if (!c.shifts.empty()) {
    out += "\nmilestone shifts: B - A of each quantile [days], positive when B is later\n";
    Table shifts(kShiftHeader);
    shifts.align_right({2, 3, 4, 5, 6});
    for (auto& row : shift_rows(c)) shifts.add(std::move(row));
    out += shifts.render();
  }
  for (const auto& n : c.notes) out += "note: " + n + "\n";
  return out;
}

std::string compare_csv(const Comparison& c) {
  CsvWriter csv({"scope", "figure", "label", "unit", "a", "b", "difference"});
  const auto value = [](const ComparedFigure& f, const FigureValue& v) {
    if (f.kind != FigureKind::number) return v.text;
    return v.number ? csv_number(*v.number) : std::string();
  };
  for (const ComparedFigure& f : c.figures) {
    const std::optional<double> d = f.difference();
    csv.add_row(
        {f.scope, f.key, f.label, f.kind == FigureKind::date ? "days" : f.unit, value(f, f.a),
         value(f, f.b),
         d ? csv_number(*d) : (f.kind == FigureKind::name && f.changed() ? "changed" : "")});
  }
  return csv.text();
}

std::string compare_json(const Comparison& c) {
  nlohmann::ordered_json figures = nlohmann::ordered_json::array();
  for (const ComparedFigure& f : c.figures) {
    figures.push_back({{"scope", f.scope},
                       {"figure", f.key},
                       {"unit", f.kind == FigureKind::date ? "days" : f.unit},
                       {"a", json_value(f.a)},
                       {"b", json_value(f.b)},
                       {"difference", json_number(f.difference())},
                       {"changed", f.changed()}});
  }
  nlohmann::ordered_json shifts = nlohmann::ordered_json::array();
  for (const MilestoneShift& s : c.shifts) {
    shifts.push_back({{"site", s.site},
                      {"milestone", s.milestone},
                      {"p10_days", json_number(s.days[0])},
                      {"p50_days", json_number(s.days[1])},
                      {"p90_days", json_number(s.days[2])},
                      {"a_dates", s.a_date},
                      {"b_dates", s.b_date}});
  }
  const nlohmann::ordered_json j = {{"a", json_plan(c.a)},
                                    {"b", json_plan(c.b)},
                                    {"figures", figures},
                                    {"milestone_shifts", shifts},
                                    {"notes", c.notes}};
  return j.dump(2) + "\n";
}

std::string compare_html(const Comparison& c) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += fmt::format("<title>rackscale compare: {} vs {}</title>\n", xml_escape(c.a.stamp.scenario),
                     xml_escape(c.b.stamp.scenario));
  out += "<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n<main>\n";
  out += fmt::format("<h1>{} vs {}</h1>\n", xml_escape(c.a.origin), xml_escape(c.b.origin));
  out += notes_html(c);
  out +=
      "<h2>Headline figures</h2>\n<p class=\"note\">Rows that differ are shaded. Dates are "
      "milestone quantiles over the runs; B - A of a date is in days (positive: B is "
      "later).</p>\n" +
      figures_html(c);
  out +=
      "<h2>Milestone shifts</h2>\n<p class=\"note\">B - A of each quantile of the milestone "
      "date [days]; n/a where a plan does not reach it within its horizon.</p>\n" +
      shifts_html(c);
  out += "<h2>Capacity online</h2>\n";
  if (c.capacity.empty()) {
    out += "<p class=\"note\">No overlay: the plans' timelines cover different weeks.</p>\n";
  }
  for (const auto& overlay : c.capacity) out += overlay_html(c, overlay);
  return out + "</main>\n</body>\n</html>\n";
}

OutputFiles compare_outputs(const Comparison& c, const std::vector<std::string>& command_line) {
  OutputFiles files;
  files.add("compare.csv", compare_csv(c));
  files.add("compare.json", compare_json(c));
  files.add("compare.html", compare_html(c));
  Fnv1a64 inputs;
  inputs.update(c.a.stamp.input_hash);
  inputs.update("\n");
  inputs.update(c.b.stamp.input_hash);
  const RunStamp stamp{RACKSCALE_VERSION, c.a.stamp.seed, inputs.hex(),
                       c.a.stamp.scenario + " vs " + c.b.stamp.scenario};
  add_manifest(files, {stamp, std::nullopt, command_line});
  return files;
}

}  // namespace rackscale::report
