#include "rackscale/report/plan_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rackscale/report/attribution_report.hpp"
#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/html_report.hpp"
#include "rackscale/report/inventory_report.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

std::string num(double x) {
  return fmt::format("{:.6g}", x);
}

// A number, or an empty CSV field when there is none.
std::string num_or_empty(const std::optional<double>& x) {
  return x ? num(*x) : std::string();
}

std::string date_of(const std::optional<double>& day, Date start) {
  return analysis::day_to_date(day, start);
}

std::string first_exercise_date(const analysis::OptionSummary& o, Date start) {
  return o.first_exercise_day.p50 ? date_of(o.first_exercise_day.p50, start) : "not exercised";
}

// Racks (a quantile may fall between two runs' counts), rounded, with thousands separators.
std::string racks(double x) {
  return format_value(x, 0);
}

std::string format_usd(double x) {
  return fmt::format("{:.2f}", x);
}

// The site's main bottleneck by counterfactual gain; "-" without attribution or gain.
std::string main_bottleneck(const analysis::Attribution* attribution, const std::string& site) {
  const auto* found = attribution ? find_attribution(*attribution, site) : nullptr;
  return found && !found->main_bottleneck.empty() ? found->main_bottleneck : "-";
}

}  // namespace

std::string milestone_label(const std::string& name) {
  if (name == "ready") return "facility ready";
  if (name == "first_rack_online") return "first rack online";
  if (name == "half_target") return "50% of target online";
  if (name == "full_target") return "100% of target online";
  return name;
}

std::string grid_cap_text(const analysis::SitePlanSummary& site) {
  if (site.grid_capped_racks <= 0) return {};
  return fmt::format("grid-capped: {} of {} racks never online", racks(site.grid_capped_racks),
                     racks(site.target_racks));
}

std::string timeline_csv(const analysis::PlanSummary& plan) {
  CsvWriter csv({"week", "week_end", "site", "racks_online_p10", "racks_online_p50",
                 "racks_online_p90", "gpus_online_p10", "gpus_online_p50", "gpus_online_p90",
                 "it_mw_online_p10", "it_mw_online_p50", "it_mw_online_p90", "shipped_p50",
                 "in_transit_p50", "delivered_p50", "installed_p50", "commissioned_p50",
                 "binding_constraint"});
  auto rows = [&](const analysis::SitePlanSummary& s) {
    for (int w = 0; w < plan.weeks; ++w) {
      auto i = static_cast<std::size_t>(w);
      auto p50 = [&](const analysis::SeriesQuantiles& q) {
        return i < q.p50.size() ? num(q.p50[i]) : std::string();
      };
      csv.add_named_row({
          {"week", std::to_string(w)},
          {"week_end", plan.week_end_dates[i].to_string()},
          {"site", s.name},
          {"racks_online_p10", num(s.racks_online.p10[i])},
          {"racks_online_p50", num(s.racks_online.p50[i])},
          {"racks_online_p90", num(s.racks_online.p90[i])},
          {"gpus_online_p10", num(s.gpus_online.p10[i])},
          {"gpus_online_p50", num(s.gpus_online.p50[i])},
          {"gpus_online_p90", num(s.gpus_online.p90[i])},
          {"it_mw_online_p10", num(s.it_mw_online.p10[i])},
          {"it_mw_online_p50", num(s.it_mw_online.p50[i])},
          {"it_mw_online_p90", num(s.it_mw_online.p90[i])},
          {"shipped_p50", p50(s.shipped)},
          {"in_transit_p50", p50(s.in_transit)},
          {"delivered_p50", p50(s.delivered)},
          {"installed_p50", p50(s.installed)},
          {"commissioned_p50", p50(s.commissioned)},
          {"binding_constraint", i < s.constraint_mode.size() ? s.constraint_mode[i] : ""},
      });
    }
  };
  for (const auto& s : plan.sites) rows(s);
  rows(plan.total);
  return csv.text();
}

std::string factories_csv(const analysis::PlanSummary& plan) {
  CsvWriter csv({"week", "week_end", "factory", "started_p50", "in_burn_in_p50", "in_rework_p50",
                 "finished_p50", "finished_p10", "finished_p90", "shipped_p50", "capacity_p50",
                 "utilization_p50", "inventory_p50"});
  for (const auto& f : plan.factories) {
    for (int w = 0; w < plan.weeks; ++w) {
      auto i = static_cast<std::size_t>(w);
      csv.add_named_row({
          {"week", std::to_string(w)},
          {"week_end", plan.week_end_dates[i].to_string()},
          {"factory", f.name},
          {"started_p50", num(f.started.p50[i])},
          {"in_burn_in_p50", num(f.in_burn_in.p50[i])},
          {"in_rework_p50", num(f.in_rework.p50[i])},
          {"finished_p50", num(f.finished.p50[i])},
          {"finished_p10", num(f.finished.p10[i])},
          {"finished_p90", num(f.finished.p90[i])},
          {"shipped_p50", num(f.shipped.p50[i])},
          {"capacity_p50", num(f.capacity.p50[i])},
          {"utilization_p50",
           num(f.capacity.p50[i] > 0.0 ? f.started.p50[i] / f.capacity.p50[i] : 0.0)},
          {"inventory_p50", num(f.inventory.p50[i])},
      });
    }
  }
  return csv.text();
}

std::string milestones_csv(const analysis::PlanSummary& plan, Date start) {
  CsvWriter csv({"site", "milestone", "p10_date", "p50_date", "p90_date", "p10_day", "p50_day",
                 "p90_day", "reached_runs", "runs"});
  for (const auto& s : plan.sites) {
    for (const auto& m : s.milestones) {
      csv.add_named_row({
          {"site", s.name},
          {"milestone", m.name},
          {"p10_date", date_of(m.days.p10, start)},
          {"p50_date", date_of(m.days.p50, start)},
          {"p90_date", date_of(m.days.p90, start)},
          {"p10_day", num_or_empty(m.days.p10)},
          {"p50_day", num_or_empty(m.days.p50)},
          {"p90_day", num_or_empty(m.days.p90)},
          {"reached_runs", std::to_string(m.days.reached_runs)},
          {"runs", std::to_string(m.days.runs)},
      });
    }
  }
  return csv.text();
}

namespace {

// One row per firm order of a contract.
void add_firm_rows(CsvWriter& csv, const analysis::ContractPlanSummary& c, Date start) {
  for (std::size_t i = 0; i < c.firm.size(); ++i) {
    const auto& o = c.firm[i];
    csv.add_named_row({
        {"contract", c.name},
        {"kind", "firm"},
        {"index", std::to_string(i + 1)},
        {"racks", std::to_string(o.racks)},
        {"due_date", start.plus_days(o.due_day).to_string()},
        {"fulfilled_p10", date_of(o.fulfilled_day.p10, start)},
        {"fulfilled_p50", date_of(o.fulfilled_day.p50, start)},
        {"fulfilled_p90", date_of(o.fulfilled_day.p90, start)},
        {"fulfilled_runs", std::to_string(o.fulfilled_day.reached_runs)},
        {"on_time_share", num(o.on_time_share)},
        {"mean_racks_late", num(o.mean_racks_late)},
        {"days_late_p50", num_or_empty(o.days_late.p50)},
        {"exercised_p10", ""},
        {"exercised_p50", ""},
        {"exercised_p90", ""},
        {"exercised_share", ""},
        {"first_exercise_p50", ""},
        {"mean_exercised_on_time_share", ""},
        {"spend_usd_p10", format_usd(o.spend_usd)},
        {"spend_usd_p50", format_usd(o.spend_usd)},
        {"spend_usd_p90", format_usd(o.spend_usd)},
        {"runs", std::to_string(c.runs)},
    });
  }
}

// One row per option of a contract.
void add_option_rows(CsvWriter& csv, const analysis::ContractPlanSummary& c, Date start) {
  for (std::size_t i = 0; i < c.options.size(); ++i) {
    const auto& o = c.options[i];
    csv.add_named_row({
        {"contract", c.name},
        {"kind", "option"},
        {"index", std::to_string(i + 1)},
        {"racks", std::to_string(o.racks_offered)},
        {"due_date", ""},
        {"fulfilled_p10", ""},
        {"fulfilled_p50", ""},
        {"fulfilled_p90", ""},
        {"fulfilled_runs", ""},
        {"on_time_share", ""},
        {"mean_racks_late", ""},
        {"days_late_p50", ""},
        {"exercised_p10", num(o.exercised.p10)},
        {"exercised_p50", num(o.exercised.p50)},
        {"exercised_p90", num(o.exercised.p90)},
        {"exercised_share", num(o.exercised_share)},
        {"first_exercise_p50", first_exercise_date(o, start)},
        {"mean_exercised_on_time_share", num_or_empty(o.mean_on_time_share)},
        {"spend_usd_p10", format_usd(o.spend_usd.p10)},
        {"spend_usd_p50", format_usd(o.spend_usd.p50)},
        {"spend_usd_p90", format_usd(o.spend_usd.p90)},
        {"runs", std::to_string(c.runs)},
    });
  }
}

// The contract's total row: its firm racks, options exercised and spend.
void add_total_row(CsvWriter& csv, const analysis::ContractPlanSummary& c) {
  double racks_late = 0.0;
  for (const auto& o : c.firm) racks_late += o.mean_racks_late;
  const auto exercised = [&](double x) { return c.options.empty() ? std::string() : num(x); };
  csv.add_named_row({
      {"contract", c.name},
      {"kind", "total"},
      {"index", ""},
      {"racks", std::to_string(c.firm_racks)},
      {"due_date", ""},
      {"fulfilled_p10", ""},
      {"fulfilled_p50", ""},
      {"fulfilled_p90", ""},
      {"fulfilled_runs", ""},
      {"on_time_share", num_or_empty(c.all_firm_on_time_share)},
      {"mean_racks_late", num(racks_late)},
      {"days_late_p50", ""},
      {"exercised_p10", exercised(c.options_exercised.p10)},
      {"exercised_p50", exercised(c.options_exercised.p50)},
      {"exercised_p90", exercised(c.options_exercised.p90)},
      {"exercised_share", ""},
      {"first_exercise_p50", ""},
      {"mean_exercised_on_time_share", ""},
      {"spend_usd_p10", format_usd(c.total_spend_usd.p10)},
      {"spend_usd_p50", format_usd(c.total_spend_usd.p50)},
      {"spend_usd_p90", format_usd(c.total_spend_usd.p90)},
      {"runs", std::to_string(c.runs)},
  });
}

}  // namespace

std::string contracts_csv(const analysis::PlanSummary& plan, Date start) {
  CsvWriter csv({"contract",
                 "kind",
                 "index",
                 "racks",
                 "due_date",
                 "fulfilled_p10",
                 "fulfilled_p50",
                 "fulfilled_p90",
                 "fulfilled_runs",
                 "on_time_share",
                 "mean_racks_late",
                 "days_late_p50",
                 "exercised_p10",
                 "exercised_p50",
                 "exercised_p90",
                 "exercised_share",
                 "first_exercise_p50",
                 "mean_exercised_on_time_share",
                 "spend_usd_p10",
                 "spend_usd_p50",
                 "spend_usd_p90",
                 "runs"});
  for (const auto& c : plan.contracts) {
    add_firm_rows(csv, c, start);
    add_option_rows(csv, c, start);
    add_total_row(csv, c);
  }
  return csv.text();
}

namespace {

// The "Contracts" section of summary.md.
std::string contracts_markdown(const analysis::PlanSummary& plan, Date start) {
  std::string out = "\n## Contracts\n\n";
  if (plan.contracts.empty()) return out + "The scenario has no contracts.\n";
  out +=
      "A rack is delivered when it passes the factory's final test. P(on time): the share of "
      "runs in which the order's last rack was delivered by its due date. Days late: the P50 "
      "over runs of max(0, fulfilled - due), where a run that does not fulfil the order within "
      "the horizon counts as late beyond it (\"beyond the horizon\" once at least half the runs "
      "do).\n";
  for (const auto& c : plan.contracts) {
    out += fmt::format("\n### {}\n\n", c.name);
    if (!c.firm.empty()) {
      std::vector<std::vector<std::string>> rows;
      for (std::size_t i = 0; i < c.firm.size(); ++i) {
        const auto& o = c.firm[i];
        rows.push_back({std::to_string(i + 1), racks(o.racks),
                        start.plus_days(o.due_day).to_string(), date_of(o.fulfilled_day.p50, start),
                        format_share(o.on_time_share), fmt::format("{:.1f}", o.mean_racks_late),
                        o.days_late.p50 ? num(*o.days_late.p50) : "beyond the horizon"});
      }
      out += markdown_table({"firm order", "racks", "due", "P50 fulfilled", "P(on time)",
                             "racks late (mean)", "days late (P50)"},
                            rows) +
             "\n";
    }
    if (!c.options.empty()) {
      std::vector<std::vector<std::string>> rows;
      for (std::size_t i = 0; i < c.options.size(); ++i) {
        const auto& o = c.options[i];
        rows.push_back({std::to_string(i + 1), racks(o.racks_offered),
                        fmt::format("{} / {} / {}", racks(o.exercised.p10), racks(o.exercised.p50),
                                    racks(o.exercised.p90)),
                        format_share(o.exercised_share), first_exercise_date(o, start),
                        o.mean_on_time_share ? format_share(*o.mean_on_time_share) : "n/a"});
      }
      out += markdown_table({"option", "racks offered", "exercised P10 / P50 / P90", "P(exercised)",
                             "first exercise (P50)", "exercised racks on time (mean)"},
                            rows) +
             "\n";
    }
    const auto row = [](const char* what, const analysis::QuantileSummary& q) {
      return std::vector<std::string>{what, format_musd(q.p10), format_musd(q.p50),
                                      format_musd(q.p90)};
    };
    out += markdown_table(
        {"spend (MUSD)", "P10", "P50", "P90"},
        {row("firm orders", c.firm_spend_usd), row("purchase options", c.option_spend_usd),
         row("total", c.total_spend_usd)});
  }
  return out;
}

// The sites whose final grid step cannot carry their target; nothing when none.
std::string grid_caps_markdown(const analysis::PlanSummary& plan) {
  std::string out;
  for (const auto& s : plan.sites) {
    if (s.grid_capped_racks > 0) out += fmt::format("- {}: {}\n", s.name, grid_cap_text(s));
  }
  if (out.empty()) return out;
  return "\n## Grid caps\n\nThe final grid step cannot carry the target at the design's utility "
         "demand per rack; whatever else is done, these racks never go online.\n\n" +
         out;
}

// Terminal lines for the grid-capped sites; nothing when none.
std::string grid_caps_terminal(const analysis::PlanSummary& plan) {
  std::string out;
  for (const auto& s : plan.sites) {
    if (s.grid_capped_racks > 0) out += s.name + ": " + grid_cap_text(s) + "\n";
  }
  return out.empty() ? out : "\n" + out;
}

}  // namespace

std::string plan_summary_markdown(const analysis::PlanSummary& plan, Date start) {
  std::vector<std::vector<std::string>> milestones;
  for (const auto& s : plan.sites) {
    for (const auto& m : s.milestones) {
      milestones.push_back({s.name, milestone_label(m.name), date_of(m.days.p10, start),
                            date_of(m.days.p50, start), date_of(m.days.p90, start),
                            fmt::format("{}/{}", m.days.reached_runs, m.days.runs)});
    }
  }
  std::string out =
      fmt::format("# Build-out ({} Monte Carlo runs)\n\n## Milestones\n\n", plan.runs) +
      markdown_table({"site", "milestone", "P10", "P50", "P90", "runs reaching it"}, milestones);
  out += grid_caps_markdown(plan);
  out +=
      "\n## What held capacity back\n\nMean over runs of (target - online) summed over weeks, "
      "attributed to each week's binding constraint.\n\n";
  std::vector<std::vector<std::string>> held_back;
  for (const auto& s : plan.sites) {
    for (const auto& h : s.held_back) {
      held_back.push_back({s.name, h.constraint, fmt::format("{:.0f}", h.mean_rack_weeks),
                           fmt::format("{:.0f}", h.mean_mw_weeks)});
    }
  }
  out += markdown_table({"site", "constraint", "rack-weeks", "MW-weeks"}, held_back);
  out += "\n## Capacity online by quarter (GPUs, P10 / P50 / P90)\n\n";
  std::vector<std::string> header{"week ending"};
  for (const auto& s : plan.sites) header.push_back(s.name);
  header.push_back("total");
  std::vector<std::vector<std::string>> quarters;
  // The last week of each quarter of 13 weeks.
  for (int w = 12; w < plan.weeks; w += 13) {
    auto i = static_cast<std::size_t>(w);
    auto cell = [&](const analysis::SitePlanSummary& s) {
      return fmt::format("{} / {} / {}", group_thousands(std::llround(s.gpus_online.p10[i])),
                         group_thousands(std::llround(s.gpus_online.p50[i])),
                         group_thousands(std::llround(s.gpus_online.p90[i])));
    };
    std::vector<std::string> row{plan.week_end_dates[i].to_string()};
    for (const auto& s : plan.sites) row.push_back(cell(s));
    row.push_back(cell(plan.total));
    quarters.push_back(std::move(row));
  }
  out += markdown_table(header, quarters);
  return out + contracts_markdown(plan, start);
}

std::string plan_terminal_summary(const analysis::PlanSummary& plan,
                                  const std::vector<design::SiteDesign>& sites, Date start,
                                  bool colour, const analysis::Attribution* attribution) {
  Table t({"site", "GPUs", "50% P50", "50% P90", "100% P50", "100% P90", "main bottleneck",
           "critical at end", "capex MUSD", "PUE"});
  t.align_right({1, 8, 9});
  for (std::size_t i = 0; i < plan.sites.size(); ++i) {
    const auto& s = plan.sites[i];
    const auto* half = analysis::find_milestone(s, "half_target");
    const auto* full = analysis::find_milestone(s, "full_target");
    const auto& d = sites[i];
    // A grid-capped site never reaches its target, whatever else is done.
    auto full_date = [&](std::optional<double> day) {
      return s.grid_capped_racks > 0 ? std::string("never: grid") : date_of(day, start);
    };
    t.add({s.name, group_thousands(s.target_gpus), date_of(half->days.p50, start),
           date_of(half->days.p90, start), full_date(full->days.p50), full_date(full->days.p90),
           main_bottleneck(attribution, s.name),
           s.main_constraint.empty() ? "-" : s.main_constraint,
           fmt::format("{:.0f}", d.cost.capex_total.in(units::MUSD)),
           fmt::format("{:.3f}", d.energy.pue)});
  }
  std::string table = t.render();
  if (attribution) table += attribution_terminal_text(*attribution);
  std::string contracts;
  for (const auto& c : plan.contracts) {
    contracts += "contract " + c.name + ": ";
    contracts += c.all_firm_on_time_share ? "firm orders on time in " +
                                                format_share(*c.all_firm_on_time_share) + " of runs"
                                          : std::string("no firm orders");
    contracts += "; ";
    if (!c.options.empty()) {
      contracts += "option racks exercised " + racks(c.options_exercised.p50) + ", ";
    }
    contracts += "spend " + format_musd(c.total_spend_usd.p50) + " MUSD (P50)\n";
  }
  if (!contracts.empty()) contracts = "\n" + contracts;
  contracts = grid_caps_terminal(plan) + contracts;
  if (!colour) return table + contracts;
  // Bold header; "not reached" in red.
  std::string out;
  std::size_t first_nl = table.find('\n');
  out = "\033[1m" + table.substr(0, first_nl) + "\033[0m" + table.substr(first_nl);
  std::string red;
  for (std::size_t pos = 0;;) {
    std::size_t hit = out.find("not reached", pos);
    red += out.substr(pos, hit == std::string::npos ? std::string::npos : hit - pos);
    if (hit == std::string::npos) break;
    red += "\033[31mnot reached\033[0m";
    pos = hit + 11;
  }
  return red + contracts;
}

nlohmann::ordered_json plan_to_json(const RunStamp& stamp, const analysis::PlanSummary& plan,
                                    const std::vector<design::SiteDesign>& sites, Date start,
                                    const analysis::Attribution* attribution) {
  const auto date_or_null = [&](const std::optional<double>& x) {
    return x ? nlohmann::ordered_json(date_of(x, start)) : nlohmann::ordered_json(nullptr);
  };
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < plan.sites.size(); ++i) {
    const auto& s = plan.sites[i];
    nlohmann::ordered_json ms;
    for (const auto& m : s.milestones) {
      ms[m.name] = {{"p10", date_or_null(m.days.p10)},
                    {"p50", date_or_null(m.days.p50)},
                    {"p90", date_or_null(m.days.p90)},
                    {"reached_runs", m.days.reached_runs}};
    }
    const auto* site_attribution = attribution ? find_attribution(*attribution, s.name) : nullptr;
    arr.push_back({{"site", s.name},
                   {"target_gpus", s.target_gpus},
                   {"target_it_mw", s.target_it_mw},
                   {"grid_capped_racks", s.grid_capped_racks},
                   {"milestones", ms},
                   {"main_bottleneck", main_bottleneck(attribution, s.name)},
                   {"critical_at_end", s.main_constraint},
                   {"attribution", site_attribution ? attribution_gains_json(*site_attribution)
                                                    : nlohmann::ordered_json::array()},
                   {"capex_musd", sites[i].cost.capex_total.in(units::MUSD)},
                   {"pue", sites[i].energy.pue}});
  }
  auto value_or_null = [](const std::optional<double>& x) {
    return x ? nlohmann::ordered_json(*x) : nlohmann::ordered_json(nullptr);
  };
  auto quantiles = [](const analysis::QuantileSummary& q) {
    return nlohmann::ordered_json{{"p10", q.p10}, {"p50", q.p50}, {"p90", q.p90}};
  };
  nlohmann::ordered_json contracts = nlohmann::ordered_json::object();
  for (const auto& c : plan.contracts) {
    nlohmann::ordered_json firm = nlohmann::ordered_json::array();
    for (const auto& o : c.firm) {
      firm.push_back({{"racks", o.racks},
                      {"due_date", start.plus_days(o.due_day).to_string()},
                      {"fulfilled_date",
                       {{"p10", date_or_null(o.fulfilled_day.p10)},
                        {"p50", date_or_null(o.fulfilled_day.p50)},
                        {"p90", date_or_null(o.fulfilled_day.p90)},
                        {"reached_runs", o.fulfilled_day.reached_runs}}},
                      {"on_time_share", o.on_time_share},
                      {"mean_racks_late", o.mean_racks_late},
                      {"days_late_p50", value_or_null(o.days_late.p50)}});
    }
    nlohmann::ordered_json options = nlohmann::ordered_json::array();
    for (const auto& o : c.options) {
      options.push_back({{"racks_offered", o.racks_offered},
                         {"unit_price_usd", o.unit_price_usd},
                         {"exercised_racks", quantiles(o.exercised)},
                         {"exercised_share", o.exercised_share},
                         {"first_exercise_p50", date_or_null(o.first_exercise_day.p50)},
                         {"mean_exercised_on_time_share", value_or_null(o.mean_on_time_share)}});
    }
    contracts[c.name] = {
        {"firm_racks", c.firm_racks},
        {"firm", firm},
        {"options", options},
        {"all_firm_on_time_share", value_or_null(c.all_firm_on_time_share)},
        {"mean_firm_racks_on_time_share", value_or_null(c.mean_firm_racks_on_time_share)},
        {"spend_usd",
         {{"firm", quantiles(c.firm_spend_usd)},
          {"options", quantiles(c.option_spend_usd)},
          {"total", quantiles(c.total_spend_usd)}}}};
  }
  return {{"rackscale_version", stamp.version},
          {"scenario", stamp.scenario},
          {"seed", stamp.seed},
          {"runs", plan.runs},
          {"attribution_runs", attribution ? attribution->runs : 0},
          {"input_hash", stamp.input_hash},
          {"sites", arr},
          {"contracts", contracts},
          {"inventory", inventory_json(plan)}};
}

}  // namespace rackscale::report
