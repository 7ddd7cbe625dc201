#pragma once
//! The deal's money (docs/models/deal.md §6, "Cash flows and NPV"): in one run, a buyer's value
//! of the GPU-hours its racks serve over their service life, its payments for the racks of its
//! contracts, the facility capex of its sites by construction phase, their energy and opex on
//! the racks online, the carrying cost of racks delivered and not online, and the lateness
//! penalties of its contracts, month by month and site by site, undiscounted and discounted at
//! the cost of capital; over the runs, both sides' NPV at P10/P50/P90 and the mean monthly flows.

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::analysis {

//! Days of a month: a twelfth of the Julian year [days].
inline constexpr double kDaysPerMonth = 365.25 / 12.0;

//! The kinds of cash flow, each a positive amount [USD]; the buyer's net adds value and
//! penalties and subtracts payments, premiums, capex and opex; idle carrying is shown, not
//! netted (the discounting already charges for money paid early).
enum class Flow : std::size_t {
  Value,           //!< value of the GPU-hours served and wanted (the buyer's)
  RackPayments,    //!< firm and exercised racks at their price, on their delivery day
  FacilityCapex,   //!< the sites' capex without the racks, by construction phase
  EnergyOpex,      //!< energy, water, staff and maintenance on the racks online
  IdleCarrying,    //!< cost of capital on the price of racks delivered and not online
  LatePenalties,   //!< paid by the manufacturer to the buyer for racks late
  OptionPremiums,  //!< the options' premiums, paid at the scenario start, exercised or not
  //! other buyers' payments to the factories building the buyer's racks (the manufacturer's)
  OtherBuyersRevenue,
};
inline constexpr std::size_t kFlowCount = 8;
//! One amount per Flow [USD].
using FlowAmounts = std::array<double, kFlowCount>;

//! The CSV name of a flow, e.g. "rack_payments".
const char* flow_name(Flow flow);

//! One month's flows, undiscounted and discounted to the scenario start [USD].
struct MonthFlows {
  FlowAmounts usd{};
  FlowAmounts pv_usd{};
};

//! The buyer's net: value + penalties - payments - premiums - capex - energy and opex [USD].
double buyer_net(const FlowAmounts& flows);
//! The manufacturer's net: margin x (payments + other buyers' payments) + premiums - penalties
//! [USD].
double manufacturer_net(const FlowAmounts& flows, double margin);

//! One buyer's cash flows in one run [USD].
struct BuyerCashFlows {
  double margin = 0.0;             //!< the manufacturer's margin on the price [-]
  double racks_bought = 0.0;       //!< firm and exercised racks [racks]
  FlowAmounts npv_usd{};           //!< each flow discounted, summed over the months
  std::vector<MonthFlows> months;  //!< the buyer's total per month from the scenario start
  //! Per site of the buyer (PlanDemand::sites order), per month; they sum to `months`
  std::vector<std::vector<MonthFlows>> site_months;

  //! Discounted value of the GPU-hours served and wanted [USD].
  double value_npv_usd() const { return npv_usd[static_cast<std::size_t>(Flow::Value)]; }
  //! Discounted payments for firm and exercised racks [USD].
  double payments_npv_usd() const { return npv_usd[static_cast<std::size_t>(Flow::RackPayments)]; }
  //! The buyer's NPV: value + penalties - payments - premiums - facility capex - energy and
  //! opex [USD].
  double buyer_npv_usd() const { return buyer_net(npv_usd); }
  //! The manufacturer's NPV: its margin on the payments and the other buyers' payments,
  //! (1 - margin) x price being its cost on the same days, plus the premiums, less the
  //! penalties it pays [USD].
  double manufacturer_npv_usd() const { return manufacturer_net(npv_usd, margin); }
};

//! A buyer's cash flows in `run` (docs/models/deal.md §4, §6): value per GPU-day x value weight
//! of day 7w + 6 x 7 x min(GPUs online and within their service life, demand) over weeks w to
//! the last week a rack online at the horizon serves; each rack's payment on the day it is
//! delivered (passes the factory's final test; not within the run: not paid); each site's
//! capex by phase on the phase's start in the run; its opex per rack-day on the racks online and
//! within their life; the carrying cost of its racks delivered and not online; each late
//! order's penalty on its settled day; each option's premium (racks on offer x premium) on day
//! 0; the other buyers' payments to the factories building its racks, each unit at its price in
//! the week it starts (a factory building for several buyers' contracts splits them equally).
//! Value, payments, premiums, penalties and other buyers' payments are shared among the sites in
//! proportion to the GPUs each serves (value) or the racks delivered to it (the others).
BuyerCashFlows buyer_cash_flows(const sim::BuildoutPlan& plan, std::size_t buyer,
                                const sim::BuildoutRun& run,
                                const std::vector<double>& demand_gpus);

//! The mean flows of one month over the runs [USD].
struct DealMonth {
  int month = 0;  //!< 0: the month from the scenario start
  MonthFlows flows;
};

//! One buyer's deal over the runs [USD].
struct BuyerDeal {
  std::string buyer;
  double margin = 0.0;  //!< the manufacturer's margin [-]
  double buyer_npv_mean_usd = 0.0, buyer_npv_p10_usd = 0.0, buyer_npv_p50_usd = 0.0,
         buyer_npv_p90_usd = 0.0;
  double manufacturer_npv_mean_usd = 0.0, manufacturer_npv_p10_usd = 0.0,
         manufacturer_npv_p50_usd = 0.0, manufacturer_npv_p90_usd = 0.0;
  double value_npv_mean_usd = 0.0;                  //!< mean discounted value of the GPU-hours
  double payments_npv_mean_usd = 0.0;               //!< mean discounted payments
  double racks_bought_mean = 0.0;                   //!< [racks]
  FlowAmounts npv_mean_usd{};                       //!< mean discounted flows
  std::vector<DealMonth> months;                    //!< the buyer's total
  std::vector<std::string> sites;                   //!< the buyer's sites
  std::vector<std::vector<DealMonth>> site_months;  //!< per site, as `sites`
};

//! Folds one buyer's cash flows run by run (in run order) without keeping the runs' monthly
//! flows: their sums, and per run only the scalars the quantiles need.
class DealSums {
 public:
  DealSums(std::string buyer, std::vector<std::string> sites);
  //! Adds the next run's flows.
  void add(const BuyerCashFlows& run);
  //! The means and quantiles over the runs added.
  BuyerDeal summary() const;

 private:
  std::string buyer_;
  std::vector<std::string> sites_;
  double margin_ = 0.0;
  std::vector<double> buyer_npv_, manufacturer_npv_, racks_;
  FlowAmounts npv_sums_{};
  std::vector<MonthFlows> months_;
  std::vector<std::vector<MonthFlows>> site_months_;
};

//! The names of a buyer's sites, PlanDemand::sites order.
std::vector<std::string> buyer_site_names(const sim::BuildoutPlan& plan, std::size_t buyer);

}  // namespace rackscale::analysis
