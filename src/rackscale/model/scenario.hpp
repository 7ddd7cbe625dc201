#pragma once
//! The scenario: sites, factories, suppliers, contracts, policies and simulation settings.
//! Plain validated data; io/scenario_loader builds it from YAML.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/units.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/demand.hpp"
#include "rackscale/model/duration_distribution.hpp"
#include "rackscale/model/factory_operations.hpp"
#include "rackscale/model/optimize_settings.hpp"
#include "rackscale/model/redundancy_scheme.hpp"
#include "rackscale/model/reliability.hpp"
#include "rackscale/model/site_power.hpp"
#include "rackscale/model/weather.hpp"

namespace rackscale::model {

//! A geographic location.
struct Location {
  double latitude = 0.0;   //!< [deg], north positive
  double longitude = 0.0;  //!< [deg], east positive
  std::string state;       //!< e.g. "TX"
  std::string city;
};

//! A climate without a weather file: annual and daily sinusoids.
struct ParametricClimate {
  u::Temperature annual_mean;
  u::TemperatureDifference seasonal_amplitude;  //!< half the summer-winter swing
  u::TemperatureDifference daily_amplitude;     //!< half the day-night swing
  double relative_humidity = 0.5;               //!< annual mean [0..1]
};

//! A site's climate: the year of an EnergyPlus weather file (read when the scenario is loaded)
//! or a parametric climate (whose year the design layer builds).
struct Climate {
  std::string epw_file;  //!< path resolved against the scenario file; empty if parametric
  std::optional<Weather> epw_year;  //!< the weather file's year; set with `epw_file`
  std::optional<ParametricClimate> parametric;
};

//! A step of the grid energization schedule: total capacity available from `date` (plus the
//! step's delay, drawn per run).
struct GridStep {
  Date date;
  u::Power capacity;
  //! Delay of the energization after `date`, drawn once per run; default none (a fixed 0).
  DurationDistribution delay = {};
};

//! What a site is built for; exactly one of the three is set in the file.
struct Target {
  std::optional<int> racks;
  std::optional<long long> gpus;
  std::optional<u::Power> it_power;
  //! Racks implied by the target for a rack system (gpus rounded up to whole racks; IT power
  //! divided by the rack's IT design power, RackPower::it_design, rounded down).
  int racks_for(const RackSystem& rack) const;
};

//! Construction phases of a site, in order, from `start`.
struct Construction {
  Date start;  //!< when permitting begins
  DurationDistribution permitting, shell, fit_out, commissioning;
};

//! Install and commissioning crews.
struct Crews {
  u::CountRate install_rate;        //!< racks/week placed and cabled
  u::CountRate commissioning_rate;  //!< racks/week tested and handed over
};

//! A data-center site.
struct Site {
  std::string name;
  Location location;
  Climate climate;
  u::EnergyPrice tariff;
  std::optional<u::WaterPrice> water_price;
  std::optional<u::Money> land_cost;       //!< lump sum; wins over land_price
  std::optional<u::AreaPrice> land_price;  //!< per m^2 of the space model's land area
  std::vector<GridStep> grid;
  std::string rack_system;  //!< catalog entry name
  Target target;
  Construction construction;
  Crews crews;
  //! Power to the site (interconnection, bridging, flexible connection); none: `grid` only
  std::optional<SitePower> power;
  //! Components built by a factory instead of bought from `suppliers:` (factory_operations.hpp)
  std::vector<GearSource> gear_from;
  SourceLocation where;
  std::string path;  //!< key path, e.g. "sites[1]"
};

//! A point of a factory's ramp: output rate from `date` on.
struct RampPoint {
  Date date;
  u::CountRate rate;
};

//! A pre-production test cell where the buyer validates racks before volume orders.
struct TestCell {
  int racks = 0;
  DurationDistribution duration;
};

//! A rack integration factory.
struct Factory {
  std::string name;
  Location location;
  std::vector<std::string> products;  //!< rack_system names it can build
  std::vector<RampPoint> ramp;
  int lines = 1;  //!< parallel integration lines
  //! Time between racks leaving one line; lines x 24 h / takt_time racks a day at most. No
  //! limit from the lines when absent.
  std::optional<u::Duration> takt_time;
  //! Time a rack spends being integrated on its line (flow time, before burn-in). assumption:
  //! default 1 day, docs/models/buildout.md §5 (a line releasing a rack every few hours holds
  //! each for well under a day).
  u::Duration integration_time = u::day;
  u::Duration burn_in;
  double first_pass_yield = 1.0;
  u::Duration rework;
  std::optional<TestCell> test_cell;
  //! Early access, yield learning, burn-in slots, gear and other buyers (factory_operations.hpp)
  FactoryOperations operations;
  SourceLocation where;
  std::string path;
};

//! A component supplier.
struct Supplier {
  std::string name;
  std::string component;  //!< a component class (gpu_tray, switch, ...) or a catalog entry name
  u::CountRate capacity;  //!< units/week for all buyers
  double share = 1.0;     //!< fraction of capacity allocated to this build-out
  DurationDistribution lead_time;
  SourceLocation where;
  std::string path;
};

//! A firm order.
struct FirmOrder {
  int racks = 0;
  Date deliver_by;
};

//! A purchase option: the right, not the obligation, to buy `racks` in a window.
struct PurchaseOption {
  int racks = 0;
  u::Money unit_price;
  Date window_open, window_close;
  //! Paid by the buyer to the manufacturer per rack on offer at the scenario start, exercised
  //! or not (docs/models/deal.md §6); none: no premium
  u::Money premium;
};

//! A rack purchase contract with a factory.
struct Contract {
  std::string name;
  std::string factory;
  std::string rack_system;
  u::Money unit_price;
  std::vector<FirmOrder> firm;
  std::vector<PurchaseOption> options;
  //! Paid by the manufacturer to the buyer per rack and per week a rack of a firm order or an
  //! exercise is delivered after its due date (docs/models/deal.md §6); none: no penalty
  u::Money late_penalty;
  SourceLocation where;
  std::string path;
};

//! How the network fabric is designed (see docs/models/fabric.md).
struct FabricPolicy {
  std::string scale_out_switch;
  std::string spine_switch;  //!< empty: same as scale_out_switch
  std::vector<double> oversubscription = {
      1.0};  //!< leaf, then spine (pod to core); 1 = non-blocking
  int planes = 1;
  bool rail_optimized = true;
  int scalable_unit_nodes = 0;  //!< 0: automatic
  bool size_to_full_units = true;
  int reserved_node_slots = 0;  //!< management appliances in the first unit (UFM)
  int reserved_slot_ports = 0;  //!< fabric ports of each reserved slot, per plane
  std::string frontend_switch;
  double frontend_oversubscription = 1.0;
  std::string oob_switch;
  double oob_oversubscription = 1.0;
};

//! Names of the values of a policy enumeration, in the order the scenario format lists them:
//! the one table the loader parses with and outputs print from.
template <class E>
using NameTable = std::vector<std::pair<std::string, E>>;

//! Which loads a UPS or standby generation carries.
enum class BackupCoverage {
  None,     //!< no UPS (or generators): every load rides the grid
  Partial,  //!< the non-training loads: network, storage and management
  Full,     //!< every critical load (and, for generators, the mechanical load)
};
//! "none", "partial", "full".
const NameTable<BackupCoverage>& backup_coverage_names();
std::string to_string(BackupCoverage coverage);

//! How the power chain is designed.
struct PowerPolicy {
  BackupCoverage ups = BackupCoverage::Partial;
  BackupCoverage generator = BackupCoverage::Partial;
  RedundancyScheme transformer_redundancy = RedundancyScheme::n_plus(1);
  RedundancyScheme unit_substation_redundancy = {RedundancyScheme::Kind::TwoN};
  RedundancyScheme ups_redundancy = RedundancyScheme::n_plus(1);
  //! Standby generators per paralleling group. source: Uptime Institute Tier Standard:
  //! Topology, Tier III (concurrently maintainable) asks for N+1 engine generators; the
  //! default of docs/models/power.md, "Standby generation".
  RedundancyScheme generator_redundancy = RedundancyScheme::n_plus(1);
  bool battery = true;
  u::Power max_grid_step;                   //!< largest allowed grid-facing swing; 0 = no limit
  std::optional<u::Duration> swing_period;  //!< compute/communication swing period of a job
  //! Technology of the swing buffer. Default supercapacitor: a swing of seconds cycles the
  //! buffer millions of times a year, which only double-layer capacitors last (docs/models/
  //! power.md, "Batteries for training load swings").
  StorageTechnology swing_buffer = StorageTechnology::Supercapacitor;
  //! For kVA-rated gear. assumption: docs/models/power.md "Power factor and VA ratings".
  double power_factor = 0.95;
  // Catalog entries to use; empty: the default rule of the power model.
  std::string transformer, switchgear, unit_substation, ups_module, generator_model, battery_model;
};

//! ASHRAE TC9.9 liquid-cooling classes: the number is the highest facility water supply [C].
enum class AshraeClass { W17, W27, W32, W40, W45, WPlus };
//! "W17", "W27", "W32", "W40", "W45", "W+".
const NameTable<AshraeClass>& ashrae_class_names();
std::string to_string(AshraeClass ashrae_class);

//! How a cooling plant rejects heat outdoors.
enum class HeatRejection {
  DryCooler,           //!< dry coolers, air-cooled trim chillers
  DryCoolerAdiabatic,  //!< dry coolers with adiabatic pads, air-cooled trim chillers
  WaterChiller,        //!< water-cooled chillers with cooling towers (water-side economizer)
  AirChiller,          //!< air-cooled chillers every hour, no economizer
};
//! "dry_cooler", "dry_cooler_adiabatic", "water_chiller", "air_chiller".
const NameTable<HeatRejection>& heat_rejection_names();
std::string to_string(HeatRejection heat_rejection);

//! How the cooling plant is designed.
struct CoolingPolicy {
  AshraeClass ashrae_class = AshraeClass::W32;
  HeatRejection heat_rejection = HeatRejection::DryCooler;
  std::string cdu;  //!< catalog entry; empty: chosen by size
  RedundancyScheme cdu_redundancy = RedundancyScheme::n_plus(1);
  // Catalog entries to use; empty: the default rule of the cooling model.
  std::string dry_cooler, chiller, cooling_tower;
};

//! Cost assumptions (defaults documented in docs/models/cost.md).
struct CostPolicy {
  //! Shell + MEP per MW of critical load; when set, replaces the bottom-up facility capex.
  std::optional<u::PowerPrice> facility_cost_per_mw;
  std::optional<double> installation_factor;             //!< installation over equipment price
  std::optional<double> design_and_permitting_fraction;  //!< soft costs, of the hard cost
  std::optional<double> contingency_fraction;            //!< of the hard cost
  std::optional<double> maintenance_fraction;            //!< of facility capex, per year
  std::optional<double> staff_per_mw;                    //!< full-time staff per MW of IT
  std::optional<u::Money> staff_cost_per_year;           //!< per person
  std::optional<u::Duration> tco_horizon;
  std::optional<double> discount_rate;  //!< per year
};

//! How finished racks go to sites (docs/models/buildout.md §6): `allocation.rule`.
enum class AllocationRule {
  Priority,       //!< "priority": allocation.order, then scenario order
  Proportional,   //!< "proportional": in proportion to each site's remaining need
  EarliestReady,  //!< "earliest_ready": the site ready (or expected ready) first
};

//! How finished racks are allocated to sites.
struct AllocationPolicy {
  AllocationRule rule = AllocationRule::Priority;
  std::vector<std::string> order;  //!< site names, for priority
  //! Exercise options when a site is ready within this. assumption: default of
  //! docs/scenario-format.md (allocation), mechanism in docs/models/buildout.md §4.
  u::Duration exercise_lead = 8.0 * u::week;
};

//! When the factory releases an ordered rack for start (docs/models/buildout.md §4):
//! `production.release`.
enum class ReleaseRule {
  BuildToNeed,       //!< "build_to_need": when its site can take it, never later than its due date
  AsSoonAsPossible,  //!< "as_soon_as_possible": every ordered rack from the day it is ordered
};

//! When ordered racks may start.
struct ProductionPolicy {
  //! assumption: build to need is the default, so racks do not wait months at sites for
  //! space or power (docs/models/buildout.md §4).
  ReleaseRule release = ReleaseRule::BuildToNeed;
  //! Start an order's racks no earlier than this before its due date; no limit when absent.
  std::optional<u::Duration> build_ahead;
};

//! Financial assumptions of the build-out.
struct FinancePolicy {
  //! Annual cost of the capital tied up in racks bought before they can run [1/year].
  //! source: Damodaran, Cost of Equity and Capital (US), January 2026: industrial WACCs of about
  //! 7-9.4% (docs/sources.md, Costs and prices); 8% a round figure in that range.
  double cost_of_capital = 0.08;
};

//! All policies.
struct Policies {
  FabricPolicy fabric;
  PowerPolicy power;
  CoolingPolicy cooling;
  CostPolicy cost;
  AllocationPolicy allocation;
  ProductionPolicy production;
  FinancePolicy finance;
};

//! Monte Carlo settings; defaults as in docs/scenario-format.md (`simulation:`).
struct SimulationSettings {
  std::uint64_t seed = 42;
  int runs = 1000;
};

struct CandidateSite;

//! A whole scenario.
struct Scenario {
  std::string name;
  std::string description;
  std::string file;  //!< the scenario file
  Date start;
  u::Duration horizon;
  std::vector<std::string> catalog_files;  //!< extra catalog files, resolved paths
  SimulationSettings simulation;
  Policies policies;
  std::vector<Factory> factories;
  std::vector<Supplier> suppliers;
  std::vector<Contract> contracts;
  std::vector<Site> sites;
  ReliabilitySettings reliability;  //!< the reliability: section (defaults when absent)
  std::vector<BuyerDemand> demand;  //!< the demand: section, one per buyer (empty when absent)
  std::vector<CandidateSite> candidates;     //!< `candidates:` (model/candidates.hpp)
  std::optional<OptimizeSettings> optimize;  //!< `optimize:`
};

//! The component classes a supplier may name instead of a catalog entry.
const std::vector<std::string>& component_classes();

}  // namespace rackscale::model

// CandidateSite needs Site; Scenario holds a vector of them.
#include "rackscale/model/candidates.hpp"  // IWYU pragma: export
