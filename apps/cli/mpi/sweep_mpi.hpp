#pragma once
// `rackscale sweep` across the processes of an MPI job (mpirun -np N rackscale sweep ...): the
// points the store lacks are handed out one at a time to whichever rank is free
// (mpi/work_queue.hpp); each rank runs its point through the same run_point as the threaded
// sweep, sends the result (CBOR of analysis::to_json: every double exactly) to rank 0, and
// rank 0 alone opens the store and records it. A point's result depends only on the study and
// the point, so the store's result tables hold the same bytes for 1 rank, N ranks or threads.
// Built with RACKSCALE_MPI; without it, a sweep started by mpirun with more than one process
// stops with a message instead of running N copies. docs/sweep.md, "Across machines (MPI)".

#include <functional>
#include <memory>
#include <vector>

#include "rackscale/analysis/sweep_design.hpp"
#include "rackscale/analysis/sweep_point.hpp"
#include "rackscale/io/study_reader.hpp"
#include "rackscale/report/run_store.hpp"

namespace rackscale::cli {

namespace mpi {
class Session;
}

//! Processes in the MPI job that started this one, from the launcher's environment
//! (OMPI_COMM_WORLD_SIZE of OpenMPI, PMI_SIZE of MPICH and Slurm); 0 if no launcher started it.
int mpi_launch_size();
//! The integer environment variable `name` set by the launcher, 0 if unset or not a number.
int launcher_value(const char* name);

//! Called on rank 0 as each point is recorded, with the seconds it took to run.
using PointRecorded = std::function<void(const analysis::SweepPoint& point,
                                         const analysis::PointResult& result, double seconds)>;

//! The sweep's share of an MPI job, when mpirun started the process.
class SweepMpi {
 public:
  //! Joins the MPI job if a launcher started the process (mpi_launch_size() > 0). Throws
  //! rackscale::Error if this rackscale was built without MPI and the job has more than one
  //! process.
  SweepMpi();
  //! On rank 0, if run_points never ran (rank 0 failed before it, e.g. the store belongs to
  //! another study), first releases the other ranks waiting for points, so that the job ends
  //! with rank 0's error instead of hanging.
  ~SweepMpi();
  SweepMpi(const SweepMpi&) = delete;
  SweepMpi& operator=(const SweepMpi&) = delete;

  //! Running under MPI.
  bool active() const { return session_ != nullptr; }
  //! This process keeps the store: rank 0, or any process not under MPI.
  bool records() const;
  //! Worker threads of each point: `threads`, or if 0 under MPI the cores divided among the
  //! job's ranks on this machine (OMPI_COMM_WORLD_LOCAL_SIZE), at least 1.
  int threads_per_point(int threads) const;

  //! Runs `missing` (indices into `points`) across the job; on rank 0 records each in `store`
  //! (non-null there, ignored elsewhere) and calls `recorded`; returns the number recorded
  //! (0 on other ranks). Collective: every rank calls it. Throws as run_point does, on rank 0.
  int run_points(const io::StudySpec& spec, const std::vector<analysis::SweepPoint>& points,
                 const std::vector<int>& missing, report::RunStore* store, int threads,
                 const PointRecorded& recorded) const;

 private:
  std::unique_ptr<mpi::Session> session_;
  mutable bool ran_ = false;  // run_points was called
};

}  // namespace rackscale::cli
