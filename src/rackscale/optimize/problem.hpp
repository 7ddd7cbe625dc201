#pragma once
//! The siting problem the optimizer solves (docs/models/optimize.md): candidates, each developed
//! in phases of equal MW, racks from the factories by period, power by period, budgets. Plain
//! data in plain units (periods, MW, racks, MUSD), built from a scenario by
//! optimize/problem_builder and solved by optimize/milp (COIN-OR CBC) or, for small instances,
//! by optimize/enumeration.

#include <optional>
#include <string>
#include <vector>

namespace rackscale::optimize {

//! What the optimizer maximizes or minimizes.
enum class ObjectiveKind {
  GpuWeeks,         //!< GPU-weeks online by the horizon (default)
  LeastCost,        //!< least capex (and energy) reaching `target_racks` online by `target_period`
  NetPresentValue,  //!< value per GPU-hour online minus capex and energy, discounted
};

//! The objective and its parameters.
struct Objective {
  ObjectiveKind kind = ObjectiveKind::GpuWeeks;
  int target_racks = 0;             //!< LeastCost: racks online at target_period
  int target_period = 0;            //!< LeastCost
  double value_per_gpu_hour = 0.0;  //!< NetPresentValue [USD/GPU-h]
  double discount_rate = 0.0;       //!< NetPresentValue [1/year]
};

//! On-site bridging generation a candidate may install to carry phases until the grid arrives.
struct BridgingOffer {
  std::string technology;  //!< "gas_turbine", "reciprocating_engine", "battery"
  double max_mw = 0.0;     //!< most MW that may be installed [MW]
  int lead_periods = 0;    //!< from the decision to available
  double capex_musd_per_mw = 0.0;
  double energy_usd_per_mwh = 0.0;  //!< fuel (heat rate x fuel price) and O&M
  double carbon_t_per_mwh = 0.0;
};

//! One candidate site as the MILP sees it, with durations already reduced to periods
//! (expected values or a chosen quantile).
struct Candidate {
  std::string name;
  int phases = 0;                 //!< most phases (max IT MW / phase MW, rounded down)
  double phase_mw = 0.0;          //!< IT MW a phase adds
  int racks_per_phase = 0;        //!< racks a phase holds
  int earliest_start = 0;         //!< first period a phase may start construction
  int build_periods = 0;          //!< from a phase's start to ready for racks
  double phase_capex_musd = 0.0;  //!< facility capex of one phase, paid at its start
  double site_capex_musd = 0.0;   //!< one-off cost when the first phase starts (land, site work)
  std::vector<double> grid_mw;    //!< facility MW the grid can deliver in each period (a
                                  //!< shorter list holds its last value; empty: no grid)
  double facility_mw_per_it_mw = 1.0;  //!< design PUE at peak: facility MW drawn per IT MW
  std::vector<BridgingOffer> bridging;
  int install_racks_per_period = 0;  //!< crews' install and commissioning rate; 0: no limit
  double energy_usd_per_mwh = 0.0;   //!< grid tariff
  double carbon_t_per_mwh = 0.0;     //!< grid carbon intensity
  double water_m3_per_mwh = 0.0;     //!< cooling water per MWh of facility energy
};

//! The whole instance.
struct Problem {
  int periods = 0;            //!< horizon in periods
  double period_weeks = 1.0;  //!< length of a period [weeks]
  int gpus_per_rack = 0;
  double rack_it_mw = 0.0;         //!< IT design power of a rack [MW]
  std::vector<int> factory_racks;  //!< racks the factories can deliver in each period
  std::vector<double> capex_budget_musd_per_year;  //!< empty: no budget; by year from period 0
  int max_concurrent_phases = 0;       //!< phases under construction at once; 0: no limit
  std::optional<double> carbon_cap_t;  //!< over the horizon
  std::optional<double> water_cap_m3;  //!< over the horizon
  std::vector<Candidate> candidates;
  Objective objective;
};

//! A phase the plan starts.
struct PhaseStart {
  int phase = 0;   //!< 0-based, in order
  int period = 0;  //!< construction start
};

//! What a plan does at one candidate.
struct CandidatePlan {
  bool chosen = false;
  std::vector<PhaseStart> phases;
  std::vector<double> bridging_mw;   //!< per bridging offer, installed MW
  std::vector<int> bridging_period;  //!< per bridging offer, decision period
  //! Per bridging offer, MW ordered by the end of each period (cumulative; empty: none), as the
  //! MILP ordered them, possibly in steps; bridging_mw and bridging_period summarize it (its
  //! last value and its first period with MW) for the reports and the Monte Carlo check.
  std::vector<std::vector<double>> bridging_ordered_mw;
  std::vector<int> racks_installed;  //!< racks installed in each period
};

//! How a solve ended.
enum class SolveStatus {
  Optimal,     //!< proven optimal within the relative gap asked for
  TimeLimit,   //!< stopped at the time or node limit with a plan; `gap` says how far from proven
  Infeasible,  //!< no plan meets every constraint (optimize/infeasibility.hpp names why)
  NoPlan,      //!< stopped at the time or node limit before finding any plan
};

//! A solved plan with its objective and the solver's state.
struct Plan {
  std::vector<CandidatePlan> candidates;  //!< in Problem::candidates order
  double objective = 0.0;                 //!< in the objective's unit
  double bound = 0.0;  //!< best bound the solver proved (GPU-weeks: with the capex tie-break)
  double gap = 0.0;    //!< |bound - objective| / the larger of the two (CBC's ratio gap)
  bool optimal = false;
  SolveStatus status = SolveStatus::Optimal;
  bool node_limit_reached = false;  //!< the limit that stopped the solve was the node limit
};

}  // namespace rackscale::optimize
