#pragma once
// Tasks handed out dynamically to the processes of an MPI job (mpirun -np N): rank 0
// coordinates from its main thread (every MPI call is made there: MPI_THREAD_FUNNELED) and
// computes tasks on a second thread; every other rank asks rank 0 for a task, computes it and
// sends back its result with the next request. Rank 0 records each result as it arrives. A
// process that is free takes the next task, so uneven tasks balance themselves. docs/sweep.md,
// "Across machines (MPI)".

#include <functional>
#include <string>
#include <vector>

namespace rackscale::cli::mpi {

//! The MPI job of this process: initialized (MPI_THREAD_FUNNELED) on construction, finalized on
//! destruction. One per process.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }  //!< processes in the job [ranks]

 private:
  int rank_ = 0;
  int size_ = 1;
};

//! Computes a task: its index to its result, as bytes. Runs on any rank, on a worker thread in
//! rank 0; may throw.
using ComputeTask = std::function<std::string(int task)>;
//! Records a task's result on rank 0, on its main thread, in the order results arrive.
using RecordResult = std::function<void(int task, const std::string& result)>;

//! Runs every task of `tasks` (the same list on every rank) once across the job's ranks:
//! `compute` on whichever rank is free, `record` on rank 0. Collective: every rank calls it and
//! it returns on every rank when all tasks are done. If a task throws, no new task starts, the
//! results still in flight are recorded, and rank 0 throws rackscale::Error (InputError if the
//! task threw one) with the message of the first failure; the other ranks return normally.
void run_tasks(const Session& session, const std::vector<int>& tasks, const ComputeTask& compute,
               const RecordResult& record);

}  // namespace rackscale::cli::mpi
