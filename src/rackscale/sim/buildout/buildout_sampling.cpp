#include "rackscale/sim/buildout/buildout_sampling.hpp"

#include <algorithm>
#include <cmath>

#include "rackscale/core/checked.hpp"
#include "rackscale/sim/buildout/buildout_plan.hpp"

namespace rackscale::sim {

namespace u = rackscale::units;

Rng make_stream(std::uint64_t seed, int run, StreamKind kind, std::size_t entity) {
  static constexpr std::uint64_t kKinds[] = {
      stream_kind("buildout.supplier_lead_time"), stream_kind("buildout.site_phases"),
      stream_kind("buildout.test_cell"),          stream_kind("buildout.first_pass_yield"),
      stream_kind("buildout.grid_delay"),         stream_kind("buildout.site_power")};
  return Rng::for_stream(seed, static_cast<std::uint64_t>(run),
                         kKinds[static_cast<std::size_t>(kind)], entity);
}

int sample_days(const model::DurationDistribution& d, Rng& rng) {
  using K = model::DurationDistribution::Kind;
  double days = 0.0;
  switch (d.kind) {
    case K::Fixed:
      return ceil_days(d.a);
    case K::Uniform:
      days = Uniform(d.a.in(u::day), d.b.in(u::day)).sample(rng);
      break;
    case K::Triangular:
      days = Triangular(d.a.in(u::day), d.b.in(u::day), d.c.in(u::day)).sample(rng);
      break;
    case K::Lognormal:
      days = Lognormal::from_median_p90(d.a.in(u::day), d.b.in(u::day)).sample(rng);
      break;
  }
  return ceil_days(days * u::day);
}

int binomial(int n, double p, Rng& rng) {
  if (n <= 0 || p <= 0.0) return 0;
  if (p >= 1.0) return n;
  // Count the rarer outcome, so inversion walks at most a few dozen terms.
  const bool flip = p > 0.5;
  const double q = flip ? 1.0 - p : p;
  const double mean = n * q;
  int k = 0;
  if (mean > 30.0) {
    k = checked_int(std::round(mean + std::sqrt(mean * (1.0 - q)) * rng.standard_normal()),
                    "a binomial draw");
    k = std::clamp(k, 0, n);
  } else {
    // P(0) = (1 - q)^n >= exp(-1.39 n q) >= exp(-42) here: no underflow.
    // P(k + 1) = P(k) q / (1 - q) (n - k) / (k + 1).
    const double x = rng.uniform();
    const double ratio = q / (1.0 - q);
    double pk = std::pow(1.0 - q, n);
    double cdf = pk;
    while (x > cdf && k < n) {
      pk *= ratio * static_cast<double>(n - k) / static_cast<double>(k + 1);
      ++k;
      cdf += pk;
    }
  }
  return flip ? n - k : k;
}

}  // namespace rackscale::sim
