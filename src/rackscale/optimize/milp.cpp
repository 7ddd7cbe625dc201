#include "rackscale/optimize/milp.hpp"

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "rackscale/optimize/coarse_start.hpp"
#include "rackscale/optimize/simple_rules.hpp"

namespace rackscale::optimize {

namespace {

int no_callback(CbcModel* /*model*/, int /*where_from*/) {
  return 0;
}

//! The gap between a plan's objective and a bound relative to the larger of the two, as CBC's
//! ratio gap: (bound - plan) / bound when maximizing.
double relative_gap(double objective, double bound) {
  return std::abs(bound - objective) / std::max({1e-9, std::abs(objective), std::abs(bound)});
}

void load_program(const LinearProgram& program, OsiClpSolverInterface& solver) {
  CoinPackedMatrix matrix(false, program.element_row.data(), program.element_column.data(),
                          program.element_value.data(),
                          static_cast<CoinBigIndex>(program.element_value.size()));
  matrix.setDimensions(program.rows(), program.columns());
  const double infinity = solver.getInfinity();
  auto finite = [infinity](std::vector<double> bounds) {
    for (double& bound : bounds) bound = std::clamp(bound, -infinity, infinity);
    return bounds;
  };
  solver.loadProblem(matrix, finite(program.column_lower).data(),
                     finite(program.column_upper).data(), program.cost.data(),
                     finite(program.row_lower).data(), finite(program.row_upper).data());
  for (int column = 0; column < program.columns(); ++column) {
    if (program.is_integer[column] != 0) solver.setInteger(column);
  }
  solver.setObjSense(program.maximize ? -1.0 : 1.0);
  solver.messageHandler()->setLogLevel(0);
}

//! CBC's own default node limit (COIN_INT_MAX): no limit.
constexpr int kNoNodeLimit = std::numeric_limits<int>::max();

//! CBC's standard driver (preprocessing, cuts, heuristics) with our settings as its arguments.
std::vector<std::string> cbc_arguments(const SolveOptions& options, bool with_start) {
  // threads > 100 is CBC's deterministic parallel mode with (threads - 100) threads.
  const int threads = options.threads > 1 ? 100 + options.threads : 0;
  // With a start, no preprocessing: CBC 2.10.8's CglPreProcess::postProcess crashed
  // (SIGSEGV) on the benchmark's weekly model given an incumbent and stopped by its time limit.
  std::vector<std::string> arguments = {
      "rackscale",
      "-log",
      options.log ? "1" : "0",
      "-seconds",
      std::to_string(options.time_limit_seconds),
      "-ratioGap",
      std::to_string(options.relative_gap),
      "-threads",
      std::to_string(threads),
      "-randomCbcSeed",
      std::to_string(options.seed),
      "-randomSeed",
      std::to_string(options.seed),
      "-timeMode",
      "elapsed",
      "-maxNodes",
      std::to_string(options.node_limit > 0 ? options.node_limit : kNoNodeLimit),
      "-solve",
      "-quit"};
  if (with_start) arguments.insert(arguments.begin() + 1, {"-preprocess", "off"});
  if (!options.heuristics) arguments.insert(arguments.begin() + 1, {"-heuristicsOnOff", "off"});
  return arguments;
}

SolveStatus status_of(const CbcModel& model) {
  if (model.isProvenOptimal()) return SolveStatus::Optimal;
  if (model.bestSolution() != nullptr) return SolveStatus::TimeLimit;
  const bool stopped = model.isSecondsLimitReached() || model.isNodeLimitReached();
  if (model.isProvenInfeasible() || !stopped) return SolveStatus::Infeasible;
  return SolveStatus::NoPlan;
}

//! A whole value (racks, binaries): rounded, or down when fractional racks are allowed.
int value_at(const std::vector<double>& values, int column) {
  return static_cast<int>(std::floor(values[column] + 1e-6));
}

CandidatePlan candidate_plan(const Problem& problem, const CandidateColumns& columns,
                             const std::vector<double>& values) {
  CandidatePlan plan;
  // Phase k of a group starts in the first period by which more than k of its phases started.
  for (std::size_t group = 0; group < columns.started.size(); ++group) {
    const auto& started = columns.started[group];
    for (int count = 1; count <= value_at(values, started.back()); ++count) {
      const auto first = std::find_if(started.begin(), started.end(), [&](int column) {
        return value_at(values, column) >= count;
      });
      plan.phases.push_back({group == 0 ? 0 : count,
                             columns.first_start + static_cast<int>(first - started.begin())});
    }
  }
  plan.chosen = !plan.phases.empty();
  int online_before = 0;
  for (int period = 0; period < problem.periods; ++period) {
    const int online = value_at(values, columns.online[period]);
    plan.racks_installed.push_back(online - online_before);
    online_before = online;
  }
  for (const auto& ordered : columns.bridging_ordered) {
    const auto first = std::find_if(ordered.begin(), ordered.end(),
                                    [&](int column) { return values[column] > 1e-6; });
    plan.bridging_mw.push_back(values[ordered.back()]);
    plan.bridging_period.push_back(
        first == ordered.end() ? -1 : static_cast<int>(first - ordered.begin()));
    std::vector<double>& schedule = plan.bridging_ordered_mw.emplace_back();
    for (int column : ordered) schedule.push_back(values[column]);
  }
  return plan;
}

}  // namespace

Plan plan_from_solution(const Problem& problem, const MilpModel& model,
                        const MilpSolution& solution) {
  Plan plan;
  plan.status = solution.status;
  plan.bound = solution.bound;
  plan.gap = solution.gap;
  plan.optimal = solution.status == SolveStatus::Optimal;
  plan.node_limit_reached = solution.node_limit_reached;
  if (solution.values.empty()) return plan;
  for (std::size_t index = 0; index < model.candidates.size(); ++index) {
    plan.candidates.push_back(candidate_plan(problem, model.candidates[index], solution.values));
  }
  for (int column = 0; column < model.program.columns(); ++column) {
    plan.objective += model.reported_cost[column] * solution.values[column];
  }
  return plan;
}

namespace {

//! Leaves out at least one of the candidates `plan` develops.
bool add_no_good_cut(MilpModel& model, const Plan& plan) {
  std::vector<Term> terms;
  for (std::size_t index = 0; index < plan.candidates.size(); ++index) {
    if (!plan.candidates[index].chosen) continue;
    const CandidateColumns& columns = model.candidates[index];
    terms.push_back({started_column(columns, 0, columns.last_start), 1.0});
  }
  if (terms.empty()) return false;  // the empty plan: every other plan develops a candidate
  const double most = static_cast<double>(terms.size()) - 1.0;
  model.program.add_row(-std::numeric_limits<double>::infinity(), most, std::move(terms));
  return true;
}

//! When CBC stops at the time limit before any plan: the better simple rule's plan, with CBC's
//! bound and the gap to it (status TimeLimit), or no plan when neither rule meets every row.
Plan best_rule_plan(const Problem& problem, double bound) {
  Plan best;
  best.status = SolveStatus::NoPlan;
  const bool maximize = problem.objective.kind != ObjectiveKind::LeastCost;
  for (SimpleRule rule : {SimpleRule::CheapestPowerFirst, SimpleRule::EarliestGridFirst}) {
    Plan plan = simple_rule_plan(problem, rule);
    if (plan.status != SolveStatus::Optimal) continue;
    if (best.status == SolveStatus::NoPlan ||
        (maximize ? plan.objective > best.objective : plan.objective < best.objective)) {
      best = std::move(plan);
      best.status = SolveStatus::TimeLimit;
    }
  }
  if (best.status == SolveStatus::NoPlan) return best;
  best.bound = std::isfinite(bound) && std::abs(bound) < 1e50 ? bound : best.objective;
  best.gap = relative_gap(best.objective, best.bound);
  best.optimal = false;
  return best;
}

//! No start: CBC finds its own first plan.
const std::vector<double> kNoStart;

//! Of the gap asked for, the share the racks-continuous solve must reach before its racks are
//! rounded down: the rest is left for the racks rounding drops (docs/models/optimize.md, "Whole
//! racks from the continuous plan").
constexpr double kContinuousGapShare = 0.95;

//! Whether the whole-racks solve starts from the problem with racks continuous: with the
//! GPU-weeks objective only. There a plan with racks rounded down loses a fraction of a
//! rack-period, while under least cost or NPV it keeps capex whose racks it dropped (on the NPV
//! enumeration test's seeds 202, 216 and 217 CBC then ended, "optimal", on the start, below the
//! empty plan).
bool from_continuous_racks(const Problem& problem, const SolveOptions& options) {
  return options.coarse_start && options.whole_racks &&
         problem.objective.kind == ObjectiveKind::GpuWeeks;
}

//! The options of the solve from a start: the time limit less the time spent since `began`
//! (at least 1% of it); after a coarse-to-fine start also CBC's heuristics off (that start is
//! better than they find in the time left, which goes to the root cuts instead: they lower the
//! bound; docs/models/optimize.md, "Coarse-to-fine start").
double seconds_since(std::chrono::steady_clock::time_point began) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
}

SolveOptions remaining(const Problem& problem, const SolveOptions& options,
                       std::chrono::steady_clock::time_point began) {
  const double spent = seconds_since(began);
  SolveOptions rest = options;
  rest.heuristics = options.heuristics && coarse_factor(problem) <= 1;
  rest.time_limit_seconds =
      std::max(0.01 * options.time_limit_seconds, options.time_limit_seconds - spent);
  return rest;
}

//! Whether `value` is better than `than` on the objective of `program`.
bool better(const LinearProgram& program, double value, double than) {
  return program.maximize ? value > than : value < than;
}

//! `solution` with its values replaced by `values` when they score better on the objective (or
//! it has none), its bound by `bound` when tighter, and its gap and status for them.
MilpSolution better_of(const LinearProgram& program, MilpSolution solution,
                       const std::vector<double>& values, double bound,
                       const SolveOptions& options) {
  if (!values.empty()) {
    const double objective = program.objective(values);
    if (solution.values.empty() || better(program, objective, solution.objective)) {
      solution.values = values;
      solution.objective = objective;
    }
  }
  // A bound better than another is the looser one; no bound: NaN or CBC's infinity (1e50).
  if (std::abs(bound) < 1e50 && better(program, solution.bound, bound)) solution.bound = bound;
  if (solution.values.empty()) return solution;
  solution.gap = relative_gap(solution.objective, solution.bound);
  if (solution.gap <= options.relative_gap) {
    solution.status = SolveStatus::Optimal;
  } else if (solution.status != SolveStatus::Optimal) {  // a plan, not proven within the gap
    solution.status = SolveStatus::TimeLimit;
  }
  return solution;
}

//! Hands `start` to CBC as its first incumbent (checked against every row by CBC).
void set_start(const LinearProgram& program, const std::vector<double>& start, bool log,
               CbcModel& model) {
  const double objective = program.objective(start);
  const double sense = program.maximize ? -1.0 : 1.0;  // CBC minimizes
  if (!log) {  // its check solves the LP with Clp, and reports the saved solution
    auto* clp = dynamic_cast<OsiClpSolverInterface*>(model.solver());
    if (clp != nullptr) clp->getModelPtr()->setLogLevel(0);
    model.solver()->messageHandler()->setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
  }
  model.setBestSolution(start.data(), program.columns(), sense * objective, true);
}

}  // namespace

MilpSize milp_size(const Problem& problem, const SolveOptions& options) {
  const MilpModel model = build_model(problem, {RowFamily::None, options.whole_racks});
  return {model.program.rows(), model.program.columns(), model.program.integers(),
          static_cast<int>(model.program.element_value.size())};
}

MilpSolution run_cbc(const LinearProgram& program, const SolveOptions& options,
                     const std::vector<double>& start) {
  OsiClpSolverInterface solver;
  load_program(program, solver);
  CbcModel model(solver);
  CbcSolverUsefulData data;
  data.noPrinting_ = !options.log;
  CbcMain0(model, data);
  if (!start.empty()) set_start(program, start, options.log, model);
  const std::vector<std::string> arguments = cbc_arguments(options, !start.empty());
  std::vector<const char*> argv;
  for (const std::string& argument : arguments) argv.push_back(argument.c_str());
  CbcMain1(static_cast<int>(argv.size()), argv.data(), model, no_callback, data);
  MilpSolution solution;
  solution.status = status_of(model);
  solution.node_limit_reached = model.isNodeLimitReached();
  solution.bound = model.getBestPossibleObjValue();
  if (model.bestSolution() == nullptr) return solution;
  solution.values.assign(model.bestSolution(), model.bestSolution() + program.columns());
  solution.objective = model.getObjValue();
  // CBC's bound is never below its plan (it is the better of its bound and its plan): a proven
  // gap keeps the bound it was proven with, the whole tree searched gives the plan's objective.
  solution.bound = model.getBestPossibleObjValue();
  solution.gap = relative_gap(solution.objective, solution.bound);
  return solution;
}

MilpSolution run_clp(const LinearProgram& program) {
  OsiClpSolverInterface solver;
  load_program(program, solver);
  solver.initialSolve();
  MilpSolution solution;
  if (!solver.isProvenOptimal()) {
    solution.status = SolveStatus::Infeasible;
    return solution;
  }
  solution.values.assign(solver.getColSolution(), solver.getColSolution() + program.columns());
  solution.objective = solver.getObjValue();
  solution.bound = solution.objective;
  return solution;
}

namespace {

//! `model` with racks online continuous: the same columns, rows (no-good cuts included) and
//! objective, a relaxation of it.
MilpModel with_continuous_racks(MilpModel model) {
  for (const CandidateColumns& columns : model.candidates) {
    for (int column : columns.online) model.program.is_integer[column] = 0;
  }
  return model;
}

MilpSolution solve_model(const Problem& problem, const MilpModel& model,
                         const SolveOptions& options, std::chrono::steady_clock::time_point began);

//! The whole-racks solve from the problem with racks continuous (docs/models/optimize.md, "Whole
//! racks from the continuous plan"): that model, a relaxation with the same columns and
//! objective, is solved first to a share of the gap asked for; its plan with racks rounded down
//! (or a simple rule's plan if better) is a plan of `model` and its bound a bound of it. When
//! that plan is within the gap of the bound it is the answer; else, while time is left, CBC runs
//! on `model` from it, and the better plan and the tighter bound are reported.
MilpSolution solve_from_continuous_racks(const Problem& problem, const MilpModel& model,
                                         const SolveOptions& options,
                                         std::chrono::steady_clock::time_point began) {
  SolveOptions continuous = options;
  continuous.whole_racks = false;
  continuous.relative_gap = kContinuousGapShare * options.relative_gap;
  const MilpModel relaxed = with_continuous_racks(model);
  const MilpSolution relaxation = solve_model(problem, relaxed, continuous, began);
  // No bound when CBC proved the relaxation infeasible (a problem with the empty plan is not).
  const double bound = relaxation.status == SolveStatus::Infeasible
                           ? std::numeric_limits<double>::quiet_NaN()
                           : relaxation.bound;
  const std::vector<double> start = whole_racks_start(problem, model, relaxation.values);
  MilpSolution rounded;
  rounded.status = SolveStatus::NoPlan;
  rounded.node_limit_reached = relaxation.node_limit_reached;
  rounded.bound = bound;
  rounded = better_of(model.program, std::move(rounded), start, bound, options);
  // Within the gap, or no time left for the whole-racks model (its root alone takes seconds on
  // the weekly benchmark model): that plan.
  const bool time_left = seconds_since(began) < options.time_limit_seconds;
  if (rounded.status == SolveStatus::Optimal || (!rounded.values.empty() && !time_left))
    return rounded;
  MilpSolution whole = run_cbc(model.program, remaining(problem, options, began), start);
  whole.node_limit_reached = whole.node_limit_reached || relaxation.node_limit_reached;
  if (whole.status == SolveStatus::Infeasible && rounded.values.empty()) return whole;
  return better_of(model.program, std::move(whole), rounded.values, bound, options);
}

//! A solve of `model` (the MILP of `problem`, cuts included): from its racks-continuous
//! relaxation (whole racks, GPU-weeks), else from a coarse-to-fine start (many periods), else CBC
//! on its own; the time limit counts from `began`.
MilpSolution solve_model(const Problem& problem, const MilpModel& model,
                         const SolveOptions& options, std::chrono::steady_clock::time_point began) {
  if (from_continuous_racks(problem, options))
    return solve_from_continuous_racks(problem, model, options, began);
  const std::vector<double> start = options.coarse_start && coarse_factor(problem) > 1
                                        ? coarse_start(problem, model, options)
                                        : kNoStart;
  return run_cbc(model.program, start.empty() ? options : remaining(problem, options, began),
                 start);
}

}  // namespace

Plan solve(const Problem& problem, const SolveOptions& options) {
  const auto began = std::chrono::steady_clock::now();
  const MilpModel model = build_model(problem, {RowFamily::None, options.whole_racks});
  const MilpSolution solution = solve_model(problem, model, options, began);
  if (solution.status == SolveStatus::NoPlan) {
    Plan plan = best_rule_plan(problem, solution.bound);
    plan.node_limit_reached = solution.node_limit_reached;
    return plan;
  }
  return plan_from_solution(problem, model, solution);
}

std::vector<Plan> top_plans(const Problem& problem, int count, const SolveOptions& options) {
  MilpModel model = build_model(problem, {RowFamily::None, options.whole_racks});
  std::vector<Plan> plans;
  while (static_cast<int>(plans.size()) < count) {
    // Each plan as `solve` finds the first, on the model with the cuts so far, in its own limit.
    const auto began = std::chrono::steady_clock::now();
    Plan plan = plan_from_solution(problem, model, solve_model(problem, model, options, began));
    if (plan.candidates.empty()) break;  // no further plan (or none found in time)
    plans.push_back(std::move(plan));
    if (!add_no_good_cut(model, plans.back())) break;
  }
  return plans;
}

}  // namespace rackscale::optimize
