#pragma once
//! `rackscale optimize` as a library call (docs/optimize.md): build the problem, solve the top
//! K distinct plans, check each with the build-out Monte Carlo on common random numbers, and
//! recommend the best on the risk measure; the two simple rules are checked the same way.

#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/optimize/plan_scenario.hpp"
#include "rackscale/optimize/problem_builder.hpp"

namespace rackscale::optimize {

//! No plan meets the constraints: the message names the binding constraint and its shortfall.
class InfeasibleError : public Error {
 public:
  using Error::Error;
};

//! How the run goes (command-line choices over the scenario's).
struct OptimizeRunOptions {
  int runs = 200;                            //!< Monte Carlo runs per plan
  std::uint64_t seed = 42;                   //!< the same for every plan (common random numbers)
  int threads = 0;                           //!< 0: all cores
  std::optional<double> time_limit_seconds;  //!< over optimize.time_limit
  std::optional<int> node_limit;             //!< over optimize.node_limit
  std::optional<int> top_plans;              //!< over optimize.top_plans
};

//! A plan with its Monte Carlo check.
struct CheckedPlan {
  std::string label;  //!< "plan 1", "cheapest power first", ...
  Plan plan;
  PlanCheck check;
};

//! What `rackscale optimize` found.
struct OptimizeResult {
  BuiltProblem built;
  std::vector<CheckedPlan> plans;  //!< the MILP's top plans, best objective first
  int recommended = 0;             //!< index in `plans` of the best on the risk measure
  std::vector<CheckedPlan> rules;  //!< cheapest power first, earliest grid first
  int runs = 0;
  std::uint64_t seed = 0;
  std::string solver_note;  //!< per plan the solver cut off at a limit, the gap reached
};

//! Runs the optimization on the candidates' designs (design_candidate, in scenario order; e.g.
//! Study::candidate_designs). Throws InfeasibleError (naming the binding constraint and its
//! shortfall) when no plan meets the constraints.
OptimizeResult run_optimize(const model::Scenario& scenario, const model::Catalog& catalog,
                            std::vector<design::SiteDesign> candidate_designs,
                            const OptimizeRunOptions& options);

}  // namespace rackscale::optimize
