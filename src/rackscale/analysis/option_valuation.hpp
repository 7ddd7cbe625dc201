#pragma once
//! The value of purchase options decided by a buyer's demand (docs/models/deal.md,
//! "Valuation"): each run is simulated as planned, with the option removed and with the option
//! exercised in full, on the same random numbers (the same seed and run), so that the
//! differences are the option's own. Per option and per contract (all its options at once).

#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/analysis/deal_cash_flows.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::analysis {

//! The valuation of one option, or of all the options of one contract [USD unless stated].
struct OptionValue {
  std::string buyer;
  std::string contract;
  int option = 0;                     //!< 1-based option number; 0 for all the contract's options
  long long racks = 0;                //!< racks on offer [racks]
  double unit_price_usd = 0.0;        //!< the options' mean price, weighted by racks [USD/rack]
  double firm_unit_price_usd = 0;     //!< the contract's firm price [USD/rack]
  double premium_usd = 0.0;           //!< the options' premiums, paid exercised or not [USD]
  double exercise_probability = 0.0;  //!< share of runs that exercised any rack [-]
  double racks_p10 = 0, racks_p50 = 0, racks_p90 = 0;  //!< racks exercised [racks]
  double spend_usd = 0.0;                              //!< mean price paid for the racks exercised
  double buyer_value_usd = 0.0;   //!< mean realized value of the buyer with the options
  double value_usd = 0.0;         //!< mean (realized with - realized without the options)
  double value_stderr_usd = 0.0;  //!< its Monte Carlo standard error
  //! mean (realized with all racks exercised - without) + (option price - firm price) x racks
  //! + premiums: the same racks as firm orders, bought without waiting for information
  double value_as_firm_usd = 0.0;
  double firm_cost_usd = 0.0;  //!< racks x the firm price
  //! mean added racks online beyond demand, summed over weeks [rack-weeks]
  double idle_rack_weeks = 0.0;
  double stranded_racks = 0.0;  //!< mean added racks delivered, not online at the end [racks]
  //! mean (best realized of {as planned, none, all} - realized as planned)
  double regret_usd = 0.0;
};

//! All rows: options in contract and option order, each contract's row after its options; and
//! each buyer's deal (cash flows and NPV of both sides) as planned.
struct OptionValuation {
  int runs = 0;
  std::vector<OptionValue> rows;
  std::vector<BuyerDeal> deals;  //!< per buyer, `demand:` order
};

//! Values the options of `plan` that a buyer's demand decides, over runs 0 .. runs-1 of `seed`
//! on `threads` threads (0: all); empty when the plan has no demand.
OptionValuation value_options(const sim::BuildoutPlan& plan, std::uint64_t seed, int runs,
                              int threads);

//! A buyer's realized value in one run: its NPV, the discounted value of the GPU-days online
//! and wanted over the racks' service life + lateness penalties - the discounted price of the
//! racks of its contracts (firm and exercised) - its sites' facility capex and energy and opex
//! (deal_cash_flows.hpp) [USD].
double realized_value_usd(const sim::BuildoutPlan& plan, std::size_t buyer,
                          const sim::BuildoutRun& run, const std::vector<double>& demand_gpus);

}  // namespace rackscale::analysis
