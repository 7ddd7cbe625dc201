#include "sweep_mpi.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "rackscale/study/sweep.hpp"
#include "work_queue.hpp"

namespace rackscale::cli {

namespace {

// A point's result and the seconds it took, as sent to rank 0.
std::string encode(const analysis::PointResult& result, double seconds) {
  const nlohmann::json message = {{"result", analysis::to_json(result)}, {"seconds", seconds}};
  const std::vector<std::uint8_t> bytes = nlohmann::json::to_cbor(message);
  return {bytes.begin(), bytes.end()};
}

std::pair<analysis::PointResult, double> decode(const std::string& bytes) {
  const nlohmann::json message = nlohmann::json::from_cbor(bytes);
  return {analysis::point_result_from_json(message.at("result")),
          message.at("seconds").get<double>()};
}

}  // namespace

SweepMpi::SweepMpi() {
  if (mpi_launch_size() > 0) session_ = std::make_unique<mpi::Session>();
}

SweepMpi::~SweepMpi() {
  if (!session_ || session_->rank() != 0 || ran_) return;
  try {
    mpi::run_tasks(*session_, {}, {}, {});  // no tasks: each rank is told to stop
  } catch (const std::exception&) {
    // the job ends anyway when rank 0 exits
  }
}

bool SweepMpi::records() const {
  return !session_ || session_->rank() == 0;
}

int SweepMpi::threads_per_point(int threads) const {
  if (threads > 0 || !session_) return threads;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int local_ranks = std::max(1, launcher_value("OMPI_COMM_WORLD_LOCAL_SIZE"));
  return std::max(1, cores / local_ranks);
}

int SweepMpi::run_points(const io::StudySpec& spec, const std::vector<analysis::SweepPoint>& points,
                         const std::vector<int>& missing, report::RunStore* store, int threads,
                         const PointRecorded& recorded) const {
  ran_ = true;
  const int point_threads = threads_per_point(threads);
  int count = 0;
  const auto compute = [&](int p) {
    const auto start = std::chrono::steady_clock::now();
    const analysis::PointResult result =
        run_point(spec, points.at(static_cast<std::size_t>(p)), point_threads);
    return encode(result,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  const auto record = [&](int p, const std::string& bytes) {
    const auto [result, seconds] = decode(bytes);
    store->record(result, seconds, point_threads);
    ++count;
    if (recorded) recorded(points.at(static_cast<std::size_t>(p)), result, seconds);
  };
  mpi::run_tasks(*session_, missing, compute, record);
  return count;
}

}  // namespace rackscale::cli
