#pragma once
// `rackscale optimize --contract NAME`: the contract search (analysis/contract_search.hpp),
// registered on the optimize command and run instead of the site optimization when given.

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "command_options.hpp"

namespace rackscale::cli {

//! The command-line options of the contract search.
struct ContractSearchCli {
  std::string contract;               //!< empty: no contract search
  std::string p10_floor;              //!< a money quantity, e.g. "-200 MUSD"; empty: no floor
  std::vector<double> firm_shares;    //!< empty: the default grid
  std::vector<double> price_factors;  //!< empty: the default grid
};

//! Adds `--contract`, `--p10-floor`, `--firm-shares` and `--price-factors` to `cmd`.
void add_contract_search_options(CLI::App& cmd, ContractSearchCli& options);

//! Runs the search and writes contract_frontier.csv; prints the frontier unless quiet.
int run_contract_search(const ScenarioOptions& scenario, const MonteCarloOptions& mc,
                        const ContractSearchCli& options,
                        const std::vector<std::string>& command_line);

}  // namespace rackscale::cli
