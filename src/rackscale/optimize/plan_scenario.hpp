#pragma once
//! A solved plan as a scenario the build-out Monte Carlo runs (docs/optimize.md, "How a plan
//! becomes sites"): one site per chosen candidate, its target the racks the plan places there,
//! its construction starting with the first phase; each phase's facility power arrives as a
//! grid step when the phase is ready (and not before the candidate's grid), so later phases
//! cap the racks online as the plan has them.

#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/optimize/problem.hpp"
#include "rackscale/optimize/problem_builder.hpp"

namespace rackscale::optimize {

//! The scenario of `plan`: the scenario's factories, contracts and policies, and a site per
//! chosen candidate (candidates and optimize settings dropped).
model::Scenario plan_scenario(const model::Scenario& scenario, const BuiltProblem& built,
                              const Plan& plan);

//! The Monte Carlo of one plan: the build-out summary of its scenario.
struct PlanCheck {
  analysis::PlanSummary summary;
  //! P10 and P50 of the runs' GPU-weeks online over the horizon (PlanSummary::gpu_weeks; 0 for
  //! a plan that builds nothing) [GPU-weeks]
  double gpu_weeks_p10() const { return summary.gpu_weeks.p10; }
  double gpu_weeks_p50() const { return summary.gpu_weeks.p50; }
};

//! Runs the build-out Monte Carlo of `plan` with `runs` runs and `seed` (common random numbers:
//! run r of every plan draws from (seed, r)); the same bytes for any `threads`.
PlanCheck check_plan(const model::Scenario& scenario, const model::Catalog& catalog,
                     const BuiltProblem& built, const Plan& plan, int runs, std::uint64_t seed,
                     int threads);

//! The check's value on `measure` (GPU-weeks at P50 or P10); higher is better.
double risk_value(const PlanCheck& check, model::RiskMeasure measure);

}  // namespace rackscale::optimize
