#include "rackscale/optimize/optimize_run.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rackscale/core/error.hpp"
#include "rackscale/optimize/infeasibility.hpp"
#include "rackscale/optimize/milp.hpp"
#include "rackscale/optimize/simple_rules.hpp"

namespace rackscale::optimize {
namespace {

namespace u = rackscale::units;

SolveOptions solve_options(const BuiltProblem& built, const OptimizeRunOptions& options) {
  SolveOptions solve;
  solve.time_limit_seconds =
      options.time_limit_seconds.value_or(built.settings.time_limit.in(u::second));
  solve.node_limit = options.node_limit.value_or(built.settings.node_limit);
  return solve;
}

CheckedPlan checked(std::string label, Plan plan, const model::Scenario& scenario,
                    const model::Catalog& catalog, const BuiltProblem& built,
                    const OptimizeRunOptions& options) {
  CheckedPlan out{std::move(label), std::move(plan), {}};
  out.check =
      check_plan(scenario, catalog, built, out.plan, options.runs, options.seed, options.threads);
  return out;
}

//! The index of the best plan on the risk measure; ties go to the better MILP objective (the
//! earlier plan).
int best_on_risk(const std::vector<CheckedPlan>& plans, model::RiskMeasure measure) {
  int best = 0;
  for (int i = 1; i < static_cast<int>(plans.size()); ++i) {
    if (risk_value(plans[i].check, measure) > risk_value(plans[best].check, measure)) best = i;
  }
  return best;
}

//! One paragraph per plan the solver cut off at a limit ("Plan 2: ..."); empty when none was.
std::string limit_notes(const std::vector<Plan>& plans, const SolveOptions& solve) {
  std::string notes;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const std::string message = time_limit_message(plans[i], solve);
    if (message.empty()) continue;
    if (!notes.empty()) notes += "\n\n";
    notes += plans.size() == 1 ? message : fmt::format("Plan {}: {}", i + 1, message);
  }
  return notes;
}

//! What to say when the solver stopped without a plan and without proving there is none.
std::string no_plan_within_limits(const SolveOptions& solve) {
  const std::string nodes =
      solve.node_limit > 0 ? fmt::format(", {} nodes", solve.node_limit) : std::string();
  return fmt::format(
      "the solver found no plan within its limits ({:g} s{}) and did not prove that none "
      "exists; raise them with --time-limit or --node-limit",
      solve.time_limit_seconds, nodes);
}

//! The infeasibility diagnosis with periods as dates.
std::string explain(const BuiltProblem& built, const SolveOptions& solve) {
  InfeasibilityOptions options;
  options.solve = solve;
  options.period_label = [&built](int period) {
    return "the period from " + period_start(built, period).to_string();
  };
  options.year_label = [&built](int year) {
    return std::to_string(std::stoi(built.start.to_string().substr(0, 4)) + year);
  };
  return explain_infeasibility(built.problem, options).message;
}

}  // namespace

OptimizeResult run_optimize(const model::Scenario& scenario, const model::Catalog& catalog,
                            std::vector<design::SiteDesign> candidate_designs,
                            const OptimizeRunOptions& options) {
  OptimizeResult result;
  result.built = build_problem(scenario, catalog, std::move(candidate_designs));
  result.runs = options.runs;
  result.seed = options.seed;
  const Problem& problem = result.built.problem;
  const SolveOptions solve = solve_options(result.built, options);
  const int count = options.top_plans.value_or(result.built.settings.top_plans);
  std::vector<Plan> plans = top_plans(problem, count, solve);
  if (plans.empty() || plans.front().status == SolveStatus::Infeasible) {
    // The diagnosis solves again; when that solve finds a plan the first one was cut short by
    // its limits before it proved anything (a loaded machine), so say that.
    const std::string why = explain(result.built, solve);
    throw InfeasibleError(!why.empty() ? why : no_plan_within_limits(solve));
  }
  if (plans.front().status == SolveStatus::NoPlan) {
    const std::string message = time_limit_message(plans.front(), solve);
    throw InfeasibleError(!message.empty() ? message : no_plan_within_limits(solve));
  }
  result.solver_note = limit_notes(plans, solve);
  for (std::size_t i = 0; i < plans.size(); ++i) {
    result.plans.push_back(checked(fmt::format("plan {}", i + 1), std::move(plans[i]), scenario,
                                   catalog, result.built, options));
  }
  result.recommended = best_on_risk(result.plans, result.built.settings.risk_measure);
  result.rules.push_back(checked("cheapest power first",
                                 simple_rule_plan(problem, SimpleRule::CheapestPowerFirst),
                                 scenario, catalog, result.built, options));
  result.rules.push_back(checked("earliest grid first",
                                 simple_rule_plan(problem, SimpleRule::EarliestGridFirst), scenario,
                                 catalog, result.built, options));
  return result;
}

}  // namespace rackscale::optimize
