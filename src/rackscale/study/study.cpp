#include "rackscale/study/study.hpp"

#include <algorithm>
#include <utility>

#include "rackscale/analysis/buildout_montecarlo.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/io/input_hash.hpp"
#include "rackscale/sim/buildout/buildout.hpp"
#include "rackscale/study/study_checks.hpp"

namespace rackscale {

Study::Study(io::LoadedScenario loaded, io::ScenarioSource source, CheckedDesigns designs,
             std::vector<Diagnostic> warnings)
    : loaded_(std::move(loaded)),
      source_(std::move(source)),
      input_hash_(io::input_hash(loaded_)),
      designs_(std::move(designs.sites)),
      candidate_designs_(std::move(designs.candidates)),
      warnings_(std::move(warnings)) {}

Study Study::from_file(const std::string& path, const std::vector<std::string>& overrides,
                       int threads) {
  return load(io::ScenarioSource{path, std::nullopt, overrides, {}}, threads);
}

Study Study::from_text(const std::string& text, const std::string& virtual_file,
                       const std::vector<std::string>& overrides) {
  return load(io::ScenarioSource{virtual_file, text, overrides, {}});
}

Study Study::load(const io::ScenarioSource& source, int threads) {
  Diagnostics diag;
  std::optional<Study> study = check(source, diag, threads);
  diag.throw_if_any();
  return std::move(*study);
}

std::optional<Study> Study::check(const io::ScenarioSource& source, Diagnostics& diag,
                                  int threads) {
  const std::size_t before = diag.size();
  const std::size_t warnings_before = diag.warnings().size();
  io::LoadedScenario loaded = io::read_scenario(source, diag);
  if (diag.size() != before) return std::nullopt;
  std::optional<CheckedDesigns> designs = check_pipeline(loaded, diag, threads);
  if (!designs || diag.size() != before) return std::nullopt;
  // The text is kept, so that a study made from a file re-reads nothing when overridden.
  io::ScenarioSource kept{source.file, loaded.text, source.overrides, source.limits};
  std::vector<Diagnostic> warnings(diag.warnings().begin() + static_cast<long>(warnings_before),
                                   diag.warnings().end());
  return Study(std::move(loaded), std::move(kept), std::move(*designs), std::move(warnings));
}

Study Study::with_overrides(const std::vector<std::string>& overrides) const {
  io::ScenarioSource source = source_;
  source.overrides.insert(source.overrides.end(), overrides.begin(), overrides.end());
  return load(source);
}

RunStamp Study::stamp(std::uint64_t seed) const {
  return RunStamp{RACKSCALE_VERSION, seed, input_hash_, scenario().name};
}

template <class F>
auto Study::with_excerpts(F&& step) const {
  // Errors found after loading (a site the engines cannot build) point at the scenario: show
  // the offending line from the text the loader read.
  try {
    return step();
  } catch (const InputError& e) {
    throw e.with_sources(loaded_.sources);
  }
}

std::vector<design::SiteDesign> Study::design_sites() const {
  return designs_;
}

DesignResult Study::design() const {
  return DesignResult{stamp(scenario().simulation.seed), design_sites()};
}

PlanResult Study::plan(const RunOptions& options) const {
  PlanResult result;
  const std::uint64_t seed = options.seed.value_or(scenario().simulation.seed);
  result.stamp = stamp(seed);
  result.runs = options.runs.value_or(scenario().simulation.runs);
  result.sites = design_sites();

  sim::BuildoutModel model({&scenario(), &catalog(), &result.sites});
  analysis::ReplicationOptions replication;
  replication.runs = result.runs;
  replication.threads = options.threads;
  replication.progress = options.progress;
  // Streaming: the summary is folded while the runs go, keeping only the outcomes of the first
  // runs, which the counterfactual attribution compares with.
  analysis::AttributionOptions attribution;
  attribution.runs = options.attribution_runs.value_or(analysis::kDefaultAttributionRuns);
  attribution.seed = seed;
  attribution.threads = options.threads;
  analysis::BuildoutMonteCarlo montecarlo = analysis::run_buildout_montecarlo(
      model, seed, replication, scenario().start, scenario().contracts, attribution.runs);
  result.buildout = std::move(montecarlo.summary);
  attribution.runs = static_cast<int>(montecarlo.first_outcomes.size());
  result.attribution = analysis::attribute_counterfactually(model.plan(), result.buildout,
                                                            montecarlo.first_outcomes, attribution);
  result.options = analysis::value_options(model.plan(), seed, result.runs, options.threads);
  result.factory = analysis::study_factories(model.plan(), seed, result.runs, options.threads);

  // Fleet reliability of the finished sites: the scenario's reliability section, or one job on
  // every GPU of the first site, with the same seed and threads.
  if (!options.reliability) return result;
  sim::ReliabilityOptions reliability;
  reliability.seed = seed;
  reliability.threads = options.threads;
  result.reliability = with_excerpts([&] {
    return sim::run_reliability(
        sim::plan_reliability(scenario(), catalog(), result.sites, scenario().reliability),
        reliability);
  });
  return result;
}

ReliabilityResult Study::reliability(const RunOptions& options) const {
  std::vector<design::SiteDesign> sites = design_sites();
  sim::ReliabilityOptions reliability;
  reliability.runs = options.runs;
  reliability.seed = options.seed;
  reliability.threads = options.threads;
  reliability.progress = options.progress;
  ReliabilityResult result;
  result.reliability = with_excerpts([&] {
    return sim::run_reliability(
        sim::plan_reliability(scenario(), catalog(), sites, scenario().reliability), reliability);
  });
  result.stamp = stamp(result.reliability.seed);
  return result;
}

}  // namespace rackscale
