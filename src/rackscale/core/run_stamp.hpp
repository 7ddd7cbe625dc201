#pragma once
//! Provenance of a run, echoed in every output: version, seed, scenario and a hash of the inputs.

#include <cstdint>
#include <string>

namespace rackscale {

//! Provenance written at the top of every output: version, seed and a hash of the inputs.
struct RunStamp {
  std::string version;
  std::uint64_t seed = 0;
  std::string input_hash;  //!< "fnv1a64:<16 hex digits>" over the scenario and catalog files
  std::string scenario;    //!< scenario name
};

//! "rackscale 0.1.0, scenario NAME, seed 42, inputs fnv1a64:...": the provenance line of the
//! text outputs.
std::string stamp_line(const RunStamp& stamp);

}  // namespace rackscale
