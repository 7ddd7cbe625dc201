#pragma once
//! Power to a site (docs/models/power-to-site.md): grid capacity that arrives through a
//! large-load interconnection process, on-site bridging generation that carries load until the
//! grid arrives, and a flexible (curtailable) connection that comes earlier. Plain validated
//! data; io/site_power_loader builds it from a site's `power:` section.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/units.hpp"
#include "rackscale/model/duration_distribution.hpp"

namespace rackscale::model {

//! The stages of a large-load interconnection, in the order they run.
enum class InterconnectionStage {
  RequestToStudies,
  Studies,
  Agreement,
  NetworkUpgrades,
  Energization
};

//! Number of interconnection stages.
inline constexpr std::size_t kInterconnectionStages = 5;

//! Stage names as written in files (request_to_studies, studies, agreement, network_upgrades,
//! energization), in InterconnectionStage order.
const std::vector<std::string>& interconnection_stage_names();

//! Grid capacity energized at the end of an interconnection process started at `requested`.
struct Interconnection {
  std::string region;  //!< balancing authority of datasets/interconnection.yaml; "" if inline
  Date requested;      //!< when the request was filed
  u::Power capacity;   //!< facility power energized at the end
  //! Duration of each stage, in InterconnectionStage order; they run one after the other
  std::array<DurationDistribution, kInterconnectionStages> stages;
};

//! On-site generation technologies that can bridge a site until its grid arrives.
enum class BridgingTechnology { GasTurbine, ReciprocatingEngine, Battery };

//! Technology names as written in files (gas_turbine, reciprocating_engine, battery), in
//! BridgingTechnology order.
const std::vector<std::string>& bridging_technology_names();

//! Cost and emission figures of bridging generation (defaults by technology from
//! datasets/bridging.yaml; any of them may be given on the scenario's bridging entry).
struct BridgingFigures {
  u::PowerPrice capex;         //!< installed cost per power (e.g. USD/kW)
  u::EnergyRatio heat_rate;    //!< fuel energy per electric energy (e.g. Btu/kWh); 0: no fuel
  u::EnergyPrice fuel_price;   //!< per fuel energy (e.g. USD/MMBtu)
  u::EmissionRate emissions;   //!< CO2 per electric energy generated (e.g. lb/MWh)
  u::PowerPriceRate fixed_om;  //!< fixed operation and maintenance (e.g. USD/kW/year)
  u::EnergyPrice variable_om;  //!< variable operation and maintenance (e.g. USD/MWh)
};

//! A block of bridging generation: available `lead_time` after `ordered`.
struct Bridging {
  BridgingTechnology technology = BridgingTechnology::GasTurbine;
  u::Power capacity;
  Date ordered;  //!< decision (order) date
  DurationDistribution lead_time;
  //! Retired once the grid alone carries the site's full load; otherwise kept for good
  bool retire_when_grid = true;
  BridgingFigures figures;
};

//! Fuel cost per electric energy generated: heat rate x fuel price (e.g. USD/MWh).
u::EnergyPrice fuel_cost_per_energy(const BridgingFigures& figures);

//! A curtailable connection: `capacity` from `earlier_by` before the firm interconnection is
//! energized, drawn a fraction `availability` of the hours (counted as capacity x availability).
struct FlexibleConnection {
  u::Power capacity;
  u::Duration earlier_by;
  double availability = 1.0;  //!< [0..1]
};

//! A site's power section.
struct SitePower {
  std::optional<Interconnection> interconnection;
  std::vector<Bridging> bridging;
  std::optional<FlexibleConnection> flexible;  //!< requires `interconnection`
};

}  // namespace rackscale::model
