#include "rackscale/report/geojson_export.hpp"

#include <nlohmann/json.hpp>

namespace rackscale::report {
namespace {

using nlohmann::ordered_json;
namespace u = rackscale::units;

// RFC 7946, section 3.1.1: a position is [longitude, latitude], in that order.
ordered_json point(const model::Location& where) {
  return {{"type", "Point"}, {"coordinates", {where.longitude, where.latitude}}};
}

ordered_json feature(const model::Location& where, ordered_json properties) {
  return {{"type", "Feature"}, {"geometry", point(where)}, {"properties", std::move(properties)}};
}

ordered_json site_feature(const design::SiteDesign& d, const model::Site& site) {
  return feature(site.location, {{"kind", "site"},
                                 {"name", d.name},
                                 {"city", site.location.city},
                                 {"state", site.location.state},
                                 {"rack_system", d.rack_system},
                                 {"rack_count", d.racks},
                                 {"gpu_count", d.gpus},
                                 {"it_power_mw", d.loads.it_design.in(u::MW)},
                                 {"pue", d.energy.pue},
                                 {"capex_musd", d.cost.capex_total.in(u::MUSD)}});
}

ordered_json factory_feature(const model::Factory& f) {
  return feature(f.location, {{"kind", "factory"},
                              {"name", f.name},
                              {"city", f.location.city},
                              {"state", f.location.state},
                              {"products", f.products}});
}

}  // namespace

std::string sites_geojson(const std::vector<design::SiteDesign>& sites,
                          const model::Scenario& scenario) {
  ordered_json features = ordered_json::array();
  for (const design::SiteDesign& d : sites) {
    for (const model::Site& site : scenario.sites) {
      if (site.name == d.name) features.push_back(site_feature(d, site));
    }
  }
  for (const model::Factory& f : scenario.factories) features.push_back(factory_feature(f));
  const ordered_json collection = {{"type", "FeatureCollection"}, {"features", features}};
  return collection.dump(2) + "\n";
}

}  // namespace rackscale::report
