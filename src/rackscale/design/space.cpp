#include "rackscale/design/space.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/error.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

Space design_space(const model::RackSystem& rack, int racks, const SpaceLimits& limits) {
  Space s;
  s.racks = racks;
  const u::Power per_rack = rack.power.it_design();
  if (per_rack > limits.row_power) {
    throw Error(fmt::format("a {:g} kW rack exceeds the row power limit of {:g} kW",
                            per_rack.in(u::kW), limits.row_power.in(u::kW)));
  }
  // Racks per row: as many as the row's power allows, up to the row length limit.
  int by_power =
      checked_int(std::floor(limits.row_power / per_rack + 1e-9), "the racks a row's power allows");
  s.racks_per_row = std::min(by_power, limits.max_racks_per_row);
  s.row_limit = by_power <= limits.max_racks_per_row ? "power" : "length";
  // Rows per hall: as many whole rows as the hall's power allows (at least one).
  u::Power row_power = static_cast<double>(s.racks_per_row) * per_rack;
  s.rows_per_hall = std::max(1, checked_int(std::floor(limits.hall_power / row_power + 1e-9),
                                            "the rows a hall's power allows"));
  s.racks_per_hall = s.rows_per_hall * s.racks_per_row;
  s.rows = racks == 0 ? 0 : (racks + s.racks_per_row - 1) / s.racks_per_row;
  s.halls = s.rows == 0 ? 0 : (s.rows + s.rows_per_hall - 1) / s.rows_per_hall;
  s.design_power_per_row = row_power;
  s.design_power_per_hall = static_cast<double>(s.rows_per_hall) * row_power;

  // Floor loading: a rack's mass over its own footprint, and spread over its slot (its width
  // times the row pitch: rack depth plus one aisle, since neighbouring rows share aisles). If the
  // spread loading exceeds the slab rating, racks are spaced apart until it does not.
  const auto& fp = rack.footprint;
  const u::Length row_pitch = fp.depth + limits.aisle;
  s.row_pitch = row_pitch;
  s.rack_footprint = fp.width * fp.depth;
  s.rack_point_loading = rack.mass / s.rack_footprint;
  u::Length min_slot = rack.mass / (limits.floor_limit * row_pitch);
  s.spread_for_weight = min_slot > fp.width;
  s.slot_width = s.spread_for_weight ? min_slot : fp.width;
  s.distributed_loading = rack.mass / (s.slot_width * row_pitch);

  // Area: each row occupies its length (slots plus end clearances) times its pitch.
  u::Length row_length =
      static_cast<double>(s.racks_per_row) * s.slot_width + 2.0 * limits.row_end_clearance;
  s.white_space = static_cast<double>(s.rows) * (row_length * row_pitch);

  // Gray space: rooms per MW of IT for the power chain and the cooling plant. The building
  // encloses the published gross area per MW of AI campuses, never less than its rooms; what the
  // rooms leave is support space (offices, docks, staging, corridors).
  const double it_mw = static_cast<double>(racks) * per_rack.in(u::MW);
  s.electrical_rooms = it_mw * limits.electrical_room_per_mw;
  s.mechanical_rooms = it_mw * limits.mechanical_room_per_mw;
  const u::Area rooms = s.white_space + s.electrical_rooms + s.mechanical_rooms;
  s.gross_area = std::max(rooms, it_mw * limits.building_area_per_mw);
  s.support_space = s.gross_area - rooms;
  return s;
}

}  // namespace rackscale::design
