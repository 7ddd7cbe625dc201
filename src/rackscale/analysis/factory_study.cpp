#include "rackscale/analysis/factory_study.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/sim/buildout/factory_gear.hpp"

namespace rackscale::analysis {

namespace {

using sim::BuildoutPlan;
using sim::BuildoutRun;

// One factory in one run: its operations and its capacity over the horizon [racks].
struct FactoryOutcome {
  sim::FactoryOperationsResult operations;
  double capacity_racks = 0.0;
};

// What one run keeps (a few numbers per factory and buyer, so that many runs fit in memory):
// the factories' operations, and the gain of early access.
struct RunOutcome {
  std::vector<FactoryOutcome> factories;
  std::vector<int> partner_start_day_without;  // per factory
  // With a factory building sites' gear: each site's ready day (capped at the horizon), with
  // the factory's gear and with the outside suppliers [day]
  std::vector<int> ready_day, ready_day_outside;
  double gain_weeks = 0.0;
  double gain_mw_weeks = 0.0;
  int horizon_days = 0;
};

bool has_operations(const BuildoutPlan& plan) {
  return std::any_of(plan.factories.begin(), plan.factories.end(),
                     [](const sim::PlanFactory& factory) { return factory.operations.active; });
}

bool has_early_access(const BuildoutPlan& plan) {
  return std::any_of(
      plan.factories.begin(), plan.factories.end(),
      [](const sim::PlanFactory& factory) { return factory.operations.has_early_access; });
}

// The same plan for a buyer without early access.
BuildoutPlan without_early_access(BuildoutPlan plan) {
  for (sim::PlanFactory& factory : plan.factories) factory.operations.without_early_access = true;
  return plan;
}

double target_mw(const BuildoutPlan& plan) {
  double mw = 0.0;
  for (const sim::PlanSite& site : plan.sites) mw += site.target * site.rack_design_mw;
  return mw;
}

// A quantity of factory `at` over the runs.
template <class F>
std::vector<double> over_runs(const std::vector<RunOutcome>& outcomes, F&& value) {
  std::vector<double> values;
  values.reserve(outcomes.size());
  for (const RunOutcome& outcome : outcomes) values.push_back(value(outcome));
  return values;
}

OtherBuyerSummary summarize_buyer(const std::vector<RunOutcome>& outcomes, std::size_t at,
                                  std::size_t buyer, double capacity) {
  auto of = [&](const RunOutcome& o) -> const sim::OtherBuyerResult& {
    return o.factories[at].operations.others[buyer];
  };
  OtherBuyerSummary summary;
  summary.name = of(outcomes.front()).name;
  summary.product = of(outcomes.front()).product;
  summary.ordered = mean_of(
      over_runs(outcomes, [&](const RunOutcome& o) { return static_cast<double>(of(o).ordered); }));
  summary.started = mean_of(
      over_runs(outcomes, [&](const RunOutcome& o) { return static_cast<double>(of(o).started); }));
  const auto backlog =
      over_runs(outcomes, [&](const RunOutcome& o) { return static_cast<double>(of(o).backlog); });
  summary.backlog_p50 = quantile(backlog, 0.5);
  summary.backlog_p90 = quantile(backlog, 0.9);
  const double used =
      mean_of(over_runs(outcomes, [&](const RunOutcome& o) { return of(o).line_racks; }));
  summary.capacity_share = capacity > 0.0 ? used / capacity : 0.0;
  return summary;
}

// The sites' ready days of a run, a site never ready counting at the horizon's end.
std::vector<int> ready_days(const BuildoutRun& run) {
  std::vector<int> days;
  for (const sim::SiteResult& site : run.sites) {
    days.push_back(std::min(site.schedule.ready_day, run.days));
  }
  return days;
}

PartnerGearSummary summarize_partner_gear(const std::vector<RunOutcome>& outcomes, std::size_t at,
                                          const sim::PlanPartnerGear& gear, std::size_t entry,
                                          double capacity) {
  auto of = [&](const RunOutcome& o) -> const sim::PartnerGearResult& {
    return o.factories[at].operations.partner_gear[entry];
  };
  const std::size_t site = sim::position(gear.site_index);
  PartnerGearSummary summary{gear.site, gear.gear, gear.component};
  summary.units = static_cast<double>(gear.units);
  summary.started = mean_of(
      over_runs(outcomes, [&](const RunOutcome& o) { return static_cast<double>(of(o).started); }));
  const auto backlog = over_runs(outcomes, [&](const RunOutcome& o) {
    return static_cast<double>(gear.units - of(o).started);
  });
  summary.backlog_p50 = quantile(backlog, 0.5);
  summary.backlog_p90 = quantile(backlog, 0.9);
  summary.capacity_share =
      capacity > 0.0
          ? mean_of(over_runs(outcomes, [&](const RunOutcome& o) { return of(o).line_racks; })) /
                capacity
          : 0.0;
  summary.horizon_days = outcomes.front().horizon_days;
  summary.on_site_day_p50 =
      quantile(over_runs(outcomes,
                         [&](const RunOutcome& o) {
                           const int day = of(o).on_site_day;
                           return static_cast<double>(day < 0 ? o.horizon_days : day);
                         }),
               0.5);
  summary.ready_day_p50 = quantile(
      over_runs(outcomes,
                [&](const RunOutcome& o) { return static_cast<double>(o.ready_day[site]); }),
      0.5);
  summary.ready_day_outside_p50 = quantile(
      over_runs(
          outcomes,
          [&](const RunOutcome& o) { return static_cast<double>(o.ready_day_outside[site]); }),
      0.5);
  const auto earlier = over_runs(outcomes, [&](const RunOutcome& o) {
    return static_cast<double>(o.ready_day_outside[site] - o.ready_day[site]);
  });
  summary.ready_earlier_days = mean_of(earlier);
  summary.ready_earlier_stderr_days = standard_error(earlier);
  return summary;
}

void summarize_early_access(FactoryOperationsSummary& summary,
                            const std::vector<RunOutcome>& outcomes, std::size_t at) {
  summary.early_access = true;
  summary.qualified_first_time = mean_of(over_runs(outcomes, [&](const RunOutcome& o) {
    return o.factories[at].operations.qualified_first_time ? 1.0 : 0.0;
  }));
  summary.partner_start_day_p50 =
      quantile(over_runs(outcomes,
                         [&](const RunOutcome& o) {
                           return static_cast<double>(o.factories[at].operations.partner_start_day);
                         }),
               0.5);
  summary.partner_start_day_without_p50 =
      quantile(over_runs(outcomes,
                         [&](const RunOutcome& o) {
                           return static_cast<double>(o.partner_start_day_without[at]);
                         }),
               0.5);
  const auto gain = over_runs(outcomes, [](const RunOutcome& o) { return o.gain_weeks; });
  summary.gain_weeks = mean_of(gain);
  summary.gain_weeks_stderr = standard_error(gain);
  summary.gain_mw_weeks =
      mean_of(over_runs(outcomes, [](const RunOutcome& o) { return o.gain_mw_weeks; }));
}

FactoryOperationsSummary summarize_factory(const BuildoutPlan& plan,
                                           const std::vector<RunOutcome>& outcomes,
                                           std::size_t at) {
  auto ops = [&](const RunOutcome& o) -> const sim::FactoryOperationsResult& {
    return o.factories[at].operations;
  };
  FactoryOperationsSummary summary;
  summary.name = plan.factories[static_cast<sim::FactoryIndex>(at)].name;
  summary.capacity_racks = mean_of(
      over_runs(outcomes, [&](const RunOutcome& o) { return o.factories[at].capacity_racks; }));
  const double used =
      mean_of(over_runs(outcomes, [&](const RunOutcome& o) { return ops(o).line_racks_used; }));
  summary.utilization = summary.capacity_racks > 0.0 ? used / summary.capacity_racks : 0.0;
  summary.partner_started = mean_of(over_runs(
      outcomes, [&](const RunOutcome& o) { return static_cast<double>(ops(o).partner_started); }));
  summary.partner_share =
      summary.capacity_racks > 0.0 ? summary.partner_started / summary.capacity_racks : 0.0;
  summary.binding_weeks =
      mean_of(over_runs(outcomes, [&](const RunOutcome& o) { return ops(o).binding_days / 7.0; }));
  summary.slot_binding_weeks = mean_of(
      over_runs(outcomes, [&](const RunOutcome& o) { return ops(o).slot_binding_days / 7.0; }));
  summary.peak_burn_in_mw = quantile(
      over_runs(outcomes, [&](const RunOutcome& o) { return ops(o).peak_burn_in_mw; }), 0.5);
  summary.final_yield =
      mean_of(over_runs(outcomes, [&](const RunOutcome& o) { return ops(o).final_yield; }));
  if (plan.factories[static_cast<sim::FactoryIndex>(at)].operations.has_early_access) {
    summarize_early_access(summary, outcomes, at);
  }
  const std::size_t buyers = outcomes.front().factories[at].operations.others.size();
  for (std::size_t buyer = 0; buyer < buyers; ++buyer) {
    summary.others.push_back(summarize_buyer(outcomes, at, buyer, summary.capacity_racks));
  }
  const auto& orders = plan.factories[static_cast<sim::FactoryIndex>(at)].operations.partner_gear;
  for (std::size_t entry = 0; entry < orders.size(); ++entry) {
    summary.partner_gear.push_back(
        summarize_partner_gear(outcomes, at, orders[entry], entry, summary.capacity_racks));
  }
  return summary;
}

// The factories of one run, and each one's capacity over the horizon.
std::vector<FactoryOutcome> outcomes_of(const BuildoutRun& run) {
  std::vector<FactoryOutcome> factories;
  for (const sim::FactoryResult& factory : run.factories) {
    const std::vector<int>& capacity = factory.weekly.capacity;
    factories.push_back(
        {factory.operations, capacity.empty() ? 0.0 : static_cast<double>(capacity.back())});
  }
  return factories;
}

}  // namespace

double capacity_weeks_gained(const BuildoutRun& with, const BuildoutRun& without,
                             double target_mw) {
  double mw_weeks = 0.0;
  for (std::size_t week = 0; week < with.total.it_mw_online.size(); ++week) {
    mw_weeks += with.total.it_mw_online[week] - without.total.it_mw_online[week];
  }
  return target_mw > 0.0 ? mw_weeks / target_mw : 0.0;
}

FactoryStudy study_factories(const BuildoutPlan& plan, std::uint64_t seed, int runs, int threads) {
  FactoryStudy study;
  if (!has_operations(plan) || runs <= 0) return study;
  study.runs = runs;
  const bool counterfactual = has_early_access(plan);
  const bool gear = sim::has_partner_gear(plan);
  const sim::BuildoutModel model(plan);
  const sim::BuildoutModel model_without(without_early_access(plan));
  const sim::BuildoutModel model_outside(sim::with_outside_suppliers(plan));
  const double mw = target_mw(plan);
  const std::vector<RunOutcome> outcomes = run_replications(runs, threads, [&](int run) {
    const BuildoutRun with = model.run(seed, run);
    RunOutcome outcome;
    if (counterfactual) {
      const BuildoutRun without = model_without.run(seed, run);
      outcome.gain_weeks = capacity_weeks_gained(with, without, mw);
      outcome.gain_mw_weeks = outcome.gain_weeks * mw;
      for (const sim::FactoryResult& factory : without.factories) {
        outcome.partner_start_day_without.push_back(factory.operations.partner_start_day);
      }
    }
    if (gear) {
      outcome.ready_day = ready_days(with);
      outcome.ready_day_outside = ready_days(model_outside.run(seed, run));
    }
    outcome.horizon_days = with.days;
    outcome.factories = outcomes_of(with);
    return outcome;
  });
  for (std::size_t at = 0; at < plan.factories.size(); ++at) {
    if (plan.factories[static_cast<sim::FactoryIndex>(at)].operations.active) {
      study.factories.push_back(summarize_factory(plan, outcomes, at));
    }
  }
  return study;
}

}  // namespace rackscale::analysis
