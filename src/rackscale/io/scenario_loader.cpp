#include "rackscale/io/scenario_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <fmt/ranges.h>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/io/candidates_loader.hpp"
#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/io/demand_loader.hpp"
#include "rackscale/io/duration_reader.hpp"
#include "rackscale/io/epw_reader.hpp"
#include "rackscale/io/factory_loader.hpp"
#include "rackscale/io/redundancy_parser.hpp"
#include "rackscale/io/reliability_reader.hpp"
#include "rackscale/io/scenario_checks.hpp"
#include "rackscale/io/scenario_overrides.hpp"
#include "rackscale/io/site_power_loader.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {
namespace {

namespace u = rackscale::units;
namespace fs = std::filesystem;
using model::DurationDistribution;

// A path written in `file`, resolved against the folder of `file`, as a display path.
std::string beside(const std::string& file, const std::string& relative) {
  return display_path((fs::path(file).parent_path() / relative).lexically_normal());
}

// A redundancy scheme among `schemes`, parsed by the one parser.
std::optional<model::RedundancyScheme> redundancy(MapReader& r, const std::string& key,
                                                  const std::vector<std::string>& schemes) {
  const std::optional<std::string> text = r.choice(key, Need::Optional, schemes);
  if (!text) return std::nullopt;
  try {
    return parse_redundancy(*text);
  } catch (const Error& e) {
    r.fail(key, e.what());
    return std::nullopt;
  }
}

//! Reads the scenario with a catalog at hand for reference checks.
class ScenarioReader {
 public:
  ScenarioReader(Diagnostics& diag, const model::Catalog& catalog, const InputLimits& limits)
      : diag_(diag), catalog_(catalog), limits_(limits), power_datasets_({}, limits) {}

  void read(MapReader& top, model::Scenario& s);
  void check_contract_factory(MapReader& r, const model::Contract& c,
                              const std::vector<model::Factory>& factories);

 private:
  // A value that names a catalog entry of one kind.
  std::string catalog_ref(MapReader& r, const std::string& key, Need need, const std::string& kind);
  // A switch for a role (scale_out, frontend, oob): the entry must list that role.
  std::string switch_ref(MapReader& r, const std::string& key, const std::string& role);
  DurationDistribution duration(MapReader& r, const std::string& key, Need need);
  model::Location location(MapReader& r);
  void read_policies(MapReader& r, model::Policies& p);
  void read_fabric_policy(MapReader& f, model::FabricPolicy& x);
  void read_power_policy(MapReader& w, model::PowerPolicy& x);
  void read_cooling_policy(MapReader& c, model::CoolingPolicy& x);
  void read_cost_policy(MapReader& c, model::CostPolicy& x);
  void read_allocation_policy(MapReader& a, model::AllocationPolicy& x);
  void read_production_policy(MapReader& a, model::ProductionPolicy& x);
  model::ParametricClimate read_parametric_climate(MapReader& m);
  void read_climate(MapReader& c, const std::string& scenario_file, model::Climate& climate);
  void read_target(MapReader& t, model::Target& target);
  void read_grid(MapReader& r, std::vector<model::GridStep>& grid);
  // A site, or with `candidate` the keys of a candidate site (no target, grid or start).
  void read_site(MapReader& r, model::Site& site, Date start, bool candidate = false);
  void read_factory(MapReader& r, model::Factory& f);
  void read_supplier(MapReader& r, model::Supplier& sup);
  void read_contract(MapReader& r, model::Contract& c);
  std::string read_name(MapReader& r);
  template <class T>
  void unique_names(const std::string& key, const std::vector<T>& items);

  Diagnostics& diag_;
  const model::Catalog& catalog_;
  const InputLimits& limits_;
  PowerDatasets power_datasets_;                      // read when a site has `power:`
  std::vector<Item> order_items_;                     // allocation order, with locations
  std::map<std::string, SourceLocation> name_where_;  // item path -> where its name is
};

std::string ScenarioReader::catalog_ref(MapReader& r, const std::string& key, Need need,
                                        const std::string& kind) {
  auto name = r.string(key, need);
  if (!name) return "";
  const model::CatalogEntry* e = catalog_.find(*name);
  if (!e) {
    r.fail(key, fmt::format("no catalog entry named \"{}\"", *name),
           suggest(*name, catalog_.names_of_kind(kind)));
    return "";
  }
  if (e->kind != kind) {
    r.fail(key, fmt::format("\"{}\" is a {}, expected a {}", *name, e->kind, kind),
           suggest(*name, catalog_.names_of_kind(kind)));
    return "";
  }
  return *name;
}

std::string ScenarioReader::switch_ref(MapReader& r, const std::string& key,
                                       const std::string& role) {
  std::string name = catalog_ref(r, key, Need::Optional, "switch");
  if (name.empty()) return name;
  const auto* sw = catalog_.find_as<model::Switch>(name);
  if (std::find(sw->roles.begin(), sw->roles.end(), role) == sw->roles.end()) {
    std::vector<std::string> fitting;
    for (const auto& n : catalog_.names_of_kind("switch")) {
      const auto& roles = catalog_.find_as<model::Switch>(n)->roles;
      if (std::find(roles.begin(), roles.end(), role) != roles.end()) fitting.push_back(n);
    }
    r.fail(
        key,
        fmt::format("switch \"{}\" is not made for the {} role (its catalog roles: {})", name, role,
                    fmt::join(sw->roles, ", ")),
        fitting.empty() ? "" : fmt::format("switches for this role: {}", fmt::join(fitting, ", ")));
    return "";
  }
  return name;
}

DurationDistribution ScenarioReader::duration(MapReader& r, const std::string& key, Need need) {
  return read_duration(r, key, need);
}

model::Location ScenarioReader::location(MapReader& r) {
  model::Location loc;
  MapReader m = r.map("location", Need::Required);
  if (!m.valid()) return loc;
  loc.latitude =
      m.number("latitude", Need::Required, Bound<double>{-90, false}, Bound<double>{90, false})
          .value_or(0);
  loc.longitude =
      m.number("longitude", Need::Required, Bound<double>{-180, false}, Bound<double>{180, false})
          .value_or(0);
  loc.state = m.string("state", Need::Optional).value_or("");
  loc.city = m.string("city", Need::Optional).value_or("");
  m.finish();
  return loc;
}

void ScenarioReader::read_fabric_policy(MapReader& f, model::FabricPolicy& x) {
  x.scale_out_switch = switch_ref(f, "scale_out_switch", "scale_out");
  x.spine_switch = switch_ref(f, "spine_switch", "scale_out");
  if (auto list = f.sequence("oversubscription", Need::Optional)) {
    x.oversubscription.clear();
    for (std::size_t i = 0; i < list->size(); ++i) {
      YAML::Node item = (*list)[i];
      auto v = units::parse_si(item.IsScalar() ? item.Scalar() : "", units::Dim{});
      double d = std::holds_alternative<double>(v) ? std::get<double>(v) : 0.0;
      if (d < 1.0) {
        diag_.error(
            io::location(f.file(), item.Mark()),
            fmt::format("{}[{}]", f.child_path("oversubscription"), i),
            fmt::format("must be a number >= 1 (1 = non-blocking), got {}", describe_node(item)));
      }
      x.oversubscription.push_back(d);
    }
    if (list->size() == 0 || list->size() > 2) {
      f.fail("oversubscription",
             fmt::format("needs 1 or 2 values (leaf, then spine), got {}", list->size()),
             "e.g. `oversubscription: [1, 1]`; the top tier has no uplinks to oversubscribe");
    }
  }
  x.planes = static_cast<int>(f.integer("planes", Need::Optional, 1, 16).value_or(1));
  x.rail_optimized = f.boolean("rail_optimized", Need::Optional).value_or(true);
  x.scalable_unit_nodes =
      static_cast<int>(f.integer("scalable_unit_nodes", Need::Optional, 0, 100000).value_or(0));
  x.size_to_full_units = f.boolean("size_to_full_units", Need::Optional).value_or(true);
  x.reserved_node_slots =
      static_cast<int>(f.integer("reserved_node_slots", Need::Optional, 0, 64).value_or(0));
  x.reserved_slot_ports =
      static_cast<int>(f.integer("reserved_slot_ports", Need::Optional, 0, 64).value_or(0));
  x.frontend_switch = switch_ref(f, "frontend_switch", "frontend");
  x.oob_switch = switch_ref(f, "oob_switch", "oob");
  auto ratio = [&](const char* key) {
    return f.number(key, Need::Optional, Bound<double>{1, false}, Bound<double>{64, false})
        .value_or(1.0);
  };
  x.frontend_oversubscription = ratio("frontend_oversubscription");
  x.oob_oversubscription = ratio("oob_oversubscription");
}

void ScenarioReader::read_power_policy(MapReader& w, model::PowerPolicy& x) {
  const auto& coverage = model::backup_coverage_names();
  const std::vector<std::string> schemes = {"N", "N+1", "N+2", "2N", "3N/2", "4N/3", "block"};
  x.ups = w.choice_of("ups", Need::Optional, coverage).value_or(x.ups);
  x.generator = w.choice_of("generator", Need::Optional, coverage).value_or(x.generator);
  x.transformer_redundancy =
      redundancy(w, "transformer_redundancy", schemes).value_or(x.transformer_redundancy);
  x.unit_substation_redundancy =
      redundancy(w, "unit_substation_redundancy", schemes).value_or(x.unit_substation_redundancy);
  x.ups_redundancy = redundancy(w, "ups_redundancy", schemes).value_or(x.ups_redundancy);
  x.generator_redundancy =
      redundancy(w, "generator_redundancy", schemes).value_or(x.generator_redundancy);
  x.battery = w.boolean("battery", Need::Optional).value_or(x.battery);
  x.max_grid_step = w.quantity<u::Power>("max_grid_step", Need::Optional, non_negative<u::Power>())
                        .value_or(u::Power{});
  x.swing_period = w.quantity<u::Duration>("swing_period", Need::Optional, positive<u::Duration>());
  x.swing_buffer = w.choice_of("swing_buffer", Need::Optional, model::storage_technology_names())
                       .value_or(x.swing_buffer);
  x.power_factor =
      w.number("power_factor", Need::Optional, Bound<double>{0.5, false}, Bound<double>{1, false})
          .value_or(x.power_factor);
  x.transformer = catalog_ref(w, "transformer", Need::Optional, "transformer");
  x.switchgear = catalog_ref(w, "switchgear", Need::Optional, "switchgear");
  x.unit_substation = catalog_ref(w, "unit_substation", Need::Optional, "unit_substation");
  x.ups_module = catalog_ref(w, "ups_module", Need::Optional, "ups");
  x.generator_model = catalog_ref(w, "generator_model", Need::Optional, "generator");
  x.battery_model = catalog_ref(w, "battery_model", Need::Optional, "battery");
}

void ScenarioReader::read_cooling_policy(MapReader& c, model::CoolingPolicy& x) {
  x.ashrae_class = c.choice_of("ashrae_class", Need::Optional, model::ashrae_class_names())
                       .value_or(x.ashrae_class);
  x.heat_rejection = c.choice_of("heat_rejection", Need::Optional, model::heat_rejection_names())
                         .value_or(x.heat_rejection);
  x.cdu = catalog_ref(c, "cdu", Need::Optional, "cdu");
  x.cdu_redundancy =
      redundancy(c, "cdu_redundancy", {"N", "N+1", "N+2", "2N"}).value_or(x.cdu_redundancy);
  x.dry_cooler = catalog_ref(c, "dry_cooler", Need::Optional, "dry_cooler");
  x.chiller = catalog_ref(c, "chiller", Need::Optional, "chiller");
  x.cooling_tower = catalog_ref(c, "cooling_tower", Need::Optional, "cooling_tower");
}

void ScenarioReader::read_cost_policy(MapReader& c, model::CostPolicy& x) {
  x.facility_cost_per_mw = c.quantity<u::PowerPrice>("facility_cost_per_mw", Need::Optional,
                                                     non_negative<u::PowerPrice>());
  x.maintenance_fraction = c.number("maintenance_fraction", Need::Optional, Bound<double>{0, false},
                                    Bound<double>{1, false});
  x.staff_per_mw = c.number("staff_per_mw", Need::Optional, Bound<double>{0, false}, {});
  x.staff_cost_per_year =
      c.quantity<u::Money>("staff_cost_per_year", Need::Optional, non_negative<u::Money>());
  x.tco_horizon = c.quantity<u::Duration>("tco_horizon", Need::Optional, positive<u::Duration>());
  x.discount_rate =
      c.number("discount_rate", Need::Optional, Bound<double>{0, false}, Bound<double>{1, false});
  x.installation_factor =
      c.number("installation_factor", Need::Optional, Bound<double>{0, false}, {});
  x.design_and_permitting_fraction = c.number("design_and_permitting_fraction", Need::Optional,
                                              Bound<double>{0, false}, Bound<double>{1, false});
  x.contingency_fraction = c.number("contingency_fraction", Need::Optional, Bound<double>{0, false},
                                    Bound<double>{1, false});
}

void ScenarioReader::read_allocation_policy(MapReader& a, model::AllocationPolicy& x) {
  if (auto rule =
          a.choice("rule", Need::Optional, {"priority", "proportional", "earliest_ready"})) {
    x.rule = *rule == "proportional"     ? model::AllocationRule::Proportional
             : *rule == "earliest_ready" ? model::AllocationRule::EarliestReady
                                         : model::AllocationRule::Priority;
  }
  order_items_ = a.string_items("order", Need::Optional).value_or(std::vector<Item>{});
  std::set<std::string> seen;
  for (const auto& item : order_items_) {
    if (!seen.insert(item.value).second) {
      diag_.error(item.where, item.path, fmt::format("site \"{}\" is listed twice", item.value),
                  "list each site once, in priority order", item.width);
    }
    x.order.push_back(item.value);
  }
  x.exercise_lead =
      a.quantity<u::Duration>("exercise_lead", Need::Optional, non_negative<u::Duration>())
          .value_or(x.exercise_lead);
}

void ScenarioReader::read_production_policy(MapReader& a, model::ProductionPolicy& x) {
  if (auto release =
          a.choice("release", Need::Optional, {"build_to_need", "as_soon_as_possible"})) {
    x.release = *release == "as_soon_as_possible" ? model::ReleaseRule::AsSoonAsPossible
                                                  : model::ReleaseRule::BuildToNeed;
  }
  x.build_ahead =
      a.quantity<u::Duration>("build_ahead", Need::Optional, non_negative<u::Duration>());
}

void ScenarioReader::read_policies(MapReader& r, model::Policies& p) {
  // Each section is optional; its reader fills the policy, then unknown keys are reported.
  auto section = [&r](const char* key, auto&& read) {
    if (auto m = r.map(key, Need::Optional); m.valid()) {
      read(m);
      m.finish();
    }
  };
  section("fabric", [&](MapReader& m) { read_fabric_policy(m, p.fabric); });
  section("power", [&](MapReader& m) { read_power_policy(m, p.power); });
  section("cooling", [&](MapReader& m) { read_cooling_policy(m, p.cooling); });
  section("cost", [&](MapReader& m) { read_cost_policy(m, p.cost); });
  section("allocation", [&](MapReader& m) { read_allocation_policy(m, p.allocation); });
  section("production", [&](MapReader& m) { read_production_policy(m, p.production); });
  section("finance", [&](MapReader& m) {
    p.finance.cost_of_capital = m.number("cost_of_capital", Need::Optional, Bound<double>{0, false},
                                         Bound<double>{1, false})
                                    .value_or(p.finance.cost_of_capital);
  });
}

model::ParametricClimate ScenarioReader::read_parametric_climate(MapReader& m) {
  model::ParametricClimate pc;
  pc.annual_mean = m.temperature("annual_mean", Need::Required).value_or(u::Temperature{});
  auto nn = non_negative<u::TemperatureDifference>();
  pc.seasonal_amplitude =
      m.quantity<u::TemperatureDifference>("seasonal_amplitude", Need::Required, nn)
          .value_or(u::TemperatureDifference{});
  pc.daily_amplitude = m.quantity<u::TemperatureDifference>("daily_amplitude", Need::Required, nn)
                           .value_or(u::TemperatureDifference{});
  pc.relative_humidity =
      m.number("relative_humidity", Need::Required, Bound<double>{0, true}, Bound<double>{1, false})
          .value_or(0.5);
  m.finish();
  return pc;
}

// The climate: a weather file, read into the model's year here, or a parametric climate.
void ScenarioReader::read_climate(MapReader& c, const std::string& scenario_file,
                                  model::Climate& climate) {
  bool has_epw = c.has("epw");
  bool has_param = c.has("parametric");
  if (has_epw == has_param) {
    c.fail_here("give exactly one of `epw:` (a weather file) or `parametric:`",
                "e.g. `parametric: {annual_mean: \"18 C\", seasonal_amplitude: \"9 K\", "
                "daily_amplitude: \"6 K\", relative_humidity: 0.5}`");
  }
  if (has_epw) {
    auto file = c.string("epw", Need::Required).value_or("");
    std::string p = beside(scenario_file, file);
    if (!file.empty() && !fs::is_regular_file(p)) {
      c.fail("epw", fmt::format("weather file \"{}\" not found", p),
             "paths are relative to the scenario file");
    } else if (!file.empty()) {
      climate.epw_year = load_weather(p, c.child_path("epw"), diag_, limits_);
    }
    climate.epw_file = p;
  }
  if (auto m = c.map("parametric", Need::Optional); m.valid() && has_param) {
    climate.parametric = read_parametric_climate(m);
  }
}

void ScenarioReader::read_target(MapReader& t, model::Target& target) {
  if (auto v = t.integer("racks", Need::Optional, 1, 10'000'000))
    target.racks = static_cast<int>(*v);
  if (auto v = t.integer("gpus", Need::Optional, 1, 1'000'000'000)) target.gpus = *v;
  target.it_power = t.quantity<u::Power>("it_power", Need::Optional, positive<u::Power>());
  int given = int(t.has("racks")) + int(t.has("gpus")) + int(t.has("it_power"));
  if (given != 1) {
    t.fail_here(fmt::format("give exactly one of racks, gpus or it_power, got {}", given),
                "e.g. `target: {racks: 2000}`");
  }
}

void ScenarioReader::read_grid(MapReader& r, std::vector<model::GridStep>& grid) {
  std::optional<Date> prev_date;
  u::Power prev_cap{};
  // A site powered through `power:` may have no `grid:` steps.
  const Need need = r.has("power") ? Need::Optional : Need::Required;
  r.each_map("grid", need, [&](MapReader& g, std::size_t) {
    auto d = g.date("date", Need::Required);
    auto cap = g.quantity<u::Power>("capacity", Need::Required, positive<u::Power>());
    if (d && prev_date && *d <= *prev_date) {
      g.fail("date",
             fmt::format("dates must increase: {} is not after {}", d->to_string(),
                         prev_date->to_string()),
             "list grid steps in date order");
    }
    if (cap && *cap < prev_cap) {
      g.fail("capacity",
             fmt::format("capacity is the total available from this date and must not fall: "
                         "{} MW after {} MW",
                         cap->in(u::MW), prev_cap.in(u::MW)));
    }
    if (d) prev_date = d;
    if (cap) prev_cap = *cap;
    DurationDistribution delay = duration(g, "delay", Need::Optional);
    if (d && cap) grid.push_back({*d, *cap, delay});
    g.finish();
  });
  r.non_empty("grid", "e.g. `grid: [{date: 2027-01-01, capacity: 300 MW}]`");
}

void ScenarioReader::read_site(MapReader& r, model::Site& site, Date start, bool candidate) {
  site.where = r.where();
  site.path = r.path();
  site.name = read_name(r);
  name_where_[r.path()] = r.where("name");
  site.location = location(r);
  if (auto c = r.map("climate", Need::Required); c.valid()) {
    read_climate(c, r.file(), site.climate);
    c.finish();
  }
  site.tariff = r.quantity<u::EnergyPrice>("tariff", Need::Required, non_negative<u::EnergyPrice>())
                    .value_or(u::EnergyPrice{});
  site.water_price =
      r.quantity<u::WaterPrice>("water_price", Need::Optional, non_negative<u::WaterPrice>());
  site.land_cost = r.quantity<u::Money>("land_cost", Need::Optional, non_negative<u::Money>());
  site.land_price =
      r.quantity<u::AreaPrice>("land_price", Need::Optional, non_negative<u::AreaPrice>());
  site.rack_system = catalog_ref(r, "rack_system", Need::Required, "rack_system");
  if (!candidate) {
    if (auto t = r.map("target", Need::Required); t.valid()) {
      read_target(t, site.target);
      t.finish();
    }
    read_grid(r, site.grid);
  }
  site.power = read_site_power(r, power_datasets_);
  if (auto c = r.map("construction", Need::Required); c.valid()) {
    if (!candidate) site.construction.start = c.date("start", Need::Optional).value_or(start);
    site.construction.permitting = duration(c, "permitting", Need::Required);
    site.construction.shell = duration(c, "shell", Need::Required);
    site.construction.fit_out = duration(c, "fit_out", Need::Required);
    site.construction.commissioning = duration(c, "commissioning", Need::Required);
    c.finish();
  }
  if (auto c = r.map("crews", Need::Required); c.valid()) {
    auto pos = positive<u::CountRate>();
    site.crews.install_rate =
        c.quantity<u::CountRate>("install_rate", Need::Required, pos).value_or(u::CountRate{});
    site.crews.commissioning_rate =
        c.quantity<u::CountRate>("commissioning_rate", Need::Required, pos)
            .value_or(u::CountRate{});
    c.finish();
  }
}

void ScenarioReader::read_factory(MapReader& r, model::Factory& f) {
  f.where = r.where();
  f.path = r.path();
  f.name = read_name(r);
  name_where_[r.path()] = r.where("name");
  f.location = location(r);
  if (auto list = r.string_items("products", Need::Required)) {
    for (const auto& p : *list) {
      const model::CatalogEntry* e = catalog_.find(p.value);
      if (!e || e->kind != "rack_system") {
        diag_.error(p.where, p.path,
                    fmt::format("no rack_system named \"{}\" in the catalog", p.value),
                    suggest(p.value, catalog_.names_of_kind("rack_system")), p.width);
      } else {
        f.products.push_back(p.value);
      }
    }
  }
  r.non_empty("products", "name at least one rack_system the factory builds");
  std::optional<Date> prev;
  r.each_map("ramp", Need::Required, [&](MapReader& m, std::size_t) {
    auto d = m.date("date", Need::Required);
    auto rate = m.quantity<u::CountRate>("rate", Need::Required, non_negative<u::CountRate>());
    if (d && prev && *d <= *prev) {
      m.fail("date", fmt::format("dates must increase: {} is not after {}", d->to_string(),
                                 prev->to_string()));
    }
    if (d) prev = d;
    if (d && rate) f.ramp.push_back({*d, *rate});
    m.finish();
  });
  r.non_empty("ramp", "e.g. `ramp: [{date: 2026-01-05, rate: 1000 racks/week}]`");
  const auto lines = r.integer("lines", Need::Optional, 1, 1000);
  f.lines = static_cast<int>(lines.value_or(1));
  f.takt_time = r.quantity<u::Duration>("takt_time", Need::Optional, positive<u::Duration>());
  if (lines && !r.has("takt_time")) {
    r.fail("lines",
           "integration lines need a takt time (the time between racks leaving one line): "
           "capacity = lines x 24 h / takt_time",
           "add e.g. `takt_time: 4 h`, or remove `lines`");
  }
  f.integration_time =
      r.quantity<u::Duration>("integration_time", Need::Optional, positive<u::Duration>())
          .value_or(u::day);
  f.burn_in = r.quantity<u::Duration>("burn_in", Need::Required, non_negative<u::Duration>())
                  .value_or(u::Duration{});
  f.first_pass_yield =
      r.number("first_pass_yield", Need::Required, Bound<double>{0, true}, Bound<double>{1, false})
          .value_or(1.0);
  f.rework = r.quantity<u::Duration>("rework", Need::Required, non_negative<u::Duration>())
                 .value_or(u::Duration{});
  if (auto t = r.map("test_cell", Need::Optional); t.valid() && r.has("test_cell")) {
    model::TestCell cell;
    cell.racks = static_cast<int>(t.integer("racks", Need::Required, 1, 1000).value_or(1));
    cell.duration = duration(t, "duration", Need::Required);
    t.finish();
    f.test_cell = cell;
  }
  read_factory_operations(r, f);
}

void ScenarioReader::read_supplier(MapReader& r, model::Supplier& sup) {
  sup.where = r.where();
  sup.path = r.path();
  sup.name = read_name(r);
  name_where_[r.path()] = r.where("name");
  if (auto c = r.string("component", Need::Required)) {
    const auto& classes = model::component_classes();
    bool is_class = std::find(classes.begin(), classes.end(), *c) != classes.end();
    if (!is_class && !catalog_.find(*c)) {
      std::vector<std::string> all = classes;
      for (const auto& [name, e] : catalog_.entries()) all.push_back(name);
      r.fail("component",
             fmt::format("\"{}\" is neither a component class nor a catalog entry", *c),
             suggest(*c, all));
    }
    sup.component = *c;
  }
  sup.capacity = r.quantity<u::CountRate>("capacity", Need::Required, positive<u::CountRate>())
                     .value_or(u::CountRate{});
  sup.share = r.number("share", Need::Optional, Bound<double>{0, true}, Bound<double>{1, false})
                  .value_or(1.0);
  sup.lead_time = duration(r, "lead_time", Need::Required);
}

void ScenarioReader::read_contract(MapReader& r, model::Contract& c) {
  c.where = r.where();
  c.path = r.path();
  c.name = read_name(r);
  name_where_[r.path()] = r.where("name");
  c.factory = r.string("factory", Need::Required).value_or("");
  c.rack_system = catalog_ref(r, "rack_system", Need::Required, "rack_system");
  c.unit_price = r.quantity<u::Money>("unit_price", Need::Required, non_negative<u::Money>())
                     .value_or(u::Money{});
  r.each_map("firm", Need::Optional, [&](MapReader& m, std::size_t) {
    model::FirmOrder o;
    o.racks = static_cast<int>(m.integer("racks", Need::Required, 1, 10'000'000).value_or(0));
    o.deliver_by = m.date("deliver_by", Need::Required).value_or(Date{});
    m.finish();
    c.firm.push_back(o);
  });
  r.each_map("options", Need::Optional, [&](MapReader& m, std::size_t) {
    model::PurchaseOption o;
    o.racks = static_cast<int>(m.integer("racks", Need::Required, 1, 10'000'000).value_or(0));
    o.unit_price = m.quantity<u::Money>("unit_price", Need::Required, non_negative<u::Money>())
                       .value_or(u::Money{});
    auto open = m.date("window_open", Need::Required);
    auto close = m.date("window_close", Need::Required);
    if (open && close && !(*open < *close)) {
      m.fail("window_close", fmt::format("must be after window_open ({}), got {}",
                                         open->to_string(), close->to_string()));
    }
    o.window_open = open.value_or(Date{});
    o.window_close = close.value_or(Date{});
    o.premium = m.quantity<u::Money>("premium", Need::Optional, non_negative<u::Money>())
                    .value_or(u::Money{});
    m.finish();
    c.options.push_back(o);
  });
  c.late_penalty = r.quantity<u::Money>("late_penalty", Need::Optional, non_negative<u::Money>())
                       .value_or(u::Money{});
  if (c.firm.empty() && c.options.empty() && r.valid()) {
    r.fail_here("a contract needs at least one firm order or purchase option",
                "add `firm: [{racks: 100, deliver_by: 2027-01-01}]` or `options: [...]`");
  }
}

// A name is one line of printable text: it appears in tables and CSV cells and, as a slug, in
// file names (report/file_slug.hpp).
std::string ScenarioReader::read_name(MapReader& r) {
  std::string name = r.string("name", Need::Required).value_or("");
  const auto control =
      std::find_if(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
  if (control != name.end()) {
    r.fail("name",
           fmt::format("must be one line of printable text, got control character {:#04x} at "
                       "byte {}",
                       static_cast<unsigned char>(*control), control - name.begin() + 1),
           "remove line breaks, tabs and other control characters from the name");
  }
  return name;
}

template <class T>
void ScenarioReader::unique_names(const std::string& key, const std::vector<T>& items) {
  std::map<std::string, const T*> seen;
  for (const auto& it : items) {
    if (it.name.empty()) continue;
    auto [pos, inserted] = seen.emplace(it.name, &it);
    if (!inserted) {
      auto at = name_where_.count(it.path) ? name_where_.at(it.path) : it.where;
      auto first = name_where_.count(pos->second->path) ? name_where_.at(pos->second->path)
                                                        : pos->second->where;
      diag_.error(
          at, it.path + ".name",
          fmt::format("duplicate name \"{}\" in {} (first at line {})", it.name, key, first.line),
          "give each a unique name", static_cast<int>(it.name.size()));
    }
  }
}

//! A contract's factory is one of the scenario's factories, and it builds the contract's rack
//! system.
void ScenarioReader::check_contract_factory(MapReader& r, const model::Contract& c,
                                            const std::vector<model::Factory>& factories) {
  bool found = false;
  std::vector<std::string> names;
  for (const auto& f : factories) {
    names.push_back(f.name);
    found = found || f.name == c.factory;
  }
  if (!c.factory.empty() && !found) {
    r.fail("factory", fmt::format("no factory named \"{}\" in this scenario", c.factory),
           suggest(c.factory, names));
  }
  for (const auto& f : factories) {
    if (f.name != c.factory || c.rack_system.empty() || f.products.empty()) continue;
    if (std::find(f.products.begin(), f.products.end(), c.rack_system) == f.products.end()) {
      r.fail("rack_system",
             fmt::format("factory \"{}\" does not build \"{}\" (its products: {})", f.name,
                         c.rack_system, fmt::join(f.products, ", ")),
             "add it to the factory's products or buy it from another factory");
    }
  }
}

void ScenarioReader::read(MapReader& top, model::Scenario& s) {
  s.name = read_name(top);
  s.description = top.string("description", Need::Optional).value_or("");
  s.start = top.date("start", Need::Required).value_or(Date{});
  s.horizon = top.quantity<u::Duration>("horizon", Need::Required, positive<u::Duration>())
                  .value_or(u::Duration{});
  if (s.horizon > 20.0 * u::year) {
    top.fail("horizon",
             fmt::format("must be <= 20 years, got {:.1f} years", s.horizon.in(u::year)));
  }
  if (auto sim = top.map("simulation", Need::Optional); sim.valid()) {
    s.simulation.seed =
        static_cast<std::uint64_t>(sim.integer("seed", Need::Optional, 0, {}).value_or(42));
    s.simulation.runs =
        static_cast<int>(sim.integer("runs", Need::Optional, 1, 1'000'000).value_or(1000));
    sim.finish();
  }
  if (auto pol = top.map("policies", Need::Optional); pol.valid()) {
    read_policies(pol, s.policies);
    pol.finish();
  }
  top.each_map("factories", Need::Required, [&](MapReader& r, std::size_t) {
    s.factories.emplace_back();
    read_factory(r, s.factories.back());
    r.finish();
  });
  top.each_map("suppliers", Need::Optional, [&](MapReader& r, std::size_t) {
    s.suppliers.emplace_back();
    read_supplier(r, s.suppliers.back());
    r.finish();
  });
  top.each_map("contracts", Need::Optional, [&](MapReader& r, std::size_t) {
    s.contracts.emplace_back();
    read_contract(r, s.contracts.back());
    check_contract_factory(r, s.contracts.back(), s.factories);
    r.finish();
  });
  read_candidate_sections(
      top, s, limits_, [&](MapReader& r, model::Site& site) { read_site(r, site, s.start, true); });
  top.each_map("sites", top.has("candidates") ? Need::Optional : Need::Required,
               [&](MapReader& r, std::size_t) {
                 s.sites.emplace_back();
                 read_site(r, s.sites.back(), s.start);
                 s.sites.back().gear_from = read_gear_from(r, s.factories);
                 r.finish();
               });
  top.non_empty("sites", "add at least one site");
  top.non_empty("factories", "add at least one factory");
  unique_names("sites", s.sites);
  unique_names("factories", s.factories);
  unique_names("suppliers", s.suppliers);
  unique_names("contracts", s.contracts);
  // Allocation order names sites.
  std::vector<std::string> site_names;
  for (const auto& site : s.sites) site_names.push_back(site.name);
  for (const auto& item : order_items_) {
    if (std::find(site_names.begin(), site_names.end(), item.value) == site_names.end()) {
      diag_.error(item.where, item.path, fmt::format("no site named \"{}\"", item.value),
                  suggest(item.value, site_names), item.width);
    }
  }
  s.reliability = read_reliability(top, s, catalog_);
  s.demand = read_demand(top, s);
}

}  // namespace

namespace {

// The scenario's document: the file's (or the given) text with the overrides applied.
std::optional<YAML::Node> scenario_document(const ScenarioSource& source, LoadedScenario& out,
                                            Diagnostics& diag) {
  if (source.text) {
    out.text = *source.text;
  } else if (auto text = read_input_text(
                 source.file, source.limits, diag, "",
                 "check the path (relative paths are resolved against the current folder)")) {
    out.text = std::move(*text);
  } else {
    return std::nullopt;
  }
  auto root = load_yaml_text(source.file, out.text, diag, source.limits);
  if (!root) return std::nullopt;
  if (root->IsNull()) {
    diag.error(SourceLocation{source.file, 0, 0}, "", "the file is empty",
               "a scenario starts with `rackscale: 1`; see examples/flagship.yaml");
    return std::nullopt;
  }
  return root;
}

}  // namespace

LoadedScenario read_scenario(const ScenarioSource& source, Diagnostics& diag) {
  const std::size_t errors_before = diag.size();
  LoadedScenario out;
  const std::string& path = source.file;
  out.scenario.file = path;
  out.overrides = source.overrides;
  auto root = scenario_document(source, out, diag);
  if (!root) return out;
  auto sources =
      std::make_shared<const ValueSources>(apply_overrides(*root, source.overrides, diag));
  out.locations = KeyLocations(*root, path, *sources);
  MapReader top(diag, path, *root, "");
  top.set_sources(sources);
  if (!top.valid()) return out;
  top.format_version("rackscale", 1);

  // The catalog first, so that references can be checked as they are read.
  auto files = yaml_files_in(builtin_catalog_dir());
  if (files.empty()) {
    diag.error(SourceLocation{builtin_catalog_dir(), 0, 0}, "", "no built-in catalog files found",
               "set RACKSCALE_CATALOG_DIR to the folder holding the built-in catalog");
  }
  if (auto extra = top.string_items("catalog", Need::Optional)) {
    for (const auto& item : *extra) {
      std::string p = beside(path, item.value);
      if (!fs::is_regular_file(p)) {
        diag.error(item.where, item.path, fmt::format("catalog file \"{}\" not found", p),
                   "paths are relative to the scenario file", item.width);
        continue;
      }
      out.scenario.catalog_files.push_back(p);
      files.push_back(p);
    }
  }
  for (const auto& f : files) read_catalog_file(f, out.catalog, diag, source.limits);

  ScenarioReader reader(diag, out.catalog, source.limits);
  reader.read(top, out.scenario);
  top.finish();
  if (diag.size() == errors_before) check_scenario(out, diag);
  out.sources = diag.sources();
  return out;
}

LoadedScenario read_scenario(const std::string& path, Diagnostics& diag) {
  return read_scenario(ScenarioSource{path, std::nullopt, {}, {}}, diag);
}

LoadedScenario load_scenario(const ScenarioSource& source) {
  Diagnostics diag;
  LoadedScenario out = read_scenario(source, diag);
  diag.throw_if_any();
  return out;
}

LoadedScenario load_scenario(const std::string& path) {
  return load_scenario(ScenarioSource{path, std::nullopt, {}, {}});
}

}  // namespace rackscale::io
