#include "rackscale/sim/kernel/resource.hpp"

#include <string>

#include "rackscale/core/error.hpp"

namespace rackscale::sim {

Resource::Resource(std::uint32_t capacity, double start_time)
    : capacity_(capacity), in_use_stat_(start_time), queue_stat_(start_time) {
  if (capacity == 0) throw Error("resource: capacity must be >= 1, got 0");
}

void Resource::throw_release_idle() {
  throw Error("resource: release() with no unit in use");
}

}  // namespace rackscale::sim
