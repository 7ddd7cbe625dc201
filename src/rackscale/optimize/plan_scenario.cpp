#include "rackscale/optimize/plan_scenario.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

#include "rackscale/analysis/buildout_montecarlo.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::optimize {
namespace {

namespace u = rackscale::units;

//! The first period the candidate's grid delivers anything, or `periods` if never.
int grid_period(const Candidate& candidate, int periods) {
  for (int p = 0; p < periods; ++p) {
    if (candidate.grid_mw[p] > 0) return p;
  }
  return periods;
}

//! Grid steps of a chosen candidate: each phase's facility power from the later of its ready
//! period and the candidate's grid, capped by the grid's MW.
std::vector<model::GridStep> phase_steps(const BuiltProblem& built, const Candidate& candidate,
                                         const CandidatePlan& chosen) {
  std::vector<model::GridStep> steps;
  const int periods = built.problem.periods;
  const int grid_from = grid_period(candidate, periods);
  const double grid_cap = grid_from < periods ? candidate.grid_mw.back() : 0.0;
  double it_mw = 0.0;
  for (const PhaseStart& phase : chosen.phases) {
    it_mw += candidate.phase_mw;
    const int ready = std::max(phase.period + candidate.build_periods, grid_from);
    const double mw = std::min(it_mw * candidate.facility_mw_per_it_mw, grid_cap);
    if (mw <= 0) continue;
    const Date date = period_start(built, std::min(ready, periods));
    if (!steps.empty() && steps.back().date >= date) {
      steps.back().capacity = std::max(steps.back().capacity, mw * u::MW);
    } else if (steps.empty() || steps.back().capacity < mw * u::MW) {
      steps.push_back({date, mw * u::MW, {}});
    }
  }
  return steps;
}

//! The candidate's bridging blocks the plan orders, each with the MW the plan chose, ordered
//! the plan's order period after the block's own `ordered` date (period 0 of the MILP stands
//! for that date: optimize/problem_builder). No block ordered: no power section.
std::optional<model::SitePower> chosen_bridging(const model::CandidateSite& candidate,
                                                const BuiltProblem& built,
                                                const CandidatePlan& chosen) {
  if (!candidate.site.power) return std::nullopt;
  model::SitePower power;
  const auto& blocks = candidate.site.power->bridging;
  for (std::size_t offer = 0; offer < chosen.bridging_mw.size(); ++offer) {
    if (chosen.bridging_mw[offer] <= 0 || chosen.bridging_period[offer] < 0) continue;
    model::Bridging block = blocks.at(offer);
    block.capacity = chosen.bridging_mw[offer] * u::MW;
    const Date earliest = std::max(block.ordered, built.start);
    block.ordered = earliest.plus_days(
        period_start(built, chosen.bridging_period[offer]).days_since(built.start));
    power.bridging.push_back(block);
  }
  if (power.bridging.empty()) return std::nullopt;
  return power;
}

//! The site of a chosen candidate.
model::Site chosen_site(const model::CandidateSite& candidate, const BuiltProblem& built,
                        const Candidate& problem_candidate, const CandidatePlan& chosen) {
  model::Site site = candidate.site;
  const int placed =
      std::accumulate(chosen.racks_installed.begin(), chosen.racks_installed.end(), 0);
  const int planned = static_cast<int>(chosen.phases.size()) * problem_candidate.racks_per_phase;
  site.target = model::Target{};
  site.target.racks = std::max(1, placed > 0 ? placed : planned);
  int first = chosen.phases.empty() ? 0 : chosen.phases.front().period;
  for (const auto& phase : chosen.phases) first = std::min(first, phase.period);
  site.construction.start = period_start(built, first);
  // The grid's arrival is in the phase steps (at the MILP's quantile), so the interconnection
  // is not drawn again; the bridging the plan orders is, with its lead time.
  site.power = chosen_bridging(candidate, built, chosen);
  site.grid = phase_steps(built, problem_candidate, chosen);
  if (site.grid.empty()) {
    site.grid = {{period_start(built, built.problem.periods), u::MW, {}}};
  }
  site.path = "sites[" + site.name + "]";
  return site;
}

}  // namespace

model::Scenario plan_scenario(const model::Scenario& scenario, const BuiltProblem& built,
                              const Plan& plan) {
  model::Scenario out = scenario;
  out.candidates.clear();
  out.optimize.reset();
  out.sites.clear();
  out.policies.allocation.order.clear();
  for (std::size_t i = 0; i < plan.candidates.size(); ++i) {
    const CandidatePlan& chosen = plan.candidates[i];
    if (!chosen.chosen || chosen.phases.empty()) continue;
    out.sites.push_back(
        chosen_site(scenario.candidates[i], built, built.problem.candidates[i], chosen));
  }
  return out;
}

PlanCheck check_plan(const model::Scenario& scenario, const model::Catalog& catalog,
                     const BuiltProblem& built, const Plan& plan, int runs, std::uint64_t seed,
                     int threads) {
  const model::Scenario sites = plan_scenario(scenario, built, plan);
  PlanCheck check;
  if (sites.sites.empty()) return check;
  const std::vector<design::SiteDesign> designs = design::design_sites(sites, catalog);
  sim::BuildoutModel model({&sites, &catalog, &designs});
  analysis::ReplicationOptions options;
  options.runs = runs;
  options.threads = threads;
  check.summary =
      analysis::run_buildout_montecarlo(model, seed, options, sites.start, sites.contracts, 0)
          .summary;
  return check;
}

double risk_value(const PlanCheck& check, model::RiskMeasure measure) {
  return measure == model::RiskMeasure::P10 ? check.gpu_weeks_p10() : check.gpu_weeks_p50();
}

}  // namespace rackscale::optimize
