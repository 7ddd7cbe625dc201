#pragma once
//! A scenario's `candidates:` and `optimize:` as the optimizer's Problem (docs/optimize.md):
//! periods of `optimize.period`, racks by period from the factories' ramps and the contracts,
//! each candidate's phases, build time at `duration_quantile`, grid MW by period, phase capex
//! from the design of the candidate at its max IT power, energy price, carbon and water.

#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/optimize/problem.hpp"

namespace rackscale::optimize {

//! The problem and what was designed to build it.
struct BuiltProblem {
  Problem problem;
  model::OptimizeSettings settings;  //!< the scenario's, or the defaults
  Date start;                        //!< day 0 of period 0
  //! Each candidate designed at its max IT power (capex, PUE and water per MW), in
  //! Problem::candidates order.
  std::vector<design::SiteDesign> designs;
};

//! The site of a candidate, designed at its max IT power (target = max_it_power, one grid step
//! of the facility power it needs at the scenario start).
model::Site design_basis(const model::CandidateSite& candidate);

//! A candidate designed at its max IT power (design_basis, construction from the scenario start):
//! its capex, PUE and water per MW. Study::check designs every candidate with it once.
design::SiteDesign design_candidate(const model::CandidateSite& candidate,
                                    const model::Scenario& scenario, const model::Catalog& catalog);

//! Builds the problem of a scenario with at least one candidate (all of one rack system, as the
//! loader checks) from the candidates' designs (design_candidate, in scenario order).
BuiltProblem build_problem(const model::Scenario& scenario, const model::Catalog& catalog,
                           std::vector<design::SiteDesign> designs);

//! The same, designing the candidates here.
BuiltProblem build_problem(const model::Scenario& scenario, const model::Catalog& catalog);

//! The first day of period `p`.
Date period_start(const BuiltProblem& built, int p);

}  // namespace rackscale::optimize
