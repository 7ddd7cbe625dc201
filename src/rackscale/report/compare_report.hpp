#pragma once
//! What `rackscale compare` prints and writes (docs/compare.md): the comparison as a terminal
//! table, compare.csv (one row per figure), compare.json and compare.html (self-contained: the
//! tables and an overlay chart of A's and B's GPUs online with their P10-P90 bands, for the
//! fleet and each site), with manifest.json. Deterministic: the same comparison gives the same
//! bytes.

#include <string>
#include <vector>

#include "rackscale/analysis/comparison.hpp"
#include "rackscale/report/output_files.hpp"

namespace rackscale::report {

//! The figures side by side with B - A, the milestone shifts and the notes.
std::string compare_terminal_text(const analysis::Comparison& comparison);
//! One row per figure: scope, key, label, unit, a, b, difference.
std::string compare_csv(const analysis::Comparison& comparison);
//! The plans compared, every figure, the milestone shifts and the notes, as JSON text.
std::string compare_json(const analysis::Comparison& comparison);
//! The comparison as one HTML document with its overlay charts.
std::string compare_html(const analysis::Comparison& comparison);

//! compare.csv, compare.json, compare.html and manifest.json; `command_line` is what the caller
//! ran, recorded in the manifest.
OutputFiles compare_outputs(const analysis::Comparison& comparison,
                            const std::vector<std::string>& command_line);

}  // namespace rackscale::report
