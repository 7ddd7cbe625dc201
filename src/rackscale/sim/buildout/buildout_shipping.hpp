#pragma once
//! Road transit between a factory and a site: great-circle distance at an assumed trucking
//! speed plus handling (docs/models/buildout.md, "Shipping").

#include "rackscale/model/scenario.hpp"

namespace rackscale::sim {

//! Mean Earth radius for the haversine formula [km] (IUGG mean radius R1 = 6,371.0 km).
inline constexpr double kEarthRadiusKm = 6371.0;
//! assumption: a team-driven truck covers about 800 km a day door to door (two drivers, about
//! 11 h of driving each at 60-70 km/h less stops, loading and weigh stations).
inline constexpr double kTruckingKmPerDay = 800.0;
//! assumption: one day to crate, load, unload and receive a rack.
inline constexpr double kHandlingDays = 1.0;

//! Great-circle distance between two locations (haversine, R = kEarthRadiusKm) [km].
double great_circle_km(const model::Location& a, const model::Location& b);

//! Transit time: ceil(distance / kTruckingKmPerDay + kHandlingDays), at least 1 [days].
int transit_days(const model::Location& from, const model::Location& to);

}  // namespace rackscale::sim
