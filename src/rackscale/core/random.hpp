#pragma once
//! Seeded random streams and our own distributions (after SimGrid's xbt/random.hpp).
//!
//! One engine per (scenario seed, run, stream kind, entity), derived by splitting, so a draw never
//! depends on how many threads run or in which order entities are visited. The engine is
//! xoshiro256++ and every distribution is written here on top of it: the standard library's
//! distributions differ across implementations, ours give the same numbers everywhere (up to the
//! last bit of the platform's `log`, `exp`, `pow`, `cos` and `sqrt`). See docs/models/kernel.md.

#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string_view>

#include "rackscale/core/hash.hpp"

namespace rackscale {

//! splitmix64 (Steele, Lea and Flood 2014; Vigna's public-domain splitmix64.c): advances `state`
//! by the golden-ratio increment and returns a 64-bit mix of it.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

//! A stream kind named by a string (FNV-1a 64 of the name): adding a kind never moves another.
constexpr std::uint64_t stream_kind(std::string_view name) {
  Fnv1a64 h;
  h.update(name);
  return h.value();
}

//! The xoshiro256++ 1.0 engine (Blackman and Vigna, "Scrambled linear pseudorandom number
//! generators", ACM TOMS 47(4), 2021), its state filled by four splitmix64 outputs of the seed.
class Rng {
 public:
  //! An engine seeded directly (the same sequence as bench/peers/peer_rng.hpp for the same seed).
  explicit constexpr Rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
  }

  //! The stream of one entity in one run: seed, run, kind and entity are folded in that order,
  //! each through splitmix64, and the result seeds the engine.
  static constexpr Rng for_stream(std::uint64_t seed, std::uint64_t run, std::uint64_t kind,
                                  std::uint64_t entity) {
    std::uint64_t x = seed;
    std::uint64_t h = splitmix64(x);
    x = h ^ run;
    h = splitmix64(x);
    x = h ^ kind;
    h = splitmix64(x);
    x = h ^ entity;
    return Rng(splitmix64(x));
  }

  //! The next 64 random bits.
  constexpr std::uint64_t next() {
    const std::uint64_t result = std::rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return result;
  }

  //! Uniform on the open interval (0, 1): the top 53 bits, centred in their cell, so that
  //! `log(uniform())` is always finite.
  constexpr double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

  //! Uniform integer in [0, n), n > 0, without bias (Lemire, "Fast random integer generation in
  //! an interval", ACM TOMACS 29(1), 2019).
  std::uint64_t below(std::uint64_t n);

  //! True with probability p (one uniform draw).
  bool bernoulli(double p) { return uniform() < p; }

  //! Standard normal by the Box-Muller transform, cosine branch (Box and Muller 1958): exactly
  //! two uniforms per draw and no cached spare, so the position in the stream never depends on
  //! the history of calls (the same choice as SimGrid's xbt::random::normal).
  double standard_normal() {
    const double a = uniform();
    const double b = uniform();
    return std::sqrt(-2.0 * std::log(a)) * std::cos(2.0 * std::numbers::pi * b);
  }

 private:
  std::uint64_t s_[4]{};
};

//! Uniform on [min, max).
class Uniform {
 public:
  //! Requires min <= max (throws rackscale::Error otherwise).
  Uniform(double min, double max);
  double sample(Rng& rng) const { return min_ + (max_ - min_) * rng.uniform(); }
  double mean() const { return 0.5 * (min_ + max_); }
  double variance() const { return (max_ - min_) * (max_ - min_) / 12.0; }
  double min() const { return min_; }
  double max() const { return max_; }

 private:
  double min_, max_;
};

//! Exponential with the given mean (inversion: -mean ln U, one uniform per draw).
class Exponential {
 public:
  //! Requires mean > 0.
  explicit Exponential(double mean);
  double sample(Rng& rng) const { return -mean_ * std::log(rng.uniform()); }
  double mean() const { return mean_; }
  double variance() const { return mean_ * mean_; }

 private:
  double mean_;
};

//! Normal (Gaussian) by Box-Muller: mean + sd Z.
class Normal {
 public:
  //! Requires sd >= 0.
  Normal(double mean, double sd);
  double sample(Rng& rng) const { return mean_ + sd_ * rng.standard_normal(); }
  double mean() const { return mean_; }
  double variance() const { return sd_ * sd_; }
  double sd() const { return sd_; }

 private:
  double mean_, sd_;
};

//! Lognormal: exp(mu + sigma Z), drawn as median exp(sigma Z).
class Lognormal {
 public:
  //! z such that P(Z <= z) = 0.9 for a standard normal Z (scipy.stats.norm.ppf(0.9)).
  static constexpr double kZ90 = 1.2815515655446004;

  //! From the parameters of the underlying normal; requires sigma >= 0.
  Lognormal(double mu, double sigma);
  //! From the median and the 90th percentile: mu = ln(median), sigma = ln(p90/median)/kZ90.
  //! Requires median > 0 and p90 >= median (p90 == median is a constant).
  static Lognormal from_median_p90(double median, double p90);

  double sample(Rng& rng) const { return median_ * std::exp(sigma_ * rng.standard_normal()); }
  double mu() const { return mu_; }
  double sigma() const { return sigma_; }
  double median() const { return median_; }
  double mean() const { return std::exp(mu_ + 0.5 * sigma_ * sigma_); }
  double variance() const {
    return std::expm1(sigma_ * sigma_) * std::exp(2.0 * mu_ + sigma_ * sigma_);
  }

 private:
  double mu_, sigma_, median_;
};

//! Triangular on [min, max] with peak at mode (inversion, one uniform per draw).
class Triangular {
 public:
  //! Requires min <= mode <= max; min == max is a constant.
  Triangular(double min, double mode, double max);
  double sample(Rng& rng) const {
    const double u = rng.uniform();
    if (max_ <= min_) return min_;
    return u < split_ ? min_ + std::sqrt(u * (max_ - min_) * (mode_ - min_))
                      : max_ - std::sqrt((1.0 - u) * (max_ - min_) * (max_ - mode_));
  }
  double mean() const { return (min_ + mode_ + max_) / 3.0; }
  double variance() const {
    return (min_ * min_ + mode_ * mode_ + max_ * max_ - min_ * mode_ - min_ * max_ - mode_ * max_) /
           18.0;
  }

 private:
  double min_, mode_, max_;
  double split_;  //!< CDF at the mode, (mode - min) / (max - min)
};

//! Weibull with shape k and scale lambda: lambda (-ln U)^(1/k) (inversion).
class Weibull {
 public:
  //! Requires shape > 0 and scale > 0.
  Weibull(double shape, double scale);
  double sample(Rng& rng) const { return scale_ * std::pow(-std::log(rng.uniform()), inv_shape_); }
  double shape() const { return shape_; }
  double scale() const { return scale_; }
  double mean() const;
  double variance() const;

 private:
  double shape_, scale_, inv_shape_;
};

}  // namespace rackscale
