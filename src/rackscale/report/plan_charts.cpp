#include "rackscale/report/plan_charts.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rackscale/report/plan_report.hpp"

namespace rackscale::report {

namespace {

const analysis::SitePlanSummary* find_site(const analysis::PlanSummary& plan,
                                           const std::string& name) {
  for (const auto& site : plan.sites) {
    if (site.name == name) return &site;
  }
  return nullptr;
}

// A site's P50 phases: construction, fit-out and commissioning, from the P50 run's days; a phase
// that does not end within the horizon is drawn to the horizon.
std::vector<GanttBar> phases_of(const analysis::SitePlanSummary& site,
                                const analysis::PlanSummary& plan, Date start) {
  const double horizon_day = 7.0 * plan.weeks;
  const auto date = [&](const std::optional<double>& day) {
    const double d = day ? std::min(*day, horizon_day) : horizon_day;
    return start.plus_days(static_cast<int>(std::lround(d)));
  };
  return {
      {"construction", date(site.p50_construction_start_day), date(site.p50_shell_end_day)},
      {"fit-out", date(site.p50_shell_end_day), date(site.p50_fit_out_end_day)},
      {"commissioning", date(site.p50_fit_out_end_day), date(site.p50_ready_day)},
  };
}

}  // namespace

TimeChart capacity_chart(const std::vector<design::SiteDesign>& sites,
                         const analysis::PlanSummary& plan) {
  TimeChart chart;
  chart.title = "GPUs online per site and in total";
  chart.y_label = "GPUs online [GPUs]";
  chart.x_label = "week";
  chart.dates = plan.week_end_dates;
  for (const auto& d : sites) {
    const analysis::SitePlanSummary* site = find_site(plan, d.name);
    if (!site) continue;
    const auto& online = site->gpus_online;
    chart.series.push_back({d.name + " (P50)", online.p50, online.p10, online.p90});
  }
  const auto& total = plan.total.gpus_online;
  chart.series.push_back({"total (P50)", total.p50, total.p10, total.p90, true});
  chart.band_label = "P10-P90";
  return chart;
}

bool shown_milestone(const analysis::MilestoneQuantiles& milestone) {
  return milestone.name != "ready";
}

GanttChart schedule_chart(const analysis::PlanSummary& plan, Date start) {
  const auto& weeks = plan.week_end_dates;
  GanttChart chart;
  chart.title = "Phases (P50) and milestones per site";
  chart.x_label = "date";
  chart.beyond_label = "P90 after the horizon";
  if (!weeks.empty()) chart.end = weeks.back().plus_days(7);
  for (const auto& site : plan.sites) {
    GanttRow row{site.name, phases_of(site, plan, start), {}};
    for (const auto& m : site.milestones) {
      const auto p50 = analysis::day_to_calendar_date(m.days.p50, start);
      if (!shown_milestone(m) || !p50) continue;
      const auto p90 = analysis::day_to_calendar_date(m.days.p90, start);
      row.milestones.push_back({milestone_label(m.name), *p50, p90, !p90});
    }
    chart.rows.push_back(std::move(row));
  }
  return chart;
}

}  // namespace rackscale::report
