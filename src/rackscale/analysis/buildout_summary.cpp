#include "rackscale/analysis/buildout_summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace rackscale::analysis {

namespace {

template <class T>
std::vector<std::vector<double>> as_double(const std::vector<const std::vector<T>*>& series) {
  std::vector<std::vector<double>> out;
  out.reserve(series.size());
  for (const auto* s : series) out.emplace_back(s->begin(), s->end());
  return out;
}

MilestoneQuantiles milestone(const std::string& name, const std::vector<std::optional<double>>& v) {
  return {name, summarize_milestone(v)};
}

std::vector<HeldBackSummary> held_back_summary(
    const std::vector<const std::vector<sim::HeldBack>*>& per_run) {
  std::map<std::string, HeldBackSummary> sums;
  for (const auto* list : per_run) {
    for (const auto& h : *list) {
      auto& s = sums[h.constraint];
      s.constraint = h.constraint;
      s.mean_rack_weeks += h.rack_weeks;
      s.mean_mw_weeks += h.mw_weeks;
    }
  }
  std::vector<HeldBackSummary> out;
  const double n = per_run.empty() ? 1.0 : static_cast<double>(per_run.size());
  for (auto& [name, s] : sums) {
    if (name == "complete") continue;
    s.mean_rack_weeks /= n;
    s.mean_mw_weeks /= n;
    out.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.mean_mw_weeks > b.mean_mw_weeks; });
  return out;
}

// P50 of schedule days where kNeverDay means "not within the run"; nullopt if P50 is never.
std::optional<double> p50_of(const std::vector<double>& v) {
  std::vector<std::optional<double>> days;
  for (double d : v) {
    days.push_back(d >= sim::kNeverDay ? std::nullopt : std::optional<double>(d));
  }
  return days.empty() ? std::nullopt : milestone_quantile(days, 0.5);
}

}  // namespace

std::optional<Date> day_to_calendar_date(const std::optional<double>& day, Date start) {
  if (!day) return std::nullopt;
  return start.plus_days(static_cast<int>(std::ceil(*day)));
}

std::string day_to_date(const std::optional<double>& day, Date start) {
  const auto date = day_to_calendar_date(day, start);
  return date ? date->to_string() : "not reached";
}

PlanSummary summarize_buildout(const std::vector<sim::BuildoutRun>& runs, Date start,
                               const std::vector<model::Contract>& contracts) {
  PlanSummary p;
  p.runs = static_cast<int>(runs.size());
  if (runs.empty()) return p;
  p.weeks = runs.front().weeks;
  for (int w = 0; w < p.weeks; ++w) p.week_end_dates.push_back(start.plus_days(7 * w + 6));

  const std::size_t n_sites = runs.front().sites.size();
  for (std::size_t s = 0; s < n_sites; ++s) {
    SitePlanSummary site;
    const auto& first = runs.front().sites[s];
    site.name = first.name;
    site.target_racks = first.target_racks;
    site.target_gpus = static_cast<long long>(first.target_racks) * first.gpus_per_rack;
    site.target_it_mw = first.target_racks * first.rack_design_kw / 1000.0;
    std::vector<const std::vector<int>*> racks, shipped, in_transit, delivered, installed,
        commissioned;
    std::vector<const std::vector<long long>*> gpus;
    std::vector<const std::vector<double>*> mw;
    std::vector<const std::vector<sim::HeldBack>*> held;
    std::vector<std::optional<double>> ready, first_on, half, full;
    std::vector<double> shell_end, fit_out_end, ready_day, cstart;
    for (const auto& r : runs) {
      const auto& x = r.sites[s];
      racks.push_back(&x.weekly.online);
      shipped.push_back(&x.weekly.shipped);
      in_transit.push_back(&x.weekly.in_transit);
      delivered.push_back(&x.weekly.delivered);
      installed.push_back(&x.weekly.installed);
      commissioned.push_back(&x.weekly.commissioned);
      gpus.push_back(&x.weekly.gpus_online);
      mw.push_back(&x.weekly.it_mw_online);
      held.push_back(&x.held_back);
      auto opt = [](const std::optional<int>& d) {
        return d ? std::optional<double>(*d) : std::optional<double>();
      };
      ready.push_back(opt(x.milestones.ready_day));
      first_on.push_back(opt(x.milestones.first_online_day));
      half.push_back(opt(x.milestones.half_day));
      full.push_back(opt(x.milestones.full_day));
      shell_end.push_back(x.schedule.shell_end_day);
      fit_out_end.push_back(x.schedule.fit_out_end_day);
      ready_day.push_back(x.schedule.ready_day);
      cstart.push_back(x.schedule.construction_start_day);
    }
    site.racks_online = series_quantiles(as_double(racks));
    site.shipped = series_quantiles(as_double(shipped));
    site.in_transit = series_quantiles(as_double(in_transit));
    site.delivered = series_quantiles(as_double(delivered));
    site.installed = series_quantiles(as_double(installed));
    site.commissioned = series_quantiles(as_double(commissioned));
    site.gpus_online = series_quantiles(as_double(gpus));
    site.it_mw_online = series_quantiles(as_double(mw));
    site.milestones = {milestone("ready", ready), milestone("first_rack_online", first_on),
                       milestone("half_target", half), milestone("full_target", full)};
    site.held_back = held_back_summary(held);
    site.main_constraint = site.held_back.empty() ? "" : site.held_back.front().constraint;
    site.p50_construction_start_day = p50_of(cstart);
    site.p50_shell_end_day = p50_of(shell_end);
    site.p50_fit_out_end_day = p50_of(fit_out_end);
    site.p50_ready_day = p50_of(ready_day);
    // The most frequent constraint each week (ties: alphabetical, for determinism). Counted by
    // value (a handful of distinct constraints), named once per week.
    std::vector<std::pair<sim::BindingConstraint, int>> count;
    for (int w = 0; w < p.weeks; ++w) {
      count.clear();
      for (const auto& r : runs) {
        const auto& c = r.sites[s].weekly.constraint;
        if (w >= static_cast<int>(c.size())) continue;
        const auto& bc = c[static_cast<std::size_t>(w)];
        auto it =
            std::find_if(count.begin(), count.end(), [&](const auto& e) { return e.first == bc; });
        if (it == count.end()) {
          count.emplace_back(bc, 1);
        } else {
          ++it->second;
        }
      }
      std::string best;
      int best_n = -1;
      for (const auto& [bc, k] : count) {
        std::string name = sim::to_string(bc);
        if (k > best_n || (k == best_n && name < best)) {
          best = std::move(name);
          best_n = k;
        }
      }
      site.constraint_mode.push_back(best);
    }
    p.sites.push_back(std::move(site));
  }

  for (std::size_t f = 0; f < runs.front().factories.size(); ++f) {
    FactoryPlanSummary fs;
    fs.name = runs.front().factories[f].name;
    auto q = [&](auto member) {
      std::vector<const std::vector<int>*> v;
      for (const auto& r : runs) v.push_back(&(r.factories[f].weekly.*member));
      return series_quantiles(as_double(v));
    };
    fs.started = q(&sim::FactorySeries::started);
    fs.in_burn_in = q(&sim::FactorySeries::in_burn_in);
    fs.in_rework = q(&sim::FactorySeries::in_rework);
    fs.finished = q(&sim::FactorySeries::finished);
    fs.shipped = q(&sim::FactorySeries::shipped);
    p.factories.push_back(std::move(fs));
  }

  p.total.name = "total";
  std::vector<const std::vector<int>*> racks;
  std::vector<const std::vector<long long>*> gpus;
  std::vector<const std::vector<double>*> mw;
  std::vector<const std::vector<sim::HeldBack>*> held;
  for (const auto& r : runs) {
    racks.push_back(&r.total.online);
    gpus.push_back(&r.total.gpus_online);
    mw.push_back(&r.total.it_mw_online);
    held.push_back(&r.held_back);
  }
  p.total.racks_online = series_quantiles(as_double(racks));
  p.total.gpus_online = series_quantiles(as_double(gpus));
  p.total.it_mw_online = series_quantiles(as_double(mw));
  for (const auto& s : p.sites) {
    p.total.target_racks += s.target_racks;
    p.total.target_gpus += s.target_gpus;
    p.total.target_it_mw += s.target_it_mw;
  }
  p.held_back = held_back_summary(held);
  p.total.held_back = p.held_back;
  p.total.main_constraint = p.held_back.empty() ? "" : p.held_back.front().constraint;
  p.contracts = summarize_contracts(runs, contracts);
  return p;
}

}  // namespace rackscale::analysis
