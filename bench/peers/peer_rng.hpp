// The engine of every C++ peer but (1), in C++17 for ns-3's and SimGrid's headers: xoshiro256++
// seeded by splitmix64 and exponentials by inversion, bit for bit what rackscale::Rng and
// rackscale::Exponential draw (src/rackscale/core/random.hpp). Equal event counts across the
// peers check that claim on every run.
#pragma once
#include <cmath>
#include <cstdint>

struct PeerRng {
  std::uint64_t s[4];
  explicit PeerRng(std::uint64_t seed) {
    for (auto& x : s) {
      std::uint64_t z = (seed += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      x = z ^ (z >> 31);
    }
  }
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t next() {
    const std::uint64_t r = rotl(s[0] + s[3], 23) + s[0], t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return r;
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
  double exponential(double mean) { return -mean * std::log(uniform()); }
};
