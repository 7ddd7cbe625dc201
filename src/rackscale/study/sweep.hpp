#pragma once
//! One point of a study run through the same pipeline as `plan`: the base scenario with the
//! point's overrides (Study::from_file), the build-out Monte Carlo with the study's runs and
//! seed (common random numbers: every point draws from the same streams), the attribution and
//! the reliability, reduced to a PointResult. Pure and deterministic: the result depends on the
//! study and the point only, never on the thread count or on the other points, so points may
//! run in any order, on any thread or process. docs/sweep.md.

#include "rackscale/analysis/sweep_point.hpp"
#include "rackscale/io/study_reader.hpp"
#include "rackscale/study/study.hpp"

namespace rackscale {

//! The Monte Carlo options every point of `spec` runs with, on `threads` threads (0: all).
RunOptions point_run_options(const io::StudySpec& spec, int threads);

//! Runs one point; throws InputError if its scenario is invalid (e.g. a scaled value out of
//! range), naming the point.
analysis::PointResult run_point(const io::StudySpec& spec, const analysis::SweepPoint& point,
                                int threads = 0);

//! The summary metrics, gains and weekly series of a plan, for point `point` of `spec`.
analysis::PointResult point_result(const io::StudySpec& spec, int point, const PlanResult& plan);

}  // namespace rackscale
