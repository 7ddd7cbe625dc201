#include "rackscale/analysis/attribution.hpp"

#include <algorithm>
#include <cmath>

#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/sim/buildout/buildout_relaxation.hpp"

namespace rackscale::analysis {

namespace {

using sim::Relaxation;
using sim::RelaxationKind;
using sim::SiteIndex;

// Relaxations run together, and the sites whose gains are read from them.
struct Candidate {
  std::vector<Relaxation> relaxations;
  std::vector<SiteIndex> sites;
};

// Outcomes of a candidate's runs, in run order; each run's outcomes of the candidate's sites
// only, in Candidate::sites order (a site relaxation is read for its own site).
using CandidateOutcomes = std::vector<RunOutcome>;

bool pool_is_needed(const sim::BuildoutPlan& plan, sim::PoolIndex pool) {
  auto needs = [pool](const std::vector<sim::PlanRequirement>& requirements) {
    return std::any_of(requirements.begin(), requirements.end(),
                       [pool](const sim::PlanRequirement& r) { return r.pool == pool; });
  };
  return std::any_of(
             plan.sites.begin(), plan.sites.end(),
             [&](const sim::PlanSite& s) { return needs(s.long_lead) || needs(s.network); }) ||
         std::any_of(plan.lanes.begin(), plan.lanes.end(),
                     [&](const sim::PlanLane& lane) { return needs(lane.per_rack); });
}

// Every single relaxation: the shared ones (factories, contracts, each needed pool) read for
// every site, the site ones for their site.
std::vector<Candidate> single_candidates(const sim::BuildoutPlan& plan) {
  std::vector<SiteIndex> every_site;
  for (SiteIndex site : plan.sites.indices()) every_site.push_back(site);
  std::vector<Candidate> candidates;
  if (!plan.lanes.empty()) {
    candidates.push_back({{{RelaxationKind::Factory}}, every_site});
    candidates.push_back({{{RelaxationKind::Contract}}, every_site});
  }
  for (sim::PoolIndex pool : plan.pools.indices()) {
    if (pool_is_needed(plan, pool)) {
      candidates.push_back({{{RelaxationKind::Supply, {}, pool}}, every_site});
    }
  }
  for (SiteIndex site : plan.sites.indices()) {
    for (RelaxationKind kind :
         {RelaxationKind::Construction, RelaxationKind::InstallCrews,
          RelaxationKind::CommissioningCrews, RelaxationKind::Grid, RelaxationKind::Shipping}) {
      candidates.push_back({{{kind, site}}, {site}});
    }
  }
  return candidates;
}

SiteOutcome outcome_of_site(const sim::SiteResult& site) {
  double gpu_weeks = 0.0;
  for (long long gpus : site.weekly.gpus_online) gpu_weeks += static_cast<double>(gpus);
  return {site.milestones.half_day, site.milestones.full_day, gpu_weeks};
}

// The outcomes of `sites` of a run, in that order.
RunOutcome outcome_of_sites(const sim::BuildoutRun& run, const std::vector<SiteIndex>& sites) {
  RunOutcome outcome;
  outcome.reserve(sites.size());
  for (SiteIndex site : sites) outcome.push_back(outcome_of_site(run.sites[sim::position(site)]));
  return outcome;
}

// Runs 0 .. runs-1 of every candidate's relaxed plan, on one pool of threads, keeping the
// outcomes of the sites the candidate is read for.
std::vector<CandidateOutcomes> run_candidates(const sim::BuildoutPlan& plan,
                                              const std::vector<Candidate>& candidates,
                                              const AttributionOptions& options, int runs) {
  std::vector<sim::BuildoutModel> models;
  models.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    models.emplace_back(
        sim::relaxed(plan, c.relaxations),
        sim::BuildoutOptions{.daily = false, .outcomes_only = true, .outcome_sites = c.sites});
  }
  const int total = static_cast<int>(models.size()) * runs;
  std::vector<RunOutcome> flat = run_replications(total, options.threads, [&](int index) {
    const auto candidate = static_cast<std::size_t>(index / runs);
    // One result per thread, its buffers reused from run to run (BuildoutModel::run).
    thread_local sim::BuildoutRun run;
    models[candidate].run(options.seed, index % runs, run);
    return outcome_of_sites(run, candidates[candidate].sites);
  });
  std::vector<CandidateOutcomes> outcomes(candidates.size());
  for (std::size_t i = 0; i < flat.size(); ++i) {
    outcomes[i / static_cast<std::size_t>(runs)].push_back(std::move(flat[i]));
  }
  return outcomes;
}

// P50 over the runs of a site's milestone day, the site's outcome at `slot` of each run;
// nullopt if not reached within the horizon.
template <class DayOf>
std::optional<double> p50_day(const std::vector<RunOutcome>& runs, std::size_t count,
                              std::size_t slot, DayOf day_of) {
  std::vector<std::optional<double>> days;
  days.reserve(count);
  for (std::size_t run = 0; run < count; ++run) {
    const std::optional<int> day = day_of(runs[run][slot]);
    days.push_back(day ? std::optional<double>(*day) : std::nullopt);
  }
  return milestone_quantile(days, 0.5);
}

// Days earlier between two P50 days, a P50 not reached counting as `never_day`; a lower bound
// when the base P50 is not reached.
struct DaysEarlier {
  double days = 0.0;
  bool lower_bound = false;
};

DaysEarlier days_earlier(const std::optional<double>& base, const std::optional<double>& relaxed,
                         int never_day) {
  const auto never = static_cast<double>(never_day);
  return {base.value_or(never) - relaxed.value_or(never), !base.has_value()};
}

// What `relaxed` gains the site over the first runs of `base`; `slot`: the site's place in the
// relaxed outcomes of a run.
ConstraintGain gain_of(const std::vector<RunOutcome>& base, const CandidateOutcomes& relaxed,
                       SiteIndex site, std::size_t slot, int never_day) {
  const std::size_t runs = relaxed.size();
  const std::size_t base_slot = sim::position(site);
  auto half = [](const SiteOutcome& o) { return o.half_day; };
  auto full = [](const SiteOutcome& o) { return o.full_day; };
  const DaysEarlier to_half = days_earlier(p50_day(base, runs, base_slot, half),
                                           p50_day(relaxed, runs, slot, half), never_day);
  const DaysEarlier to_full = days_earlier(p50_day(base, runs, base_slot, full),
                                           p50_day(relaxed, runs, slot, full), never_day);
  ConstraintGain gain;
  gain.days_earlier_half = to_half.days;
  gain.half_lower_bound = to_half.lower_bound;
  gain.days_earlier_full = to_full.days;
  gain.full_lower_bound = to_full.lower_bound;
  double gained = 0.0;
  for (std::size_t run = 0; run < runs; ++run) {
    gained += relaxed[run][slot].gpu_weeks - base[run][base_slot].gpu_weeks;
  }
  gain.gpu_weeks_gained = gained / static_cast<double>(runs);
  return gain;
}

// The binding view's names of what a relaxation lifts.
std::vector<std::string> binding_names(const sim::BuildoutPlan& plan, const Relaxation& r) {
  switch (r.kind) {
    case RelaxationKind::InstallCrews:
    case RelaxationKind::CommissioningCrews:
      return {"crews"};
    case RelaxationKind::Supply:
      return {"component:" + plan.pools[r.pool].name, "long_lead:" + plan.pools[r.pool].name};
    default:
      return {sim::relaxation_name(plan, r, SiteIndex{})};
  }
}

// Rack-weeks the binding view attributed to what the candidate lifts, each name once.
double held_back_of(const sim::BuildoutPlan& plan, const Candidate& c,
                    const SitePlanSummary& site) {
  std::vector<std::string> names;
  for (const Relaxation& r : c.relaxations) {
    for (std::string& name : binding_names(plan, r)) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  double rack_weeks = 0.0;
  for (const HeldBackSummary& held : site.held_back) {
    if (std::find(names.begin(), names.end(), held.constraint) != names.end()) {
      rack_weeks += held.mean_rack_weeks;
    }
  }
  return rack_weeks;
}

std::string candidate_name(const sim::BuildoutPlan& plan, const Candidate& c, SiteIndex site) {
  std::string name;
  for (const Relaxation& r : c.relaxations) {
    name += (name.empty() ? "" : " + ") + sim::relaxation_name(plan, r, site);
  }
  return name;
}

bool gains_more(const ConstraintGain& a, const ConstraintGain& b) {
  if (a.gpu_weeks_gained != b.gpu_weeks_gained) return a.gpu_weeks_gained > b.gpu_weeks_gained;
  if (a.days_earlier_full != b.days_earlier_full) return a.days_earlier_full > b.days_earlier_full;
  return a.constraint < b.constraint;
}

bool gains_anything(const ConstraintGain& g) {
  return g.gpu_weeks_gained != 0.0 || g.days_earlier_half != 0.0 || g.days_earlier_full != 0.0;
}

// A site's gains from every candidate read for it, with the candidate's index, best first.
struct RankedGain {
  ConstraintGain gain;
  std::size_t candidate = 0;
};

std::vector<RankedGain> rank_site(const sim::BuildoutPlan& plan, const SitePlanSummary& summary,
                                  SiteIndex site, const std::vector<Candidate>& candidates,
                                  const std::vector<CandidateOutcomes>& outcomes,
                                  const std::vector<RunOutcome>& base) {
  std::vector<RankedGain> ranked;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const auto& sites = candidates[c].sites;
    const auto found = std::find(sites.begin(), sites.end(), site);
    if (found == sites.end()) continue;
    const auto slot = static_cast<std::size_t>(found - sites.begin());
    RankedGain r{gain_of(base, outcomes[c], site, slot, plan.days), c};
    r.gain.constraint = candidate_name(plan, candidates[c], site);
    r.gain.held_back_rack_weeks = held_back_of(plan, candidates[c], summary);
    ranked.push_back(std::move(r));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const RankedGain& a, const RankedGain& b) {
    return gains_more(a.gain, b.gain);
  });
  return ranked;
}

// The pair of a site's top two single relaxations, if both gain; shared between sites whose
// top two are the same.
void add_pair(std::vector<Candidate>& pairs, const std::vector<RankedGain>& ranked,
              const std::vector<Candidate>& singles, SiteIndex site) {
  if (ranked.size() < 2 || ranked[1].gain.gpu_weeks_gained <= 0.0) return;
  const Relaxation& first = singles[ranked[0].candidate].relaxations.front();
  const Relaxation& second = singles[ranked[1].candidate].relaxations.front();
  for (Candidate& pair : pairs) {
    const auto& r = pair.relaxations;
    if ((r[0] == first && r[1] == second) || (r[0] == second && r[1] == first)) {
      pair.sites.push_back(site);
      return;
    }
  }
  pairs.push_back({{first, second}, {site}});
}

SiteAttribution site_attribution(const SitePlanSummary& summary,
                                 const std::vector<RankedGain>& ranked) {
  SiteAttribution site;
  site.site = summary.name;
  site.critical_at_end = summary.main_constraint;
  for (const RankedGain& r : ranked) {
    if (r.gain.held_back_rack_weeks > 0.0 || gains_anything(r.gain)) site.gains.push_back(r.gain);
  }
  if (!site.gains.empty() &&
      (site.gains.front().gpu_weeks_gained > 0.0 || site.gains.front().days_earlier_full > 0.0)) {
    site.main_bottleneck = site.gains.front().constraint;
  }
  return site;
}

}  // namespace

RunOutcome outcome_of(const sim::BuildoutRun& run) {
  RunOutcome outcome;
  outcome.reserve(run.sites.size());
  for (const sim::SiteResult& site : run.sites) outcome.push_back(outcome_of_site(site));
  return outcome;
}

Attribution attribute_counterfactually(const sim::BuildoutPlan& plan, const PlanSummary& summary,
                                       const std::vector<RunOutcome>& base,
                                       const AttributionOptions& options) {
  Attribution attribution;
  attribution.base_runs = summary.runs;
  attribution.runs = std::min(options.runs, static_cast<int>(base.size()));
  if (attribution.runs <= 0 || plan.sites.empty()) return attribution;
  const std::vector<Candidate> singles = single_candidates(plan);
  const auto single_outcomes = run_candidates(plan, singles, options, attribution.runs);
  std::vector<std::vector<RankedGain>> ranked;
  std::vector<Candidate> pairs;
  for (SiteIndex site : plan.sites.indices()) {
    const SitePlanSummary& site_summary = summary.sites[sim::position(site)];
    ranked.push_back(rank_site(plan, site_summary, site, singles, single_outcomes, base));
    add_pair(pairs, ranked.back(), singles, site);
  }
  const auto pair_outcomes = run_candidates(plan, pairs, options, attribution.runs);
  for (SiteIndex site : plan.sites.indices()) {
    const SitePlanSummary& site_summary = summary.sites[sim::position(site)];
    SiteAttribution& result =
        attribution.sites.emplace_back(site_attribution(site_summary, ranked[sim::position(site)]));
    for (RankedGain& pair : rank_site(plan, site_summary, site, pairs, pair_outcomes, base)) {
      pair.gain.pair = true;
      result.gains.push_back(std::move(pair.gain));
    }
  }
  return attribution;
}

}  // namespace rackscale::analysis
