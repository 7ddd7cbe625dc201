#pragma once
//! The reliability study of a scenario: jobs placed on the designed sites, the checkpoint
//! interval chosen (given, or Daly's optimum from a pilot's simulated MTBF), Monte Carlo runs of
//! every site, summaries per job and site, and the spares and crews that reach a goodput target.
//! Model, defaults and sources: docs/models/reliability.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/reliability.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/sim/reliability/fleet_simulation.hpp"

namespace rackscale::sim {

//! Hot spare units held out of jobs when `spares:` does not say: the expected units down m
//! (expected_units_down) plus three Poisson standard deviations, ceil(m + 3 sqrt(m)), at least
//! one. assumption: enough that a job rarely waits when crews and parts keep up.
int default_hot_spare_units(const ComponentRates& rates, const FleetSpec& fleet);
//! assumption: technicians per shift when `crews:` does not say: one per 10,000 GPUs, at least
//! one (about the load of the default rates with 4 h swaps, see the docs).
inline constexpr double kDefaultGpusPerTechnician = 10'000.0;
//! assumption: parts on site when `spares:` does not say: 1% of the GPUs, at least one.
inline constexpr double kDefaultPartsFraction = 0.01;
//! Shortest checkpoint interval the optimizer returns [h]. assumption: one minute; a zero write
//! time would otherwise ask for continuous checkpointing.
inline constexpr double kMinCheckpointIntervalH = 1.0 / 60.0;

//! A job resolved against its site.
struct PlannedJob {
  model::ReliabilityJob spec;          //!< as written (or the default job)
  std::size_t site = 0;                //!< index into ReliabilityPlan::sites
  std::size_t slot = 0;                //!< index into the site's SiteRunInput::jobs
  bool optimal_interval = false;       //!< the interval is chosen by the pilot
  std::optional<double> pilot_mtbf_h;  //!< the pilot's MTBF, once run_reliability chose [h]
};

//! One site with jobs.
struct PlannedSite {
  std::string name;
  std::size_t scenario_index = 0;  //!< position in the scenario's sites
  SiteRunInput input;              //!< fleet, rates, jobs, crews, parts, horizon
  int reserved_spare_units = 0;    //!< units held out of jobs by the settings [count]
  int design_racks = 0;            //!< racks of the design [count]
};

//! Everything the runs need, resolved from the scenario, its designs and the settings.
struct ReliabilityPlan {
  std::vector<PlannedSite> sites;  //!< sites with at least one job, in scenario order
  std::vector<PlannedJob> jobs;    //!< settings order
  double horizon_h = 720.0;
  int runs = 100;
  std::uint64_t seed = 42;
  std::optional<double> goodput_target;
  std::vector<std::string> notes;  //!< defaults applied, for the report
};

//! Resolves jobs (default: one on every GPU of the first site not held as spare), spares, crews
//! and rates for each site. Throws rackscale::InputError pointing at the job when the jobs and
//! hot spares of a site need more units than it has.
ReliabilityPlan plan_reliability(const model::Scenario& scenario, const model::Catalog& catalog,
                                 const std::vector<design::SiteDesign>& sites,
                                 const model::ReliabilitySettings& settings);

//! How to run the study.
struct ReliabilityOptions {
  std::optional<int> runs;              //!< overrides the plan's runs
  std::optional<std::uint64_t> seed;    //!< overrides the plan's seed
  int threads = 0;                      //!< 0: hardware concurrency
  analysis::ProgressCallback progress;  //!< for the main runs
  //! Runs that estimate the MTBF for `optimal` (capped at the runs). assumption: a tenth of the
  //! default 100 runs; Daly's goodput is flat near its optimum, so a rough MTBF suffices.
  int pilot_runs = 10;
  //! Runs per candidate in the sizing search (capped at the runs). assumption: enough to rank
  //! candidates of a bisection at a fraction of the main runs' cost.
  int sizing_runs = 16;
  bool size_for_target = true;  //!< search spares and crews when a target is set
};

//! Interruptions of one cause.
struct CauseRate {
  std::string cause;                   //!< component type name
  double interruptions_per_day = 0.0;  //!< mean over runs [1/day]
  double share = 0.0;                  //!< of all interruptions [0-1]
};

//! A job over all runs.
struct JobSummary {
  std::string name;
  std::string site;
  long long gpus = 0;  //!< [GPUs]
  int units = 0;       //!< swap units held [count]
  double checkpoint_interval_h = 0.0;
  std::string interval_rule;           //!< "given" or "optimal (Daly, simulated MTBF)"
  std::optional<double> pilot_mtbf_h;  //!< the MTBF the optimum was computed from [h]
  double checkpoint_write_h = 0.0;
  double restart_h = 0.0;
  analysis::QuantileSummary interruptions_per_day;  //!< [1/day]
  std::vector<CauseRate> causes;                    //!< by mean rate, largest first
  std::optional<double> mtbf_h;  //!< exposure / interruptions over all runs; empty: none [h]
  analysis::QuantileSummary availability;         //!< running / wall time [0-1]
  analysis::QuantileSummary goodput;              //!< useful compute / wall time [0-1]
  analysis::QuantileSummary effective_gpu_hours;  //!< useful compute x GPUs [GPU-h]
  analysis::QuantileSummary swap_ins;             //!< spare units swapped in per run [count]
  //! Mean shares of wall time [0-1]: useful + checkpoint + lost + restart + waiting = 1.
  double useful_share = 0, checkpoint_share = 0, lost_share = 0, restart_share = 0,
         waiting_share = 0;
  //! Daly's closed-form goodput at the pooled MTBF (exponential, unlimited spares) [0-1].
  std::optional<double> daly_goodput;
  std::optional<analysis::MilestoneSummary> completion_days;  //!< with `work:` [days]
};

//! A count per component type, as a mean over runs.
struct TypeMean {
  std::string type;
  double mean = 0.0;
};

//! A site over all runs.
struct SiteSummary {
  std::string name;
  int racks = 0;                   //!< simulated (design racks) [count]
  long long units = 0;             //!< swap units [count]
  int nodes_per_unit = 1;          //!< [count]
  int gpus_per_unit = 0;           //!< [count]
  int units_in_jobs = 0;           //!< [count]
  int spare_units = 0;             //!< the declared spare pool at start [count]
  std::optional<int> technicians;  //!< per shift; empty: unlimited
  int shifts_per_day = 3;
  std::optional<long long> parts_stock;  //!< empty: unlimited
  double restock_lead_h = 0.0;
  std::vector<TypeMean> failures_per_day;           //!< fleet-wide, every type that failed [1/day]
  std::vector<TypeMean> parts_used;                 //!< per run [count]
  double parts_used_total = 0.0;                    //!< per run [count]
  std::vector<TypeMean> facility_stops;             //!< rack shares stopped per run [count]
  double rack_stops = 0.0;                          //!< racks stopped per run [count]
  double rma_returns = 0.0;                         //!< per run [count]
  analysis::QuantileSummary unit_availability;      //!< [0-1]
  analysis::QuantileSummary max_units_down;         //!< [count]
  double crew_utilization = 0.0;                    //!< mean [0-1]
  double crew_wait_h = 0.0;                         //!< mean wait for a technician [h]
  double part_wait_h = 0.0;                         //!< mean wait for a part [h]
  analysis::QuantileSummary max_parts_outstanding;  //!< [count]
};

//! Spares and crews that reach the goodput target at one site (every job's mean goodput).
struct SiteSizing {
  std::string site;
  double target = 0.0;
  double goodput_unlimited = 0.0;  //!< lowest job mean goodput with ample spares and crews
  bool reachable = false;          //!< the target is met with ample spares and crews
  //! Fewest spare racks beyond the jobs' racks with the crews as given; empty: not reached.
  std::optional<int> spare_racks;
  std::optional<int> spare_units;  //!< the same in swap units [count]
  //! Fewest technicians per shift with the spares as given; empty: not reached or unlimited.
  std::optional<int> technicians;
  long long parts_stock = 0;  //!< P90 of the most parts outstanding in a run [count]
  std::string note;
};

//! The study.
struct ReliabilityResult {
  std::uint64_t seed = 0;
  int runs = 0;
  double horizon_h = 0.0;
  std::optional<double> goodput_target;
  std::vector<JobSummary> jobs;
  std::vector<SiteSummary> sites;
  std::vector<SiteSizing> sizing;
  std::vector<std::string> notes;
};

//! Runs the study: pilot (for optimal intervals), main runs, summaries, sizing. A result depends
//! only on the plan, the seed and the number of runs, never on the thread count.
ReliabilityResult run_reliability(ReliabilityPlan plan, const ReliabilityOptions& options = {});

//! Summarizes the runs of one planned site (results[run] for that site).
std::vector<JobSummary> summarize_jobs(const ReliabilityPlan& plan, const PlannedSite& site,
                                       const std::vector<SiteRunResult>& runs);
SiteSummary summarize_site(const PlannedSite& site, const std::vector<SiteRunResult>& runs);

//! Changes the fleet to `racks` racks (facility groups clipped to it), e.g. to size spares.
void resize_fleet(FleetSpec& fleet, int racks);

}  // namespace rackscale::sim
