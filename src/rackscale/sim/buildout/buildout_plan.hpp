#pragma once
//! The run-independent part of the build-out model: the scenario and site designs turned into
//! day indices, daily rates, production lanes, component pools and per-site requirements.
//! Built once by BuildoutModel; every replication reads it.

#include <array>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/units.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/sim/buildout/buildout_demand.hpp"
#include "rackscale/sim/buildout/buildout_index.hpp"
#include "rackscale/sim/buildout/factory_operations.hpp"
#include "rackscale/sim/buildout/site_power_draw.hpp"

namespace rackscale::sim {

//! A day that is never reached (later than any horizon; adding a few such days cannot overflow).
inline constexpr int kNeverDay = std::numeric_limits<int>::max() / 8;

//! Whole days of a duration, rounded up (a 48 h burn-in is 2 days, 0.2 days is 1) [days].
int ceil_days(units::Duration d);

//! A day-indexed step function: value of the last step whose day <= t; `before` until then.
struct DayStep {
  int day = 0;
  double value = 0.0;
};

//! All suppliers of one `component` string: one shared inventory.
struct PlanPool {
  std::string name;
  std::vector<SupplierIndex> suppliers;
};

//! A supplier as the model uses it.
struct PlanSupplier {
  std::string name;
  std::string component;
  PoolIndex pool{};
  double units_per_day = 0.0;  //!< capacity x share / 7 [units/day]
  model::DurationDistribution lead_time;
};

//! Units of a pool needed per rack (factory) or per site (long-lead, network).
struct PlanRequirement {
  PoolIndex pool{};
  long long count = 0;
};

//! Permitting, shell, fit-out, commissioning.
inline constexpr std::size_t kConstructionPhases = 4;

//! A firm order as the model uses it.
struct PlanFirmOrder {
  int racks = 0;
  int due_day = 0;  //!< deliver_by [day]
};

//! A contract as the model uses it (scenario order).
struct PlanContract {
  std::string name;
  std::vector<PlanFirmOrder> firm;  //!< scenario order
  int firm_racks = 0;               //!< sum of the firm orders [racks]
  int option_count = 0;
  double unit_price_usd = 0.0;  //!< price of a firm rack [USD/rack]
  //! Paid to the buyer per rack-week delivered late (`late_penalty`) [USD/(rack week)]
  double late_penalty_usd = 0.0;
};

//! When one site of a lane can take its racks, as the planner expects it: rack k (k = 1 ...
//! racks) is needed on the factory floor (started) on day start_day + ceil(k / racks_per_day)
//! - 1 (docs/models/buildout.md §4, "Release").
struct NeedRamp {
  int start_day = 0;         //!< expected readiness - transit - build and test days [day]
  double racks_per_day = 0;  //!< min(install, commissioning) crew rate [racks/day]
  long long racks = 0;       //!< the site's target [racks]
};

//! Racks of one rack system built by one factory: the unit of demand and production.
struct PlanLane {
  FactoryIndex factory{};
  std::string rack_system;
  long long firm_racks = 0;                    //!< firm orders of its contracts [racks]
  std::vector<ContractIndex> contracts;        //!< contracts served by the lane
  std::vector<PlanRequirement> per_rack;       //!< components consumed per rack started
  std::vector<SiteIndex> sites;                //!< sites with this rack system, priority order
  IndexedVector<SiteIndex, int> transit_days;  //!< per site (every site) [days]
  std::vector<NeedRamp> need;                  //!< one per lane site, for build to need
  //! Racks the lane's sites can take by each day (needed_by over `need`), tabulated once per
  //! plan since it depends on the day only; index = day [racks]
  std::vector<long long> needed_by_day;
  //! The planner's steady rate for backward scheduling from due dates: the smallest positive
  //! ramp step, the lines and each per-rack component's supply [racks/day]
  double planned_racks_per_day = 0.0;
  //! Start to final test with a margin: integration + burn-in + 2 x rework + 7 [days]
  int due_lead_days = 0;
  double rack_value_usd = 0.0;  //!< unit price of its first contract [USD/rack]
};

//! A factory as the model uses it.
struct PlanFactory {
  std::string name;
  std::vector<DayStep> ramp;  //!< racks/day from each day on; 0 before the first step
  int first_ramp_day = 0;
  //! lines x 24 h / takt time; infinity when the scenario gives no takt time [racks/day]
  double line_racks_per_day = 0.0;
  int integration_days = 1;  //!< integration time, whole days, at least 1
  int burn_in_days = 0;
  int rework_days = 0;
  double first_pass_yield = 1.0;
  bool has_test_cell = false;
  model::DurationDistribution test_cell_duration;
  std::vector<LaneIndex> lanes;      //!< in order of first appearance; served earliest due first
  PlanFactoryOperations operations;  //!< other buyers, burn-in slots, early access, learning
};

//! No buyer's demand decides the option: it is exercised for the sites' shortfall.
inline constexpr int kNoBuyer = -1;

//! How an option decided by a buyer's demand is exercised on its decision day.
enum class OptionDecision {
  Policy,  //!< the racks worth their price given what the run knows (racks_worth_exercising)
  All,     //!< all its racks, whatever is known (a counterfactual for the valuation)
};

//! A purchase option (contract order, then option order).
struct PlanOption {
  ContractIndex contract{};
  int option = 0;  //!< index within the contract
  LaneIndex lane{};
  int racks = 0;
  int open_day = 0, close_day = 0;
  double unit_price_usd = 0.0;  //!< [USD/rack]
  int buyer = kNoBuyer;         //!< BuildoutPlan::demand entry deciding it, or kNoBuyer
  OptionDecision decision = OptionDecision::Policy;
  //! Paid at the scenario start per rack on offer, exercised or not (`premium`) [USD/rack]
  double premium_usd = 0.0;
  //! The sites and lanes of its lane's rack system, in index order (its shortfall's scope)
  std::vector<SiteIndex> sites{};
  std::vector<LaneIndex> lanes{};
};

//! A site as the model uses it.
struct PlanSite {
  std::string name;
  std::string rack_system;
  int target = 0;  //!< SiteDesign::racks [racks]
  int gpus_per_rack = 0;
  double rack_design_mw = 0.0;       //!< [MW]
  double utility_mw_per_rack = 0.0;  //!< design utility demand / racks [MW]
  //! Racks the grid can energize from each step's scheduled day on (before its delay)
  std::vector<DayStep> grid_racks;
  //! Each step's energization delay (grid_racks order); drawn per run
  std::vector<model::DurationDistribution> grid_delays;
  //! The planner's first day the grid energizes at least one rack: scheduled day + the
  //! delay's median (rounded up to days)
  int first_grid_day = kNeverDay;
  //! Racks of the target the final grid step never energizes (design::grid_capped_racks) [racks]
  int grid_capped_racks = 0;
  //! The site's `power:` section; with it, each run's grid schedule is power_schedule's
  std::optional<PlanPower> power;
  int construction_start_day = 0;
  model::DurationDistribution permitting, shell, fit_out, commissioning;
  double install_per_day = 0.0;            //!< [racks/day]
  double commission_per_day = 0.0;         //!< [racks/day]
  std::vector<PlanRequirement> long_lead;  //!< needed in full before fit-out ends
  std::vector<PlanRequirement> network;    //!< consumed pro rata as racks are installed
  std::vector<LaneIndex> lanes;            //!< lanes of its rack system
  int expected_ready_day = 0;   //!< start + phase medians, no earlier than first_grid_day
  double rack_value_usd = 0.0;  //!< rack value of its first lane; 0 if none [USD/rack]
  //! The design's capex without the racks, by construction phase, paid when the phase starts
  //! (docs/models/deal.md §6) [USD]
  std::array<double, kConstructionPhases> phase_capex_usd{};
  //! The design's opex per year (energy, water, staff, maintenance) / racks / 365 [USD/(rack day)]
  double opex_usd_per_rack_day = 0.0;
};

//! Racks of a site's target its final grid step can power: the most worth buying and sending.
inline int powerable_racks(const PlanSite& site) {
  return site.target - site.grid_capped_racks;
}

//! Everything a replication needs that does not depend on the random draws.
struct BuildoutPlan {
  int days = 0;  //!< horizon rounded up to whole weeks [days]
  int weeks = 0;
  model::AllocationRule rule = model::AllocationRule::Priority;
  int exercise_lead_days = 0;
  //! An order's racks may start from its due day minus this; kNeverDay = no limit [days]
  int build_ahead_days = kNeverDay;
  model::ReleaseRule release = model::ReleaseRule::BuildToNeed;
  double cost_of_capital = 0.0;     //!< policies.finance.cost_of_capital [1/year]
  std::vector<SiteIndex> priority;  //!< allocation.order, then scenario order
  IndexedVector<PoolIndex, PlanPool> pools;
  IndexedVector<SupplierIndex, PlanSupplier> suppliers;
  IndexedVector<FactoryIndex, PlanFactory> factories;
  IndexedVector<LaneIndex, PlanLane> lanes;
  IndexedVector<OptionIndex, PlanOption> options;
  //! The options in the order they are considered each day: unit price, then scenario order
  std::vector<OptionIndex> options_by_price;
  IndexedVector<SiteIndex, PlanSite> sites;
  IndexedVector<ContractIndex, PlanContract> contracts;
  //! The buyers' demand (docs/models/deal.md); empty: options exercised by shortfall (§4)
  std::vector<PlanDemand> demand;
};

//! Builds the plan; throws rackscale::Error when the designs do not match the sites or a rack
//! system is not in the catalog.
BuildoutPlan make_buildout_plan(const model::Scenario& scenario, const model::Catalog& catalog,
                                const std::vector<design::SiteDesign>& designs);

//! Build to need (docs/models/buildout.md, "Release"): each lane's release ramp per site from the
//! sites' expected readiness and crews, its due-date lead and the value of its racks. Called by
//! make_buildout_plan, and again after a change to the sites, factories or suppliers (a
//! relaxation), so that the releases follow the changed plan.
void plan_release(BuildoutPlan& plan);

//! The planner's estimate of a site's ready day: the construction schedule at the phase
//! medians, no earlier than the grid's first rack [day].
int expected_ready_day(const PlanSite& site);

//! The component pool a bill-of-materials line draws from: a pool named after the item if one
//! exists, else the pool of its component class; kNoPool when no supplier constrains it.
PoolIndex pool_for_bom_line(const IndexedVector<PoolIndex, PlanPool>& pools,
                            const design::BomLine& line);

//! The component class of a bill-of-materials line ("transformer", "scale_out_switch",
//! "optics", ...), or empty when the line has none.
std::string component_class_of(const design::BomLine& line);

}  // namespace rackscale::sim
