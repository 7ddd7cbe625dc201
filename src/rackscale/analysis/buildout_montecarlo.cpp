#include "rackscale/analysis/buildout_montecarlo.hpp"

#include <algorithm>
#include <utility>

namespace rackscale::analysis {

BuildoutMonteCarlo run_buildout_montecarlo(const sim::BuildoutModel& model, std::uint64_t seed,
                                           const ReplicationOptions& options, Date start,
                                           const std::vector<model::Contract>& contracts,
                                           int kept_outcomes) {
  BuildoutMonteCarlo result;
  result.first_outcomes.resize(
      static_cast<std::size_t>(std::clamp(kept_outcomes, 0, std::max(options.runs, 0))));
  BuildoutSums sums;
  auto add_sums = [&sums](const RunSums& run) { sums.add(run); };
  InRunOrder<RunSums, decltype(add_sums)> in_run_order(add_sums);
  std::vector<BuildoutTallies> tallies = fold_replications(
      options, [&contracts] { return BuildoutTallies(contracts); },
      [&](BuildoutTallies& tally, int run) {
        // Each thread's result buffers, reused from run to run (the values depend on the run
        // only): no run allocates its series.
        thread_local sim::BuildoutRun result_of_run;
        model.run(seed, run, result_of_run);
        tally.add(result_of_run);
        if (static_cast<std::size_t>(run) < result.first_outcomes.size()) {
          result.first_outcomes[static_cast<std::size_t>(run)] = outcome_of(result_of_run);
        }
        in_run_order.submit(run, sums_of(result_of_run));
      });
  // Merges are exact and commutative: worker order is as good as any.
  for (std::size_t worker = 1; worker < tallies.size(); ++worker) {
    tallies.front().merge(tallies[worker]);
    tallies[worker] = BuildoutTallies(contracts);  // its memory back before the summary
  }
  tallies.front().flush();
  result.summary = summarize_buildout(tallies.front(), sums, start);
  return result;
}

}  // namespace rackscale::analysis
