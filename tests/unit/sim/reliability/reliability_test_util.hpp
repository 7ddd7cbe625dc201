#pragma once
// Helpers for the reliability tests: small hand-made fleets and rates where only chosen
// component types fail.

#include <cmath>
#include <initializer_list>
#include <limits>
#include <utility>
#include <vector>

#include "rackscale/sim/reliability/component_rates.hpp"
#include "rackscale/sim/reliability/fleet_simulation.hpp"
#include "rackscale/sim/reliability/fleet_spec.hpp"

namespace rackscale::test {

//! A fleet of `racks` racks of `nodes_per_rack` nodes with `gpus_per_node` GPUs, one NIC per
//! GPU, no NVLink trays, one node per swap unit (set nodes_per_unit for rack-sized units).
inline sim::FleetSpec small_fleet(int racks, int nodes_per_rack, int gpus_per_node) {
  sim::FleetSpec f;
  f.site = "test";
  f.racks = racks;
  f.nodes_per_rack = nodes_per_rack;
  f.gpus_per_node = gpus_per_node;
  f.nics_per_node = gpus_per_node;
  return f;
}

//! Default rates with every type switched off (never fails).
inline sim::ComponentRates no_failures() {
  sim::ComponentRates r = sim::default_component_rates();
  for (auto& m : r.models) m.mtbf_h = std::numeric_limits<double>::infinity();
  return r;
}

//! One type fails exponentially with `mtbf_h` per instance, recovered by `path` in `repair_h`.
inline void enable(sim::ComponentRates& r, model::ComponentType t, double mtbf_h,
                   model::RecoveryPath path, double repair_h) {
  r[t].mtbf_h = mtbf_h;
  r[t].weibull_shape = 1.0;
  r[t].recovery = path;
  r[t].repair = model::RepairTime::fixed(repair_h * units::h);
}

//! A job of `units` units with checkpoint interval, write and restart times [h].
inline sim::JobPlan job(const char* name, int units, long long gpus, double interval_h,
                        double checkpoint_h, double restart_h) {
  sim::JobPlan j;
  j.name = name;
  j.units = units;
  j.gpus = gpus;
  j.interval_h = interval_h;
  j.checkpoint_h = checkpoint_h;
  j.restart_h = restart_h;
  return j;
}

//! Mean and standard error of the mean of a sample.
inline std::pair<double, double> mean_and_se(const std::vector<double>& x) {
  double sum = 0.0;
  for (double v : x) sum += v;
  const double mean = sum / static_cast<double>(x.size());
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / static_cast<double>(x.size() - 1));
  return {mean, sd / std::sqrt(static_cast<double>(x.size()))};
}

}  // namespace rackscale::test
