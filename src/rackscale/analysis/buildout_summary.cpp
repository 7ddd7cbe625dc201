#include "rackscale/analysis/buildout_summary.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string_view>
#include <utility>

#include "rackscale/core/checked.hpp"

namespace rackscale::analysis {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// In the 32-bit batch: a week the run's series does not reach, and a day never reached.
constexpr std::int32_t kMissing = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t kNeverValue = std::numeric_limits<std::int32_t>::max();

// A milestone day, kNeverValue when not reached within the run.
std::int32_t day_or_never(const std::optional<int>& day) {
  return day ? *day : kNeverValue;
}

// A schedule day, where sim::kNeverDay means "not within the run".
std::int32_t schedule_day(int day) {
  return day >= sim::kNeverDay ? kNeverValue : day;
}

// Appends weeks 0..weeks-1 of `series` to `batch` (`missing` past its end).
template <class T, class Series>
void append_series(std::vector<T>& batch, const Series& series, std::size_t weeks, T missing) {
  const std::size_t known = std::min(weeks, series.size());
  batch.insert(batch.end(), series.begin(), series.begin() + static_cast<std::ptrdiff_t>(known));
  batch.insert(batch.end(), weeks - known, missing);
}

// A batched value as a tally counts it: NaN (none) for kMissing, +infinity for kNeverValue.
double batched_value(std::int32_t value) {
  if (value == kMissing) return std::numeric_limits<double>::quiet_NaN();
  return value == kNeverValue ? kNever : static_cast<double>(value);
}
double batched_value(double value) {
  return value;
}

// Counts `runs` values `stride` apart from `first` (NaN: none), equal neighbours at once (weekly
// values often repeat from run to run): the same counts as adding them one by one.
template <class T>
void add_column(Tally& tally, const T* first, std::size_t stride, std::size_t runs) {
  std::size_t run = 0;
  while (run < runs) {
    const T value = first[run * stride];
    std::size_t same = 1;
    while (run + same < runs && first[(run + same) * stride] == value) ++same;
    const double x = batched_value(value);
    if (!std::isnan(x)) tally.add(x, same);
    run += same;
  }
}

void merge_weekly(std::vector<Tally>& into, const std::vector<Tally>& from) {
  for (std::size_t week = 0; week < into.size(); ++week) into[week].merge(from[week]);
}

// sums[id of held] += held, the table grown to the id if needed.
void add_held_back(std::vector<HeldBackSum>& sums, const sim::HeldBack& held) {
  const std::size_t id = sim::constraint_id(held.constraint);
  if (id >= sums.size()) sums.resize(id + 1);
  HeldBackSum& sum = sums[id];
  sum.seen = true;
  sum.rack_weeks += held.rack_weeks;
  sum.mw_weeks += held.mw_weeks;
}

std::optional<double> p50_of(const Tally& days) {
  const double p50 = days.quantile(0.5);
  return p50 == kNever ? std::nullopt : std::optional<double>(p50);
}

}  // namespace

BuildoutTallies::BuildoutTallies(std::vector<model::Contract> contracts)
    : contracts_(std::move(contracts)) {}

// The shape of the tallies, and what every run shares, from the first run counted.
void BuildoutTallies::start(const sim::BuildoutRun& run) {
  weeks_ = run.weeks;
  const auto weeks = static_cast<std::size_t>(run.weeks);
  for (const sim::SiteResult& site : run.sites) {
    SiteTallies& t = sites_.emplace_back();
    t.name = site.name;
    t.target_racks = site.target_racks;
    t.gpus_per_rack = site.gpus_per_rack;
    t.grid_capped_racks = site.grid_capped_racks;
    t.rack_design_kw = site.rack_design_kw;
    t.rack_design_mw = site.rack_design_mw;
    for (auto* series :
         {&t.online, &t.shipped, &t.in_transit, &t.delivered, &t.installed, &t.commissioned}) {
      series->resize(weeks);
    }
  }
  for (const sim::FactoryResult& factory : run.factories) {
    FactoryTallies& t = factories_.emplace_back();
    t.name = factory.name;
    for (auto* series : {&t.started, &t.in_burn_in, &t.in_rework, &t.finished, &t.shipped,
                         &t.capacity, &t.inventory}) {
      series->resize(weeks);
    }
  }
  for (auto* series : {&total_.online, &total_.gpus_online, &total_.it_mw_online}) {
    series->resize(weeks);
  }
  for_each_batched([this](const Tally&) { ++batch_width_; });
  for_each_wide([this](const Tally&) { ++wide_width_; });
  batch_.reserve(kBatchRuns * batch_width_);
  wide_batch_.reserve(kBatchRuns * wide_width_);
  std::vector<std::string_view> pools;
  for (const sim::ComponentResult& component : run.components) pools.emplace_back(component.name);
  constraint_names_ = sim::constraint_names(pools);
  constraint_order_ = sim::ids_by_name(constraint_names_);
  const std::size_t ids = constraint_names_.size();
  const std::size_t cells = sites_.size() * weeks;
  constraint_counts_.assign(cells * ids, 0);
  constraint_batch_.assign(cells * kBatchRuns, kNoConstraint);
}

// Every tally a run adds an integer to, series after series (sites, factories): the order of
// append_run.
template <class F>
void BuildoutTallies::for_each_batched(F f) {
  for (SiteTallies& t : sites_) {
    for (auto* series :
         {&t.online, &t.shipped, &t.in_transit, &t.delivered, &t.installed, &t.commissioned}) {
      for (Tally& tally : *series) f(tally);
    }
    for (Tally* tally :
         {&t.ready_day, &t.first_online_day, &t.half_day, &t.full_day, &t.construction_start_day,
          &t.shell_end_day, &t.fit_out_end_day, &t.schedule_ready_day}) {
      f(*tally);
    }
  }
  for (FactoryTallies& t : factories_) {
    for (auto* series : {&t.started, &t.in_burn_in, &t.in_rework, &t.finished, &t.shipped,
                         &t.capacity, &t.inventory}) {
      for (Tally& tally : *series) f(tally);
    }
  }
}

// Every tally of the total (wide_batch_), in append_run's order.
template <class F>
void BuildoutTallies::for_each_wide(F f) {
  for (auto* series : {&total_.online, &total_.gpus_online, &total_.it_mw_online}) {
    for (Tally& tally : *series) f(tally);
  }
  for (Tally* tally : {&total_.first_online_day, &total_.full_day, &total_.gpu_weeks}) f(*tally);
}

namespace {

// A site's milestone and schedule days, in for_each_batched's order.
void append_days(std::vector<std::int32_t>& batch, const sim::SiteResult& site) {
  const sim::SiteMilestones& m = site.milestones;
  const sim::SiteSchedule& s = site.schedule;
  for (std::int32_t day : {day_or_never(m.ready_day), day_or_never(m.first_online_day),
                           day_or_never(m.half_day), day_or_never(m.full_day),
                           schedule_day(s.construction_start_day), schedule_day(s.shell_end_day),
                           schedule_day(s.fit_out_end_day), schedule_day(s.ready_day)}) {
    batch.push_back(day);
  }
}

// The fleet's milestones in a run: its first rack online is the first site's, its full target
// the last site's (never if any site never reaches it); then its GPU-weeks.
void append_fleet(std::vector<double>& batch, const sim::BuildoutRun& run, std::size_t weeks) {
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
  batch.push_back(first_day.value_or(kNever));
  batch.push_back(run.sites.empty() ? kNever : full_day.value_or(kNever));
  const auto& gpus = run.total.gpus_online;
  const auto end = gpus.begin() + static_cast<std::ptrdiff_t>(std::min(gpus.size(), weeks));
  batch.push_back(static_cast<double>(std::accumulate(gpus.begin(), end, 0LL)));
}

}  // namespace

// The run's values in for_each_batched's order.
void BuildoutTallies::append_run(const sim::BuildoutRun& run) {
  const auto weeks = static_cast<std::size_t>(weeks_);
  for (const sim::SiteResult& site : run.sites) {
    const sim::SiteSeries& w = site.weekly;
    for (const auto* series :
         {&w.online, &w.shipped, &w.in_transit, &w.delivered, &w.installed, &w.commissioned}) {
      append_series(batch_, *series, weeks, kMissing);
    }
    append_days(batch_, site);
  }
  for (const sim::FactoryResult& factory : run.factories) {
    const sim::FactorySeries& w = factory.weekly;
    for (const auto* series : {&w.started, &w.in_burn_in, &w.in_rework, &w.finished, &w.shipped,
                               &w.capacity, &w.inventory}) {
      append_series(batch_, *series, weeks, kMissing);
    }
  }
  constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  append_series(wide_batch_, run.total.online, weeks, kNone);
  append_series(wide_batch_, run.total.gpus_online, weeks, kNone);
  append_series(wide_batch_, run.total.it_mw_online, weeks, kNone);
  append_fleet(wide_batch_, run, weeks);
}

// The run's constraint ids into slot batched_runs_ of each site-week.
void BuildoutTallies::append_constraints(const sim::BuildoutRun& run) {
  const auto weeks = static_cast<std::size_t>(weeks_);
  // An index, not a pointer: the batch is empty (no data) for a run without site-weeks.
  std::size_t cell = batched_runs_;
  for (const sim::SiteResult& site : run.sites) {
    const auto& constraint = site.weekly.constraint;
    const std::size_t known = std::min(weeks, constraint.size());
    for (std::size_t week = 0; week < known; ++week, cell += kBatchRuns) {
      const std::size_t id = sim::constraint_id(constraint[week]);
      assert(id < constraint_names_.size());
      constraint_batch_[cell] = static_cast<std::uint16_t>(id);
    }
    for (std::size_t week = known; week < weeks; ++week, cell += kBatchRuns) {
      constraint_batch_[cell] = kNoConstraint;
    }
  }
}

// Counts the first `runs` slots of every site-week of `batch` (a constraint_batch_), equal
// neighbours at once.
void BuildoutTallies::count_constraints(const std::vector<std::uint16_t>& batch, std::size_t runs) {
  const std::size_t ids = constraint_names_.size();
  std::uint32_t* counts = constraint_counts_.data();
  for (const std::uint16_t* cell = batch.data(); cell < batch.data() + batch.size();
       cell += kBatchRuns, counts += ids) {
    std::size_t run = 0;
    while (run < runs) {
      const std::uint16_t id = cell[run];
      std::size_t same = 1;
      while (run + same < runs && cell[run + same] == id) ++same;
      if (id != kNoConstraint) counts[id] += static_cast<std::uint32_t>(same);
      run += same;
    }
  }
}

// Counts the first `runs` runs of `batch` and `wide` (a batch_ and a wide_batch_) into the
// tallies.
void BuildoutTallies::count_values(const std::vector<std::int32_t>& batch,
                                   const std::vector<double>& wide, std::size_t runs) {
  std::size_t column = 0;
  for_each_batched([&](Tally& tally) {
    add_column(tally, batch.data() + column, batch_width_, runs);
    ++column;
  });
  column = 0;
  for_each_wide([&](Tally& tally) {
    add_column(tally, wide.data() + column, wide_width_, runs);
    ++column;
  });
}

void BuildoutTallies::flush() {
  if (batched_runs_ == 0) return;
  count_values(batch_, wide_batch_, batched_runs_);
  batch_.clear();
  wide_batch_.clear();
  count_constraints(constraint_batch_, batched_runs_);
  batched_runs_ = 0;
}

void BuildoutTallies::add(const sim::BuildoutRun& run) {
  if (runs_ == 0) start(run);
  append_run(run);
  append_constraints(run);
  if (++batched_runs_ == kBatchRuns) flush();
  contracts_.add(run);
  ++runs_;
}

void BuildoutTallies::merge(const BuildoutTallies& other) {
  if (other.runs_ == 0) return;
  if (runs_ == 0) {
    *this = other;
    return;
  }
  flush();
  for (std::size_t i = 0; i < sites_.size(); ++i) {
    SiteTallies& t = sites_[i];
    const SiteTallies& u = other.sites_[i];
    merge_weekly(t.online, u.online);
    merge_weekly(t.shipped, u.shipped);
    merge_weekly(t.in_transit, u.in_transit);
    merge_weekly(t.delivered, u.delivered);
    merge_weekly(t.installed, u.installed);
    merge_weekly(t.commissioned, u.commissioned);
    t.ready_day.merge(u.ready_day);
    t.first_online_day.merge(u.first_online_day);
    t.half_day.merge(u.half_day);
    t.full_day.merge(u.full_day);
    t.construction_start_day.merge(u.construction_start_day);
    t.shell_end_day.merge(u.shell_end_day);
    t.fit_out_end_day.merge(u.fit_out_end_day);
    t.schedule_ready_day.merge(u.schedule_ready_day);
  }
  for (std::size_t i = 0; i < factories_.size(); ++i) {
    FactoryTallies& t = factories_[i];
    const FactoryTallies& u = other.factories_[i];
    merge_weekly(t.started, u.started);
    merge_weekly(t.in_burn_in, u.in_burn_in);
    merge_weekly(t.in_rework, u.in_rework);
    merge_weekly(t.finished, u.finished);
    merge_weekly(t.shipped, u.shipped);
    merge_weekly(t.capacity, u.capacity);
    merge_weekly(t.inventory, u.inventory);
  }
  merge_weekly(total_.online, other.total_.online);
  merge_weekly(total_.gpus_online, other.total_.gpus_online);
  merge_weekly(total_.it_mw_online, other.total_.it_mw_online);
  total_.first_online_day.merge(other.total_.first_online_day);
  total_.full_day.merge(other.total_.full_day);
  total_.gpu_weeks.merge(other.total_.gpu_weeks);
  for (std::size_t i = 0; i < constraint_counts_.size(); ++i) {
    constraint_counts_[i] += other.constraint_counts_[i];
  }
  count_constraints(other.constraint_batch_, other.batched_runs_);
  contracts_.merge(other.contracts_);
  runs_ += other.runs_;
  count_values(other.batch_, other.wide_batch_, other.batched_runs_);
}

RunSums sums_of(const sim::BuildoutRun& run) {
  RunSums sums;
  sums.site_waiting.reserve(run.sites.size());
  sums.site_bridging_mwh.reserve(run.sites.size());
  for (std::size_t index = 0; index < run.sites.size(); ++index) {
    const sim::SiteResult& site = run.sites[index];
    for (const sim::HeldBack& held : site.held_back) sums.site_held_back.push_back({index, held});
    sums.site_waiting.push_back(site.waiting);
    sums.site_bridging_mwh.push_back(site.bridging_mwh);
  }
  sums.held_back = run.held_back;
  for (const sim::FactoryResult& factory : run.factories) {
    const sim::FactorySeries& weekly = factory.weekly;
    sums.factories.push_back(
        {weekly.started.empty() ? 0.0 : static_cast<double>(weekly.started.back()),
         weekly.capacity.empty() ? 0.0 : static_cast<double>(weekly.capacity.back()),
         factory.inventory_rack_weeks, factory.inventory_carrying_cost_usd});
  }
  return sums;
}

void BuildoutSums::add(const RunSums& run) {
  site_held_back.resize(run.site_waiting.size());
  site_waiting.resize(run.site_waiting.size());
  site_bridging_mwh.resize(run.site_bridging_mwh.size());
  factories.resize(run.factories.size());
  for (const RunSums::SiteHeldBack& entry : run.site_held_back) {
    add_held_back(site_held_back[entry.site], entry.held);
  }
  for (std::size_t site = 0; site < run.site_waiting.size(); ++site) {
    const sim::SiteWaiting& waiting = run.site_waiting[site];
    WaitingSummary& sum = site_waiting[site];
    sum.mean_space_rack_weeks += waiting.space_rack_weeks;
    sum.mean_power_rack_weeks += waiting.power_rack_weeks;
    sum.mean_crews_rack_weeks += waiting.crews_rack_weeks;
    sum.mean_carrying_cost_usd += waiting.carrying_cost_usd;
    site_bridging_mwh[site] += run.site_bridging_mwh[site];
  }
  for (const sim::HeldBack& held : run.held_back) add_held_back(held_back, held);
  for (std::size_t factory = 0; factory < run.factories.size(); ++factory) {
    const RunSums::Factory& use = run.factories[factory];
    Factory& sum = factories[factory];
    sum.started_racks += use.started_racks;
    sum.capacity_racks += use.capacity_racks;
    sum.utilization += use.capacity_racks > 0.0 ? use.started_racks / use.capacity_racks : 0.0;
    sum.inventory_rack_weeks += use.inventory_rack_weeks;
    sum.inventory_carrying_cost_usd += use.inventory_carrying_cost_usd;
  }
  ++runs;
}

namespace {

// The quantiles of a site's weekly series and its milestones, from its tallies.
SitePlanSummary site_summary(const auto& t) {
  SitePlanSummary summary;
  summary.name = t.name;
  summary.target_racks = t.target_racks;
  summary.target_gpus = static_cast<long long>(t.target_racks) * t.gpus_per_rack;
  summary.target_it_mw = t.target_racks * t.rack_design_kw / 1000.0;
  summary.grid_capped_racks = t.grid_capped_racks;
  // GPUs and MW online are non-decreasing functions of the racks online: the same order
  // statistics, hence the same exact quantiles as tallying them apart.
  const double gpus_per_rack = t.gpus_per_rack, rack_mw = t.rack_design_mw;
  summary.racks_online = series_quantiles(t.online);
  for (const Tally& online : t.online) {
    summary.gpus_online.append(
        online.summary([gpus_per_rack](double racks) { return racks * gpus_per_rack; }));
    summary.it_mw_online.append(
        online.summary([rack_mw](double racks) { return racks * rack_mw; }));
  }
  summary.shipped = series_quantiles(t.shipped);
  summary.in_transit = series_quantiles(t.in_transit);
  summary.delivered = series_quantiles(t.delivered);
  summary.installed = series_quantiles(t.installed);
  summary.commissioned = series_quantiles(t.commissioned);
  summary.milestones = {{"ready", t.ready_day.milestone_summary()},
                        {"first_rack_online", t.first_online_day.milestone_summary()},
                        {"half_target", t.half_day.milestone_summary()},
                        {"full_target", t.full_day.milestone_summary()}};
  summary.p50_construction_start_day = p50_of(t.construction_start_day);
  summary.p50_shell_end_day = p50_of(t.shell_end_day);
  summary.p50_fit_out_end_day = p50_of(t.fit_out_end_day);
  summary.p50_ready_day = p50_of(t.schedule_ready_day);
  return summary;
}

FactoryPlanSummary factory_summary(const auto& t, const BuildoutSums::Factory& sum,
                                   std::uint64_t runs) {
  FactoryPlanSummary summary;
  summary.name = t.name;
  summary.started = series_quantiles(t.started);
  summary.in_burn_in = series_quantiles(t.in_burn_in);
  summary.in_rework = series_quantiles(t.in_rework);
  summary.finished = series_quantiles(t.finished);
  summary.shipped = series_quantiles(t.shipped);
  summary.capacity = series_quantiles(t.capacity);
  summary.inventory = series_quantiles(t.inventory);
  const auto n = static_cast<double>(runs);
  summary.mean_started_racks = sum.started_racks / n;
  summary.mean_capacity_racks = sum.capacity_racks / n;
  summary.mean_utilization = sum.utilization / n;
  summary.mean_idle_racks = summary.mean_capacity_racks - summary.mean_started_racks;
  summary.mean_inventory_rack_weeks = sum.inventory_rack_weeks / n;
  summary.mean_inventory_carrying_cost_usd = sum.inventory_carrying_cost_usd / n;
  return summary;
}

WaitingSummary waiting_mean(WaitingSummary sum, std::uint64_t runs) {
  const auto n = static_cast<double>(runs);
  sum.mean_space_rack_weeks /= n;
  sum.mean_power_rack_weeks /= n;
  sum.mean_crews_rack_weeks /= n;
  sum.mean_carrying_cost_usd /= n;
  return sum;
}

// All sites together; the held-back summary over all sites goes to `plan` too.
void total_summary(PlanSummary& plan, const auto& t, std::vector<HeldBackSummary> held_back) {
  SitePlanSummary& total = plan.total;
  total.name = "total";
  total.racks_online = series_quantiles(t.online);
  total.gpus_online = series_quantiles(t.gpus_online);
  total.it_mw_online = series_quantiles(t.it_mw_online);
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
  total.milestones = {{"first_rack_online", t.first_online_day.milestone_summary()},
                      {"full_target", t.full_day.milestone_summary()}};
  plan.gpu_weeks = t.gpu_weeks.summary();
  plan.held_back = std::move(held_back);
  total.held_back = plan.held_back;
  total.main_constraint = plan.held_back.empty() ? "" : plan.held_back.front().constraint;
}

}  // namespace

// The most frequent binding constraint of a site-week over the runs (ties: the first by name,
// for determinism); "" if no run reaches the week.
std::string BuildoutTallies::constraint_mode(std::size_t site, std::size_t week) const {
  const std::size_t ids = constraint_names_.size();
  const std::uint32_t* counts =
      constraint_counts_.data() + (site * static_cast<std::size_t>(weeks_) + week) * ids;
  std::size_t best = ids;
  for (std::size_t id : constraint_order_) {
    if (counts[id] > 0 && (best == ids || counts[id] > counts[best])) best = id;
  }
  return best == ids ? std::string() : constraint_names_[best];
}

// Mean held-back capacity per constraint over the runs (without "complete"), largest MW-weeks
// first (ties: by name).
std::vector<HeldBackSummary> BuildoutTallies::held_back_summary(
    const std::vector<HeldBackSum>& sums, std::uint64_t runs) const {
  std::vector<HeldBackSummary> out;
  const double n = runs == 0 ? 1.0 : static_cast<double>(runs);
  const std::size_t complete = sim::constraint_id({sim::ConstraintKind::Complete});
  for (std::size_t id : constraint_order_) {
    if (id == complete || id >= sums.size() || !sums[id].seen) continue;
    out.push_back({constraint_names_[id], sums[id].rack_weeks / n, sums[id].mw_weeks / n});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.mean_mw_weeks > b.mean_mw_weeks; });
  return out;
}

PlanSummary summarize_buildout(const BuildoutTallies& tallies, const BuildoutSums& sums,
                               Date start) {
  if (tallies.batched_runs_ > 0) {
    BuildoutTallies flushed = tallies;
    flushed.flush();
    return summarize_buildout(flushed, sums, start);
  }
  PlanSummary plan;
  plan.runs = static_cast<int>(tallies.runs_);
  if (tallies.runs_ == 0) return plan;
  plan.weeks = tallies.weeks_;
  for (int week = 0; week < plan.weeks; ++week) {
    plan.week_end_dates.push_back(start.plus_days(7 * week + 6));
  }
  for (std::size_t site = 0; site < tallies.sites_.size(); ++site) {
    SitePlanSummary summary = site_summary(tallies.sites_[site]);
    for (std::size_t week = 0; week < static_cast<std::size_t>(plan.weeks); ++week) {
      summary.constraint_mode.push_back(tallies.constraint_mode(site, week));
    }
    summary.held_back = tallies.held_back_summary(sums.site_held_back[site], sums.runs);
    summary.main_constraint = summary.held_back.empty() ? "" : summary.held_back.front().constraint;
    summary.waiting = waiting_mean(sums.site_waiting[site], sums.runs);
    summary.mean_bridging_mwh = sums.site_bridging_mwh[site] / static_cast<double>(sums.runs);
    plan.sites.push_back(std::move(summary));
  }
  for (std::size_t factory = 0; factory < tallies.factories_.size(); ++factory) {
    plan.factories.push_back(
        factory_summary(tallies.factories_[factory], sums.factories[factory], sums.runs));
  }
  total_summary(plan, tallies.total_, tallies.held_back_summary(sums.held_back, sums.runs));
  plan.contracts = tallies.contracts_.summary();
  return plan;
}

PlanSummary summarize_buildout(const std::vector<sim::BuildoutRun>& runs, Date start,
                               const std::vector<model::Contract>& contracts) {
  BuildoutTallies tallies(contracts);
  BuildoutSums sums;
  for (const sim::BuildoutRun& run : runs) {
    tallies.add(run);
    sums.add(sums_of(run));
  }
  return summarize_buildout(tallies, sums, start);
}

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

}  // namespace rackscale::analysis
