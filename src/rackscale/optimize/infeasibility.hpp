#pragma once
//! Why a siting problem has no plan, in planner units (docs/models/optimize.md,
//! "Infeasibility"): the problem is solved again with one family of constraints elastic (a slack
//! per row, the slacks' sum minimized), and the slack that restores a plan IS the shortfall.

#include <functional>
#include <string>
#include <vector>

#include "rackscale/optimize/milp.hpp"
#include "rackscale/optimize/milp_model.hpp"
#include "rackscale/optimize/problem.hpp"

namespace rackscale::optimize {

//! One constraint that gives way, and by how much.
struct Shortfall {
  RowFamily constraint = RowFamily::None;
  int candidate = -1;   //!< index into Problem::candidates; -1: not about one candidate
  int period = -1;      //!< period of the row (for a budget: its year); -1: the horizon
  double amount = 0.0;  //!< in `unit`
  std::string unit;     //!< "racks", "MUSD", "MW", "phases", "t", "m^3"
};

//! The diagnosis of an infeasible problem.
struct InfeasibilityReport {
  bool infeasible = false;
  int target_racks = 0;     //!< LeastCost: racks wanted online by the target period
  int racks_reachable = 0;  //!< LeastCost: most racks online by then with every constraint kept
  //! For each family of constraints that alone can be relaxed to reach the target: its rows'
  //! shortfalls (each family's own smallest total), in RowFamily order.
  std::vector<std::vector<Shortfall>> remedies;
  std::string message;  //!< the whole diagnosis for people, one remedy a line
};

//! Labels of periods and budget years in messages (optcli passes dates; default "period 12").
struct InfeasibilityOptions {
  SolveOptions solve;
  std::function<std::string(int period)> period_label;
  std::function<std::string(int year)> year_label;
};

//! Explains why `problem` has no plan; `infeasible` is false when it has one.
InfeasibilityReport explain_infeasibility(const Problem& problem, const InfeasibilityOptions& options = {});

//! One line on a solve stopped at the time limit: the gap reached, or that no plan was found.
std::string time_limit_message(const Plan& plan, const SolveOptions& options);

}  // namespace rackscale::optimize
