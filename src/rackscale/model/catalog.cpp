#include "rackscale/model/catalog.hpp"

namespace rackscale::model {

const std::vector<std::string>& entry_kinds() {
  static const std::vector<std::string> kinds = {
      "rack_system", "switch",          "transceiver", "cable",        "transformer",
      "switchgear",  "unit_substation", "ups",         "generator",    "battery",
      "cdu",         "dry_cooler",      "chiller",     "cooling_tower"};
  return kinds;
}

bool Catalog::add(CatalogEntry e) {
  auto name = e.name;
  return entries_.emplace(std::move(name), std::move(e)).second;
}

const CatalogEntry* Catalog::find(const std::string& name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : &it->second;
}

std::vector<std::string> Catalog::names_of_kind(const std::string& kind) const {
  std::vector<std::string> out;
  for (const auto& [name, e] : entries_) {
    if (e.kind == kind) out.push_back(name);
  }
  return out;
}

std::string to_string(Confidence c) {
  switch (c) {
    case Confidence::High:
      return "high";
    case Confidence::Medium:
      return "medium";
    case Confidence::Low:
      return "low";
  }
  return "?";
}

std::string to_string(ReachClass r) {
  switch (r) {
    case ReachClass::InRack:
      return "in_rack";
    case ReachClass::InRow:
      return "in_row";
    case ReachClass::Hall:
      return "hall";
  }
  return "?";
}

const std::vector<std::pair<std::string, CduPlacement>>& cdu_placement_names() {
  static const std::vector<std::pair<std::string, CduPlacement>> table = {
      {"in_rack", CduPlacement::InRack},
      {"in_row", CduPlacement::InRow},
      {"facility", CduPlacement::Facility}};
  return table;
}

std::string to_string(CduPlacement placement) {
  for (const auto& [name, value] : cdu_placement_names()) {
    if (value == placement) return name;
  }
  return "?";
}

const std::vector<std::pair<std::string, StorageTechnology>>& storage_technology_names() {
  static const std::vector<std::pair<std::string, StorageTechnology>> table = {
      {"supercapacitor", StorageTechnology::Supercapacitor},
      {"short_duration_battery", StorageTechnology::ShortDurationBattery},
      {"lithium_ion", StorageTechnology::LithiumIon}};
  return table;
}

std::string to_string(StorageTechnology technology) {
  for (const auto& [name, value] : storage_technology_names()) {
    if (value == technology) return name;
  }
  return "?";
}

}  // namespace rackscale::model
