#pragma once
//! The one parser of redundancy schemes ("N", "N+1", "2N", "4N/3", "block") into the model's
//! RedundancyScheme.

#include <string>

#include "rackscale/model/redundancy_scheme.hpp"

namespace rackscale::io {

//! Parses "N", "N+k" (k >= 1), "2N", "xN/y" (x > y >= 1) or "block"; throws rackscale::Error
//! naming the valid forms.
model::RedundancyScheme parse_redundancy(const std::string& text);

}  // namespace rackscale::io
