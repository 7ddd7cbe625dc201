#include "rackscale/analysis/deal_cash_flows.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/sim/buildout/buildout_demand.hpp"

namespace rackscale::analysis {

namespace {

using sim::BuildoutPlan;
using sim::BuildoutRun;

constexpr std::size_t at(Flow flow) {
  return static_cast<std::size_t>(flow);
}

std::size_t month_of(int day) {
  return static_cast<std::size_t>(std::max(0.0, std::floor(day / kDaysPerMonth)));
}

void add_month(std::vector<MonthFlows>& months, int day, Flow flow, double usd, double pv_usd) {
  const std::size_t month = month_of(day);
  if (months.size() <= month) months.resize(month + 1);
  months[month].usd[at(flow)] += usd;
  months[month].pv_usd[at(flow)] += pv_usd;
}

// One run's books: the buyer's total and its sites'.
struct Ledger {
  const BuildoutPlan& plan;
  const sim::PlanDemand& demand;
  const BuildoutRun& run;
  BuyerCashFlows& flows;

  // A flow of one site (position in demand.sites), counted in its row and in the total.
  void site_flow(std::size_t site, int day, Flow flow, double usd, double weight) const {
    add_month(flows.site_months[site], day, flow, usd, usd * weight);
    add_month(flows.months, day, flow, usd, usd * weight);
    flows.npv_usd[at(flow)] += usd * weight;
  }
  // A flow of the buyer, shared among its sites by `shares` (summing to 1).
  void shared_flow(const std::vector<double>& shares, int day, Flow flow, double usd,
                   double weight) const {
    add_month(flows.months, day, flow, usd, usd * weight);
    flows.npv_usd[at(flow)] += usd * weight;
    for (std::size_t site = 0; site < shares.size(); ++site) {
      add_month(flows.site_months[site], day, flow, usd * shares[site],
                usd * shares[site] * weight);
    }
  }
  const sim::SiteSeries& weekly(std::size_t site) const {
    return run.sites[position(demand.sites[site])].weekly;
  }
  const sim::PlanSite& plan_site(std::size_t site) const { return plan.sites[demand.sites[site]]; }
  int life_weeks() const { return static_cast<int>(std::lround(demand.life_days / 7.0)); }
  // The discount factor of day `day` at the cost of capital, from the plan's table [-].
  double discount(int day) const {
    return demand.discount[std::min(static_cast<std::size_t>(day), demand.discount.size() - 1)];
  }
};

// Of a weekly cumulative or level series: its value in week w, held after the horizon, and
// less the value L weeks earlier (what is still within its service life of L weeks).
template <class T>
double within_life(const std::vector<T>& series, int week, int life_weeks) {
  const int last = static_cast<int>(series.size()) - 1;
  auto value_at = [&](int w) {
    return w < 0 || last < 0
               ? 0.0
               : static_cast<double>(series[static_cast<std::size_t>(std::min(w, last))]);
  };
  return std::max(0.0, value_at(week) - value_at(week - life_weeks));
}

// Shares of the buyer's sites in `weights`; equal shares when they sum to 0.
std::vector<double> shares_of(std::vector<double> weights) {
  double sum = 0.0;
  for (double w : weights) sum += w;
  for (double& w : weights) w = sum > 0.0 ? w / sum : 1.0 / static_cast<double>(weights.size());
  return weights;
}

// Value of the GPU-hours served, week by week to the end of the service life of the racks
// online at the horizon, shared among the sites by the GPUs each serves.
void add_value(const Ledger& books, const std::vector<double>& demand_gpus) {
  const std::size_t sites = books.demand.sites.size();
  for (int week = 0; week < books.run.weeks + books.life_weeks(); ++week) {
    const int day = 7 * week + 6;
    std::vector<double> serving(sites, 0.0);
    double total = 0.0;
    for (std::size_t site = 0; site < sites; ++site) {
      serving[site] = within_life(books.weekly(site).gpus_online, week, books.life_weeks());
      total += serving[site];
    }
    const double wanted = demand_gpus[static_cast<std::size_t>(
        std::min(day, static_cast<int>(demand_gpus.size()) - 1))];
    // A successor's decline is value lost, not time: the undiscounted value carries it, so the
    // weight left is the discount alone (value_weight = decline x discount).
    const double at_day = books.discount(day);
    const double declined = books.demand.value_weight[static_cast<std::size_t>(day)] / at_day;
    const double usd =
        7.0 * books.demand.value_per_gpu_day_usd * std::min(total, wanted) * declined;
    books.shared_flow(shares_of(serving), day, Flow::Value, usd, at_day);
  }
}

// Energy and opex of each site's racks online and within their life, to the end of the life
// of the racks online at the horizon; the carrying cost of racks delivered, not online.
void add_site_running(const Ledger& books, std::size_t site) {
  const sim::SiteSeries& weekly = books.weekly(site);
  const sim::PlanSite& planned = books.plan_site(site);
  for (int week = 0; week < books.run.weeks + books.life_weeks(); ++week) {
    const int day = 7 * week + 6;
    const double racks = within_life(weekly.online, week, books.life_weeks());
    books.site_flow(site, day, Flow::EnergyOpex, 7.0 * planned.opex_usd_per_rack_day * racks,
                    books.discount(day));
  }
  const double carrying_per_rack_week =
      books.plan.cost_of_capital * planned.rack_value_usd * 7.0 / 365.25;
  for (int week = 0; week < books.run.weeks; ++week) {
    const auto w = static_cast<std::size_t>(week);
    const int day = 7 * week + 6;
    const double idle = std::max(0, weekly.delivered[w] - weekly.online[w]);
    books.site_flow(site, day, Flow::IdleCarrying, carrying_per_rack_week * idle,
                    books.discount(day));
  }
}

// Each site's capex by construction phase, on the day the phase starts in the run (not
// counted when it starts after the run).
void add_site_capex(const Ledger& books, std::size_t site) {
  const sim::SiteSchedule& schedule = books.run.sites[position(books.demand.sites[site])].schedule;
  const std::array<int, sim::kConstructionPhases> starts = {
      schedule.construction_start_day, schedule.construction_start_day + schedule.permitting_days,
      schedule.shell_end_day, schedule.fit_out_end_day};
  for (std::size_t phase = 0; phase < starts.size(); ++phase) {
    if (starts[phase] >= books.run.days) continue;
    books.site_flow(site, starts[phase], Flow::FacilityCapex,
                    books.plan_site(site).phase_capex_usd[phase], books.discount(starts[phase]));
  }
}

bool is_buyers(const sim::PlanDemand& demand, sim::ContractIndex contract) {
  return std::find(demand.contracts.begin(), demand.contracts.end(), contract) !=
         demand.contracts.end();
}

// Each rack of the buyer's contracts paid on the day it is delivered (passes the factory's
// final test); each late order's penalty on its settled day. Shared among the sites by the
// racks delivered. Racks bought: the firm orders and the racks exercised.
void add_orders(const Ledger& books, const std::vector<double>& shares) {
  for (sim::ContractIndex contract : books.demand.contracts) {
    const sim::PlanContract& terms = books.plan.contracts[contract];
    const sim::ContractResult& result = books.run.contracts[position(contract)];
    books.flows.racks_bought += terms.firm_racks;
    for (int racks : result.exercised) books.flows.racks_bought += racks;
    for (const sim::RackDelivery& delivery : result.deliveries) {
      books.shared_flow(shares, delivery.day, Flow::RackPayments,
                        delivery.racks * delivery.unit_price_usd, books.discount(delivery.day));
    }
    for (const sim::OrderLateness& late : result.lateness) {
      books.shared_flow(shares, late.settled_day, Flow::LatePenalties,
                        terms.late_penalty_usd * late.late_rack_days / 7.0,
                        books.discount(late.settled_day));
    }
  }
}

// Each option of the buyer's contracts: its premium per rack on offer, paid at the scenario
// start whether or not it is exercised (no option on offer: no premium).
void add_premiums(const Ledger& books, const std::vector<double>& shares) {
  for (const sim::PlanOption& option : books.plan.options) {
    const double usd = option.racks * option.premium_usd;
    if (usd <= 0.0 || !is_buyers(books.demand, option.contract)) continue;
    books.shared_flow(shares, 0, Flow::OptionPremiums, usd, books.discount(0));
  }
}

// The factories building the buyer's racks, each once.
std::vector<sim::FactoryIndex> factories_of(const BuildoutPlan& plan,
                                            const sim::PlanDemand& demand) {
  std::vector<sim::FactoryIndex> factories;
  for (sim::LaneIndex lane : demand.lanes) {
    const sim::FactoryIndex factory = plan.lanes[lane].factory;
    if (std::find(factories.begin(), factories.end(), factory) == factories.end()) {
      factories.push_back(factory);
    }
  }
  return factories;
}

// The buyers (demand entries) whose racks the factory builds.
double buyers_served(const BuildoutPlan& plan, sim::FactoryIndex factory) {
  return static_cast<double>(
      std::count_if(plan.demand.begin(), plan.demand.end(), [&](const sim::PlanDemand& demand) {
        const std::vector<sim::FactoryIndex> factories = factories_of(plan, demand);
        return std::find(factories.begin(), factories.end(), factory) != factories.end();
      }));
}

// One other buyer's payments: its units started each week at its price x `split`, on the
// week's last day.
void add_other_buyer(const Ledger& books, const std::vector<double>& shares,
                     const std::vector<long long>& started_weekly, double unit_price_usd,
                     double split) {
  for (std::size_t week = 0; week < started_weekly.size(); ++week) {
    const int day = 7 * static_cast<int>(week) + 6;
    const double usd = static_cast<double>(started_weekly[week]) * unit_price_usd * split;
    if (usd > 0.0) {
      books.shared_flow(shares, day, Flow::OtherBuyersRevenue, usd, books.discount(day));
    }
  }
}

// The other buyers' payments to the factories building the buyer's racks: each unit at its
// price, in the week it starts, counted on the week's last day; split equally among the buyers
// whose racks a factory builds.
void add_other_buyers(const Ledger& books, const std::vector<double>& shares) {
  for (sim::FactoryIndex factory : factories_of(books.plan, books.demand)) {
    const std::vector<sim::PlanOtherBuyer>& others =
        books.plan.factories[factory].operations.others;
    const std::vector<std::vector<long long>>& started =
        books.run.factories[position(factory)].other_buyers_weekly;
    const double split = 1.0 / buyers_served(books.plan, factory);
    for (std::size_t other = 0; other < others.size() && other < started.size(); ++other) {
      add_other_buyer(books, shares, started[other], others[other].unit_price_usd, split);
    }
  }
}

// The sites' shares of the racks delivered to them by the end of the run.
std::vector<double> delivered_shares(const Ledger& books) {
  std::vector<double> delivered;
  for (std::size_t site = 0; site < books.demand.sites.size(); ++site) {
    const std::vector<int>& series = books.weekly(site).delivered;
    delivered.push_back(series.empty() ? 0.0 : static_cast<double>(series.back()));
  }
  return shares_of(std::move(delivered));
}

void add_sums(std::vector<MonthFlows>& sums, const std::vector<MonthFlows>& months) {
  if (sums.size() < months.size()) sums.resize(months.size());
  for (std::size_t m = 0; m < months.size(); ++m) {
    for (std::size_t f = 0; f < kFlowCount; ++f) {
      sums[m].usd[f] += months[m].usd[f];
      sums[m].pv_usd[f] += months[m].pv_usd[f];
    }
  }
}

std::vector<DealMonth> means_of(const std::vector<MonthFlows>& sums, std::size_t months,
                                double runs) {
  std::vector<DealMonth> out(months);
  for (std::size_t m = 0; m < months; ++m) {
    out[m].month = static_cast<int>(m);
    if (m >= sums.size()) continue;
    for (std::size_t f = 0; f < kFlowCount; ++f) {
      out[m].flows.usd[f] = sums[m].usd[f] / runs;
      out[m].flows.pv_usd[f] = sums[m].pv_usd[f] / runs;
    }
  }
  return out;
}

}  // namespace

const char* flow_name(Flow flow) {
  switch (flow) {
    case Flow::Value:
      return "value";
    case Flow::RackPayments:
      return "rack_payments";
    case Flow::FacilityCapex:
      return "facility_capex";
    case Flow::EnergyOpex:
      return "energy_opex";
    case Flow::IdleCarrying:
      return "idle_carrying";
    case Flow::LatePenalties:
      return "late_penalties";
    case Flow::OptionPremiums:
      return "option_premiums";
    case Flow::OtherBuyersRevenue:
      return "other_buyers_revenue";
  }
  return "";
}

double buyer_net(const FlowAmounts& flows) {
  return flows[at(Flow::Value)] + flows[at(Flow::LatePenalties)] - flows[at(Flow::RackPayments)] -
         flows[at(Flow::OptionPremiums)] - flows[at(Flow::FacilityCapex)] -
         flows[at(Flow::EnergyOpex)];
}

double manufacturer_net(const FlowAmounts& flows, double margin) {
  return margin * (flows[at(Flow::RackPayments)] + flows[at(Flow::OtherBuyersRevenue)]) +
         flows[at(Flow::OptionPremiums)] - flows[at(Flow::LatePenalties)];
}

BuyerCashFlows buyer_cash_flows(const BuildoutPlan& plan, std::size_t buyer, const BuildoutRun& run,
                                const std::vector<double>& demand_gpus) {
  const sim::PlanDemand& demand = plan.demand[buyer];
  BuyerCashFlows flows;
  flows.margin = demand.manufacturer_margin;
  flows.site_months.resize(demand.sites.size());
  const Ledger books{plan, demand, run, flows};
  if (run.weeks > 0 && !demand.sites.empty()) {
    add_value(books, demand_gpus);
    for (std::size_t site = 0; site < demand.sites.size(); ++site) {
      add_site_running(books, site);
      add_site_capex(books, site);
    }
  }
  const std::vector<double> shares = delivered_shares(books);
  add_orders(books, shares);
  add_premiums(books, shares);
  add_other_buyers(books, shares);
  return flows;
}

std::vector<std::string> buyer_site_names(const BuildoutPlan& plan, std::size_t buyer) {
  std::vector<std::string> names;
  for (sim::SiteIndex site : plan.demand[buyer].sites) names.push_back(plan.sites[site].name);
  return names;
}

DealSums::DealSums(std::string buyer, std::vector<std::string> sites)
    : buyer_(std::move(buyer)), sites_(std::move(sites)), site_months_(sites_.size()) {}

void DealSums::add(const BuyerCashFlows& run) {
  margin_ = run.margin;
  buyer_npv_.push_back(run.buyer_npv_usd());
  manufacturer_npv_.push_back(run.manufacturer_npv_usd());
  racks_.push_back(run.racks_bought);
  for (std::size_t f = 0; f < kFlowCount; ++f) npv_sums_[f] += run.npv_usd[f];
  add_sums(months_, run.months);
  for (std::size_t site = 0; site < site_months_.size() && site < run.site_months.size(); ++site) {
    add_sums(site_months_[site], run.site_months[site]);
  }
}

BuyerDeal DealSums::summary() const {
  BuyerDeal deal;
  deal.buyer = buyer_;
  deal.sites = sites_;
  if (buyer_npv_.empty()) return deal;
  const auto runs = static_cast<double>(buyer_npv_.size());
  deal.margin = margin_;
  deal.buyer_npv_mean_usd = mean_of(buyer_npv_);
  deal.buyer_npv_p10_usd = quantile(buyer_npv_, 0.1);
  deal.buyer_npv_p50_usd = quantile(buyer_npv_, 0.5);
  deal.buyer_npv_p90_usd = quantile(buyer_npv_, 0.9);
  deal.manufacturer_npv_mean_usd = mean_of(manufacturer_npv_);
  deal.manufacturer_npv_p10_usd = quantile(manufacturer_npv_, 0.1);
  deal.manufacturer_npv_p50_usd = quantile(manufacturer_npv_, 0.5);
  deal.manufacturer_npv_p90_usd = quantile(manufacturer_npv_, 0.9);
  for (std::size_t f = 0; f < kFlowCount; ++f) deal.npv_mean_usd[f] = npv_sums_[f] / runs;
  deal.value_npv_mean_usd = deal.npv_mean_usd[at(Flow::Value)];
  deal.payments_npv_mean_usd = deal.npv_mean_usd[at(Flow::RackPayments)];
  deal.racks_bought_mean = mean_of(racks_);
  std::size_t months = months_.size();
  for (const std::vector<MonthFlows>& site : site_months_) months = std::max(months, site.size());
  deal.months = means_of(months_, months, runs);
  for (const std::vector<MonthFlows>& site : site_months_) {
    deal.site_months.push_back(means_of(site, months, runs));
  }
  return deal;
}

}  // namespace rackscale::analysis
