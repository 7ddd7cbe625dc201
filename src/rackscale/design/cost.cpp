#include "rackscale/design/cost.hpp"

#include <cmath>

#include "rackscale/core/checked.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

// Top-down only (policies.cost.facility_cost_per_mw). Shares of facility (shell + MEP) cost:
// Cushman & Wakefield Data Center Cost Guide 2025 gives critical power and cooling 53%, shell 21%,
// site 10%, white space fit-out 10% (the remaining 6% is other hard cost, counted here with shell
// and site). Assumption: the 53% splits 55% electrical and 45% mechanical; the guide does not give
// the split.
constexpr double kPowerAndCoolingShare = 0.53;
constexpr double kElectricalShareOfMep = 0.55;

CostAssumptions cost_assumptions(const model::CostPolicy& p) {
  CostAssumptions a;
  a.facility_cost_per_mw = p.facility_cost_per_mw;
  if (p.maintenance_fraction) a.maintenance_fraction = *p.maintenance_fraction;
  if (p.staff_per_mw) a.staff_per_mw = *p.staff_per_mw;
  if (p.staff_cost_per_year) a.staff_cost_per_year = *p.staff_cost_per_year;
  if (p.tco_horizon) a.tco_horizon = *p.tco_horizon;
  if (p.discount_rate) a.discount_rate = *p.discount_rate;
  return a;
}

double capital_recovery_factor(double rate, double years) {
  if (years <= 0.0) return 0.0;
  if (rate == 0.0) return 1.0 / years;
  double g = std::pow(1.0 + rate, years);
  return rate * g / (g - 1.0);
}

namespace {

// Top-down facility capex from a per-MW figure, split by the guide's shares.
FacilityCapex top_down_facility(u::PowerPrice per_mw, u::Power critical) {
  FacilityCapex f;
  const u::Money facility = per_mw * critical;
  const u::Money mep = kPowerAndCoolingShare * facility;
  f.electrical = kElectricalShareOfMep * mep;
  f.mechanical = mep - f.electrical;
  f.shell_and_site = facility - mep;
  f.lines.push_back(CapexLine{"facility", "shell and MEP (policies.cost.facility_cost_per_mw)",
                              "per MW of critical load", facility, true});
  return f;
}

}  // namespace

Cost compute_cost(const CostInput& in, const CostAssumptions& a) {
  Cost c;
  c.assumptions = a;
  c.it = static_cast<double>(in.racks) * in.rack_price;
  c.network = in.network_capex;
  const FacilityCapex f = a.facility_cost_per_mw
                              ? top_down_facility(*a.facility_cost_per_mw, in.critical_design)
                              : in.facility;
  c.electrical = f.electrical;
  c.mechanical = f.mechanical;
  c.shell_and_site = f.shell_and_site;
  c.overheads = f.overheads;
  c.soft_costs = f.soft_costs;
  c.facility_lines = f.lines;
  c.facility_hard = f.hard();
  c.facility_hard_per_mw =
      in.critical_design > u::Power{} ? c.facility_hard / in.critical_design : u::PowerPrice{};
  const u::Money facility = f.total();
  c.land = in.land_cost.value_or(u::Money{});
  c.capex_total = c.it + c.network + facility + c.land;

  c.energy_per_year = in.tariff * in.annual_facility_energy;
  c.water_per_year =
      in.water_price ? *in.water_price * (in.annual_water_litres * u::L) : u::Money{};
  c.staff_per_year = a.staff_per_mw * in.it_design.in(u::MW)*a.staff_cost_per_year;
  c.maintenance_per_year = a.maintenance_fraction * c.facility_hard;
  c.opex_per_year =
      c.energy_per_year + c.water_per_year + c.staff_per_year + c.maintenance_per_year;

  // TCO: capex now plus opex at the end of each year, discounted; a fractional last year counts
  // pro rata.
  double years = a.tco_horizon.in(u::year);
  double present_value_factor = 0.0;
  const int whole_years = checked_int(std::ceil(years), "the years of the TCO horizon");
  for (int y = 1; y <= whole_years; ++y) {
    double fraction = std::min(1.0, years - (y - 1));
    present_value_factor += fraction / std::pow(1.0 + a.discount_rate, y);
  }
  c.tco = c.capex_total + present_value_factor * c.opex_per_year;

  // Cost per GPU-hour: IT and network recovered over the horizon, the facility and land over
  // the facility life, plus a year of opex, divided by a year of GPU-hours.
  double crf_it = capital_recovery_factor(a.discount_rate, years);
  double crf_fac = capital_recovery_factor(a.discount_rate, a.facility_life.in(u::year));
  c.annualized_cost = crf_it * (c.it + c.network) + crf_fac * (facility + c.land) + c.opex_per_year;
  double gpu_hours = static_cast<double>(in.gpus) * (1.0 * u::year).in(u::h);
  c.cost_per_gpu_hour_usd = gpu_hours > 0.0 ? c.annualized_cost.in(u::USD) / gpu_hours : 0.0;
  return c;
}

}  // namespace rackscale::design
