#pragma once
//! Site designs as JSON (`design.json`): every figure, with its unit in the key name.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "rackscale/core/run_stamp.hpp"
#include "rackscale/design/site.hpp"

namespace rackscale::report {

//! One site's design.
nlohmann::ordered_json site_design_to_json(const design::SiteDesign& d);
//! The whole design file.
nlohmann::ordered_json design_to_json(const RunStamp& stamp,
                                      const std::vector<design::SiteDesign>& sites);
//! design.json: the whole design file as text, indented by two, ending in a newline.
std::string design_json_file(const RunStamp& stamp, const std::vector<design::SiteDesign>& sites);

}  // namespace rackscale::report
