#include "rackscale/design/fabric_types.hpp"

namespace rackscale::design {

std::string_view to_string(ReachClass reach) {
  switch (reach) {
    case ReachClass::InRack:
      return "in_rack";
    case ReachClass::InRow:
      return "in_row";
    case ReachClass::Hall:
      return "hall";
  }
  return "unknown";
}

}  // namespace rackscale::design
