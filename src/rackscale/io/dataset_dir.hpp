#pragma once
//! Where the shipped datasets (datasets/*.yaml: candidate sites, interconnection times) are.

#include <string>

namespace rackscale::io {

//! The folder of the shipped datasets: RACKSCALE_DATASET_DIR if set, else
//! share/rackscale/datasets beside the program (as installed, and as staged in the build tree).
//! Throws rackscale::Error naming the places searched when none is found.
std::string builtin_dataset_dir();

}  // namespace rackscale::io
