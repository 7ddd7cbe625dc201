// The MPI task queue under mpirun (tests/CMakeLists.txt runs it with 2 ranks): every task is
// computed once and recorded once on rank 0 with its own result, every rank takes part, and a
// failing task stops the queue with its message while the results in flight are still
// recorded. Prints "N passed, M failed"; exits 1 on a failure.

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "mpi/work_queue.hpp"
#include "rackscale/core/error.hpp"

namespace {

using rackscale::cli::mpi::run_tasks;
using rackscale::cli::mpi::Session;

int passed = 0, failed = 0;

void expect(bool ok, const std::string& what) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    std::cout << "FAIL " << what << "\n";
  }
}

// Task i's result: i squared and the rank that computed it, after a short wait (uneven: the
// odd tasks take three times as long) so that every rank gets some.
std::string square(int task, int rank) {
  std::this_thread::sleep_for(std::chrono::milliseconds(task % 2 ? 30 : 10));
  return std::to_string(task * task) + "@" + std::to_string(rank);
}

void every_task_once(const Session& session) {
  std::vector<int> tasks;
  for (int i = 0; i < 40; ++i) tasks.push_back(3 * i);  // any indices, in the caller's order
  std::map<int, std::string> recorded;
  int recorded_twice = 0;
  run_tasks(
      session, tasks, [&](int task) { return square(task, session.rank()); },
      [&](int task, const std::string& result) {
        recorded_twice += recorded.count(task) ? 1 : 0;
        recorded[task] = result;
      });
  if (session.rank() != 0) return;
  expect(recorded.size() == tasks.size() && recorded_twice == 0, "each task recorded once");
  std::set<int> ranks;
  bool values_right = true;
  for (const auto& [task, result] : recorded) {
    const auto at = result.find('@');
    values_right = values_right && result.substr(0, at) == std::to_string(task * task);
    ranks.insert(std::stoi(result.substr(at + 1)));
  }
  expect(values_right, "each result is its task's square");
  expect(static_cast<int>(ranks.size()) == session.size(), "every rank computed tasks");
}

void failure_stops_the_queue(const Session& session) {
  std::vector<int> tasks;
  for (int i = 0; i < 20; ++i) tasks.push_back(i);
  std::set<int> recorded;
  std::string error;
  try {
    run_tasks(
        session, tasks,
        [&](int task) {
          if (task == 5) throw rackscale::Error("point 5 is broken");
          return square(task, session.rank());
        },
        [&](int task, const std::string&) { recorded.insert(task); });
  } catch (const rackscale::Error& e) {
    error = e.what();
  }
  if (session.rank() != 0) return;
  expect(error == "task 5 failed: point 5 is broken", "the failure's message: " + error);
  expect(!recorded.count(5) && recorded.size() < tasks.size(), "no new tasks after a failure");
  expect(recorded.count(0) == 1, "tasks before the failure recorded");
}

}  // namespace

int main() {
  Session session;
  every_task_once(session);
  failure_stops_the_queue(session);
  if (session.rank() == 0) {
    std::cout << passed << " passed, " << failed << " failed\n";
  }
  return failed == 0 ? 0 : 1;
}
