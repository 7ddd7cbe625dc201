#include "rackscale/design/site_area.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

namespace {

void add(std::vector<YardLine>& out, const std::string& item, const std::string& kind, int count,
         u::Area per_unit) {
  if (item.empty() || count <= 0 || per_unit <= u::Area{}) return;
  out.push_back(YardLine{item, kind, count, per_unit});
}

void add_cooling_group(std::vector<YardLine>& out, const UnitGroup& g,
                       const model::Catalog& catalog, const YardFootprints& sizes) {
  const model::CatalogEntry* e = catalog.find(g.model);
  if (e == nullptr) return;
  if (e->kind == "dry_cooler") add(out, g.model, e->kind, g.installed, sizes.dry_cooler);
  if (e->kind == "cooling_tower") add(out, g.model, e->kind, g.installed, sizes.cooling_tower);
  if (const auto* c = catalog.find_as<model::Chiller>(g.model); c && c->condenser == "air") {
    add(out, g.model, e->kind, g.installed, sizes.air_cooled_chiller);
  }
}

}  // namespace

std::vector<YardLine> yard_lines(const PowerChain& power, const CoolingPlant& cooling,
                                 const model::Catalog& catalog, const YardFootprints& sizes) {
  std::vector<YardLine> out;
  if (const PowerStage* t = power.stage(StageKind::Transformer)) {
    add(out, t->equipment, t->catalog_kind, t->count.installed, sizes.transformer_bay);
  }
  add(out, power.generation.model, "generator", power.generation.count.installed, sizes.generator);
  add(out, power.battery.model, "battery", power.battery.units, sizes.battery);
  for (const CoolingLoop* loop : {&cooling.liquid, &cooling.air}) {
    add_cooling_group(out, loop->economizer_units, catalog, sizes);
    add_cooling_group(out, loop->chillers, catalog, sizes);
  }
  return out;
}

SiteArea site_area(const Space& space, std::vector<YardLine> yards, const LandLimits& limits) {
  SiteArea a;
  a.yard_lines = std::move(yards);
  for (const auto& y : a.yard_lines) a.yards += y.area();
  a.building_footprint = space.gross_area / static_cast<double>(limits.storeys);
  a.land = (a.building_footprint + a.yards) / limits.site_coverage;
  return a;
}

}  // namespace rackscale::design
