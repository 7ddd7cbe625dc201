#include "rackscale/optimize/problem_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "rackscale/design/site_power_schedule.hpp"

namespace rackscale::optimize {
namespace {

namespace u = rackscale::units;

//! source: NIST SP 811 (2008), Appendix B.8: 1 lb = 0.45359237 kg (exact).
constexpr double kTonnesPerLb = 0.45359237e-3;

//! Budget of a year the scenario does not list: no limit [MUSD].
constexpr double kNoBudgetMusd = 1e12;

//! Racks per period from the ramps of the factories that build `rack_system` [racks].
std::vector<double> factory_capacity(const model::Scenario& scenario,
                                     const std::string& rack_system, int periods, int period_days) {
  std::vector<double> racks(periods, 0.0);
  for (const auto& factory : scenario.factories) {
    if (std::find(factory.products.begin(), factory.products.end(), rack_system) ==
        factory.products.end()) {
      continue;
    }
    for (int day = 0; day < periods * period_days; ++day) {
      const Date date = scenario.start.plus_days(day);
      double per_day = 0.0;
      for (const auto& point : factory.ramp) {
        if (point.date <= date) per_day = point.rate.in(u::per_week) / 7.0;
      }
      racks[day / period_days] += per_day;
    }
  }
  return racks;
}

//! Racks the contracts for `rack_system` allow by the end of each period: firm orders, and
//! options once their window opens [racks]. Without any contract for it, the factories' output
//! is not capped (as in the build-out, where racks without a contract are built to target).
std::vector<double> contracted_by_period(const model::Scenario& scenario,
                                         const std::string& rack_system, int periods,
                                         int period_days) {
  const bool any = std::any_of(scenario.contracts.begin(), scenario.contracts.end(),
                               [&](const auto& c) { return c.rack_system == rack_system; });
  std::vector<double> contracted(periods, any ? 0.0 : std::numeric_limits<double>::infinity());
  for (int p = 0; any && p < periods; ++p) {
    const Date end = scenario.start.plus_days((p + 1) * period_days - 1);
    for (const auto& contract : scenario.contracts) {
      if (contract.rack_system != rack_system) continue;
      for (const auto& order : contract.firm) contracted[p] += order.racks;
      for (const auto& option : contract.options) {
        if (option.window_open <= end) contracted[p] += option.racks;
      }
    }
  }
  return contracted;
}

//! Factory output capped by the contracts, in whole racks per period.
std::vector<int> available_racks(const model::Scenario& scenario, const std::string& rack_system,
                                 int periods, int period_days) {
  const auto capacity = factory_capacity(scenario, rack_system, periods, period_days);
  const auto contracted = contracted_by_period(scenario, rack_system, periods, period_days);
  std::vector<int> racks(periods, 0);
  double made = 0.0;
  int given = 0;
  for (int p = 0; p < periods; ++p) {
    made = std::min(made + capacity[p], contracted[p]);
    const int cumulative = static_cast<int>(std::floor(made + 1e-9));
    racks[p] = std::max(0, cumulative - given);
    given += racks[p];
  }
  return racks;
}

//! The period a day falls in (days before the start fall in period 0).
int period_of(Date start, Date date, int period_days) {
  return std::max(0, date.days_since(start)) / period_days;
}

//! The build time of a phase: the quantile of the sum of its construction durations, drawn as
//! the build-out draws them [periods, rounded up].
int build_periods(const model::Construction& c, double quantile, int period_days) {
  const int days =
      design::sum_quantile_days({c.permitting, c.shell, c.fit_out, c.commissioning}, quantile);
  return (days + period_days - 1) / period_days;
}

//! The bridging blocks of a candidate's `power:` section as offers the MILP may take: up to the
//! block's MW, carrying load `lead_periods` after the order period. Period 0 stands for the
//! block's own `ordered` date, so the lead counts from the scenario's start to that date plus
//! the lead time's quantile [periods, rounded up]. Capex is paid at the order; fuel and variable
//! O&M are paid per MWh generated; fixed O&M is left out of the MILP (bridging.csv of `plan`
//! reports it).
std::vector<BridgingOffer> bridging_offers(const model::CandidateSite& c, Date start,
                                           double quantile, int period_days) {
  std::vector<BridgingOffer> offers;
  if (!c.site.power) return offers;
  for (const model::Bridging& block : c.site.power->bridging) {
    BridgingOffer offer;
    offer.technology =
        model::bridging_technology_names().at(static_cast<std::size_t>(block.technology));
    offer.max_mw = block.capacity.in(u::MW);
    const int days = std::max(0, block.ordered.days_since(start)) +
                     design::sum_quantile_days({block.lead_time}, quantile);
    offer.lead_periods = (days + period_days - 1) / period_days;
    offer.capex_musd_per_mw = block.figures.capex.in(u::USD_per_MW)*1e-6;
    offer.energy_usd_per_mwh = design::bridging_energy_usd_per_mwh(block.figures);
    offer.carbon_t_per_mwh = design::bridging_carbon_t_per_mwh(block.figures);
    offers.push_back(offer);
  }
  return offers;
}

//! One candidate as the MILP sees it.
Candidate problem_candidate(const model::CandidateSite& c, const design::SiteDesign& design,
                            const BuiltProblem& built, int period_days) {
  const double rack_mw = built.problem.rack_it_mw;
  const double max_mw = c.max_it_power.in(u::MW);
  Candidate out;
  out.name = c.site.name;
  out.phase_mw = c.phase.in(u::MW);
  out.phases = static_cast<int>(std::floor(max_mw / out.phase_mw + 1e-9));
  out.racks_per_phase = static_cast<int>(std::floor(out.phase_mw / rack_mw + 1e-9));
  out.earliest_start = period_of(built.start, c.earliest_start, period_days) +
                       (c.earliest_start.days_since(built.start) % period_days > 0 ? 1 : 0);
  out.build_periods =
      build_periods(c.site.construction, built.settings.duration_quantile, period_days);
  const design::Cost& cost = design.cost;
  const double facility_musd = (cost.capex_total - cost.it - cost.land).in(u::MUSD);
  out.phase_capex_musd = facility_musd * out.phase_mw / max_mw;
  out.site_capex_musd = std::max(0.0, (cost.land - c.incentives.capex_grant).in(u::MUSD));
  out.grid_mw = design::grid_mw_by_period(c.site, built.start, built.problem.periods, period_days,
                                          built.settings.duration_quantile);
  const double it_mw = design.power.loads.it_design.in(u::MW);
  out.facility_mw_per_it_mw = it_mw > 0 ? design.power.design.total.in(u::MW) / it_mw : 1.0;
  out.bridging = bridging_offers(c, built.start, built.settings.duration_quantile, period_days);
  out.install_racks_per_period = static_cast<int>(
      std::floor(std::min(c.site.crews.install_rate, c.site.crews.commissioning_rate)
                     .in(u::per_week)*built.problem.period_weeks));
  out.energy_usd_per_mwh = c.site.tariff.in(u::USD / u::MWh);
  out.carbon_t_per_mwh = c.carbon_intensity_lb_per_mwh * kTonnesPerLb;
  out.water_m3_per_mwh =
      design.energy.pue > 0 ? design.energy.wue_l_per_kwh / design.energy.pue : 0.0;
  return out;
}

//! Capex budgets by year from the scenario's start year [MUSD].
std::vector<double> budgets(const model::OptimizeSettings& settings, Date start, int periods,
                            double period_weeks) {
  std::vector<double> out;
  if (settings.capex_budget.empty()) return out;
  const int first_year = std::stoi(start.to_string().substr(0, 4));
  const int years = static_cast<int>(std::ceil(periods * period_weeks * 7.0 / 365.25)) + 1;
  out.assign(years, kNoBudgetMusd);
  for (const auto& b : settings.capex_budget) {
    const int index = b.year - first_year;
    if (index >= 0 && index < years) out[index] = b.amount.in(u::MUSD);
  }
  return out;
}

Objective objective(const model::OptimizeSettings& s, Date start, int period_days) {
  Objective o;
  o.kind = s.objective == model::OptimizeObjective::LeastCost ? ObjectiveKind::LeastCost
           : s.objective == model::OptimizeObjective::NetPresentValue
               ? ObjectiveKind::NetPresentValue
               : ObjectiveKind::GpuWeeks;
  o.target_racks = s.target_racks.value_or(0);
  o.target_period = s.target_by ? period_of(start, *s.target_by, period_days) : 0;
  o.value_per_gpu_hour = s.value_per_gpu_hour.in(u::USD);
  o.discount_rate = s.discount_rate;
  return o;
}

}  // namespace

model::Site design_basis(const model::CandidateSite& candidate) {
  model::Site site = candidate.site;
  site.target = model::Target{};
  site.target.it_power = candidate.max_it_power;
  // assumption: a grid of three times the IT power never caps the design (design PUE < 3).
  site.grid = {model::GridStep{site.construction.start, 3.0 * candidate.max_it_power, {}}};
  return site;
}

design::SiteDesign design_candidate(const model::CandidateSite& candidate,
                                    const model::Scenario& scenario,
                                    const model::Catalog& catalog) {
  model::Site basis = design_basis(candidate);
  basis.construction.start = scenario.start;
  return design::design_site(basis, scenario, catalog);
}

BuiltProblem build_problem(const model::Scenario& scenario, const model::Catalog& catalog) {
  std::vector<design::SiteDesign> designs;
  for (const auto& candidate : scenario.candidates) {
    designs.push_back(design_candidate(candidate, scenario, catalog));
  }
  return build_problem(scenario, catalog, std::move(designs));
}

BuiltProblem build_problem(const model::Scenario& scenario, const model::Catalog& catalog,
                           std::vector<design::SiteDesign> designs) {
  BuiltProblem built;
  built.designs = std::move(designs);
  built.settings = scenario.optimize.value_or(model::OptimizeSettings{});
  built.start = scenario.start;
  Problem& problem = built.problem;
  const int period_days = static_cast<int>(std::lround(built.settings.period.in(u::day)));
  problem.period_weeks = period_days / 7.0;
  problem.periods = static_cast<int>(std::ceil(scenario.horizon.in(u::day) / period_days - 1e-9));
  // One rack system for every candidate (the loader checks it).
  const std::string& rack_system = scenario.candidates.front().site.rack_system;
  const auto* rack = catalog.find_as<model::RackSystem>(rack_system);
  problem.gpus_per_rack = rack->gpus_per_rack();
  problem.rack_it_mw = rack->power.it_design().in(u::MW);
  problem.factory_racks = available_racks(scenario, rack_system, problem.periods, period_days);
  problem.capex_budget_musd_per_year =
      budgets(built.settings, scenario.start, problem.periods, problem.period_weeks);
  problem.max_concurrent_phases = built.settings.max_concurrent_phases;
  if (built.settings.carbon_cap) problem.carbon_cap_t = built.settings.carbon_cap->in(u::tonne);
  if (built.settings.water_cap) problem.water_cap_m3 = built.settings.water_cap->in(u::m3);
  problem.objective = objective(built.settings, scenario.start, period_days);
  for (std::size_t i = 0; i < scenario.candidates.size(); ++i) {
    problem.candidates.push_back(
        problem_candidate(scenario.candidates[i], built.designs.at(i), built, period_days));
  }
  return built;
}

Date period_start(const BuiltProblem& built, int p) {
  return built.start.plus_days(static_cast<int>(std::lround(p * built.problem.period_weeks * 7)));
}

}  // namespace rackscale::optimize
