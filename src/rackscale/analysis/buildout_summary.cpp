#include "rackscale/analysis/buildout_summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "rackscale/core/checked.hpp"

namespace rackscale::analysis {

namespace {

using Runs = std::vector<sim::BuildoutRun>;

// Quantiles per week of one series over the runs; `series_of(run)` picks the series of a run.
template <class SeriesOf>
SeriesQuantiles weekly_quantiles(const Runs& runs, SeriesOf series_of) {
  std::vector<std::vector<double>> values;
  values.reserve(runs.size());
  for (const sim::BuildoutRun& run : runs) {
    const auto& series = series_of(run);
    values.emplace_back(series.begin(), series.end());
  }
  return series_quantiles(values);
}

MilestoneQuantiles milestone(const std::string& name,
                             const std::vector<std::optional<double>>& days) {
  return {name, summarize_milestone(days)};
}

// Mean held-back capacity per constraint over the runs (without "complete"), largest MW-weeks
// first.
std::vector<HeldBackSummary> held_back_summary(
    const std::vector<const std::vector<sim::HeldBack>*>& per_run) {
  std::map<std::string, HeldBackSummary> sums;
  for (const auto* list : per_run) {
    for (const sim::HeldBack& held : *list) {
      HeldBackSummary& sum = sums[held.constraint];
      sum.constraint = held.constraint;
      sum.mean_rack_weeks += held.rack_weeks;
      sum.mean_mw_weeks += held.mw_weeks;
    }
  }
  std::vector<HeldBackSummary> out;
  const double runs = per_run.empty() ? 1.0 : static_cast<double>(per_run.size());
  const std::string complete = sim::to_string(sim::ConstraintKind::Complete);
  for (auto& [name, sum] : sums) {
    if (name == complete) continue;
    sum.mean_rack_weeks /= runs;
    sum.mean_mw_weeks /= runs;
    out.push_back(sum);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.mean_mw_weeks > b.mean_mw_weeks; });
  return out;
}

// P50 of schedule days where kNeverDay means "not within the run"; nullopt if P50 is never.
std::optional<double> p50_of(const std::vector<double>& schedule_days) {
  std::vector<std::optional<double>> days;
  for (double day : schedule_days) {
    days.push_back(day >= sim::kNeverDay ? std::nullopt : std::optional<double>(day));
  }
  return days.empty() ? std::nullopt : milestone_quantile(days, 0.5);
}

// A milestone's days over the runs; `day_of(site)` picks it from the site of a run.
template <class DayOf>
MilestoneQuantiles milestone_over_runs(const std::string& name, const Runs& runs, std::size_t site,
                                       DayOf day_of) {
  std::vector<std::optional<double>> days;
  days.reserve(runs.size());
  for (const sim::BuildoutRun& run : runs) {
    const std::optional<int> day = day_of(run.sites[site]);
    days.push_back(day ? std::optional<double>(*day) : std::nullopt);
  }
  return milestone(name, days);
}

// P50 of a schedule day over the runs; `day_of(site)` picks it from the site of a run.
template <class DayOf>
std::optional<double> p50_over_runs(const Runs& runs, std::size_t site, DayOf day_of) {
  std::vector<double> days;
  days.reserve(runs.size());
  for (const sim::BuildoutRun& run : runs) days.push_back(day_of(run.sites[site].schedule));
  return p50_of(days);
}

// The weekly series of one site.
void summarize_site_series(SitePlanSummary& summary, const Runs& runs, std::size_t site) {
  auto weekly = [&](auto member) {
    return weekly_quantiles(
        runs, [&](const sim::BuildoutRun& run) -> const auto& {
          return run.sites[site].weekly.*member;
        });
  };
  summary.racks_online = weekly(&sim::SiteSeries::online);
  summary.shipped = weekly(&sim::SiteSeries::shipped);
  summary.in_transit = weekly(&sim::SiteSeries::in_transit);
  summary.delivered = weekly(&sim::SiteSeries::delivered);
  summary.installed = weekly(&sim::SiteSeries::installed);
  summary.commissioned = weekly(&sim::SiteSeries::commissioned);
  summary.gpus_online = weekly(&sim::SiteSeries::gpus_online);
  summary.it_mw_online = weekly(&sim::SiteSeries::it_mw_online);
}

// Milestones and the P50 construction schedule of one site.
void summarize_site_schedule(SitePlanSummary& summary, const Runs& runs, std::size_t site) {
  using Site = sim::SiteResult;
  summary.milestones = {
      milestone_over_runs("ready", runs, site,
                          [](const Site& s) { return s.milestones.ready_day; }),
      milestone_over_runs("first_rack_online", runs, site,
                          [](const Site& s) { return s.milestones.first_online_day; }),
      milestone_over_runs("half_target", runs, site,
                          [](const Site& s) { return s.milestones.half_day; }),
      milestone_over_runs("full_target", runs, site,
                          [](const Site& s) { return s.milestones.full_day; })};
  using Schedule = sim::SiteSchedule;
  summary.p50_construction_start_day =
      p50_over_runs(runs, site, [](const Schedule& s) { return s.construction_start_day; });
  summary.p50_shell_end_day =
      p50_over_runs(runs, site, [](const Schedule& s) { return s.shell_end_day; });
  summary.p50_fit_out_end_day =
      p50_over_runs(runs, site, [](const Schedule& s) { return s.fit_out_end_day; });
  summary.p50_ready_day = p50_over_runs(runs, site, [](const Schedule& s) { return s.ready_day; });
}

// The most frequent constraint of one site in one week (ties: alphabetical, for determinism).
// Counted by value (a handful of distinct constraints), named once. `count` is scratch.
std::string constraint_mode(const Runs& runs, std::size_t site, std::size_t week,
                            std::vector<std::pair<sim::BindingConstraint, int>>& count) {
  count.clear();
  for (const sim::BuildoutRun& run : runs) {
    const auto& constraints = run.sites[site].weekly.constraint;
    if (week >= constraints.size()) continue;
    const sim::BindingConstraint& constraint = constraints[week];
    auto it = std::find_if(count.begin(), count.end(),
                           [&](const auto& entry) { return entry.first == constraint; });
    if (it == count.end()) {
      count.emplace_back(constraint, 1);
    } else {
      ++it->second;
    }
  }
  std::string best;
  int best_count = -1;
  for (const auto& [constraint, n] : count) {
    std::string name = sim::to_string(constraint);
    if (n > best_count || (n == best_count && name < best)) {
      best = std::move(name);
      best_count = n;
    }
  }
  return best;
}

WaitingSummary waiting_summary(const Runs& runs, std::size_t site) {
  WaitingSummary summary;
  for (const sim::BuildoutRun& run : runs) {
    const sim::SiteWaiting& waiting = run.sites[site].waiting;
    summary.mean_space_rack_weeks += waiting.space_rack_weeks;
    summary.mean_power_rack_weeks += waiting.power_rack_weeks;
    summary.mean_crews_rack_weeks += waiting.crews_rack_weeks;
    summary.mean_carrying_cost_usd += waiting.carrying_cost_usd;
  }
  const auto n = static_cast<double>(runs.size());
  summary.mean_space_rack_weeks /= n;
  summary.mean_power_rack_weeks /= n;
  summary.mean_crews_rack_weeks /= n;
  summary.mean_carrying_cost_usd /= n;
  return summary;
}

SitePlanSummary summarize_site(const Runs& runs, std::size_t site, int weeks) {
  SitePlanSummary summary;
  const sim::SiteResult& first = runs.front().sites[site];
  summary.name = first.name;
  summary.target_racks = first.target_racks;
  summary.target_gpus = static_cast<long long>(first.target_racks) * first.gpus_per_rack;
  summary.target_it_mw = first.target_racks * first.rack_design_kw / 1000.0;
  summary.grid_capped_racks = first.grid_capped_racks;
  summarize_site_series(summary, runs, site);
  summarize_site_schedule(summary, runs, site);
  std::vector<const std::vector<sim::HeldBack>*> held;
  for (const sim::BuildoutRun& run : runs) held.push_back(&run.sites[site].held_back);
  summary.held_back = held_back_summary(held);
  summary.main_constraint = summary.held_back.empty() ? "" : summary.held_back.front().constraint;
  summary.waiting = waiting_summary(runs, site);
  std::vector<std::pair<sim::BindingConstraint, int>> count;
  for (int week = 0; week < weeks; ++week) {
    summary.constraint_mode.push_back(
        constraint_mode(runs, site, static_cast<std::size_t>(week), count));
  }
  return summary;
}

// Utilization over the horizon: what the factory started of what it could have started.
void summarize_factory_use(FactoryPlanSummary& summary, const Runs& runs, std::size_t factory) {
  for (const sim::BuildoutRun& run : runs) {
    const sim::FactoryResult& result = run.factories[factory];
    const double started = result.weekly.started.empty() ? 0.0 : result.weekly.started.back();
    const double capacity = result.weekly.capacity.empty() ? 0.0 : result.weekly.capacity.back();
    summary.mean_started_racks += started;
    summary.mean_capacity_racks += capacity;
    summary.mean_utilization += capacity > 0.0 ? started / capacity : 0.0;
    summary.mean_inventory_rack_weeks += result.inventory_rack_weeks;
    summary.mean_inventory_carrying_cost_usd += result.inventory_carrying_cost_usd;
  }
  const auto n = static_cast<double>(runs.size());
  summary.mean_started_racks /= n;
  summary.mean_capacity_racks /= n;
  summary.mean_utilization /= n;
  summary.mean_idle_racks = summary.mean_capacity_racks - summary.mean_started_racks;
  summary.mean_inventory_rack_weeks /= n;
  summary.mean_inventory_carrying_cost_usd /= n;
}

FactoryPlanSummary summarize_factory(const Runs& runs, std::size_t factory) {
  FactoryPlanSummary summary;
  summary.name = runs.front().factories[factory].name;
  auto weekly = [&](auto member) {
    return weekly_quantiles(
        runs, [&](const sim::BuildoutRun& run) -> const auto& {
          return run.factories[factory].weekly.*member;
        });
  };
  summary.started = weekly(&sim::FactorySeries::started);
  summary.in_burn_in = weekly(&sim::FactorySeries::in_burn_in);
  summary.in_rework = weekly(&sim::FactorySeries::in_rework);
  summary.finished = weekly(&sim::FactorySeries::finished);
  summary.shipped = weekly(&sim::FactorySeries::shipped);
  summary.capacity = weekly(&sim::FactorySeries::capacity);
  summary.inventory = weekly(&sim::FactorySeries::inventory);
  summarize_factory_use(summary, runs, factory);
  return summary;
}

// The fleet's milestones per run: its first rack online is the first site's, its full target the
// last site's (never if any site never reaches it).
void summarize_total_milestones(SitePlanSummary& total, const Runs& runs) {
  std::vector<std::optional<double>> first, full;
  for (const sim::BuildoutRun& run : runs) {
    std::optional<double> first_day, full_day = 0.0;
    for (const sim::SiteResult& site : run.sites) {
      const auto& m = site.milestones;
      if (m.first_online_day && (!first_day || *m.first_online_day < *first_day)) {
        first_day = *m.first_online_day;
      }
      full_day = m.full_day && full_day
                     ? std::optional<double>(std::max<double>(*full_day, *m.full_day))
                     : std::nullopt;
    }
    first.push_back(first_day);
    full.push_back(run.sites.empty() ? std::nullopt : full_day);
  }
  total.milestones = {milestone("first_rack_online", first), milestone("full_target", full)};
}

// All sites together; the held-back summary over all sites goes to `plan` too.
void summarize_total(PlanSummary& plan, const Runs& runs) {
  SitePlanSummary& total = plan.total;
  total.name = "total";
  total.racks_online = weekly_quantiles(
      runs, [](const sim::BuildoutRun& run) -> const auto& { return run.total.online; });
  total.gpus_online = weekly_quantiles(
      runs, [](const sim::BuildoutRun& run) -> const auto& { return run.total.gpus_online; });
  total.it_mw_online = weekly_quantiles(
      runs, [](const sim::BuildoutRun& run) -> const auto& { return run.total.it_mw_online; });
  for (const SitePlanSummary& site : plan.sites) {
    total.target_racks += site.target_racks;
    total.target_gpus += site.target_gpus;
    total.target_it_mw += site.target_it_mw;
    total.grid_capped_racks += site.grid_capped_racks;
  }
  for (const SitePlanSummary& site : plan.sites) {
    total.waiting.mean_space_rack_weeks += site.waiting.mean_space_rack_weeks;
    total.waiting.mean_power_rack_weeks += site.waiting.mean_power_rack_weeks;
    total.waiting.mean_crews_rack_weeks += site.waiting.mean_crews_rack_weeks;
    total.waiting.mean_carrying_cost_usd += site.waiting.mean_carrying_cost_usd;
  }
  summarize_total_milestones(total, runs);
  std::vector<const std::vector<sim::HeldBack>*> held;
  for (const sim::BuildoutRun& run : runs) held.push_back(&run.held_back);
  plan.held_back = held_back_summary(held);
  total.held_back = plan.held_back;
  total.main_constraint = plan.held_back.empty() ? "" : plan.held_back.front().constraint;
}

}  // namespace

const MilestoneQuantiles* find_milestone(const SitePlanSummary& summary, const std::string& name) {
  for (const auto& m : summary.milestones) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::optional<Date> day_to_calendar_date(const std::optional<double>& day, Date start) {
  if (!day) return std::nullopt;
  return start.plus_days(checked_int(std::ceil(*day), "a day of the plan"));
}

std::string day_to_date(const std::optional<double>& day, Date start) {
  const auto date = day_to_calendar_date(day, start);
  return date ? date->to_string() : "not reached";
}

PlanSummary summarize_buildout(const std::vector<sim::BuildoutRun>& runs, Date start,
                               const std::vector<model::Contract>& contracts) {
  PlanSummary plan;
  plan.runs = static_cast<int>(runs.size());
  if (runs.empty()) return plan;
  plan.weeks = runs.front().weeks;
  for (int week = 0; week < plan.weeks; ++week) {
    plan.week_end_dates.push_back(start.plus_days(7 * week + 6));
  }
  for (std::size_t site = 0; site < runs.front().sites.size(); ++site) {
    plan.sites.push_back(summarize_site(runs, site, plan.weeks));
  }
  for (std::size_t factory = 0; factory < runs.front().factories.size(); ++factory) {
    plan.factories.push_back(summarize_factory(runs, factory));
  }
  summarize_total(plan, runs);
  plan.contracts = summarize_contracts(runs, contracts);
  return plan;
}

}  // namespace rackscale::analysis
