#include "rackscale/sim/reliability/checkpoint_model.hpp"

#include <cmath>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale::sim {

namespace {

void check(double checkpoint_h, double mtbf_h) {
  if (!(checkpoint_h >= 0.0) || !(mtbf_h > 0.0)) {
    throw Error(
        fmt::format("checkpoint model: needs checkpoint time >= 0 and MTBF > 0, got {} h and {} h",
                    checkpoint_h, mtbf_h));
  }
}

}  // namespace

double young_interval(double checkpoint_h, double mtbf_h) {
  check(checkpoint_h, mtbf_h);
  return std::sqrt(2.0 * checkpoint_h * mtbf_h);
}

double daly_interval(double checkpoint_h, double mtbf_h) {
  check(checkpoint_h, mtbf_h);
  if (checkpoint_h >= 2.0 * mtbf_h) return mtbf_h;
  const double x = checkpoint_h / (2.0 * mtbf_h);
  return std::sqrt(2.0 * checkpoint_h * mtbf_h) * (1.0 + std::sqrt(x) / 3.0 + x / 9.0) -
         checkpoint_h;
}

double daly_expected_wall_time(double work_h, double interval_h, double checkpoint_h,
                               double restart_h, double mtbf_h) {
  check(checkpoint_h, mtbf_h);
  if (!(interval_h > 0.0) || !(restart_h >= 0.0) || !(work_h >= 0.0)) {
    throw Error(fmt::format(
        "checkpoint model: needs interval > 0, restart >= 0 and work >= 0, got {} h, {} h, {} h",
        interval_h, restart_h, work_h));
  }
  return mtbf_h * std::exp(restart_h / mtbf_h) * std::expm1((interval_h + checkpoint_h) / mtbf_h) *
         work_h / interval_h;
}

double daly_goodput(double interval_h, double checkpoint_h, double restart_h, double mtbf_h) {
  return 1.0 / daly_expected_wall_time(1.0, interval_h, checkpoint_h, restart_h, mtbf_h);
}

}  // namespace rackscale::sim
