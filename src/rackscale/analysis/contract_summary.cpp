#include "rackscale/analysis/contract_summary.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace rackscale::analysis {

namespace {

std::optional<double> as_day(const std::optional<int>& d) {
  return d ? std::optional<double>(*d) : std::nullopt;
}

// The order's last rack was delivered by its due day within the run.
bool fully_on_time(const sim::FirmOrderResult& o) {
  return o.fulfilled_day && *o.fulfilled_day <= o.due_day;
}

// The mean of a non-empty sample, summed in ascending order like QuantileSummary::mean.
double mean_of(std::vector<double> v) {
  return summarize(std::move(v)).mean;
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

FirmOrderSummary firm_order(const std::vector<sim::BuildoutRun>& runs, std::size_t c, std::size_t i,
                            double unit_price_usd) {
  const sim::FirmOrderResult& first = runs.front().contracts[c].firm[i];
  FirmOrderSummary s;
  s.racks = first.racks;
  s.due_day = first.due_day;
  s.spend_usd = first.racks * unit_price_usd;
  std::vector<std::optional<double>> fulfilled, late;
  std::vector<double> racks_late;
  int on_time_runs = 0;
  for (const auto& run : runs) {
    const sim::FirmOrderResult& o = run.contracts[c].firm[i];
    fulfilled.push_back(as_day(o.fulfilled_day));
    // Not fulfilled within the horizon: late by more than the run can tell ("not reached").
    late.push_back(o.fulfilled_day
                       ? std::optional<double>(std::max(0, *o.fulfilled_day - o.due_day))
                       : std::nullopt);
    if (fully_on_time(o)) ++on_time_runs;
    racks_late.push_back(o.racks - o.on_time);
  }
  s.fulfilled_day = summarize_milestone(fulfilled);
  s.days_late = summarize_milestone(late);
  s.on_time_share = static_cast<double>(on_time_runs) / static_cast<double>(runs.size());
  s.mean_racks_late = mean_of(std::move(racks_late));
  return s;
}

OptionSummary option(const std::vector<sim::BuildoutRun>& runs, std::size_t c, std::size_t i,
                     const model::PurchaseOption& offered) {
  OptionSummary s;
  s.racks_offered = offered.racks;
  s.unit_price_usd = offered.unit_price.in(units::USD);
  std::vector<double> exercised, spend, on_time_share;
  std::vector<std::optional<double>> first;
  int exercising_runs = 0;
  for (const auto& run : runs) {
    const sim::ContractResult& r = run.contracts[c];
    const int x = r.exercised[i];
    exercised.push_back(x);
    spend.push_back(x * s.unit_price_usd);
    first.push_back(as_day(r.first_exercise_day[i]));
    if (x > 0) {
      ++exercising_runs;
      on_time_share.push_back(static_cast<double>(r.exercised_on_time[i]) / x);
    }
  }
  s.exercised = summarize(std::move(exercised));
  s.spend_usd = summarize(std::move(spend));
  s.exercised_share = static_cast<double>(exercising_runs) / static_cast<double>(runs.size());
  s.first_exercise_day = summarize_milestone(first);
  if (!on_time_share.empty()) s.mean_on_time_share = mean_of(std::move(on_time_share));
  return s;
}

// Spend, exercised racks and firm racks on time of one contract over the runs.
void summarize_contract_runs(ContractPlanSummary& summary,
                             const std::vector<sim::BuildoutRun>& runs, std::size_t contract,
                             bool has_firm_orders) {
  std::vector<double> exercised, firm_spend, option_spend, total_spend, racks_on_time;
  int all_on_time_runs = 0;
  for (const auto& run : runs) {
    const sim::ContractResult& result = run.contracts[contract];
    int exercised_racks = 0;
    for (int racks : result.exercised) exercised_racks += racks;
    exercised.push_back(exercised_racks);
    firm_spend.push_back(result.firm_spend_usd);
    option_spend.push_back(result.option_spend_usd);
    total_spend.push_back(result.firm_spend_usd + result.option_spend_usd);
    bool all_on_time = true;
    long long ordered = 0, on_time = 0;
    for (const sim::FirmOrderResult& order : result.firm) {
      all_on_time = all_on_time && fully_on_time(order);
      ordered += order.racks;
      on_time += order.on_time;
    }
    if (all_on_time) ++all_on_time_runs;
    if (ordered > 0) {
      racks_on_time.push_back(static_cast<double>(on_time) / static_cast<double>(ordered));
    }
  }
  if (has_firm_orders) {
    summary.all_firm_on_time_share =
        static_cast<double>(all_on_time_runs) / static_cast<double>(runs.size());
  }
  if (!racks_on_time.empty()) summary.mean_firm_racks_on_time_share = mean_of(racks_on_time);
  summary.options_exercised = summarize(std::move(exercised));
  summary.firm_spend_usd = summarize(std::move(firm_spend));
  summary.option_spend_usd = summarize(std::move(option_spend));
  summary.total_spend_usd = summarize(std::move(total_spend));
}

}  // namespace

std::vector<ContractPlanSummary> summarize_contracts(
    const std::vector<sim::BuildoutRun>& runs, const std::vector<model::Contract>& contracts) {
  std::vector<ContractPlanSummary> out;
  if (runs.empty()) return out;
  for (const auto& run : runs) check_shape(run, contracts);

  for (std::size_t index = 0; index < contracts.size(); ++index) {
    const model::Contract& contract = contracts[index];
    ContractPlanSummary summary;
    summary.name = runs.front().contracts[index].name;
    summary.firm_racks = runs.front().contracts[index].firm_racks;
    summary.runs = static_cast<int>(runs.size());
    const double unit_price_usd = contract.unit_price.in(units::USD);
    for (std::size_t i = 0; i < contract.firm.size(); ++i) {
      summary.firm.push_back(firm_order(runs, index, i, unit_price_usd));
    }
    for (std::size_t i = 0; i < contract.options.size(); ++i) {
      summary.options.push_back(option(runs, index, i, contract.options[i]));
    }
    summarize_contract_runs(summary, runs, index, !contract.firm.empty());
    out.push_back(std::move(summary));
  }
  return out;
}

}  // namespace rackscale::analysis
