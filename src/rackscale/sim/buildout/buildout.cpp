#include "rackscale/sim/buildout/buildout.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string_view>
#include <utility>

#include "rackscale/core/checked.hpp"
#include "rackscale/design/grid_cap.hpp"
#include "rackscale/sim/buildout/buildout_attribution.hpp"
#include "rackscale/sim/buildout/buildout_index.hpp"
#include "rackscale/sim/buildout/buildout_orders.hpp"
#include "rackscale/sim/buildout/buildout_sampling.hpp"
#include "rackscale/sim/buildout/day_ring.hpp"
#include "rackscale/sim/buildout/factory_operations.hpp"

namespace rackscale::sim {

namespace {

using std::size_t;

// Tolerance when flooring accumulated fractional capacity: 7 x (1000/7) must give 1000.
constexpr double kEps = 1e-9;

// std::floor(x) for x >= 0, inline: std::floor is a library call on baseline x86-64 and the daily
// loop floors several rates a site-day. Below 2^52 truncation is the floor of a non-negative
// double; from 2^52 on every double is an integer (and NaN stays NaN).
constexpr double kAllIntegers = 4503599627370496.0;  // 2^52
double floor_nonnegative(double x) {
  return x < kAllIntegers ? static_cast<double>(static_cast<long long>(x)) : x;
}

// checked_int<long long>(whole, what) of a whole number >= 0, inline below 2^52 (where the
// conversion is exact), where checked_int's std::trunc is a library call; checked_int names
// anything else (NaN, infinite, too large) as before.
long long whole_count(double whole, std::string_view what) {
  return whole < kAllIntegers ? static_cast<long long>(whole) : checked_int<long long>(whole, what);
}

// Whole units of an accumulated daily rate: takes floor(credit) out of `credit` and returns it.
// Capacity not used today is lost; only the fraction below one unit carries over.
long long take_whole(double& credit) {
  const double whole = floor_nonnegative(credit + kEps);  // credit >= 0
  credit = std::max(0.0, credit - whole);
  return whole_count(whole, "the whole units of a daily rate");
}

// Value of a step function on `day`.
double step_value(const std::vector<DayStep>& steps, int day) {
  double value = 0.0;
  for (const DayStep& step : steps) {
    if (step.day > day) break;
    value = step.value;
  }
  return value;
}

// Days of a year, for the carrying cost of a daily rack count: the Julian year.
constexpr double kDaysPerYear = 365.25;

// A vector with one entry per simulated day, indexed by the day.
template <class T>
using ByDay = IndexedVector<int, T>;

// A component pool: one inventory shared by its suppliers [units].
struct PoolState {
  long long on_hand = 0, consumed = 0;
  void receive(long long units) { on_hand += units; }
  void consume(long long units) {
    on_hand -= units;
    consumed += units;
  }
};

// A supplier: its sampled lead time and its deliveries so far.
struct SupplierState {
  int lead_time_day = 0;    // first delivery [day]
  long long delivered = 0;  // cum [units]
};

// A factory: its sampled volume start, its stream of test failures and its capacity credits.
struct FactoryState {
  explicit FactoryState(Rng stream) : yield_stream(stream) {}
  Rng yield_stream;
  int volume_start_day = kNeverDay;
  double ramp_credit = 0.0;  // fraction of a rack carried to the next day [racks]
  double line_credit = 0.0;  // the same for the lines [racks]
  long long capacity = 0;    // racks it could have started, cum [racks]
  long long inventory_rack_days = 0;
  double inventory_value_days = 0.0;  // sum over days of inventory x rack value [USD-days]
  FactoryOperationsState operations;  // other buyers, burn-in slots, qualification, yield
};

// A production lane [racks; "cum" counts since the start].
struct LaneState {
  long long demand = 0;                                                // firm + exercised
  long long started = 0, first_tested = 0, finished = 0, shipped = 0;  // cum
  long long inventory = 0, in_rework = 0, in_integration = 0;
  long long failed_tests = 0;  // cum
  OrderBook book;              // firm orders and exercised options
  DayRing started_on;          // racks started on the day (integration days)
  DayRing first_test;          // racks reaching their first test on the day (integration + burn-in)
  DayRing retest;              // racks back from rework on the day (rework days)
  std::vector<double> share_credit;            // proportional rule: entitlement per lane site
  std::array<int, kLimiterKinds> week_days{};  // days of this week per start limiter
  PoolIndex week_pool = kNoPool;               // last limiting pool this week
  std::vector<SiteIndex> site_order;           // earliest-ready rule: its sites by readiness
  int site_order_until = -1;    // site_order holds before this day (sort_by_readiness)
  int site_order_version = -1;  // RunState::readiness_version when site_order was sorted
};

// A site [days from the scenario start; racks].
struct SiteState {
  int permitting_days = 0, shell_days = 0, fit_out_days = 0, commissioning_days = 0;  // sampled
  int fit_out_planned_day = 0;         // shell end + fit-out
  int long_lead_day = kNeverDay;       // all long-lead gear on site
  PoolIndex long_lead_pool = kNoPool;  // the pool completed last
  int fit_out_end_day = kNeverDay, ready_day = kNeverDay;
  std::vector<long long> long_lead_received;  // per PlanSite::long_lead [units]
  std::vector<long long> network_used;        // per PlanSite::network [units]
  DayRing arrivals;                           // racks arriving on the day (the transit days)
  long long allocated = 0, delivered = 0, installed = 0, commissioned = 0, online = 0;
  int crew_days = 0;  // days its crews turned over since the ready day (CrewDays' k)
  int first_arrival_day = kNeverDay;
  Limiter install_limiter;          // what held installs back the last time they were held
  std::vector<int> grid_step_days;  // each grid step's energization day (date + drawn delay)
  std::vector<DayStep> grid;        // racks energized from each day on, by day
  int first_grid_day = kNeverDay;   // first day the grid energizes a rack
  size_t grid_step = 0;             // next step of `grid`
  double grid_racks = 0.0;          // racks the grid energizes
  std::vector<PowerStep> power;     // with `power:`: MW from each day on, by day
  size_t power_step = 0;            // next step of `power`
  PowerStep power_now;              // the power of today
  double bridging_mwh = 0.0;        // energy bridging generation delivered [MWh]
  long long space_rack_days = 0, power_rack_days = 0, crews_rack_days = 0;  // waiting racks
  bool settled = false;       // nothing of the site can change any more (is_settled)
  int last_arrival_day = -1;  // the latest day a rack shipped so far arrives
  // Quiet days (is_quiet): the site is next advanced on wake_day; its days from quiet_from on
  // are replayed (replay_quiet_days) when it wakes or the run ends.
  int wake_day = 0, quiet_from = 0;
};

// What the daily scans over all sites (option shortfall, allocation, earliest-ready order) read of
// a site, copied together so that a scan reads a few cache lines rather than two per site.
struct SiteScan {
  int ready_day = kNeverDay;     // SiteState::ready_day
  int expected_ready_day = 0;    // PlanSite::expected_ready_day
  long long need = 0;            // powerable_racks - SiteState::allocated [racks]
  double install_per_day = 0.0;  // PlanSite::install_per_day [racks/day]
  int powerable = 0;             // powerable_racks [racks]
};

// The part of an option's shortfall kept from day to day (BuildoutOptions::keep_scans): the
// usable racks of its sites ready by the day it was computed, fixed from then on (their known ready
// day is their ready day), and its other sites, scanned each day. Computed again when a ready day
// is drawn or reached, so that the scanned sites stay few.
struct OptionScan {
  int version = -1;                // RunState::readiness_version when computed
  int until = -1;                  // computed again from this day: the first drawn ready day ahead
  long long ready_needed = 0;      // usable racks of the ready sites [racks]
  std::vector<SiteIndex> pending;  // the sites not ready yet, in the option's order
};

// Buffers reused from day to day, so the daily loop does not allocate.
struct Scratch {
  std::vector<LaneIndex> lanes;
  std::vector<long long> need, give;
  std::vector<int> ranking;
  std::vector<std::pair<int, size_t>> ready_order;  // (known ready day, position in the lane)
};

// The state of one replication, advanced a day at a time by the phase functions below.
struct RunState {
  RunState(const BuildoutPlan& plan, const CrewDays& crew_days, std::uint64_t seed, int run,
           const BuildoutOptions& options, BuildoutRun&& recycled);

  SiteResult& site_result(SiteIndex site) { return result.sites[position(site)]; }
  ContractResult& contract_result(ContractIndex contract) {
    return result.contracts[position(contract)];
  }

  const BuildoutPlan& plan;
  const CrewDays& crew_days;
  bool daily = false;            // BuildoutOptions::daily
  bool skip_quiet_days = false;  // BuildoutOptions::skip_quiet_days
  bool keep_scans = false;       // BuildoutOptions::keep_scans
  // With BuildoutOptions::outcomes_only, its outcome_sites: the only sites whose weeks are
  // recorded; else null.
  const std::vector<SiteIndex>* outcome_sites = nullptr;
  IndexedVector<SupplierIndex, SupplierState> suppliers;
  IndexedVector<FactoryIndex, FactoryState> factories;
  IndexedVector<PoolIndex, PoolState> pools;
  IndexedVector<LaneIndex, LaneState> lanes;
  IndexedVector<SiteIndex, SiteState> sites;
  IndexedVector<SiteIndex, SiteScan> scan;  // kept equal to `sites` and the plan's sites
  IndexedVector<OptionIndex, long long> option_racks_left;
  IndexedVector<OptionIndex, OptionScan> option_scans;  // with keep_scans
  std::vector<SiteIndex> long_lead_waiting;  // with keep_scans: sites missing gear, by priority
  // With keep_scans, per pool: it holds CrewDays::network_day_units as the sites' day starts
  IndexedVector<PoolIndex, char> network_ample;
  bool all_network_ample = false;          // every pool does
  std::vector<DemandPath> demand;          // per BuildoutPlan::demand entry, this run's path
  std::vector<PoolIndex> long_lead_pools;  // the pools any site's long-lead gear comes from
  int readiness_version = 0;               // ready days drawn so far (sites' ready_day set)
  AttributionInput attribution;
  Scratch scratch;
  BuildoutRun result;
};

// ---- Series.

void resize_series(SiteSeries& series, int length) {
  const auto n = static_cast<size_t>(length);
  series.allocated.assign(n, 0);
  series.shipped.assign(n, 0);
  series.in_transit.assign(n, 0);
  series.delivered.assign(n, 0);
  series.storage.assign(n, 0);
  series.installed.assign(n, 0);
  series.commissioned.assign(n, 0);
  series.online.assign(n, 0);
  series.gpus_online.assign(n, 0);
  series.it_mw_online.assign(n, 0.0);
}

void resize_series(FactorySeries& series, int length) {
  const auto n = static_cast<size_t>(length);
  for (auto* values : {&series.started, &series.in_integration, &series.in_burn_in,
                       &series.in_rework, &series.finished, &series.shipped, &series.inventory,
                       &series.failed_tests, &series.capacity}) {
    values->assign(n, 0);
  }
}

// Adds a site's weekly series to the all-sites total.
void add_series(SiteSeries& total, const SiteSeries& site) {
  const size_t n = site.online.size();  // every series has one value per week
  auto add = [n](auto& to, const auto& from) {
    const size_t common = std::min(n, to.size());  // one bound: the loop vectorizes
    for (size_t i = 0; i < common; ++i) to[i] += from[i];
  };
  add(total.allocated, site.allocated);
  add(total.shipped, site.shipped);
  add(total.in_transit, site.in_transit);
  add(total.delivered, site.delivered);
  add(total.storage, site.storage);
  add(total.installed, site.installed);
  add(total.commissioned, site.commissioned);
  add(total.online, site.online);
  add(total.gpus_online, site.gpus_online);
  add(total.it_mw_online, site.it_mw_online);
}

// Writes a site's state into slot `slot` of a series.
void record_site(SiteSeries& series, size_t slot, const SiteState& state, const PlanSite& site) {
  series.allocated[slot] = static_cast<int>(state.allocated);
  series.shipped[slot] = static_cast<int>(state.allocated);
  series.delivered[slot] = static_cast<int>(state.delivered);
  series.in_transit[slot] = static_cast<int>(state.allocated - state.delivered);
  series.storage[slot] = static_cast<int>(state.delivered - state.installed);
  series.installed[slot] = static_cast<int>(state.installed);
  series.commissioned[slot] = static_cast<int>(state.commissioned);
  series.online[slot] = static_cast<int>(state.online);
  series.gpus_online[slot] = state.online * site.gpus_per_rack;
  series.it_mw_online[slot] = static_cast<double>(state.online) * site.rack_design_mw;
}

// ---- Start of a run: the draws, once per run, each entity from its own stream; empty results.

void start_suppliers(RunState& state, std::uint64_t seed, int run) {
  const BuildoutPlan& plan = state.plan;
  state.suppliers.resize(plan.suppliers.size());
  state.result.suppliers.resize(plan.suppliers.size());
  for (SupplierIndex index : plan.suppliers.indices()) {
    const PlanSupplier& supplier = plan.suppliers[index];
    Rng stream = make_stream(seed, run, StreamKind::SupplierLeadTime, position(index));
    const int lead_time_days = sample_days(supplier.lead_time, stream);
    state.suppliers[index].lead_time_day = lead_time_days;
    SupplierResult& result = state.result.suppliers[position(index)];
    result.name = supplier.name;
    result.component = supplier.component;
    result.lead_time_days = lead_time_days;
    result.delivered.assign(static_cast<size_t>(plan.weeks), 0);
  }
}

void start_factories(RunState& state, std::uint64_t seed, int run) {
  const BuildoutPlan& plan = state.plan;
  state.factories.reserve(plan.factories.size());
  state.result.factories.resize(plan.factories.size());
  for (FactoryIndex index : plan.factories.indices()) {
    const PlanFactory& factory = plan.factories[index];
    int test_cell_days = 0;
    if (factory.has_test_cell) {
      Rng stream = make_stream(seed, run, StreamKind::TestCell, position(index));
      test_cell_days = sample_days(factory.test_cell_duration, stream);
    }
    FactoryState& factory_state = state.factories.emplace_back(
        make_stream(seed, run, StreamKind::FirstPassYield, position(index)));
    factory_state.volume_start_day =
        factory.first_ramp_day >= kNeverDay ? kNeverDay : factory.first_ramp_day + test_cell_days;
    if (factory.operations.active) {
      factory_state.operations =
          FactoryOperationsState(factory.operations, seed, run, position(index), plan.days,
                                 factory_state.volume_start_day);
    }
    FactoryResult& result = state.result.factories[position(index)];
    result.name = factory.name;
    result.test_cell_days = test_cell_days;
    result.volume_start_day = factory_state.volume_start_day;
    resize_series(result.weekly, plan.weeks);
  }
}

// The construction phases of a site, drawn in order from its stream.
SiteState draw_site(const PlanSite& site, Rng& stream, int transit_window) {
  SiteState state;
  state.permitting_days = sample_days(site.permitting, stream);
  state.shell_days = sample_days(site.shell, stream);
  state.fit_out_days = sample_days(site.fit_out, stream);
  state.commissioning_days = sample_days(site.commissioning, stream);
  state.fit_out_planned_day =
      site.construction_start_day + state.permitting_days + state.shell_days + state.fit_out_days;
  state.long_lead_received.assign(site.long_lead.size(), 0);
  state.network_used.assign(site.network.size(), 0);
  state.arrivals = DayRing(transit_window);
  if (site.long_lead.empty()) state.long_lead_day = -kNeverDay;
  return state;
}

// The run's grid schedule: each step's energization day = scheduled day + its delay, drawn in
// step order from the site's own grid stream (a fixed delay draws nothing). A step energized
// before an earlier one brings its total capacity at once: the racks energized on a day are
// those of the largest step energized by then.
void draw_grid(SiteState& state, const PlanSite& site, Rng& stream) {
  for (size_t step = 0; step < site.grid_racks.size(); ++step) {
    const int day = site.grid_racks[step].day + sample_days(site.grid_delays[step], stream);
    state.grid_step_days.push_back(day);
    state.grid.push_back({day, site.grid_racks[step].value});
  }
  std::stable_sort(state.grid.begin(), state.grid.end(),
                   [](const DayStep& a, const DayStep& b) { return a.day < b.day; });
  double energized = 0.0;
  for (DayStep& step : state.grid) {
    energized = std::max(energized, step.value);
    step.value = energized;
    if (energized >= 1.0 && state.first_grid_day == kNeverDay) state.first_grid_day = step.day;
  }
}

// With `power:`, the run's grid schedule is the power the site has from each day on
// (site_power_draw.hpp) in racks, its days drawn from the site's power stream.
void draw_power(SiteState& state, const PlanSite& site, Rng& stream) {
  state.power =
      power_schedule(*site.power, state.grid_step_days, draw_power_days(*site.power, stream));
  state.grid.clear();
  state.first_grid_day = kNeverDay;
  for (const PowerStep& step : state.power) {
    const int racks = design::energized_racks(step.mw, site.utility_mw_per_rack, site.target);
    state.grid.push_back({step.day, static_cast<double>(racks)});
    if (racks >= 1 && state.first_grid_day == kNeverDay) state.first_grid_day = step.day;
  }
}

void start_site_result(SiteResult& result, const BuildoutPlan& plan, SiteIndex index, bool daily) {
  const PlanSite& site = plan.sites[index];
  result.name = site.name;
  result.target_racks = site.target;
  result.gpus_per_rack = site.gpus_per_rack;
  result.rack_design_kw = site.rack_design_mw * 1000.0;
  result.rack_design_mw = site.rack_design_mw;
  result.utility_kw_per_rack = site.utility_mw_per_rack * 1000.0;
  result.transit_days = site.lanes.empty() ? 0 : plan.lanes[site.lanes.front()].transit_days[index];
  result.grid_capped_racks = site.grid_capped_racks;
  resize_series(result.weekly, plan.weeks);
  if (daily) resize_series(result.daily, plan.days);
}

// The longest transit of any lane, no longer than the run: arrivals are at most that far ahead.
int transit_window(const BuildoutPlan& plan) {
  int longest = 0;
  for (const PlanLane& lane : plan.lanes) {
    for (const int days : lane.transit_days) longest = std::max(longest, days);
  }
  return std::min(longest, plan.days);
}

void start_sites(RunState& state, std::uint64_t seed, int run) {
  const BuildoutPlan& plan = state.plan;
  const int window = transit_window(plan);
  state.sites.reserve(plan.sites.size());
  state.result.sites.resize(plan.sites.size());
  for (SiteIndex index : plan.sites.indices()) {
    Rng stream = make_stream(seed, run, StreamKind::SitePhases, position(index));
    SiteState& site = state.sites.emplace_back(draw_site(plan.sites[index], stream, window));
    Rng grid_stream = make_stream(seed, run, StreamKind::GridDelay, position(index));
    draw_grid(site, plan.sites[index], grid_stream);
    if (plan.sites[index].power) {
      Rng power_stream = make_stream(seed, run, StreamKind::SitePower, position(index));
      draw_power(site, plan.sites[index], power_stream);
    }
    start_site_result(state.site_result(index), plan, index, state.daily);
    const PlanSite& plan_site = plan.sites[index];
    state.scan.push_back({.ready_day = site.ready_day,
                          .expected_ready_day = plan_site.expected_ready_day,
                          .need = powerable_racks(plan_site),
                          .install_per_day = plan_site.install_per_day,
                          .powerable = powerable_racks(plan_site)});
  }
}

// Each lane's firm orders in its book; no racks in the factory yet.
void start_lanes(RunState& state) {
  const BuildoutPlan& plan = state.plan;
  state.lanes.resize(plan.lanes.size());
  for (LaneIndex index : plan.lanes.indices()) {
    LaneState& lane = state.lanes[index];
    lane.demand = plan.lanes[index].firm_racks;
    for (ContractIndex contract : plan.lanes[index].contracts) {
      const std::vector<PlanFirmOrder>& firm = plan.contracts[contract].firm;
      for (size_t order = 0; order < firm.size(); ++order) {
        lane.book.add({.due_day = firm[order].due_day,
                       .racks = firm[order].racks,
                       .contract = contract,
                       .firm = static_cast<int>(order)});
      }
    }
    const PlanFactory& factory = plan.factories[plan.lanes[index].factory];
    lane.started_on = DayRing(std::min(factory.integration_days, plan.days));
    lane.first_test = DayRing(std::min(factory.integration_days + factory.burn_in_days, plan.days));
    lane.retest = DayRing(std::min(factory.rework_days, plan.days));
  }
}

void start_contracts(RunState& state) {
  const BuildoutPlan& plan = state.plan;
  for (const PlanOption& option : plan.options) state.option_racks_left.push_back(option.racks);
  state.option_scans.resize(plan.options.size());
  state.result.contracts.resize(plan.contracts.size());
  for (ContractIndex index : plan.contracts.indices()) {
    const PlanContract& contract = plan.contracts[index];
    ContractResult& result = state.contract_result(index);
    result.name = contract.name;
    result.firm_racks = contract.firm_racks;
    for (const PlanFirmOrder& order : contract.firm) {
      FirmOrderResult& firm = result.firm.emplace_back();
      firm.racks = order.racks;
      firm.due_day = order.due_day;
    }
    const auto options = static_cast<size_t>(contract.option_count);
    result.exercised.assign(options, 0);
    result.first_exercise_day.assign(options, std::nullopt);
    result.exercised_on_time.assign(options, 0);
    result.firm_spend_usd = static_cast<double>(contract.firm_racks) * contract.unit_price_usd;
  }
}

void start_components(RunState& state) {
  const BuildoutPlan& plan = state.plan;
  const auto weeks = static_cast<size_t>(plan.weeks);
  state.result.components.resize(plan.pools.size());
  for (PoolIndex index : plan.pools.indices()) {
    ComponentResult& result = state.result.components[position(index)];
    result.name = plan.pools[index].name;
    result.on_hand.assign(weeks, 0);
    result.consumed.assign(weeks, 0);
  }
}

// ---- Reuse of an earlier run's result: the memory of its series, nothing of its values.

// The site's name and series buffers; every value is set again (start_site_result); the binding
// constraints (all overwritten by attribute_constraints) only when the run attributes them, and
// the daily series only for a daily run.
SiteResult recycled_site(SiteResult&& old, const BuildoutOptions& options) {
  SiteResult site;
  site.name = std::move(old.name);
  site.weekly = std::move(old.weekly);
  if (options.outcomes_only) site.weekly.constraint.clear();
  if (options.daily) site.daily = std::move(old.daily);
  return site;
}

FactoryResult recycled_factory(FactoryResult&& old) {
  FactoryResult factory;
  factory.name = std::move(old.name);
  factory.weekly = std::move(old.weekly);
  return factory;
}

// An earlier run's result emptied of its values, its buffers kept for the next run: suppliers
// and components are set whole by the start of a run, the rest as recycled_site says; contracts
// and held-back lists start empty.
BuildoutRun recycled_run(BuildoutRun&& old, const BuildoutOptions& options) {
  BuildoutRun run;
  for (SiteResult& site : old.sites) run.sites.push_back(recycled_site(std::move(site), options));
  for (FactoryResult& factory : old.factories) {
    run.factories.push_back(recycled_factory(std::move(factory)));
  }
  run.suppliers = std::move(old.suppliers);
  run.components = std::move(old.components);
  if (!options.outcomes_only) run.total = std::move(old.total);
  return run;
}

RunState::RunState(const BuildoutPlan& plan_, const CrewDays& crew_days_, std::uint64_t seed,
                   int run, const BuildoutOptions& options, BuildoutRun&& recycled)
    : plan(plan_),
      crew_days(crew_days_),
      daily(options.daily),
      skip_quiet_days(options.skip_quiet_days),
      keep_scans(options.keep_scans),
      outcome_sites(options.outcomes_only ? &options.outcome_sites : nullptr),
      pools(plan_.pools.size()),
      network_ample(plan_.pools.size()),
      attribution(plan_.sites.size(), plan_.lanes.size(), plan_.weeks),
      result(recycled_run(std::move(recycled), options)) {
  result.seed = seed;
  result.run = run;
  result.days = plan.days;
  result.weeks = plan.weeks;
  start_suppliers(*this, seed, run);
  start_factories(*this, seed, run);
  start_sites(*this, seed, run);
  start_lanes(*this);
  start_contracts(*this);
  start_components(*this);
  for (const PlanSite& site : plan.sites) {
    for (const PlanRequirement& requirement : site.long_lead) {
      if (std::find(long_lead_pools.begin(), long_lead_pools.end(), requirement.pool) ==
          long_lead_pools.end()) {
        long_lead_pools.push_back(requirement.pool);
      }
    }
  }
  for (std::size_t buyer = 0; buyer < plan.demand.size(); ++buyer) {
    demand.push_back(sample_demand(plan.demand[buyer], seed, run, buyer));
  }
  for (SiteIndex index : plan.priority) {
    if (sites[index].long_lead_day == kNeverDay) long_lead_waiting.push_back(index);
  }
}

// ---- 1. Supplier deliveries: capacity x share per week from the lead-time day on.

void deliver_supplies(RunState& state, int day) {
  for (SupplierIndex index : state.plan.suppliers.indices()) {
    const PlanSupplier& supplier = state.plan.suppliers[index];
    SupplierState& supplier_state = state.suppliers[index];
    if (day < supplier_state.lead_time_day) continue;
    const double days_delivering = static_cast<double>(day - supplier_state.lead_time_day + 1);
    const auto cumulative =
        whole_count(floor_nonnegative(days_delivering * supplier.units_per_day + kEps),
                    "the racks a supplier has delivered");
    const long long increment = cumulative - supplier_state.delivered;
    if (increment <= 0) continue;
    supplier_state.delivered = cumulative;
    state.pools[supplier.pool].receive(increment);
  }
}

// Gear the factories built for the sites (sites[].gear_from) reaching them today.
void deliver_factory_gear(RunState& state, int day) {
  for (FactoryIndex index : state.plan.factories.indices()) {
    const std::vector<PlanPartnerGear>& orders =
        state.plan.factories[index].operations.partner_gear;
    for (std::size_t entry = 0; entry < orders.size(); ++entry) {
      state.pools[orders[entry].pool].receive(
          state.factories[index].operations.gear_arriving(entry, day));
    }
  }
}

// ---- 2. Long-lead equipment to sites, in priority order.

// Takes what the pools have of the site's missing long-lead gear; true when all is on site.
bool receive_long_lead(RunState& state, const PlanSite& site, SiteState& site_state) {
  bool complete = true;
  for (size_t item = 0; item < site.long_lead.size(); ++item) {
    const PlanRequirement& requirement = site.long_lead[item];
    long long& received = site_state.long_lead_received[item];
    const long long missing = requirement.count - received;
    if (missing <= 0) continue;
    PoolState& pool = state.pools[requirement.pool];
    const long long taken = std::min(missing, pool.on_hand);
    pool.consume(taken);
    received += taken;
    if (received < requirement.count) {
      complete = false;
    } else {
      site_state.long_lead_pool = requirement.pool;  // completed today: the latest so far
    }
  }
  return complete;
}

void deliver_long_lead(RunState& state, int day) {
  // With every long-lead pool empty no site receives anything: most days, the gear comes rarely.
  const auto stocked = [&state](PoolIndex pool) { return state.pools[pool].on_hand > 0; };
  if (std::none_of(state.long_lead_pools.begin(), state.long_lead_pools.end(), stocked)) return;
  // With keep_scans, only the sites still missing gear (the others are skipped below).
  const std::vector<SiteIndex>& sites =
      state.keep_scans ? state.long_lead_waiting : state.plan.priority;
  bool completed = false;
  for (SiteIndex index : sites) {
    SiteState& site_state = state.sites[index];
    if (site_state.long_lead_day != kNeverDay) continue;
    if (receive_long_lead(state, state.plan.sites[index], site_state)) {
      site_state.long_lead_day = day;
      completed = true;
      // Its fit-out may now end: on the planned day, or today if that has passed.
      site_state.wake_day =
          std::min(site_state.wake_day, std::max(site_state.fit_out_planned_day, day));
    }
  }
  if (completed && state.keep_scans) {
    std::erase_if(state.long_lead_waiting, [&state](SiteIndex index) {
      return state.sites[index].long_lead_day != kNeverDay;
    });
  }
}

// ---- 3. Purchase options: the cheapest open option first, for the shortfall of racks that
//         sites expected ready within the exercise lead can power and install before the
//         option's window closes. Only what the planner knows on the day is used.

// A site's readiness as known on `day`: its ready day once reached, else the planner's
// estimate (expected_ready_day), no earlier than tomorrow. Never the run's later draws.
int known_ready_day(const RunState& state, SiteIndex index, int day) {
  const SiteScan& site = state.scan[index];
  return site.ready_day <= day ? site.ready_day : std::max(site.expected_ready_day, day + 1);
}

// Racks of a site an option closing on `close_day` can serve: no more than the final grid
// step powers, and no more than its install crews place from its known readiness to the close.
long long usable_racks(const RunState& state, SiteIndex index, int close_day, int day) {
  const SiteScan& site = state.scan[index];
  const int install_days = std::max(0, close_day - known_ready_day(state, index, day) + 1);
  const auto installable =
      static_cast<long long>(floor_nonnegative(site.install_per_day * install_days + kEps));
  return std::min(static_cast<long long>(site.powerable), installable);
}

// The site's usable racks (usable_racks) if it is known or expected ready by `day` + the
// exercise lead, else 0.
long long expected_usable_racks(const RunState& state, SiteIndex index, int close_day, int day) {
  return known_ready_day(state, index, day) <= day + state.plan.exercise_lead_days
             ? usable_racks(state, index, close_day, day)
             : 0;
}

// The option's kept scan (OptionScan) computed on `day`. A site counts as ready once its ready
// day is reached and within the exercise lead: its usable racks never change after that.
void rescan_option(RunState& state, OptionIndex index, int day) {
  const PlanOption& option = state.plan.options[index];
  OptionScan& scan = state.option_scans[index];
  scan.version = state.readiness_version;
  scan.until = kNeverDay;
  scan.ready_needed = 0;
  scan.pending.clear();
  for (SiteIndex site : option.sites) {
    const int ready_day = state.scan[site].ready_day;
    if (ready_day <= day && ready_day <= day + state.plan.exercise_lead_days) {
      scan.ready_needed += usable_racks(state, site, option.close_day, day);
    } else {
      scan.pending.push_back(site);
      if (ready_day > day) scan.until = std::min(scan.until, ready_day);
    }
  }
}

// Racks of the option's rack system usable (usable_racks) by the sites known or expected ready
// by `day` + the exercise lead, less the racks ordered for it (firm and exercised).
long long option_shortfall(RunState& state, OptionIndex index, int day) {
  const PlanOption& option = state.plan.options[index];
  long long needed = 0, covered = 0;
  const std::vector<SiteIndex>* sites = &option.sites;
  if (state.keep_scans) {
    OptionScan& scan = state.option_scans[index];
    if (scan.version != state.readiness_version || day >= scan.until) {
      rescan_option(state, index, day);
    }
    needed = scan.ready_needed;
    sites = &scan.pending;
  }
  for (SiteIndex site : *sites) needed += expected_usable_racks(state, site, option.close_day, day);
  for (LaneIndex lane : option.lanes) covered += state.lanes[lane].demand;
  return needed - covered;
}

void exercise(RunState& state, OptionIndex index, long long racks, int day) {
  const PlanOption& option = state.plan.options[index];
  state.option_racks_left[index] -= racks;
  LaneState& lane = state.lanes[option.lane];
  lane.demand += racks;
  lane.book.add({.due_day = day + state.plan.exercise_lead_days,
                 .racks = racks,
                 .contract = option.contract,
                 .option = index});
  ContractResult& contract = state.contract_result(option.contract);
  const auto option_in_contract = static_cast<size_t>(option.option);
  contract.exercised[option_in_contract] += static_cast<int>(racks);
  auto& first_day = contract.first_exercise_day[option_in_contract];
  if (!first_day) first_day = day;
}

// An option a buyer's demand decides, on its decision day (its window's close): the racks
// worth their price given the demand seen so far, no more than sites can power by then
// (docs/models/deal.md, "Exercise policy").
long long decided_racks(RunState& state, OptionIndex index, long long left, int day) {
  const PlanOption& option = state.plan.options[index];
  if (day != option.close_day) return 0;
  if (option.decision == OptionDecision::All) return left;
  const PlanDemand& demand = state.plan.demand[static_cast<size_t>(option.buyer)];
  const PlanSite* site = demand.sites.empty() ? nullptr : &state.plan.sites[demand.sites.front()];
  double covered = 0.0;
  for (LaneIndex lane : demand.lanes) covered += static_cast<double>(state.lanes[lane].demand);
  const int gpus_per_rack = site ? site->gpus_per_rack : 0;
  const ExerciseQuestion question{
      .day = day,
      .online_day = day + state.plan.exercise_lead_days,
      .covered_gpus = covered * gpus_per_rack,
      .gpus_per_rack = gpus_per_rack,
      .unit_price_usd = option.unit_price_usd,
      .most_racks = std::min(left, option_shortfall(state, index, day)),
      .running_usd_per_rack_day = site ? site->opex_usd_per_rack_day : 0.0};
  return racks_worth_exercising(demand, state.demand[static_cast<size_t>(option.buyer)], question);
}

void exercise_options(RunState& state, int day) {
  for (OptionIndex index : state.plan.options_by_price) {
    const PlanOption& option = state.plan.options[index];
    const long long left = state.option_racks_left[index];
    if (left <= 0 || day < option.open_day || day > option.close_day) continue;
    const long long racks = option.buyer == kNoBuyer
                                ? std::min(left, option_shortfall(state, index, day))
                                : decided_racks(state, index, left, day);
    if (racks > 0) exercise(state, index, racks, day);
  }
}

// ---- 4. Factory tests: first tests after burn-in and retests after rework.

void test_lane(RunState& state, LaneIndex index, int day) {
  const BuildoutPlan& plan = state.plan;
  LaneState& lane = state.lanes[index];
  const FactoryIndex factory_index = plan.lanes[index].factory;
  const PlanFactory& factory = plan.factories[factory_index];
  const int first = lane.first_test.take(day);
  const int again = lane.retest.take(day);
  const int tested = first + again;
  if (tested == 0) return;
  FactoryState& factory_state = state.factories[factory_index];
  const double yield = factory_state.operations.yield(factory.operations, factory.first_pass_yield);
  const int failed = binomial(tested, 1.0 - yield, factory_state.yield_stream);
  const int passed = tested - failed;
  lane.first_tested += first;
  lane.in_rework += failed - again;
  lane.failed_tests += failed;
  lane.finished += passed;
  lane.inventory += passed;
  lane.book.fill(passed, day);
  const int back_day = day + factory.rework_days;
  // A rack back on its test day itself is not tested again (that day's tests are done).
  if (back_day > day && back_day < plan.days && failed > 0) lane.retest.add(back_day, failed);
}

void test_racks(RunState& state, int day) {
  for (LaneIndex index : state.plan.lanes.indices()) test_lane(state, index, day);
}

// ---- 5. Starts: the ramp rate and the lines, after the test cell, limited by components and
//         open demand; the factory's lanes in order of the due day of their next rack.

// Racks the factory may start today.
long long factory_capacity(const PlanFactory& factory, FactoryState& factory_state, int day) {
  if (day < factory_state.volume_start_day) return 0;
  factory_state.ramp_credit += step_value(factory.ramp, day);
  long long capacity = take_whole(factory_state.ramp_credit);
  if (std::isfinite(factory.line_racks_per_day)) {
    factory_state.line_credit += factory.line_racks_per_day;
    capacity = std::min(capacity, take_whole(factory_state.line_credit));
  }
  factory_state.capacity += capacity;
  return capacity;
}

// The factory's lanes by the due day of their next rack (equal days: lane order).
const std::vector<LaneIndex>& lanes_by_next_due(RunState& state, const PlanFactory& factory) {
  std::vector<LaneIndex>& order = state.scratch.lanes;
  order.assign(factory.lanes.begin(), factory.lanes.end());
  if (order.size() > 1) {
    auto next_due = [&](LaneIndex index) {
      const LaneState& lane = state.lanes[index];
      return lane.book.next_due(lane.started);
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](LaneIndex a, LaneIndex b) { return next_due(a) < next_due(b); });
  }
  return order;
}

// Racks the pools have components for, and the pool that limits them.
struct ComponentLimit {
  long long racks = std::numeric_limits<long long>::max();
  PoolIndex pool = kNoPool;
};

ComponentLimit component_limit(const RunState& state, const PlanLane& lane) {
  ComponentLimit limit;
  for (const PlanRequirement& requirement : lane.per_rack) {
    const long long racks = state.pools[requirement.pool].on_hand / requirement.count;
    if (racks < limit.racks) limit = {racks, requirement.pool};
  }
  return limit;
}

// Racks that must have started by `day` for every order to pass its test by its due day at the
// lane's planned rate: the racks finished (each filled an order), plus the backward schedule of
// the unfilled racks, max over orders j of (unfilled racks due by D_j) - floor(rate x (D_j -
// lead - day)), the second term 0 once D_j - lead <= day. Racks in process fill the earliest
// due orders when they pass, so they count against the earliest unfilled racks.
long long due_starts(const PlanLane& plan_lane, const LaneState& lane, int day) {
  long long unfilled = 0, must = 0;
  for (const LaneOrder& order : lane.book.orders()) {
    unfilled += order.racks - order.filled;
    const int slack_days = std::max(0, order.due_day - plan_lane.due_lead_days - day);
    const auto buildable = static_cast<long long>(floor_nonnegative(
        plan_lane.planned_racks_per_day * static_cast<double>(slack_days) + kEps));
    must = std::max(must, unfilled - buildable);
  }
  return lane.finished + must;
}

// Ordered racks released for start by `day`: as soon as possible, all of them; build to need,
// the racks the sites can take by their arrival, but no fewer than the due dates need. A
// build-ahead limit holds either to the orders due within it.
long long released_racks(const BuildoutPlan& plan, LaneIndex index, const LaneState& lane,
                         int day) {
  const PlanLane& plan_lane = plan.lanes[index];
  long long released = lane.demand;
  if (plan.release == model::ReleaseRule::BuildToNeed) {
    released = std::min(released, std::max(plan_lane.needed_by_day[static_cast<size_t>(day)],
                                           due_starts(plan_lane, lane, day)));
  }
  if (plan.build_ahead_days < kNeverDay) {
    released = std::min(released, lane.book.due_by(day + plan.build_ahead_days));
  }
  return released;
}

// Open demand: released racks not started yet.
long long open_demand(const BuildoutPlan& plan, LaneIndex index, const LaneState& lane, int day) {
  return std::max(0LL, released_racks(plan, index, lane, day) - lane.started);
}

// Counts the day for the start limiter: the smallest of the three; ties go to the earliest
// pipeline stage (contract, then components, then the factory).
void count_limiter(LaneState& lane, long long capacity, long long demand,
                   const ComponentLimit& components) {
  LimiterKind limiter = LimiterKind::Factory;
  if (demand <= capacity && demand <= components.racks) {
    limiter = LimiterKind::Contract;
  } else if (components.racks <= capacity) {
    limiter = LimiterKind::Component;
    lane.week_pool = components.pool;
  }
  ++lane.week_days[static_cast<size_t>(limiter)];
}

// Starts what the lane can of `capacity`; returns the racks started.
long long start_lane(RunState& state, LaneIndex index, const PlanFactory& factory,
                     long long capacity, int day) {
  const BuildoutPlan& plan = state.plan;
  LaneState& lane = state.lanes[index];
  const long long demand = open_demand(plan, index, lane, day);
  const ComponentLimit components = component_limit(state, plan.lanes[index]);
  const long long racks = std::min({capacity, demand, components.racks});
  count_limiter(lane, capacity, demand, components);
  for (const PlanRequirement& requirement : plan.lanes[index].per_rack) {
    state.pools[requirement.pool].consume(racks * requirement.count);
  }
  lane.started += racks;
  lane.started_on.set(day, static_cast<int>(racks));
  lane.in_integration += racks;
  if (day >= factory.integration_days) {
    lane.in_integration -= lane.started_on[day - factory.integration_days];
  }
  const int test_day = day + factory.integration_days + factory.burn_in_days;
  // Tests of today are done: racks due for test today (no integration or burn-in) never are.
  if (test_day > day && test_day < plan.days && racks > 0) {
    lane.first_test.add(test_day, static_cast<int>(racks));
  }
  return racks;
}

void start_racks(RunState& state, int day) {
  for (FactoryIndex index : state.plan.factories.indices()) {
    const PlanFactory& factory = state.plan.factories[index];
    long long capacity = factory_capacity(factory, state.factories[index], day);
    FactoryOperationsState& operations = state.factories[index].operations;
    if (factory.operations.active)
      capacity = operations.begin_day(factory.operations, capacity, day);
    long long started = 0;
    for (LaneIndex lane : lanes_by_next_due(state, factory)) {
      started += start_lane(state, lane, factory, capacity - started, day);
    }
    if (factory.operations.active) operations.end_day(factory.operations, started, day);
  }
}

// ---- 6. Allocation of finished racks to sites, shipped the same day.

// Splits `racks` among sites in proportion to their remaining `need`, carrying each site's
// fractional entitlement in `credit` from day to day (so small daily batches still follow the
// proportions over time): entitlement += racks x need / total need; each site gets the whole
// part, the racks left over go to the largest fractional parts (ties to the earlier position);
// what was given is taken off the entitlement. Never exceeds a need. `ranking` is scratch.
void split_proportional(long long racks, const std::vector<long long>& need,
                        std::vector<double>& credit, std::vector<long long>& give,
                        std::vector<int>& ranking) {
  give.assign(need.size(), 0);
  const long long total = std::accumulate(need.begin(), need.end(), 0LL);
  if (total <= 0 || racks <= 0) return;
  if (racks >= total) {
    give = need;
    return;
  }
  long long given = 0;
  for (size_t i = 0; i < need.size(); ++i) {
    if (need[i] <= 0) {
      credit[i] = 0.0;
      continue;
    }
    credit[i] +=
        static_cast<double>(racks) * static_cast<double>(need[i]) / static_cast<double>(total);
    give[i] = std::clamp(checked_int<long long>(std::floor(credit[i] + kEps), "a share of racks"),
                         0LL, std::min(need[i], racks - given));
    given += give[i];
  }
  ranking.resize(need.size());
  std::iota(ranking.begin(), ranking.end(), 0);
  auto fraction_left = [&](int i) {
    const auto at = static_cast<size_t>(i);
    return credit[at] - static_cast<double>(give[at]);
  };
  std::stable_sort(ranking.begin(), ranking.end(),
                   [&](int a, int b) { return fraction_left(a) > fraction_left(b); });
  // racks < total, so there is always a site with need left for the racks left over.
  while (given < racks) {
    for (size_t k = 0; k < ranking.size() && given < racks; ++k) {
      const auto i = static_cast<size_t>(ranking[k]);
      if (give[i] < need[i]) {
        ++give[i];
        ++given;
      }
    }
  }
  for (size_t i = 0; i < need.size(); ++i) credit[i] -= static_cast<double>(give[i]);
}

// The day from which a site's place in the earliest-ready order may change, as seen on `day`:
// its ready day once drawn (its key becomes that day), or the day its expected readiness joins
// the late sites' key, day + 1; never once it is ready.
int next_reorder_day(const RunState& state, SiteIndex index, int day) {
  const int ready_day = state.scan[index].ready_day;
  if (ready_day <= day) return kNeverDay;
  const int joins_late = state.scan[index].expected_ready_day - 1;
  return std::min(ready_day, joins_late > day ? joins_late : kNeverDay);
}

// Sorts the lane's sites by known ready day, ties in the lane's order (each key computed once,
// sorted with its position), and notes until when that order holds: the keys of ready sites are
// fixed, those of late sites all day + 1, so the order only changes on a next_reorder_day or
// when a site's ready day is drawn (RunState::readiness_version).
void sort_by_readiness(RunState& state, LaneIndex index, int day) {
  const PlanLane& lane = state.plan.lanes[index];
  LaneState& lane_state = state.lanes[index];
  std::vector<std::pair<int, size_t>>& keys = state.scratch.ready_order;
  keys.clear();
  lane_state.site_order_until = kNeverDay;
  for (size_t k = 0; k < lane.sites.size(); ++k) {
    keys.emplace_back(known_ready_day(state, lane.sites[k], day), k);
    lane_state.site_order_until =
        std::min(lane_state.site_order_until, next_reorder_day(state, lane.sites[k], day));
  }
  std::sort(keys.begin(), keys.end());
  lane_state.site_order.resize(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) lane_state.site_order[k] = lane.sites[keys[k].second];
  lane_state.site_order_version = state.readiness_version;
}

// The lane's sites in the order the allocation rule serves them: for the earliest-ready rule, by
// known ready day (sort_by_readiness, again only when that order may have changed).
const std::vector<SiteIndex>& allocation_order(RunState& state, LaneIndex index, int day) {
  if (state.plan.rule != model::AllocationRule::EarliestReady) return state.plan.lanes[index].sites;
  const LaneState& lane = state.lanes[index];
  if (day >= lane.site_order_until || lane.site_order_version != state.readiness_version) {
    sort_by_readiness(state, index, day);
  }
  return lane.site_order;
}

void ship(RunState& state, LaneIndex lane_index, SiteIndex site_index, long long racks, int day) {
  SiteState& site = state.sites[site_index];
  LaneState& lane = state.lanes[lane_index];
  site.allocated += racks;
  state.scan[site_index].need -= racks;
  lane.inventory -= racks;
  lane.shipped += racks;
  const int arrival_day = day + state.plan.lanes[lane_index].transit_days[site_index];
  if (arrival_day < state.plan.days) {
    site.arrivals.add(arrival_day, static_cast<int>(racks));
    site.last_arrival_day = std::max(site.last_arrival_day, arrival_day);
    site.wake_day = std::min(site.wake_day, arrival_day);  // an arrival ends its quiet days
  }
}

// Racks the site still needs; those its grid can never power are not sent (design/grid_cap.hpp).
long long need_of(const RunState& state, SiteIndex site) {
  return std::max(0LL, state.scan[site].need);
}

// Splits the lane's racks among `order` in proportion to their needs (split_proportional).
void ship_proportional(RunState& state, LaneIndex index, const std::vector<SiteIndex>& order,
                       int day) {
  LaneState& lane = state.lanes[index];
  Scratch& scratch = state.scratch;
  scratch.need.resize(order.size());
  for (size_t k = 0; k < order.size(); ++k) scratch.need[k] = need_of(state, order[k]);
  // `order` is the lane's site list for this rule, so credits stay with their site.
  lane.share_credit.resize(order.size(), 0.0);
  split_proportional(lane.inventory, scratch.need, lane.share_credit, scratch.give,
                     scratch.ranking);
  for (size_t k = 0; k < order.size(); ++k) {
    if (scratch.give[k] > 0) ship(state, index, order[k], scratch.give[k], day);
  }
}

// Gives each site in turn its whole need while the lane's racks last (the sites after the last
// served are not read).
void ship_in_order(RunState& state, LaneIndex index, const std::vector<SiteIndex>& order, int day) {
  const LaneState& lane = state.lanes[index];
  for (size_t k = 0; k < order.size() && lane.inventory > 0; ++k) {
    const long long racks = std::min(lane.inventory, need_of(state, order[k]));
    if (racks > 0) ship(state, index, order[k], racks, day);
  }
}

void allocate_lane(RunState& state, LaneIndex index, int day) {
  if (state.lanes[index].inventory <= 0 || state.plan.lanes[index].sites.empty()) return;
  const std::vector<SiteIndex>& order = allocation_order(state, index, day);
  if (state.plan.rule == model::AllocationRule::Proportional) {
    ship_proportional(state, index, order, day);
  } else {
    ship_in_order(state, index, order, day);
  }
}

void allocate_racks(RunState& state, int day) {
  for (LaneIndex index : state.plan.lanes.indices()) allocate_lane(state, index, day);
}

// Finished racks no site took today wait at their factory.
void count_factory_inventory(RunState& state) {
  for (LaneIndex index : state.plan.lanes.indices()) {
    const PlanLane& lane = state.plan.lanes[index];
    FactoryState& factory = state.factories[lane.factory];
    const long long inventory = state.lanes[index].inventory;
    factory.inventory_rack_days += inventory;
    factory.inventory_value_days += static_cast<double>(inventory) * lane.rack_value_usd;
  }
}

// ---- 7. Sites, in priority order (they draw network gear from shared pools in that order).

void receive_arrivals(SiteState& site, int day) {
  if (site.delivered == site.allocated) return;  // nothing on the road: no day's arrivals to read
  const int arrived = site.arrivals.take(day);
  if (arrived <= 0) return;
  site.delivered += arrived;
  site.first_arrival_day = std::min(site.first_arrival_day, day);
}

// Fit-out ends when its work is done and the long-lead gear is on site.
void finish_fit_out(SiteState& site, int day) {
  if (site.fit_out_end_day != kNeverDay || day < site.fit_out_planned_day ||
      site.long_lead_day > day) {
    return;
  }
  site.fit_out_end_day = std::max(site.fit_out_planned_day, site.long_lead_day);
  site.ready_day = site.fit_out_end_day + site.commissioning_days;
}

// Racks the network gear allows installed today (no more than `crew`), and the pool that
// limits them (kNoPool if none does).
struct InstallLimit {
  long long racks = 0;
  PoolIndex pool = kNoPool;
};

InstallLimit network_limit(const RunState& state, const PlanSite& site, const SiteState& site_state,
                           long long crew) {
  InstallLimit limit{crew, kNoPool};
  if (state.all_network_ample) return limit;
  for (size_t item = 0; item < site.network.size(); ++item) {
    const PlanRequirement& requirement = site.network[item];
    // An ample pool passes the check below: network_used x target >= installed x count (its
    // ceiling) and on_hand x target >= crew x count (the sites before today took no more than
    // their share of CrewDays::network_day_units).
    if (state.network_ample[requirement.pool] != 0) continue;
    const long long available =
        site_state.network_used[item] + state.pools[requirement.pool].on_hand;
    // Gear for limit.racks more racks or more changes nothing; checked without a division
    // (floor(a / c) >= m iff a >= m c, for c > 0): the common case of a daily check.
    if (available * site.target >= (limit.racks + site_state.installed) * requirement.count) {
      continue;
    }
    const long long racks = available * site.target / requirement.count - site_state.installed;
    if (racks < limit.racks) limit = {std::max(0LL, racks), requirement.pool};
  }
  return limit;
}

// Takes the network gear of the installed racks from the pools, pro rata.
void consume_network(RunState& state, const PlanSite& site, SiteState& site_state) {
  for (size_t item = 0; item < site.network.size(); ++item) {
    const PlanRequirement& requirement = site.network[item];
    // Units needed by the first k racks: ceil(k x count / target).
    const long long used =
        (site_state.installed * requirement.count + site.target - 1) / site.target;
    const long long increment = used - site_state.network_used[item];
    if (increment <= 0) continue;
    site_state.network_used[item] = used;
    state.pools[requirement.pool].consume(increment);
  }
}

// Installs: `crew` racks, no more than in storage, and network gear pro rata.
void install_racks(RunState& state, const PlanSite& site, SiteState& site_state, long long crew) {
  const long long storage = site_state.delivered - site_state.installed;
  if (storage <= 0) return;  // nothing to install: no racks, no limiter
  if (crew <= 0) {  // no crew today: the network gear cannot hold back fewer racks than none
    site_state.install_limiter = {LimiterKind::Crews, kNoPool};
    return;
  }
  const InstallLimit network = network_limit(state, site, site_state, crew);
  const long long racks = std::min({crew, storage, network.racks});
  if (racks < storage) {
    site_state.install_limiter = network.racks < crew
                                     ? Limiter{LimiterKind::Component, network.pool}
                                     : Limiter{LimiterKind::Crews, kNoPool};
  }
  if (racks <= 0) return;
  site_state.installed += racks;
  consume_network(state, site, site_state);
}

// The grid steps reached by `day`.
void step_grid(SiteState& site_state, int day) {
  while (site_state.grid_step < site_state.grid.size() &&
         site_state.grid[site_state.grid_step].day <= day) {
    site_state.grid_racks = site_state.grid[site_state.grid_step].value;
    ++site_state.grid_step;
  }
}

// Commissioning needs power: crews commission installed racks only as far as the grid can
// energize them.
void commission_racks(SiteState& site_state, long long crew) {
  const long long powered = static_cast<long long>(site_state.grid_racks) - site_state.commissioned;
  site_state.commissioned +=
      std::max(0LL, std::min({crew, site_state.installed - site_state.commissioned, powered}));
}

// Online racks are commissioned racks the grid can carry.
void energize(SiteState& site_state) {
  site_state.online =
      std::min(site_state.commissioned, static_cast<long long>(site_state.grid_racks));
}

// Delivered racks not online wait for space before the ready day; after it, for power beyond
// what the grid can energize, and for crews (or network gear) otherwise. Counted for the days
// [from, to), through which the site does not change.
void count_waiting(SiteState& site_state, int from, int to) {
  const long long waiting = site_state.delivered - site_state.online;
  const int before_ready = std::clamp(site_state.ready_day - from, 0, to - from);
  site_state.space_rack_days += waiting * before_ready;
  const long long beyond_grid =
      site_state.delivered -
      std::max(site_state.online, static_cast<long long>(site_state.grid_racks));
  const long long power = std::clamp(beyond_grid, 0LL, waiting);
  const int after_ready = to - from - before_ready;
  site_state.power_rack_days += power * after_ready;
  site_state.crews_rack_days += (waiting - power) * after_ready;
}

// count_waiting(site_state, day, day + 1), the daily case: the day is before the ready day or
// not, and nothing is added when no rack waits.
void count_waiting_day(SiteState& site_state, int day) {
  const long long waiting = site_state.delivered - site_state.online;
  if (waiting == 0) return;
  if (day < site_state.ready_day) {
    site_state.space_rack_days += waiting;
    return;
  }
  const long long beyond_grid =
      site_state.delivered -
      std::max(site_state.online, static_cast<long long>(site_state.grid_racks));
  const long long power = std::clamp(beyond_grid, 0LL, waiting);
  site_state.power_rack_days += power;
  site_state.crews_rack_days += waiting - power;
}

// Energy bridging generation delivers today: the online racks' utility demand beyond the other
// sources, up to the bridging MW, for 24 h.
void burn_bridging(const PlanSite& site, SiteState& site_state, int day) {
  while (site_state.power_step < site_state.power.size() &&
         site_state.power[site_state.power_step].day <= day) {
    site_state.power_now = site_state.power[site_state.power_step++];
  }
  const PowerStep& now = site_state.power_now;
  const double demand_mw = static_cast<double>(site_state.online) * site.utility_mw_per_rack;
  site_state.bridging_mwh +=
      24.0 * std::clamp(demand_mw - (now.mw - now.bridging_mw), 0.0, now.bridging_mw);
}

void update_milestones(SiteMilestones& milestones, const PlanSite& site, long long online,
                       int day) {
  if (online >= 1 && !milestones.first_online_day) milestones.first_online_day = day;
  if (site.target <= 0) return;
  if (online >= (site.target + 1) / 2 && !milestones.half_day) milestones.half_day = day;
  if (online >= site.target && !milestones.full_day) milestones.full_day = day;
}

// True when no later day can change the site: ready, every grid step reached, and every rack it
// will ever get (allocation stops at powerable_racks) delivered, installed, commissioned and
// online. Its days then only move the crews' credits, which nothing reads any more: no rack is
// left to install or commission, so no limiter, waiting rack, pool or milestone changes.
bool is_settled(const PlanSite& site, const SiteState& site_state, int day) {
  return day >= site_state.ready_day && site_state.grid_step == site_state.grid.size() &&
         site_state.allocated >= powerable_racks(site) &&
         site_state.delivered == site_state.allocated &&
         site_state.installed == site_state.delivered &&
         site_state.commissioned == site_state.installed &&
         site_state.online == site_state.commissioned;
}

// ---- Quiet days: a site with no rack to install or commission (before its ready day, or with
//      none in storage and none installed it can power) changes by itself only on an event day:
//      an arrival, its fit-out end or ready day, a grid or power step. Until the next one, each
//      day only turns the crews' credits over and adds the same waiting racks (and bridging
//      energy), so the site sleeps and those days are replayed, in order, when it wakes.

// True when the days after `day` are quiet until the site's next event (next_event_day).
bool is_quiet(const SiteState& site_state, int day) {
  if (day < site_state.ready_day) return true;
  const bool nothing_to_install = site_state.delivered == site_state.installed;
  const bool nothing_to_commission =
      site_state.installed == site_state.commissioned ||
      static_cast<long long>(site_state.grid_racks) <= site_state.commissioned;
  return nothing_to_install && nothing_to_commission;
}

// The first day after `day` that racks arrive at the site; kNeverDay if none is on the road.
int next_arrival_day(const SiteState& site_state, int day) {
  if (site_state.delivered == site_state.allocated) return kNeverDay;
  for (int later = day + 1; later <= site_state.last_arrival_day; ++later) {
    if (site_state.arrivals[later] > 0) return later;
  }
  return kNeverDay;
}

// The first day after `day` on which the site may change by itself. Racks shipped and long-lead
// gear completed later wake it too (ship, deliver_long_lead).
int next_event_day(const SiteState& site_state, int day) {
  int next = next_arrival_day(site_state, day);
  if (site_state.fit_out_end_day == kNeverDay && site_state.long_lead_day != kNeverDay) {
    next = std::min(next, std::max(site_state.fit_out_planned_day, site_state.long_lead_day));
  }
  if (site_state.ready_day > day) next = std::min(next, site_state.ready_day);
  if (site_state.grid_step < site_state.grid.size()) {
    next = std::min(next, site_state.grid[site_state.grid_step].day);
  }
  if (site_state.power_step < site_state.power.size()) {
    next = std::min(next, site_state.power[site_state.power_step].day);
  }
  return std::max(next, day + 1);
}

// The quiet days from quiet_from up to `day` (excluded), as advance_site would step them: the
// crews turn over on those from the ready day (they place nothing), the same waiting racks add
// up each day (integers: all at once), the bridging energy day by day.
void replay_quiet_days(const PlanSite& site, SiteState& site_state, int day) {
  const int from = site_state.quiet_from;
  if (from >= day) return;
  site_state.crew_days += std::max(0, day - std::max(from, site_state.ready_day));
  if (site.power) {
    for (int quiet = from; quiet < day; ++quiet) burn_bridging(site, site_state, quiet);
  }
  count_waiting(site_state, from, day);
  site_state.quiet_from = day;
}

// After the site's day: the next day it is advanced on, later while it is quiet.
void schedule_wake(SiteState& site_state, int day, bool skip_quiet_days) {
  site_state.quiet_from = day + 1;
  site_state.wake_day =
      skip_quiet_days && is_quiet(site_state, day) ? next_event_day(site_state, day) : day + 1;
}

void advance_site(RunState& state, SiteIndex index, int day) {
  const PlanSite& site = state.plan.sites[index];
  SiteState& site_state = state.sites[index];
  replay_quiet_days(site, site_state, day);
  receive_arrivals(site_state, day);
  const int ready_day = site_state.ready_day;
  finish_fit_out(site_state, day);
  if (site_state.ready_day != ready_day) {
    ++state.readiness_version;
    state.scan[index].ready_day = site_state.ready_day;
  }
  step_grid(site_state, day);
  if (day >= site_state.ready_day) {
    const auto k = static_cast<size_t>(site_state.crew_days++);
    const CrewDays& crews = state.crew_days;
    install_racks(state, site, site_state, crews.tables[crews.install[position(index)]][k]);
    commission_racks(site_state, crews.tables[crews.commission[position(index)]][k]);
  }
  energize(site_state);
  if (site.power) burn_bridging(site, site_state, day);
  count_waiting_day(site_state, day);
  update_milestones(state.site_result(index).milestones, site, site_state.online, day);
  site_state.settled = is_settled(site, site_state, day);
  schedule_wake(site_state, day, state.skip_quiet_days);
}

// With keep_scans, the pools that hold enough network gear for every site's installs today.
void check_network_pools(RunState& state) {
  const std::vector<long long>& day_units = state.crew_days.network_day_units;
  state.all_network_ample = true;
  for (PoolIndex index : state.plan.pools.indices()) {
    const bool ample = state.pools[index].on_hand >= day_units[position(index)];
    state.network_ample[index] = static_cast<char>(ample);
    state.all_network_ample = state.all_network_ample && ample;
  }
}

// Settled sites are skipped: their remaining days would change nothing; quiet ones until they
// wake.
void advance_sites(RunState& state, int day) {
  if (state.keep_scans) check_network_pools(state);
  for (SiteIndex index : state.plan.priority) {
    const SiteState& site_state = state.sites[index];
    if (!site_state.settled && day >= site_state.wake_day) advance_site(state, index, day);
  }
}

// The quiet days left at the end of the run.
void finish_quiet_days(RunState& state) {
  for (SiteIndex index : state.plan.sites.indices()) {
    SiteState& site_state = state.sites[index];
    if (!site_state.settled)
      replay_quiet_days(state.plan.sites[index], site_state, state.plan.days);
  }
}

// ---- 8. Records: each day (with BuildoutOptions::daily) and at the end of each week.

void record_day(RunState& state, int day) {
  for (SiteIndex index : state.plan.sites.indices()) {
    record_site(state.site_result(index).daily, static_cast<size_t>(day), state.sites[index],
                state.plan.sites[index]);
  }
}

void record_lane_week(RunState& state, LaneIndex index, size_t week) {
  LaneState& lane = state.lanes[index];
  const FactoryIndex factory = state.plan.lanes[index].factory;
  FactorySeries& series = state.result.factories[position(factory)].weekly;
  const long long in_build = lane.started - lane.first_tested;
  series.started[week] += static_cast<int>(lane.started);
  series.in_integration[week] += static_cast<int>(lane.in_integration);
  series.in_burn_in[week] += static_cast<int>(in_build - lane.in_integration);
  series.in_rework[week] += static_cast<int>(lane.in_rework);
  series.finished[week] += static_cast<int>(lane.finished);
  series.shipped[week] += static_cast<int>(lane.shipped);
  series.inventory[week] += static_cast<int>(lane.inventory);
  series.failed_tests[week] += static_cast<int>(lane.failed_tests);
  state.attribution.record_lane_week(index, week, lane.week_days, lane.week_pool,
                                     lane.started - lane.finished);
  lane.week_days.fill(0);
  lane.week_pool = kNoPool;
}

void record_week(RunState& state, int day) {
  const BuildoutPlan& plan = state.plan;
  const auto week = static_cast<size_t>(day / 7);
  for (SupplierIndex index : plan.suppliers.indices()) {
    state.result.suppliers[position(index)].delivered[week] =
        static_cast<int>(state.suppliers[index].delivered);
  }
  for (PoolIndex index : plan.pools.indices()) {
    ComponentResult& component = state.result.components[position(index)];
    component.on_hand[week] = state.pools[index].on_hand;
    component.consumed[week] = state.pools[index].consumed;
  }
  for (FactoryIndex index : plan.factories.indices()) {
    state.result.factories[position(index)].weekly.capacity[week] =
        static_cast<int>(state.factories[index].capacity);
  }
  for (LaneIndex index : plan.lanes.indices()) record_lane_week(state, index, week);
  if (state.outcome_sites != nullptr) {  // outcomes only: the sites read, no attribution input
    for (SiteIndex index : *state.outcome_sites) {
      record_site(state.site_result(index).weekly, week, state.sites[index], plan.sites[index]);
    }
    return;
  }
  for (SiteIndex index : plan.sites.indices()) {
    const SiteState& site = state.sites[index];
    record_site(state.site_result(index).weekly, week, site, plan.sites[index]);
    state.attribution.record_site_week(index, week, site.ready_day <= day,
                                       static_cast<long long>(site.grid_racks),
                                       site.install_limiter);
  }
}

void simulate_day(RunState& state, int day) {
  deliver_supplies(state, day);
  deliver_factory_gear(state, day);
  deliver_long_lead(state, day);
  exercise_options(state, day);
  test_racks(state, day);
  start_racks(state, day);
  allocate_racks(state, day);
  count_factory_inventory(state);
  advance_sites(state, day);
  if (state.daily) record_day(state, day);
  if (day % 7 == 6) record_week(state, day);
}

// ---- End of the run: schedules, attribution, totals, contracts.

SiteSchedule schedule_of(const PlanSite& site, const SiteState& site_state) {
  SiteSchedule schedule;
  schedule.construction_start_day = site.construction_start_day;
  schedule.permitting_days = site_state.permitting_days;
  schedule.shell_days = site_state.shell_days;
  schedule.fit_out_days = site_state.fit_out_days;
  schedule.commissioning_days = site_state.commissioning_days;
  schedule.shell_end_day =
      site.construction_start_day + site_state.permitting_days + site_state.shell_days;
  schedule.long_lead_day = site_state.long_lead_day == -kNeverDay ? site.construction_start_day
                                                                  : site_state.long_lead_day;
  schedule.fit_out_end_day = site_state.fit_out_end_day;
  schedule.ready_day = site_state.ready_day;
  schedule.expected_ready_day = site.expected_ready_day;
  schedule.grid_step_days = site_state.grid_step_days;
  return schedule;
}

// The long-lead requirement with the largest share still missing; `otherwise` if none misses
// any.
PoolIndex most_missing_long_lead(const PlanSite& site, const SiteState& site_state,
                                 PoolIndex otherwise) {
  double worst = 0.0;
  PoolIndex pool = otherwise;
  for (size_t item = 0; item < site.long_lead.size(); ++item) {
    const PlanRequirement& requirement = site.long_lead[item];
    const double missing =
        static_cast<double>(requirement.count - site_state.long_lead_received[item]) /
        static_cast<double>(requirement.count);
    if (missing > worst) {
      worst = missing;
      pool = requirement.pool;
    }
  }
  return pool;
}

SiteFacts facts_of(const BuildoutPlan& plan, const PlanSite& site, const SiteState& site_state) {
  SiteFacts facts;
  facts.ready_day = site_state.ready_day < plan.days ? site_state.ready_day : kNeverDay;
  facts.first_grid_day = site_state.first_grid_day;
  facts.first_arrival_day = site_state.first_arrival_day;
  // Long-lead gear holds the site when it (would have) arrived after the planned fit-out end.
  facts.long_lead_late = site_state.long_lead_day > site_state.fit_out_planned_day;
  // Not all received: name the requirement with the largest share still missing.
  facts.long_lead_pool = site_state.long_lead_day == kNeverDay
                             ? most_missing_long_lead(site, site_state, site_state.long_lead_pool)
                             : site_state.long_lead_pool;
  return facts;
}

SiteWaiting waiting_of(const BuildoutPlan& plan, const PlanSite& site,
                       const SiteState& site_state) {
  SiteWaiting waiting;
  waiting.space_rack_weeks = static_cast<double>(site_state.space_rack_days) / 7.0;
  waiting.power_rack_weeks = static_cast<double>(site_state.power_rack_days) / 7.0;
  waiting.crews_rack_weeks = static_cast<double>(site_state.crews_rack_days) / 7.0;
  waiting.rack_value_usd = site.rack_value_usd;
  const auto rack_days = static_cast<double>(
      site_state.space_rack_days + site_state.power_rack_days + site_state.crews_rack_days);
  waiting.carrying_cost_usd = plan.cost_of_capital * site.rack_value_usd * rack_days / kDaysPerYear;
  return waiting;
}

void finish_factories(RunState& state) {
  for (FactoryIndex index : state.plan.factories.indices()) {
    const FactoryState& factory = state.factories[index];
    FactoryResult& result = state.result.factories[position(index)];
    result.inventory_rack_weeks = static_cast<double>(factory.inventory_rack_days) / 7.0;
    result.operations = factory.operations.result();
    result.other_buyers_weekly = factory.operations.others_started_weekly();
    const PlanFactory& plan_factory = state.plan.factories[index];
    result.operations.final_yield =
        factory.operations.yield(plan_factory.operations, plan_factory.first_pass_yield);
    result.inventory_carrying_cost_usd =
        state.plan.cost_of_capital * factory.inventory_value_days / kDaysPerYear;
  }
}

void finish_sites(RunState& state) {
  const BuildoutPlan& plan = state.plan;
  for (SiteIndex index : plan.sites.indices()) {
    const PlanSite& site = plan.sites[index];
    const SiteState& site_state = state.sites[index];
    SiteResult& result = state.site_result(index);
    result.schedule = schedule_of(site, site_state);
    result.waiting = waiting_of(plan, site, site_state);
    result.bridging_mwh = site_state.bridging_mwh;
    if (site_state.ready_day < plan.days) result.milestones.ready_day = site_state.ready_day;
    const SiteFacts facts = facts_of(plan, site, site_state);
    if (facts.long_lead_pool != kNoPool) {
      result.schedule.long_lead_item = plan.pools[facts.long_lead_pool].name;
    }
    state.attribution.set_site_facts(index, facts);
  }
}

void add_totals(BuildoutRun& result) {
  resize_series(result.total, result.weeks);
  for (const SiteResult& site : result.sites) add_series(result.total, site.weekly);
}

// Racks of the order late, delivered or still missing at the end of the run [rack-days].
OrderLateness lateness_of(const LaneOrder& order, int days) {
  const long long missing = order.racks - order.filled;
  const int late_at_end = std::max(0, days - 1 - order.due_day);
  const bool filled = order.fulfilled_day != kNeverDay;
  return {filled ? order.fulfilled_day : days - 1,
          static_cast<double>(order.late_rack_days + missing * late_at_end)};
}

// Firm orders met, exercised racks on time, option spend, racks late.
void book_order(RunState& state, const LaneOrder& order) {
  ContractResult& contract = state.contract_result(order.contract);
  const OrderLateness late = lateness_of(order, state.plan.days);
  if (late.late_rack_days > 0) contract.lateness.push_back(late);
  if (order.firm >= 0) {
    FirmOrderResult& firm = contract.firm[static_cast<size_t>(order.firm)];
    firm.on_time = static_cast<int>(order.on_time);
    firm.delivered = static_cast<int>(order.filled);
    if (order.fulfilled_day != kNeverDay) firm.fulfilled_day = order.fulfilled_day;
  } else {
    const PlanOption& option = state.plan.options[order.option];
    contract.exercised_on_time[static_cast<size_t>(option.option)] +=
        static_cast<int>(order.on_time);
    contract.option_spend_usd += static_cast<double>(order.racks) * option.unit_price_usd;
  }
}

// Each fill of the lane's orders, at the firm price or the exercised option's.
void book_deliveries(RunState& state, const OrderBook& book) {
  for (const OrderFill& fill : book.fills()) {
    const double price = fill.option == kNoOption
                             ? state.plan.contracts[fill.contract].unit_price_usd
                             : state.plan.options[fill.option].unit_price_usd;
    state.contract_result(fill.contract)
        .deliveries.push_back({fill.day, static_cast<int>(fill.racks), price});
  }
}

void finish_contracts(RunState& state) {
  for (const LaneState& lane : state.lanes) {
    for (const LaneOrder& order : lane.book.orders()) book_order(state, order);
    book_deliveries(state, lane.book);
  }
}

// ---- Early end of an outcomes-only run (BuildoutOptions::outcome_sites).

bool all_settled(const RunState& state, const std::vector<SiteIndex>& sites) {
  return std::all_of(sites.begin(), sites.end(),
                     [&state](SiteIndex index) { return state.sites[index].settled; });
}

// The weekly records of `sites` after `day`, to the horizon: settled, they keep today's values.
void carry_to_horizon(RunState& state, const std::vector<SiteIndex>& sites, int day) {
  // Week w is recorded on day 7w + 6: the first after `day` is week (day + 1) / 7.
  for (int week = (day + 1) / 7; week < state.plan.weeks; ++week) {
    for (SiteIndex index : sites) {
      record_site(state.site_result(index).weekly, static_cast<size_t>(week), state.sites[index],
                  state.plan.sites[index]);
    }
  }
}

// Every day of the run, or until every site of options.outcome_sites is settled with
// options.outcomes_only (their weeks carried to the horizon). True when the run reached the
// horizon; false when it ended early (the other sites' days are not finished).
bool simulate_days(RunState& state, const BuildoutOptions& options) {
  for (int day = 0; day < state.plan.days; ++day) {
    simulate_day(state, day);
    if (options.outcomes_only && all_settled(state, options.outcome_sites)) {
      carry_to_horizon(state, options.outcome_sites, day);
      return false;
    }
  }
  return true;
}

// The whole units of `per_day` accumulated day by day (take_whole) over `days` days.
std::vector<int> crew_table(double per_day, int days) {
  std::vector<int> table(static_cast<size_t>(days));
  double credit = 0.0;
  for (int& whole : table) {
    credit += per_day;
    whole = checked_int<int>(static_cast<double>(take_whole(credit)), "the racks of a crew day");
  }
  return table;
}

// The table of `per_day` in `crews`, tabulated if no site had that rate yet.
size_t crew_table_of(CrewDays& crews, std::vector<double>& rates, double per_day, int days) {
  const auto known = std::find(rates.begin(), rates.end(), per_day);
  if (known != rates.end()) return static_cast<size_t>(known - rates.begin());
  rates.push_back(per_day);
  crews.tables.push_back(crew_table(per_day, days));
  return crews.tables.size() - 1;
}

// CrewDays::network_day_units: per pool, the sum over sites of ceil(most racks installed in a
// day x units / target); the largest count when a site has no target (its check never passes).
std::vector<long long> network_day_units(const BuildoutPlan& plan, const CrewDays& crews) {
  std::vector<long long> units(plan.pools.size(), 0);
  for (SiteIndex index : plan.sites.indices()) {
    const PlanSite& site = plan.sites[index];
    const std::vector<int>& table = crews.tables[crews.install[position(index)]];
    const long long most = table.empty() ? 0 : *std::max_element(table.begin(), table.end());
    for (const PlanRequirement& requirement : site.network) {
      long long& pool = units[position(requirement.pool)];
      constexpr long long kNever = std::numeric_limits<long long>::max();
      pool = site.target <= 0 || pool == kNever
                 ? kNever
                 : pool + (most * requirement.count + site.target - 1) / site.target;
    }
  }
  return units;
}

CrewDays tabulate_crew_days(const BuildoutPlan& plan) {
  CrewDays crews;
  std::vector<double> rates;  // of crews.tables
  for (const PlanSite& site : plan.sites) {
    crews.install.push_back(crew_table_of(crews, rates, site.install_per_day, plan.days));
    crews.commission.push_back(crew_table_of(crews, rates, site.commission_per_day, plan.days));
  }
  crews.network_day_units = network_day_units(plan, crews);
  return crews;
}

// Every site when none is named.
BuildoutOptions with_outcome_sites(BuildoutOptions options, const BuildoutPlan& plan) {
  if (options.outcomes_only && options.outcome_sites.empty()) {
    for (SiteIndex index : plan.sites.indices()) options.outcome_sites.push_back(index);
  }
  return options;
}

}  // namespace

BuildoutModel::BuildoutModel(const BuildoutInput& input, BuildoutOptions options)
    : plan_(make_buildout_plan(*input.scenario, *input.catalog, *input.sites)),
      options_(with_outcome_sites(std::move(options), plan_)),
      crew_days_(tabulate_crew_days(plan_)),
      constraint_order_(constraint_order(plan_)) {}

BuildoutModel::BuildoutModel(BuildoutPlan plan, BuildoutOptions options)
    : plan_(std::move(plan)),
      options_(with_outcome_sites(std::move(options), plan_)),
      crew_days_(tabulate_crew_days(plan_)),
      constraint_order_(constraint_order(plan_)) {}

BuildoutRun simulate_buildout(const BuildoutInput& input, std::uint64_t seed, int run) {
  return BuildoutModel(input).run(seed, run);
}

BuildoutRun BuildoutModel::run(std::uint64_t seed, int run) const {
  BuildoutRun out;
  this->run(seed, run, out);
  return out;
}

void BuildoutModel::run(std::uint64_t seed, int run, BuildoutRun& out) const {
  RunState state(plan_, crew_days_, seed, run, options_, std::move(out));
  if (simulate_days(state, options_)) finish_quiet_days(state);
  finish_sites(state);
  if (!options_.outcomes_only) {
    finish_factories(state);
    attribute_constraints(plan_, constraint_order_, state.attribution, state.result);
    add_totals(state.result);
    finish_contracts(state);
  }
  out = std::move(state.result);
}

}  // namespace rackscale::sim
