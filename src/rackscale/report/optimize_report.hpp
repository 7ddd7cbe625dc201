#pragma once
//! The files of `rackscale optimize` (docs/optimize.md): portfolio.csv, portfolio_racks.csv,
//! decision.md and optimize.html ("Where to build next").

#include <string>
#include <vector>

#include "rackscale/model/scenario.hpp"
#include "rackscale/optimize/optimize_run.hpp"

namespace rackscale::report {

//! What the recommended plan does at one candidate, in plain units.
struct CandidateOutcome {
  std::string name;
  bool chosen = false;
  std::vector<std::pair<Date, double>> phases;  //!< construction start, IT MW
  int racks = 0;                                //!< racks the plan installs there
  double capex_musd = 0.0;                      //!< site, phase and bridging capex
  double bridging_mw = 0.0;                     //!< bridging MW the plan orders there
  std::string bridging;       //!< each bridging block ordered: MW, technology, order date, capex
  double energy_mwh = 0.0;    //!< facility energy over the horizon
  double bridging_mwh = 0.0;  //!< the part of it carried by bridging generation
  double energy_cost_musd = 0.0;  //!< grid energy at the tariff, bridging at its own cost
  double carbon_t = 0.0;
  double water_m3 = 0.0;
  std::string reason;  //!< not chosen: the constraint that kept it out, with its number
};

//! The outcome at every candidate of `plan`, in candidate order.
std::vector<CandidateOutcome> candidate_outcomes(const optimize::BuiltProblem& built,
                                                 const optimize::Plan& plan);

//! portfolio.csv: one row per candidate of the recommended plan.
std::string portfolio_csv(const optimize::OptimizeResult& result);
//! portfolio_racks.csv: candidate, period start, racks installed in the period (chosen only).
std::string portfolio_racks_csv(const optimize::OptimizeResult& result);
//! decision.md: what to build next and why, and why each other candidate was left out.
std::string decision_markdown(const optimize::OptimizeResult& result,
                              const model::Scenario& scenario);
//! optimize.html: the "Where to build next" report.
std::string optimize_html(const optimize::OptimizeResult& result, const model::Scenario& scenario);

}  // namespace rackscale::report
