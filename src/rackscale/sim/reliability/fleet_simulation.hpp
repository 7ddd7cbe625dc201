#pragma once
//! One replication of the reliability model at one site: component failures on nodes, racks
//! and facility gear, repairs by crews with parts from a stock, training jobs that lose work
//! since their last checkpoint, swap in spare units and restart. Event-driven on the kernel.
//! Rules and their reasons: docs/models/reliability.md.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/model/reliability.hpp"
#include "rackscale/sim/reliability/component_rates.hpp"
#include "rackscale/sim/reliability/fleet_spec.hpp"

namespace rackscale::sim {

//! Counts per component type, indexed by model::ComponentType.
using TypeCounts = std::array<std::uint64_t, model::kComponentTypeCount>;

//! A job as the simulation runs it. Jobs take whole swap units, in order, from unit 0.
struct JobPlan {
  std::string name;
  long long gpus = 0;            //!< GPUs of the job (for GPU-hours) [GPUs]
  int units = 0;                 //!< swap units held [count], >= 1
  double interval_h = 1.0;       //!< compute between checkpoints [h], > 0
  double checkpoint_h = 0.0;     //!< blocking checkpoint write [h], >= 0
  double restart_h = 0.0;        //!< reload and resume after an interruption [h], >= 0
  std::optional<double> work_h;  //!< compute to finish [h]; empty: runs to the horizon
};

//! Technicians of the site.
struct CrewPlan {
  bool unlimited = false;
  int technicians = 1;     //!< on duty per shift [count], >= 1 unless unlimited
  int shifts_per_day = 3;  //!< 1..3 eight-hour shifts from 08:00 (3: around the clock)
};

//! Parts of the site.
struct PartsPlan {
  bool unlimited = false;
  long long stock = 0;  //!< parts on hand at the start [count], >= 0
  //! A used part is replaced this long after the swap [h]. assumption: 2 weeks, the default of
  //! model::ReliabilitySpares::restock_lead_time.
  double restock_lead_h = 336;
};

//! Everything one site-run needs.
struct SiteRunInput {
  FleetSpec fleet;
  ComponentRates rates;
  std::vector<JobPlan> jobs;
  CrewPlan crews;
  PartsPlan parts;
  //! Swap units of the declared spare pool (hot-spare racks and nodes), the units right after
  //! the jobs' units. Only these, and units a job gave back (failed and repaired, or freed when
  //! it finished), are swapped into a job; units past jobs + spares stay idle and never join a
  //! job. Empty: every unit outside the jobs is a spare (a fleet built to exactly the jobs and
  //! their spares, as the sizing search builds it).
  std::optional<long long> spare_units;
  double horizon_h = 720.0;       //!< [h], > 0
  std::uint64_t site_stream = 0;  //!< entity prefix of the site's random streams
};

//! What one job did in one run. wall = useful + checkpoint + lost + restart + waiting.
struct JobRunResult {
  double wall_h = 0.0;        //!< horizon, or the completion time [h]
  double useful_h = 0.0;      //!< compute saved by a checkpoint (or finishing) [h]
  double checkpoint_h = 0.0;  //!< writing checkpoints that completed [h]
  double lost_h = 0.0;        //!< compute and writes lost to interruptions or the horizon [h]
  double restart_h = 0.0;     //!< restarting, including restarts that were interrupted [h]
  double waiting_h = 0.0;     //!< waiting for healthy units [h]
  double exposure_h = 0.0;    //!< running or restarting: time in which a failure interrupts [h]
  std::uint64_t interruptions = 0;
  TypeCounts interruptions_by_cause{};
  std::uint64_t swap_ins = 0;    //!< spare units taken in place of failed ones [count]
  std::optional<double> done_h;  //!< when the work was finished [h]
};

//! What one site did in one run.
struct SiteRunResult {
  std::vector<JobRunResult> jobs;          //!< in JobPlan order
  TypeCounts failures{};                   //!< every failure in the fleet, jobs or not
  TypeCounts parts_used{};                 //!< parts swapped [count]
  TypeCounts facility_stops{};             //!< rack shares stopped by facility failures [count]
  std::uint64_t rack_stops = 0;            //!< racks stopped by facility gear or rack components
  std::uint64_t rma_returns = 0;           //!< nodes sent back to the vendor [count]
  double mean_units_down = 0.0;            //!< time-average swap units down [count]
  std::uint64_t max_units_down = 0;        //!< [count]
  double unit_availability = 1.0;          //!< 1 - mean units down / units [0-1]
  double crew_utilization = 0.0;           //!< time-average fraction of technicians busy [0-1]
  double mean_crew_wait_h = 0.0;           //!< mean wait for a technician [h]
  std::uint64_t crew_jobs = 0;             //!< repairs a technician worked on [count]
  std::int64_t max_parts_outstanding = 0;  //!< most parts used but not yet restocked, plus
                                           //!< swaps waiting for a part [count]
  double mean_part_wait_h = 0.0;           //!< mean wait for a part over swaps [h]
  std::uint64_t events = 0;                //!< kernel events handled
};

//! Runs one replication; depends only on (input, seed, run). Throws rackscale::Error for an
//! inconsistent input (jobs needing more units than the fleet has, bad counts).
SiteRunResult simulate_site(const SiteRunInput& input, std::uint64_t seed, std::uint64_t run);

}  // namespace rackscale::sim
