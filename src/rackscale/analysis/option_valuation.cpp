#include "rackscale/analysis/option_valuation.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/analysis/quantiles.hpp"

namespace rackscale::analysis {

namespace {

using sim::BuildoutPlan;
using sim::BuildoutRun;
using sim::OptionIndex;

// One row: the options valued together and the counterfactual plans (indices into the models).
struct Row {
  std::size_t buyer = 0;
  sim::ContractIndex contract{};
  int option = 0;  // 1-based; 0: all the contract's options
  std::vector<OptionIndex> options;
  std::size_t without = 0, all = 0;
};

// What one plan gives a buyer in one run.
struct BuyerOutcome {
  double value_usd = 0.0;
  double idle_rack_weeks = 0.0;
  double stranded_racks = 0.0;
};

// What one run gives one row.
struct RowOutcome {
  double racks = 0.0, spend_usd = 0.0;
  BuyerOutcome with, without, all;
};

int rack_gpus(const BuildoutPlan& plan, const sim::PlanDemand& demand) {
  return demand.sites.empty() ? 0 : plan.sites[demand.sites.front()].gpus_per_rack;
}

BuyerOutcome buyer_outcome(const BuildoutPlan& plan, std::size_t buyer, const BuildoutRun& run,
                           const std::vector<double>& demand_gpus) {
  const sim::PlanDemand& demand = plan.demand[buyer];
  BuyerOutcome outcome;
  outcome.value_usd = realized_value_usd(plan, buyer, run, demand_gpus);
  const double gpus_per_rack = rack_gpus(plan, demand);
  for (int week = 0; week < run.weeks; ++week) {
    double online = 0.0;
    for (sim::SiteIndex site : demand.sites) {
      online += static_cast<double>(
          run.sites[position(site)].weekly.gpus_online[static_cast<std::size_t>(week)]);
    }
    const double wanted = demand_gpus[static_cast<std::size_t>(7 * week + 6)];
    if (gpus_per_rack > 0)
      outcome.idle_rack_weeks += std::max(0.0, online - wanted) / gpus_per_rack;
  }
  const auto last = static_cast<std::size_t>(run.weeks - 1);
  for (sim::SiteIndex site : demand.sites) {
    const sim::SiteSeries& weekly = run.sites[position(site)].weekly;
    if (run.weeks > 0) outcome.stranded_racks += weekly.delivered[last] - weekly.online[last];
  }
  return outcome;
}

// The rows: each option a buyer decides, then its contract's row.
std::vector<Row> make_rows(const BuildoutPlan& plan) {
  std::vector<Row> rows;
  for (sim::ContractIndex contract : plan.contracts.indices()) {
    Row all_of_contract;
    all_of_contract.contract = contract;
    for (OptionIndex index : plan.options.indices()) {
      const sim::PlanOption& option = plan.options[index];
      if (option.contract != contract || option.buyer == sim::kNoBuyer) continue;
      const auto buyer = static_cast<std::size_t>(option.buyer);
      rows.push_back(
          {.buyer = buyer, .contract = contract, .option = option.option + 1, .options = {index}});
      all_of_contract.buyer = buyer;
      all_of_contract.options.push_back(index);
    }
    if (!all_of_contract.options.empty()) rows.push_back(all_of_contract);
  }
  return rows;
}

// The plan with `options` removed (racks = 0) or exercised in full on their decision day.
BuildoutPlan variant(const BuildoutPlan& plan, const std::vector<OptionIndex>& options,
                     bool remove) {
  BuildoutPlan changed = plan;
  for (OptionIndex index : options) {
    if (remove) {
      changed.options[index].racks = 0;
    } else {
      changed.options[index].decision = sim::OptionDecision::All;
    }
  }
  return changed;
}

// The counterfactual models of every row, sharing those of equal option sets; models[0] is the
// plan itself.
std::vector<sim::BuildoutModel> make_models(const BuildoutPlan& plan, std::vector<Row>& rows) {
  std::vector<sim::BuildoutModel> models;
  models.emplace_back(plan);
  std::vector<std::pair<std::vector<OptionIndex>, std::size_t>> seen;  // option set -> without
  for (Row& row : rows) {
    const auto same = std::find_if(seen.begin(), seen.end(),
                                   [&](const auto& entry) { return entry.first == row.options; });
    if (same != seen.end()) {
      row.without = same->second;
      row.all = same->second + 1;
      continue;
    }
    row.without = models.size();
    models.emplace_back(variant(plan, row.options, true));
    row.all = models.size();
    models.emplace_back(variant(plan, row.options, false));
    seen.emplace_back(row.options, row.without);
  }
  return models;
}

// What one run gives every row, and each buyer's cash flows as planned.
struct RunOutcome {
  std::vector<RowOutcome> rows;
  std::vector<BuyerCashFlows> buyers;
};

RunOutcome run_rows(const BuildoutPlan& plan, const std::vector<Row>& rows,
                    const std::vector<sim::BuildoutModel>& models, std::uint64_t seed, int run) {
  std::vector<BuildoutRun> runs;
  for (const sim::BuildoutModel& model : models) runs.push_back(model.run(seed, run));
  std::vector<std::vector<double>> demand;
  for (std::size_t buyer = 0; buyer < plan.demand.size(); ++buyer) {
    demand.push_back(sim::sample_demand(plan.demand[buyer], seed, run, buyer).gpus);
  }
  RunOutcome outcomes;
  for (std::size_t buyer = 0; buyer < plan.demand.size(); ++buyer) {
    outcomes.buyers.push_back(buyer_cash_flows(plan, buyer, runs.front(), demand[buyer]));
  }
  for (const Row& row : rows) {
    RowOutcome& outcome = outcomes.rows.emplace_back();
    for (OptionIndex index : row.options) {
      const sim::PlanOption& option = plan.options[index];
      const int racks = runs.front()
                            .contracts[position(option.contract)]
                            .exercised[static_cast<std::size_t>(option.option)];
      outcome.racks += racks;
      outcome.spend_usd += racks * option.unit_price_usd;
    }
    // Each outcome under its own plan: without the option(s) no premium is paid.
    const std::vector<double>& path = demand[row.buyer];
    outcome.with = buyer_outcome(plan, row.buyer, runs.front(), path);
    outcome.without = buyer_outcome(models[row.without].plan(), row.buyer, runs[row.without], path);
    outcome.all = buyer_outcome(models[row.all].plan(), row.buyer, runs[row.all], path);
  }
  return outcomes;
}

OptionValue summarize_row(const BuildoutPlan& plan, const Row& row,
                          const std::vector<std::vector<RowOutcome>>& outcomes, std::size_t at) {
  OptionValue value;
  value.buyer = plan.demand[row.buyer].buyer;
  value.contract = plan.contracts[row.contract].name;
  value.option = row.option;
  value.firm_unit_price_usd = plan.contracts[row.contract].unit_price_usd;
  double offered_usd = 0.0;
  for (OptionIndex index : row.options) {
    value.racks += plan.options[index].racks;
    offered_usd += plan.options[index].racks * plan.options[index].unit_price_usd;
    value.premium_usd += plan.options[index].racks * plan.options[index].premium_usd;
  }
  value.unit_price_usd = value.racks > 0 ? offered_usd / static_cast<double>(value.racks) : 0.0;
  value.firm_cost_usd = static_cast<double>(value.racks) * value.firm_unit_price_usd;
  std::vector<double> racks, spend, with, gain, as_all, idle, stranded, regret;
  for (const std::vector<RowOutcome>& run : outcomes) {
    const RowOutcome& o = run[at];
    racks.push_back(o.racks);
    spend.push_back(o.spend_usd);
    with.push_back(o.with.value_usd);
    gain.push_back(o.with.value_usd - o.without.value_usd);
    as_all.push_back(o.all.value_usd - o.without.value_usd);
    idle.push_back(o.with.idle_rack_weeks - o.without.idle_rack_weeks);
    stranded.push_back(o.with.stranded_racks - o.without.stranded_racks);
    regret.push_back(std::max({o.with.value_usd, o.without.value_usd, o.all.value_usd}) -
                     o.with.value_usd);
  }
  if (outcomes.empty()) return value;
  value.exercise_probability = static_cast<double>(std::count_if(racks.begin(), racks.end(),
                                                                 [](double r) { return r > 0; })) /
                               static_cast<double>(racks.size());
  value.racks_p10 = quantile(racks, 0.1);
  value.racks_p50 = quantile(racks, 0.5);
  value.racks_p90 = quantile(racks, 0.9);
  value.spend_usd = mean_of(spend);
  value.buyer_value_usd = mean_of(with);
  value.value_usd = mean_of(gain);
  value.value_stderr_usd = standard_error(gain);
  // "All" paid the premiums on day 0 (discount factor 1); firm orders pay none.
  value.value_as_firm_usd = mean_of(as_all) + offered_usd + value.premium_usd - value.firm_cost_usd;
  value.idle_rack_weeks = mean_of(idle);
  value.stranded_racks = mean_of(stranded);
  value.regret_usd = mean_of(regret);
  return value;
}

}  // namespace

double realized_value_usd(const BuildoutPlan& plan, std::size_t buyer, const BuildoutRun& run,
                          const std::vector<double>& demand_gpus) {
  return buyer_cash_flows(plan, buyer, run, demand_gpus).buyer_npv_usd();
}

OptionValuation value_options(const BuildoutPlan& plan, std::uint64_t seed, int runs, int threads) {
  OptionValuation valuation;
  if (plan.demand.empty()) return valuation;
  valuation.runs = runs;
  std::vector<Row> rows = make_rows(plan);
  const std::vector<sim::BuildoutModel> models = make_models(plan, rows);
  // Folded in run order: the rows' scalars are kept per run (for their quantiles), the buyers'
  // monthly flows only as sums.
  std::vector<std::vector<RowOutcome>> outcomes;
  std::vector<DealSums> sums;
  for (std::size_t buyer = 0; buyer < plan.demand.size(); ++buyer) {
    sums.emplace_back(plan.demand[buyer].buyer, buyer_site_names(plan, buyer));
  }
  auto fold = [&](RunOutcome run) {
    outcomes.push_back(std::move(run.rows));
    for (std::size_t buyer = 0; buyer < sums.size(); ++buyer) sums[buyer].add(run.buyers[buyer]);
  };
  InRunOrder<RunOutcome, decltype(fold)> in_run_order(fold);
  ReplicationOptions options;
  options.runs = runs;
  options.threads = threads;
  fold_replications(
      options, [] { return 0; },
      [&](int&, int run) { in_run_order.submit(run, run_rows(plan, rows, models, seed, run)); });
  for (std::size_t at = 0; at < rows.size(); ++at) {
    valuation.rows.push_back(summarize_row(plan, rows[at], outcomes, at));
  }
  for (const DealSums& buyer : sums) valuation.deals.push_back(buyer.summary());
  return valuation;
}

}  // namespace rackscale::analysis
