#include "rackscale/report/optimize_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "rackscale/core/digit_grouping.hpp"
#include "rackscale/optimize/milp_model.hpp"
#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/html_report.hpp"
#include "rackscale/report/svg_chart.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/us_map.hpp"

namespace rackscale::report {
namespace {

using optimize::BuiltProblem;
using optimize::Candidate;
using optimize::CandidatePlan;
using optimize::CheckedPlan;
using optimize::OptimizeResult;
using optimize::Plan;

constexpr double kHoursPerWeek = 168.0;

//! The first period the candidate's grid delivers anything, or `periods` if never.
int first_grid_period(const Candidate& c, int periods) {
  for (int p = 0; p < static_cast<int>(c.grid_mw.size()) && p < periods; ++p) {
    if (c.grid_mw[p] > 0) return p;
  }
  return periods;
}

//! The earliest period a first phase of `c` could take racks.
int earliest_ready(const Candidate& c, int periods) {
  return std::max(c.earliest_start + c.build_periods, first_grid_period(c, periods));
}

std::string day(const BuiltProblem& built, int period) {
  return optimize::period_start(built, period).to_string();
}

//! The bridging offers `plan` orders at `c`, cheapest energy first: the order in which those
//! available carry what the grid cannot.
std::vector<std::size_t> bridging_by_cost(const Candidate& c, const CandidatePlan& plan) {
  std::vector<std::size_t> out;
  for (std::size_t offer = 0; offer < plan.bridging_mw.size(); ++offer) {
    if (plan.bridging_period[offer] >= 0) out.push_back(offer);
  }
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return c.bridging[a].energy_usd_per_mwh < c.bridging[b].energy_usd_per_mwh;
  });
  return out;
}

//! Energy [MWh], its cost and carbon in one period drawing `load_mw`: the grid up to its MW at
//! its tariff and carbon, then the bridging available, cheapest first, at its own (what a
//! feasible plan still lacks is counted at the grid's figures, as the grid is the only source
//! left).
void add_period_energy(const BuiltProblem& built, const Candidate& c, const CandidatePlan& plan,
                       const std::vector<std::size_t>& by_cost, int period, double load_mw,
                       CandidateOutcome& out) {
  const double hours = built.problem.period_weeks * kHoursPerWeek;
  const double grid_mw = std::min(load_mw, optimize::grid_mw_at(c, period));
  double rest = load_mw - grid_mw;
  for (std::size_t offer : by_cost) {
    if (period < plan.bridging_period[offer] + c.bridging[offer].lead_periods) continue;
    const double carried = std::min(rest, plan.bridging_mw[offer]);
    rest -= carried;
    out.bridging_mwh += carried * hours;
    out.energy_cost_musd += carried * hours * c.bridging[offer].energy_usd_per_mwh / 1e6;
    out.carbon_t += carried * hours * c.bridging[offer].carbon_t_per_mwh;
  }
  const double grid_mwh = (grid_mw + rest) * hours;
  out.energy_cost_musd += grid_mwh * c.energy_usd_per_mwh / 1e6;
  out.carbon_t += grid_mwh * c.carbon_t_per_mwh;
  out.energy_mwh += load_mw * hours;
  out.water_m3 += load_mw * hours * c.water_m3_per_mwh;
}

//! Energy, its cost, carbon and water of a chosen candidate from its racks online by period.
void add_energy(const BuiltProblem& built, const Candidate& c, const CandidatePlan& plan,
                CandidateOutcome& out) {
  const std::vector<std::size_t> by_cost = bridging_by_cost(c, plan);
  int online = 0;
  for (std::size_t period = 0; period < plan.racks_installed.size(); ++period) {
    online += plan.racks_installed[period];
    const double load_mw = online * built.problem.rack_it_mw * c.facility_mw_per_it_mw;
    add_period_energy(built, c, plan, by_cost, static_cast<int>(period), load_mw, out);
  }
}

//! The bridging a plan orders at a candidate: adds its capex to `out` and describes each block
//! ("120 MW gas_turbine ordered 2026-03-02, 108 MUSD").
void add_bridging(const BuiltProblem& built, const Candidate& c, const CandidatePlan& plan,
                  CandidateOutcome& out) {
  for (std::size_t offer = 0; offer < plan.bridging_mw.size(); ++offer) {
    const double mw = plan.bridging_mw[offer];
    if (mw <= 1e-6 || plan.bridging_period[offer] < 0) continue;
    const double capex_musd = mw * c.bridging[offer].capex_musd_per_mw;
    out.bridging_mw += mw;
    out.capex_musd += capex_musd;
    out.bridging += fmt::format("{}{:g} MW {} ordered {}, {:.1f} MUSD",
                                out.bridging.empty() ? "" : "; ", mw, c.bridging[offer].technology,
                                day(built, plan.bridging_period[offer]), capex_musd);
  }
}

//! The constraint that kept an unchosen candidate out, against the chosen ones.
std::string reason_left_out(const BuiltProblem& built, const Candidate& c,
                            const std::vector<const Candidate*>& chosen) {
  const int periods = built.problem.periods;
  const int grid = first_grid_period(c, periods);
  if (grid >= periods) {
    return fmt::format("no grid within the horizon (it ends {})", day(built, periods));
  }
  const int ready = earliest_ready(c, periods);
  if (ready >= periods) {
    return fmt::format("a first phase could not be ready before the horizon ends ({})",
                       day(built, periods));
  }
  int latest_chosen = 0;
  double dearest_power = 0.0, dearest_capex = 0.0;
  for (const Candidate* k : chosen) {
    latest_chosen = std::max(latest_chosen, earliest_ready(*k, periods));
    dearest_power = std::max(dearest_power, k->energy_usd_per_mwh);
    dearest_capex = std::max(dearest_capex, k->phase_capex_musd / k->phase_mw);
  }
  if (ready > latest_chosen) {
    return fmt::format("ready {} at the earliest, {:.0f} weeks after the latest chosen site ({})",
                       day(built, ready), (ready - latest_chosen) * built.problem.period_weeks,
                       day(built, latest_chosen));
  }
  if (c.energy_usd_per_mwh > dearest_power) {
    return fmt::format("power at {:.1f} USD/MWh, dearer than every chosen site (at most {:.1f})",
                       c.energy_usd_per_mwh, dearest_power);
  }
  if (c.phase_capex_musd / c.phase_mw > dearest_capex) {
    return fmt::format("capex {:.2f} MUSD/MW, more than every chosen site (at most {:.2f})",
                       c.phase_capex_musd / c.phase_mw, dearest_capex);
  }
  const int racks =
      std::accumulate(built.problem.factory_racks.begin(), built.problem.factory_racks.end(), 0);
  return fmt::format(
      "the {} racks the factories and contracts supply all go to chosen sites "
      "ready as early at no higher cost",
      group_thousands(racks));
}

std::string phases_text(const CandidateOutcome& o) {
  std::string text;
  for (const auto& [start, mw] : o.phases) {
    text += fmt::format("{}{} ({:g} MW)", text.empty() ? "" : "; ", start.to_string(), mw);
  }
  return text;
}

const CheckedPlan& recommended(const OptimizeResult& r) {
  return r.plans.at(r.recommended);
}

std::string f0(double v) {
  return fmt::format("{:.0f}", v);
}

//! A rounded figure with thousands separators, for the pages a planner reads (the CSV files keep
//! plain numbers).
std::string grouped(double v) {
  return group_thousands(std::llround(v));
}

}  // namespace

std::vector<CandidateOutcome> candidate_outcomes(const BuiltProblem& built, const Plan& plan) {
  std::vector<CandidateOutcome> out;
  std::vector<const Candidate*> chosen;
  for (std::size_t i = 0; i < plan.candidates.size(); ++i) {
    if (plan.candidates[i].chosen) chosen.push_back(&built.problem.candidates[i]);
  }
  for (std::size_t i = 0; i < plan.candidates.size(); ++i) {
    const Candidate& c = built.problem.candidates[i];
    const CandidatePlan& p = plan.candidates[i];
    CandidateOutcome o;
    o.name = c.name;
    o.chosen = p.chosen;
    for (const auto& phase : p.phases) {
      o.phases.emplace_back(optimize::period_start(built, phase.period), c.phase_mw);
    }
    o.racks = std::accumulate(p.racks_installed.begin(), p.racks_installed.end(), 0);
    o.capex_musd =
        p.chosen ? c.site_capex_musd + c.phase_capex_musd * static_cast<double>(p.phases.size())
                 : 0.0;
    add_bridging(built, c, p, o);
    add_energy(built, c, p, o);
    if (!p.chosen) o.reason = reason_left_out(built, c, chosen);
    out.push_back(std::move(o));
  }
  return out;
}

std::string portfolio_csv(const OptimizeResult& result) {
  CsvWriter csv({"candidate", "chosen", "phases", "phase_starts", "it_mw", "racks", "capex_musd",
                 "bridging_mw", "energy_mwh", "bridging_mwh", "energy_cost_musd", "carbon_t",
                 "water_m3", "left_out_by"});
  for (const auto& o : candidate_outcomes(result.built, recommended(result).plan)) {
    double it_mw = 0.0;
    for (const auto& phase : o.phases) it_mw += phase.second;
    csv.add_row({formula_safe(o.name), o.chosen ? "yes" : "no", std::to_string(o.phases.size()),
                 phases_text(o), fmt::format("{:g}", it_mw), std::to_string(o.racks),
                 fmt::format("{:.1f}", o.capex_musd), fmt::format("{:g}", o.bridging_mw),
                 f0(o.energy_mwh), f0(o.bridging_mwh), fmt::format("{:.1f}", o.energy_cost_musd),
                 f0(o.carbon_t), f0(o.water_m3), formula_safe(o.reason)});
  }
  return csv.text();
}

std::string portfolio_racks_csv(const OptimizeResult& result) {
  CsvWriter csv({"candidate", "period_start", "racks"});
  const Plan& plan = recommended(result).plan;
  for (std::size_t i = 0; i < plan.candidates.size(); ++i) {
    const auto& racks = plan.candidates[i].racks_installed;
    for (std::size_t p = 0; p < racks.size(); ++p) {
      if (racks[p] == 0) continue;
      csv.add_row({formula_safe(result.built.problem.candidates[i].name),
                   day(result.built, static_cast<int>(p)), std::to_string(racks[p])});
    }
  }
  return csv.text();
}

namespace {

std::string measure_name(model::RiskMeasure m) {
  return m == model::RiskMeasure::P10 ? "P10" : "P50";
}

//! The plans ranked on the risk measure, best first (indices into result.plans).
std::vector<int> ranking(const OptimizeResult& result) {
  std::vector<int> order(result.plans.size());
  std::iota(order.begin(), order.end(), 0);
  const auto measure = result.built.settings.risk_measure;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return optimize::risk_value(result.plans[a].check, measure) >
           optimize::risk_value(result.plans[b].check, measure);
  });
  return order;
}

std::string chosen_names(const BuiltProblem& built, const Plan& plan) {
  std::string names;
  for (std::size_t i = 0; i < plan.candidates.size(); ++i) {
    if (!plan.candidates[i].chosen) continue;
    names += (names.empty() ? "" : ", ") + built.problem.candidates[i].name;
  }
  return names.empty() ? "(none)" : names;
}

//! The chosen candidates by their first phase's start, earliest first.
std::vector<CandidateOutcome> build_order(const std::vector<CandidateOutcome>& outcomes) {
  std::vector<CandidateOutcome> chosen;
  for (const auto& o : outcomes) {
    if (o.chosen && !o.phases.empty()) chosen.push_back(o);
  }
  std::stable_sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) {
    return a.phases.front().first < b.phases.front().first;
  });
  return chosen;
}

std::string plans_table_markdown(const OptimizeResult& result) {
  const auto measure = result.built.settings.risk_measure;
  std::string md = fmt::format(
      "| rank | plan | sites | MILP objective | GPU-weeks P50 | GPU-weeks P10 |\n"
      "|---:|---|---|---:|---:|---:|\n");
  int rank = 1;
  for (int i : ranking(result)) {
    const CheckedPlan& p = result.plans[i];
    md += fmt::format("| {} | {}{} | {} | {} | {} | {} |\n", rank++, p.label,
                      i == result.recommended ? " (recommended)" : "",
                      chosen_names(result.built, p.plan), grouped(p.plan.objective),
                      grouped(p.check.gpu_weeks_p50()), grouped(p.check.gpu_weeks_p10()));
  }
  for (const CheckedPlan& p : result.rules) {
    md += fmt::format("| - | rule: {} | {} | {} | {} | {} |\n", p.label,
                      chosen_names(result.built, p.plan), grouped(p.plan.objective),
                      grouped(p.check.gpu_weeks_p50()), grouped(p.check.gpu_weeks_p10()));
  }
  md += fmt::format(
      "\nRanked on the {} over the runs of each run's GPU-weeks online by the horizon, "
      "{} Monte Carlo runs per plan, seed {} for every plan (common random numbers).\n",
      measure_name(measure), result.runs, result.seed);
  return md;
}

}  // namespace

std::string decision_markdown(const OptimizeResult& result, const model::Scenario& scenario) {
  const CheckedPlan& best = recommended(result);
  const auto outcomes = candidate_outcomes(result.built, best.plan);
  std::string md = fmt::format("# Where to build next: {}\n\n", scenario.name);
  md += "## Build next\n\n";
  for (const auto& o : build_order(outcomes)) {
    md += fmt::format(
        "- **{}**: {} phase{} ({}); {} racks by the horizon, capex {} MUSD, power {} MUSD\n",
        o.name, o.phases.size(), o.phases.size() == 1 ? "" : "s", phases_text(o),
        group_thousands(o.racks), grouped(o.capex_musd), grouped(o.energy_cost_musd));
    if (!o.bridging.empty()) md += fmt::format("  - bridging until the grid: {}\n", o.bridging);
  }
  const double rules_best = result.rules.empty()
                                ? 0.0
                                : std::max(result.rules.front().check.gpu_weeks_p50(),
                                           result.rules.back().check.gpu_weeks_p50());
  md += fmt::format(
      "\n## Why\n\n{} is the best of the {} plans the optimizer found on the {} of GPU-weeks by "
      "the horizon: {} GPU-weeks at P50 ({} at P10), against {} for the better of "
      "the two simple rules (cheapest power first, earliest grid first).\n\n",
      best.label, result.plans.size(), measure_name(result.built.settings.risk_measure),
      grouped(best.check.gpu_weeks_p50()), grouped(best.check.gpu_weeks_p10()),
      grouped(rules_best));
  if (!result.solver_note.empty()) md += result.solver_note + "\n\n";
  md += plans_table_markdown(result);
  md += "\n## Left out\n\n";
  const bool all_chosen =
      std::all_of(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.chosen; });
  if (all_chosen) return md + "Every candidate is in the recommended plan.\n";
  md += "| candidate | what kept it out |\n|---|---|\n";
  for (const auto& o : outcomes) {
    if (!o.chosen) md += fmt::format("| {} | {} |\n", o.name, o.reason);
  }
  return md;
}

namespace {

//! The map: chosen candidates as filled circles sized by the IT MW the plan builds there,
//! candidates left out as small circles labelled "left out".
std::string map_html(const OptimizeResult& result, const model::Scenario& scenario,
                     const std::vector<CandidateOutcome>& outcomes) {
  UsMapChart map;
  map.title = "Candidates: chosen (sized by IT MW built) and left out";
  map.circle_label = "candidate";
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const auto& loc = scenario.candidates[i].site.location;
    double it_mw = 0.0;
    for (const auto& phase : outcomes[i].phases) it_mw += phase.second;
    MapMarker marker;
    marker.label = outcomes[i].name;
    marker.latitude = loc.latitude;
    marker.longitude = loc.longitude;
    marker.size_value = outcomes[i].chosen ? it_mw : 0.0;
    marker.detail = outcomes[i].chosen ? fmt::format("{:g} MW IT", it_mw) : "left out";
    map.markers.push_back(marker);
    if (outcomes[i].chosen && std::find(map.highlight_states.begin(), map.highlight_states.end(),
                                        loc.state) == map.highlight_states.end()) {
      map.highlight_states.push_back(loc.state);
    }
  }
  std::sort(map.highlight_states.begin(), map.highlight_states.end());
  map.highlight_label = "state with a chosen site";
  (void)result;
  return us_map_svg(map);
}

TimeSeries gpus_series(const CheckedPlan& plan, std::size_t weeks, bool band) {
  TimeSeries s;
  s.name = plan.label;
  const auto& q = plan.check.summary.total.gpus_online;
  s.values = q.p50;
  s.values.resize(weeks, 0.0);
  if (band) {
    s.band_low = q.p10;
    s.band_high = q.p90;
    s.band_low.resize(weeks, 0.0);
    s.band_high.resize(weeks, 0.0);
  }
  return s;
}

//! GPUs online of the recommended plan (P50 with its P10-P90 band) against the simple rules.
std::string capacity_chart(const OptimizeResult& result) {
  const CheckedPlan& best = recommended(result);
  TimeChart chart;
  chart.title = "GPUs online: the recommended plan against the simple rules";
  chart.y_label = "GPUs online [GPUs]";
  chart.dates = best.check.summary.week_end_dates;
  for (const CheckedPlan& p : result.rules) {
    if (p.check.summary.week_end_dates.size() > chart.dates.size()) {
      chart.dates = p.check.summary.week_end_dates;
    }
  }
  if (chart.dates.empty()) return "<p class=\"note\">No plan puts racks online.</p>\n";
  chart.series.push_back(gpus_series(best, chart.dates.size(), true));
  chart.series.back().emphasis = true;
  for (const CheckedPlan& p : result.rules) {
    chart.series.push_back(gpus_series(p, chart.dates.size(), false));
  }
  return time_chart_svg(chart);
}

std::string ranked_table_html(const OptimizeResult& result) {
  std::string html =
      "<table>\n<tr><th>rank</th><th>plan</th><th>sites</th><th>MILP objective</th>"
      "<th>GPU-weeks P50</th><th>GPU-weeks P10</th></tr>\n";
  int rank = 1;
  auto row = [&](const std::string& rank_text, const CheckedPlan& p, bool best) {
    html += fmt::format(
        "<tr{}><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        best ? " class=\"highlight\"" : "", rank_text, xml_escape(p.label),
        xml_escape(chosen_names(result.built, p.plan)), grouped(p.plan.objective),
        grouped(p.check.gpu_weeks_p50()), grouped(p.check.gpu_weeks_p10()));
  };
  for (int i : ranking(result))
    row(std::to_string(rank++), result.plans[i], i == result.recommended);
  for (const CheckedPlan& p : result.rules) row("rule", p, false);
  return html + "</table>\n";
}

std::string candidates_table_html(const std::vector<CandidateOutcome>& outcomes) {
  std::string html =
      "<table>\n<tr><th>candidate</th><th>chosen</th><th>phases (start, IT MW)</th><th>racks</th>"
      "<th>capex [MUSD]</th><th>power [MUSD]</th><th>carbon [t]</th><th>left out by</th></tr>\n";
  for (const auto& o : outcomes) {
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
        xml_escape(o.name), o.chosen ? "yes" : "no", xml_escape(phases_text(o)),
        group_thousands(o.racks), grouped(o.capex_musd), grouped(o.energy_cost_musd),
        grouped(o.carbon_t), xml_escape(o.reason));
  }
  return html + "</table>\n";
}

}  // namespace

std::string optimize_html(const OptimizeResult& result, const model::Scenario& scenario) {
  const auto outcomes = candidate_outcomes(result.built, recommended(result).plan);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += fmt::format("<title>rackscale optimize: {}</title>\n", xml_escape(scenario.name));
  out += "<style>" + std::string(report_css()) + "</style>\n</head>\n<body>\n<main>\n";
  out += fmt::format("<h1>Where to build next: {}</h1>\n", xml_escape(scenario.name));
  out += fmt::format(
      "<p class=\"note\">{} plans from the MILP, each checked by the build-out Monte Carlo ({} "
      "runs, seed {}, common random numbers); ranked on the {} of GPU-weeks by the "
      "horizon.</p>\n",
      result.plans.size(), result.runs, result.seed,
      measure_name(result.built.settings.risk_measure));
  out += "<h2>Plans, ranked</h2>\n" + ranked_table_html(result);
  out += "<h2>Map</h2>\n" + map_html(result, scenario, outcomes);
  out += "<h2>Capacity online</h2>\n" + capacity_chart(result);
  out += "<h2>Candidates in the recommended plan</h2>\n" + candidates_table_html(outcomes);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace rackscale::report
