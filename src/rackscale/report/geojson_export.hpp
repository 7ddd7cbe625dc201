#pragma once
//! The sites of a design (and the factories of its scenario) as GeoJSON (RFC 7946), for QGIS
//! and web maps: one Point feature each, coordinates [longitude, latitude] in WGS 84 degrees,
//! with the site's key figures as properties (docs/report.md, "Exports").

#include <string>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::report {

//! A FeatureCollection: a Point per designed site (kind "site": rack system, racks, GPUs, IT
//! design power [MW], PUE, capex [MUSD]) and per factory (kind "factory": products), as JSON text
//! ending in a newline.
std::string sites_geojson(const std::vector<design::SiteDesign>& sites,
                          const model::Scenario& scenario);

}  // namespace rackscale::report
