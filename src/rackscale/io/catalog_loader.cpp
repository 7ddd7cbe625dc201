#include "rackscale/io/catalog_loader.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rackscale/core/error.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {
namespace {

namespace u = rackscale::units;
using model::ReachClass;

const std::optional<Bound<double>> kZero = Bound<double>{0.0, false};
const std::optional<Bound<double>> kZeroExclusive = Bound<double>{0.0, true};
const std::optional<Bound<double>> kOne = Bound<double>{1.0, false};

int as_int(std::optional<long long> v) {
  return v ? static_cast<int>(*v) : 0;
}

ReachClass reach(MapReader& r, const std::vector<std::string>& allowed) {
  auto s = r.choice("reach_class", Need::Required, allowed);
  if (!s || *s == "in_rack") return ReachClass::InRack;
  return *s == "in_row" ? ReachClass::InRow : ReachClass::Hall;
}

model::RackSystem read_rack_system(MapReader& r) {
  model::RackSystem x;
  x.gpu = r.string("gpu", Need::Required).value_or("");
  x.gpus_per_node = as_int(r.integer("gpus_per_node", Need::Required, 1, 1024));
  x.nodes_per_rack = as_int(r.integer("nodes_per_rack", Need::Required, 1, 1024));
  x.scale_up_domain = as_int(r.integer("scale_up_domain", Need::Required, 1, 100000));
  x.nvlink_switch_trays = as_int(r.integer("nvlink_switch_trays", Need::Required, 0, 1024));
  x.cpus_per_node = as_int(r.integer("cpus_per_node", Need::Required, 0, 64));
  x.liquid_cooled =
      r.choice("cooling", Need::Required, {"air", "liquid"}).value_or("air") == "liquid";
  x.liquid_fraction = r.number("liquid_fraction", Need::Required, kZero, kOne).value_or(0.0);
  if (!x.liquid_cooled && x.liquid_fraction > 0.0) {
    r.fail("liquid_fraction",
           fmt::format("must be 0 for an air-cooled rack, got {}", x.liquid_fraction),
           "set `cooling: liquid` or `liquid_fraction: 0`");
  }
  if (auto p = r.map("power", Need::Required); p.valid()) {
    auto pos = positive<u::Power>();
    x.power.design = p.quantity<u::Power>("design", Need::Required, pos).value_or(u::Power{});
    x.power.max = p.quantity<u::Power>("max", Need::Required, pos).value_or(u::Power{});
    x.power.typical = p.quantity<u::Power>("typical", Need::Required, pos).value_or(u::Power{});
    x.power.idle = p.quantity<u::Power>("idle", Need::Required, pos).value_or(u::Power{});
    x.power.peak = p.quantity<u::Power>("peak", Need::Optional, pos);
    if (x.power.idle > x.power.typical && x.power.typical > u::Power{}) {
      p.fail("idle", fmt::format("must not exceed typical ({}), got {}", p.raw("typical").Scalar(),
                                 p.raw("idle").Scalar()));
    }
    if (x.power.typical > x.power.max && x.power.max > u::Power{}) {
      p.fail("typical", fmt::format("must not exceed max ({}), got {}", p.raw("max").Scalar(),
                                    p.raw("typical").Scalar()));
    }
    p.finish();
  }
  x.mass = r.quantity<u::Mass>("mass", Need::Required, positive<u::Mass>()).value_or(u::Mass{});
  if (auto f = r.map("footprint", Need::Required); f.valid()) {
    auto pos = positive<u::Length>();
    x.footprint.width = f.quantity<u::Length>("width", Need::Required, pos).value_or(u::Length{});
    x.footprint.depth = f.quantity<u::Length>("depth", Need::Required, pos).value_or(u::Length{});
    x.footprint.height = f.quantity<u::Length>("height", Need::Required, pos).value_or(u::Length{});
    f.finish();
  }
  if (auto v = r.integer("power_shelves", Need::Optional, 0, 64)) x.power_shelves = as_int(v);
  if (auto v = r.integer("psus_per_shelf", Need::Optional, 1, 64)) x.psus_per_shelf = as_int(v);
  if (auto v = r.integer("node_rack_units", Need::Optional, 1, 60)) x.node_rack_units = as_int(v);
  x.psu_rating = r.quantity<u::Power>("psu_rating", Need::Optional, positive<u::Power>());
  if (auto n = r.map("network", Need::Required); n.valid()) {
    auto pos = positive<u::DataRate>();
    x.network.scale_out_ports_per_gpu =
        as_int(n.integer("scale_out_ports_per_gpu", Need::Required, 0, 16));
    x.network.scale_out_port_speed =
        n.quantity<u::DataRate>("scale_out_port_speed", Need::Required, pos)
            .value_or(u::DataRate{});
    x.network.frontend_ports_per_node =
        as_int(n.integer("frontend_ports_per_node", Need::Required, 0, 16));
    // A speed of 0 is allowed only where there are no front-end ports.
    x.network.frontend_port_speed =
        n.quantity<u::DataRate>(
             "frontend_port_speed", Need::Required,
             x.network.frontend_ports_per_node > 0
                 ? pos
                 : std::optional<Bound<u::DataRate>>(non_negative<u::DataRate>()))
            .value_or(u::DataRate{});
    x.network.oob_ports_per_node = as_int(n.integer("oob_ports_per_node", Need::Required, 0, 16));
    n.finish();
  }
  if (x.scale_up_domain > 0 && x.gpus_per_node > 0 && x.scale_up_domain % x.gpus_per_node != 0) {
    r.fail("scale_up_domain", fmt::format("must be a multiple of gpus_per_node ({}), got {}",
                                          x.gpus_per_node, x.scale_up_domain));
  }
  return x;
}

model::Switch read_switch(MapReader& r) {
  model::Switch x;
  x.infiniband =
      r.choice("fabric", Need::Required, {"infiniband", "ethernet"}).value_or("") == "infiniband";
  const std::vector<std::string> roles = {"scale_out", "frontend", "oob"};
  if (auto v = r.strings("roles", Need::Required)) {
    for (const auto& role : *v) {
      if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
        r.fail("roles", fmt::format("unknown role \"{}\"", role), suggest(role, roles));
      }
    }
    x.roles = *v;
  }
  r.non_empty("roles", "list what the switch is used for: scale_out, frontend or oob");
  x.ports = as_int(r.integer("ports", Need::Required, 1, 4096));
  x.port_speed = r.quantity<u::DataRate>("port_speed", Need::Required, positive<u::DataRate>())
                     .value_or(u::DataRate{});
  if (auto b = r.map("breakout", Need::Optional); b.valid() && r.has("breakout")) {
    x.breakout_ports = as_int(b.integer("ports", Need::Required, 1, 8192));
    x.breakout_port_speed =
        b.quantity<u::DataRate>("port_speed", Need::Required, positive<u::DataRate>());
    b.finish();
  }
  if (auto p = r.map("power", Need::Required); p.valid()) {
    x.power_typical =
        p.quantity<u::Power>("typical", Need::Required, positive<u::Power>()).value_or(u::Power{});
    x.power_max =
        p.quantity<u::Power>("max", Need::Required, positive<u::Power>()).value_or(u::Power{});
    p.finish();
  }
  x.rack_units = as_int(r.integer("rack_units", Need::Required, 1, 48));
  return x;
}

model::Transceiver read_transceiver(MapReader& r) {
  model::Transceiver x;
  x.data_rate = r.quantity<u::DataRate>("data_rate", Need::Required, positive<u::DataRate>())
                    .value_or(u::DataRate{});
  x.medium = r.choice("medium", Need::Required, {"multimode", "singlemode"}).value_or("");
  x.reach_class = reach(r, {"in_row", "hall"});
  x.max_reach = r.quantity<u::Length>("max_reach", Need::Required, positive<u::Length>())
                    .value_or(u::Length{});
  x.power =
      r.quantity<u::Power>("power", Need::Required, non_negative<u::Power>()).value_or(u::Power{});
  x.form_factor = r.string("form_factor", Need::Required).value_or("");
  x.links = static_cast<int>(r.integer("links", Need::Optional, 1, 8).value_or(1));
  return x;
}

model::Cable read_cable(MapReader& r) {
  model::Cable x;
  x.data_rate = r.quantity<u::DataRate>("data_rate", Need::Required, positive<u::DataRate>())
                    .value_or(u::DataRate{});
  x.medium =
      r.choice("medium", Need::Required, {"copper", "aoc", "multimode_fiber", "singlemode_fiber"})
          .value_or("");
  x.reach_class = reach(r, {"in_rack", "in_row", "hall"});
  x.max_reach = r.quantity<u::Length>("max_reach", Need::Required, positive<u::Length>())
                    .value_or(u::Length{});
  x.power =
      r.quantity<u::Power>("power", Need::Required, non_negative<u::Power>()).value_or(u::Power{});
  x.needs_transceivers = r.boolean("needs_transceivers", Need::Required).value_or(false);
  x.links = static_cast<int>(r.integer("links", Need::Optional, 1, 8).value_or(1));
  return x;
}

u::Power rating(MapReader& r, const char* key = "rating") {
  return r.quantity<u::Power>(key, Need::Required, positive<u::Power>()).value_or(u::Power{});
}
u::Voltage voltage(MapReader& r, const char* key) {
  return r.quantity<u::Voltage>(key, Need::Required, positive<u::Voltage>()).value_or(u::Voltage{});
}
u::TemperatureDifference approach(MapReader& r) {
  return r
      .quantity<u::TemperatureDifference>("approach", Need::Required,
                                          positive<u::TemperatureDifference>())
      .value_or(u::TemperatureDifference{});
}
double efficiency(MapReader& r, const char* key = "efficiency") {
  return r.number(key, Need::Required, kZeroExclusive, kOne).value_or(1.0);
}
void check_step_down(MapReader& r, u::Voltage primary, u::Voltage secondary) {
  if (primary > u::Voltage{} && secondary >= primary) {
    r.fail("secondary_voltage",
           fmt::format("must be below primary_voltage ({}) for a step-down transformer, got {}",
                       r.raw("primary_voltage").Scalar(), r.raw("secondary_voltage").Scalar()));
  }
}

model::Transformer read_transformer(MapReader& r) {
  model::Transformer x{rating(r), voltage(r, "primary_voltage"), voltage(r, "secondary_voltage"),
                       efficiency(r), u::Power{}};
  x.no_load_loss = r.quantity<u::Power>("no_load_loss", Need::Required, non_negative<u::Power>())
                       .value_or(u::Power{});
  check_step_down(r, x.primary_voltage, x.secondary_voltage);
  return x;
}

model::UnitSubstation read_unit_substation(MapReader& r) {
  model::UnitSubstation x{rating(r), voltage(r, "primary_voltage"), voltage(r, "secondary_voltage"),
                          efficiency(r)};
  check_step_down(r, x.primary_voltage, x.secondary_voltage);
  return x;
}

model::Ups read_ups(MapReader& r) {
  model::Ups x{rating(r, "module_rating"), {}};
  r.each_map("efficiency_curve", Need::Required, [&](MapReader& p, std::size_t) {
    model::EfficiencyPoint pt;
    pt.load =
        p.number("load", Need::Required, kZeroExclusive, Bound<double>{1.5, false}).value_or(0);
    pt.efficiency = efficiency(p);
    p.finish();
    if (!x.efficiency_curve.empty() && pt.load <= x.efficiency_curve.back().load) {
      p.fail("load", fmt::format("loads must increase along the curve, got {} after {}", pt.load,
                                 x.efficiency_curve.back().load));
    }
    x.efficiency_curve.push_back(pt);
  });
  if (r.has("efficiency_curve") && x.efficiency_curve.size() < 2) {
    r.fail("efficiency_curve", "needs at least 2 points");
  }
  return x;
}

model::Battery read_battery(MapReader& r) {
  model::Battery x;
  x.power = rating(r, "power");
  x.energy =
      r.quantity<u::Energy>("energy", Need::Required, positive<u::Energy>()).value_or(u::Energy{});
  x.round_trip_efficiency = efficiency(r, "round_trip_efficiency");
  x.technology = r.choice_of("technology", Need::Required, model::storage_technology_names())
                     .value_or(x.technology);
  x.cycle_life = r.number("cycle_life", Need::Optional, Bound<double>{1, false}, std::nullopt);
  return x;
}

model::Cdu read_cdu(MapReader& r) {
  model::Cdu x;
  x.capacity = rating(r, "capacity");
  x.placement = r.choice_of("placement", Need::Required, model::cdu_placement_names())
                    .value_or(model::CduPlacement::InRow);
  x.pump_power = r.quantity<u::Power>("pump_power", Need::Required, non_negative<u::Power>())
                     .value_or(u::Power{});
  x.approach = approach(r);
  return x;
}

model::DryCooler read_dry_cooler(MapReader& r) {
  model::DryCooler x;
  x.capacity = rating(r, "capacity");
  x.fan_power =
      r.quantity<u::Power>("fan_power", Need::Required, positive<u::Power>()).value_or(u::Power{});
  x.approach = approach(r);
  x.adiabatic = r.boolean("adiabatic", Need::Required).value_or(false);
  return x;
}

model::Chiller read_chiller(MapReader& r) {
  model::Chiller x;
  x.capacity = rating(r, "capacity");
  x.condenser = r.choice("condenser", Need::Required, {"air", "water"}).value_or("");
  x.cop = r.number("cop", Need::Required, kZeroExclusive, Bound<double>{30.0, false}).value_or(0);
  return x;
}

model::CoolingTower read_cooling_tower(MapReader& r) {
  model::CoolingTower x;
  x.capacity = rating(r, "capacity");
  x.fan_power =
      r.quantity<u::Power>("fan_power", Need::Required, positive<u::Power>()).value_or(u::Power{});
  x.approach = approach(r);
  return x;
}

model::EntrySpec read_spec(const std::string& kind, MapReader& r) {
  if (kind == "rack_system") return read_rack_system(r);
  if (kind == "switch") return read_switch(r);
  if (kind == "transceiver") return read_transceiver(r);
  if (kind == "cable") return read_cable(r);
  if (kind == "transformer") return read_transformer(r);
  if (kind == "switchgear") return model::Switchgear{voltage(r, "voltage"), rating(r)};
  if (kind == "unit_substation") return read_unit_substation(r);
  if (kind == "ups") return read_ups(r);
  if (kind == "generator") {
    return model::Generator{
        rating(r), r.choice("fuel", Need::Required, {"diesel", "natural_gas"}).value_or("")};
  }
  if (kind == "battery") return read_battery(r);
  if (kind == "cdu") return read_cdu(r);
  if (kind == "dry_cooler") return read_dry_cooler(r);
  if (kind == "chiller") return read_chiller(r);
  // cooling_tower (the kind was checked against entry_kinds() by the caller)
  return read_cooling_tower(r);
}

bool valid_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace

CatalogDirSearch find_share_dir(const std::string& env_name, const char* env_value,
                                const std::filesystem::path& exe_dir, const std::string& folder) {
  namespace fs = std::filesystem;
  CatalogDirSearch search;
  if (env_value && *env_value) {
    search.found = env_value;
    search.searched.push_back(fmt::format("{}={}", env_name, env_value));
    return search;
  }
  search.searched.push_back(fmt::format("{} (not set)", env_name));
  if (exe_dir.empty()) {
    search.searched.push_back("the program's folder (unknown: /proc/self/exe unreadable)");
    return search;
  }
  for (const fs::path& relative :
       {fs::path("../share/rackscale") / folder, fs::path("share/rackscale") / folder}) {
    fs::path candidate = (exe_dir / relative).lexically_normal();
    search.searched.push_back(candidate.string());
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) {
      search.found = candidate.string();
      return search;
    }
  }
  return search;
}

CatalogDirSearch find_catalog_dir(const char* env_value, const std::filesystem::path& exe_dir) {
  return find_share_dir("RACKSCALE_CATALOG_DIR", env_value, exe_dir, "catalog");
}

CatalogDirSearch find_dataset_dir() {
  return find_share_dir("RACKSCALE_DATASET_DIR", std::getenv("RACKSCALE_DATASET_DIR"),
                        executable_dir(), "datasets");
}

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

std::string builtin_catalog_dir() {
  auto search = find_catalog_dir(std::getenv("RACKSCALE_CATALOG_DIR"), executable_dir());
  if (search.found) return *search.found;
  throw Error(fmt::format(
      "the built-in catalog was not found; searched: {}; set RACKSCALE_CATALOG_DIR to the "
      "folder holding the catalog's *.yaml files (installed as share/rackscale/catalog)",
      fmt::join(search.searched, ", ")));
}

std::string display_path(const std::filesystem::path& p) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec).lexically_normal();
  fs::path cwd = fs::current_path(ec);
  fs::path rel = abs.lexically_relative(cwd);
  if (!ec && !rel.empty() && *rel.begin() != "..") return rel.string();
  return abs.string();
}

std::vector<std::string> yaml_files_in(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") {
      files.push_back(display_path(e.path()));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void read_catalog_file(const std::string& path, model::Catalog& catalog, Diagnostics& diag,
                       const InputLimits& limits) {
  auto root = load_yaml_file(path, diag, limits);
  if (!root) return;
  MapReader top(diag, path, *root, "");
  if (!top.valid()) return;
  top.format_version("rackscale_catalog", 1);
  top.each_map("entries", Need::Required, [&](MapReader& r, std::size_t) {
    model::CatalogEntry e;
    e.where = r.where();
    e.name = r.string("name", Need::Required).value_or("");
    if (!e.name.empty() && !valid_name(e.name)) {
      r.fail("name", fmt::format("\"{}\" may use only letters, digits, '.', '_' and '-'", e.name));
    }
    auto kind = r.choice("kind", Need::Required, model::entry_kinds());
    e.description = r.string("description", Need::Optional).value_or("");
    e.vendor = r.string("vendor", Need::Optional).value_or("");
    auto conf =
        r.choice("confidence", Need::Optional, {"high", "medium", "low"}).value_or("medium");
    e.confidence = conf == "high"  ? model::Confidence::High
                   : conf == "low" ? model::Confidence::Low
                                   : model::Confidence::Medium;
    e.sources = r.strings("source", Need::Optional).value_or(std::vector<std::string>{});
    if (std::any_of(e.sources.begin(), e.sources.end(), [](const auto& x) { return x.empty(); })) {
      r.fail("source", "a source must not be empty", "name the document and section");
      e.sources.clear();
    }
    e.assumption = r.string("assumption", Need::Optional).value_or("");
    if (e.sources.empty() && e.assumption.empty()) {
      r.fail_here(fmt::format("entry \"{}\" has neither `source:` nor `assumption:`", e.name),
                  "every number needs a source (document, section) or a stated assumption");
    }
    e.price = r.quantity<u::Money>("price", Need::Optional, non_negative<u::Money>());
    e.lead_time = r.quantity<u::Duration>("lead_time", Need::Optional, non_negative<u::Duration>());
    if (!kind) {
      // Without a kind the other keys cannot be checked; accept them silently.
      return;
    }
    e.kind = *kind;
    e.spec = read_spec(e.kind, r);
    r.finish();
    if (!e.name.empty()) {
      const model::CatalogEntry* prev = catalog.find(e.name);
      if (prev) {
        r.fail("name",
               fmt::format("duplicate catalog entry \"{}\" (first defined at {}:{})", e.name,
                           prev->where.file, prev->where.line),
               "give each entry a unique name");
      } else {
        catalog.add(std::move(e));
      }
    }
  });
  top.finish();
}

model::Catalog load_catalog(const std::vector<std::string>& extra_files,
                            const InputLimits& limits) {
  Diagnostics diag;
  model::Catalog catalog;
  auto files = yaml_files_in(builtin_catalog_dir());
  if (files.empty()) {
    diag.error(SourceLocation{builtin_catalog_dir(), 0, 0}, "", "no catalog files found",
               "set RACKSCALE_CATALOG_DIR to the folder holding the built-in catalog");
  }
  files.insert(files.end(), extra_files.begin(), extra_files.end());
  for (const auto& f : files) read_catalog_file(f, catalog, diag, limits);
  diag.throw_if_any();
  return catalog;
}

}  // namespace rackscale::io
