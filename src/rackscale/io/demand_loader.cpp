#include "rackscale/io/demand_loader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

namespace rackscale::io {

namespace {

namespace u = rackscale::units;

// Probabilities of the scenarios must sum to 1 within this [-].
constexpr double kProbabilityTolerance = 1e-6;

// One point: a date and either `gpus` or `it_power`.
model::DemandPoint read_point(MapReader& m) {
  model::DemandPoint point;
  point.date = m.date("date", Need::Required).value_or(Date{});
  const bool has_gpus = m.has("gpus");
  const bool has_power = m.has("it_power");
  if (has_gpus == has_power) {
    m.fail_here(
        "a demand point needs exactly one of `gpus` and `it_power`",
        "write `{date: 2027-01-01, gpus: 100000}` or `{date: 2027-01-01, it_power: 150 MW}`");
  } else if (has_gpus) {
    point.gpus = m.number("gpus", Need::Required, Bound<double>{0.0, false}).value_or(0.0);
  } else {
    point.it_power = m.quantity<u::Power>("it_power", Need::Required, non_negative<u::Power>())
                         .value_or(u::Power{});
    point.in_power = true;
  }
  m.finish();
  return point;
}

// A path: points with strictly increasing dates.
std::vector<model::DemandPoint> read_path(MapReader& r, const std::string& key) {
  std::vector<model::DemandPoint> path;
  r.each_map(key, Need::Required, [&](MapReader& m, std::size_t) {
    model::DemandPoint point = read_point(m);
    if (!path.empty() && !(path.back().date < point.date)) {
      m.fail("date", fmt::format("must be after the previous point's date ({}), got {}",
                                 path.back().date.to_string(), point.date.to_string()));
    }
    path.push_back(point);
  });
  r.non_empty(key, "add at least one point, e.g. `[{date: 2027-01-01, gpus: 100000}]`");
  return path;
}

// `scenarios:`: named paths whose probabilities sum to 1.
void read_scenarios(MapReader& r, model::BuyerDemand& demand) {
  double total = 0.0;
  r.each_map("scenarios", Need::Required, [&](MapReader& m, std::size_t) {
    model::DemandScenario scenario;
    scenario.name = m.string("name", Need::Required).value_or("");
    scenario.probability = m.number("probability", Need::Required, Bound<double>{0.0, false},
                                    Bound<double>{1.0, false})
                               .value_or(0.0);
    total += scenario.probability;
    scenario.path = read_path(m, "path");
    m.finish();
    demand.scenarios.push_back(std::move(scenario));
  });
  r.non_empty("scenarios", "add at least one scenario");
  if (!demand.scenarios.empty() && std::abs(total - 1.0) > kProbabilityTolerance) {
    r.fail("scenarios", fmt::format("the probabilities must sum to 1, got {:g}", total),
           "scale the probabilities so that they add up to 1");
  }
}

// The contracts of one buyer: each a contract of the scenario, and each decided by one buyer.
void read_contracts(MapReader& r, model::BuyerDemand& demand, const model::Scenario& scenario,
                    std::map<std::string, std::string>& owner) {
  std::vector<std::string> names;
  for (const model::Contract& contract : scenario.contracts) names.push_back(contract.name);
  const auto items = r.string_items("contracts", Need::Required);
  if (!items) return;
  for (const Item& item : *items) {
    if (std::find(names.begin(), names.end(), item.value) == names.end()) {
      r.diagnostics().error(item.where, item.path,
                            fmt::format("no contract named \"{}\"", item.value),
                            suggest(item.value, names), static_cast<int>(item.value.size()));
      continue;
    }
    const auto [at, inserted] = owner.emplace(item.value, demand.buyer);
    if (!inserted) {
      r.diagnostics().error(
          item.where, item.path,
          fmt::format("contract \"{}\" already has a buyer (\"{}\")", item.value, at->second),
          "name each contract under one buyer", static_cast<int>(item.value.size()));
      continue;
    }
    demand.contracts.push_back(item.value);
  }
}

// `successor:`: the date a successor rack system is available and the yearly decline of the
// current racks' value after it.
std::optional<model::TechnologyStep> read_successor(MapReader& r) {
  if (!r.has("successor")) return std::nullopt;
  MapReader m = r.map("successor", Need::Optional);
  if (!m.valid()) return std::nullopt;
  model::TechnologyStep step;
  step.available = m.date("available", Need::Required).value_or(Date{});
  step.decline =
      m.number("decline", Need::Required, Bound<double>{0.0, false}, Bound<double>{1.0, true})
          .value_or(0.0);
  m.finish();
  return step;
}

// The valuation keys: service life, successor and the manufacturer's margin.
void read_valuation(MapReader& r, model::BuyerDemand& demand) {
  demand.service_life =
      r.quantity<u::Duration>("service_life", Need::Optional, positive<u::Duration>())
          .value_or(model::kDefaultServiceLife);
  demand.successor = read_successor(r);
  demand.manufacturer_margin = r.number("manufacturer_margin", Need::Optional,
                                        Bound<double>{-1.0, false}, Bound<double>{1.0, true})
                                   .value_or(model::kDefaultManufacturerMargin);
}

model::BuyerDemand read_buyer(MapReader& r, const model::Scenario& scenario,
                              std::map<std::string, std::string>& owner) {
  model::BuyerDemand demand;
  demand.where = r.where();
  demand.buyer = r.string("buyer", Need::Required).value_or("");
  read_contracts(r, demand, scenario, owner);
  demand.value_per_gpu_hour =
      r.quantity<model::GpuHourValue>("value", Need::Required, non_negative<model::GpuHourValue>())
          .value_or(model::GpuHourValue{});
  read_valuation(r, demand);
  const bool has_median = r.has("median");
  const bool has_scenarios = r.has("scenarios");
  const bool has_volatility = r.has("volatility");
  if (has_median == has_scenarios) {
    r.fail_here(
        "a buyer's demand needs exactly one of `median` (with `volatility`) and "
        "`scenarios`",
        "give `median: [...]` and `volatility: 0.3`, or `scenarios: [...]`");
  } else if (has_median) {
    demand.kind = model::DemandKind::Lognormal;
    demand.median = read_path(r, "median");
    demand.volatility =
        r.number("volatility", Need::Required, Bound<double>{0.0, false}, Bound<double>{5.0, false})
            .value_or(0.0);
  } else {
    demand.kind = model::DemandKind::Scenarios;
    read_scenarios(r, demand);
    if (has_volatility) {
      r.fail("volatility", "applies only to a `median` path, not to `scenarios`",
             "remove `volatility`, or give `median` instead of `scenarios`");
    }
  }
  r.finish();
  return demand;
}

}  // namespace

std::vector<model::BuyerDemand> read_demand(MapReader& top, const model::Scenario& scenario) {
  std::vector<model::BuyerDemand> demand;
  std::map<std::string, std::string> owner;  // contract -> buyer
  std::map<std::string, int> seen;           // buyer -> line
  top.each_map("demand", Need::Optional, [&](MapReader& r, std::size_t) {
    demand.push_back(read_buyer(r, scenario, owner));
    const model::BuyerDemand& buyer = demand.back();
    const auto [at, inserted] = seen.emplace(buyer.buyer, buyer.where.line);
    if (!inserted && !buyer.buyer.empty()) {
      r.fail("buyer",
             fmt::format("duplicate buyer \"{}\" (first at line {})", buyer.buyer, at->second),
             "give each buyer one entry");
    }
  });
  return demand;
}

}  // namespace rackscale::io
