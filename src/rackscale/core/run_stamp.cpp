#include "rackscale/core/run_stamp.hpp"

#include <fmt/format.h>

namespace rackscale {

std::string stamp_line(const RunStamp& s) {
  return fmt::format("rackscale {}, scenario {}, seed {}, inputs {}", s.version, s.scenario, s.seed,
                     s.input_hash);
}

}  // namespace rackscale
