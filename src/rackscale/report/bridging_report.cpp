#include "rackscale/report/bridging_report.hpp"

#include <fmt/format.h>

#include "rackscale/report/csv_writer.hpp"

namespace rackscale::report {

namespace u = rackscale::units;

namespace {

std::string num(double x) {
  return fmt::format("{:.6g}", x);
}

double total_bridging_mw(const model::SitePower& power) {
  double mw = 0.0;
  for (const auto& block : power.bridging) mw += block.capacity.in(u::MW);
  return mw;
}

}  // namespace

bool has_bridging(const model::Scenario& scenario) {
  for (const auto& site : scenario.sites) {
    if (site.power && !site.power->bridging.empty()) return true;
  }
  return false;
}

std::string bridging_csv(const analysis::PlanSummary& plan, const model::Scenario& scenario) {
  CsvWriter csv({"site", "technology", "capacity_mw", "capex_usd", "energy_mwh", "fuel_cost_usd",
                 "variable_om_usd", "co2_t"});
  for (std::size_t i = 0; i < scenario.sites.size() && i < plan.sites.size(); ++i) {
    const auto& site = scenario.sites[i];
    if (!site.power || site.power->bridging.empty()) continue;
    const double site_mw = total_bridging_mw(*site.power);
    for (const auto& block : site.power->bridging) {
      const double mw = block.capacity.in(u::MW);
      const u::Energy energy = plan.sites[i].mean_bridging_mwh * (mw / site_mw) * u::MWh;
      const auto& f = block.figures;
      csv.add_named_row(
          {{"site", site.name},
           {"technology",
            model::bridging_technology_names()[static_cast<std::size_t>(block.technology)]},
           {"capacity_mw", num(mw)},
           {"capex_usd", fmt::format("{:.0f}", (f.capex * block.capacity).in(u::USD))},
           {"energy_mwh", num(energy.in(u::MWh))},
           {"fuel_cost_usd",
            fmt::format("{:.0f}", (model::fuel_cost_per_energy(f) * energy).in(u::USD))},
           {"variable_om_usd", fmt::format("{:.0f}", (f.variable_om * energy).in(u::USD))},
           {"co2_t", num((f.emissions * energy).in(u::kg) / 1000.0)}});
    }
  }
  return csv.text();
}

}  // namespace rackscale::report
