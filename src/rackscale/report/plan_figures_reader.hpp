#pragma once
//! A plan's output files read back into its headline figures (analysis/plan_figures.hpp): from
//! the file set a `plan` run makes in memory, or from a plan output folder on disk, checked
//! against its manifest.json. The files and columns read are those of docs/report.md.

#include <string>

#include "rackscale/analysis/plan_figures.hpp"
#include "rackscale/report/output_files.hpp"

namespace rackscale::report {

//! The files of the output folder `dir`, as its manifest.json lists them, each checked against
//! the manifest's size and SHA-256. Throws InputError (bad input, exit 2) if `dir` is not a
//! folder, has no readable manifest.json, or a file is missing or differs from the manifest.
OutputFiles read_output_folder(const std::string& dir);

//! The headline figures of a plan's file set; `origin` names it in messages and in the result.
//! Throws InputError if the set is not a plan's (no milestones.csv and the other build-out
//! files), rackscale::Error if a file does not have the columns docs/report.md lists.
analysis::PlanFigures read_plan_figures(const OutputFiles& files, const std::string& origin);

}  // namespace rackscale::report
