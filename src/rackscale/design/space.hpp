#pragma once
//! Floor space: racks per row and per hall under power, cooling and weight limits; halls; area.
//! Equations and sources: docs/models/space.md.

#include <string>

#include "rackscale/core/units.hpp"
#include "rackscale/model/catalog.hpp"

namespace rackscale::design {

//! Layout limits and clearances (defaults and their sources in docs/models/space.md).
struct SpaceLimits {
  //! Power one row's busway and in-row CDUs carry. Microsoft Fairwater: 1,360 kW per row.
  units::Power row_power = 1360.0 * units::kW;
  int max_racks_per_row = 20;                  //!< assumption: row length of about 12-14 m
  units::Power hall_power = 50.0 * units::MW;  //!< assumption: one MV block per hall
  units::FloorLoading floor_limit = 2400.0 * units::kg / units::m2;  //!< slab rating
  units::Length aisle = 1.2 * units::m;              //!< width of each hot and cold aisle
  units::Length row_end_clearance = 1.2 * units::m;  //!< at each end of a row
  double support_area_factor = 1.0;  //!< electrical, mechanical and other space per m^2 white space
};

//! The floor plan of one site.
struct Space {
  int racks = 0;
  int racks_per_row = 0;
  std::string row_limit;  //!< what limits a row: "power" or "length"
  int rows_per_hall = 0;
  int racks_per_hall = 0;
  int halls = 0;
  int rows = 0;  //!< in all halls
  units::Area rack_footprint;
  units::Area white_space;                 //!< rows with their aisles and end clearances, all halls
  units::Area gross_area;                  //!< white space plus support space
  units::FloorLoading rack_point_loading;  //!< rack mass over its own footprint
  units::FloorLoading distributed_loading;  //!< rack mass over footprint plus aisle share
  bool spread_for_weight = false;           //!< racks were spaced apart to meet the floor limit
  units::Length slot_width;                 //!< floor width per rack along the row (>= rack width)
  units::Power design_power_per_row;
  units::Power design_power_per_hall;
};

//! Lays out `racks` racks of `rack` under `limits`. Throws rackscale::Error if a single rack
//! exceeds the row power limit.
Space design_space(const model::RackSystem& rack, int racks, const SpaceLimits& limits = {});

}  // namespace rackscale::design
