#include "rackscale/io/scenario_loader.hpp"

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {
namespace {

namespace u = rackscale::units;
namespace fs = std::filesystem;
using model::DurationDistribution;

template <class Q>
std::optional<Bound<Q>> positive() {
  return Bound<Q>{Q{}, true};
}
template <class Q>
std::optional<Bound<Q>> non_negative() {
  return Bound<Q>{Q{}, false};
}

//! Reads the scenario with a catalog at hand for reference checks.
class ScenarioReader {
 public:
  ScenarioReader(Diagnostics& diag, const model::Catalog& catalog)
      : diag_(diag), catalog_(catalog) {}

  void read(MapReader& top, model::Scenario& s);

 private:
  // A value that names a catalog entry of one kind.
  std::string catalog_ref(MapReader& r, const std::string& key, Need need, const std::string& kind);
  DurationDistribution duration(MapReader& r, const std::string& key, Need need);
  model::Location location(MapReader& r);
  void read_policies(MapReader& r, model::Policies& p);
  void read_site(MapReader& r, model::Site& site, Date start);
  void read_factory(MapReader& r, model::Factory& f);
  void read_supplier(MapReader& r, model::Supplier& sup);
  void read_contract(MapReader& r, model::Contract& c);
  template <class T>
  void unique_names(MapReader& top, const std::string& key, const std::vector<T>& items);

  Diagnostics& diag_;
  const model::Catalog& catalog_;
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

DurationDistribution ScenarioReader::duration(MapReader& r, const std::string& key, Need need) {
  DurationDistribution d;
  YAML::Node n = r.raw(key);
  if (!n.IsDefined() || n.IsScalar()) {
    // A plain duration is a fixed value.
    d.a = r.quantity<u::Duration>(key, need, non_negative<u::Duration>()).value_or(u::Duration{});
    return d;
  }
  MapReader m = r.map(key, need);
  if (!m.valid()) return d;
  auto kind = m.choice("dist", Need::Required, {"fixed", "uniform", "triangular", "lognormal"});
  auto nn = non_negative<u::Duration>();
  auto get = [&](const char* k) {
    return m.quantity<u::Duration>(k, Need::Required, nn).value_or(u::Duration{});
  };
  if (kind == "fixed") {
    d.kind = DurationDistribution::Kind::Fixed;
    d.a = get("value");
  } else if (kind == "uniform") {
    d.kind = DurationDistribution::Kind::Uniform;
    d.a = get("min");
    d.b = get("max");
    if (d.b < d.a) m.fail("max", "must be >= min");
  } else if (kind == "triangular") {
    d.kind = DurationDistribution::Kind::Triangular;
    d.a = get("min");
    d.b = get("mode");
    d.c = get("max");
    if (d.b < d.a) m.fail("mode", "must be >= min");
    if (d.c < d.b) m.fail("max", "must be >= mode");
  } else if (kind == "lognormal") {
    d.kind = DurationDistribution::Kind::Lognormal;
    d.a = m.quantity<u::Duration>("median", Need::Required, positive<u::Duration>())
              .value_or(u::Duration{});
    d.b = get("p90");
    if (d.a > u::Duration{} && !(d.b > d.a)) m.fail("p90", "must be greater than median");
  }
  m.finish();
  return d;
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

void ScenarioReader::read_policies(MapReader& r, model::Policies& p) {
  if (auto f = r.map("fabric", Need::Optional); f.valid()) {
    auto& x = p.fabric;
    x.scale_out_switch = catalog_ref(f, "scale_out_switch", Need::Optional, "switch");
    x.spine_switch = catalog_ref(f, "spine_switch", Need::Optional, "switch");
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
      if (list->size() == 0 || list->size() > 3) {
        f.fail("oversubscription",
               fmt::format("needs 1 to 3 values (one per tier), got {}", list->size()));
      }
    }
    x.planes = static_cast<int>(f.integer("planes", Need::Optional, 1, 16).value_or(1));
    x.rail_optimized = f.boolean("rail_optimized", Need::Optional).value_or(true);
    x.scalable_unit_nodes =
        static_cast<int>(f.integer("scalable_unit_nodes", Need::Optional, 0, 100000).value_or(0));
    x.size_to_full_units = f.boolean("size_to_full_units", Need::Optional).value_or(true);
    x.reserved_node_slots =
        static_cast<int>(f.integer("reserved_node_slots", Need::Optional, 0, 64).value_or(0));
    x.frontend_switch = catalog_ref(f, "frontend_switch", Need::Optional, "switch");
    x.oob_switch = catalog_ref(f, "oob_switch", Need::Optional, "switch");
    f.finish();
  }
  if (auto w = r.map("power", Need::Optional); w.valid()) {
    auto& x = p.power;
    const std::vector<std::string> coverage = {"none", "partial", "full"};
    const std::vector<std::string> redundancy = {"N", "N+1", "N+2", "2N", "3N/2", "4N/3", "block"};
    x.ups = w.choice("ups", Need::Optional, coverage).value_or(x.ups);
    x.generator = w.choice("generator", Need::Optional, coverage).value_or(x.generator);
    x.transformer_redundancy = w.choice("transformer_redundancy", Need::Optional, redundancy)
                                   .value_or(x.transformer_redundancy);
    x.unit_substation_redundancy =
        w.choice("unit_substation_redundancy", Need::Optional, redundancy)
            .value_or(x.unit_substation_redundancy);
    x.ups_redundancy =
        w.choice("ups_redundancy", Need::Optional, redundancy).value_or(x.ups_redundancy);
    x.battery = w.boolean("battery", Need::Optional).value_or(x.battery);
    x.max_grid_step =
        w.quantity<u::Power>("max_grid_step", Need::Optional, non_negative<u::Power>())
            .value_or(u::Power{});
    x.swing_period =
        w.quantity<u::Duration>("swing_period", Need::Optional, positive<u::Duration>());
    x.power_factor =
        w.number("power_factor", Need::Optional, Bound<double>{0.5, false}, Bound<double>{1, false})
            .value_or(x.power_factor);
    x.transformer = catalog_ref(w, "transformer", Need::Optional, "transformer");
    x.switchgear = catalog_ref(w, "switchgear", Need::Optional, "switchgear");
    x.unit_substation = catalog_ref(w, "unit_substation", Need::Optional, "unit_substation");
    x.ups_module = catalog_ref(w, "ups_module", Need::Optional, "ups");
    x.generator_model = catalog_ref(w, "generator_model", Need::Optional, "generator");
    x.battery_model = catalog_ref(w, "battery_model", Need::Optional, "battery");
    w.finish();
  }
  if (auto c = r.map("cooling", Need::Optional); c.valid()) {
    auto& x = p.cooling;
    x.ashrae_class =
        c.choice("ashrae_class", Need::Optional, {"W17", "W27", "W32", "W40", "W45", "W+"})
            .value_or(x.ashrae_class);
    x.heat_rejection =
        c.choice("heat_rejection", Need::Optional,
                 {"dry_cooler", "dry_cooler_adiabatic", "water_chiller", "air_chiller"})
            .value_or(x.heat_rejection);
    x.cdu = catalog_ref(c, "cdu", Need::Optional, "cdu");
    x.cdu_redundancy = c.choice("cdu_redundancy", Need::Optional, {"N", "N+1", "N+2", "2N"})
                           .value_or(x.cdu_redundancy);
    x.dry_cooler = catalog_ref(c, "dry_cooler", Need::Optional, "dry_cooler");
    x.chiller = catalog_ref(c, "chiller", Need::Optional, "chiller");
    x.cooling_tower = catalog_ref(c, "cooling_tower", Need::Optional, "cooling_tower");
    c.finish();
  }
  if (auto c = r.map("cost", Need::Optional); c.valid()) {
    auto& x = p.cost;
    x.facility_cost_per_mw = c.quantity<u::PowerPrice>("facility_cost_per_mw", Need::Optional,
                                                       non_negative<u::PowerPrice>());
    x.maintenance_fraction = c.number("maintenance_fraction", Need::Optional,
                                      Bound<double>{0, false}, Bound<double>{1, false});
    x.staff_per_mw = c.number("staff_per_mw", Need::Optional, Bound<double>{0, false}, {});
    x.staff_cost_per_year =
        c.quantity<u::Money>("staff_cost_per_year", Need::Optional, non_negative<u::Money>());
    x.tco_horizon = c.quantity<u::Duration>("tco_horizon", Need::Optional, positive<u::Duration>());
    x.discount_rate =
        c.number("discount_rate", Need::Optional, Bound<double>{0, false}, Bound<double>{1, false});
    c.finish();
  }
  if (auto a = r.map("allocation", Need::Optional); a.valid()) {
    auto& x = p.allocation;
    x.rule = a.choice("rule", Need::Optional, {"priority", "proportional", "earliest_ready"})
                 .value_or(x.rule);
    x.order = a.strings("order", Need::Optional).value_or(std::vector<std::string>{});
    x.exercise_lead =
        a.quantity<u::Duration>("exercise_lead", Need::Optional, non_negative<u::Duration>())
            .value_or(8.0 * u::week);
    a.finish();
  }
}

void ScenarioReader::read_site(MapReader& r, model::Site& site, Date start) {
  site.where = r.where();
  site.path = r.path();
  site.name = r.string("name", Need::Required).value_or("");
  site.location = location(r);
  if (auto c = r.map("climate", Need::Required); c.valid()) {
    bool has_epw = c.has("epw");
    bool has_param = c.has("parametric");
    if (has_epw == has_param) {
      c.fail_here("give exactly one of `epw:` (a weather file) or `parametric:`",
                  "e.g. `parametric: {annual_mean: \"18 C\", seasonal_amplitude: \"9 K\", "
                  "daily_amplitude: \"6 K\", relative_humidity: 0.5}`");
    }
    if (has_epw) {
      auto file = c.string("epw", Need::Required).value_or("");
      fs::path p = fs::path(r.file()).parent_path() / file;
      if (!file.empty() && !fs::exists(p)) {
        c.fail("epw", fmt::format("weather file \"{}\" not found", p.string()),
               "paths are relative to the scenario file");
      }
      site.climate.epw_file = p.string();
    }
    if (auto m = c.map("parametric", Need::Optional); m.valid() && has_param) {
      model::ParametricClimate pc;
      pc.annual_mean = m.temperature("annual_mean", Need::Required).value_or(u::Temperature{});
      auto nn = non_negative<u::TemperatureDifference>();
      pc.seasonal_amplitude =
          m.quantity<u::TemperatureDifference>("seasonal_amplitude", Need::Required, nn)
              .value_or(u::TemperatureDifference{});
      pc.daily_amplitude =
          m.quantity<u::TemperatureDifference>("daily_amplitude", Need::Required, nn)
              .value_or(u::TemperatureDifference{});
      pc.relative_humidity = m.number("relative_humidity", Need::Required, Bound<double>{0, true},
                                      Bound<double>{1, false})
                                 .value_or(0.5);
      m.finish();
      site.climate.parametric = pc;
    }
    c.finish();
  }
  site.tariff = r.quantity<u::EnergyPrice>("tariff", Need::Required, non_negative<u::EnergyPrice>())
                    .value_or(u::EnergyPrice{});
  site.water_price =
      r.quantity<u::WaterPrice>("water_price", Need::Optional, non_negative<u::WaterPrice>());
  site.land_cost = r.quantity<u::Money>("land_cost", Need::Optional, non_negative<u::Money>());
  site.rack_system = catalog_ref(r, "rack_system", Need::Required, "rack_system");

  if (auto t = r.map("target", Need::Required); t.valid()) {
    if (auto v = t.integer("racks", Need::Optional, 1, 10'000'000))
      site.target.racks = static_cast<int>(*v);
    if (auto v = t.integer("gpus", Need::Optional, 1, 1'000'000'000)) site.target.gpus = *v;
    site.target.it_power = t.quantity<u::Power>("it_power", Need::Optional, positive<u::Power>());
    int given = int(t.has("racks")) + int(t.has("gpus")) + int(t.has("it_power"));
    if (given != 1) {
      t.fail_here(fmt::format("give exactly one of racks, gpus or it_power, got {}", given),
                  "e.g. `target: {racks: 2000}`");
    }
    t.finish();
  }

  std::optional<Date> prev_date;
  u::Power prev_cap{};
  r.each_map("grid", Need::Required, [&](MapReader& g, std::size_t) {
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
    if (d && cap) site.grid.push_back({*d, *cap});
    g.finish();
  });
  if (r.has("grid") && r.raw("grid").IsSequence() && r.raw("grid").size() == 0) {
    r.fail("grid", "needs at least one step",
           "e.g. `grid: [{date: 2027-01-01, capacity: \"300 MW\"}]`");
  }

  if (auto c = r.map("construction", Need::Required); c.valid()) {
    site.construction.start = c.date("start", Need::Optional).value_or(start);
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
  f.name = r.string("name", Need::Required).value_or("");
  f.location = location(r);
  if (auto list = r.strings("products", Need::Required)) {
    for (const auto& p : *list) {
      const model::CatalogEntry* e = catalog_.find(p);
      if (!e || e->kind != "rack_system") {
        r.fail("products", fmt::format("no rack_system named \"{}\" in the catalog", p),
               suggest(p, catalog_.names_of_kind("rack_system")));
      } else {
        f.products.push_back(p);
      }
    }
  }
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
  f.lines = static_cast<int>(r.integer("lines", Need::Optional, 1, 1000).value_or(1));
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
}

void ScenarioReader::read_supplier(MapReader& r, model::Supplier& sup) {
  sup.where = r.where();
  sup.path = r.path();
  sup.name = r.string("name", Need::Required).value_or("");
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
  c.name = r.string("name", Need::Required).value_or("");
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
    m.finish();
    c.options.push_back(o);
  });
  if (c.firm.empty() && c.options.empty() && r.valid()) {
    r.fail_here("a contract needs at least one firm order or purchase option");
  }
}

template <class T>
void ScenarioReader::unique_names(MapReader& top, const std::string& key,
                                  const std::vector<T>& items) {
  std::map<std::string, const T*> seen;
  for (const auto& it : items) {
    if (it.name.empty()) continue;
    auto [pos, inserted] = seen.emplace(it.name, &it);
    if (!inserted) {
      diag_.error(it.where, it.path + ".name",
                  fmt::format("duplicate name \"{}\" in {} (first at line {})", it.name, key,
                              pos->second->where.line),
                  "give each a unique name");
    }
  }
  (void)top;
}

void ScenarioReader::read(MapReader& top, model::Scenario& s) {
  s.name = top.string("name", Need::Required).value_or("");
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
    // The factory must be one of the scenario's factories.
    auto& c = s.contracts.back();
    bool found = false;
    std::vector<std::string> names;
    for (const auto& f : s.factories) {
      names.push_back(f.name);
      found = found || f.name == c.factory;
    }
    if (!c.factory.empty() && !found) {
      r.fail("factory", fmt::format("no factory named \"{}\" in this scenario", c.factory),
             suggest(c.factory, names));
    }
    r.finish();
  });
  top.each_map("sites", Need::Required, [&](MapReader& r, std::size_t) {
    s.sites.emplace_back();
    read_site(r, s.sites.back(), s.start);
    r.finish();
  });
  if (top.raw("sites").IsSequence() && top.raw("sites").size() == 0) {
    top.fail("sites", "needs at least one site");
  }
  if (top.raw("factories").IsSequence() && top.raw("factories").size() == 0) {
    top.fail("factories", "needs at least one factory");
  }
  unique_names(top, "sites", s.sites);
  unique_names(top, "factories", s.factories);
  unique_names(top, "suppliers", s.suppliers);
  unique_names(top, "contracts", s.contracts);
  // Allocation order names sites.
  std::vector<std::string> site_names;
  for (const auto& site : s.sites) site_names.push_back(site.name);
  for (const auto& name : s.policies.allocation.order) {
    if (std::find(site_names.begin(), site_names.end(), name) == site_names.end()) {
      MapReader pol = top.map("policies", Need::Optional);
      MapReader alloc = pol.map("allocation", Need::Optional);
      alloc.fail("order", fmt::format("no site named \"{}\"", name), suggest(name, site_names));
    }
  }
}

}  // namespace

LoadedScenario read_scenario(const std::string& path, Diagnostics& diag) {
  LoadedScenario out;
  out.scenario.file = path;
  auto root = load_yaml_file(path, diag);
  if (!root) return out;
  MapReader top(diag, path, *root, "");
  if (!top.valid()) return out;
  top.integer("rackscale", Need::Required, 1, 1);

  // The catalog first, so that references can be checked as they are read.
  auto files = yaml_files_in(builtin_catalog_dir());
  if (files.empty()) {
    diag.error(SourceLocation{builtin_catalog_dir(), 0, 0}, "", "no built-in catalog files found",
               "set RACKSCALE_CATALOG_DIR to the folder holding the built-in catalog");
  }
  if (auto extra = top.strings("catalog", Need::Optional)) {
    for (const auto& f : *extra) {
      fs::path p = fs::path(path).parent_path() / f;
      out.scenario.catalog_files.push_back(p.string());
      files.push_back(p.string());
    }
  }
  for (const auto& f : files) read_catalog_file(f, out.catalog, diag);

  ScenarioReader reader(diag, out.catalog);
  reader.read(top, out.scenario);
  top.finish();
  return out;
}

LoadedScenario load_scenario(const std::string& path) {
  Diagnostics diag;
  LoadedScenario out = read_scenario(path, diag);
  diag.throw_if_any();
  return out;
}

}  // namespace rackscale::io
