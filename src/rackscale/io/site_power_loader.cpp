#include "rackscale/io/site_power_loader.hpp"

#include <filesystem>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/io/duration_reader.hpp"

namespace rackscale::io {
namespace {

namespace u = rackscale::units;
using model::BridgingTechnology;

const std::vector<std::pair<std::string, BridgingTechnology>>& technology_table() {
  static const std::vector<std::pair<std::string, BridgingTechnology>> kTable = {
      {"gas_turbine", BridgingTechnology::GasTurbine},
      {"reciprocating_engine", BridgingTechnology::ReciprocatingEngine},
      {"battery", BridgingTechnology::Battery}};
  return kTable;
}

// The stages of `m` by name; each one required when `required` (else only those present).
void read_stages(MapReader& m, std::array<model::DurationDistribution, 5>& stages, bool required) {
  const auto& names = model::interconnection_stage_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (required || m.has(names[i])) {
      stages[i] = read_duration(m, names[i], required ? Need::Required : Need::Optional);
    }
  }
  m.finish();
}

BridgingInput read_bridging_input(MapReader& r) {
  BridgingInput in;
  if (r.has("lead_time")) in.lead_time = read_duration(r, "lead_time", Need::Optional);
  in.capex = r.quantity<u::PowerPrice>("capex", Need::Optional, non_negative<u::PowerPrice>());
  in.heat_rate =
      r.quantity<u::EnergyRatio>("heat_rate", Need::Optional, non_negative<u::EnergyRatio>());
  in.fuel_price =
      r.quantity<u::EnergyPrice>("fuel_price", Need::Optional, non_negative<u::EnergyPrice>());
  in.emissions =
      r.quantity<u::EmissionRate>("emissions", Need::Optional, non_negative<u::EmissionRate>());
  in.fixed_om =
      r.quantity<u::PowerPriceRate>("fixed_om", Need::Optional, non_negative<u::PowerPriceRate>());
  in.variable_om =
      r.quantity<u::EnergyPrice>("variable_om", Need::Optional, non_negative<u::EnergyPrice>());
  return in;
}

// A dataset file of `dir`, read leniently (the dataset may carry keys the model does not use:
// titles, bases, sources); nullopt when the file does not exist.
std::optional<MapReader> dataset_file(const std::string& dir, const std::string& name,
                                      Diagnostics& diag, const InputLimits& limits) {
  const std::filesystem::path path = std::filesystem::path(dir) / name;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  const std::string file = display_path(path);
  std::optional<YAML::Node> root = load_yaml_file(file, diag, limits);
  if (!root) return std::nullopt;
  MapReader top(diag, file, *root, "");
  top.format_version("rackscale-dataset", 1);
  return top;
}

// One stage figure: the scenario's, else the dataset's, else `fallback` (reported as missing
// when there is none).
template <class T>
T figure(MapReader& r, const char* key, const std::optional<T>& given,
         const std::optional<T>& dataset, std::optional<T> fallback) {
  if (given) return *given;
  if (dataset) return *dataset;
  if (fallback) return *fallback;
  r.fail_here(
      fmt::format("no `{}` for this technology in the entry or in datasets/bridging.yaml", key),
      fmt::format("give `{}:` on the bridging entry", key));
  return T{};
}

model::BridgingFigures merge_figures(MapReader& r, BridgingTechnology technology,
                                     const BridgingInput& given, const BridgingInput& dataset) {
  // A battery burns no fuel: heat rate, fuel price and emissions default to zero. assumption:
  // its charging energy is counted with the grid's, docs/models/power-to-site.md.
  const bool fuel = technology != BridgingTechnology::Battery;
  auto zero_unless_fuel = [&](auto zero) { return fuel ? std::nullopt : std::optional(zero); };
  model::BridgingFigures f;
  f.capex = figure(r, "capex", given.capex, dataset.capex, {});
  f.heat_rate = figure(r, "heat_rate", given.heat_rate, dataset.heat_rate,
                       zero_unless_fuel(u::EnergyRatio{}));
  f.fuel_price = figure(r, "fuel_price", given.fuel_price, dataset.fuel_price,
                        zero_unless_fuel(u::EnergyPrice{}));
  f.emissions = figure(r, "emissions", given.emissions, dataset.emissions,
                       zero_unless_fuel(u::EmissionRate{}));
  // assumption: O&M not given is not counted (zero), docs/models/power-to-site.md.
  f.fixed_om =
      figure(r, "fixed_om", given.fixed_om, dataset.fixed_om, std::optional(u::PowerPriceRate{}));
  f.variable_om = figure(r, "variable_om", given.variable_om, dataset.variable_om,
                         std::optional(u::EnergyPrice{}));
  return f;
}

std::optional<model::Interconnection> read_interconnection(MapReader& power,
                                                           PowerDatasets& datasets) {
  if (!power.has("interconnection")) return std::nullopt;
  MapReader r = power.map("interconnection", Need::Optional);
  if (!r.valid()) return std::nullopt;
  model::Interconnection x;
  const bool inline_only = !r.has("region");
  if (!inline_only) {
    const auto& regions = datasets.regions(r.diagnostics());
    std::vector<std::string> names;
    for (const auto& region : regions) names.push_back(region.name);
    if (names.empty()) {
      r.fail("region",
             fmt::format("no interconnection dataset found (looked in {})", datasets.where()),
             "set RACKSCALE_DATASET_DIR to the folder of interconnection.yaml, or give `stages:`");
    } else if (auto name = r.choice("region", Need::Required, names)) {
      x.region = *name;
      for (const auto& region : regions) {
        if (region.name == *name) x.stages = region.stages;
      }
    }
  }
  x.requested = r.date("requested", Need::Required).value_or(Date{});
  x.capacity =
      r.quantity<u::Power>("capacity", Need::Required, positive<u::Power>()).value_or(u::Power{});
  if (MapReader stages = r.map("stages", inline_only ? Need::Required : Need::Optional);
      stages.valid()) {
    read_stages(stages, x.stages, inline_only);
  }
  r.finish();
  return x;
}

std::optional<model::Bridging> read_bridging(MapReader& b, PowerDatasets& datasets) {
  model::Bridging x;
  auto technology = b.choice_of("technology", Need::Required, technology_table());
  x.capacity =
      b.quantity<u::Power>("capacity", Need::Required, positive<u::Power>()).value_or(u::Power{});
  x.ordered = b.date("ordered", Need::Required).value_or(Date{});
  x.retire_when_grid = b.boolean("retire_when_grid", Need::Optional).value_or(true);
  const BridgingInput given = read_bridging_input(b);
  b.finish();
  if (!technology) return std::nullopt;
  x.technology = *technology;
  const auto& defaults = datasets.technologies(b.diagnostics());
  const auto found = defaults.find(*technology);
  const BridgingInput dataset = found == defaults.end() ? BridgingInput{} : found->second;
  x.lead_time = figure(b, "lead_time", given.lead_time, dataset.lead_time, {});
  x.figures = merge_figures(b, *technology, given, dataset);
  return x;
}

std::optional<model::FlexibleConnection> read_flexible(MapReader& power) {
  if (!power.has("flexible")) return std::nullopt;
  MapReader r = power.map("flexible", Need::Optional);
  if (!r.valid()) return std::nullopt;
  model::FlexibleConnection x;
  x.capacity =
      r.quantity<u::Power>("capacity", Need::Required, positive<u::Power>()).value_or(u::Power{});
  x.earlier_by = r.quantity<u::Duration>("earlier_by", Need::Required, non_negative<u::Duration>())
                     .value_or(u::Duration{});
  x.availability =
      r.number("availability", Need::Required, Bound<double>{0.0, false}, Bound<double>{1.0, false})
          .value_or(1.0);
  r.finish();
  return x;
}

// Rules across the parts: something to read, and a flexible connection that runs ahead of
// (and within) a firm one.
void check_power(MapReader& r, const model::SitePower& power) {
  if (!r.has("interconnection") && !r.has("bridging") && !r.has("flexible")) {
    r.fail_here("`power:` gives none of interconnection, bridging or flexible",
                "e.g. `power: {interconnection: {region: ERCOT, requested: 2026-03-01, "
                "capacity: 500 MW}}`");
  }
  if (!power.flexible) return;
  if (!power.interconnection) {
    r.fail("flexible", "a flexible connection needs the firm `interconnection:` it runs ahead of",
           "add `interconnection:` to `power:`");
  } else if (power.interconnection->capacity > u::Power{} &&  // 0: reported already
             power.flexible->capacity > power.interconnection->capacity) {
    r.fail(
        "flexible",
        fmt::format("capacity {} MW is more than the firm interconnection's {} MW",
                    power.flexible->capacity.in(u::MW), power.interconnection->capacity.in(u::MW)),
        "the flexible connection is the firm one energized early: at most its capacity");
  }
}

}  // namespace

PowerDatasets::PowerDatasets(std::string dir, InputLimits limits)
    : dir_(std::move(dir)), limits_(limits) {}

void PowerDatasets::load(Diagnostics& diag) {
  if (loaded_) return;
  loaded_ = true;
  if (dir_.empty()) {
    const CatalogDirSearch search = find_dataset_dir();
    searched_ = search.searched;
    dir_ = search.found.value_or("");
  } else {
    searched_ = {dir_};
  }
  if (auto top = dataset_file(dir_, "interconnection.yaml", diag, limits_)) {
    top->each_map("regions", Need::Required, [&](MapReader& r, std::size_t) {
      InterconnectionRegion region;
      region.name = r.string("name", Need::Required).value_or("");
      if (MapReader stages = r.map("stages", Need::Required); stages.valid()) {
        read_stages(stages, region.stages, true);
      }
      regions_.push_back(std::move(region));
    });
  }
  if (auto top = dataset_file(dir_, "bridging.yaml", diag, limits_)) {
    top->each_map("technologies", Need::Required, [&](MapReader& r, std::size_t) {
      auto technology = r.choice_of("technology", Need::Required, technology_table());
      BridgingInput figures = read_bridging_input(r);
      if (technology) technologies_[*technology] = figures;
    });
  }
}

const std::vector<InterconnectionRegion>& PowerDatasets::regions(Diagnostics& diag) {
  load(diag);
  return regions_;
}

const std::map<BridgingTechnology, BridgingInput>& PowerDatasets::technologies(Diagnostics& diag) {
  load(diag);
  return technologies_;
}

std::string PowerDatasets::where() const {
  return searched_.empty() ? dir_ : fmt::format("{}", fmt::join(searched_, ", "));
}

std::optional<model::SitePower> read_site_power(MapReader& site, PowerDatasets& datasets) {
  if (!site.has("power")) return std::nullopt;
  MapReader r = site.map("power", Need::Optional);
  if (!r.valid()) return std::nullopt;
  model::SitePower power;
  power.interconnection = read_interconnection(r, datasets);
  r.each_map("bridging", Need::Optional, [&](MapReader& b, std::size_t) {
    if (auto block = read_bridging(b, datasets)) power.bridging.push_back(*block);
  });
  power.flexible = read_flexible(r);
  check_power(r, power);
  r.finish();
  return power;
}

}  // namespace rackscale::io
