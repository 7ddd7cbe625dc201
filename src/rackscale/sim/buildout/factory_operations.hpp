#pragma once
//! A factory's operations in the build-out model: the partner's early access and qualification,
//! a first-pass yield that learns with volume, burn-in slots, and other buyers' orders (racks and
//! gear) sharing the lines under a priority rule. The daily loop (buildout.cpp) calls
//! begin_factory_day before the partner's lanes start and end_factory_day after. Model:
//! docs/models/factory.md.

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "rackscale/core/random.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/sim/buildout/buildout_index.hpp"

namespace rackscale::sim {

//! Another buyer as the model uses it.
struct PlanOtherBuyer {
  std::string name;
  std::string product;
  bool rack = true;  //!< a rack system (holds a burn-in slot), else a gear product
  //! Line time of one unit in racks (1 for a rack) [racks/unit]
  double line_share = 1.0;
  std::vector<int> order_days;          //!< day each step of the mean rate starts
  std::vector<double> orders_per_week;  //!< mean units ordered a week from that day
  double volatility = 0.0;              //!< sigma of the log of a week's orders
  double unit_price_usd = 0.0;          //!< paid per unit at its start [USD/unit]
};

//! Early access as the model uses it.
struct PlanEarlyAccess {
  int racks = 0;
  int delivered_day = 0;
  double pass_probability = 1.0;
  model::DurationDistribution qualification;
  int design_change_days = 0;
  double yield_hit = 0.0;
};

//! A site's (pool, units) requirement, as buildout_plan.hpp's PlanRequirement.
using PoolUnits = std::pair<PoolIndex, long long>;

//! Gear the factory builds for one of the partner's sites (`sites[].gear_from`), as the model
//! uses it (docs/models/factory.md, "The partner's gear from the factory").
struct PlanPartnerGear {
  std::string site;
  std::string gear;       //!< the factory's gear product
  std::string component;  //!< the site's component class it stands for
  SiteIndex site_index{};
  PoolIndex pool{};         //!< the site's own pool of it, fed by this factory only
  long long units = 0;      //!< the site's need [units]
  double line_share = 1.0;  //!< line time of a unit [racks/unit]
  int lead_days = 1;        //!< start to on site: integration + transit [days]
  //! The site's long-lead and network requirements with the outside suppliers (the
  //! counterfactual, with_outside_suppliers)
  std::vector<PoolUnits> outside_long_lead, outside_network;
};

//! A factory's operations as the model uses it; `active` false: none (the single-buyer model).
struct PlanFactoryOperations {
  bool active = false;
  bool has_early_access = false;
  //! The counterfactual buyer without early access: it qualifies the first volume racks
  bool without_early_access = false;
  PlanEarlyAccess early_access;
  bool learns = false;
  model::YieldLearning learning;
  int burn_in_slots = std::numeric_limits<int>::max();  //!< no limit when absent
  double mw_per_slot = 0.0;                             //!< [MW]
  std::vector<PlanOtherBuyer> others;
  //! The partner's sites' gear, site priority order: served first from the partner's share
  std::vector<PlanPartnerGear> partner_gear;
  double partner_share = 1.0;  //!< the partner's share of a day's capacity
  int integration_days = 1, burn_in_days = 0;
};

//! The operations of one scenario factory, in days from the scenario's `start`.
PlanFactoryOperations plan_factory_operations(const model::Factory& factory, Date start,
                                              int integration_days, int burn_in_days);

//! The first-pass yield at `cumulative_racks` started: y0 (the factory's first_pass_yield) less
//! the design change's hit, with learning 1 - (1 - y) (V / V0)^log2(1 - rate) for V > V0,
//! never above max_yield (docs/models/factory.md, "Yield learning").
double learnt_yield(double first_pass_yield, double yield_hit, const model::YieldLearning& learning,
                    long long cumulative_racks);

//! Per other buyer, the run's totals.
struct OtherBuyerResult {
  std::string name;
  std::string product;
  long long ordered = 0;    //!< units ordered in the run
  long long started = 0;    //!< units started on the lines
  long long backlog = 0;    //!< ordered, not started, at the end
  double line_racks = 0.0;  //!< line capacity used [racks]
};

//! Per partner gear (PlanFactoryOperations::partner_gear), the run's totals.
struct PartnerGearResult {
  std::string site;
  std::string gear;
  long long units = 0;      //!< the site's need [units]
  long long started = 0;    //!< units whose line time is done [units]
  double line_racks = 0.0;  //!< line capacity used, units in progress included [racks]
  int on_site_day = -1;     //!< the last unit on site; -1 if not within the horizon [day]
};

//! One run's results of a factory's operations (FactoryResult::operations).
struct FactoryOperationsResult {
  bool active = false;
  int qualification_days = 0;  //!< drawn duration of the qualification [days]
  bool qualified_first_time = true;
  int partner_start_day = 0;       //!< first day the partner's racks may start [day]
  long long partner_started = 0;   //!< the partner's racks started [racks]
  long long cumulative_racks = 0;  //!< racks started for every buyer [racks]
  double final_yield = 1.0;        //!< first-pass yield at the end of the run
  double line_racks_used = 0.0;    //!< capacity used by every buyer [racks]
  int binding_days = 0;            //!< days every rack of capacity was used
  int slot_binding_days = 0;       //!< days the burn-in slots held starts back
  int peak_burn_in_racks = 0;      //!< most racks in burn-in on a day
  double peak_burn_in_mw = 0.0;    //!< those racks x power per slot [MW]
  std::vector<OtherBuyerResult> others;
  std::vector<PartnerGearResult> partner_gear;
};

//! The run state of a factory's operations.
class FactoryOperationsState {
 public:
  FactoryOperationsState() = default;
  //! Draws the run (qualification, orders) from its own streams; `volume_start_day` is the
  //! factory's after the test cell and comes back delayed by a design change made before volume.
  FactoryOperationsState(const PlanFactoryOperations& plan, std::uint64_t seed, int run,
                         std::size_t factory, int days, int& volume_start_day);
  //! Racks of the day's capacity `capacity` the partner's lanes may start, after the other
  //! buyers took their priority share and within the free burn-in slots.
  long long begin_day(const PlanFactoryOperations& plan, long long capacity, int day);
  //! The partner started `partner_started`; the other buyers take what is left.
  void end_day(const PlanFactoryOperations& plan, long long partner_started, int day);
  //! Units of partner gear `entry` reaching its site on `day` (started lead_days before).
  long long gear_arriving(std::size_t entry, int day) const {
    return gear_arrivals_[entry][static_cast<std::size_t>(day)];
  }
  //! The first-pass yield of today's tests.
  double yield(const PlanFactoryOperations& plan, double first_pass_yield) const;
  const FactoryOperationsResult& result() const { return result_; }
  //! Per other buyer, the units started in each week of the run [units].
  const std::vector<std::vector<long long>>& others_started_weekly() const {
    return others_weekly_;
  }

 private:
  void serve_others(const PlanFactoryOperations& plan, double lines, int day);
  void serve_partner_gear(const PlanFactoryOperations& plan, int day);
  void receive_orders(const PlanFactoryOperations& plan, int day);
  int free_slots(const PlanFactoryOperations& plan, int day) const;
  void enter_burn_in(const PlanFactoryOperations& plan, long long racks, int day);

  std::vector<Rng> order_streams_;
  std::vector<long long> backlog_;
  std::vector<std::vector<long long>> others_weekly_;  // per other buyer: units started by week
  std::vector<int> entering_burn_in_;                  // racks entering burn-in on the day
  std::vector<std::vector<long long>> gear_arrivals_;  // per partner gear: units on site by day
  std::vector<double> gear_in_progress_;  // per partner gear: line time of its next units [racks]
  long long capacity_ = 0;                // today's capacity [racks]
  double lines_left_ = 0.0;               // today's capacity not used yet [racks]
  bool slot_bound_ = false;               // today's starts were held by the slots
  double yield_hit_ = 0.0;
  FactoryOperationsResult result_;
};

}  // namespace rackscale::sim
