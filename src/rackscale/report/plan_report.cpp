#include "rackscale/report/plan_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

std::string stamp_comment(const io::RunStamp& s, int runs) {
  return fmt::format("# rackscale {}, scenario {}, seed {}, {} runs, inputs {}\n", s.version,
                     s.scenario, s.seed, runs, s.input_hash);
}

std::string num(double x) {
  return fmt::format("{:.6g}", x);
}

std::string date_of(const std::optional<double>& day, Date start) {
  return analysis::day_to_date(day, start);
}

const analysis::MilestoneQuantiles* find_milestone(const analysis::SitePlanSummary& s,
                                                   const std::string& name) {
  for (const auto& m : s.milestones) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string human_milestone(const std::string& name) {
  if (name == "ready") return "facility ready";
  if (name == "first_rack_online") return "first rack online";
  if (name == "half_target") return "50% of target online";
  if (name == "full_target") return "100% of target online";
  return name;
}

}  // namespace

std::string timeline_csv(const io::RunStamp& stamp, const analysis::PlanSummary& plan) {
  std::string out = stamp_comment(stamp, plan.runs);
  out +=
      "week,week_end,site,racks_online_p10,racks_online_p50,racks_online_p90,gpus_online_p10,"
      "gpus_online_p50,gpus_online_p90,it_mw_online_p10,it_mw_online_p50,it_mw_online_p90,"
      "shipped_p50,in_transit_p50,delivered_p50,installed_p50,commissioned_p50,"
      "binding_constraint\n";
  auto rows = [&](const analysis::SitePlanSummary& s) {
    for (int w = 0; w < plan.weeks; ++w) {
      auto i = static_cast<std::size_t>(w);
      auto p50 = [&](const analysis::SeriesQuantiles& q) {
        return i < q.p50.size() ? num(q.p50[i]) : std::string();
      };
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", w,
                         plan.week_end_dates[i].to_string(), s.name, num(s.racks_online.p10[i]),
                         num(s.racks_online.p50[i]), num(s.racks_online.p90[i]),
                         num(s.gpus_online.p10[i]), num(s.gpus_online.p50[i]),
                         num(s.gpus_online.p90[i]), num(s.it_mw_online.p10[i]),
                         num(s.it_mw_online.p50[i]), num(s.it_mw_online.p90[i]), p50(s.shipped),
                         p50(s.in_transit), p50(s.delivered), p50(s.installed), p50(s.commissioned),
                         i < s.constraint_mode.size() ? s.constraint_mode[i] : "");
    }
  };
  for (const auto& s : plan.sites) rows(s);
  rows(plan.total);
  return out;
}

std::string factories_csv(const io::RunStamp& stamp, const analysis::PlanSummary& plan) {
  std::string out = stamp_comment(stamp, plan.runs);
  out +=
      "week,week_end,factory,started_p50,in_burn_in_p50,in_rework_p50,finished_p50,"
      "finished_p10,finished_p90,shipped_p50\n";
  for (const auto& f : plan.factories) {
    for (int w = 0; w < plan.weeks; ++w) {
      auto i = static_cast<std::size_t>(w);
      out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", w, plan.week_end_dates[i].to_string(),
                         f.name, num(f.started.p50[i]), num(f.in_burn_in.p50[i]),
                         num(f.in_rework.p50[i]), num(f.finished.p50[i]), num(f.finished.p10[i]),
                         num(f.finished.p90[i]), num(f.shipped.p50[i]));
    }
  }
  return out;
}

std::string milestones_csv(const io::RunStamp& stamp, const analysis::PlanSummary& plan,
                           Date start) {
  std::string out = stamp_comment(stamp, plan.runs);
  out += "site,milestone,p10_date,p50_date,p90_date,p10_day,p50_day,p90_day,reached_runs,runs\n";
  auto day = [](const std::optional<double>& d) { return d ? num(*d) : std::string(); };
  for (const auto& s : plan.sites) {
    for (const auto& m : s.milestones) {
      out +=
          fmt::format("{},{},{},{},{},{},{},{},{},{}\n", s.name, m.name, date_of(m.days.p10, start),
                      date_of(m.days.p50, start), date_of(m.days.p90, start), day(m.days.p10),
                      day(m.days.p50), day(m.days.p90), m.days.reached_runs, m.days.runs);
    }
  }
  return out;
}

std::string plan_summary_markdown(const analysis::PlanSummary& plan, Date start) {
  std::string out =
      fmt::format("# Build-out ({} Monte Carlo runs)\n\n## Milestones\n\n", plan.runs);
  out += "| site | milestone | P10 | P50 | P90 | runs reaching it |\n|---|---|---|---|---|---|\n";
  for (const auto& s : plan.sites) {
    for (const auto& m : s.milestones) {
      out += fmt::format("| {} | {} | {} | {} | {} | {}/{} |\n", s.name, human_milestone(m.name),
                         date_of(m.days.p10, start), date_of(m.days.p50, start),
                         date_of(m.days.p90, start), m.days.reached_runs, m.days.runs);
    }
  }
  out +=
      "\n## What held capacity back\n\nMean over runs of (target - online) summed over weeks, "
      "attributed to each week's binding constraint.\n\n";
  out += "| site | constraint | rack-weeks | MW-weeks |\n|---|---|---|---|\n";
  for (const auto& s : plan.sites) {
    for (const auto& h : s.held_back) {
      out += fmt::format("| {} | {} | {:.0f} | {:.0f} |\n", s.name, h.constraint, h.mean_rack_weeks,
                         h.mean_mw_weeks);
    }
  }
  out += "\n## Capacity online by quarter (GPUs, P10 / P50 / P90)\n\n| week ending |";
  for (const auto& s : plan.sites) out += " " + s.name + " |";
  out += " total |\n|---|";
  for (std::size_t i = 0; i <= plan.sites.size(); ++i) out += "---|";
  out += "\n";
  for (int w = 12; w < plan.weeks; w += 13) {
    auto i = static_cast<std::size_t>(w);
    out += "| " + plan.week_end_dates[i].to_string() + " |";
    auto cell = [&](const analysis::SitePlanSummary& s) {
      return fmt::format(" {} / {} / {} |", group_thousands(std::llround(s.gpus_online.p10[i])),
                         group_thousands(std::llround(s.gpus_online.p50[i])),
                         group_thousands(std::llround(s.gpus_online.p90[i])));
    };
    for (const auto& s : plan.sites) out += cell(s);
    out += cell(plan.total) + "\n";
  }
  return out;
}

std::string plan_terminal_summary(const analysis::PlanSummary& plan,
                                  const std::vector<design::SiteDesign>& sites, Date start,
                                  bool colour) {
  Table t({"site", "GPUs", "50% P50", "50% P90", "100% P50", "100% P90", "main bottleneck",
           "capex MUSD", "PUE"});
  t.align_right({1, 7, 8});
  for (std::size_t i = 0; i < plan.sites.size(); ++i) {
    const auto& s = plan.sites[i];
    const auto* half = find_milestone(s, "half_target");
    const auto* full = find_milestone(s, "full_target");
    const auto& d = sites[i];
    t.add({s.name, group_thousands(s.target_gpus), date_of(half->days.p50, start),
           date_of(half->days.p90, start), date_of(full->days.p50, start),
           date_of(full->days.p90, start), s.main_constraint.empty() ? "-" : s.main_constraint,
           fmt::format("{:.0f}", d.cost.capex_total.in(units::MUSD)),
           fmt::format("{:.3f}", d.energy.pue)});
  }
  std::string table = t.render();
  if (!colour) return table;
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
  return red;
}

nlohmann::ordered_json plan_to_json(const io::RunStamp& stamp, const analysis::PlanSummary& plan,
                                    const std::vector<design::SiteDesign>& sites, Date start) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < plan.sites.size(); ++i) {
    const auto& s = plan.sites[i];
    nlohmann::ordered_json ms;
    for (const auto& m : s.milestones) {
      auto d = [&](const std::optional<double>& x) {
        return x ? nlohmann::ordered_json(date_of(x, start)) : nlohmann::ordered_json(nullptr);
      };
      ms[m.name] = {{"p10", d(m.days.p10)},
                    {"p50", d(m.days.p50)},
                    {"p90", d(m.days.p90)},
                    {"reached_runs", m.days.reached_runs}};
    }
    arr.push_back({{"site", s.name},
                   {"target_gpus", s.target_gpus},
                   {"target_it_mw", s.target_it_mw},
                   {"milestones", ms},
                   {"main_constraint", s.main_constraint},
                   {"capex_musd", sites[i].cost.capex_total.in(units::MUSD)},
                   {"pue", sites[i].energy.pue}});
  }
  return {{"rackscale_version", stamp.version},
          {"scenario", stamp.scenario},
          {"seed", stamp.seed},
          {"runs", plan.runs},
          {"input_hash", stamp.input_hash},
          {"sites", arr}};
}

BuildoutSummary report_buildout(const analysis::PlanSummary& plan, Date start) {
  BuildoutSummary b;
  b.quantity = "GPUs online";
  b.unit = "GPUs";
  b.runs = plan.runs;
  for (const auto& d : plan.week_end_dates) b.weeks.push_back(d.to_string());
  auto series = [](const analysis::SeriesQuantiles& q) {
    return QuantileSeries{q.p10, q.p50, q.p90};
  };
  const double horizon_day = 7.0 * plan.weeks;
  // A phase that does not end within the horizon is drawn to the horizon.
  auto iso = [&](const std::optional<double>& day) {
    double d = day ? std::min(*day, horizon_day) : horizon_day;
    return start.plus_days(static_cast<int>(std::lround(d))).to_string();
  };
  for (const auto& s : plan.sites) {
    SiteBuildout site;
    site.site = s.name;
    site.online = series(s.gpus_online);
    site.phases = {
        {"construction", iso(s.p50_construction_start_day), iso(s.p50_shell_end_day)},
        {"fit-out", iso(s.p50_shell_end_day), iso(s.p50_fit_out_end_day)},
        {"commissioning", iso(s.p50_fit_out_end_day), iso(s.p50_ready_day)},
    };
    for (const auto& m : s.milestones) {
      if (m.name == "ready") continue;
      auto d = [&](const std::optional<double>& x) {
        return x ? std::optional<std::string>(date_of(x, start)) : std::nullopt;
      };
      site.milestones.push_back({human_milestone(m.name), d(m.days.p50), d(m.days.p90)});
    }
    b.sites.push_back(std::move(site));
    for (const auto& h : s.held_back) {
      b.constraints.push_back(
          {h.constraint + " at " + s.name,
           h.mean_rack_weeks *
               (s.target_racks > 0 ? static_cast<double>(s.target_gpus) / s.target_racks : 0.0),
           h.mean_mw_weeks});
    }
  }
  std::stable_sort(b.constraints.begin(), b.constraints.end(),
                   [](const auto& x, const auto& y) { return x.mw_weeks > y.mw_weeks; });
  b.total = series(plan.total.gpus_online);
  return b;
}

}  // namespace rackscale::report
