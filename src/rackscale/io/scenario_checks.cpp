#include "rackscale/io/scenario_checks.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace rackscale::io {
namespace {

namespace u = rackscale::units;

struct CheckState {
  const model::Scenario& scenario;
  const model::Catalog& catalog;
  const KeyLocations& locations;
  Diagnostics& diag;

  void warning(const std::string& path, std::string message, std::string hint = {}) {
    diag.warning(locations.at(path), path, std::move(message), std::move(hint));
  }
};

// Sites whose rack system no contract buys, and contracts for a rack system no site uses.
void check_contract_coverage(CheckState& s) {
  const auto& sc = s.scenario;
  for (std::size_t i = 0; i < sc.sites.size(); ++i) {
    const auto& site = sc.sites[i];
    const bool bought = std::any_of(sc.contracts.begin(), sc.contracts.end(), [&](const auto& c) {
      return c.rack_system == site.rack_system;
    });
    if (!bought) {
      s.warning(site.path + ".rack_system",
                fmt::format("no contract buys {}: nothing will be built at site \"{}\"",
                            site.rack_system, site.name),
                fmt::format("add a contract under `contracts:` with `rack_system: {}`",
                            site.rack_system));
    }
  }
  for (const auto& contract : sc.contracts) {
    const bool used =
        std::any_of(sc.sites.begin(), sc.sites.end(),
                    [&](const auto& site) { return site.rack_system == contract.rack_system; }) ||
        std::any_of(sc.candidates.begin(), sc.candidates.end(), [&](const auto& candidate) {
          return candidate.site.rack_system == contract.rack_system;
        });
    if (!used) {
      s.warning(contract.path + ".rack_system",
                fmt::format("no site uses {}: the racks of contract \"{}\" have nowhere to go",
                            contract.rack_system, contract.name),
                "name a rack system one of the sites uses");
    }
  }
}

// Dates after the end of the horizon: nothing they schedule happens within the run.
void check_dates_in_horizon(CheckState& s) {
  const auto& sc = s.scenario;
  const Date end = sc.start.plus_days(static_cast<int>(sc.horizon.in(u::day)));
  auto check = [&](const std::string& path, Date date, const char* what) {
    if (date <= end) return;
    s.warning(path,
              fmt::format("{} is after the end of the horizon ({}): {}", date.to_string(),
                          end.to_string(), what),
              "move the date into the horizon or lengthen `horizon`");
  };
  for (const auto& site : sc.sites) {
    check(site.path + ".construction.start", site.construction.start,
          "the site is not built within the run");
  }
  for (const auto& c : sc.contracts) {
    for (std::size_t i = 0; i < c.firm.size(); ++i) {
      check(fmt::format("{}.firm[{}].deliver_by", c.path, i), c.firm[i].deliver_by,
            "the order is due after the run ends");
    }
    for (std::size_t i = 0; i < c.options.size(); ++i) {
      check(fmt::format("{}.options[{}].window_open", c.path, i), c.options[i].window_open,
            "the option can never be exercised within the run");
    }
  }
}

// Tariffs and unit prices outside the plausible bounds (scenario_checks.hpp).
void check_prices(CheckState& s) {
  for (const auto& site : s.scenario.sites) {
    const double tariff = site.tariff.in(u::USD / u::kWh);
    if (tariff < kMinPlausibleTariffUsdPerKwh || tariff > kMaxPlausibleTariffUsdPerKwh) {
      s.warning(site.path + ".tariff",
                fmt::format("{:g} USD/kWh is outside the plausible range {:g} to {:g} USD/kWh "
                            "(EIA state averages, 2023: 0.0575 to 0.39 USD/kWh)",
                            tariff, kMinPlausibleTariffUsdPerKwh, kMaxPlausibleTariffUsdPerKwh),
                "check the unit: e.g. `tariff: 0.08 USD/kWh`");
    }
  }
  auto check_unit_price = [&](const std::string& path, u::Money price, const std::string& rack) {
    const model::CatalogEntry* entry = s.catalog.find(rack);
    if (!entry || !entry->price || entry->price->si() <= 0.0) return;
    const double ratio = price / *entry->price;
    if (ratio >= kPlausibleUnitPriceRatio && ratio <= 1.0 / kPlausibleUnitPriceRatio) return;
    s.warning(path,
              fmt::format("{:g} MUSD a rack is {:.2g} times the catalog price of {} ({:g} MUSD); "
                          "plausible: {:g} to {:g} times",
                          price.in(u::MUSD), ratio, rack, entry->price->in(u::MUSD),
                          kPlausibleUnitPriceRatio, 1.0 / kPlausibleUnitPriceRatio),
              "check the unit: e.g. `unit_price: 3.3 MUSD`");
  };
  for (const auto& c : s.scenario.contracts) {
    check_unit_price(c.path + ".unit_price", c.unit_price, c.rack_system);
    for (std::size_t i = 0; i < c.options.size(); ++i) {
      check_unit_price(fmt::format("{}.options[{}].unit_price", c.path, i), c.options[i].unit_price,
                       c.rack_system);
    }
  }
}

}  // namespace

void check_scenario(const LoadedScenario& loaded, Diagnostics& diag) {
  CheckState state{loaded.scenario, loaded.catalog, loaded.locations, diag};
  check_contract_coverage(state);
  check_dates_in_horizon(state);
  check_prices(state);
}

}  // namespace rackscale::io
