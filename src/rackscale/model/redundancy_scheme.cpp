#include "rackscale/model/redundancy_scheme.hpp"

#include <fmt/format.h>

namespace rackscale::model {

std::string to_string(const RedundancyScheme& scheme) {
  switch (scheme.kind) {
    case RedundancyScheme::Kind::N:
      return "N";
    case RedundancyScheme::Kind::NPlus:
      return fmt::format("N+{}", scheme.spares);
    case RedundancyScheme::Kind::TwoN:
      return "2N";
    case RedundancyScheme::Kind::Distributed:
      return fmt::format("{}N/{}", scheme.systems, scheme.carrying);
    case RedundancyScheme::Kind::Block:
      return "block";
  }
  return "?";
}

}  // namespace rackscale::model
