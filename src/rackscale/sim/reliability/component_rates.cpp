#include "rackscale/sim/reliability/component_rates.hpp"

#include <cmath>
#include <limits>
#include <utility>

namespace rackscale::sim {

namespace {

using model::ComponentType;
using model::RecoveryPath;
using model::RepairTime;
namespace u = rackscale::units;

constexpr double kInf = std::numeric_limits<double>::infinity();

// CIGRE WG A2.37 transformer reliability survey (Tenbohlen, Jagers, Vahidi, "Standardized survey
// of transformer reliability", ISEIM 2017, abstract): 964 major failures in 167,459
// transformer-years, 1996-2010, 58 utilities in 21 countries.
constexpr double kCigreTransformerYears = 167'459.0;
constexpr double kCigreTransformerMajorFailures = 964.0;

// The Llama 3 Herd of Models (arXiv:2407.21783, 2024), Table 5, unexpected interruptions.
constexpr Llama3Cause kLlama3[] = {
    {"Faulty GPU", 148, ComponentType::Gpu},
    {"GPU HBM3 memory", 72, ComponentType::Hbm},
    {"Software bug", 54, ComponentType::Software},
    {"Network switch/cable", 35, ComponentType::OpticsCables},
    {"Host maintenance", 32, ComponentType::HostMaintenance},
    {"GPU SRAM memory", 19, ComponentType::GpuSram},
    {"GPU system processor", 17, ComponentType::GpuSystemProcessor},
    {"NIC", 7, ComponentType::Nic},
    {"NCCL watchdog timeouts", 7, ComponentType::Software},
    {"Silent data corruption", 6, ComponentType::SilentDataCorruption},
    {"GPU thermal interface + sensor", 6, ComponentType::Gpu},
    {"SSD", 3, ComponentType::Ssd},
    {"Power supply", 3, ComponentType::Psu},
    {"Server chassis", 2, ComponentType::Chassis},
    {"IO expansion board", 2, ComponentType::Chassis},
    {"Dependency", 2, ComponentType::Software},
    {"CPU", 2, ComponentType::HostCpu},
    {"System memory", 2, ComponentType::HostMemory},
};

ComponentScope scope_of(ComponentType t) {
  switch (t) {
    case ComponentType::Gpu:
    case ComponentType::Hbm:
    case ComponentType::GpuSram:
    case ComponentType::GpuSystemProcessor:
    case ComponentType::SilentDataCorruption:
    case ComponentType::Software:
      return ComponentScope::PerGpu;
    case ComponentType::Nic:
    case ComponentType::OpticsCables:
      return ComponentScope::PerNic;
    case ComponentType::NvlinkSwitchTray:
      return ComponentScope::PerRack;
    case ComponentType::HostCpu:
    case ComponentType::HostMemory:
    case ComponentType::Ssd:
    case ComponentType::Psu:
    case ComponentType::Chassis:
    case ComponentType::HostMaintenance:
      return ComponentScope::PerNode;
    default:
      return ComponentScope::Facility;
  }
}

RepairTime logn(double median_h, double p90_h) {
  return RepairTime::lognormal(median_h * u::h, p90_h * u::h);
}

// Sums weight(m) over the node and rack types, times their instances per node and per rack of
// `fleet`: {per node, per rack} (facility types count zero instances).
template <class Weight>
std::pair<double, double> per_node_and_rack(const ComponentRates& rates, const FleetSpec& fleet,
                                            Weight weight) {
  double per_node = 0.0;
  double per_rack = 0.0;
  for (const auto& m : rates.models) {
    if (m.scope == ComponentScope::PerRack) {
      per_rack += fleet.nvlink_trays_per_rack * weight(m);
    } else {
      per_node += instances_per_node(m.scope, fleet) * weight(m);
    }
  }
  return {per_node, per_rack};
}

}  // namespace

bool ComponentModel::fails() const {
  return std::isfinite(mtbf_h) && mtbf_h > 0.0;
}

double ComponentModel::rate_per_h() const {
  return fails() ? 1.0 / mtbf_h : 0.0;
}

double ComponentModel::weibull_scale_h() const {
  return mtbf_h / std::tgamma(1.0 + 1.0 / weibull_shape);
}

std::span<const Llama3Cause> llama3_unexpected_interruptions() {
  return kLlama3;
}

int llama3_interruptions(ComponentType t) {
  int n = 0;
  for (const auto& c : kLlama3) n += c.type == t ? c.interruptions : 0;
  return n;
}

long long llama3_population(ComponentScope scope) {
  switch (scope) {
    case ComponentScope::PerGpu:
    case ComponentScope::PerNic:  // one 400G NIC per GPU in the Llama 3 cluster
      return kLlama3Gpus;
    case ComponentScope::PerNode:
      return kLlama3Gpus / kLlama3GpusPerNode;
    default:
      return 0;
  }
}

ComponentRates default_component_rates(int hbm_stacks_per_gpu) {
  ComponentRates r;
  for (int i = 0; i < model::kComponentTypeCount; ++i) {
    auto t = static_cast<ComponentType>(i);
    ComponentModel& m = r[t];
    m.type = t;
    m.scope = scope_of(t);
    const int count = llama3_interruptions(t);
    const long long pop = llama3_population(m.scope);
    // derived: MTBF per instance = instances x 1,296 h / interruptions (docs, "Calibration").
    m.mtbf_h = (count > 0 && pop > 0) ? static_cast<double>(pop) * kLlama3Hours / count : kInf;
  }
  // derived: HBM failures scale with the stacks per GPU (H100: 5).
  if (hbm_stacks_per_gpu > 0) {
    r[ComponentType::Hbm].mtbf_h *= static_cast<double>(kLlama3HbmStacks) / hbm_stacks_per_gpu;
  }
  // assumption: an NVLink switch tray (two NVSwitch chips, their connectors and cartridges)
  // interrupts as often as 8 scale-out ports do in Llama 3 (network switch/cable per port).
  r[ComponentType::NvlinkSwitchTray].mtbf_h = r[ComponentType::OpticsCables].mtbf_h / 8.0;
  // assumption: facility gear MTBFs, orders of magnitude for the gear class: a CDU with its pumps
  // about 6 years, a row busway about a century. IEEE Std 493 (Gold Book) and the USACE PREP
  // survey (TM 5-698-5, 2006, appendix B) publish per-unit rates for UPS, bus duct and
  // switchgear, but their tables were not available to read (docs/models/reliability.md);
  // liquid-cooling CDUs postdate both. Switchgear sits inside a secondary summary of IEEE 493's
  // ranges.
  r[ComponentType::Cdu].mtbf_h = 50'000.0;
  r[ComponentType::Busway].mtbf_h = 1'000'000.0;
  r[ComponentType::UnitSubstation].mtbf_h = 300'000.0;
  r[ComponentType::Switchgear].mtbf_h = 500'000.0;
  r[ComponentType::Ups].mtbf_h = 250'000.0;
  // source: CIGRE WG A2.37 (above), transformer-years x hours a year / major failures
  // (1,522,765 h, 174 years).
  r[ComponentType::Transformer].mtbf_h =
      kCigreTransformerYears * u::year.in(u::h) / kCigreTransformerMajorFailures;

  // Recovery paths and repair times: assumptions (docs, "Recovery").
  auto set = [&](ComponentType t, RecoveryPath p, RepairTime rt) {
    r[t].recovery = p;
    r[t].repair = rt;
  };
  set(ComponentType::Gpu, RecoveryPath::Swap, logn(4, 12));
  set(ComponentType::Hbm, RecoveryPath::Swap, logn(4, 12));
  set(ComponentType::GpuSram, RecoveryPath::Restart, logn(0.5, 2));
  set(ComponentType::GpuSystemProcessor, RecoveryPath::Restart, logn(0.5, 2));
  set(ComponentType::SilentDataCorruption, RecoveryPath::Swap, logn(4, 12));
  set(ComponentType::Software, RecoveryPath::Restart, RepairTime::fixed(u::Duration{}));
  set(ComponentType::Nic, RecoveryPath::Swap, logn(2, 6));
  set(ComponentType::OpticsCables, RecoveryPath::Swap, logn(1, 4));
  set(ComponentType::NvlinkSwitchTray, RecoveryPath::Swap, logn(2, 8));
  set(ComponentType::HostCpu, RecoveryPath::Swap, logn(4, 12));
  set(ComponentType::HostMemory, RecoveryPath::Swap, logn(2, 6));
  set(ComponentType::Ssd, RecoveryPath::Swap, logn(1, 4));
  set(ComponentType::Psu, RecoveryPath::Swap, logn(1, 3));
  set(ComponentType::Chassis, RecoveryPath::Swap, logn(6, 24));
  set(ComponentType::HostMaintenance, RecoveryPath::Restart, logn(2, 6));
  set(ComponentType::Cdu, RecoveryPath::FacilityRepair, logn(8, 24));
  set(ComponentType::Busway, RecoveryPath::FacilityRepair, logn(12, 48));
  set(ComponentType::UnitSubstation, RecoveryPath::FacilityRepair, logn(24, 72));
  set(ComponentType::Switchgear, RecoveryPath::FacilityRepair, logn(12, 48));
  set(ComponentType::Transformer, RecoveryPath::FacilityRepair, logn(168, 672));
  set(ComponentType::Ups, RecoveryPath::FacilityRepair, logn(8, 24));
  return r;
}

void apply_overrides(ComponentRates& rates,
                     const std::vector<model::ComponentOverride>& overrides) {
  for (const auto& o : overrides) {
    ComponentModel& m = rates[o.type];
    if (o.mtbf) m.mtbf_h = o.mtbf->in(u::h);
    if (o.weibull_shape) m.weibull_shape = *o.weibull_shape;
    if (o.recovery) m.recovery = *o.recovery;
    if (o.repair) m.repair = *o.repair;
  }
}

int instances_per_node(ComponentScope scope, const FleetSpec& fleet) {
  switch (scope) {
    case ComponentScope::PerGpu:
      return fleet.gpus_per_node;
    case ComponentScope::PerNic:
      return fleet.nics_per_node;
    case ComponentScope::PerNode:
      return 1;
    default:
      return 0;
  }
}

double mean_downtime_h(const ComponentModel& m) {
  const double repair = m.repair.mean().in(u::h);
  return m.recovery == RecoveryPath::ReturnToVendor ? kRmaHandlingH + repair : repair;
}

double expected_units_down(const ComponentRates& rates, const FleetSpec& fleet, long long units) {
  const auto [per_node, per_rack] = per_node_and_rack(
      rates, fleet, [](const ComponentModel& m) { return m.rate_per_h() * mean_downtime_h(m); });
  // A rack failure takes every unit of the rack down.
  const double per_unit = fleet.nodes_per_unit * per_node + per_rack;
  return static_cast<double>(units) * per_unit;
}

double expected_job_failure_rate(const ComponentRates& rates, const FleetSpec& fleet,
                                 long long gpus) {
  const double nodes = std::ceil(static_cast<double>(gpus) / fleet.gpus_per_node);
  const auto [per_node, per_rack] =
      per_node_and_rack(rates, fleet, [](const ComponentModel& m) { return m.rate_per_h(); });
  const double racks = nodes / fleet.nodes_per_rack;
  return nodes * per_node + racks * per_rack;
}

}  // namespace rackscale::sim
