#include "rackscale/design/fabric_types.hpp"

namespace rackscale::design {

double run_length_m(const FabricLayout& l, ReachClass reach) {
  switch (reach) {
    case ReachClass::InRack:
      return l.in_rack_length_m;
    case ReachClass::InRow:
      return l.racks_per_row * l.rack_pitch_m + 2.0 * l.in_rack_length_m;
    case ReachClass::Hall:
      return l.hall_length_m;
  }
  return l.hall_length_m;
}

}  // namespace rackscale::design
