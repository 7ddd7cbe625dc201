// rackscale optimize SCENARIO --contract NAME [--p10-floor MONEY] [--firm-shares S,...]
// [--price-factors F,...] [--runs N] [--seed S] [--threads T] [-o DIR]: searches the contract's
// firm/option split and option prices for the buyer's best expected NPV under a P10 floor
// (docs/models/deal.md, "Contract search"), prints the frontier and writes
// contract_frontier.csv and contract_frontier.html.

#include "contract_command.hpp"

#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "rackscale/analysis/contract_search.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/core/unit_parser.hpp"
#include "rackscale/report/contract_report.hpp"
#include "rackscale/report/manifest.hpp"

namespace rackscale::cli {

namespace {

// The floor in USD; throws InputError for text that is not an amount of money.
std::optional<double> floor_usd(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto parsed = units::parse<units::Money>(text);
  if (const auto* error = std::get_if<units::UnitError>(&parsed)) {
    const std::vector<Diagnostic> problem = {
        Diagnostic{SourceLocation{}, "--p10-floor",
                   fmt::format("expected an amount of money such as \"-200 MUSD\", got \"{}\": {}",
                               text, error->message),
                   error->suggestion}};
    throw InputError(problem, render(problem, SourceTexts{}));
  }
  return std::get<units::Money>(parsed).in(units::USD);
}

analysis::ContractSearchOptions search_options(const ContractSearchCli& cli,
                                               const MonteCarloOptions& mc, const Study& study) {
  analysis::ContractSearchOptions options;
  options.contract = cli.contract;
  if (!cli.firm_shares.empty()) options.firm_shares = cli.firm_shares;
  if (!cli.price_factors.empty()) options.price_factors = cli.price_factors;
  options.p10_floor_usd = floor_usd(cli.p10_floor);
  const RunOptions run = run_options(mc);
  options.runs = run.runs.value_or(study.scenario().simulation.runs);
  options.seed = run.seed.value_or(study.scenario().simulation.seed);
  options.threads = run.threads;
  return options;
}

}  // namespace

void add_contract_search_options(CLI::App& cmd, ContractSearchCli& options) {
  cmd.add_option("--contract", options.contract,
                 "Search this contract's firm/option split and option prices for the best "
                 "expected NPV of its buyer (docs/models/deal.md) instead of choosing sites");
  cmd.add_option("--p10-floor", options.p10_floor,
                 "With --contract: the risk limit, the lowest P10 of the buyer's NPV, e.g. "
                 "\"-200 MUSD\" (default: none)");
  cmd.add_option("--firm-shares", options.firm_shares,
                 "With --contract: shares of the racks ordered firm (default 0,0.25,0.5,0.75,1)")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--price-factors", options.price_factors,
                 "With --contract: factors on the option prices (default 0.8,0.9,1,1.1,1.2)")
      ->delimiter(',')
      ->check(CLI::PositiveNumber);
}

int run_contract_search(const ScenarioOptions& scenario, const MonteCarloOptions& mc,
                        const ContractSearchCli& options,
                        const std::vector<std::string>& command_line) {
  const Study study = load_study(scenario, mc.threads);
  const analysis::ContractSearchOptions search = search_options(options, mc, study);
  const report::OutputFolder folder = open_output_folder(scenario, study.scenario().name);
  const analysis::ContractSearch result =
      analysis::search_contract(study.scenario(), study.catalog(), study.design().sites, search);
  report::OutputFiles files;
  files.add("contract_frontier.csv", report::contract_frontier_csv(result));
  files.add(
      "contract_frontier.html",
      report::contract_frontier_html(result, fmt::format("Contract frontier: {} ({})",
                                                         result.contract, study.scenario().name)));
  const RunStamp stamp{RACKSCALE_VERSION, result.seed, study.input_hash(), study.scenario().name};
  report::add_manifest(files, {stamp, result.runs, command_line});
  const auto written = folder.publish(files);
  if (!scenario.quiet) std::cout << report::contract_frontier_text(result);
  print_written(written);
  return static_cast<int>(kOk);
}

}  // namespace rackscale::cli
