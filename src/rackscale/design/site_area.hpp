#pragma once
//! Outdoor yards, building footprint and land area of a site, from the floor plan and the counts
//! of outdoor power and cooling gear. Equations and sources: docs/models/space.md.

#include <string>
#include <vector>

#include "rackscale/core/units.hpp"
#include "rackscale/design/cooling.hpp"
#include "rackscale/design/power_chain.hpp"
#include "rackscale/design/space.hpp"
#include "rackscale/model/catalog.hpp"

namespace rackscale::design {

//! Yard area per outdoor unit, clearances included (each an assumption, docs/models/space.md).
struct YardFootprints {
  //! Per substation transformer: its HV bay (transformer, breaker, disconnects, bus, spacing).
  //! assumption: about 50 m x 50 m per 345 kV bay.
  units::Area transformer_bay = 2500.0 * units::m2;
  //! Per generator set. assumption: a 12 m x 3 m enclosure with 3 m service aisles.
  units::Area generator = 90.0 * units::m2;
  //! Per battery container. assumption: an 8.8 m x 1.7 m cabinet with access and fire spacing.
  units::Area battery = 40.0 * units::m2;
  //! Per dry cooler. assumption: a 12 m x 2.3 m V-coil unit, about as much again for air inflow.
  units::Area dry_cooler = 60.0 * units::m2;
  //! Per air-cooled chiller. assumption: a 14 m x 2.3 m unit with air-inflow spacing. Water-cooled
  //! chillers stand indoors, in the mechanical rooms.
  units::Area air_cooled_chiller = 70.0 * units::m2;
  //! Per cooling-tower cell. assumption: an 8 m x 8 m cell with basin and access.
  units::Area cooling_tower = 100.0 * units::m2;
};

//! Layout limits of the land around the buildings.
struct LandLimits {
  //! Floors of the data halls. assumption: single-storey halls (racks of about 1.5 t on slab).
  int storeys = 1;
  //! Buildings and yards over land area. assumption: 0.35; the rest is roads, parking, setbacks,
  //! storm-water ponds and fences (industrial zoning often caps lot coverage near 0.4-0.5).
  double site_coverage = 0.35;
};

//! One kind of outdoor gear on the yards.
struct YardLine {
  std::string item;  //!< catalog entry
  std::string kind;  //!< catalog kind
  int count = 0;
  units::Area area_per_unit;
  units::Area area() const { return static_cast<double>(count) * area_per_unit; }
};

//! Yards, building footprint and land of a site.
struct SiteArea {
  std::vector<YardLine> yard_lines;
  units::Area yards;               //!< all outdoor gear
  units::Area building_footprint;  //!< gross building area / storeys
  units::Area land;                //!< (footprint + yards) / site coverage
};

//! The outdoor gear of a power chain and a cooling plant with its yard area.
std::vector<YardLine> yard_lines(const PowerChain& power, const CoolingPlant& cooling,
                                 const model::Catalog& catalog, const YardFootprints& sizes = {});

//! Building footprint, yards and land for a floor plan and its outdoor gear.
SiteArea site_area(const Space& space, std::vector<YardLine> yards, const LandLimits& limits = {});

}  // namespace rackscale::design
