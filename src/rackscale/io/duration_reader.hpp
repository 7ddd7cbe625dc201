#pragma once
//! Reads a duration or a distribution of durations from a scenario or dataset map.

#include <string>

#include "rackscale/io/yaml_reader.hpp"
#include "rackscale/model/duration_distribution.hpp"

namespace rackscale::io {

//! The value under `key`: a plain duration ("4 weeks", a fixed value) or a map
//! {dist: fixed | uniform | triangular | lognormal, ...}; every problem recorded in the reader.
model::DurationDistribution read_duration(MapReader& r, const std::string& key, Need need);

}  // namespace rackscale::io
