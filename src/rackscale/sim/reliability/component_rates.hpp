#pragma once
//! Failure laws and recovery paths per component type: defaults calibrated on the Llama 3
//! interruption table, facility gear by assumption, and the scenario's overrides.
//! The arithmetic behind every default: docs/models/reliability.md, "Calibration".

#include <array>
#include <span>
#include <string>
#include <vector>

#include "rackscale/model/reliability.hpp"
#include "rackscale/sim/reliability/fleet_spec.hpp"

namespace rackscale::sim {

//! What one instance of a component type is attached to.
enum class ComponentScope {
  PerGpu,    //!< gpus_per_node instances per node
  PerNic,    //!< nics_per_node instances per node (scale-out ports)
  PerNode,   //!< one per node (host)
  PerRack,   //!< nvlink_trays_per_rack instances per rack
  Facility,  //!< one per facility unit of its kind
};

//! The failure law and recovery of one component type.
struct ComponentModel {
  model::ComponentType type = model::ComponentType::Gpu;
  ComponentScope scope = ComponentScope::PerGpu;
  //! Mean time between failures of one instance [h]; +infinity: never fails.
  double mtbf_h = 0.0;
  //! Weibull shape k (1: exponential); the scale is mtbf / Gamma(1 + 1/k).
  double weibull_shape = 1.0;
  model::RecoveryPath recovery = model::RecoveryPath::Swap;
  //! Time to repair once work starts (swap or restart time, or the vendor turnaround).
  model::RepairTime repair;

  bool exponential() const { return weibull_shape == 1.0; }
  bool fails() const;
  //! Failures per instance-hour of the exponential law (1 / mtbf; 0 if it never fails).
  double rate_per_h() const;
  //! Weibull scale lambda = mtbf / Gamma(1 + 1/k), so that the mean is the MTBF [h].
  double weibull_scale_h() const;
};

//! One model per component type, indexed by the enum.
struct ComponentRates {
  std::array<ComponentModel, model::kComponentTypeCount> models;
  const ComponentModel& operator[](model::ComponentType t) const {
    return models[static_cast<std::size_t>(t)];
  }
  ComponentModel& operator[](model::ComponentType t) { return models[static_cast<std::size_t>(t)]; }
};

//! One row of the Llama 3 table of unexpected interruptions and the type it is charged to.
struct Llama3Cause {
  const char* cause;
  int interruptions;
  model::ComponentType type;
};

//! The Llama 3 pre-training interruptions (The Llama 3 Herd of Models, Table 5: 16,384 H100,
//! 54 days, 419 unexpected interruptions; the counts are trusted over the percentages).
std::span<const Llama3Cause> llama3_unexpected_interruptions();
inline constexpr int kLlama3Gpus = 16'384;         //!< [GPUs]
inline constexpr int kLlama3GpusPerNode = 8;       //!< HGX H100 [GPUs]
inline constexpr double kLlama3Hours = 54 * 24.0;  //!< [h]
inline constexpr int kLlama3HbmStacks = 5;         //!< H100 80 GB: 5 HBM3 stacks

//! Interruptions charged to a type in the Llama 3 table [count].
int llama3_interruptions(model::ComponentType t);

//! Instances of a per-GPU, per-port or per-node type in the Llama 3 cluster [count].
long long llama3_population(ComponentScope scope);

//! The default models: Llama 3 rates per instance (HBM scaled by stacks per GPU / 5), NVLink
//! switch trays and facility gear by assumption, recovery paths and repair times assumed.
ComponentRates default_component_rates(int hbm_stacks_per_gpu = kLlama3HbmStacks);

//! Applies a scenario's overrides (mtbf, Weibull shape, recovery, repair) in order.
void apply_overrides(ComponentRates& rates, const std::vector<model::ComponentOverride>& overrides);

//! Instances of a node-level type per node of `fleet` (0 for rack and facility types).
int instances_per_node(ComponentScope scope, const FleetSpec& fleet);

//! Technician time to pull a node or tray for return to the vendor [h]. assumption: an hour to
//! drain, unrack and log it.
inline constexpr double kRmaHandlingH = 1.0;

//! Mean time a failure keeps its node or rack down, crew and part waits excluded [h]: the
//! restart or swap time, or the handling plus the vendor turnaround.
double mean_downtime_h(const ComponentModel& m);

//! Expected swap units down at any time in a fleet of `units` units from node and rack failures
//! (sum of rate x mean downtime; facility gear and waits excluded) [count].
double expected_units_down(const ComponentRates& rates, const FleetSpec& fleet, long long units);

//! Expected failures per hour of a job on `gpus` GPUs made of whole nodes of `fleet` under
//! exponential node and rack laws (Weibull types at their mean rate; facility excluded).
double expected_job_failure_rate(const ComponentRates& rates, const FleetSpec& fleet,
                                 long long gpus);

}  // namespace rackscale::sim
