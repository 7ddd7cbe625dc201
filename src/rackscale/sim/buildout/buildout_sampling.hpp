#pragma once
//! Random draws of the build-out model (internal): one core/random stream per (seed, run,
//! stream kind, entity), durations in whole days, and a binomial for test failures.

#include <cstddef>
#include <cstdint>

#include "rackscale/core/random.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::sim {

//! The build-out's stream kinds; the entity is the supplier, factory or site index.
enum class StreamKind {
  SupplierLeadTime,  //!< one lead time per supplier
  SitePhases,        //!< permitting, shell, fit-out, commissioning per site, in that order
  TestCell,          //!< test-cell duration per factory
  FirstPassYield,    //!< daily test failures per factory
  GridDelay,         //!< each grid step's energization delay per site, in step order
  SitePower,         //!< interconnection stages, then bridging lead times, per site with `power:`
};

//! The stream of one entity of a run: Rng::for_stream(seed, run, stream_kind(name), entity)
//! with the names "buildout.supplier_lead_time", "buildout.site_phases",
//! "buildout.test_cell", "buildout.first_pass_yield", "buildout.grid_delay" and
//! "buildout.site_power".
Rng make_stream(std::uint64_t seed, int run, StreamKind kind, std::size_t entity);

//! A duration drawn from `d` (one uniform, or one normal for lognormal), rounded up to whole
//! days (>= 0) [days]. Fixed durations draw nothing.
int sample_days(const model::DurationDistribution& d, Rng& rng);

//! Number of successes in n trials of probability p. Inversion of the CDF (one uniform) when
//! the smaller of n p and n (1 - p) is at most 30; otherwise the normal approximation
//! round(n p + sqrt(n p (1 - p)) Z), clamped to [0, n] (one normal).
int binomial(int n, double p, Rng& rng);

}  // namespace rackscale::sim
