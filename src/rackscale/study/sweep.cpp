#include "rackscale/study/sweep.hpp"

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale {

namespace {

using analysis::PointMetric;
using analysis::PointResult;

//! The milestone quantiles of one site summary [days from the start].
void add_milestones(const analysis::SitePlanSummary& site, const std::string& name,
                    PointResult& result) {
  for (const analysis::MilestoneQuantiles& milestone : site.milestones) {
    result.metrics.push_back({name, milestone.name + ".p10_days", milestone.days.p10});
    result.metrics.push_back({name, milestone.name + ".p50_days", milestone.days.p50});
    result.metrics.push_back({name, milestone.name + ".p90_days", milestone.days.p90});
  }
}

//! GPUs online summed over the weeks, mean over the runs [GPU-weeks].
double gpu_weeks(const analysis::SitePlanSummary& site) {
  double sum = 0.0;
  for (double gpus : site.gpus_online.mean) sum += gpus;
  return sum;
}

void add_weeks(const analysis::SitePlanSummary& site, const std::string& name,
               const std::vector<Date>& week_ends, PointResult& result) {
  for (std::size_t w = 0; w < week_ends.size(); ++w) {
    result.weeks.push_back({name, static_cast<int>(w), week_ends[w].to_string(),
                            site.racks_online.p10[w], site.racks_online.p50[w],
                            site.racks_online.p90[w], site.it_mw_online.p10[w],
                            site.it_mw_online.p50[w], site.it_mw_online.p90[w]});
  }
}

void add_sites(const PlanResult& plan, PointResult& result) {
  double capex_usd = 0.0, it_mwh = 0.0, facility_mwh = 0.0;
  for (std::size_t s = 0; s < plan.sites.size(); ++s) {
    const design::SiteDesign& design = plan.sites[s];
    const analysis::SitePlanSummary& summary = plan.buildout.sites.at(s);
    add_milestones(summary, design.name, result);
    result.metrics.push_back({design.name, "gpu_weeks", gpu_weeks(summary)});
    result.metrics.push_back({design.name, "capex_usd", design.cost.capex_total.si()});
    result.metrics.push_back({design.name, "pue", design.energy.pue});
    capex_usd += design.cost.capex_total.si();
    it_mwh += design.energy.it.in(units::MWh);
    facility_mwh += design.energy.facility.in(units::MWh);
    add_weeks(summary, design.name, plan.buildout.week_end_dates, result);
  }
  add_milestones(plan.buildout.total, "total", result);
  result.metrics.push_back({"total", "gpu_weeks", gpu_weeks(plan.buildout.total)});
  result.metrics.push_back({"total", "capex_usd", capex_usd});
  result.metrics.push_back(
      {"total", "pue", it_mwh > 0 ? std::optional<double>(facility_mwh / it_mwh) : std::nullopt});
  add_weeks(plan.buildout.total, "total", plan.buildout.week_end_dates, result);
}

void add_reliability(const PlanResult& plan, PointResult& result) {
  for (const auto& job : plan.reliability.jobs) {
    result.metrics.push_back({job.site, "goodput_p50." + job.name, job.goodput.p50});
  }
}

void add_gains(const PlanResult& plan, PointResult& result) {
  for (const analysis::SiteAttribution& site : plan.attribution.sites) {
    for (const analysis::ConstraintGain& gain : site.gains) {
      result.gains.push_back({site.site, gain.constraint, gain.gpu_weeks_gained,
                              gain.days_earlier_half, gain.days_earlier_full});
    }
  }
}

}  // namespace

RunOptions point_run_options(const io::StudySpec& spec, int threads) {
  RunOptions options;
  options.runs = spec.runs;
  options.seed = spec.seed;
  options.attribution_runs = spec.attribution_runs;
  if (options.attribution_runs)
    options.attribution_runs = std::min(*options.attribution_runs, spec.runs);
  options.threads = threads;
  return options;
}

PointResult point_result(const io::StudySpec& spec, int point, const PlanResult& plan) {
  PointResult result;
  result.point = point;
  result.input_hash = plan.stamp.input_hash;
  add_sites(plan, result);
  add_reliability(plan, result);
  add_gains(plan, result);
  result.headline = analysis::headline_value(result, spec.metric, plan.buildout.weeks * 7.0);
  return result;
}

PointResult run_point(const io::StudySpec& spec, const analysis::SweepPoint& point, int threads) {
  try {
    const Study study = Study::from_file(spec.scenario, point.overrides, threads);
    return point_result(spec, point.index, study.plan(point_run_options(spec, threads)));
  } catch (const InputError& e) {
    throw InputError(e.diagnostics(),
                     fmt::format("{}: point {} ({}) is not a valid scenario:\n{}", spec.file,
                                 point.index + 1, fmt::join(point.overrides, ", "), e.what()));
  }
}

}  // namespace rackscale
