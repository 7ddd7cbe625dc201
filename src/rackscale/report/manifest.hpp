#pragma once
//! manifest.json, the last file of every output folder: what made the folder (version, scenario,
//! input hash, seed, Monte Carlo runs, command line) and every file in it with its size and
//! SHA-256, so that a reader can check that the files are the ones the run wrote.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/run_stamp.hpp"
#include "rackscale/report/output_files.hpp"

namespace rackscale::report {

//! What the manifest records about the run besides its files.
struct ManifestRun {
  RunStamp stamp;
  std::optional<int> runs;                //!< Monte Carlo runs, when a Monte Carlo ran
  std::vector<std::string> command_line;  //!< the program's arguments as given (the caller's)
};

//! The manifest of the files queued in `files` so far, as JSON text ending in a newline.
std::string manifest_json(const ManifestRun& run, const OutputFiles& files);

//! Queues manifest.json after the files queued so far, so it is written (renamed into place)
//! last; call it once every other file is queued.
void add_manifest(OutputFiles& files, const ManifestRun& run);

}  // namespace rackscale::report
