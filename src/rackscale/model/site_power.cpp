#include "rackscale/model/site_power.hpp"

namespace rackscale::model {

const std::vector<std::string>& interconnection_stage_names() {
  static const std::vector<std::string> kNames = {"request_to_studies", "studies", "agreement",
                                                  "network_upgrades", "energization"};
  return kNames;
}

const std::vector<std::string>& bridging_technology_names() {
  static const std::vector<std::string> kNames = {"gas_turbine", "reciprocating_engine", "battery"};
  return kNames;
}

u::EnergyPrice fuel_cost_per_energy(const BridgingFigures& figures) {
  return figures.heat_rate.si() * figures.fuel_price;
}

}  // namespace rackscale::model
