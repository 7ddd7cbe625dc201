#pragma once
//! One site designed end to end: floor, network fabric, cooling plant, power chain, a year of
//! hourly energy, cost and the bill of materials. Composes the engines of this folder.

#include <string>
#include <vector>

#include "rackscale/design/bom.hpp"
#include "rackscale/design/cooling.hpp"
#include "rackscale/design/cost.hpp"
#include "rackscale/design/fabric.hpp"
#include "rackscale/design/power_chain.hpp"
#include "rackscale/design/site_area.hpp"
#include "rackscale/design/site_energy.hpp"
#include "rackscale/design/space.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::design {

//! Storage and management load as a fraction of IT design power. assumption: a training
//! cluster's storage, control plane and monitoring draw a few percent of its compute; 3% is
//! used until a storage model exists (docs/models/power.md).
inline constexpr double kStorageAndManagementFraction = 0.03;

//! Everything designed for one site.
struct SiteDesign {
  std::string name;
  std::string rack_system;
  int racks = 0;
  long long gpus = 0;
  Space space;
  SiteArea area;  //!< yards, building footprint and land
  Fabric fabric;
  SiteLoads loads;
  Weather weather;
  CoolingPlant cooling;
  PowerChain power;
  SiteEnergy energy;
  Cost cost;
  Bom bom;
};

//! Designs one site of a scenario. Throws rackscale::InputError pointing at the site when the
//! scenario asks for something the engines cannot build (e.g. no medium reaches a run).
SiteDesign design_site(const model::Site& site, const model::Scenario& scenario,
                       const model::Catalog& catalog);

//! Designs every site, in scenario order.
std::vector<SiteDesign> design_sites(const model::Scenario& scenario,
                                     const model::Catalog& catalog);

}  // namespace rackscale::design
