#include "rackscale/model/reliability.hpp"

#include <array>
#include <cmath>

#include "rackscale/core/random.hpp"

namespace rackscale::model {

namespace {

constexpr std::array<std::string_view, kComponentTypeCount> kNames = {"gpu",
                                                                      "hbm",
                                                                      "gpu_sram",
                                                                      "gpu_system_processor",
                                                                      "silent_data_corruption",
                                                                      "software",
                                                                      "nic",
                                                                      "optics_cables",
                                                                      "nvlink_switch_tray",
                                                                      "cpu",
                                                                      "memory",
                                                                      "ssd",
                                                                      "psu",
                                                                      "chassis",
                                                                      "host_maintenance",
                                                                      "cdu",
                                                                      "busway",
                                                                      "unit_substation",
                                                                      "switchgear",
                                                                      "transformer",
                                                                      "ups"};

}  // namespace

std::string to_string(ComponentType t) {
  return std::string(kNames[static_cast<std::size_t>(t)]);
}

const std::vector<std::string>& component_type_names() {
  static const std::vector<std::string> names(kNames.begin(), kNames.end());
  return names;
}

std::optional<ComponentType> component_type_from(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<ComponentType>(i);
  }
  return std::nullopt;
}

bool is_facility(ComponentType t) {
  return static_cast<int>(t) >= static_cast<int>(ComponentType::Cdu);
}

std::string to_string(RecoveryPath p) {
  switch (p) {
    case RecoveryPath::Restart:
      return "restart";
    case RecoveryPath::Swap:
      return "swap";
    case RecoveryPath::ReturnToVendor:
      return "rma";
    case RecoveryPath::FacilityRepair:
      return "facility";
  }
  return "restart";
}

u::Duration RepairTime::mean() const {
  switch (kind) {
    case Kind::Fixed:
    case Kind::Exponential:
      return a;
    case Kind::Uniform:
      return 0.5 * (a + b);
    case Kind::Triangular:
      return (a + b + c) / 3.0;
    case Kind::Lognormal: {
      // sigma = ln(p90 / median) / z90, as in Lognormal::from_median_p90.
      if (a.si() <= 0.0) return a;
      const double sigma = std::log(b / a) / rackscale::Lognormal::kZ90;
      return a * std::exp(0.5 * sigma * sigma);
    }
  }
  return a;
}

RepairTime RepairTime::fixed(u::Duration value) {
  RepairTime r;
  r.kind = Kind::Fixed;
  r.a = value;
  return r;
}

RepairTime RepairTime::lognormal(u::Duration median, u::Duration p90) {
  RepairTime r;
  r.kind = Kind::Lognormal;
  r.a = median;
  r.b = p90;
  return r;
}

}  // namespace rackscale::model
