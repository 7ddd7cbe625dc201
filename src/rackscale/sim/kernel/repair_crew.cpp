#include "rackscale/sim/kernel/repair_crew.hpp"

#include <cmath>
#include <vector>

#include "rackscale/core/error.hpp"

namespace rackscale::sim {

RepairCrewExact repair_crew_exact(const RepairCrewParams& p) {
  if (p.components == 0 || p.crews == 0 || !(p.mttf_h > 0.0) || !(p.mttr_h > 0.0)) {
    throw Error("repair_crew_exact: needs components >= 1, crews >= 1, mttf_h > 0, mttr_h > 0");
  }
  const double lambda = 1.0 / p.mttf_h, mu = 1.0 / p.mttr_h;
  const std::uint32_t n = p.components;
  // Log-weights avoid overflow for large N; normalized at the end.
  std::vector<double> log_p(n + 1, 0.0);
  for (std::uint32_t k = 1; k <= n; ++k) {
    log_p[k] = log_p[k - 1] + std::log((n - k + 1) * lambda) - std::log(std::min(k, p.crews) * mu);
  }
  double top = log_p[0];
  for (double x : log_p) top = std::max(top, x);
  double z = 0.0, down = 0.0, queue = 0.0, busy = 0.0;
  for (std::uint32_t k = 0; k <= n; ++k) {
    const double w = std::exp(log_p[k] - top);
    z += w;
    down += k * w;
    queue += (k > p.crews ? k - p.crews : 0) * w;
    busy += std::min(k, p.crews) * w;
  }
  RepairCrewExact e;
  e.availability = 1.0 - down / z / n;
  e.mean_queue = queue / z;
  e.repairs_per_h = busy / z * mu;
  return e;
}

}  // namespace rackscale::sim
