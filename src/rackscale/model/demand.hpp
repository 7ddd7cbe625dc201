#pragma once
//! A buyer's demand (the scenario's `demand:` section): the compute the buyer wants online over
//! time as a stochastic path, and what a GPU-hour online is worth to it. Drives the exercise of
//! the purchase options of its contracts. Model: docs/models/deal.md.

#include <string>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/units.hpp"

namespace rackscale::model {

//! Value of one GPU online for one hour [USD/(GPU h)].
using GpuHourValue = units::Quantity<units::dims::kMoneyPerCount - units::dims::kTime>;

//! One point of a demand path: the compute wanted online from `date` on, linear between points
//! and constant before the first and after the last. Exactly one of gpus and it_power is set.
struct DemandPoint {
  Date date;
  double gpus = 0.0;      //!< [GPUs]
  units::Power it_power;  //!< IT power of the racks wanted [W]; converted by rack power
  bool in_power = false;  //!< true when given as it_power
};

//! A user-given demand scenario: a path and its probability.
struct DemandScenario {
  std::string name;
  double probability = 0.0;
  std::vector<DemandPoint> path;
};

//! How the run's path is drawn.
enum class DemandKind {
  Lognormal,  //!< median path x exp(volatility x W(t)), W a standard Brownian motion in years
  Scenarios,  //!< one of the scenarios, by its probability
};

//! The demand of one buyer.
struct BuyerDemand {
  std::string buyer;
  std::vector<std::string> contracts;  //!< contracts whose options this demand decides
  DemandKind kind = DemandKind::Lognormal;
  std::vector<DemandPoint> median;        //!< Lognormal: the median path
  double volatility = 0.0;                //!< Lognormal: sigma of ln(demand) per sqrt(year)
  std::vector<DemandScenario> scenarios;  //!< Scenarios
  GpuHourValue value_per_gpu_hour;        //!< what a GPU-hour online and wanted is worth
  SourceLocation where;
};

}  // namespace rackscale::model
