#pragma once
//! A buyer's demand in the build-out (docs/models/deal.md): its path per day, drawn per run
//! from its own stream, what the buyer knows of it on a given day, and the exercise policy of
//! its purchase options: exercise on the decision day the racks whose expected value, given
//! the demand seen so far, exceeds their price.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "rackscale/model/demand.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/sim/buildout/buildout_index.hpp"

namespace rackscale::sim {

struct BuildoutPlan;

//! A buyer's demand as the model uses it: paths in GPUs per simulated day.
struct PlanDemand {
  std::string buyer;
  model::DemandKind kind = model::DemandKind::Lognormal;
  double volatility = 0.0;  //!< sigma of ln(demand) per sqrt(year) [1/sqrt(year)]
  //! Lognormal: the median path; Scenarios: one path per scenario [GPUs per day index]
  std::vector<std::vector<double>> paths;
  std::vector<double> probabilities;  //!< per path (Lognormal: {1})
  //! Scenarios: the first day paths a and b differ, [a][b]; the days when they never do
  std::vector<std::vector<int>> divergence_day;
  double value_per_gpu_day_usd = 0.0;  //!< value per GPU-hour x 24 [USD/(GPU day)]
  int life_days = 0;                   //!< service life of a rack online [days]
  //! Per day 0 .. days + life_days - 1: the discount factor at the cost of capital [-]
  std::vector<double> discount;
  //! Per day, as `discount`: discount x the technology step's decline of a GPU-day's value [-]
  std::vector<double> value_weight;
  //! The successor rack system's day [day]; the largest int when there is none
  int successor_day = std::numeric_limits<int>::max();
  double manufacturer_margin = 0.0;  //!< the manufacturer's margin on the price [-]
  std::vector<ContractIndex> contracts;
  std::vector<LaneIndex> lanes;  //!< lanes of its contracts
  std::vector<SiteIndex> sites;  //!< sites of its contracts' rack systems
};

//! One run's demand of one buyer.
struct DemandPath {
  std::vector<double> gpus;       //!< demand per day [GPUs]
  std::vector<double> log_shock;  //!< Lognormal: volatility x W(day), W(0) = 0 [-]
  int scenario = 0;               //!< Scenarios: the path drawn
};

//! The GPUs a point wants: its gpus, or its IT power / rack power x GPUs per rack.
double demand_gpus(const model::DemandPoint& point, double rack_design_mw, int gpus_per_rack);

//! A path sampled per day 0 .. days-1 from the scenario start: linear between points, constant
//! before the first and after the last [GPUs].
std::vector<double> daily_path(const std::vector<double>& gpus, const std::vector<int>& point_days,
                               int days);

//! The first day each pair of paths differs (days when never), for what a buyer can tell apart.
std::vector<std::vector<int>> divergence_days(const std::vector<std::vector<double>>& paths,
                                              int days);

//! The run's path, from the stream (seed, run, "deal.demand", buyer): Lognormal draws one
//! standard normal per day after day 0 (Brownian increments of 1 / 365.25 year); Scenarios draws
//! one uniform.
DemandPath sample_demand(const PlanDemand& demand, std::uint64_t seed, int run, std::size_t buyer);

//! Weight of day t's value seen from day 0: (1 + rate)^(-t / 365.25) x (t < successor_day ? 1 :
//! (1 - decline)^((t - successor_day) / 365.25)) [-] (docs/models/deal.md, "Value over the
//! racks' life").
double value_weight(double rate, int successor_day, double decline, int day);

//! E[min(added, max(0, D(t) - covered))] x value_weight(t) summed over the service life, days
//! t in [from, from + life_days), given what is known of the path on `day` (<= from); demand
//! after the simulated days stays at its last day's: the discounted GPU-days that `added` GPUs
//! beyond `covered` would serve [GPU-days].
double expected_served_gpu_days(const PlanDemand& demand, const DemandPath& path, int day, int from,
                                double covered, double added);

//! What the exercise policy sees on the decision day.
struct ExerciseQuestion {
  int day = 0;                            //!< the decision day [day]
  int online_day = 0;                     //!< day the racks would be online (due day) [day]
  double covered_gpus = 0.0;              //!< GPUs already contracted for the buyer [GPUs]
  int gpus_per_rack = 0;                  //!< [GPUs]
  double unit_price_usd = 0;              //!< the option's price [USD/rack]
  long long most_racks = 0;               //!< racks left in the option that sites can power [racks]
  double running_usd_per_rack_day = 0.0;  //!< energy and opex of a rack online [USD/rack-day]
};

//! Racks to exercise: the most n <= most_racks whose n-th rack's expected value (discounted
//! served GPU-days x value per GPU-day) exceeds its cost: the price discounted from the online
//! day plus its energy and opex over its service life from that day, discounted; the marginal
//! value falls with n, so the answer is found by bisection [racks].
long long racks_worth_exercising(const PlanDemand& demand, const DemandPath& path,
                                 const ExerciseQuestion& question);

//! E[max(0, D - x)] for D lognormal with median `median` and log standard deviation `sigma`
//! (Black-Scholes' undiscounted call; the value itself when sigma = 0).
double lognormal_call(double median, double sigma, double x);

//! The scenario's `demand:` in the plan: one PlanDemand per buyer, and each option of its
//! contracts marked as decided by it. Call after the sites and contracts are planned.
void plan_demand(BuildoutPlan& plan, const model::Scenario& scenario);

}  // namespace rackscale::sim
