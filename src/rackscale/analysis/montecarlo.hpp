#pragma once
//! Monte Carlo replications on a thread pool, with results returned in run order.
//!
//! The rule that keeps results independent of the thread count: a run's outcome depends only on
//! its run index (the caller derives the run's random streams from (scenario seed, run index)),
//! and results are returned in run order, so any aggregation afterwards sees the same values in
//! the same order whether 1 or 64 threads did the work. See docs/models/montecarlo.md.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace rackscale::analysis {

//! Progress report: runs finished so far and the total [runs]. Calls never overlap.
using ProgressCallback = std::function<void(int done, int total)>;

//! How to run the replications (validated by run_replications).
struct ReplicationOptions {
  //! Number of replications [runs], >= 0.
  int runs = 0;
  //! Threads to use, the calling thread included; 0 means std::thread::hardware_concurrency().
  int threads = 0;
  //! Called from the worker threads at most once per progress_interval, and once at the end.
  ProgressCallback progress;
  //! Least time between two progress calls (10 Hz by default) [ms], >= 0.
  std::chrono::milliseconds progress_interval{100};
};

//! Threads actually used for `runs` runs when `requested` are asked for (0 = hardware count):
//! at least 1, at most max(runs, 1).
int resolve_thread_count(int requested, int runs);

namespace detail {

//! Runs body(run) for run = 0..runs-1 on a pool; rethrows the failure of the lowest run index.
void run_indexed(const ReplicationOptions& options, const std::function<void(int run)>& body);

//! run_indexed, telling body which worker runs it: worker w in [0, resolve_thread_count(
//! options.threads, options.runs)) is one thread, so body(w, ...) calls never overlap for one w.
void run_on_workers(const ReplicationOptions& options,
                    const std::function<void(int worker, int run)>& body);

}  // namespace detail

//! The result type of a replication function `Result f(int run)`.
template <class F>
using ReplicationResult = std::remove_cvref_t<std::invoke_result_t<F&, int>>;

//! Runs f(0), ..., f(runs-1) on options.threads threads and returns the results in run order.
//!
//! Runs are handed out by an atomic counter, so the order in which they execute is unspecified:
//! f must be safe to call concurrently and its result must depend only on its run index.
//! If runs throw, no new runs are started, the runs in progress finish, and the exception of the
//! lowest failing run index is rethrown (the same one for any thread count, since every run below
//! a started run has been started too). An exception thrown by options.progress stops the runs
//! the same way and is rethrown if no run failed. Memory: the N results, nothing per run besides.
//! Throws std::invalid_argument if runs < 0, threads < 0 or progress_interval < 0.
template <class F>
std::vector<ReplicationResult<F>> run_replications(const ReplicationOptions& options, F&& f) {
  using Result = ReplicationResult<F>;
  static_assert(!std::is_void_v<Result>, "a replication function must return its result");
  static_assert(std::is_move_constructible_v<Result>, "a replication result must be movable");
  // std::optional, so that Result needs no default constructor and distinct runs never share
  // storage (as two bools of a std::vector<bool> would).
  std::vector<std::optional<Result>> slots(options.runs > 0 ? options.runs : 0);
  detail::run_indexed(options, [&slots, &f](int run) { slots[run].emplace(f(run)); });
  std::vector<Result> results;
  results.reserve(slots.size());
  for (auto& slot : slots) {
    results.push_back(std::move(*slot));
    slot.reset();
  }
  return results;
}

//! run_replications with `runs` runs on `threads` threads (0 = hardware count), no progress.
template <class F>
std::vector<ReplicationResult<F>> run_replications(int runs, int threads, F&& f) {
  ReplicationOptions options;
  options.runs = runs;
  options.threads = threads;
  return run_replications(options, std::forward<F>(f));
}

//! Streaming replications: runs fold(accumulator, run) for run = 0..runs-1 on a pool, each
//! worker thread into its own accumulator, made by make(); returns the accumulators (one per
//! worker thread, at least one) for the caller to merge. Memory: one accumulator per thread,
//! whatever the number of runs.
//!
//! Which thread folds which run is unspecified, so the results depend on the thread count unless
//! merging accumulators is exact and order-independent (counts, integer sums, Tally); sums of
//! doubles go through an InRunOrder instead. Failures and progress as for run_replications.
template <class Make, class Fold>
auto fold_replications(const ReplicationOptions& options, Make make, Fold fold) {
  using Accumulator = std::remove_cvref_t<std::invoke_result_t<Make&>>;
  const int workers = resolve_thread_count(options.threads, options.runs);
  std::vector<Accumulator> accumulators;
  accumulators.reserve(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w) accumulators.push_back(make());
  detail::run_on_workers(options, [&accumulators, &fold](int worker, int run) {
    fold(accumulators[static_cast<std::size_t>(worker)], run);
  });
  return accumulators;
}

//! Folds values submitted by run index, in any order and from any thread, in run order 0, 1,
//! 2, ...: a value waits until every run below it has been folded. So a fold that is not
//! associative (a sum of doubles) gives the same bits whatever the thread count. Memory: the
//! values of runs finished ahead of a run still going (about one per thread when runs take
//! similar times, as runs are handed out in index order).
template <class Value, class Fold>
class InRunOrder {
 public:
  explicit InRunOrder(Fold fold) : fold_(std::move(fold)) {}

  //! Folds `value` of run `run` once runs 0..run-1 have been; every run is submitted once.
  void submit(int run, Value value) {
    const std::lock_guard lock(mutex_);
    if (run != next_) {
      waiting_.emplace(run, std::move(value));
      return;
    }
    fold_(std::move(value));
    ++next_;
    for (auto it = waiting_.begin(); it != waiting_.end() && it->first == next_;
         it = waiting_.erase(it)) {
      fold_(std::move(it->second));
      ++next_;
    }
  }

  //! The runs folded so far: 0..folded()-1.
  int folded() const {
    const std::lock_guard lock(mutex_);
    return next_;
  }

 private:
  mutable std::mutex mutex_;
  int next_ = 0;
  std::map<int, Value> waiting_;
  Fold fold_;
};

}  // namespace rackscale::analysis
