#include "rackscale/analysis/montecarlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace rackscale::analysis {
namespace {

void validate(const ReplicationOptions& options) {
  std::string errors;
  auto fail = [&errors](const std::string& message) {
    if (!errors.empty()) errors += '\n';
    errors += message;
  };
  if (options.runs < 0) fail(fmt::format("runs: must be >= 0, got {}", options.runs));
  if (options.threads < 0) {
    fail(fmt::format("threads: must be >= 0 (0 = one per hardware thread), got {}",
                     options.threads));
  }
  if (options.progress_interval.count() < 0) {
    fail(fmt::format("progress_interval: must be >= 0 ms, got {} ms",
                     options.progress_interval.count()));
  }
  if (!errors.empty()) throw std::invalid_argument(errors);
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Capped at 10^6 s (11.6 days) so that "now + interval" cannot overflow.
std::int64_t interval_ns(std::chrono::milliseconds interval) {
  constexpr std::int64_t kMaxMs = 1'000'000'000;
  return std::min<std::int64_t>(interval.count(), kMaxMs) * 1'000'000;
}

// What the workers share. Runs are claimed in increasing index order by one atomic counter, and a
// claimed run always executes; hence when run i fails, every run below i has executed or will.
class Pool {
 public:
  Pool(const ReplicationOptions& options, const std::function<void(int, int)>& body)
      : options_(options),
        body_(body),
        interval_ns_(interval_ns(options.progress_interval)),
        next_report_ns_(now_ns() + interval_ns_) {}

  // The loop every thread runs, the calling thread included, as worker `worker`. Never throws.
  void work(int worker) {
    while (!stop_.load(std::memory_order_relaxed)) {
      const std::int64_t run = next_run_.fetch_add(1, std::memory_order_relaxed);
      if (run >= options_.runs) return;
      try {
        body_(worker, static_cast<int>(run));
      } catch (...) {
        record_failure(static_cast<int>(run), std::current_exception());
        continue;
      }
      if (options_.progress) {
        done_.fetch_add(1, std::memory_order_relaxed);
        maybe_report();
      }
    }
  }

  // After every thread has stopped: the final progress call, then the failure if any.
  void finish() {
    if (options_.progress && !progress_failure_) {
      try {
        options_.progress(done_.load(), options_.runs);
      } catch (...) {
        progress_failure_ = std::current_exception();
      }
    }
    if (run_failure_) std::rethrow_exception(run_failure_);
    if (progress_failure_) std::rethrow_exception(progress_failure_);
  }

 private:
  void record_failure(int run, std::exception_ptr e) {
    stop_.store(true, std::memory_order_relaxed);
    const std::lock_guard lock(failure_mutex_);
    if (run < failed_run_) {
      failed_run_ = run;
      run_failure_ = std::move(e);
    }
  }

  // Rate-limited and serialized: a thread that finds the callback busy or not yet due skips it.
  void maybe_report() {
    if (now_ns() < next_report_ns_.load(std::memory_order_relaxed)) return;
    const std::unique_lock lock(progress_mutex_, std::try_to_lock);
    if (!lock.owns_lock() || progress_failure_) return;
    const std::int64_t now = now_ns();
    if (now < next_report_ns_.load(std::memory_order_relaxed)) return;
    try {
      options_.progress(done_.load(), options_.runs);
    } catch (...) {
      progress_failure_ = std::current_exception();
      stop_.store(true, std::memory_order_relaxed);
    }
    // Measured after the call, so a slow callback cannot take more than its share of the time.
    next_report_ns_.store(now_ns() + interval_ns_, std::memory_order_relaxed);
  }

  const ReplicationOptions& options_;
  const std::function<void(int, int)>& body_;
  const std::int64_t interval_ns_;
  std::atomic<bool> stop_{false};  // read after every run, written only on a failure

  // Each on its own cache line, since every thread writes them after every run. 64 bits: each
  // thread takes one index past the last run before it stops.
  alignas(64) std::atomic<std::int64_t> next_run_{0};
  alignas(64) std::atomic<int> done_{0};  // counted only when there is a progress callback

  std::mutex failure_mutex_;
  int failed_run_ = std::numeric_limits<int>::max();
  std::exception_ptr run_failure_;

  std::mutex progress_mutex_;
  std::atomic<std::int64_t> next_report_ns_;
  std::exception_ptr progress_failure_;  // written under progress_mutex_ or after the join
};

}  // namespace

int resolve_thread_count(int requested, int runs) {
  if (requested < 0) {
    throw std::invalid_argument(
        fmt::format("threads: must be >= 0 (0 = one per hardware thread), got {}", requested));
  }
  int threads = requested;
  if (threads == 0) threads = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(threads, 1, std::max(runs, 1));
}

namespace detail {

void run_indexed(const ReplicationOptions& options, const std::function<void(int run)>& body) {
  run_on_workers(options, [&body](int, int run) { body(run); });
}

void run_on_workers(const ReplicationOptions& options,
                    const std::function<void(int worker, int run)>& body) {
  validate(options);
  const int threads = resolve_thread_count(options.threads, options.runs);
  Pool pool(options, body);
  {
    std::vector<std::jthread> helpers;
    try {
      helpers.reserve(static_cast<std::size_t>(threads - 1));
      for (int i = 1; i < threads; ++i) helpers.emplace_back([&pool, i] { pool.work(i); });
    } catch (...) {
      // No more threads to be had: the threads already started and this one do all the runs,
      // with the same results, since results never depend on which thread ran them.
    }
    pool.work(0);
  }  // joins the helpers
  pool.finish();
}

}  // namespace detail
}  // namespace rackscale::analysis
