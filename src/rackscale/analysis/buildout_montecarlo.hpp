#pragma once
//! The build-out Monte Carlo, streaming: every worker thread folds the runs it simulates into
//! its own BuildoutTallies (exact, order-independent merges) while the sums behind the means are
//! added in run order (InRunOrder); no run is kept but the outcomes of the first few, for the
//! counterfactual attribution. Memory does not grow with the number of runs, the summary costs
//! no serial pass over the runs, and the bytes of the summary do not depend on the thread count.
//! See docs/models/montecarlo.md, "Streaming aggregation".

#include <cstdint>
#include <vector>

#include "rackscale/analysis/attribution.hpp"
#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::analysis {

//! What the streaming build-out Monte Carlo returns.
struct BuildoutMonteCarlo {
  PlanSummary summary;
  //! The outcomes of runs 0, 1, ..., kept_outcomes - 1 (at most the runs) for the attribution
  std::vector<RunOutcome> first_outcomes;
};

//! Runs options.runs replications of `model` with `seed` (run r depends on (seed, r) only) and
//! summarizes them as summarize_buildout does, with the same bytes for any options.threads.
//! `start` and `contracts` are the scenario's; keeps the outcomes of the first `kept_outcomes`
//! runs [runs].
BuildoutMonteCarlo run_buildout_montecarlo(const sim::BuildoutModel& model, std::uint64_t seed,
                                           const ReplicationOptions& options, Date start,
                                           const std::vector<model::Contract>& contracts,
                                           int kept_outcomes);

}  // namespace rackscale::analysis
