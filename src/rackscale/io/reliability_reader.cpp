#include "rackscale/io/reliability_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale::io {

namespace {

namespace u = rackscale::units;
using model::RepairTime;

// The scalar under `key` if it is one.
std::optional<std::string> scalar_text(MapReader& r, const std::string& key) {
  YAML::Node n = r.raw(key);
  if (n.IsDefined() && n.IsScalar()) return n.Scalar();
  return std::nullopt;
}

bool has_digit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit(c) != 0; });
}

// A whole number, or `word` (returned as word = true).
struct IntOrWord {
  std::optional<long long> value;
  bool word = false;
};
IntOrWord integer_or(MapReader& r, const std::string& key, const std::string& word, long long min,
                     long long max) {
  if (auto s = scalar_text(r, key)) {
    if (*s == word) return {std::nullopt, true};
    long long v = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec == std::errc::invalid_argument) {
      r.fail(key, fmt::format("expected a whole number or \"{}\", got \"{}\"", word, *s),
             did_you_mean(*s, {word}));
      return {};
    }
  }
  return {r.integer(key, Need::Optional, min, max), false};
}

// A duration, or `word` (returned as word = true).
struct DurationOrWord {
  std::optional<u::Duration> value;
  bool word = false;
};
DurationOrWord duration_or(MapReader& r, const std::string& key, const std::string& word,
                           std::optional<Bound<u::Duration>> min) {
  if (auto s = scalar_text(r, key)) {
    if (*s == word) return {std::nullopt, true};
    if (!has_digit(*s)) {
      r.fail(key,
             fmt::format("expected a duration such as \"30 min\" or \"{}\", got \"{}\"", word, *s),
             did_you_mean(*s, {word}));
      return {};
    }
  }
  return {r.quantity<u::Duration>(key, Need::Optional, min), false};
}

// A repair time: a plain duration, or a distribution {dist: ..., ...}.
std::optional<RepairTime> repair_time(MapReader& r, const std::string& key) {
  const char* kForms =
      "write a duration such as \"4 h\", or a distribution such as "
      "{dist: lognormal, median: 4 h, p90: 12 h}";
  YAML::Node n = r.raw(key);
  if (!n.IsDefined()) return std::nullopt;
  if (n.IsScalar()) {
    auto d = r.quantity<u::Duration>(key, Need::Optional, non_negative<u::Duration>());
    if (!d) return std::nullopt;
    return RepairTime::fixed(*d);
  }
  if (!n.IsMap()) {
    r.fail(key, fmt::format("expected a duration or a distribution, got {}", describe_node(n)),
           kForms);
    return std::nullopt;
  }
  MapReader m = r.map(key, Need::Optional);
  auto kind = m.choice("dist", Need::Required,
                       {"fixed", "exponential", "uniform", "triangular", "lognormal"});
  if (!kind) return std::nullopt;
  auto nn = non_negative<u::Duration>();
  auto get = [&](const char* k) { return m.quantity<u::Duration>(k, Need::Required, nn); };
  bool ok = true;
  RepairTime t;
  std::optional<u::Duration> a, b, c;
  if (*kind == "fixed") {
    t.kind = RepairTime::Kind::Fixed;
    a = get("value");
  } else if (*kind == "exponential") {
    t.kind = RepairTime::Kind::Exponential;
    a = m.quantity<u::Duration>("mean", Need::Required, positive<u::Duration>());
  } else if (*kind == "uniform") {
    t.kind = RepairTime::Kind::Uniform;
    a = get("min");
    b = get("max");
    ok &= m.check_order("min", a, "max", b, false);
  } else if (*kind == "triangular") {
    t.kind = RepairTime::Kind::Triangular;
    a = get("min");
    b = get("mode");
    c = get("max");
    ok &= m.check_order("min", a, "mode", b, false);
    ok &= m.check_order("mode", b, "max", c, false);
  } else {
    t.kind = RepairTime::Kind::Lognormal;
    a = m.quantity<u::Duration>("median", Need::Required, positive<u::Duration>());
    b = get("p90");
    ok &= m.check_order("median", a, "p90", b, true);
  }
  m.finish();
  const bool complete =
      a && (t.kind == RepairTime::Kind::Fixed || t.kind == RepairTime::Kind::Exponential || b) &&
      (t.kind != RepairTime::Kind::Triangular || c);
  if (!ok || !complete) return std::nullopt;
  t.a = *a;
  t.b = b.value_or(u::Duration{});
  t.c = c.value_or(u::Duration{});
  return t;
}

void read_crews(MapReader& r, model::ReliabilityCrews& c) {
  MapReader m = r.map("crews", Need::Optional);
  if (!m.valid()) return;
  auto t = integer_or(m, "technicians", "unlimited", 1, 1'000'000);
  c.unlimited = t.word;
  if (t.value) c.technicians = static_cast<int>(*t.value);
  c.shifts_per_day =
      static_cast<int>(m.integer("shifts_per_day", Need::Optional, 1, 3).value_or(3));
  m.finish();
}

void read_spares(MapReader& r, model::ReliabilitySpares& s) {
  MapReader m = r.map("spares", Need::Optional);
  if (!m.valid()) return;
  if (auto v = m.integer("hot_spare_racks", Need::Optional, 0, 10'000'000)) {
    s.hot_spare_racks = static_cast<int>(*v);
  }
  if (auto v = m.integer("hot_spare_nodes", Need::Optional, 0, 100'000'000)) {
    s.hot_spare_nodes = static_cast<int>(*v);
  }
  auto p = integer_or(m, "parts_stock", "unlimited", 0, 1'000'000'000);
  s.unlimited_parts = p.word;
  s.parts_stock = p.value;
  s.restock_lead_time =
      m.quantity<u::Duration>("restock_lead_time", Need::Optional, positive<u::Duration>())
          .value_or(s.restock_lead_time);
  m.finish();
}

// GPUs of a scenario site from its target and rack system; nullopt if unknown.
std::optional<long long> site_gpus(const model::Site& site, const model::Catalog& catalog) {
  const auto* rack = catalog.find_as<model::RackSystem>(site.rack_system);
  if (!rack) return std::nullopt;
  return static_cast<long long>(site.target.racks_for(*rack)) * rack->gpus_per_rack();
}

// What the jobs are read against: the scenario's sites, and the first line of each job name.
struct JobContext {
  const model::Scenario& scenario;
  const model::Catalog& catalog;
  std::vector<std::string> site_names;
  std::map<std::string, std::size_t> first_line;
};

// The job's name, unique among the jobs.
void read_job_name(MapReader& m, JobContext& c, model::ReliabilityJob& j) {
  j.name = m.string("name", Need::Required).value_or("");
  if (j.name.empty()) return;
  auto [it, inserted] =
      c.first_line.emplace(j.name, static_cast<std::size_t>(m.where("name").line));
  if (!inserted) {
    m.fail("name", fmt::format("duplicate job name \"{}\" (first at line {})", j.name, it->second),
           "give each job a unique name");
  }
}

// The job's site: the one named, else the scenario's first; nullptr when the name is unknown.
const model::Site* read_job_site(MapReader& m, const JobContext& c, model::ReliabilityJob& j) {
  const auto& sites = c.scenario.sites;
  const model::Site* site = sites.empty() ? nullptr : &sites.front();
  auto s = m.string("site", Need::Optional);
  if (!s) return site;
  auto found = std::find(c.site_names.begin(), c.site_names.end(), *s);
  if (found == c.site_names.end()) {
    m.fail("site", fmt::format("no site named \"{}\" in this scenario", *s),
           suggest(*s, c.site_names));
    return nullptr;
  }
  j.site = *s;
  return &sites[static_cast<std::size_t>(found - c.site_names.begin())];
}

// The job's GPUs ("all", or a count no larger than its site has).
void read_job_gpus(MapReader& m, const JobContext& c, const model::Site* site,
                   model::ReliabilityJob& j) {
  auto g = integer_or(m, "gpus", "all", 1, 1'000'000'000);
  if (!g.value) return;
  j.gpus = *g.value;
  if (!site) return;
  if (auto have = site_gpus(*site, c.catalog); have && *g.value > *have) {
    m.fail("gpus",
           fmt::format("site \"{}\" has {} GPUs, the job asks for {}", site->name, *have, *g.value),
           "lower `gpus`, or write `gpus: all`");
  }
}

// The job's checkpoint, restart and work durations.
void read_job_times(MapReader& m, model::ReliabilityJob& j) {
  auto ci = duration_or(m, "checkpoint_interval", "optimal", positive<u::Duration>());
  j.checkpoint_interval = ci.value;
  j.checkpoint_write =
      m.quantity<u::Duration>("checkpoint_write", Need::Optional, non_negative<u::Duration>())
          .value_or(j.checkpoint_write);
  j.restart = m.quantity<u::Duration>("restart", Need::Optional, non_negative<u::Duration>())
                  .value_or(j.restart);
  j.work = m.quantity<u::Duration>("work", Need::Optional, positive<u::Duration>());
}

void read_jobs(MapReader& r, const model::Scenario& scenario, const model::Catalog& catalog,
               std::vector<model::ReliabilityJob>& jobs) {
  JobContext c{scenario, catalog, {}, {}};
  for (const auto& s : scenario.sites) c.site_names.push_back(s.name);
  r.each_map("jobs", Need::Optional, [&](MapReader& m, std::size_t) {
    model::ReliabilityJob j;
    j.where = m.where();
    j.path = m.path();
    read_job_name(m, c, j);
    const model::Site* site = read_job_site(m, c, j);
    read_job_gpus(m, c, site, j);
    read_job_times(m, j);
    m.finish();
    jobs.push_back(std::move(j));
  });
  r.non_empty("jobs", "list at least one job, or leave `jobs:` out for the default job");
}

void read_rates(MapReader& r, std::vector<model::ComponentOverride>& out) {
  MapReader m = r.map("rates", Need::Optional);
  if (!m.valid()) return;
  for (const auto& name : model::component_type_names()) {
    if (!m.has(name)) continue;
    MapReader c = m.map(name, Need::Required);
    if (!c.valid()) continue;
    model::ComponentOverride o;
    o.type = *model::component_type_from(name);
    o.where = c.where();
    o.path = c.path();
    auto mtbf = duration_or(c, "mtbf", "never", positive<u::Duration>());
    if (mtbf.word) {
      o.mtbf = u::Duration::from_si(std::numeric_limits<double>::infinity());
    } else {
      o.mtbf = mtbf.value;
    }
    o.weibull_shape =
        c.number("shape", Need::Optional, Bound<double>{0.1, false}, Bound<double>{20, false});
    if (c.has("recovery")) {
      if (model::is_facility(o.type)) {
        c.fail("recovery",
               fmt::format("{} is facility gear, repaired by facility staff; `recovery` applies to "
                           "IT components only",
                           name),
               "leave `recovery` out and set `repair`");
      } else if (auto p = c.choice("recovery", Need::Optional, {"restart", "swap", "rma"})) {
        o.recovery = *p == "restart" ? model::RecoveryPath::Restart
                     : *p == "swap"  ? model::RecoveryPath::Swap
                                     : model::RecoveryPath::ReturnToVendor;
      }
    }
    o.repair = repair_time(c, "repair");
    c.finish();
    out.push_back(o);
  }
  m.finish();
}

}  // namespace

model::ReliabilitySettings read_reliability(MapReader& top, const model::Scenario& scenario,
                                            const model::Catalog& catalog) {
  model::ReliabilitySettings s;
  if (!top.has("reliability")) return s;
  MapReader r = top.map("reliability", Need::Optional);
  if (!r.valid()) return s;
  s.given = true;
  s.where = r.where();
  if (auto h = r.quantity<u::Duration>("horizon", Need::Optional, positive<u::Duration>(),
                                       Bound<u::Duration>{10.0 * u::year, false})) {
    s.horizon = *h;
  }
  if (auto n = r.integer("runs", Need::Optional, 1, 1'000'000)) s.runs = static_cast<int>(*n);
  s.goodput_target =
      r.number("goodput_target", Need::Optional, Bound<double>{0, true}, Bound<double>{1, false});
  read_crews(r, s.crews);
  read_spares(r, s.spares);
  read_jobs(r, scenario, catalog, s.jobs);
  read_rates(r, s.rates);
  r.finish();
  return s;
}

}  // namespace rackscale::io
