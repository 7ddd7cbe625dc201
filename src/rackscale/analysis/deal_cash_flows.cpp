#include "rackscale/analysis/deal_cash_flows.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/sim/buildout/buildout_demand.hpp"

namespace rackscale::analysis {

namespace {

using sim::BuildoutPlan;
using sim::BuildoutRun;

constexpr int kNoSuccessor = std::numeric_limits<int>::max();

std::size_t quarter_of(int day) {
  return static_cast<std::size_t>(std::max(0.0, std::floor(day / kDaysPerQuarter)));
}

void add_at(std::vector<double>& per_quarter, std::size_t quarter, double usd) {
  if (per_quarter.size() <= quarter) per_quarter.resize(quarter + 1, 0.0);
  per_quarter[quarter] += usd;
}

// The buyer's GPUs online at the end of each simulated week [GPUs].
std::vector<double> weekly_gpus_online(const sim::PlanDemand& demand, const BuildoutRun& run) {
  std::vector<double> online(static_cast<std::size_t>(run.weeks), 0.0);
  for (sim::SiteIndex site : demand.sites) {
    const auto& gpus = run.sites[position(site)].weekly.gpus_online;
    for (std::size_t week = 0; week < online.size(); ++week) {
      online[week] += static_cast<double>(gpus[week]);
    }
  }
  return online;
}

// Value of the GPU-hours served, week by week to the end of the service life of the racks
// online at the horizon.
void add_value(BuyerCashFlows& flows, const sim::PlanDemand& demand, const BuildoutRun& run,
               const std::vector<double>& demand_gpus) {
  if (run.weeks <= 0) return;
  const std::vector<double> online = weekly_gpus_online(demand, run);
  const int life_weeks = static_cast<int>(std::lround(demand.life_days / 7.0));
  const int last = run.weeks - 1;
  auto online_at = [&](int week) {
    return week < 0 ? 0.0 : online[static_cast<std::size_t>(std::min(week, last))];
  };
  for (int week = 0; week < run.weeks + life_weeks; ++week) {
    const int day = 7 * week + 6;
    const double serving = std::max(0.0, online_at(week) - online_at(week - life_weeks));
    const double wanted = demand_gpus[static_cast<std::size_t>(
        std::min(day, static_cast<int>(demand_gpus.size()) - 1))];
    const double usd = 7.0 * demand.value_per_gpu_day_usd * std::min(serving, wanted);
    flows.value_npv_usd += usd * demand.value_weight[static_cast<std::size_t>(day)];
    add_at(flows.value_usd, quarter_of(day), usd);
  }
}

void add_payment(BuyerCashFlows& flows, const BuildoutPlan& plan, int day, double racks,
                 double unit_price_usd) {
  const double usd = racks * unit_price_usd;
  flows.racks_bought += racks;
  flows.payments_npv_usd += usd * sim::value_weight(plan.cost_of_capital, kNoSuccessor, 0.0, day);
  add_at(flows.payments_usd, quarter_of(day), usd);
}

// Each firm order on its due day, each exercise on its decision day + the exercise lead.
void add_payments(BuyerCashFlows& flows, const BuildoutPlan& plan, const sim::PlanDemand& demand,
                  const BuildoutRun& run) {
  for (sim::ContractIndex contract : demand.contracts) {
    const sim::PlanContract& terms = plan.contracts[contract];
    for (const sim::PlanFirmOrder& order : terms.firm) {
      add_payment(flows, plan, order.due_day, order.racks, terms.unit_price_usd);
    }
  }
  for (const sim::PlanOption& option : plan.options) {
    const auto& contracts = demand.contracts;
    if (std::find(contracts.begin(), contracts.end(), option.contract) == contracts.end()) continue;
    const sim::ContractResult& result = run.contracts[position(option.contract)];
    const auto at = static_cast<std::size_t>(option.option);
    const int racks = result.exercised[at];
    if (racks <= 0 || !result.first_exercise_day[at]) continue;
    add_payment(flows, plan, *result.first_exercise_day[at] + plan.exercise_lead_days, racks,
                option.unit_price_usd);
  }
}

// Mean per quarter of `field` over the runs (a run without a quarter counts 0 there).
std::vector<double> quarterly_means(const std::vector<BuyerCashFlows>& runs,
                                    std::vector<double> BuyerCashFlows::*field) {
  std::vector<double> sums;
  for (const BuyerCashFlows& run : runs) {
    const std::vector<double>& flows = run.*field;
    if (sums.size() < flows.size()) sums.resize(flows.size(), 0.0);
    for (std::size_t q = 0; q < flows.size(); ++q) sums[q] += flows[q];
  }
  for (double& sum : sums) sum /= static_cast<double>(runs.size());
  return sums;
}

}  // namespace

BuyerCashFlows buyer_cash_flows(const BuildoutPlan& plan, std::size_t buyer, const BuildoutRun& run,
                                const std::vector<double>& demand_gpus) {
  const sim::PlanDemand& demand = plan.demand[buyer];
  BuyerCashFlows flows;
  flows.margin = demand.manufacturer_margin;
  add_value(flows, demand, run, demand_gpus);
  add_payments(flows, plan, demand, run);
  return flows;
}

BuyerDeal summarize_deal(const std::string& buyer, const std::vector<BuyerCashFlows>& runs) {
  BuyerDeal deal;
  deal.buyer = buyer;
  if (runs.empty()) return deal;
  deal.margin = runs.front().margin;
  std::vector<double> buyer_npv, manufacturer_npv, value, payments, racks;
  for (const BuyerCashFlows& run : runs) {
    buyer_npv.push_back(run.buyer_npv_usd());
    manufacturer_npv.push_back(run.manufacturer_npv_usd());
    value.push_back(run.value_npv_usd);
    payments.push_back(run.payments_npv_usd);
    racks.push_back(run.racks_bought);
  }
  deal.buyer_npv_mean_usd = mean_of(buyer_npv);
  deal.buyer_npv_p10_usd = quantile(buyer_npv, 0.1);
  deal.buyer_npv_p50_usd = quantile(buyer_npv, 0.5);
  deal.buyer_npv_p90_usd = quantile(buyer_npv, 0.9);
  deal.manufacturer_npv_mean_usd = mean_of(manufacturer_npv);
  deal.manufacturer_npv_p10_usd = quantile(manufacturer_npv, 0.1);
  deal.manufacturer_npv_p50_usd = quantile(manufacturer_npv, 0.5);
  deal.manufacturer_npv_p90_usd = quantile(manufacturer_npv, 0.9);
  deal.value_npv_mean_usd = mean_of(value);
  deal.payments_npv_mean_usd = mean_of(payments);
  deal.racks_bought_mean = mean_of(racks);
  const std::vector<double> quarter_value = quarterly_means(runs, &BuyerCashFlows::value_usd);
  const std::vector<double> quarter_payments = quarterly_means(runs, &BuyerCashFlows::payments_usd);
  for (std::size_t q = 0; q < std::max(quarter_value.size(), quarter_payments.size()); ++q) {
    DealQuarter& quarter = deal.quarters.emplace_back();
    quarter.quarter = static_cast<int>(q);
    quarter.value_usd = q < quarter_value.size() ? quarter_value[q] : 0.0;
    quarter.payments_usd = q < quarter_payments.size() ? quarter_payments[q] : 0.0;
    quarter.manufacturer_cost_usd = (1.0 - deal.margin) * quarter.payments_usd;
  }
  return deal;
}

}  // namespace rackscale::analysis
