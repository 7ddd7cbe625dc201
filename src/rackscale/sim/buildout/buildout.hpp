#pragma once
//! The build-out model, one replication: factories, component suppliers, contracts, shipping,
//! allocation and sites, advanced one day at a time from the scenario start; weekly series,
//! milestones and the binding constraint per site and week. Rules, assumptions and sources:
//! docs/models/buildout.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/sim/buildout/buildout_plan.hpp"
#include "rackscale/sim/buildout/factory_operations.hpp"

namespace rackscale::sim {

//! What the build-out needs: the scenario, its catalog and one design per site (in scenario
//! order, as design::design_sites returns them). The pointees must outlive the call.
struct BuildoutInput {
  const model::Scenario* scenario = nullptr;
  const model::Catalog* catalog = nullptr;
  const std::vector<design::SiteDesign>* sites = nullptr;
};

//! What held a site below its target in a week (docs/models/buildout.md, "Binding constraint").
enum class ConstraintKind {
  Contract,      //!< no racks contracted for the site (firm orders and exercised options used up)
  Factory,       //!< factory capacity, its ramp or test cell, or racks still in burn-in/rework
  Component,     //!< a component the factory or the installers wait for (item = pool name)
  Shipping,      //!< every missing rack is allocated and on the road
  Construction,  //!< permitting, shell, fit-out or commissioning of the facility
  LongLead,      //!< fit-out waits for long-lead equipment (item = pool name)
  Crews,         //!< install or commissioning crews
  Grid,          //!< the energization schedule caps the racks online
  Complete,      //!< target reached
};

//! A binding constraint: a kind and, for Component and LongLead, the component pool (its index
//! in the plan's pools and in BuildoutRun::components). Named only where text is needed
//! (to_string with the pools' names), so that a run's 13,000 site-weeks hold no string.
struct BindingConstraint {
  ConstraintKind kind = ConstraintKind::Complete;
  PoolIndex pool = kNoPool;  //!< Component and LongLead: the pool; else kNoPool
  friend bool operator==(const BindingConstraint&, const BindingConstraint&) = default;
};

//! "factory", "component", "long_lead", ...
std::string to_string(ConstraintKind k);
//! "factory", "component:gpu_tray", "long_lead:transformer", ...: `pool_name` is the name of
//! c.pool (not read when c names no pool).
std::string to_string(const BindingConstraint& c, std::string_view pool_name);

//! Constraint ids: the binding constraints of a model with `pools` pools numbered densely, for
//! tables indexed by constraint. The kinds without a pool first (0..8, the enum's values), then
//! per pool p its Component (9 + 2p) and LongLead (10 + 2p) constraints.
std::size_t constraint_ids(std::size_t pools);
//! The id of `c` (c.pool, if any, below the `pools` of constraint_ids).
std::size_t constraint_id(const BindingConstraint& c);
//! The constraint of an id below constraint_ids(pools).
BindingConstraint constraint_of_id(std::size_t id);
//! The name (to_string) of every constraint id of a model whose pools are named `pool_names`, in
//! pool order.
std::vector<std::string> constraint_names(const std::vector<std::string_view>& pool_names);
//! The ids 0..names.size()-1 sorted by their `names`: the order of the held-back lists.
std::vector<std::size_t> ids_by_name(const std::vector<std::string>& names);

//! Weekly series of one site (or of all sites). Index w is week w of the run; every value is
//! taken at the end of the week's last day (day 7w + 6). "cum" marks cumulative counts.
struct SiteSeries {
  std::vector<int> allocated;          //!< racks allocated to the site, cum (= shipped: allocation
                                       //!< happens on the ship day) [racks]
  std::vector<int> shipped;            //!< racks shipped to the site, cum [racks]
  std::vector<int> in_transit;         //!< racks on the road [racks]
  std::vector<int> delivered;          //!< racks arrived at the site, cum [racks]
  std::vector<int> storage;            //!< delivered, not yet installed [racks]
  std::vector<int> installed;          //!< placed and cabled, cum [racks]
  std::vector<int> commissioned;       //!< tested and handed over, cum [racks]
  std::vector<int> online;             //!< commissioned and energized [racks]
  std::vector<long long> gpus_online;  //!< [GPUs]
  std::vector<double> it_mw_online;    //!< online racks x rack design power [MW]
  //! Binding constraint of the week (empty for the all-sites total).
  std::vector<BindingConstraint> constraint;
};

//! Key days of a site; day d is d days after the scenario start; empty if not reached within
//! the simulated days.
struct SiteMilestones {
  std::optional<int> ready_day;         //!< facility commissioned: racks may be installed
  std::optional<int> first_online_day;  //!< first rack online
  std::optional<int> half_day;          //!< online >= ceil(target / 2)
  std::optional<int> full_day;          //!< online >= target
};

//! The sampled and derived construction schedule of a site [days from the scenario start].
struct SiteSchedule {
  int construction_start_day = 0;
  int permitting_days = 0, shell_days = 0, fit_out_days = 0, commissioning_days = 0;
  int shell_end_day = 0;  //!< construction start + permitting + shell
  //! All long-lead equipment on site; the construction start if none is constrained;
  //! kNeverDay if not within the run.
  int long_lead_day = 0;
  //! The pool that completed last, or (never complete) the one with the largest share
  //! missing; empty when no supplier constrains the site's long-lead gear.
  std::string long_lead_item;
  int fit_out_end_day = 0;     //!< max(shell end + fit-out, long-lead day); kNeverDay if never
  int ready_day = 0;           //!< fit-out end + commissioning; kNeverDay if never
  int expected_ready_day = 0;  //!< planner's estimate used for options and earliest_ready
  //! Each grid step's energization day in this run: its date + its drawn delay [day]
  std::vector<int> grid_step_days;
};

//! Rack-weeks and MW-weeks below target attributed to one constraint.
struct HeldBack {
  BindingConstraint constraint;
  double rack_weeks = 0.0;  //!< sum over weeks of (target - online) [rack-weeks]
  double mw_weeks = 0.0;    //!< the same times rack design power [MW-weeks]
};

//! Racks delivered to a site and not online, summed over the run's days by what they wait for
//! (docs/models/buildout.md §7, "Waiting racks").
struct SiteWaiting {
  double space_rack_weeks = 0.0;  //!< the site is not ready yet [rack-weeks]
  double power_rack_weeks = 0.0;  //!< beyond the racks the grid can energize [rack-weeks]
  double crews_rack_weeks = 0.0;  //!< the rest: install or commissioning crews, network gear
  double rack_value_usd = 0.0;    //!< the site's rack value (its first lane's unit price)
  //! cost of capital x rack value x waiting rack-days / 365.25 [USD]
  double carrying_cost_usd = 0.0;
  //! All three [rack-weeks]
  double rack_weeks() const { return space_rack_weeks + power_rack_weeks + crews_rack_weeks; }
};

//! One site's results.
struct SiteResult {
  std::string name;
  int target_racks = 0;            //!< SiteDesign::racks [racks]
  int gpus_per_rack = 0;           //!< [GPUs]
  double rack_design_kw = 0;       //!< rack design power [kW]
  double rack_design_mw = 0;       //!< the same [MW], the factor of SiteSeries::it_mw_online
  double utility_kw_per_rack = 0;  //!< design utility demand / racks [kW]
  int transit_days = 0;            //!< from the first factory serving the site; 0 if none [days]
  //! Racks of the target the final grid step never energizes (design::grid_capped_racks); the
  //! same in every run [racks]
  int grid_capped_racks = 0;
  SiteSeries weekly;
  SiteSeries daily;  //!< the same per day (index = day), only with BuildoutOptions::daily
  SiteMilestones milestones;
  SiteSchedule schedule;
  std::vector<HeldBack> held_back;  //!< sorted by constraint name (to_string)
  SiteWaiting waiting;
  //! Energy bridging generation delivered (`power:` bridging) [MWh]
  double bridging_mwh = 0.0;
};

//! Weekly series of one factory (all its products), values at the end of each week.
struct FactorySeries {
  std::vector<int> started;         //!< volume racks started, cum [racks]
  std::vector<int> in_integration;  //!< [racks]
  std::vector<int> in_burn_in;      //!< [racks]
  std::vector<int> in_rework;       //!< failed first-pass (or retest), in rework [racks]
  std::vector<int> finished;        //!< passed test, cum [racks]
  std::vector<int> shipped;         //!< cum [racks]
  std::vector<int> inventory;       //!< finished, not shipped (no site needs them) [racks]
  std::vector<int> failed_tests;    //!< tests failed, cum (a rack may fail more than once)
  std::vector<int> capacity;        //!< racks the factory could have started, cum [racks]
};

//! One factory's results.
struct FactoryResult {
  std::string name;
  int test_cell_days = 0;    //!< sampled test-cell duration [days]
  int volume_start_day = 0;  //!< first ramp date + test cell [day]
  FactorySeries weekly;
  double inventory_rack_weeks = 0.0;  //!< finished racks waiting at the factory [rack-weeks]
  //! cost of capital x rack value x inventory rack-days / 365.25 [USD]
  double inventory_carrying_cost_usd = 0.0;
  //! Early access, other buyers, burn-in slots and yield (inactive without those keys)
  FactoryOperationsResult operations;
  //! Per other buyer (`other_buyers` order), the units started in each week [units]
  std::vector<std::vector<long long>> other_buyers_weekly;
};

//! One supplier's results.
struct SupplierResult {
  std::string name;
  std::string component;
  int lead_time_days = 0;      //!< sampled [days]
  std::vector<int> delivered;  //!< cum, weekly [units]
};

//! One component pool (all suppliers of the same `component`).
struct ComponentResult {
  std::string name;                 //!< the suppliers' `component`
  std::vector<long long> on_hand;   //!< delivered, not yet consumed, weekly [units]
  std::vector<long long> consumed;  //!< cum, weekly [units]
};

//! How a firm order was met. A rack is delivered when it passes the factory's final test
//! (released for shipment); a lane's racks go to its orders earliest due date first.
struct FirmOrderResult {
  int racks = 0;                     //!< ordered [racks]
  int due_day = 0;                   //!< deliver_by [day]
  int on_time = 0;                   //!< delivered by the due day [racks]
  int delivered = 0;                 //!< delivered within the run [racks]
  std::optional<int> fulfilled_day;  //!< day the last rack was delivered; empty if not in the run
};

//! How late the racks of one order (firm or exercised) came: the racks delivered after the
//! due day, each by its days late, and the racks still missing at the end of the run, each
//! late from the due day to the end; settled on the day the last rack was delivered, or on the
//! run's last day (docs/models/deal.md §6).
struct OrderLateness {
  int settled_day = 0;        //!< [day]
  double late_rack_days = 0;  //!< [rack-days]
};

//! Racks of a contract delivered (passed the factory's final test) on one day at one price.
struct RackDelivery {
  int day = 0;                  //!< [day]
  int racks = 0;                //!< [racks]
  double unit_price_usd = 0.0;  //!< the firm price or the exercised option's [USD/rack]
};

//! One contract's results.
struct ContractResult {
  std::string name;
  int firm_racks = 0;                                  //!< [racks]
  std::vector<FirmOrderResult> firm;                   //!< per firm order, scenario order
  std::vector<int> exercised;                          //!< racks exercised per option [racks]
  std::vector<std::optional<int>> first_exercise_day;  //!< per option [day]
  //! Racks of each option's exercises delivered by their due day (exercise day + the
  //! allocation policy's exercise_lead) [racks]
  std::vector<int> exercised_on_time;
  double firm_spend_usd = 0.0;    //!< firm racks x the contract's unit price [USD]
  double option_spend_usd = 0.0;  //!< exercised racks x each option's unit price [USD]
  //! Orders with a rack late, in lane and due-day order
  std::vector<OrderLateness> lateness;
  //! Firm and exercised racks as delivered, in lane order and by day within a lane; each
  //! is paid on its day (docs/models/deal.md §6)
  std::vector<RackDelivery> deliveries;
};

//! One replication of the build-out.
struct BuildoutRun {
  std::uint64_t seed = 0;
  int run = 0;
  int days = 0;                   //!< simulated days: the horizon rounded up to whole weeks
  int weeks = 0;                  //!< days / 7
  std::vector<SiteResult> sites;  //!< scenario order
  SiteSeries total;               //!< sum over sites; no constraint series
  std::vector<FactoryResult> factories;
  std::vector<SupplierResult> suppliers;
  std::vector<ComponentResult> components;  //!< in order of each pool's first supplier
  std::vector<ContractResult> contracts;
  std::vector<HeldBack> held_back;  //!< over all sites, sorted by constraint name (to_string)
};

//! The name of `c` in `run`: to_string with its pool named by run.components.
std::string to_string(const BindingConstraint& c, const BuildoutRun& run);

//! Options of a replication.
struct BuildoutOptions {
  bool daily = false;  //!< also fill SiteResult::daily (no constraint series)
  //! Only what the counterfactual attribution reads (milestones, schedules, weekly series of
  //! sites, suppliers, factories and pools): no binding constraints, held-back capacity,
  //! all-sites totals, factory inventory costs or contract results.
  bool outcomes_only = false;
  //! With outcomes_only, the sites whose outcomes are read (every site when empty): the run
  //! ends on the day all of them are settled (nothing of theirs can change any more), their
  //! weekly series carried at their final values to the horizon. The other sites' weekly series
  //! are not recorded (zeros), every other series stops at that day (zeros after it), and the
  //! other sites' quiet days are not replayed.
  std::vector<SiteIndex> outcome_sites{};
  //! Skip a site's quiet days (nothing to install or commission until its next event) and
  //! replay them when it wakes: the same results, faster. false steps every site every day, the
  //! reference the skipping is tested against.
  bool skip_quiet_days = true;
  //! Keep the fixed part of the daily scans from day to day: an option's shortfall over its sites
  //! already ready, the sites still waiting for long-lead gear; and skip the network gear's check
  //! of a pool holding enough for every site's installs of the day (CrewDays::network_day_units).
  //! The same results, faster. false
  //! scans every site every day, the reference the kept scans are tested against.
  bool keep_scans = true;
};

//! Whole racks each site's crews handle on the k-th day from its ready day (k = 0, 1, ...): the
//! daily rate accumulated, its whole part used or lost, the fraction carried to the next day. The
//! same in every run (only the ready day is drawn), so tabulated once per model; sites with the
//! same rate share a table.
struct CrewDays {
  std::vector<std::vector<int>> tables;          //!< one per distinct daily rate, one entry per day
  std::vector<std::size_t> install, commission;  //!< each site's tables, scenario order
  //! Per pool: units of network gear that cover every site's installs of any day, the sum over
  //! sites of ceil(most racks its crews place in a day x units / target); a pool holding as many
  //! when the sites' day starts holds none of them back that day (BuildoutOptions::keep_scans).
  std::vector<long long> network_day_units;
};

//! The prepared, run-independent part of the model (lanes, pools, transit days, expected
//! readiness); build once, then run any number of replications, concurrently if wished.
class BuildoutModel {
 public:
  //! Checks and prepares the input; throws rackscale::Error if the designs do not match the
  //! scenario's sites or a rack system is missing from the catalog.
  explicit BuildoutModel(const BuildoutInput& input, BuildoutOptions options = {});
  //! A model over a prepared plan, e.g. one with constraints relaxed (buildout_relaxation.hpp).
  explicit BuildoutModel(BuildoutPlan plan, BuildoutOptions options = {});
  //! One replication; the result depends only on (seed, run).
  BuildoutRun run(std::uint64_t seed, int run) const;
  //! The same replication into `out`, whose vectors are reused (whatever `out` held before, it
  //! ends equal to run(seed, run)): a thread running many replications allocates once.
  void run(std::uint64_t seed, int run, BuildoutRun& out) const;
  const BuildoutPlan& plan() const { return plan_; }

 private:
  BuildoutPlan plan_;
  BuildoutOptions options_;
  CrewDays crew_days_;
  std::vector<std::size_t> constraint_order_;  // constraint ids by name (ids_by_name)
};

//! One replication: BuildoutModel(input).run(seed, run).
BuildoutRun simulate_buildout(const BuildoutInput& input, std::uint64_t seed, int run);

}  // namespace rackscale::sim
