#pragma once
//! A factory's operations over the Monte Carlo runs (docs/models/factory.md, "Outputs"): the
//! lines and burn-in slots shared with other buyers, the partner's qualification and the weeks
//! of capacity early access gains it, against the same runs without early access (common random
//! numbers: the same seed and run, so every stream is the same).

#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::analysis {

//! Another buyer of a factory over the runs (means unless stated).
struct OtherBuyerSummary {
  std::string name;
  std::string product;
  double ordered = 0.0;         //!< units ordered [units]
  double started = 0.0;         //!< units started [units]
  double backlog_p50 = 0.0;     //!< units ordered and not started at the end, P50 [units]
  double backlog_p90 = 0.0;     //!< the same, P90 [units]
  double capacity_share = 0.0;  //!< line capacity it used / the factory's capacity [-]
};

//! Gear a factory builds for one of the partner's sites (`sites[].gear_from`) over the runs, and
//! the site's ready day against the same runs with the gear from the outside suppliers.
struct PartnerGearSummary {
  std::string site;
  std::string gear;
  std::string component;
  double units = 0.0;           //!< the site's need [units]
  double started = 0.0;         //!< units started, mean [units]
  double backlog_p50 = 0.0;     //!< units not started at the end, P50 [units]
  double backlog_p90 = 0.0;     //!< the same, P90 [units]
  double capacity_share = 0.0;  //!< line capacity it used / the factory's capacity [-]
  //! The last unit on site, P50; a run where it is not on site within the horizon counts at the
  //! horizon's end [day]
  double on_site_day_p50 = 0.0;
  //! The site's ready day, P50, and with the outside suppliers; a site not ready within the
  //! horizon counts at its end [day]
  double ready_day_p50 = 0.0;
  double ready_day_outside_p50 = 0.0;
  //! Mean over runs of (ready day with the outside suppliers - ready day with the factory's
  //! gear), same runs; positive: the factory's gear makes the site ready earlier [days]
  double ready_earlier_days = 0.0;
  double ready_earlier_stderr_days = 0.0;  //!< its Monte Carlo standard error [days]
  int horizon_days = 0;                    //!< the run's days (the cap above) [days]
};

//! One factory with operations over the runs (means unless stated).
struct FactoryOperationsSummary {
  std::string name;
  double capacity_racks = 0.0;      //!< racks it could start over the horizon [racks]
  double utilization = 0.0;         //!< capacity used by every buyer / capacity [-]
  double partner_started = 0.0;     //!< the scenario's (partner's) racks started [racks]
  double partner_share = 0.0;       //!< partner racks started / capacity [-]
  double binding_weeks = 0.0;       //!< days with every rack of capacity used / 7 [weeks]
  double slot_binding_weeks = 0.0;  //!< days the burn-in slots held starts / 7 [weeks]
  double peak_burn_in_mw = 0.0;     //!< most power drawn by burn-in on a day, P50 [MW]
  double final_yield = 0.0;         //!< first-pass yield at the end [-]
  bool early_access = false;
  double qualified_first_time = 0.0;           //!< share of runs whose qualification passed [-]
  double partner_start_day_p50 = 0.0;          //!< with early access [day]
  double partner_start_day_without_p50 = 0.0;  //!< a buyer without early access [day]
  //! Full-capacity weeks gained: sum over weeks of the sites' IT MW online with early access
  //! minus without, over the sites' target IT MW [weeks]
  double gain_weeks = 0.0;
  double gain_weeks_stderr = 0.0;  //!< its Monte Carlo standard error [weeks]
  double gain_mw_weeks = 0.0;      //!< the same in MW-weeks [MW-weeks]
  std::vector<OtherBuyerSummary> others;
  std::vector<PartnerGearSummary> partner_gear;
};

//! The factories with operations, in scenario order (empty when none has any).
struct FactoryStudy {
  int runs = 0;
  std::vector<FactoryOperationsSummary> factories;
};

//! Runs 0 .. runs-1 of `seed` on `threads` threads (0: all), again without early access when a
//! factory has it, and again with the outside suppliers when a factory builds the sites' gear;
//! empty when no factory has operations.
FactoryStudy study_factories(const sim::BuildoutPlan& plan, std::uint64_t seed, int runs,
                             int threads);

//! Full-capacity weeks of `with` over `without`: sum over weeks of the total IT MW online,
//! difference, over `target_mw` [weeks].
double capacity_weeks_gained(const sim::BuildoutRun& with, const sim::BuildoutRun& without,
                             double target_mw);

}  // namespace rackscale::analysis
