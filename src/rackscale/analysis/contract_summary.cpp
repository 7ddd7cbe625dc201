#include "rackscale/analysis/contract_summary.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

namespace rackscale::analysis {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// A day, or +infinity ("never") when not reached within the horizon.
double as_day(const std::optional<int>& d) {
  return d ? static_cast<double>(*d) : kNever;
}

// The order's last rack was delivered by its due day within the run.
bool fully_on_time(const sim::FirmOrderResult& o) {
  return o.fulfilled_day && *o.fulfilled_day <= o.due_day;
}

void check_shape(const sim::BuildoutRun& run, const std::vector<model::Contract>& contracts) {
  if (run.contracts.size() != contracts.size()) {
    throw std::invalid_argument(
        fmt::format("summarize_contracts: run {} has {} contracts, the "
                    "scenario {}",
                    run.run, run.contracts.size(), contracts.size()));
  }
  for (std::size_t c = 0; c < contracts.size(); ++c) {
    const auto& r = run.contracts[c];
    const auto& k = contracts[c];
    const std::size_t n_opt = k.options.size();
    if (r.firm.size() != k.firm.size() || r.exercised.size() != n_opt ||
        r.first_exercise_day.size() != n_opt || r.exercised_on_time.size() != n_opt) {
      throw std::invalid_argument(fmt::format(
          "summarize_contracts: run {} contract '{}' has {} firm orders and {} options, the "
          "scenario {} and {}",
          run.run, r.name, r.firm.size(), r.exercised.size(), k.firm.size(), n_opt));
    }
  }
}

double share(std::uint64_t runs, std::uint64_t of) {
  return static_cast<double>(runs) / static_cast<double>(of);
}

}  // namespace

ContractAggregate::ContractAggregate(std::vector<model::Contract> contracts)
    : contracts_(std::move(contracts)), tallies_(contracts_.size()) {
  for (std::size_t c = 0; c < contracts_.size(); ++c) {
    tallies_[c].firm.resize(contracts_[c].firm.size());
    tallies_[c].options.resize(contracts_[c].options.size());
  }
}

void ContractAggregate::add(const sim::BuildoutRun& run) {
  check_shape(run, contracts_);
  for (std::size_t c = 0; c < contracts_.size(); ++c) {
    add_contract(tallies_[c], run.contracts[c], contracts_[c]);
  }
  ++runs_;
}

void ContractAggregate::add_contract(ContractTallies& t, const sim::ContractResult& result,
                                     const model::Contract& contract) {
  t.name = result.name;
  t.firm_racks = result.firm_racks;
  bool all_on_time = true;
  long long ordered = 0, on_time = 0;
  for (std::size_t i = 0; i < result.firm.size(); ++i) {
    const sim::FirmOrderResult& o = result.firm[i];
    FirmTallies& f = t.firm[i];
    f.racks = o.racks;
    f.due_day = o.due_day;
    f.fulfilled_day.add(as_day(o.fulfilled_day));
    // Not fulfilled within the horizon: late by more than the run can tell ("not reached").
    f.days_late.add(o.fulfilled_day ? std::max(0, *o.fulfilled_day - o.due_day) : kNever);
    f.racks_late.add(o.racks - o.on_time);
    if (fully_on_time(o)) ++f.on_time_runs;
    all_on_time = all_on_time && fully_on_time(o);
    ordered += o.racks;
    on_time += o.on_time;
  }
  int exercised_racks = 0;
  for (std::size_t i = 0; i < result.exercised.size(); ++i) {
    OptionTallies& o = t.options[i];
    const int x = result.exercised[i];
    exercised_racks += x;
    o.exercised.add(x);
    o.spend_usd.add(x * contract.options[i].unit_price.in(units::USD));
    o.first_exercise_day.add(as_day(result.first_exercise_day[i]));
    if (x > 0) {
      ++o.exercising_runs;
      o.on_time_share.add(static_cast<double>(result.exercised_on_time[i]) / x);
    }
  }
  if (all_on_time) ++t.all_on_time_runs;
  if (ordered > 0) {
    t.racks_on_time_share.add(static_cast<double>(on_time) / static_cast<double>(ordered));
  }
  t.options_exercised.add(exercised_racks);
  t.firm_spend_usd.add(result.firm_spend_usd);
  t.option_spend_usd.add(result.option_spend_usd);
  t.total_spend_usd.add(result.firm_spend_usd + result.option_spend_usd);
}

void ContractAggregate::merge(const ContractAggregate& other) {
  if (other.runs_ == 0) return;
  for (std::size_t c = 0; c < tallies_.size(); ++c) {
    ContractTallies& t = tallies_[c];
    const ContractTallies& u = other.tallies_[c];
    t.name = u.name;
    t.firm_racks = u.firm_racks;
    for (std::size_t i = 0; i < t.firm.size(); ++i) {
      FirmTallies& f = t.firm[i];
      const FirmTallies& g = u.firm[i];
      f.racks = g.racks;
      f.due_day = g.due_day;
      f.fulfilled_day.merge(g.fulfilled_day);
      f.days_late.merge(g.days_late);
      f.racks_late.merge(g.racks_late);
      f.on_time_runs += g.on_time_runs;
    }
    for (std::size_t i = 0; i < t.options.size(); ++i) {
      OptionTallies& o = t.options[i];
      const OptionTallies& p = u.options[i];
      o.exercised.merge(p.exercised);
      o.spend_usd.merge(p.spend_usd);
      o.first_exercise_day.merge(p.first_exercise_day);
      o.on_time_share.merge(p.on_time_share);
      o.exercising_runs += p.exercising_runs;
    }
    t.all_on_time_runs += u.all_on_time_runs;
    t.racks_on_time_share.merge(u.racks_on_time_share);
    t.options_exercised.merge(u.options_exercised);
    t.firm_spend_usd.merge(u.firm_spend_usd);
    t.option_spend_usd.merge(u.option_spend_usd);
    t.total_spend_usd.merge(u.total_spend_usd);
  }
  runs_ += other.runs_;
}

FirmOrderSummary ContractAggregate::firm_summary(const FirmTallies& t,
                                                 const model::Contract& contract) const {
  FirmOrderSummary s;
  s.racks = t.racks;
  s.due_day = t.due_day;
  s.spend_usd = t.racks * contract.unit_price.in(units::USD);
  s.fulfilled_day = t.fulfilled_day.milestone_summary();
  s.days_late = t.days_late.milestone_summary();
  s.on_time_share = share(t.on_time_runs, runs_);
  s.mean_racks_late = t.racks_late.mean();
  return s;
}

OptionSummary ContractAggregate::option_summary(const OptionTallies& t,
                                                const model::PurchaseOption& offered) const {
  OptionSummary s;
  s.racks_offered = offered.racks;
  s.unit_price_usd = offered.unit_price.in(units::USD);
  s.exercised = t.exercised.summary();
  s.spend_usd = t.spend_usd.summary();
  s.exercised_share = share(t.exercising_runs, runs_);
  s.first_exercise_day = t.first_exercise_day.milestone_summary();
  if (t.on_time_share.count() > 0) s.mean_on_time_share = t.on_time_share.mean();
  return s;
}

std::vector<ContractPlanSummary> ContractAggregate::summary() const {
  std::vector<ContractPlanSummary> out;
  if (runs_ == 0) return out;
  for (std::size_t c = 0; c < contracts_.size(); ++c) {
    const ContractTallies& t = tallies_[c];
    ContractPlanSummary summary;
    summary.name = t.name;
    summary.firm_racks = t.firm_racks;
    summary.runs = static_cast<int>(runs_);
    for (const FirmTallies& firm : t.firm) {
      summary.firm.push_back(firm_summary(firm, contracts_[c]));
    }
    for (std::size_t i = 0; i < t.options.size(); ++i) {
      summary.options.push_back(option_summary(t.options[i], contracts_[c].options[i]));
    }
    if (!contracts_[c].firm.empty()) {
      summary.all_firm_on_time_share = share(t.all_on_time_runs, runs_);
    }
    if (t.racks_on_time_share.count() > 0) {
      summary.mean_firm_racks_on_time_share = t.racks_on_time_share.mean();
    }
    summary.options_exercised = t.options_exercised.summary();
    summary.firm_spend_usd = t.firm_spend_usd.summary();
    summary.option_spend_usd = t.option_spend_usd.summary();
    summary.total_spend_usd = t.total_spend_usd.summary();
    out.push_back(std::move(summary));
  }
  return out;
}

std::vector<ContractPlanSummary> summarize_contracts(
    const std::vector<sim::BuildoutRun>& runs, const std::vector<model::Contract>& contracts) {
  ContractAggregate aggregate(contracts);
  for (const sim::BuildoutRun& run : runs) aggregate.add(run);
  return aggregate.summary();
}

}  // namespace rackscale::analysis
