#pragma once
//! The siting MILP solved with COIN-OR CBC (docs/models/optimize.md): which candidates to
//! develop, when each phase starts, bridging MW, and racks installed per candidate and period.

#include <vector>

#include "rackscale/optimize/milp_model.hpp"
#include "rackscale/optimize/problem.hpp"

namespace rackscale::optimize {

//! Settings of a CBC solve.
struct SolveOptions {
  double time_limit_seconds = 60.0;  //!< wall-clock limit of one solve [s]
  int node_limit = 0;          //!< branch-and-bound nodes of one solve; 0: no limit (deterministic)
  double relative_gap = 1e-4;  //!< stop when |best - bound| <= gap x max(|best|, |bound|)
  int threads = 1;             //!< >1: CBC's deterministic parallel mode (same result)
  int seed = 1;                //!< CBC's and Clp's random seeds (fixed: same result every run)
  bool log = false;            //!< CBC's own log to stdout
  //! Racks online as integers (exact); false: continuous, for large instances, where a
  //! fraction of a rack per candidate and period is below the gap asked for. Plans then round
  //! racks online down.
  bool whole_racks = true;
  //! A problem of more than kCoarsePeriods periods starts CBC from a plan of the problem in
  //! longer periods (optimize/coarse_start.hpp); false: CBC starts on its own.
  bool coarse_start = true;
  //! CBC's primal heuristics (feasibility pump, diving, RINS...); false: off
  bool heuristics = true;
};

//! Size of the MILP of a problem.
struct MilpSize {
  int rows = 0;
  int columns = 0;
  int integers = 0;  //!< of the columns, those integer (phase starts and racks online)
  int nonzeros = 0;
};

//! The MILP's size, built without solving.
MilpSize milp_size(const Problem& problem, const SolveOptions& options = {});

//! A solved model's column values and the solver's state.
struct MilpSolution {
  std::vector<double> values;  //!< per column; empty when no solution was found
  double objective = 0.0;      //!< CBC's objective (with the GPU-weeks tie-break)
  double bound = 0.0;          //!< CBC's best bound, same sense
  double gap = 0.0;            //!< |bound - objective| / the larger of the two (CBC's ratio gap)
  SolveStatus status = SolveStatus::Optimal;
  bool node_limit_reached = false;  //!< stopped by SolveOptions::node_limit, not the clock
};

//! Solves a linear program with CBC, from the column values `start` when given (a plan that
//! meets every row: CBC's first incumbent).
MilpSolution run_cbc(const LinearProgram& program, const SolveOptions& options,
                     const std::vector<double>& start = {});

//! The linear relaxation of `program` solved with Clp (every column continuous; no values when
//! it has no optimum).
MilpSolution run_clp(const LinearProgram& program);

//! The plan that a solution of the model of `problem` describes (whole racks rounded down).
Plan plan_from_solution(const Problem& problem, const MilpModel& model,
                        const MilpSolution& solution);

//! The best plan of `problem` (status Infeasible or NoPlan: no plan, see optimize/infeasibility).
Plan solve(const Problem& problem, const SolveOptions& options = {});

//! Up to `count` plans, best first, each developing a set of candidates that leaves out at least
//! one candidate of every earlier plan (a no-good cut on the chosen-candidate set: runner-ups
//! are alternatives to a site, not the same sites with one phase moved). Fewer when no
//! further plan exists.
std::vector<Plan> top_plans(const Problem& problem, int count, const SolveOptions& options = {});

}  // namespace rackscale::optimize
