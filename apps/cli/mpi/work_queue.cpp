#include "work_queue.hpp"

#include <mpi.h>

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <utility>

#include "rackscale/core/error.hpp"

namespace rackscale::cli::mpi {

namespace {

// Messages: a worker sends kDone (its last task's index and result; index -1 before its first
// task) or kFailed (the task's index, whether it was bad input, and the message); rank 0
// answers kAssign with the next task's index, or -1 to stop.
enum Tag : int { kDone = 1, kFailed = 2, kAssign = 3 };
constexpr int kNoTask = -1;
// How long a rank waits between looks at its mailbox when nothing happened: short against a
// task (a Monte Carlo point takes seconds), long enough that looking costs nothing measurable
// (each look runs MPI's progress engine; at 1 ms it took about 10% of a core).
constexpr auto kPollInterval = std::chrono::milliseconds(10);

void check(int code, const char* call) {
  if (code != MPI_SUCCESS) throw Error(fmt::format("MPI: {} failed (code {})", call, code));
}

// A message: a task index, a flag and bytes.
struct Message {
  int task = kNoTask;
  bool input_error = false;
  std::string bytes;
};

std::string encode(const Message& m) {
  std::string out(sizeof(int) + 1, '\0');
  std::memcpy(out.data(), &m.task, sizeof(int));
  out[sizeof(int)] = m.input_error ? 1 : 0;
  return out + m.bytes;
}

Message decode(const std::string& raw) {
  if (raw.size() < sizeof(int) + 1) throw Error("MPI: a task message is too short");
  Message m;
  std::memcpy(&m.task, raw.data(), sizeof(int));
  m.input_error = raw[sizeof(int)] != 0;
  m.bytes = raw.substr(sizeof(int) + 1);
  return m;
}

void send(const Message& m, int to, int tag) {
  const std::string raw = encode(m);
  check(MPI_Send(raw.data(), static_cast<int>(raw.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD),
        "MPI_Send");
}

// Receives the message `status` announces (after a probe).
Message receive(const MPI_Status& status) {
  int count = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
  std::string raw(static_cast<std::size_t>(count), '\0');
  check(MPI_Recv(raw.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE),
        "MPI_Recv");
  return decode(raw);
}

// Waits for a message from rank 0 with tag `tag` without spinning: a blocking MPI call polls
// the network at full speed, which on a shared machine takes a core from the ranks computing.
MPI_Status wait_for(int tag) {
  while (true) {
    int arrived = 0;
    MPI_Status status;
    check(MPI_Iprobe(0, tag, MPI_COMM_WORLD, &arrived, &status), "MPI_Iprobe");
    if (arrived) return status;
    std::this_thread::sleep_for(kPollInterval);
  }
}

// A barrier that waits as wait_for does.
void barrier() {
  MPI_Request request;
  check(MPI_Ibarrier(MPI_COMM_WORLD, &request), "MPI_Ibarrier");
  while (true) {
    int done = 0;
    check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    if (done) return;
    std::this_thread::sleep_for(kPollInterval);
  }
}

// Runs one task, turning an exception into a kFailed message.
std::pair<Message, int> compute_one(const ComputeTask& compute, int task) {
  try {
    return {{task, false, compute(task)}, kDone};
  } catch (const InputError& e) {
    return {{task, true, e.what()}, kFailed};
  } catch (const std::exception& e) {
    return {{task, false, e.what()}, kFailed};
  }
}

// A rank other than 0: ask, compute, answer, until told to stop.
void serve(const ComputeTask& compute) {
  Message outgoing{kNoTask, false, {}};
  int tag = kDone;
  while (true) {
    send(outgoing, 0, tag);
    const int task = receive(wait_for(kAssign)).task;
    if (task == kNoTask) return;
    std::tie(outgoing, tag) = compute_one(compute, task);
  }
}

// Rank 0's own computing thread, fed one task at a time by the coordinator.
class LocalWorker {
 public:
  explicit LocalWorker(const ComputeTask& compute) : thread_([this, &compute] { loop(compute); }) {}
  ~LocalWorker() {
    give(kNoTask);
    thread_.join();
  }
  //! Waits until the worker finishes a task or `timeout` passes.
  void wait_for_result(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [this] { return finished_.has_value(); });
  }
  bool idle() {
    std::lock_guard lock(mutex_);
    return !assigned_ && !finished_;
  }
  void give(int task) {
    {
      std::lock_guard lock(mutex_);
      assigned_ = task;
    }
    changed_.notify_all();
  }
  //! The finished task's message and tag, if one finished since the last call.
  std::optional<std::pair<Message, int>> take_finished() {
    std::lock_guard lock(mutex_);
    return std::exchange(finished_, std::nullopt);
  }

 private:
  void loop(const ComputeTask& compute) {
    while (true) {
      int task = kNoTask;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return assigned_.has_value(); });
        task = *assigned_;
      }
      if (task == kNoTask) return;
      auto result = compute_one(compute, task);
      {
        std::lock_guard lock(mutex_);
        assigned_.reset();
        finished_ = std::move(result);
      }
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<int> assigned_;
  std::optional<std::pair<Message, int>> finished_;
  std::thread thread_;
};

// Rank 0: hands out tasks, records results, remembers the first failure.
class Coordinator {
 public:
  Coordinator(const Session& session, const std::vector<int>& tasks, const RecordResult& record)
      : tasks_(tasks), record_(record), remote_workers_(session.size() - 1) {}

  void run(LocalWorker& local) {
    bool local_busy = false;
    while (remote_workers_ > 0 || local_busy || (!failure_ && next_ < tasks_.size())) {
      bool progressed = serve_remote();
      if (auto finished = local.take_finished()) {
        accept(finished->first, finished->second);
        local_busy = false;
        progressed = true;
      }
      if (!local_busy && local.idle()) {
        if (const auto task = next_task()) {
          local.give(*task);
          local_busy = true;
          progressed = true;
        }
      }
      if (!progressed) local.wait_for_result(kPollInterval);  // wakes early for a local result
    }
  }

  void throw_if_failed() const {
    if (!failure_) return;
    if (failure_->input_error) throw InputError({}, failure_->bytes);
    throw Error(fmt::format("task {} failed: {}", failure_->task, failure_->bytes));
  }

 private:
  std::optional<int> next_task() {
    if (failure_ || next_ >= tasks_.size()) return std::nullopt;
    return tasks_[next_++];
  }

  void accept(const Message& m, int tag) {
    if (tag == kFailed) {
      if (!failure_) failure_ = m;
    } else if (m.task != kNoTask) {
      record_(m.task, m.bytes);
    }
  }

  // Answers one message from another rank, if one waits.
  bool serve_remote() {
    int waiting = 0;
    MPI_Status status;
    check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status), "MPI_Iprobe");
    if (!waiting) return false;
    accept(receive(status), status.MPI_TAG);
    const std::optional<int> task = next_task();
    send({task.value_or(kNoTask), false, {}}, status.MPI_SOURCE, kAssign);
    if (!task) --remote_workers_;
    return true;
  }

  const std::vector<int>& tasks_;
  const RecordResult& record_;
  int remote_workers_;
  std::size_t next_ = 0;
  std::optional<Message> failure_;
};

}  // namespace

Session::Session() {
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw Error("MPI: this MPI library does not allow threads (MPI_THREAD_FUNNELED)");
  }
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

Session::~Session() {
  MPI_Finalize();
}

void run_tasks(const Session& session, const std::vector<int>& tasks, const ComputeTask& compute,
               const RecordResult& record) {
  // Every rank leaves together, so that a rank's first request of a next call never reaches
  // rank 0 while it still serves this one.
  if (session.rank() != 0) {
    serve(compute);
    barrier();
    return;
  }
  Coordinator coordinator(session, tasks, record);
  try {
    LocalWorker local(compute);
    coordinator.run(local);
  } catch (const std::exception& e) {
    // Recording failed (e.g. the store's disk is full): the other ranks wait for rank 0, so
    // the job ends here; its recorded tasks stay recorded.
    std::cerr << "rackscale: error: " << e.what() << "\n" << std::flush;
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  barrier();
  coordinator.throw_if_failed();
}

}  // namespace rackscale::cli::mpi
