#pragma once
//! The deal's money (docs/models/deal.md, "Cash flows and NPV"): in one run, a buyer's value of
//! the GPU-hours its racks serve over their service life and its payments for the racks of its
//! contracts, the manufacturer's revenue and cost of the same racks, both discounted at the
//! cost of capital; over the runs, each side's NPV at P10/P50/P90 and mean cash flows by quarter.

#include <cstddef>
#include <string>
#include <vector>

#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::analysis {

//! Days of a quarter: a quarter of the Julian year [days].
inline constexpr double kDaysPerQuarter = 365.25 / 4.0;

//! One buyer's cash flows in one run [USD, undiscounted unless stated].
struct BuyerCashFlows {
  double value_npv_usd = 0.0;        //!< discounted value of the GPU-hours served and wanted
  double payments_npv_usd = 0.0;     //!< discounted payments for firm and exercised racks
  double margin = 0.0;               //!< the manufacturer's margin on the price [-]
  double racks_bought = 0.0;         //!< firm and exercised racks [racks]
  std::vector<double> value_usd;     //!< per quarter from the scenario start
  std::vector<double> payments_usd;  //!< per quarter

  //! The buyer's NPV: discounted value - discounted payments [USD].
  double buyer_npv_usd() const { return value_npv_usd - payments_npv_usd; }
  //! The manufacturer's NPV: discounted revenue (the payments) - discounted cost of the racks,
  //! (1 - margin) x price, incurred on the same days [USD].
  double manufacturer_npv_usd() const { return margin * payments_npv_usd; }
};

//! A buyer's cash flows in `run` (docs/models/deal.md): value per GPU-day x value weight of day
//! 7w + 6 x 7 x min(GPUs online and within their service life, demand) summed over weeks w from
//! 0 to the last week a rack online at the horizon serves (GPUs online stay as at the horizon,
//! retired first in, first out after their life; demand stays at its last simulated day's), and
//! each order's payment on its due day (firm: deliver_by; option: decision day + exercise lead).
BuyerCashFlows buyer_cash_flows(const sim::BuildoutPlan& plan, std::size_t buyer,
                                const sim::BuildoutRun& run,
                                const std::vector<double>& demand_gpus);

//! Quarterly means of one buyer's deal [USD].
struct DealQuarter {
  int quarter = 0;                     //!< 0: the scenario start's quarter-year
  double value_usd = 0.0;              //!< mean value of the GPU-hours served, undiscounted
  double payments_usd = 0.0;           //!< mean payments = the manufacturer's revenue, undiscounted
  double manufacturer_cost_usd = 0.0;  //!< mean (1 - margin) x payments
};

//! One buyer's deal over the runs [USD].
struct BuyerDeal {
  std::string buyer;
  double margin = 0.0;  //!< the manufacturer's margin [-]
  double buyer_npv_mean_usd = 0.0, buyer_npv_p10_usd = 0.0, buyer_npv_p50_usd = 0.0,
         buyer_npv_p90_usd = 0.0;
  double manufacturer_npv_mean_usd = 0.0, manufacturer_npv_p10_usd = 0.0,
         manufacturer_npv_p50_usd = 0.0, manufacturer_npv_p90_usd = 0.0;
  double value_npv_mean_usd = 0.0;     //!< mean discounted value of the GPU-hours
  double payments_npv_mean_usd = 0.0;  //!< mean discounted payments
  double racks_bought_mean = 0.0;      //!< [racks]
  std::vector<DealQuarter> quarters;
};

//! The deal of one buyer from its cash flows in every run (run order).
BuyerDeal summarize_deal(const std::string& buyer, const std::vector<BuyerCashFlows>& runs);

}  // namespace rackscale::analysis
