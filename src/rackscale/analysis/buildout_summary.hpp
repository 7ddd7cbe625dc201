#pragma once
//! Monte Carlo summary of the build-out: per-week P10/P50/P90 of capacity online per site and
//! in total, milestone quantiles, the constraints that held back the most capacity, and the
//! contracts (contract_summary.hpp).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "rackscale/analysis/contract_summary.hpp"
#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/analysis/tally.hpp"
#include "rackscale/core/calendar.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::analysis {

//! One milestone of one site over the runs: days from the scenario start.
struct MilestoneQuantiles {
  std::string name;  //!< "ready", "first_rack_online", "half_target", "full_target"
  MilestoneSummary days;
};

//! Capacity held back by one constraint, averaged over the runs.
struct HeldBackSummary {
  std::string constraint;
  double mean_rack_weeks = 0.0;
  double mean_mw_weeks = 0.0;
};

//! Racks delivered to a site and not online, averaged over the runs (sim::SiteWaiting).
struct WaitingSummary {
  double mean_space_rack_weeks = 0.0;  //!< before the site is ready [rack-weeks]
  double mean_power_rack_weeks = 0.0;  //!< beyond what the grid energizes [rack-weeks]
  double mean_crews_rack_weeks = 0.0;  //!< crews or network gear [rack-weeks]
  double mean_carrying_cost_usd = 0.0;
  double rack_weeks() const {
    return mean_space_rack_weeks + mean_power_rack_weeks + mean_crews_rack_weeks;
  }
};

//! The summary of one site (or of all sites together, for `total`).
struct SitePlanSummary {
  std::string name;
  int target_racks = 0;
  long long target_gpus = 0;
  double target_it_mw = 0.0;
  //! Racks of the target the final grid step never energizes (sim::SiteResult); 0 = not
  //! grid-capped [racks]
  int grid_capped_racks = 0;
  SeriesQuantiles racks_online, gpus_online, it_mw_online;
  SeriesQuantiles shipped, in_transit, delivered, installed, commissioned;  //!< racks
  std::vector<std::string> constraint_mode;  //!< the most frequent binding constraint per week
  //! The one computation of milestone dates every table, chart, CSV and the terminal reads
  //! (type-7 quantiles of each run's day, summarize_milestone). For `total`: first_rack_online
  //! (the first site's) and full_target (the last site's), per run.
  std::vector<MilestoneQuantiles> milestones;
  std::vector<HeldBackSummary> held_back;  //!< largest MW-weeks first
  std::string main_constraint;             //!< the one with the most MW-weeks ("" if none)
  // P50 construction schedule [days from the start], for the Gantt chart; empty if the P50
  // run never gets there within the horizon.
  std::optional<double> p50_shell_end_day, p50_fit_out_end_day, p50_ready_day,
      p50_construction_start_day;
  WaitingSummary waiting;          //!< racks waiting at the site (the sum over sites for `total`)
  double mean_bridging_mwh = 0.0;  //!< energy of its bridging generation, mean over runs [MWh]
};

//! The summary of one factory: weekly quantiles of its pipeline [racks].
struct FactoryPlanSummary {
  std::string name;
  SeriesQuantiles started, in_burn_in, in_rework, finished, shipped;
  SeriesQuantiles capacity;          //!< racks it could have started, cum
  SeriesQuantiles inventory;         //!< finished racks waiting at the factory
  double mean_started_racks = 0.0;   //!< over the horizon [racks]
  double mean_capacity_racks = 0.0;  //!< over the horizon [racks]
  //! Mean over runs of started / capacity over the horizon (0 with no capacity)
  double mean_utilization = 0.0;
  double mean_idle_racks = 0.0;  //!< capacity - started over the horizon [racks]
  double mean_inventory_rack_weeks = 0.0;
  double mean_inventory_carrying_cost_usd = 0.0;
};

//! The whole plan summary.
struct PlanSummary {
  int runs = 0;
  int weeks = 0;
  std::vector<Date> week_end_dates;  //!< the last day of each week
  std::vector<SitePlanSummary> sites;
  SitePlanSummary total;
  std::vector<FactoryPlanSummary> factories;
  //! Each run's GPU-weeks online over the horizon, all sites (its weekly GPUs online summed):
  //! the quantiles of the runs' totals, not the sum of weekly quantiles [GPU-weeks]
  QuantileSummary gpu_weeks;
  std::vector<HeldBackSummary> held_back;      //!< all sites, largest MW-weeks first
  std::vector<ContractPlanSummary> contracts;  //!< scenario order
};

struct BuildoutSums;

//! Held-back capacity of one constraint summed over runs (BuildoutSums).
struct HeldBackSum {
  double rack_weeks = 0.0;  //!< [rack-weeks]
  double mw_weeks = 0.0;    //!< [MW-weeks]
  bool seen = false;        //!< a run held capacity back by it
};

//! The statistics of runs added one at a time that quantiles are taken of: per week and site the
//! racks in each stage and the binding constraint, per site the milestone and schedule days,
//! per factory its pipeline, the all-sites total and the contracts. Memory does not grow with
//! the number of runs (tally.hpp); merging two gives the tallies of both sets of runs, exactly
//! and in any order, so each thread may count its own runs.
class BuildoutTallies {
 public:
  //! `contracts`: the scenario's contracts (ContractAggregate).
  explicit BuildoutTallies(std::vector<model::Contract> contracts);
  //! Counts one run (all runs from the same model).
  void add(const sim::BuildoutRun& run);
  //! Adds the runs counted by `other`.
  void merge(const BuildoutTallies& other);
  //! Counts the runs still waiting in the batch (add() counts runs kBatchRuns at a time);
  //! summarize_buildout does it on a copy if needed.
  void flush();
  //! Runs counted [runs].
  std::uint64_t runs() const { return runs_; }

 private:
  friend PlanSummary summarize_buildout(const BuildoutTallies&, const BuildoutSums&, Date);
  struct SiteTallies {
    std::string name;
    int target_racks = 0, gpus_per_rack = 0, grid_capped_racks = 0;
    double rack_design_kw = 0.0, rack_design_mw = 0.0;
    std::vector<Tally> online, shipped, in_transit, delivered, installed, commissioned;  // weekly
    Tally ready_day, first_online_day, half_day, full_day;  // milestones
    Tally construction_start_day, shell_end_day, fit_out_end_day, schedule_ready_day;
  };
  struct FactoryTallies {
    std::string name;
    std::vector<Tally> started, in_burn_in, in_rework, finished, shipped, capacity, inventory;
  };
  struct TotalTallies {
    std::vector<Tally> online, gpus_online, it_mw_online;  // weekly
    Tally first_online_day, full_day;
    Tally gpu_weeks;  // per run: its weekly GPUs online summed
  };
  // Runs whose values wait in batch_ before they are counted: counting one tally's values of 16
  // runs in a row keeps it in cache, where counting a whole run at once touches every tally
  // (tens of thousands) once per run.
  static constexpr std::size_t kBatchRuns = 16;
  // A site-week beyond the run's constraint series in constraint_batch_.
  static constexpr std::uint16_t kNoConstraint = 0xFFFF;
  void start(const sim::BuildoutRun& run);
  template <class F>
  void for_each_batched(F f);
  template <class F>
  void for_each_wide(F f);
  void append_run(const sim::BuildoutRun& run);
  void append_constraints(const sim::BuildoutRun& run);
  void count_values(const std::vector<std::int32_t>& batch, const std::vector<double>& wide,
                    std::size_t runs);
  void count_constraints(const std::vector<std::uint16_t>& batch, std::size_t runs);
  std::string constraint_mode(std::size_t site, std::size_t week) const;
  std::vector<HeldBackSummary> held_back_summary(const std::vector<HeldBackSum>& sums,
                                                 std::uint64_t runs) const;

  int weeks_ = 0;
  std::vector<SiteTallies> sites_;
  std::vector<FactoryTallies> factories_;
  TotalTallies total_;
  ContractAggregate contracts_;
  std::uint64_t runs_ = 0;
  std::size_t batch_width_ = 0;   // values of one run in batch_ [values]
  std::size_t wide_width_ = 0;    // values of one run in wide_batch_ [values]
  std::size_t batched_runs_ = 0;  // runs in batch_, wide_batch_ and constraint_batch_ [runs]
  // Values of the runs not yet counted, run after run, in for_each_batched's order: the sites'
  // and factories' (integers, 32 bits: half the bytes of doubles; sentinels for a week the run's
  // series does not reach and a day never reached) in batch_, the total's (GPUs
  // past 2^31, megawatts; NaN for a week not reached) in wide_batch_.
  std::vector<std::int32_t> batch_;
  std::vector<double> wide_batch_;
  // Binding constraints by id (sim::constraint_id; the pools of the first run): their names, and
  // the ids sorted by name.
  std::vector<std::string> constraint_names_;
  std::vector<std::size_t> constraint_order_;
  // Runs per site, week and constraint id, at [(site x weeks + week) x ids + id]; counts of up
  // to 2^32 - 1 runs (the CLI accepts 1,000,000).
  std::vector<std::uint32_t> constraint_counts_;
  // The constraint ids of the runs not yet counted, site-week by site-week:
  // [(site x weeks + week) x kBatchRuns + run in the batch].
  std::vector<std::uint16_t> constraint_batch_;
};

//! What one run adds to the means over runs that are sums of doubles (held-back capacity,
//! waiting racks, factory use).
struct RunSums {
  //! Per factory: what it started and could have started over the horizon [racks], and its
  //! inventory [rack-weeks] and carrying cost [USD].
  struct Factory {
    double started_racks = 0.0, capacity_racks = 0.0, inventory_rack_weeks = 0.0,
           inventory_carrying_cost_usd = 0.0;
  };
  //! One site's held-back capacity by one constraint.
  struct SiteHeldBack {
    std::size_t site = 0;
    sim::HeldBack held;
  };
  std::vector<SiteHeldBack> site_held_back;    //!< every site's, site after site
  std::vector<sim::SiteWaiting> site_waiting;  //!< per site
  std::vector<double> site_bridging_mwh;       //!< per site [MWh]
  std::vector<sim::HeldBack> held_back;        //!< all sites
  std::vector<Factory> factories;
};

//! The sums of RunSums over runs, to be added in run order (analysis::InRunOrder when runs
//! finish out of order): sums of doubles depend on the order of their terms, and run order makes
//! them the same for any thread count. Memory: one sum per site, constraint and factory.
struct BuildoutSums {
  //! Adds one run's sums, in run order.
  void add(const RunSums& run);
  std::uint64_t runs = 0;
  //! Per site, sums by constraint id (sim::constraint_id)
  std::vector<std::vector<HeldBackSum>> site_held_back;
  std::vector<WaitingSummary> site_waiting;  //!< sums, not yet means
  std::vector<double> site_bridging_mwh;     //!< sums [MWh]
  std::vector<HeldBackSum> held_back;        //!< all sites, by constraint id
  //! Per factory, sums over runs of RunSums::Factory and of the utilization
  struct Factory {
    double started_racks = 0.0, capacity_racks = 0.0, utilization = 0.0, inventory_rack_weeks = 0.0,
           inventory_carrying_cost_usd = 0.0;
  };
  std::vector<Factory> factories;
};

//! What `run` adds to the sums over runs.
RunSums sums_of(const sim::BuildoutRun& run);

//! The plan summary of runs counted by `tallies` and summed by `sums` (the same runs). `start` is
//! the scenario start date.
PlanSummary summarize_buildout(const BuildoutTallies& tallies, const BuildoutSums& sums,
                               Date start);

//! Summarizes stored runs (all from the same model) through BuildoutTallies and BuildoutSums.
//! `start` is the scenario start date; `contracts` the scenario's contracts.
PlanSummary summarize_buildout(const std::vector<sim::BuildoutRun>& runs, Date start,
                               const std::vector<model::Contract>& contracts);

//! The milestone `name` of a site summary, or null if it has none of that name.
const MilestoneQuantiles* find_milestone(const SitePlanSummary& summary, const std::string& name);

//! Day offset -> calendar date, a fractional day rounded up to the next whole day; nullopt (not
//! reached) stays nullopt.
std::optional<Date> day_to_calendar_date(const std::optional<double>& day, Date start);

//! Day offset -> calendar date as day_to_calendar_date, as text, or "not reached".
std::string day_to_date(const std::optional<double>& day, Date start);

}  // namespace rackscale::analysis
