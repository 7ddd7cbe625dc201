#include "rackscale/design/fabric_types.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace rackscale::design {

const model::Switch& switch_spec(const model::CatalogEntry& entry) {
  const auto* s = std::get_if<model::Switch>(&entry.spec);
  if (!s) {
    throw std::invalid_argument(
        fmt::format("\"{}\" is a {}, not a switch", entry.name, entry.kind));
  }
  return *s;
}

double price_usd(const model::CatalogEntry& entry) {
  return entry.price ? entry.price->in(units::USD) : 0.0;
}

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
