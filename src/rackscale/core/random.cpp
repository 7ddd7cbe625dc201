#include "rackscale/core/random.hpp"

#include <charconv>
#include <string>

#include "rackscale/core/error.hpp"

namespace rackscale {

namespace {

// The shortest text that reads back as x.
std::string num(double x) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, x).ptr;
  return std::string(buf, end);
}

[[noreturn]] void bad(const char* distribution, const std::string& rule) {
  throw Error(std::string(distribution) + " distribution: " + rule);
}

}  // namespace

std::uint64_t Rng::below(std::uint64_t n) {
  if (n == 0) throw Error("Rng::below: n must be > 0, got 0");
  __extension__ using u128 = unsigned __int128;
  u128 m = static_cast<u128>(next()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    while (low < threshold) {
      m = static_cast<u128>(next()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

Uniform::Uniform(double min, double max) : min_(min), max_(max) {
  if (!(min <= max))
    bad("uniform", "min must be <= max, got min " + num(min) + ", max " + num(max));
}

Exponential::Exponential(double mean) : mean_(mean) {
  if (!(mean > 0.0) || !std::isfinite(mean)) {
    bad("exponential", "mean must be > 0 and finite, got " + num(mean));
  }
}

Normal::Normal(double mean, double sd) : mean_(mean), sd_(sd) {
  if (!(sd >= 0.0)) bad("normal", "sd must be >= 0, got " + num(sd));
}

Lognormal::Lognormal(double mu, double sigma) : mu_(mu), sigma_(sigma), median_(std::exp(mu)) {
  if (!(sigma >= 0.0)) bad("lognormal", "sigma must be >= 0, got " + num(sigma));
}

Lognormal Lognormal::from_median_p90(double median, double p90) {
  if (!(median > 0.0)) bad("lognormal", "median must be > 0, got " + num(median));
  if (!(p90 >= median)) {
    bad("lognormal", "p90 must be >= median, got median " + num(median) + ", p90 " + num(p90));
  }
  Lognormal d(std::log(median), std::log(p90 / median) / kZ90);
  d.median_ = median;  // exactly the given median, not exp(log(median))
  return d;
}

Triangular::Triangular(double min, double mode, double max)
    : min_(min), mode_(mode), max_(max), split_(max > min ? (mode - min) / (max - min) : 0.0) {
  if (!(min <= mode && mode <= max)) {
    bad("triangular", "requires min <= mode <= max, got min " + num(min) + ", mode " + num(mode) +
                          ", max " + num(max));
  }
}

Weibull::Weibull(double shape, double scale)
    : shape_(shape), scale_(scale), inv_shape_(1.0 / shape) {
  if (!(shape > 0.0)) bad("weibull", "shape must be > 0, got " + num(shape));
  if (!(scale > 0.0)) bad("weibull", "scale must be > 0, got " + num(scale));
}

double Weibull::mean() const {
  return scale_ * std::tgamma(1.0 + inv_shape_);
}

double Weibull::variance() const {
  const double g1 = std::tgamma(1.0 + inv_shape_);
  return scale_ * scale_ * (std::tgamma(1.0 + 2.0 * inv_shape_) - g1 * g1);
}

}  // namespace rackscale
