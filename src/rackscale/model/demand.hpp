#pragma once
//! A buyer's demand (the scenario's `demand:` section): the compute the buyer wants online over
//! time as a stochastic path, and what a GPU-hour online is worth to it. Drives the exercise of
//! the purchase options of its contracts. Model: docs/models/deal.md.

#include <optional>
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

//! A successor rack system: from `available` on, a GPU-hour of the current racks is worth
//! (1 - decline) less each year (docs/models/deal.md, "Technology step").
struct TechnologyStep {
  Date available;
  double decline = 0.0;  //!< share of the value lost per year after `available` [1/year]
};

//! Service life of a rack: the value it earns counts for this long after it comes online.
//! source: Microsoft (FY2023 10-Q, July 2022) and Alphabet (2022 10-K, January 2023) depreciate
//! servers and network equipment over six years (docs/sources.md, "The deal").
inline constexpr units::Duration kDefaultServiceLife = 6.0 * units::year;

//! The manufacturer's gross margin on a rack's price, the rest its cost.
//! source: Super Micro Computer, results for the quarters to March and June 2024 (press
//! release of 6 August 2024): gross margins of 15.5 % and 11.2 %, a rack-scale integrator of
//! GPU servers (docs/sources.md, "The deal"); 14 % a round figure between them.
inline constexpr double kDefaultManufacturerMargin = 0.14;

//! The demand of one buyer.
struct BuyerDemand {
  std::string buyer;
  std::vector<std::string> contracts;  //!< contracts whose options this demand decides
  DemandKind kind = DemandKind::Lognormal;
  std::vector<DemandPoint> median;        //!< Lognormal: the median path
  double volatility = 0.0;                //!< Lognormal: sigma of ln(demand) per sqrt(year)
  std::vector<DemandScenario> scenarios;  //!< Scenarios
  GpuHourValue value_per_gpu_hour;        //!< what a GPU-hour online and wanted is worth
  units::Duration service_life = kDefaultServiceLife;  //!< how long a rack earns once online
  std::optional<TechnologyStep> successor;             //!< a successor rack system, if any
  //! the manufacturer's margin on the price of the buyer's racks [-]
  double manufacturer_margin = kDefaultManufacturerMargin;
  SourceLocation where;
};

}  // namespace rackscale::model
