#pragma once
// The optimizer tests' small case: tests/data/optimize/small.yaml with fixed construction
// durations (4 + 20 + 10 + 2 = 36 weeks) and a fixed interconnection wait of 260 weeks, so that
// periods, phases and grid dates can be computed by hand.

#include <string>

#include "rackscale/io/scenario_loader.hpp"

namespace rackscale::test {

inline io::LoadedScenario small_with_fixed_durations() {
  const std::string small = std::string(RACKSCALE_SOURCE_DIR) + "/tests/data/optimize/small.yaml";
  return io::load_scenario(io::ScenarioSource{
      small,
      std::nullopt,
      {"candidates.defaults.construction={permitting: 4 weeks, shell: 20 weeks, fit_out: 10 "
       "weeks, commissioning: 2 weeks}",
       "candidates.defaults.power={interconnection: {requested: 2022-01-03, capacity: 700 MW, "
       "stages: {request_to_studies: 0 weeks, studies: 0 weeks, agreement: 0 weeks, "
       "network_upgrades: 260 weeks, energization: 0 weeks}}}"},
      {}});
}

}  // namespace rackscale::test
