#include "support/siting_instance.hpp"

#include <cmath>
#include <random>
#include <string>

namespace rackscale::support {

namespace {

// GB300 NVL72: 72 GPUs, 136 kW DC design power (source: catalog/racks.yaml, GB300-NVL72).
constexpr int kGpusPerRack = 72;
constexpr double kRackItMw = 0.136;
// assumption: 100 MW phases, a common building block of the large campuses.
constexpr double kPhaseMw = 100.0;

//! Uniform integer in [low, high] by our own modulo (std distributions differ across libraries).
struct Draw {
  std::mt19937 engine;
  int operator()(int low, int high) { return low + static_cast<int>(engine() % static_cast<unsigned>(high - low + 1)); }
};

int periods_of(int weeks, int period_weeks) { return (weeks + period_weeks - 1) / period_weeks; }

void add_factories(optimize::Problem& problem, const SitingInstanceSpec& spec) {
  // source: issue 14: the factory ships 1,000 racks a week now, 2,000 a week next year.
  problem.factory_racks.assign(problem.periods, 0);
  for (int week = 0; week < spec.weeks; ++week) problem.factory_racks[week / spec.period_weeks] += week < 52 ? 1000 : 2000;
}

void add_bridging(optimize::Candidate& candidate, const SitingInstanceSpec& spec, Draw& draw) {
  // assumption: aeroderivative gas turbines, 40-78 weeks lead,
  // 1.2 MUSD/MW installed, 75 USD/MWh fuel and O&M, 0.45 t CO2/MWh (combined-cycle-like).
  optimize::BridgingOffer offer;
  offer.technology = "gas_turbine";
  offer.max_mw = draw(100, 300);
  offer.lead_periods = periods_of(draw(40, 78), spec.period_weeks);
  offer.capex_musd_per_mw = 1.2;
  offer.energy_usd_per_mwh = 75.0;
  offer.carbon_t_per_mwh = 0.45;
  candidate.bridging.push_back(offer);
}

optimize::Candidate candidate(int index, const SitingInstanceSpec& spec, Draw& draw) {
  optimize::Candidate site;
  site.name = "candidate-" + std::to_string(index);
  site.phase_mw = kPhaseMw;
  site.phases = draw(4, 10);
  site.racks_per_phase = static_cast<int>(std::floor(kPhaseMw / kRackItMw));
  // assumption: construction may start within half a year; 1 to 2 years from start to ready
  // (issue 14: 1 to 3.6 years from groundbreaking to 1 GW).
  site.earliest_start = periods_of(draw(0, 26), spec.period_weeks);
  site.build_periods = periods_of(draw(52, 104), spec.period_weeks);
  site.phase_capex_musd = kPhaseMw * draw(10, 14);  // assumption: 10-14 MUSD per IT MW
  site.site_capex_musd = draw(20, 200);              // assumption: land and site work
  site.facility_mw_per_it_mw = 1.0 + draw(10, 30) / 100.0;
  // assumption: the grid arrives in one step within the horizon (or just after it), 300-1,200 MW.
  const int arrival = periods_of(draw(26, spec.weeks + 26), spec.period_weeks);
  site.grid_mw.assign(std::min(arrival, periods_of(spec.weeks, spec.period_weeks)), 0.0);
  site.grid_mw.push_back(draw(300, 1200));
  if (index % 3 == 0) add_bridging(site, spec, draw);
  site.install_racks_per_period = draw(100, 300) * spec.period_weeks;  // assumption: crews
  site.energy_usd_per_mwh = draw(40, 100);                             // range of US industrial tariffs
  site.carbon_t_per_mwh = draw(20, 80) / 100.0;
  site.water_m3_per_mwh = draw(0, 20) / 10.0;
  return site;
}

}  // namespace

optimize::Problem generated_siting_problem(const SitingInstanceSpec& spec) {
  Draw draw{std::mt19937(spec.seed)};
  optimize::Problem problem;
  problem.periods = periods_of(spec.weeks, spec.period_weeks);
  problem.period_weeks = spec.period_weeks;
  problem.gpus_per_rack = kGpusPerRack;
  problem.rack_it_mw = kRackItMw;
  add_factories(problem, spec);
  for (int index = 0; index < spec.candidates; ++index) problem.candidates.push_back(candidate(index, spec, draw));
  // assumption: a capex budget of 30, 40 and 50 billion USD in years 1-3, and 40 phases under
  // construction at once, so that both bind on the 50-candidate instance.
  problem.capex_budget_musd_per_year = {30000.0, 40000.0, 50000.0};
  problem.max_concurrent_phases = 40;
  return problem;
}

}  // namespace rackscale::support
