#pragma once
//! FNV-1a 64-bit hashing, for stamping outputs with a hash of their inputs (not cryptographic).

#include <cstdint>
#include <string>
#include <string_view>

namespace rackscale {

//! Incremental FNV-1a 64 (Fowler, Noll, Vo; IETF draft-eastlake-fnv, offset basis and prime).
class Fnv1a64 {
 public:
  constexpr void update(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  constexpr std::uint64_t value() const { return hash_; }
  //! "fnv1a64:" followed by 16 lowercase hex digits.
  std::string hex() const;

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace rackscale
