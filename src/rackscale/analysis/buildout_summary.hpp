#pragma once
//! Monte Carlo summary of the build-out: per-week P10/P50/P90 of capacity online per site and
//! in total, milestone quantiles, the constraints that held back the most capacity, and the
//! contracts (contract_summary.hpp).

#include <string>
#include <vector>

#include "rackscale/analysis/contract_summary.hpp"
#include "rackscale/analysis/quantiles.hpp"
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
  WaitingSummary waiting;  //!< racks waiting at the site (the sum over sites for `total`)
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
  std::vector<HeldBackSummary> held_back;      //!< all sites, largest MW-weeks first
  std::vector<ContractPlanSummary> contracts;  //!< scenario order
};

//! Summarizes the runs (all from the same model). `start` is the scenario start date;
//! `contracts` the scenario's contracts (see summarize_contracts).
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
