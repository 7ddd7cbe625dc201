#pragma once
//! Counterfactual attribution of the build-out: for each constraint that may hold a site back,
//! the same runs (same seed and run indices, so common random numbers) with that constraint
//! relaxed (sim/buildout/buildout_relaxation.hpp), and what each site gains: days earlier to 50%
//! and 100% of its target at P50 and GPU-weeks online over the horizon. A site's main bottleneck
//! is the relaxation that gains it the most; the top two are also relaxed together. Definitions
//! and equations: docs/models/attribution.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::analysis {

//! Counterfactual runs per relaxation when none are asked for, chosen by measurement: the
//! flagship `plan` with attribution stays under 3 s on two cores (docs/models/attribution.md).
inline constexpr int kDefaultAttributionRuns = 200;

//! What attribution compares of one site in one run.
struct SiteOutcome {
  std::optional<int> half_day;  //!< SiteMilestones::half_day [day]
  std::optional<int> full_day;  //!< SiteMilestones::full_day [day]
  double gpu_weeks = 0.0;       //!< GPUs online summed over the weekly values [GPU-weeks]
};

//! The outcome of every site of a run, in scenario order.
using RunOutcome = std::vector<SiteOutcome>;

//! The outcome of each site of `run`.
RunOutcome outcome_of(const sim::BuildoutRun& run);

//! What relaxing one constraint, or the site's top two together, gains one site.
struct ConstraintGain {
  //! The relaxation's name ("install_crews", "long_lead:switchgear", ...); a pair "a + b".
  std::string constraint;
  bool pair = false;  //!< the site's top two relaxed together
  //! P50 milestone day of the base runs minus that of the relaxed runs; a P50 not reached
  //! within the horizon counts as its end (day BuildoutPlan::days) [days]
  double days_earlier_half = 0.0;
  double days_earlier_full = 0.0;  //!< the same for 100% of the target [days]
  double gpu_weeks_gained = 0.0;   //!< mean over the runs of relaxed - base [GPU-weeks]
  //! Mean rack-weeks the binding view attributed to the constraint over all the plan's runs
  //! ("crews" for either crew; both roles of a component pool) [rack-weeks]
  double held_back_rack_weeks = 0.0;
  //! The base runs' P50 of 50% (100%) is not reached within the horizon: the days earlier are
  //! a lower bound
  bool half_lower_bound = false;
  bool full_lower_bound = false;
};

//! The attribution of one site.
struct SiteAttribution {
  std::string site;
  //! Every relaxation that held the site back or changed its outcome, largest gain first
  //! (GPU-weeks, then days earlier to 100%, then name), then the pair if two gain.
  std::vector<ConstraintGain> gains;
  std::string main_bottleneck;  //!< the first of `gains` if it gains anything, else ""
  //! The binding view: the constraint that held back the most (SitePlanSummary::main_constraint)
  std::string critical_at_end;
};

//! The attribution of every site.
struct Attribution {
  int runs = 0;       //!< counterfactual runs per relaxation: the plan's first runs [runs]
  int base_runs = 0;  //!< runs of the plan [runs]
  std::vector<SiteAttribution> sites;  //!< scenario order; empty when attribution is off
};

//! How to run the counterfactuals.
struct AttributionOptions {
  int runs = kDefaultAttributionRuns;  //!< per relaxation, capped at the base outcomes [runs]
  std::uint64_t seed = 0;              //!< the seed of the base runs
  int threads = 0;                     //!< 0: all cores; results do not depend on it
};

//! Relaxes each constraint of `plan` in turn, then each site's top two together, and compares
//! with `base`: the outcomes of runs 0, 1, ... of `plan` with options.seed. `summary` is the
//! plan's summary (for the binding view). Results do not depend on the thread count.
Attribution attribute_counterfactually(const sim::BuildoutPlan& plan, const PlanSummary& summary,
                                       const std::vector<RunOutcome>& base,
                                       const AttributionOptions& options);

}  // namespace rackscale::analysis
