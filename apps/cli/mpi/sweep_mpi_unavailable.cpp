// SweepMpi in a rackscale built without MPI (RACKSCALE_MPI=OFF or no MPI found): never active;
// a sweep started by mpirun with several processes stops with a message instead of running the
// whole study once per process.

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "sweep_mpi.hpp"

namespace rackscale::cli {

namespace mpi {
class Session {};
}  // namespace mpi

SweepMpi::SweepMpi() {
  if (const int size = mpi_launch_size(); size > 1) {
    throw Error(fmt::format(
        "this rackscale was built without MPI (RACKSCALE_MPI=OFF, or no MPI found when it was "
        "configured) but runs as one of {} processes started by mpirun: each would run the "
        "whole sweep into the same store. Rebuild with MPI (Debian: libopenmpi-dev, then "
        "cmake -DRACKSCALE_MPI=ON) or run `rackscale sweep` without mpirun (it uses every core "
        "of the machine).",
        size));
  }
}

SweepMpi::~SweepMpi() = default;

bool SweepMpi::records() const {
  return true;
}

int SweepMpi::threads_per_point(int threads) const {
  return threads;
}

int SweepMpi::run_points(const io::StudySpec&, const std::vector<analysis::SweepPoint>&,
                         const std::vector<int>&, report::RunStore*, int,
                         const PointRecorded&) const {
  ran_ = true;
  throw Error("MPI: this rackscale was built without MPI");
}

}  // namespace rackscale::cli
