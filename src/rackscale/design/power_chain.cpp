#include "rackscale/design/power_chain.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale::design {

namespace {

namespace u = rackscale::units;
using model::Catalog;

// assumption: share of a 480 V PDU's design loss that is transformer core loss (no-load): a
// quarter of its 2% design loss, the rest copper loss (docs/models/power.md, "LV distribution").
constexpr double kPduNoLoadShare = 0.25;
// Secondary voltages at or under this feed 415/240 V racks without PDU transformers.
// assumption: racks take 415/240 V three-phase, as the catalog's 415 V unit substation serves.
constexpr u::Voltage kRackVoltage = 415.0 * u::V;
// More units than this in one stage means the chosen unit is far too small for the site.
constexpr int kMaxStageUnits = 100000;

std::string mw(u::Power p) {
  return fmt::format("{:.2f} MW", p.in(u::MW));
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "(none)" : out;
}

bool same_voltage(u::Voltage a, u::Voltage b) {
  return std::abs(a.si() - b.si()) <= 1e-6 * std::max(std::abs(a.si()), std::abs(b.si()));
}

std::string kv(u::Voltage v) {
  return fmt::format("{:g} kV", v.in(u::kV));
}

// A secondary at rack voltage feeds the racks over busway; above it, PDUs step down.
bool feeds_racks_directly(u::Voltage lv_secondary) {
  return lv_secondary.si() <= kRackVoltage.si() * (1.0 + 1e-9);
}

// A catalog entry chosen for a stage.
template <class T>
struct Pick {
  std::string name;
  const T* spec = nullptr;
  const model::CatalogEntry* entry = nullptr;
};

// The entry the policy names under `key`, or by the default rule: the largest `rating` among
// entries of `kind` that pass `fits` (ties: the first by name). `fit_rule` describes `fits` for
// the error message.
template <class T>
Pick<T> pick(const Catalog& catalog, const std::string& key, const std::string& named,
             const std::string& kind, const std::function<double(const T&)>& rating,
             const std::function<bool(const T&)>& fits, const std::string& fit_rule) {
  const auto names = catalog.names_of_kind(kind);
  if (!named.empty()) {
    const model::CatalogEntry* e = catalog.find(named);
    if (e == nullptr) {
      throw Error(fmt::format("power policy {}: \"{}\" is not in the catalog; {} entries: {}", key,
                              named, kind, join(names)));
    }
    const T* spec = std::get_if<T>(&e->spec);
    if (spec == nullptr) {
      throw Error(fmt::format("power policy {}: \"{}\" is a {}, not a {}; {} entries: {}", key,
                              named, e->kind, kind, kind, join(names)));
    }
    return {named, spec, e};
  }
  Pick<T> best;
  double best_rating = -1.0;
  for (const auto& name : names) {  // sorted by name, so ties keep the first
    const model::CatalogEntry* e = catalog.find(name);
    const T* spec = std::get_if<T>(&e->spec);
    if (spec == nullptr || !fits(*spec)) continue;
    if (rating(*spec) > best_rating) {
      best = {name, spec, e};
      best_rating = rating(*spec);
    }
  }
  if (best.spec == nullptr) {
    throw Error(fmt::format("no {} in the catalog fits{}: {} entries: {}; add one to the catalog",
                            kind, fit_rule.empty() ? "" : " (" + fit_rule + ")", kind,
                            join(names)));
  }
  return best;
}

// Throws if a stage needs an absurd number of units.
void check_unit_count(const RedundantCount& c, const std::string& what, const std::string& name,
                      u::Power capacity, u::Power load) {
  if (c.installed > kMaxStageUnits) {
    throw Error(fmt::format(
        "{} \"{}\" ({:.4g} kW usable each) would need {} units for {}; more than {} units in one "
        "stage means the entry is far too small: choose a larger one",
        what, name, capacity.in(u::kW), c.installed, mw(load), kMaxStageUnits));
  }
}

// What names a stage: its kind and label, the catalog entry chosen and its kind, what it feeds.
struct StageNames {
  StageKind kind = StageKind::Utility;
  std::string label;
  std::string equipment;
  std::string catalog_kind;
  std::string feeds;
};

// A stage of gear rated in VA (transformers, switchgear, unit substations): `load` real power
// carried by units of `rating` x power factor `pf` under `scheme`, in groups of at most `group`
// units.
PowerStage va_rated_stage(StageNames names, const RedundancyScheme& scheme, u::Power rating,
                          double pf, u::Power load, int group) {
  PowerStage st;
  st.kind = names.kind;
  st.label = std::move(names.label);
  st.equipment = std::move(names.equipment);
  st.catalog_kind = std::move(names.catalog_kind);
  st.scheme = scheme;
  st.redundancy = to_string(scheme);
  st.feeds = std::move(names.feeds);
  st.unit_rating = rating;
  st.rated_in_va = true;
  st.unit_capacity = rating * pf;
  st.count = count_redundant(load, st.unit_capacity, scheme, group);
  check_unit_count(st.count, st.catalog_kind, st.equipment, st.unit_capacity, load);
  return st;
}

// Transformer-bank losses for a stage whose counts are set.
void set_bank_losses(PowerStage& st, TransformerLosses losses, double pf) {
  st.loss_model.kind = StageLossModel::Kind::TransformerBank;
  st.loss_model.transformer = losses;
  st.loss_model.power_factor = pf;
  st.loss_model.installed = st.count.installed;
  st.loss_model.loaded = st.count.loaded;
}

void check_non_negative(u::Power p, const char* key) {
  if (!(p.si() >= 0.0) || !std::isfinite(p.si())) {
    throw Error(fmt::format("power loads: {} must be a finite power >= 0, got {} W", key, p.si()));
  }
}

StageFlow flow(const PowerStage& s, u::Power output, u::Power loss) {
  StageFlow f;
  f.output = output;
  f.loss = loss;
  f.input = output + loss;
  f.efficiency = f.input.si() > 0.0 ? output / f.input : 1.0;
  const double capacity = s.count.loaded * s.unit_capacity.si();
  f.loading = capacity > 0.0 ? output.si() / capacity : 0.0;
  return f;
}

}  // namespace

std::string to_string(StageKind k) {
  switch (k) {
    case StageKind::Utility:
      return "utility";
    case StageKind::Transformer:
      return "transformer";
    case StageKind::Switchgear:
      return "switchgear";
    case StageKind::UnitSubstation:
      return "unit_substation";
    case StageKind::Ups:
      return "ups";
    case StageKind::Distribution:
      return "distribution";
    case StageKind::RackPower:
      return "rack_power";
  }
  return "?";
}

double distribution_efficiency(u::Voltage lv_secondary) {
  return feeds_racks_directly(lv_secondary) ? 0.995 : 0.98;
}

u::Power StageLossModel::loss(u::Power output) const {
  switch (kind) {
    case Kind::Lossless:
      return u::Power{};
    case Kind::TransformerBank: {
      if (installed == 0) return u::Power{};
      const u::Power per_unit = loaded > 0 ? output / (power_factor * loaded) : u::Power{};
      return transformer.loss(per_unit) * static_cast<double>(loaded) +
             transformer.no_load_loss * static_cast<double>(installed - loaded);
    }
    case Kind::UpsModules: {
      if (installed == 0) return u::Power{};
      const u::Power per_unit = loaded > 0 ? output / static_cast<double>(loaded) : u::Power{};
      return ups_module_loss(ups_curve, ups_module_rating, per_unit) * static_cast<double>(loaded) +
             ups_module_loss(ups_curve, ups_module_rating, u::Power{}) *
                 static_cast<double>(installed - loaded);
    }
    case Kind::Distribution:
      return distribution.loss(output);
    case Kind::ConstantEfficiency:
      return output * (1.0 / efficiency - 1.0);
  }
  return u::Power{};
}

std::vector<StageFlow> PowerChain::operate(u::Power critical_load, u::Power mechanical_load) const {
  const u::Power non_training = loads.network + loads.storage_and_management;
  const u::Power critical = std::max(critical_load, u::Power{});
  const u::Power mechanical = std::max(mechanical_load, u::Power{});
  u::Power backed;
  if (ups_coverage == model::BackupCoverage::Full) backed = critical;
  if (ups_coverage == model::BackupCoverage::Partial) backed = std::min(critical, non_training);
  const u::Power it = std::max(critical - non_training, u::Power{});

  std::vector<StageFlow> flows(stages.size());
  // Walk from the racks up to the grid; each stage's output is set by the stages below it.
  StageFlow dist, ups;
  for (std::size_t k = stages.size(); k-- > 0;) {
    const PowerStage& s = stages[k];
    StageFlow& f = flows[k];
    switch (s.kind) {
      case StageKind::RackPower: {
        // The shelves draw the IT load and deliver it as DC.
        const u::Power out = it * s.loss_model.efficiency;
        f = flow(s, out, it - out);
        break;
      }
      case StageKind::Distribution:
        f = flow(s, critical, s.loss_model.loss(critical));
        dist = f;
        break;
      case StageKind::Ups: {
        // Distribution losses are shared in proportion to the loads behind the UPS.
        const u::Power out = critical.si() > 0.0 ? dist.input * (backed / critical) : u::Power{};
        f = flow(s, out, s.loss_model.loss(out));
        ups = f;
        break;
      }
      case StageKind::UnitSubstation: {
        const u::Power out = dist.input + ups.loss + mechanical;
        f = flow(s, out, s.loss_model.loss(out));
        break;
      }
      case StageKind::Switchgear:
      case StageKind::Transformer:
      case StageKind::Utility: {
        const u::Power out = flows[k + 1].input;
        f = flow(s, out, s.loss_model.loss(out));
        break;
      }
    }
  }
  return flows;
}

u::Power PowerChain::losses(u::Power critical_load, u::Power mechanical_load) const {
  return losses(operate(critical_load, mechanical_load));
}

u::Power PowerChain::losses(const std::vector<StageFlow>& flows) const {
  u::Power total;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    if (!stages[k].loss_inside_it) total += flows[k].loss;
  }
  return total;
}

u::Power PowerChain::indoor_losses(const std::vector<StageFlow>& flows) const {
  u::Power total;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    if (stages[k].loss_indoors) total += flows[k].loss;
  }
  return total;
}

u::Power PowerChain::indoor_losses_at_design() const {
  u::Power total;
  for (const auto& s : stages) {
    if (s.loss_indoors) total += s.design.loss;
  }
  return total;
}

GridDemand PowerChain::demand(u::Power critical_load, u::Power mechanical_load) const {
  GridDemand d;
  d.critical = std::max(critical_load, u::Power{});
  d.mechanical = std::max(mechanical_load, u::Power{});
  d.losses = losses(critical_load, mechanical_load);
  d.total = d.critical + d.mechanical + d.losses;
  d.apparent = d.total / power_factor;
  return d;
}

const PowerStage* PowerChain::stage(StageKind kind) const {
  for (const auto& s : stages) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

namespace {

// The gear the chain is built from, grid side first.
struct ChainGear {
  Pick<model::Transformer> transformer;
  Pick<model::Switchgear> switchgear;
  Pick<model::UnitSubstation> unit_substation;
  std::optional<Pick<model::Ups>> ups;
  std::optional<Pick<model::Generator>> generator;
};

// One power-chain design in progress: the checked input, the gear chosen, the flows found while
// sizing from the racks up, and the chain. Each phase below fills in one part.
struct ChainDesign {
  const PowerChainInput& input;
  const Catalog& catalog;
  model::PowerPolicy policy;
  SiteLoads loads;              // typical and peak defaulted to design
  u::Power non_training{};      // network + storage and management
  u::Power critical{};          // IT design + non-training
  u::Power mechanical{};        // cooling electrical load on the design day
  int max_units_per_group = 0;  // of PowerDesignOptions
  ChainGear gear{};
  u::Power distribution_input{};  // drawn by LV distribution at design
  u::Power ups_loss{};            // of the UPS stage at design (0 without one)
  bool mv_service = false;        // utility service at the MV bus: no substation transformers
  PowerChain chain{};

  double power_factor() const { return policy.power_factor; }
};

// Input phase: loads checked and defaulted, the policy's power factor checked.
ChainDesign checked_input(const PowerChainInput& in, const Catalog& catalog) {
  ChainDesign d{in, catalog, in.policy ? *in.policy : model::PowerPolicy{}, in.loads};
  SiteLoads& loads = d.loads;
  check_non_negative(loads.it_design, "it_design");
  check_non_negative(loads.it_typical, "it_typical");
  check_non_negative(loads.it_idle, "it_idle");
  check_non_negative(loads.it_peak, "it_peak");
  check_non_negative(loads.network, "network");
  check_non_negative(loads.storage_and_management, "storage_and_management");
  check_non_negative(loads.mechanical_design, "mechanical_design");
  if (in.racks < 0) throw Error(fmt::format("racks must be >= 0, got {}", in.racks));
  if (loads.it_typical.si() == 0.0) loads.it_typical = loads.it_design;
  if (loads.it_peak.si() == 0.0) loads.it_peak = loads.it_design;
  d.non_training = loads.network + loads.storage_and_management;
  d.critical = loads.it_design + d.non_training;
  d.mechanical = loads.mechanical_design;
  d.max_units_per_group = in.options.max_units_per_group;
  if (!(d.critical.si() > 0.0)) {
    throw Error(
        "power loads: the critical load (IT + network + storage and management) is 0; "
        "nothing to design a power chain for");
  }
  if (!(d.policy.power_factor > 0.0 && d.policy.power_factor <= 1.0)) {
    throw Error(
        fmt::format("power policy power_factor must be in (0, 1], got {}", d.policy.power_factor));
  }
  return d;
}

// MV switchgear rated at the transformers' secondary voltage.
Pick<model::Switchgear> choose_switchgear(const ChainDesign& d,
                                          const Pick<model::Transformer>& transformer) {
  const u::Voltage mv = transformer.spec->secondary_voltage;
  const auto switchgear = pick<model::Switchgear>(
      d.catalog, "switchgear", d.policy.switchgear, "switchgear",
      [](const model::Switchgear& s) { return s.rating.si(); },
      [&](const model::Switchgear& s) { return same_voltage(s.voltage, mv); },
      "voltage " + kv(mv) + ", the secondary of transformer " + transformer.name);
  if (!same_voltage(switchgear.spec->voltage, mv)) {
    throw Error(fmt::format(
        "power policy switchgear: \"{}\" is rated {} but transformer \"{}\" steps down to {}; "
        "choose switchgear rated {}",
        switchgear.name, kv(switchgear.spec->voltage), transformer.name, kv(mv), kv(mv)));
  }
  return switchgear;
}

// Unit substations whose primary is the MV bus.
Pick<model::UnitSubstation> choose_unit_substation(const ChainDesign& d,
                                                   const Pick<model::Switchgear>& switchgear) {
  const u::Voltage mv = switchgear.spec->voltage;
  const auto unit_substation = pick<model::UnitSubstation>(
      d.catalog, "unit_substation", d.policy.unit_substation, "unit_substation",
      [](const model::UnitSubstation& s) { return s.rating.si(); },
      [&](const model::UnitSubstation& s) { return same_voltage(s.primary_voltage, mv); },
      "primary " + kv(mv) + ", the MV bus");
  if (!same_voltage(unit_substation.spec->primary_voltage, mv)) {
    throw Error(fmt::format(
        "power policy unit_substation: \"{}\" takes {} but the MV bus (switchgear \"{}\") is {}; "
        "choose a unit substation with a {} primary",
        unit_substation.name, kv(unit_substation.spec->primary_voltage), switchgear.name, kv(mv),
        kv(mv)));
  }
  return unit_substation;
}

// Gear phase: the catalog entries of every stage (UPS modules and generators only when used or
// named).
void choose_gear(ChainDesign& d) {
  const auto any = [](const auto&) { return true; };
  ChainGear& g = d.gear;
  g.transformer = pick<model::Transformer>(
      d.catalog, "transformer", d.policy.transformer, "transformer",
      [](const model::Transformer& t) { return t.rating.si(); }, any, "");
  g.switchgear = choose_switchgear(d, g.transformer);
  g.unit_substation = choose_unit_substation(d, g.switchgear);
  if (d.policy.ups != model::BackupCoverage::None || !d.policy.ups_module.empty()) {
    g.ups = pick<model::Ups>(
        d.catalog, "ups_module", d.policy.ups_module, "ups",
        [](const model::Ups& x) { return x.module_rating.si(); }, any, "");
  }
  if (d.policy.generator != model::BackupCoverage::None || !d.policy.generator_model.empty()) {
    g.generator = pick<model::Generator>(
        d.catalog, "generator_model", d.policy.generator_model, "generator",
        [](const model::Generator& x) { return x.rating.si(); }, any, "");
  }
}

// Rack power shelves: PSUs per rack from the rack system; none without its shelf figures.
std::optional<PowerStage> rack_power_stage(ChainDesign& d) {
  const model::RackSystem* rack = d.input.rack;
  const int racks = d.input.racks;
  if (!(rack && rack->power_shelves && rack->psus_per_shelf && rack->psu_rating && racks > 0 &&
        d.loads.it_design.si() > 0.0)) {
    d.chain.notes.push_back(
        "rack power shelves: the rack system gives no power_shelves/psus_per_shelf/psu_rating "
        "(or there are no racks); stage omitted");
    return std::nullopt;
  }
  const u::Power psu_rating = *rack->psu_rating;
  PowerStage s;
  s.kind = StageKind::RackPower;
  s.label = "Rack power shelves (AC/DC)";
  s.equipment = fmt::format("{} shelves x {} PSUs of {:g} kW per rack", *rack->power_shelves,
                            *rack->psus_per_shelf, psu_rating.in(u::kW));
  s.feeds = "IT racks";
  s.unit_rating = s.unit_capacity = psu_rating;
  s.loss_inside_it = true;
  s.loss_model.kind = StageLossModel::Kind::ConstantEfficiency;
  s.loss_model.efficiency = kRackPsuEfficiency;
  const int psus_per_rack = *rack->power_shelves * *rack->psus_per_shelf;
  const u::Power dc_per_rack = d.loads.it_design * kRackPsuEfficiency / racks;
  const int needed = ceil_units(dc_per_rack / psu_rating);
  s.count.needed = needed * racks;
  s.count.installed = s.count.loaded = psus_per_rack * racks;
  s.count.groups = racks;
  s.count.loading_normal = dc_per_rack / (psu_rating * psus_per_rack);
  if (psus_per_rack > 1) {
    s.count.loading_after_failure = dc_per_rack / (psu_rating * (psus_per_rack - 1));
  }
  s.redundancy = fmt::format("{}+{} per rack", needed, std::max(0, psus_per_rack - needed));
  s.loss_model.installed = s.loss_model.loaded = s.count.installed;
  if (needed > psus_per_rack) {
    d.chain.notes.push_back(
        fmt::format("rack power shelves: {:.1f} kW DC per rack needs {} PSUs but the rack has {}",
                    dc_per_rack.in(u::kW), needed, psus_per_rack));
  }
  return s;
}

// LV distribution: busway at rack voltage, PDUs stepping down from a higher secondary.
PowerStage distribution_stage(ChainDesign& d) {
  PowerStage dist;
  dist.kind = StageKind::Distribution;
  const u::Voltage lv = d.gear.unit_substation.spec->secondary_voltage;
  const bool busway = feeds_racks_directly(lv);
  dist.label = busway ? "LV busway to racks" : "LV PDUs to racks";
  dist.equipment = busway ? fmt::format("busway, {:g} V", lv.in(u::V))
                          : fmt::format("PDUs {:g} V to 415/240 V", lv.in(u::V));
  dist.redundancy = "per rack feed";
  dist.feeds = "all critical loads (IT, network, storage and management)";
  dist.voltage_in = lv;
  dist.voltage_out = busway ? lv : kRackVoltage;
  dist.loss_indoors = true;
  dist.loss_model.kind = StageLossModel::Kind::Distribution;
  dist.loss_model.distribution =
      DistributionLosses{d.critical, distribution_efficiency(lv), busway ? 0.0 : kPduNoLoadShare};
  d.distribution_input = d.critical + dist.loss_model.loss(d.critical);
  return dist;
}

// The UPS modules carrying the backed share of the distribution's input.
PowerStage ups_modules_stage(ChainDesign& d, u::Power backed) {
  const Pick<model::Ups>& ups = *d.gear.ups;
  const bool full = d.policy.ups == model::BackupCoverage::Full;
  PowerStage s;
  s.kind = StageKind::Ups;
  s.label = full ? "UPS (all critical loads)" : "UPS (network, storage, management)";
  s.equipment = ups.name;
  s.catalog_kind = "ups";
  s.scheme = d.policy.ups_redundancy;
  s.redundancy = to_string(d.policy.ups_redundancy);
  s.feeds = full ? "all critical loads (IT, network, storage and management)"
                 : "non-training loads: network, storage and management";
  s.unit_rating = s.unit_capacity = ups.spec->module_rating;
  s.voltage_in = s.voltage_out = d.gear.unit_substation.spec->secondary_voltage;
  s.loss_indoors = true;
  const u::Power out = d.distribution_input * (backed / d.critical);
  s.count = count_redundant(out, s.unit_capacity, d.policy.ups_redundancy, d.max_units_per_group);
  check_unit_count(s.count, "ups_module", ups.name, s.unit_capacity, out);
  s.loss_model.kind = StageLossModel::Kind::UpsModules;
  s.loss_model.ups_curve = ups.spec->efficiency_curve;
  s.loss_model.ups_module_rating = ups.spec->module_rating;
  s.loss_model.installed = s.count.installed;
  s.loss_model.loaded = s.count.loaded;
  try {
    d.ups_loss = s.loss_model.loss(out);
  } catch (const Error& e) {
    throw Error(fmt::format("ups \"{}\": {}", ups.name, e.what()));
  }
  return s;
}

// UPS phase: modules for the loads the policy backs, or a note on why there are none.
std::optional<PowerStage> ups_stage(ChainDesign& d) {
  using model::BackupCoverage;
  u::Power backed;
  if (d.policy.ups == BackupCoverage::Full) backed = d.critical;
  if (d.policy.ups == BackupCoverage::Partial) backed = d.non_training;
  std::optional<PowerStage> stage;
  if (backed.si() > 0.0) {
    stage = ups_modules_stage(d, backed);
  } else if (d.policy.ups == BackupCoverage::Partial) {
    d.chain.notes.push_back(
        "ups: partial, but there is no network, storage or management load; "
        "no UPS sized");
  }
  if (d.policy.ups == BackupCoverage::None) {
    d.chain.notes.push_back(
        "ups: none: every critical load rides the grid (a grid-only design, as described for "
        "Microsoft Fairwater's AI campuses)");
  }
  return stage;
}

// Unit substations (MV/LV): the critical loads with their LV losses, and the mechanical load
// fed at LV from them.
PowerStage unit_substation_stage(const ChainDesign& d, u::Power output) {
  const Pick<model::UnitSubstation>& uss = d.gear.unit_substation;
  PowerStage s = va_rated_stage({.kind = StageKind::UnitSubstation,
                                 .label = "Unit substations (MV/LV)",
                                 .equipment = uss.name,
                                 .catalog_kind = "unit_substation",
                                 .feeds = "critical loads and the mechanical (cooling) load"},
                                d.policy.unit_substation_redundancy, uss.spec->rating,
                                d.power_factor(), output, d.max_units_per_group);
  s.voltage_in = uss.spec->primary_voltage;
  s.voltage_out = uss.spec->secondary_voltage;
  s.loss_indoors = true;
  set_bank_losses(s,
                  transformer_losses(uss.name, uss.spec->rating, uss.spec->efficiency, std::nullopt,
                                     kUnitSubstationNoLoadShare),
                  d.power_factor());
  return s;
}

// MV switchgear: lineups follow the substation transformers' scheme; lossless (assumption).
PowerStage switchgear_stage(const ChainDesign& d, u::Power output) {
  const Pick<model::Switchgear>& sg = d.gear.switchgear;
  PowerStage s = va_rated_stage({.kind = StageKind::Switchgear,
                                 .label = "MV switchgear",
                                 .equipment = sg.name,
                                 .catalog_kind = "switchgear",
                                 .feeds = "whole site"},
                                d.policy.transformer_redundancy, sg.spec->rating, d.power_factor(),
                                output, d.max_units_per_group);
  s.voltage_in = s.voltage_out = sg.spec->voltage;
  s.loss_model.kind = StageLossModel::Kind::Lossless;
  return s;
}

// Sizing phase of the substation transformers when the policy names none: among the catalog's
// transformers stepping down to the MV bus, the one that carries `load` with the fewest
// installed units under the policy's redundancy; ties go to the smallest rating (the least idle
// capacity), then to the first by name.
void size_transformer(ChainDesign& d, u::Power load) {
  if (!d.policy.transformer.empty()) return;
  const u::Voltage mv = d.gear.switchgear.spec->voltage;
  int best_units = 0;
  for (const auto& name : d.catalog.names_of_kind("transformer")) {  // sorted by name
    const model::CatalogEntry* e = d.catalog.find(name);
    const auto* spec = std::get_if<model::Transformer>(&e->spec);
    if (spec == nullptr || !same_voltage(spec->secondary_voltage, mv)) continue;
    const int units = count_redundant(load, spec->rating * d.power_factor(),
                                      d.policy.transformer_redundancy, d.max_units_per_group)
                          .installed;
    const bool better = best_units == 0 || units < best_units ||
                        (units == best_units && spec->rating < d.gear.transformer.spec->rating);
    if (better) {
      d.gear.transformer = {name, spec, e};
      best_units = units;
    }
  }
}

// Substation transformers (HV/MV).
PowerStage transformer_stage(const ChainDesign& d, u::Power output) {
  const Pick<model::Transformer>& xf = d.gear.transformer;
  PowerStage s = va_rated_stage({.kind = StageKind::Transformer,
                                 .label = "Substation transformers (HV/MV)",
                                 .equipment = xf.name,
                                 .catalog_kind = "transformer",
                                 .feeds = "whole site"},
                                d.policy.transformer_redundancy, xf.spec->rating, d.power_factor(),
                                output, d.max_units_per_group);
  s.voltage_in = xf.spec->primary_voltage;
  s.voltage_out = xf.spec->secondary_voltage;
  set_bank_losses(
      s,
      transformer_losses(xf.name, xf.spec->rating, xf.spec->efficiency, xf.spec->no_load_loss, 0.0),
      d.power_factor());
  return s;
}

// Service phase: a site whose MV-bus load is within the utility's medium-voltage service limit
// takes its service at the MV bus (the utility owns the step-down), unless the policy names a
// substation transformer.
void choose_service(ChainDesign& d, u::Power mv_load) {
  const u::Power limit = d.input.options.mv_service_limit;
  d.mv_service = d.policy.transformer.empty() && limit.si() > 0.0 && mv_load <= limit;
  if (!d.mv_service) return;
  d.chain.notes.push_back(fmt::format(
      "utility service at {} (medium voltage): the load at the MV bus, {:.2f} MW, is within the "
      "{:g} MW a utility serves from its distribution system; no substation transformers or HV "
      "switchyard (name a transformer in the power policy to take HV service)",
      kv(d.gear.switchgear.spec->voltage), mv_load.in(u::MW), limit.in(u::MW)));
}

// The utility interconnect: sized by the operating-point phase.
PowerStage utility_stage(const ChainDesign& d) {
  const u::Voltage voltage =
      d.mv_service ? d.gear.switchgear.spec->voltage : d.gear.transformer.spec->primary_voltage;
  PowerStage utility;
  utility.kind = StageKind::Utility;
  utility.label = "Utility interconnect";
  utility.equipment = fmt::format("grid at {}", kv(voltage));
  utility.redundancy = "as contracted";
  utility.feeds = "whole site: critical + mechanical + losses";
  utility.voltage_out = voltage;
  utility.loss_model.kind = StageLossModel::Kind::Lossless;
  return utility;
}

// Stage phase: every stage sized from the racks up (each stage's output is the input of the
// stages below it), then listed grid first.
void build_stages(ChainDesign& d) {
  const std::optional<PowerStage> rack = rack_power_stage(d);
  const PowerStage distribution = distribution_stage(d);
  const std::optional<PowerStage> ups = ups_stage(d);
  const u::Power unit_substation_output = d.distribution_input + d.ups_loss + d.mechanical;
  const PowerStage unit_substation = unit_substation_stage(d, unit_substation_output);
  const u::Power mv_output =
      unit_substation_output + unit_substation.loss_model.loss(unit_substation_output);
  choose_service(d, mv_output);
  if (!d.mv_service) size_transformer(d, mv_output);
  std::vector<PowerStage>& stages = d.chain.stages;
  stages.push_back(utility_stage(d));
  if (!d.mv_service) stages.push_back(transformer_stage(d, mv_output));
  stages.push_back(switchgear_stage(d, mv_output));
  stages.push_back(unit_substation);
  if (ups) stages.push_back(*ups);
  stages.push_back(distribution);
  if (rack) stages.push_back(*rack);
}

// Operating-point phase: flows at design, typical and peak; the interconnect is sized to the
// design demand, so its loading is demand / design demand.
void set_operating_points(ChainDesign& d) {
  PowerChain& chain = d.chain;
  const u::Power critical_typical = d.loads.it_typical + d.non_training;
  const u::Power mechanical_typical = d.mechanical * (critical_typical / d.critical);
  const auto at_design = chain.operate(d.critical, d.mechanical);
  const auto at_typical = chain.operate(critical_typical, mechanical_typical);
  const auto at_peak = chain.operate(d.loads.it_peak + d.non_training, d.mechanical);
  for (std::size_t k = 0; k < chain.stages.size(); ++k) {
    PowerStage& s = chain.stages[k];
    s.design = at_design[k];
    s.typical = at_typical[k];
    s.loading_at_peak = at_peak[k].loading;
    if (s.kind != StageKind::Utility) continue;
    s.unit_rating = s.unit_capacity = s.design.input;
    s.count.needed = s.count.installed = s.count.loaded = s.count.groups = 1;
    s.count.loading_normal = 1.0;
    s.design.loading = 1.0;
    s.typical.loading = s.typical.input / s.design.input;
    s.loading_at_peak = at_peak[k].input / s.design.input;
  }
  chain.design = chain.demand(d.critical, d.mechanical);
  chain.typical = chain.demand(critical_typical, mechanical_typical);
}

// The real power standby generators must carry at design, and which loads that is.
std::pair<u::Power, std::string> generator_load(const ChainDesign& d) {
  const PowerChain& chain = d.chain;
  if (d.policy.generator == model::BackupCoverage::Full) {
    return {chain.stage(StageKind::UnitSubstation)->design.output,
            "everything at LV: critical loads with their UPS and distribution losses, and the "
            "mechanical load"};
  }
  // Non-training loads with their share of LV losses and of the cooling.
  const double share = d.non_training / d.critical;
  u::Power ups_part;
  if (const PowerStage* s = chain.stage(StageKind::Ups)) {
    ups_part =
        d.policy.ups == model::BackupCoverage::Partial ? s->design.loss : s->design.loss * share;
  }
  return {d.distribution_input * share + ups_part + d.mechanical * share,
          "non-training loads (network, storage, management) with their share of LV losses and "
          "cooling"};
}

// Generation phase: standby generators under the policy's scheme for the covered loads.
void size_generation(ChainDesign& d) {
  PowerChain& chain = d.chain;
  BackupGeneration& g = chain.generation;
  g.coverage = to_string(d.policy.generator);
  if (d.policy.generator == model::BackupCoverage::None) {
    chain.notes.push_back(
        "generator: none: no standby generation; an outage of the grid stops "
        "the site once any UPS batteries run out");
    return;
  }
  const Pick<model::Generator>& generator = *d.gear.generator;
  g.model = generator.name;
  g.fuel = generator.spec->fuel;
  g.unit_rating = generator.spec->rating;
  g.redundancy = to_string(d.policy.generator_redundancy);
  std::tie(g.load, g.loads) = generator_load(d);
  if (g.load.si() > 0.0) {
    g.count = count_redundant(g.load, g.unit_rating, d.policy.generator_redundancy,
                              d.max_units_per_group);
    check_unit_count(g.count, "generator_model", g.model, g.unit_rating, g.load);
  } else {
    chain.notes.push_back(
        "generator: partial, but there is no non-training load; no "
        "generators sized");
  }
}

// Swing phase: the training swing at the grid, and batteries when it exceeds the allowed step.
void size_swing_battery(ChainDesign& d) {
  PowerChain& chain = d.chain;
  const model::PowerPolicy& policy = d.policy;
  const u::Power compute_phase = d.input.options.swing_compute_phase == SwingPhase::Peak
                                     ? d.loads.it_peak
                                     : d.loads.it_typical;
  const u::Power high = compute_phase + d.non_training;
  const u::Power low = std::min(d.loads.it_idle, compute_phase) + d.non_training;
  chain.swing_critical = high - low;
  const u::Power grid_swing =
      chain.demand(high, d.mechanical).total - chain.demand(low, d.mechanical).total;
  const bool swing_too_large = policy.max_grid_step.si() > 0.0 && grid_swing > policy.max_grid_step;
  std::optional<Pick<model::Battery>> battery;
  if ((policy.battery && swing_too_large) || !policy.battery_model.empty()) {
    battery = pick<model::Battery>(
        d.catalog, "battery_model", policy.battery_model, "battery",
        [](const model::Battery& b) { return b.power.si(); },
        [&](const model::Battery& b) { return b.technology == policy.swing_buffer; },
        "technology " + model::to_string(policy.swing_buffer) + ", the policy's swing_buffer");
  }
  chain.battery =
      size_battery(grid_swing, policy.max_grid_step, policy.swing_period, policy.battery,
                   battery ? battery->name : std::string{}, battery ? battery->spec : nullptr);
  if (chain.battery.units > 0 && chain.battery.period_assumed) {
    chain.notes.push_back(
        fmt::format("battery: no swing_period in the power policy; assumed {:g} s",
                    kDefaultSwingPeriod.in(u::second)));
  }
  if (!policy.battery && swing_too_large) chain.notes.push_back("battery: " + chain.battery.reason);
}

// Notes on stages that a single failure or the IT peak overloads.
void add_loading_notes(PowerChain& chain) {
  for (const auto& s : chain.stages) {
    if (s.kind == StageKind::Utility || s.count.installed == 0) continue;
    if (!s.count.survives_one_failure()) {
      chain.notes.push_back(fmt::format(
          "{}: with {} redundancy one unit failure {}", s.label, s.redundancy,
          s.count.loading_after_failure
              ? fmt::format("loads the survivors to {:.0f}%", *s.count.loading_after_failure * 100)
              : std::string("drops the load")));
    }
    if (s.loading_at_peak > 1.0 + 1e-9) {
      chain.notes.push_back(fmt::format(
          "{}: the IT peak excursion loads the units to {:.0f}% of rating (sized on design "
          "power; short excursions rely on the gear's overload capability)",
          s.label, s.loading_at_peak * 100));
    }
  }
}

// Equipment-list phase: catalog gear of every stage, generators and batteries, with prices.
void list_equipment(PowerChain& chain, const Catalog& catalog) {
  const auto add_line = [&](const std::string& name, const std::string& kind, int count) {
    if (count <= 0 || name.empty()) return;
    PowerBomLine line;
    line.name = name;
    line.kind = kind;
    line.count = count;
    if (const model::CatalogEntry* e = catalog.find(name)) {
      line.unit_price = e->price;
      if (e->price) line.extended_price = *e->price * static_cast<double>(count);
      line.lead_time = e->lead_time;
    }
    chain.bom.push_back(line);
  };
  for (const auto& s : chain.stages) {
    if (!s.catalog_kind.empty()) add_line(s.equipment, s.catalog_kind, s.count.installed);
  }
  add_line(chain.generation.model, "generator", chain.generation.count.installed);
  add_line(chain.battery.model, "battery", chain.battery.units);
}

}  // namespace

PowerChain design_power_chain(const PowerChainInput& in, const Catalog& catalog) {
  ChainDesign d = checked_input(in, catalog);
  choose_gear(d);
  d.chain.loads = d.loads;
  d.chain.racks = in.racks;
  d.chain.ups_coverage = d.policy.ups;
  d.chain.power_factor = d.power_factor();
  build_stages(d);
  set_operating_points(d);
  size_generation(d);
  size_swing_battery(d);
  add_loading_notes(d.chain);
  list_equipment(d.chain, catalog);
  return std::move(d.chain);
}

}  // namespace rackscale::design
