#include "rackscale/io/candidates_loader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/io/catalog_loader.hpp"

namespace rackscale::io {
namespace {

namespace u = rackscale::units;
namespace fs = std::filesystem;

//! The balancing authorities a candidate may name (SPEC: the regions of
//! datasets/interconnection.yaml).
const std::vector<std::string>& balancing_authorities() {
  static const std::vector<std::string> names = {"ERCOT", "PJM",  "MISO",  "SPP",   "SERC",
                                                 "TVA",   "WECC", "CAISO", "NYISO", "ISO-NE"};
  return names;
}

//! source: NIST SP 811 (2008), Appendix B.8: 1 lb = 0.45359237 kg (exact).
constexpr double kKgPerLb = 0.45359237;

//! Dataset keys that describe the entry (its sources, the campus there), not the site.
const std::set<std::string>& dataset_only_keys() {
  static const std::set<std::string> keys = {"sources", "campus"};
  return keys;
}

//! One entry of the candidate dataset.
struct DatasetEntry {
  std::string name;
  YAML::Node node;
};

//! The candidate dataset as read.
struct Dataset {
  std::string file;
  std::vector<DatasetEntry> entries;
  //! The entry named `name`, or null.
  const DatasetEntry* find(const std::string& name) const {
    for (const auto& e : entries) {
      if (e.name == name) return &e;
    }
    return nullptr;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.name);
    return out;
  }
};

//! The dataset file: `candidates.dataset` (relative to the scenario) or the shipped one.
std::string dataset_file(MapReader& c) {
  if (auto given = c.string("dataset", Need::Optional)) {
    return display_path((fs::path(c.file()).parent_path() / *given).lexically_normal());
  }
  const CatalogDirSearch search = find_dataset_dir();
  if (!search.found) {
    c.fail("include",
           fmt::format("the shipped datasets were not found; searched: {}",
                       fmt::join(search.searched, ", ")),
           "set RACKSCALE_DATASET_DIR, or give `dataset: FILE` relative to the scenario");
    return "";
  }
  return display_path(fs::path(*search.found) / "us-candidates.yaml");
}

//! Reads the dataset's list of candidates; nullopt (with the reason recorded) if unusable.
std::optional<Dataset> read_dataset(MapReader& c, const InputLimits& limits) {
  Dataset dataset;
  dataset.file = dataset_file(c);
  if (dataset.file.empty()) return std::nullopt;
  Diagnostics& diag = c.diagnostics();
  auto root = load_yaml_file(dataset.file, diag, limits);
  if (!root) return std::nullopt;
  MapReader top(diag, dataset.file, *root, "");
  if (!top.valid()) return std::nullopt;
  top.format_version("rackscale-dataset", 1);
  top.string("name", Need::Required);
  if (auto list = top.sequence("candidates", Need::Required)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const YAML::Node entry = (*list)[i];
      const YAML::Node name = entry.IsMap() ? entry["name"] : YAML::Node();
      if (!name.IsDefined() || !name.IsScalar()) {
        diag.error(location(dataset.file, entry.Mark()), fmt::format("candidates[{}]", i),
                   "a dataset candidate needs a `name`");
        continue;
      }
      dataset.entries.push_back({name.Scalar(), entry});
    }
  }
  top.finish();
  return dataset;
}

//! The names `include` asks for, in order, each once; unknown names are reported with the
//! nearest ones.
std::vector<std::string> included_names(MapReader& c, const Dataset* dataset) {
  std::vector<std::string> out;
  const auto items = c.string_items("include", Need::Optional);
  if (!items) return out;
  if (!dataset) return out;  // the dataset's problem is already recorded
  const std::vector<std::string> known = dataset->names();
  for (const auto& item : *items) {
    if (item.value == "all") {
      for (const auto& name : known) {
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
      }
    } else if (!dataset->find(item.value)) {
      c.diagnostics().error(
          item.where, item.path,
          fmt::format("no candidate named \"{}\" in {}", item.value, dataset->file),
          suggest(item.value, known) + " (`all` includes every one)", item.width);
    } else if (std::find(out.begin(), out.end(), item.value) == out.end()) {
      out.push_back(item.value);
    }
  }
  return out;
}

//! What one candidate is read from: its `sites` entry (if any), its dataset entry (if any) and
//! the defaults, each a map of the scenario or the dataset.
struct CandidateSource {
  std::string name;
  std::string path;  //!< key path in messages
  YAML::Node entry;  //!< `sites[i]`, when has_entry
  const DatasetEntry* dataset = nullptr;
  bool has_entry = false;  //!< false: the candidate only comes from `include`
};

//! Keys and values of a map being assembled, each key once (a later one replaces it). yaml-cpp
//! assigns nodes by reference, so replacing a key of a built map would change the map the
//! value came from; the map is therefore built once, at the end (map_of).
using KeyValues = std::vector<std::pair<std::string, YAML::Node>>;

//! Sets `key` to `value` in a new list. No element is ever assigned to: YAML::Node's assignment
//! writes into the node it refers to, which may be the defaults' node shared by every candidate
//! (copy construction only shares it).
void set_key(KeyValues& kvs, const std::string& key, const YAML::Node& value) {
  KeyValues out;
  out.reserve(kvs.size() + 1);
  bool found = false;
  for (const auto& kv : kvs) {
    const bool match = kv.first == key;
    out.emplace_back(kv.first, match ? value : kv.second);
    found = found || match;
  }
  if (!found) out.emplace_back(key, value);
  kvs.swap(out);
}

YAML::Node map_of(const KeyValues& kvs) {
  YAML::Node map(YAML::NodeType::Map);
  for (const auto& [key, value] : kvs) map.force_insert(key, value);
  return map;
}

KeyValues key_values(const YAML::Node& map) {
  KeyValues kvs;
  for (const auto& kv : map) kvs.emplace_back(kv.first.Scalar(), kv.second);
  return kvs;
}

//! The value of `key` in `kvs`, or an undefined node.
YAML::Node value_of(const KeyValues& kvs, const std::string& key) {
  for (const auto& kv : kvs) {
    if (kv.first == key) return kv.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

//! `power.interconnection.region` defaults to the candidate's `balancing_authority` (new maps:
//! the defaults' power map is shared by every candidate).
void default_region(KeyValues& merged) {
  const YAML::Node authority = value_of(merged, "balancing_authority");
  const YAML::Node power = value_of(merged, "power");
  if (!authority.IsDefined() || !authority.IsScalar() || !power.IsDefined() || !power.IsMap()) {
    return;
  }
  KeyValues power_keys = key_values(power);
  const YAML::Node interconnection = value_of(power_keys, "interconnection");
  if (!interconnection.IsDefined() || !interconnection.IsMap()) return;
  KeyValues interconnection_keys = key_values(interconnection);
  if (value_of(interconnection_keys, "region").IsDefined()) return;
  set_key(interconnection_keys, "region", authority);
  set_key(power_keys, "interconnection", map_of(interconnection_keys));
  set_key(merged, "power", map_of(power_keys));
}

//! The candidate's keys merged into one map (entry over dataset over defaults), and which keys
//! came from the dataset file.
YAML::Node merged_node(const CandidateSource& source, const YAML::Node& defaults,
                       const std::string& dataset_file, ValueSources& sources) {
  KeyValues merged;
  auto take = [&](const YAML::Node& from, const std::string& file) {
    if (!from.IsDefined() || !from.IsMap()) return;
    for (const auto& kv : from) {
      const std::string key = kv.first.Scalar();
      if (!file.empty() && dataset_only_keys().count(key)) continue;
      set_key(merged, key, kv.second);
      if (file.empty()) {
        sources.erase(source.path + "." + key);
      } else {
        sources[source.path + "." + key] = file;
      }
    }
  };
  take(defaults, "");
  if (source.dataset) take(source.dataset->node, dataset_file);
  if (source.has_entry) take(source.entry, "");
  default_region(merged);
  return map_of(merged);
}

//! A quantity of a dimension without a type of its own (carbon intensity, lb/MWh) [SI].
std::optional<double> quantity_si(MapReader& m, const std::string& key, units::Dim dim,
                                  const std::string& example) {
  YAML::Node n = m.raw(key);
  if (!n.IsDefined()) return std::nullopt;
  auto parsed = units::parse_si(n.IsScalar() ? n.Scalar() : "", dim);
  if (auto* e = std::get_if<units::UnitError>(&parsed)) {
    m.fail(key, e->message,
           e->suggestion.empty() ? "e.g. `" + key + ": " + example + "`" : e->suggestion);
    return std::nullopt;
  }
  if (std::get<double>(parsed) < 0) {
    m.fail(key, fmt::format("must be >= 0, got {}", n.Scalar()));
    return std::nullopt;
  }
  return std::get<double>(parsed);
}

//! The keys a candidate has beyond a site's.
void read_open_keys(MapReader& m, model::CandidateSite& c, Date scenario_start) {
  auto pos = positive<u::Power>();
  c.max_it_power = m.quantity<u::Power>("max_it_power", Need::Required, pos).value_or(u::Power{});
  c.phase = m.quantity<u::Power>("phase", Need::Required, pos).value_or(u::Power{});
  if (c.phase > c.max_it_power && c.max_it_power > u::Power{}) {
    m.fail("phase",
           fmt::format("a phase of {:g} MW exceeds max_it_power ({:g} MW)", c.phase.in(u::MW),
                       c.max_it_power.in(u::MW)),
           "a phase is a block of the site's IT power: make it at most max_it_power");
  }
  c.earliest_start = m.date("earliest_start", Need::Optional).value_or(scenario_start);
  c.title = m.string("title", Need::Optional).value_or("");
  c.balancing_authority =
      m.choice("balancing_authority", Need::Optional, balancing_authorities()).value_or("");
  c.egrid_subregion = m.string("egrid_subregion", Need::Optional).value_or("");
  c.carbon_intensity_lb_per_mwh =
      quantity_si(m, "carbon_intensity", units::dims::kMass - units::dims::kEnergy, "820 lb/MWh")
          .value_or(0.0) *
      u::MWh.si() / kKgPerLb;
  c.water_stress = m.choice_of("water_stress", Need::Optional, model::water_stress_names());
  c.incentives.sales_tax_exemption =
      m.boolean("sales_tax_exemption", Need::Optional).value_or(false);
  if (MapReader inc = m.map("incentives", Need::Optional); inc.valid() && m.has("incentives")) {
    c.incentives.sales_tax_exemption = inc.boolean("sales_tax_exemption", Need::Optional)
                                           .value_or(c.incentives.sales_tax_exemption);
    c.incentives.capex_grant =
        inc.quantity<u::Money>("capex_grant", Need::Optional, non_negative<u::Money>())
            .value_or(u::Money{});
    inc.finish();
  }
}

//! Reads one candidate from its merged map into `scenario.candidates`. Problems go to `scratch`
//! (the defaults are read again for every candidate; the caller keeps each problem once).
void read_candidate(const CandidateSource& source, const YAML::Node& merged, MapReader& parent,
                    std::shared_ptr<ValueSources> sources, Diagnostics& scratch,
                    model::Scenario& scenario, const CandidateSiteReader& read_site) {
  MapReader m(scratch, parent.file(), merged, source.path);
  m.set_sources(std::move(sources));
  model::CandidateSite c;
  c.from_dataset = source.dataset != nullptr;
  read_site(m, c.site);
  c.site.name = source.name;
  read_open_keys(m, c, scenario.start);
  m.finish();
  scenario.candidates.push_back(std::move(c));
}

//! The candidates in order: the included ones, then the `sites` entries not included.
std::vector<CandidateSource> candidate_sources(MapReader& c, const Dataset* dataset) {
  std::vector<CandidateSource> out;
  for (const auto& name : included_names(c, dataset)) {
    out.push_back({name, "candidates.defaults", YAML::Node(), dataset->find(name), false});
  }
  if (auto list = c.sequence("sites", Need::Optional)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const YAML::Node entry = (*list)[i];
      const std::string path = fmt::format("candidates.sites[{}]", i);
      const YAML::Node name = entry.IsMap() ? entry["name"] : YAML::Node();
      const std::string text = name.IsDefined() && name.IsScalar() ? name.Scalar() : "";
      auto included = std::find_if(out.begin(), out.end(),
                                   [&](const CandidateSource& s) { return s.name == text; });
      if (included != out.end() && !included->has_entry) {
        included->entry = entry;
        included->path = path;
        included->has_entry = true;
        continue;
      }
      out.push_back({text, path, entry, dataset ? dataset->find(text) : nullptr, true});
    }
  }
  return out;
}

//! Copies each problem of `scratch` into `diag` once.
void keep_once(const Diagnostics& scratch, Diagnostics& diag) {
  std::set<std::tuple<std::string, int, int, std::string>> seen;
  for (const auto* list : {&scratch.items(), &scratch.warnings()}) {
    for (const Diagnostic& d : *list) {
      if (seen.emplace(d.where.file, d.where.line, d.where.column, d.message).second) diag.add(d);
    }
  }
}

//! The optimizer places one rack system's racks: every candidate must use the first's.
void one_rack_system(MapReader& c, const std::vector<model::CandidateSite>& candidates) {
  for (const auto& candidate : candidates) {
    const std::string& first = candidates.front().site.rack_system;
    if (candidate.site.rack_system.empty() || candidate.site.rack_system == first) continue;
    c.diagnostics().error(candidate.site.where, candidate.site.path + ".rack_system",
                          fmt::format("candidate \"{}\" uses \"{}\", but \"{}\" uses \"{}\": the "
                                      "optimizer places one rack system",
                                      candidate.site.name, candidate.site.rack_system,
                                      candidates.front().site.name, first),
                          "give every candidate the same rack_system");
    return;
  }
}

//! True if `include` needs the dataset or a `sites` entry may name one of its entries.
bool wants_dataset(MapReader& c) {
  return c.has("include") || c.has("dataset");
}

void read_candidates(MapReader& top, model::Scenario& scenario, const InputLimits& limits,
                     const CandidateSiteReader& read_site) {
  MapReader c = top.map("candidates", Need::Optional);
  if (!c.valid() || !top.has("candidates")) return;
  std::optional<Dataset> dataset;
  if (wants_dataset(c)) dataset = read_dataset(c, limits);
  const YAML::Node defaults = c.raw("defaults");
  if (defaults.IsDefined() && !defaults.IsMap()) {
    c.fail("defaults",
           fmt::format("expected a map of candidate keys, got {}", describe_node(defaults)));
  }
  auto sources = std::make_shared<ValueSources>();
  Diagnostics scratch;
  for (const CandidateSource& source : candidate_sources(c, dataset ? &*dataset : nullptr)) {
    const YAML::Node merged = merged_node(source, defaults, dataset ? dataset->file : "", *sources);
    read_candidate(source, merged, c, sources, scratch, scenario, read_site);
  }
  keep_once(scratch, c.diagnostics());
  one_rack_system(c, scenario.candidates);
  if (scenario.candidates.empty()) {
    c.fail_here("no candidates: name dataset entries in `include` or write `sites`",
                "e.g. `include: all`");
  }
  c.finish();
}

//! `optimize.target`: racks online by a date (least_cost).
void read_optimize_target(MapReader& o, model::OptimizeSettings& x) {
  const bool needed = x.objective == model::OptimizeObjective::LeastCost;
  MapReader t = o.map("target", needed ? Need::Required : Need::Optional);
  if (!t.valid() || !o.has("target")) return;
  if (auto racks = t.integer("racks", Need::Required, 1, 10'000'000)) {
    x.target_racks = static_cast<int>(*racks);
  }
  x.target_by = t.date("by", Need::Required);
  t.finish();
}

void read_optimize_limits(MapReader& o, model::OptimizeSettings& x) {
  o.each_map("capex_budget", Need::Optional, [&](MapReader& b, std::size_t) {
    model::CapexBudget budget;
    budget.year = static_cast<int>(b.integer("year", Need::Required, 2000, 2200).value_or(0));
    budget.amount = b.quantity<u::Money>("amount", Need::Required, non_negative<u::Money>())
                        .value_or(u::Money{});
    b.finish();
    x.capex_budget.push_back(budget);
  });
  x.max_concurrent_phases =
      static_cast<int>(o.integer("max_concurrent_phases", Need::Optional, 0, 10'000).value_or(0));
  x.carbon_cap = o.quantity<u::Mass>("carbon_cap", Need::Optional, non_negative<u::Mass>());
  x.water_cap = o.quantity<u::Volume>("water_cap", Need::Optional, non_negative<u::Volume>());
}

void read_optimize(MapReader& top, model::Scenario& scenario) {
  MapReader o = top.map("optimize", Need::Optional);
  if (!o.valid() || !top.has("optimize")) return;
  model::OptimizeSettings x;
  x.objective = o.choice_of("objective", Need::Optional, model::optimize_objective_names())
                    .value_or(x.objective);
  read_optimize_target(o, x);
  const bool npv = x.objective == model::OptimizeObjective::NetPresentValue;
  x.value_per_gpu_hour =
      o.quantity<u::Money>("value_per_gpu_hour", npv ? Need::Required : Need::Optional,
                           positive<u::Money>())
          .value_or(u::Money{});
  x.discount_rate =
      o.number("discount_rate", Need::Optional, Bound<double>{0, false}, Bound<double>{1, false})
          .value_or(x.discount_rate);
  x.period = o.quantity<u::Duration>("period", Need::Optional, Bound<u::Duration>{u::day, false},
                                     Bound<u::Duration>{52.0 * u::week, false})
                 .value_or(x.period);
  read_optimize_limits(o, x);
  x.duration_quantile =
      o.number("duration_quantile", Need::Optional, Bound<double>{0, true}, Bound<double>{1, true})
          .value_or(x.duration_quantile);
  x.top_plans = static_cast<int>(o.integer("top_plans", Need::Optional, 1, 50).value_or(5));
  x.risk_measure = o.choice_of("risk_measure", Need::Optional, model::risk_measure_names())
                       .value_or(x.risk_measure);
  x.time_limit = o.quantity<u::Duration>("time_limit", Need::Optional, positive<u::Duration>())
                     .value_or(x.time_limit);
  x.node_limit =
      static_cast<int>(o.integer("node_limit", Need::Optional, 0, 1'000'000'000).value_or(0));
  o.finish();
  scenario.optimize = x;
}

}  // namespace

void read_candidate_sections(MapReader& top, model::Scenario& scenario, const InputLimits& limits,
                             const CandidateSiteReader& read_site) {
  read_candidates(top, scenario, limits, read_site);
  read_optimize(top, scenario);
  if (scenario.optimize && scenario.candidates.empty() && !top.has("candidates")) {
    top.fail("optimize", "`optimize:` needs candidate sites to choose from",
             "add `candidates: {include: all, defaults: {...}}`");
  }
}

}  // namespace rackscale::io
