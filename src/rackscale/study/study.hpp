#pragma once
//! The library's entry point: one scenario, loaded once (from a file or a text, with
//! overrides), and the pipeline that runs on it: design, plan (build-out Monte Carlo) and
//! reliability, each returning plain result objects. Nothing here prints or writes files; the
//! writers in study/study_outputs.hpp turn results into files, and the programs in apps/ (the
//! CLI, later Python and the what-if server) are thin callers of it. docs/architecture.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/analysis/attribution.hpp"
#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/analysis/factory_study.hpp"
#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/analysis/option_valuation.hpp"
#include "rackscale/analysis/reliability_study.hpp"
#include "rackscale/core/run_stamp.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace rackscale {

struct CheckedDesigns;  // study/study_checks.hpp

//! Monte Carlo options of a command; an unset field takes the scenario's value.
struct RunOptions {
  std::optional<int> runs;            //!< replications [runs], >= 1
  std::optional<std::uint64_t> seed;  //!< the seed every random stream is derived from
  int threads = 0;                    //!< worker threads, 0: all cores; results do not depend on it
  //! `plan`: counterfactual runs per relaxed constraint (analysis/attribution.hpp), at most
  //! `runs`; 0 turns the attribution off [runs]
  std::optional<int> attribution_runs;
  //! `plan`: false skips the fleet reliability study (the what-if server's quick re-plans);
  //! PlanResult::reliability is then empty
  bool reliability = true;
  analysis::ProgressCallback progress;  //!< called from workers while the main runs go on
};

//! Every site of the scenario designed.
struct DesignResult {
  RunStamp stamp;
  std::vector<design::SiteDesign> sites;  //!< in scenario order
};

//! The design, the build-out Monte Carlo over it and the fleet reliability of its sites.
struct PlanResult {
  RunStamp stamp;
  int runs = 0;                           //!< build-out replications
  std::vector<design::SiteDesign> sites;  //!< in scenario order
  analysis::PlanSummary buildout;
  analysis::Attribution attribution;  //!< what relaxing each constraint gains each site
  sim::ReliabilityResult reliability;
  analysis::OptionValuation options;  //!< options decided by `demand:` (no rows without it)
  analysis::FactoryStudy factory;     //!< factories with operations keys (none without them)
};

//! The fleet reliability study of the scenario's `reliability:` section.
struct ReliabilityResult {
  RunStamp stamp;
  sim::ReliabilityResult reliability;
};

//! A loaded, validated scenario and the pipeline over it. Cheap to move; const methods may run
//! concurrently on one Study.
class Study {
 public:
  //! Loads a scenario file, applying `overrides` ("PATH=VALUE"); throws InputError listing
  //! every problem found. `threads` design the sites (check()).
  static Study from_file(const std::string& path, const std::vector<std::string>& overrides = {},
                         int threads = 0);
  //! Loads a scenario from `text`; `virtual_file` names it in messages and is the base of the
  //! relative paths it holds (catalog and weather files).
  static Study from_text(const std::string& text, const std::string& virtual_file,
                         const std::vector<std::string>& overrides = {});
  //! Loads from any source; throws InputError listing every problem found.
  static Study load(const io::ScenarioSource& source, int threads = 0);
  //! Loads without throwing for bad input, then designs every site and prepares the build-out
  //! and the reliability study (study/study_checks.hpp), so that every problem any command
  //! would meet is found here: every error and warning goes to `diag`; nullopt if any error.
  //! The sites are designed on `threads` threads (0: all cores); nothing depends on it.
  static std::optional<Study> check(const io::ScenarioSource& source, Diagnostics& diag,
                                    int threads = 0);

  //! The same scenario with `overrides` applied after the ones it has; throws InputError.
  Study with_overrides(const std::vector<std::string>& overrides) const;

  const model::Scenario& scenario() const { return loaded_.scenario; }
  const model::Catalog& catalog() const { return loaded_.catalog; }
  const io::LoadedScenario& loaded() const { return loaded_; }
  //! Hash of every input read (scenario text, overrides, catalog and weather files).
  const std::string& input_hash() const { return input_hash_; }
  //! The warnings found while loading and checking: input that runs but probably not as meant
  //! (render them with loaded().sources). Empty for a clean scenario.
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  //! The `candidates:` designed at their max IT power (optimize::design_candidate), in scenario
  //! order: what `rackscale optimize` builds its problem from.
  const std::vector<design::SiteDesign>& candidate_designs() const { return candidate_designs_; }

  //! Designs every site: network fabric, power chain, cooling plant, space, cost, BOM.
  DesignResult design() const;
  //! Designs every site, runs the build-out Monte Carlo (run r depends only on the seed and r),
  //! its counterfactual attribution on the first runs, and the reliability study of the
  //! finished sites with the same seed and threads.
  PlanResult plan(const RunOptions& options = {}) const;
  //! Runs the reliability study (runs default to reliability.runs, else simulation.runs
  //! capped at 100).
  ReliabilityResult reliability(const RunOptions& options = {}) const;

 private:
  Study(io::LoadedScenario loaded, io::ScenarioSource source, CheckedDesigns designs,
        std::vector<Diagnostic> warnings);
  RunStamp stamp(std::uint64_t seed) const;
  // The designs check() made (a copy).
  std::vector<design::SiteDesign> design_sites() const;
  // Runs `step`, rethrowing its InputError with excerpts of the files the scenario came from.
  template <class F>
  auto with_excerpts(F&& step) const;

  io::LoadedScenario loaded_;
  io::ScenarioSource source_;
  std::string input_hash_;
  std::vector<design::SiteDesign> designs_;            // every site, designed once by check()
  std::vector<design::SiteDesign> candidate_designs_;  // every candidate, likewise
  std::vector<Diagnostic> warnings_;
};

}  // namespace rackscale
