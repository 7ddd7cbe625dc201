#include "rackscale/analysis/contract_search.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rackscale/analysis/deal_cash_flows.hpp"
#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/sim/buildout/buildout.hpp"
#include "rackscale/sim/buildout/buildout_demand.hpp"

namespace rackscale::analysis {

namespace {

[[noreturn]] void contract_error(const model::Contract* contract, const std::string& message,
                                 const std::string& hint) {
  const std::vector<Diagnostic> problem = {Diagnostic{contract ? contract->where : SourceLocation{},
                                                      contract ? contract->path : "", message,
                                                      hint}};
  throw InputError(problem, render(problem, SourceTexts{}));
}

// The contract searched, checked: known, decided by a buyer, with racks to move.
std::size_t find_contract(const model::Scenario& scenario, const std::string& name) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < scenario.contracts.size(); ++c) {
    if (scenario.contracts[c].name == name) return c;
    names.push_back(scenario.contracts[c].name);
  }
  contract_error(nullptr, fmt::format("--contract: no contract named \"{}\"", name),
                 names.empty() ? "the scenario has no contracts"
                               : fmt::format("the contracts are: {}", fmt::join(names, ", ")));
}

void check_searchable(const model::Scenario& scenario, const model::Contract& contract) {
  const bool has_buyer = std::any_of(scenario.demand.begin(), scenario.demand.end(), [&](auto& b) {
    return std::find(b.contracts.begin(), b.contracts.end(), contract.name) != b.contracts.end();
  });
  if (!has_buyer) {
    contract_error(
        &contract, fmt::format("contract \"{}\" has no buyer", contract.name),
        "name it under a buyer's `demand[].contracts`: the search scores the buyer's NPV");
  }
  if (contract.firm.empty() || contract.options.empty()) {
    contract_error(&contract,
                   fmt::format("contract \"{}\" needs a firm order and a purchase option for the "
                               "search to move racks between them",
                               contract.name),
                   "add a firm order (`firm:`) and an option (`options:`); the search moves racks "
                   "between them");
  }
}

// The contract with `firm_racks` of its racks firm, the rest options, option prices x factor.
model::Contract reshaped(const model::Contract& contract, int firm_racks, double price_factor) {
  model::Contract out = contract;
  std::vector<int> firm_weights, option_weights;
  int total = 0;
  for (const model::FirmOrder& order : contract.firm) {
    firm_weights.push_back(order.racks);
    total += order.racks;
  }
  for (const model::PurchaseOption& option : contract.options) {
    option_weights.push_back(option.racks);
    total += option.racks;
  }
  const std::vector<int> firm = split_in_proportion(firm_racks, firm_weights);
  const std::vector<int> options = split_in_proportion(total - firm_racks, option_weights);
  for (std::size_t i = 0; i < out.firm.size(); ++i) out.firm[i].racks = firm[i];
  for (std::size_t i = 0; i < out.options.size(); ++i) {
    out.options[i].racks = options[i];
    out.options[i].unit_price = out.options[i].unit_price * price_factor;
  }
  return out;
}

// What a point keeps of one run: both sides' NPV and the racks bought.
struct RunScore {
  double buyer_npv_usd = 0.0, manufacturer_npv_usd = 0.0, racks_bought = 0.0;
};

// The buyer's NPVs in every run of the scenario (the same seeds at every point).
std::vector<RunScore> simulate(const model::Scenario& scenario, const model::Catalog& catalog,
                               const std::vector<design::SiteDesign>& sites,
                               const std::string& contract, const ContractSearchOptions& o) {
  const sim::BuildoutModel model({&scenario, &catalog, &sites});
  const sim::BuildoutPlan& plan = model.plan();
  std::size_t buyer = 0;
  for (std::size_t b = 0; b < plan.demand.size(); ++b) {
    for (sim::ContractIndex c : plan.demand[b].contracts) {
      if (plan.contracts[c].name == contract) buyer = b;
    }
  }
  return run_replications(o.runs, o.threads, [&](int run) {
    const sim::BuildoutRun result = model.run(o.seed, run);
    const sim::DemandPath path = sim::sample_demand(plan.demand[buyer], o.seed, run, buyer);
    const BuyerCashFlows flows = buyer_cash_flows(plan, buyer, result, path.gpus);
    return RunScore{flows.buyer_npv_usd(), flows.manufacturer_npv_usd(), flows.racks_bought};
  });
}

ContractPoint score(const model::Contract& contract, const std::vector<RunScore>& runs) {
  ContractPoint point;
  double option_usd = 0.0;
  for (const model::FirmOrder& order : contract.firm) point.firm_racks += order.racks;
  for (const model::PurchaseOption& option : contract.options) {
    point.option_racks += option.racks;
    option_usd += option.racks * option.unit_price.in(units::USD);
  }
  point.option_unit_price_usd = point.option_racks > 0 ? option_usd / point.option_racks : 0.0;
  std::vector<double> buyer, manufacturer, racks;
  for (const RunScore& run : runs) {
    buyer.push_back(run.buyer_npv_usd);
    manufacturer.push_back(run.manufacturer_npv_usd);
    racks.push_back(run.racks_bought);
  }
  point.buyer_npv_mean_usd = mean_of(buyer);
  point.buyer_npv_p10_usd = quantile(buyer, 0.1);
  point.buyer_npv_p50_usd = quantile(buyer, 0.5);
  point.buyer_npv_p90_usd = quantile(buyer, 0.9);
  point.manufacturer_npv_mean_usd = mean_of(manufacturer);
  point.racks_bought_mean = mean_of(racks);
  return point;
}

// The frontier flags and the best point meeting the floor.
void rank(ContractSearch& search) {
  for (ContractPoint& point : search.points) {
    point.meets_floor = !search.p10_floor_usd || point.buyer_npv_p10_usd >= *search.p10_floor_usd;
    point.on_frontier =
        std::none_of(search.points.begin(), search.points.end(), [&](const ContractPoint& other) {
          return other.buyer_npv_mean_usd >= point.buyer_npv_mean_usd &&
                 other.buyer_npv_p10_usd >= point.buyer_npv_p10_usd &&
                 (other.buyer_npv_mean_usd > point.buyer_npv_mean_usd ||
                  other.buyer_npv_p10_usd > point.buyer_npv_p10_usd);
        });
  }
  for (std::size_t i = 0; i < search.points.size(); ++i) {
    const ContractPoint& point = search.points[i];
    if (point.meets_floor && (!search.best || point.buyer_npv_mean_usd >
                                                  search.points[*search.best].buyer_npv_mean_usd)) {
      search.best = i;
    }
  }
}

}  // namespace

std::vector<int> split_in_proportion(int total, const std::vector<int>& weights) {
  std::vector<int> out(weights.size(), 0);
  if (weights.empty()) return out;
  long long sum = 0;
  for (int w : weights) sum += w;
  std::vector<double> exact(weights.size());
  int given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    exact[i] = sum > 0 ? static_cast<double>(total) * weights[i] / static_cast<double>(sum)
                       : static_cast<double>(total) / static_cast<double>(weights.size());
    out[i] = static_cast<int>(std::floor(exact[i]));
    given += out[i];
  }
  std::vector<std::size_t> order(weights.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return exact[a] - std::floor(exact[a]) > exact[b] - std::floor(exact[b]);
  });
  for (std::size_t k = 0; given < total; ++k, ++given) ++out[order[k % order.size()]];
  return out;
}

ContractSearch search_contract(const model::Scenario& scenario, const model::Catalog& catalog,
                               const std::vector<design::SiteDesign>& sites,
                               const ContractSearchOptions& options) {
  const std::size_t index = find_contract(scenario, options.contract);
  const model::Contract& contract = scenario.contracts[index];
  check_searchable(scenario, contract);
  ContractSearch search;
  search.contract = contract.name;
  search.runs = options.runs;
  search.seed = options.seed;
  search.p10_floor_usd = options.p10_floor_usd;
  for (const model::BuyerDemand& buyer : scenario.demand) {
    if (std::find(buyer.contracts.begin(), buyer.contracts.end(), contract.name) !=
        buyer.contracts.end()) {
      search.buyer = buyer.buyer;
    }
  }
  model::Scenario changed = scenario;
  auto evaluate = [&](const model::Contract& terms) {
    changed.contracts[index] = terms;
    return score(terms, simulate(changed, catalog, sites, contract.name, options));
  };
  ContractPoint written = evaluate(contract);
  written.as_written = true;
  const int total = written.firm_racks + written.option_racks;
  written.firm_share = total > 0 ? static_cast<double>(written.firm_racks) / total : 0.0;
  search.points.push_back(written);
  for (double share : options.firm_shares) {
    for (double factor : options.price_factors) {
      const int firm = static_cast<int>(std::lround(share * total));
      ContractPoint point = evaluate(reshaped(contract, firm, factor));
      point.firm_share = share;
      point.price_factor = factor;
      search.points.push_back(point);
    }
  }
  rank(search);
  return search;
}

}  // namespace rackscale::analysis
