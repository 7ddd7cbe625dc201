#pragma once
//! Site designs as JSON (`design.json`): every figure, with its unit in the key name.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "rackscale/design/site.hpp"

namespace rackscale::io {

//! Provenance written at the top of every output: version, seed and a hash of the inputs.
struct RunStamp {
  std::string version;
  std::uint64_t seed = 0;
  std::string input_hash;  //!< "fnv1a64:<16 hex digits>" over the scenario and catalog files
  std::string scenario;    //!< scenario name
};

//! "rackscale 0.1.0, scenario NAME, seed 42, inputs fnv1a64:...": the provenance line of every
//! output file.
std::string stamp_line(const RunStamp& stamp);

//! One site's design.
nlohmann::ordered_json site_design_to_json(const design::SiteDesign& d);
//! The whole design file.
nlohmann::ordered_json design_to_json(const RunStamp& stamp,
                                      const std::vector<design::SiteDesign>& sites);

}  // namespace rackscale::io
