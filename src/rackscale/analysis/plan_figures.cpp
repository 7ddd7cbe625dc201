#include "rackscale/analysis/plan_figures.hpp"

#include <numeric>

namespace rackscale::analysis {

std::optional<double> SiteFigures::pue() const {
  if (it_mwh <= 0.0) return std::nullopt;
  return facility_mwh / it_mwh;
}

double SiteFigures::gpu_weeks_p50() const {
  return std::accumulate(gpus_online.p50.begin(), gpus_online.p50.end(), 0.0);
}

}  // namespace rackscale::analysis
