#pragma once
//! Two simple siting rules to compare the optimizer with (docs/models/optimize.md, "Simple
//! rules"): rank the candidates, develop them in that order, every phase as early as the budget
//! and the construction limit allow, until the phases started can hold every rack the factories
//! deliver; racks go each period to the ready candidates in rank order.

#include <vector>

#include "rackscale/optimize/problem.hpp"

namespace rackscale::optimize {

//! How a simple rule ranks the candidates.
enum class SimpleRule {
  CheapestPowerFirst,  //!< lowest grid tariff first
  EarliestGridFirst,   //!< first period with grid MW first
};

//! The plan a simple rule makes, with its objective computed as the MILP's (status Optimal;
//! Infeasible for LeastCost when the rule misses the target).
Plan simple_rule_plan(const Problem& problem, SimpleRule rule);

//! The objective of a plan by the MILP's own objective (docs/models/optimize.md), with the
//! plan's phase starts and racks; a plan without bridging is read as ordering none.
double plan_objective(const Problem& problem, const Plan& plan);

//! Racks online at the end of each period over every candidate of a plan.
std::vector<int> racks_online(const Problem& problem, const Plan& plan);

}  // namespace rackscale::optimize
