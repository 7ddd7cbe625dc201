// Whether an MPI launcher started this process, from its environment: built with or without
// MPI, so that a rackscale without MPI can tell that mpirun started it.

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "sweep_mpi.hpp"

namespace rackscale::cli {

int launcher_value(const char* name) {
  const char* text = std::getenv(name);
  int value = 0;
  if (!text || std::from_chars(text, text + std::strlen(text), value).ec != std::errc()) return 0;
  return value;
}

int mpi_launch_size() {
  return std::max(launcher_value("OMPI_COMM_WORLD_SIZE"), launcher_value("PMI_SIZE"));
}

}  // namespace rackscale::cli
