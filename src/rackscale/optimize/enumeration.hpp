#pragma once
//! An exhaustive method for small siting problems, independent of the MILP, to check it
//! (docs/models/optimize.md, "Enumeration"): every start pattern of every candidate's phases,
//! and for each combination the best rack allocation as a min-cost flow over time.

#include "rackscale/optimize/problem.hpp"

namespace rackscale::optimize {

//! Most candidates `enumerate` accepts.
inline constexpr int kMaxEnumeratedCandidates = 8;

//! The best plan of `problem` by enumeration: status Optimal, or Infeasible when no combination
//! meets every constraint. Throws rackscale::Error beyond its scope: more than
//! kMaxEnumeratedCandidates candidates, bridging offers, or carbon and water caps (side
//! constraints the flow does not carry).
Plan enumerate(const Problem& problem);

}  // namespace rackscale::optimize
