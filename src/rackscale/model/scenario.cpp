#include "rackscale/model/scenario.hpp"

#include <cmath>

#include "rackscale/core/checked.hpp"

namespace rackscale::model {

namespace {

template <class E>
std::string name_in(const NameTable<E>& table, E value) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "?";
}

}  // namespace

const NameTable<BackupCoverage>& backup_coverage_names() {
  static const NameTable<BackupCoverage> table = {{"none", BackupCoverage::None},
                                                  {"partial", BackupCoverage::Partial},
                                                  {"full", BackupCoverage::Full}};
  return table;
}

std::string to_string(BackupCoverage coverage) {
  return name_in(backup_coverage_names(), coverage);
}

const NameTable<AshraeClass>& ashrae_class_names() {
  static const NameTable<AshraeClass> table = {
      {"W17", AshraeClass::W17}, {"W27", AshraeClass::W27}, {"W32", AshraeClass::W32},
      {"W40", AshraeClass::W40}, {"W45", AshraeClass::W45}, {"W+", AshraeClass::WPlus}};
  return table;
}

std::string to_string(AshraeClass ashrae_class) {
  return name_in(ashrae_class_names(), ashrae_class);
}

const NameTable<HeatRejection>& heat_rejection_names() {
  static const NameTable<HeatRejection> table = {
      {"dry_cooler", HeatRejection::DryCooler},
      {"dry_cooler_adiabatic", HeatRejection::DryCoolerAdiabatic},
      {"water_chiller", HeatRejection::WaterChiller},
      {"air_chiller", HeatRejection::AirChiller}};
  return table;
}

std::string to_string(HeatRejection heat_rejection) {
  return name_in(heat_rejection_names(), heat_rejection);
}

u::Duration DurationDistribution::median() const {
  switch (kind) {
    case Kind::Fixed:
      return a;
    case Kind::Uniform:
      return 0.5 * (a + b);
    case Kind::Triangular: {
      // Median of a triangular distribution on [a, c] with mode b.
      double lo = a.si(), mode = b.si(), hi = c.si();
      if (hi <= lo) return a;
      double med = (mode >= 0.5 * (lo + hi)) ? lo + std::sqrt((hi - lo) * (mode - lo) / 2.0)
                                             : hi - std::sqrt((hi - lo) * (hi - mode) / 2.0);
      return u::Duration::from_si(med);
    }
    case Kind::Lognormal:
      return a;
  }
  return a;
}

int Target::racks_for(const RackSystem& rack) const {
  if (racks) return *racks;
  if (gpus) {
    long long per = rack.gpus_per_rack();
    return static_cast<int>((*gpus + per - 1) / per);
  }
  if (it_power)
    return checked_int(std::floor(*it_power / rack.power.it_design() + 1e-9),
                       "the racks for the target IT power");
  return 0;
}

const std::vector<std::string>& component_classes() {
  static const std::vector<std::string> classes = {
      "gpu_tray", "switch_tray", "scale_out_switch", "frontend_switch", "optics", "power_shelf",
      "cdu",      "transformer", "switchgear",       "unit_substation", "ups",    "generator",
      "chiller",  "dry_cooler",  "cooling_tower",    "battery"};
  return classes;
}

}  // namespace rackscale::model
