#include "rackscale/sim/buildout/buildout_demand.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "rackscale/core/random.hpp"
#include "rackscale/sim/buildout/buildout_plan.hpp"

namespace rackscale::sim {

namespace {

// Days of a year for the Brownian clock: the Julian year.
constexpr double kDaysPerYear = 365.25;

// Standard normal CDF.
double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

// E[min(added, max(0, D - covered))] for one day of a lognormal demand.
double served_lognormal(double median, double sigma, double covered, double added) {
  return lognormal_call(median, sigma, covered) - lognormal_call(median, sigma, covered + added);
}

double served_known(double demand, double covered, double added) {
  return std::clamp(demand - covered, 0.0, added);
}

// Sum of value_weight over days [from, to) (to may pass the simulated days).
double weight_sum(const PlanDemand& demand, int from, int to) {
  double sum = 0.0;
  for (int t = from; t < to; ++t) sum += demand.value_weight[static_cast<std::size_t>(t)];
  return sum;
}

// Days t in [from, from + life): the simulated ones one by one, then those after the horizon
// at once (their demand is the last simulated day's), each term served(t) x weight(t).
template <class Served>
double over_life(const PlanDemand& demand, int from, int days, Served served) {
  const int end = from + demand.life_days;
  double total = 0.0;
  for (int t = from; t < std::min(end, days); ++t) {
    total += demand.value_weight[static_cast<std::size_t>(t)] * served(t);
  }
  if (end > days && days > 0)
    total += weight_sum(demand, std::max(from, days), end) * served(days - 1);
  return total;
}

double served_gpu_days_lognormal(const PlanDemand& demand, const DemandPath& path, int day,
                                 int from, double covered, double added) {
  const std::vector<double>& median = demand.paths.front();
  const double shock = std::exp(path.log_shock[static_cast<std::size_t>(day)]);
  return over_life(demand, from, static_cast<int>(median.size()), [&](int t) {
    const double years = static_cast<double>(t - day) / kDaysPerYear;
    const double sigma = demand.volatility * std::sqrt(std::max(0.0, years));
    return served_lognormal(median[static_cast<std::size_t>(t)] * shock, sigma, covered, added);
  });
}

// Scenarios: the paths that agree with the run's up to `day`, weighted by their probabilities.
double served_gpu_days_scenarios(const PlanDemand& demand, const DemandPath& path, int day,
                                 int from, double covered, double added) {
  const auto drawn = static_cast<std::size_t>(path.scenario);
  double total = 0.0, weight = 0.0;
  for (std::size_t s = 0; s < demand.paths.size(); ++s) {
    if (demand.divergence_day[drawn][s] <= day) continue;
    const std::vector<double>& gpus = demand.paths[s];
    const double served = over_life(demand, from, static_cast<int>(gpus.size()), [&](int t) {
      return served_known(gpus[static_cast<std::size_t>(t)], covered, added);
    });
    total += demand.probabilities[s] * served;
    weight += demand.probabilities[s];
  }
  return weight > 0.0 ? total / weight : 0.0;
}

// A path of the scenario in GPUs per day; points in IT power use the buyer's first site's rack.
std::vector<double> plan_path(const std::vector<model::DemandPoint>& points, const PlanSite* site,
                              const model::Scenario& scenario, int days) {
  std::vector<double> gpus;
  std::vector<int> point_days;
  for (const model::DemandPoint& point : points) {
    gpus.push_back(site ? demand_gpus(point, site->rack_design_mw, site->gpus_per_rack)
                        : point.gpus);
    point_days.push_back(point.date.days_since(scenario.start));
  }
  return daily_path(gpus, point_days, days);
}

// The buyer's contracts, their lanes and the sites of their rack systems.
void plan_buyer_scope(PlanDemand& demand, const model::BuyerDemand& buyer,
                      const BuildoutPlan& plan) {
  for (ContractIndex contract : plan.contracts.indices()) {
    const std::string& name = plan.contracts[contract].name;
    if (std::find(buyer.contracts.begin(), buyer.contracts.end(), name) == buyer.contracts.end()) {
      continue;
    }
    demand.contracts.push_back(contract);
    for (LaneIndex lane : plan.lanes.indices()) {
      const auto& served = plan.lanes[lane].contracts;
      if (std::find(served.begin(), served.end(), contract) != served.end() &&
          std::find(demand.lanes.begin(), demand.lanes.end(), lane) == demand.lanes.end()) {
        demand.lanes.push_back(lane);
      }
    }
  }
  for (SiteIndex site : plan.sites.indices()) {
    for (LaneIndex lane : demand.lanes) {
      if (plan.sites[site].rack_system == plan.lanes[lane].rack_system) {
        demand.sites.push_back(site);
        break;
      }
    }
  }
}

// Service life, discount and the technology step's decline, per day to the last day of value.
void plan_value_weights(PlanDemand& demand, const model::BuyerDemand& buyer,
                        const BuildoutPlan& plan, const model::Scenario& scenario) {
  demand.life_days = static_cast<int>(std::ceil(buyer.service_life.in(units::day)-1e-9));
  demand.manufacturer_margin = buyer.manufacturer_margin;
  double decline = 0.0;
  if (buyer.successor) {
    demand.successor_day = buyer.successor->available.days_since(scenario.start);
    decline = buyer.successor->decline;
  }
  // The realized value's weekly days reach the last week's day plus a life (rounded to weeks);
  // the policy's, an option's online day (at most the last day + the exercise lead) plus a life.
  const auto size = static_cast<std::size_t>(plan.days + demand.life_days +
                                             std::max(7, plan.exercise_lead_days) + 1);
  for (std::size_t t = 0; t < size; ++t) {
    const int day = static_cast<int>(t);
    demand.discount.push_back(value_weight(plan.cost_of_capital, kNeverDay, 0.0, day));
    demand.value_weight.push_back(
        value_weight(plan.cost_of_capital, demand.successor_day, decline, day));
  }
}

PlanDemand plan_buyer(const model::BuyerDemand& buyer, const BuildoutPlan& plan,
                      const model::Scenario& scenario) {
  PlanDemand demand;
  demand.buyer = buyer.buyer;
  demand.kind = buyer.kind;
  demand.volatility = buyer.volatility;
  demand.value_per_gpu_day_usd = buyer.value_per_gpu_hour.si() * 86400.0;
  plan_value_weights(demand, buyer, plan, scenario);
  plan_buyer_scope(demand, buyer, plan);
  const PlanSite* site = demand.sites.empty() ? nullptr : &plan.sites[demand.sites.front()];
  if (buyer.kind == model::DemandKind::Lognormal) {
    demand.paths.push_back(plan_path(buyer.median, site, scenario, plan.days));
    demand.probabilities.push_back(1.0);
  } else {
    for (const model::DemandScenario& path : buyer.scenarios) {
      demand.paths.push_back(plan_path(path.path, site, scenario, plan.days));
      demand.probabilities.push_back(path.probability);
    }
  }
  demand.divergence_day = divergence_days(demand.paths, plan.days);
  return demand;
}

// The first day before `days` two paths differ; `days` when they never do.
int first_difference(const std::vector<double>& a, const std::vector<double>& b, int days) {
  for (int t = 0; t < days; ++t) {
    if (a[static_cast<std::size_t>(t)] != b[static_cast<std::size_t>(t)]) return t;
  }
  return days;
}

}  // namespace

void plan_demand(BuildoutPlan& plan, const model::Scenario& scenario) {
  for (const model::BuyerDemand& buyer : scenario.demand) {
    const int index = static_cast<int>(plan.demand.size());
    plan.demand.push_back(plan_buyer(buyer, plan, scenario));
    for (PlanOption& option : plan.options) {
      const auto& contracts = plan.demand.back().contracts;
      if (std::find(contracts.begin(), contracts.end(), option.contract) != contracts.end()) {
        option.buyer = index;
      }
    }
  }
}

double value_weight(double rate, int successor_day, double decline, int day) {
  const double discount = std::pow(1.0 + rate, -static_cast<double>(day) / kDaysPerYear);
  if (day < successor_day) return discount;
  return discount *
         std::pow(1.0 - decline, static_cast<double>(day - successor_day) / kDaysPerYear);
}

double lognormal_call(double median, double sigma, double x) {
  if (x <= 0.0) return median * std::exp(0.5 * sigma * sigma) - x;
  if (sigma <= 0.0 || median <= 0.0) return std::max(0.0, median - x);
  const double d1 = (std::log(median / x) + sigma * sigma) / sigma;
  const double forward = median * std::exp(0.5 * sigma * sigma);
  return forward * normal_cdf(d1) - x * normal_cdf(d1 - sigma);
}

double demand_gpus(const model::DemandPoint& point, double rack_design_mw, int gpus_per_rack) {
  if (!point.in_power) return point.gpus;
  if (rack_design_mw <= 0.0) return 0.0;
  return point.it_power.in(units::MW) / rack_design_mw * gpus_per_rack;
}

std::vector<double> daily_path(const std::vector<double>& gpus, const std::vector<int>& point_days,
                               int days) {
  std::vector<double> path(static_cast<std::size_t>(std::max(days, 0)), 0.0);
  std::size_t next = 0;  // first point after the day
  for (int t = 0; t < days; ++t) {
    while (next < point_days.size() && point_days[next] <= t) ++next;
    double value = 0.0;
    if (next == 0) {
      value = gpus.front();
    } else if (next == point_days.size()) {
      value = gpus.back();
    } else {
      const double span = point_days[next] - point_days[next - 1];
      const double along = (t - point_days[next - 1]) / span;
      value = gpus[next - 1] + along * (gpus[next] - gpus[next - 1]);
    }
    path[static_cast<std::size_t>(t)] = value;
  }
  return path;
}

std::vector<std::vector<int>> divergence_days(const std::vector<std::vector<double>>& paths,
                                              int days) {
  std::vector<std::vector<int>> first(paths.size(), std::vector<int>(paths.size(), days));
  for (std::size_t a = 0; a < paths.size(); ++a) {
    for (std::size_t b = 0; b < paths.size(); ++b) {
      first[a][b] = first_difference(paths[a], paths[b], days);
    }
  }
  return first;
}

DemandPath sample_demand(const PlanDemand& demand, std::uint64_t seed, int run, std::size_t buyer) {
  Rng stream =
      Rng::for_stream(seed, static_cast<std::uint64_t>(run), stream_kind("deal.demand"), buyer);
  DemandPath path;
  if (demand.kind == model::DemandKind::Scenarios) {
    const double u = stream.uniform();
    double cumulative = 0.0;
    path.scenario = static_cast<int>(demand.paths.size()) - 1;
    for (std::size_t s = 0; s < demand.paths.size(); ++s) {
      cumulative += demand.probabilities[s];
      if (u < cumulative) {
        path.scenario = static_cast<int>(s);
        break;
      }
    }
    path.gpus = demand.paths[static_cast<std::size_t>(path.scenario)];
    return path;
  }
  const std::vector<double>& median = demand.paths.front();
  const double step = demand.volatility * std::sqrt(1.0 / kDaysPerYear);
  path.log_shock.assign(median.size(), 0.0);
  path.gpus.assign(median.size(), 0.0);
  double shock = 0.0;
  for (std::size_t t = 0; t < median.size(); ++t) {
    if (t > 0) shock += step * stream.standard_normal();
    path.log_shock[t] = shock;
    path.gpus[t] = median[t] * std::exp(shock);
  }
  return path;
}

double expected_served_gpu_days(const PlanDemand& demand, const DemandPath& path, int day, int from,
                                double covered, double added) {
  if (path.gpus.empty() || added <= 0.0) return 0.0;
  const int last = static_cast<int>(path.gpus.size()) - 1;
  day = std::clamp(day, 0, last);
  from = std::max(from, day);
  return demand.kind == model::DemandKind::Scenarios
             ? served_gpu_days_scenarios(demand, path, day, from, covered, added)
             : served_gpu_days_lognormal(demand, path, day, from, covered, added);
}

long long racks_worth_exercising(const PlanDemand& demand, const DemandPath& path,
                                 const ExerciseQuestion& question) {
  const double gpus = question.gpus_per_rack;
  // Expected value of the n-th rack exceeds its cost, both seen from day 0: the price is paid
  // on the due day, the online day, and the rack runs for its life from then.
  const std::size_t due = std::min(static_cast<std::size_t>(std::max(question.online_day, 0)),
                                   demand.discount.size() - 1);
  const std::size_t retired =
      std::min(due + static_cast<std::size_t>(demand.life_days), demand.discount.size());
  double running_days = 0.0;  // discounted days of the rack's life [day]
  for (std::size_t t = due; t < retired; ++t) running_days += demand.discount[t];
  const double price = question.unit_price_usd * demand.discount[due] +
                       question.running_usd_per_rack_day * running_days;
  auto worth = [&](long long n) {
    const double covered = question.covered_gpus + static_cast<double>(n - 1) * gpus;
    const double served =
        expected_served_gpu_days(demand, path, question.day, question.online_day, covered, gpus);
    return served * demand.value_per_gpu_day_usd > price;
  };
  if (question.most_racks <= 0 || gpus <= 0.0 || !worth(1)) return 0;
  long long good = 1, bad = question.most_racks + 1;  // worth(good), !worth(bad) or beyond
  while (bad - good > 1) {
    const long long middle = good + (bad - good) / 2;
    (worth(middle) ? good : bad) = middle;
  }
  return good;
}

}  // namespace rackscale::sim
