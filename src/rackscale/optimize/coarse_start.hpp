#pragma once
//! A start for the MILP of a problem with many periods (docs/optimize.md, "Coarse-to-fine
//! start"): the problem with its periods merged into fewer, longer ones is solved first; its
//! phase starts, moved to the first fine period of their coarse period, are fixed in the fine
//! model, whose linear program then places the racks. CBC receives that plan (or a simple
//! rule's, whichever is better) as its first incumbent and branches from there; the bound it
//! reports is the fine model's own.

#include <vector>

#include "rackscale/optimize/milp.hpp"
#include "rackscale/optimize/milp_model.hpp"
#include "rackscale/optimize/problem.hpp"

namespace rackscale::optimize {

//! Periods of the coarse problem a start is solved on: a problem with more periods than this
//! gets a coarse start (docs/optimize.md).
inline constexpr int kCoarsePeriods = 40;

//! How many fine periods make one coarse period of `problem` (1: no coarse start).
int coarse_factor(const Problem& problem);

//! `problem` with every `factor` periods merged into one. Its plans are plans of `problem` once
//! each phase start `p` moves to period `factor x p`: starts no earlier than allowed, phases
//! ready no later (build periods rounded up), in the same budget year, and under construction
//! in a fine period only when under construction in its coarse period.
Problem coarsened(const Problem& problem, int factor);

//! Column values of `model` (the MILP of `problem`) for its best start: a coarse plan refined
//! as above or a simple rule's plan, whichever scores better on the model's objective; empty
//! when none meets every row. Takes at most `options.time_limit_seconds` for the coarse solve.
std::vector<double> coarse_start(const Problem& problem, const MilpModel& model,
                                 const SolveOptions& options);

//! `values` of the model of `problem` with racks continuous as values of `model`, its model with
//! racks whole (the same columns): racks online rounded down in every period (they are
//! cumulative, so racks installed are whole too), bridging MW carrying load cut to the load
//! where the racks dropped leave it above; phase starts and bridging orders kept. Every row a
//! plan meets with racks continuous it meets with them rounded down (docs/models/optimize.md,
//! "Whole racks from the continuous plan").
std::vector<double> racks_rounded_down(const Problem& problem, const MilpModel& model,
                                       std::vector<double> values);

//! Column values of `model` (racks whole) to start CBC from: `continuous` (a solution of the
//! problem with racks continuous) with racks rounded down, or a simple rule's plan, whichever
//! scores better on the model's objective; empty when none meets every row.
std::vector<double> whole_racks_start(const Problem& problem, const MilpModel& model,
                                      const std::vector<double>& continuous);

}  // namespace rackscale::optimize
