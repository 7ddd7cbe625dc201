#pragma once
//! The headline figures of one plan, as its output files report them (docs/report.md): what
//! `rackscale compare` sets side by side. Read from a plan's file set by
//! report/plan_figures_reader.hpp, so that a plan run for the comparison and a plan folder
//! written earlier give the same figures.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/run_stamp.hpp"

namespace rackscale::analysis {

//! P10, P50 and P90, in this order.
inline constexpr std::array<const char*, 3> kQuantileNames = {"P10", "P50", "P90"};

//! One milestone of one site over the runs (milestones.csv).
struct MilestoneFigures {
  std::string name;  //!< "ready", "first_rack_online", "half_target", "full_target"
  //! P10, P50, P90 [days from the scenario start]; nullopt: not reached within the horizon
  std::array<std::optional<double>, 3> day;
  std::array<std::string, 3> date;  //!< the same as written: "2027-01-13" or "not reached"
};

//! Weekly P10, P50 and P90 of GPUs online (timeline.csv) [GPUs].
struct CapacityBand {
  std::vector<double> p10, p50, p90;
};

//! The figures of one site, or of the fleet (name "total").
struct SiteFigures {
  std::string name;
  long long gpus = 0;                        //!< the design's GPUs [GPUs]
  std::vector<MilestoneFigures> milestones;  //!< empty for the fleet
  CapacityBand gpus_online;                  //!< one value per week
  double capex_musd = 0.0;                   //!< design capex [MUSD]
  double it_mwh = 0.0, facility_mwh = 0.0;   //!< design year's energy [MWh]
  double waiting_rack_weeks = 0.0;           //!< racks delivered, not online (mean) [rack-weeks]
  double carrying_cost_usd = 0.0;            //!< of the waiting racks (mean) [USD]
  std::string main_bottleneck;               //!< attribution's; "" if none (or for the fleet)
  //! PUE over the design year: facility / IT energy; nullopt with no IT energy [-]
  std::optional<double> pue() const;
  //! GPUs online summed over the weeks at P50 (the sum of the weekly P50s) [GPU-weeks]
  double gpu_weeks_p50() const;
};

//! What a contract bought (contracts.csv, its `total` row).
struct ContractFigures {
  std::string name;
  std::optional<double> option_racks_p50;  //!< option racks exercised, P50 [racks]
  std::optional<double> spend_usd_p50;     //!< firm and option spend, P50 [USD]
  std::optional<double> on_time_share;     //!< runs with every firm order on time [-]
};

//! One training job's goodput (reliability.csv).
struct JobFigures {
  std::string name, site;
  std::optional<double> goodput_p50;  //!< [-]
};

//! Everything compared of one plan.
struct PlanFigures {
  std::string origin;  //!< what it was read from: a folder or a scenario file
  RunStamp stamp;
  int runs = 0;
  std::vector<Date> week_ends;     //!< the last day of each week of the timeline
  std::vector<SiteFigures> sites;  //!< scenario order
  SiteFigures fleet;               //!< every site together
  std::vector<ContractFigures> contracts;
  std::vector<JobFigures> jobs;
};

}  // namespace rackscale::analysis
