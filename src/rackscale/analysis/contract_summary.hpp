#pragma once
//! Monte Carlo summary of the rack purchase contracts: per firm order when it was fulfilled and
//! how late, per purchase option how much was exercised and when, and the spend per contract.
//!
//! A rack is delivered when it passes the factory's final test (docs/models/buildout.md,
//! "Contracts"). Days count from the scenario start, as in sim::ContractResult; a day that is not
//! reached within the horizon is handled as a milestone is (quantiles.hpp, MilestoneSummary).

#include <optional>
#include <string>
#include <vector>

#include "rackscale/analysis/quantiles.hpp"
#include "rackscale/analysis/tally.hpp"
#include "rackscale/model/scenario.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::analysis {

//! One firm order over the runs.
struct FirmOrderSummary {
  int racks = 0;    //!< ordered [racks]
  int due_day = 0;  //!< deliver_by [day from the scenario start]
  //! Committed spend: racks x the contract's unit price, the same in every run [USD]
  double spend_usd = 0.0;
  //! Day the order's last rack was delivered [day]; nullopt in a run = not within the horizon.
  MilestoneSummary fulfilled_day;
  //! Share of runs in which the order was fully on time (fulfilled_day <= due_day) [0-1]. A run
  //! that does not fulfil the order within the horizon is not on time, even if it is due later.
  double on_time_share = 0.0;
  //! Mean over runs of the racks not delivered by the due day (racks - on_time) [racks]
  double mean_racks_late = 0.0;
  //! Days late per run: max(0, fulfilled_day - due_day), or "never" (+infinity) when the order
  //! is not fulfilled within the horizon, summarized as a milestone: p50 is nullopt ("beyond the
  //! horizon") when at least half the runs do not fulfil the order [days]
  MilestoneSummary days_late;
};

//! One purchase option over the runs.
struct OptionSummary {
  int racks_offered = 0;         //!< the option's `racks` [racks]
  double unit_price_usd = 0.0;   //!< [USD/rack]
  QuantileSummary exercised;     //!< racks exercised per run [racks]
  double exercised_share = 0.0;  //!< share of runs that exercised at least one rack [0-1]
  //! Day of the first exercise [day]; nullopt in a run = never exercised within the horizon.
  MilestoneSummary first_exercise_day;
  //! Mean, over the runs that exercised any, of (exercised racks delivered by their due day) /
  //! (exercised racks) [0-1]; nullopt if no run exercised the option.
  std::optional<double> mean_on_time_share;
  QuantileSummary spend_usd;  //!< exercised racks x the option's unit price, per run [USD]
};

//! One contract over the runs.
struct ContractPlanSummary {
  std::string name;
  int firm_racks = 0;                  //!< [racks]
  int runs = 0;                        //!< runs summarized [runs]
  std::vector<FirmOrderSummary> firm;  //!< scenario order
  std::vector<OptionSummary> options;  //!< scenario order
  //! Share of runs in which every firm order was fully on time [0-1]; nullopt without firm
  //! orders.
  std::optional<double> all_firm_on_time_share;
  //! Mean over runs of the share of firm racks delivered by their due days [0-1]; nullopt
  //! without firm racks.
  std::optional<double> mean_firm_racks_on_time_share;
  QuantileSummary options_exercised;  //!< racks exercised over all options, per run [racks]
  QuantileSummary firm_spend_usd;     //!< per run [USD]
  QuantileSummary option_spend_usd;   //!< per run [USD]
  QuantileSummary total_spend_usd;    //!< firm + option spend of each run, then quantiles [USD]
};

//! The contract statistics of runs added one at a time, in bounded memory (tallies and counts):
//! merging two aggregates gives the aggregate of both sets of runs, in any order.
class ContractAggregate {
 public:
  //! `contracts` are the scenario's contracts, in the order of sim::BuildoutRun::contracts.
  explicit ContractAggregate(std::vector<model::Contract> contracts);
  //! Counts one run. Throws std::invalid_argument if the run's contracts, firm orders or options
  //! do not match the scenario's in number.
  void add(const sim::BuildoutRun& run);
  //! Adds the runs counted by `other` (same contracts).
  void merge(const ContractAggregate& other);
  //! The summary of the runs counted; empty when there are none.
  std::vector<ContractPlanSummary> summary() const;

 private:
  struct FirmTallies {
    int racks = 0, due_day = 0;
    Tally fulfilled_day, days_late, racks_late;
    std::uint64_t on_time_runs = 0;
  };
  struct OptionTallies {
    Tally exercised, spend_usd, first_exercise_day, on_time_share;
    std::uint64_t exercising_runs = 0;
  };
  struct ContractTallies {
    std::string name;
    int firm_racks = 0;
    std::vector<FirmTallies> firm;
    std::vector<OptionTallies> options;
    std::uint64_t all_on_time_runs = 0;
    Tally racks_on_time_share, options_exercised, firm_spend_usd, option_spend_usd, total_spend_usd;
  };
  void add_contract(ContractTallies& tallies, const sim::ContractResult& result,
                    const model::Contract& contract);
  FirmOrderSummary firm_summary(const FirmTallies& tallies, const model::Contract& contract) const;
  OptionSummary option_summary(const OptionTallies& tallies,
                               const model::PurchaseOption& offered) const;

  std::vector<model::Contract> contracts_;
  std::vector<ContractTallies> tallies_;  // per contract
  std::uint64_t runs_ = 0;
};

//! Summarizes the contracts of the runs (all from the same model). `contracts` are the
//! scenario's contracts, in the order of sim::BuildoutRun::contracts; they give each option's
//! racks offered and unit price. Returns an empty vector when there are no runs. Throws
//! std::invalid_argument if a run's contracts, firm orders or options do not match `contracts`
//! in number.
std::vector<ContractPlanSummary> summarize_contracts(const std::vector<sim::BuildoutRun>& runs,
                                                     const std::vector<model::Contract>& contracts);

}  // namespace rackscale::analysis
