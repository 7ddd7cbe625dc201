#include "rackscale/core/hash.hpp"

#include <fmt/format.h>

namespace rackscale {

std::string Fnv1a64::hex() const {
  return fmt::format("fnv1a64:{:016x}", hash_);
}

}  // namespace rackscale
