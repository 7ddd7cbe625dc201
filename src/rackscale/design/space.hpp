#pragma once
//! Floor space: racks per row and per hall under power, cooling and weight limits; halls; area.
//! Equations and sources: docs/models/space.md.

#include <string>

#include "rackscale/core/units.hpp"
#include "rackscale/model/catalog.hpp"

namespace rackscale::design {

//! Layout limits and clearances (defaults and their sources in docs/models/space.md).
struct SpaceLimits {
  //! Power one row's busway and in-row CDUs carry. source: Microsoft Fairwater, about 140 kW
  //! per rack and 1,360 kW per row (docs/sources.md, Build-out).
  units::Power row_power = 1360.0 * units::kW;
  //! assumption: rows of about 12-14 m keep cable runs within in-row reach.
  int max_racks_per_row = 20;
  //! assumption: one hall per medium-voltage block of a few 3 MVA unit substation pairs.
  units::Power hall_power = 50.0 * units::MW;
  //! Slab rating. assumption: slab on grade rated for liquid-cooled racks of about 1.5 t on
  //! 0.72 m^2.
  units::FloorLoading floor_limit = 2400.0 * units::kg / units::m2;
  //! Width of each hot and cold aisle. assumption: an aisle of two 600 mm floor tiles.
  units::Length aisle = 1.2 * units::m;
  //! At each end of a row. assumption: egress width at each row end.
  units::Length row_end_clearance = 1.2 * units::m;
  //! Electrical rooms (unit substations, UPS, LV switchboards, MV switchgear) per MW of IT
  //! design power [m^2/MW]. assumption: a 3 MVA unit substation lineup with its working
  //! clearances takes about 30 m^2 (10 m^2/MW); UPS and battery rooms, MV rooms and cable
  //! galleries about as much again, with 2N feeds; rounded up to 25 m^2/MW.
  units::Area electrical_room_per_mw = 25.0 * units::m2;
  //! Mechanical rooms and galleries (facility pumps, CDU galleries, water treatment) per MW of IT
  //! design power [m^2/MW]. assumption: about 0.6 of the electrical rooms' area.
  units::Area mechanical_room_per_mw = 15.0 * units::m2;
  //! Gross building area per MW of IT design power [m^2/MW]: what built AI campuses enclose per
  //! MW, halls, gray space, offices, docks, staging, corridors and walls included. source: Crusoe,
  //! Abilene (Stargate) campus, 8 buildings, about 4 million sq ft (371,600 m^2) for 1.2 GW
  //! (Crusoe press release, 2025-03-18): 310 m^2/MW, the middle of the published campuses in
  //! docs/models/space.md (Meta Hyperion 186, Abilene phase 1 455 m^2/MW).
  units::Area building_area_per_mw = 310.0 * units::m2;
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
  units::Area white_space;       //!< rows with their aisles and end clearances, all halls
  units::Area electrical_rooms;  //!< gray space for the power chain
  units::Area mechanical_rooms;  //!< gray space for the cooling plant
  //! Offices, docks, staging, storage, corridors and walls: the building's remainder.
  units::Area support_space;
  units::Area gross_area;  //!< building: white + electrical + mechanical + support space
  units::FloorLoading rack_point_loading;   //!< rack mass over its own footprint
  units::FloorLoading distributed_loading;  //!< rack mass over footprint plus aisle share
  bool spread_for_weight = false;           //!< racks were spaced apart to meet the floor limit
  units::Length slot_width;                 //!< floor width per rack along the row (>= rack width)
  units::Length row_pitch;                  //!< rack depth plus one aisle, row to row
  units::Power design_power_per_row;
  units::Power design_power_per_hall;
};

//! Lays out `racks` racks of `rack` under `limits`. Throws rackscale::Error if a single rack
//! exceeds the row power limit.
Space design_space(const model::RackSystem& rack, int racks, const SpaceLimits& limits = {});

}  // namespace rackscale::design
