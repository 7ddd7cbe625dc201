#pragma once
//! The search over a contract's terms (`rackscale optimize --contract NAME`, docs/models/deal.md
//! "Contract search"): the contract's racks moved between its firm orders and its options, and
//! its option prices scaled, over a stated grid; every point simulated on the same runs (common
//! random numbers) and scored by the NPV of the buyer whose `demand:` decides the contract's
//! options. The best point maximizes the buyer's expected NPV subject to its P10 staying at or
//! above a floor; the frontier holds the points no other beats on both expected NPV and P10.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::analysis {

//! The grid and the Monte Carlo of a contract search.
struct ContractSearchOptions {
  std::string contract;
  //! Shares of the contract's racks ordered firm [-]; the rest are offered as options.
  //! assumption: quarters from all options to all firm, a grid a planner reads at a glance.
  std::vector<double> firm_shares = {0.0, 0.25, 0.5, 0.75, 1.0};
  //! Factors on each option's price as written [-].
  //! assumption: -20 % to +20 % in steps of 10 %, the range of a price negotiation.
  std::vector<double> price_factors = {0.8, 0.9, 1.0, 1.1, 1.2};
  std::optional<double> p10_floor_usd;  //!< the risk limit; none: the best expected NPV
  int runs = 0;
  std::uint64_t seed = 0;
  int threads = 0;
};

//! One point of the grid (or the contract as written) [USD unless stated].
struct ContractPoint {
  double firm_share = 0.0;    //!< [-]
  double price_factor = 1.0;  //!< [-]
  bool as_written = false;    //!< the contract as the scenario states it
  int firm_racks = 0, option_racks = 0;
  double option_unit_price_usd = 0.0;  //!< mean price of the options, weighted by racks
  double buyer_npv_mean_usd = 0.0, buyer_npv_p10_usd = 0.0, buyer_npv_p50_usd = 0.0,
         buyer_npv_p90_usd = 0.0;
  double manufacturer_npv_mean_usd = 0.0;
  double racks_bought_mean = 0.0;  //!< firm and exercised [racks]
  bool meets_floor = true;         //!< P10 >= the floor (true without one)
  bool on_frontier = false;        //!< no point has both a higher mean and a higher P10
};

//! The points, the contract as written first, then the grid (firm share, then price factor).
struct ContractSearch {
  std::string contract, buyer;
  int runs = 0;
  std::uint64_t seed = 0;
  std::optional<double> p10_floor_usd;
  std::vector<ContractPoint> points;
  std::optional<std::size_t> best;  //!< index of the best point meeting the floor
};

//! Runs the search; throws InputError when the contract is unknown, has no buyer in `demand:`,
//! or lacks a firm order or an option to move racks between.
ContractSearch search_contract(const model::Scenario& scenario, const model::Catalog& catalog,
                               const std::vector<design::SiteDesign>& sites,
                               const ContractSearchOptions& options);

//! Splits `total` over `weights` in proportion (equally when they sum to 0), the remainders
//! to the largest fractions, ties to the first [items].
std::vector<int> split_in_proportion(int total, const std::vector<int>& weights);

}  // namespace rackscale::analysis
