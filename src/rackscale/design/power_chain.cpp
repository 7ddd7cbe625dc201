#include "rackscale/design/power_chain.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

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
// assumption: standby generators are N+1 per paralleling group.
const char* const kGeneratorRedundancy = "N+1";

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

// A stage of gear rated in VA (transformers, switchgear, unit substations): `load` real power
// carried by units of `rating` x power factor under `scheme`.
PowerStage va_rated_stage(StageKind kind, std::string label, const std::string& equipment,
                          const std::string& catalog_kind, const RedundancyScheme& scheme,
                          std::string feeds, u::Power rating, double pf, u::Power load, int group) {
  PowerStage st;
  st.kind = kind;
  st.label = std::move(label);
  st.equipment = equipment;
  st.catalog_kind = catalog_kind;
  st.redundancy = scheme.name;
  st.feeds = std::move(feeds);
  st.unit_rating = rating;
  st.rated_in_va = true;
  st.unit_capacity = rating * pf;
  st.count = count_redundant(load, st.unit_capacity, scheme, group);
  check_unit_count(st.count, catalog_kind, equipment, st.unit_capacity, load);
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

std::string coverage_check(const std::string& value, const char* key) {
  if (value != "none" && value != "partial" && value != "full") {
    throw Error(
        fmt::format("power policy {}: expected none, partial or full, got \"{}\"", key, value));
  }
  return value;
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
  if (ups_coverage == "full") backed = critical;
  if (ups_coverage == "partial") backed = std::min(critical, non_training);
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

PowerChain design_power_chain(const PowerChainInput& in, const Catalog& catalog) {
  // ---- Input -----------------------------------------------------------------------------
  const model::PowerPolicy policy = in.policy ? *in.policy : model::PowerPolicy{};
  SiteLoads loads = in.loads;
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
  const u::Power non_training = loads.network + loads.storage_and_management;
  const u::Power critical = loads.it_design + non_training;
  if (!(critical.si() > 0.0)) {
    throw Error(
        "power loads: the critical load (IT + network + storage and management) is 0; "
        "nothing to design a power chain for");
  }
  const std::string ups_coverage = coverage_check(policy.ups, "ups");
  const std::string gen_coverage = coverage_check(policy.generator, "generator");
  if (!(policy.power_factor > 0.0 && policy.power_factor <= 1.0)) {
    throw Error(
        fmt::format("power policy power_factor must be in (0, 1], got {}", policy.power_factor));
  }
  const double pf = policy.power_factor;
  const RedundancyScheme xfmr_scheme = parse_redundancy(policy.transformer_redundancy);
  const RedundancyScheme uss_scheme = parse_redundancy(policy.unit_substation_redundancy);
  const RedundancyScheme ups_scheme = parse_redundancy(policy.ups_redundancy);
  const RedundancyScheme gen_scheme = parse_redundancy(kGeneratorRedundancy);
  const int group = in.options.max_units_per_group;

  // ---- Gear --------------------------------------------------------------------------------
  const auto any_xfmr = [](const model::Transformer&) { return true; };
  const auto xf = pick<model::Transformer>(
      catalog, "transformer", policy.transformer, "transformer",
      [](const model::Transformer& t) { return t.rating.si(); }, any_xfmr, "");
  const u::Voltage mv = xf.spec->secondary_voltage;
  const auto sg = pick<model::Switchgear>(
      catalog, "switchgear", policy.switchgear, "switchgear",
      [](const model::Switchgear& s) { return s.rating.si(); },
      [&](const model::Switchgear& s) { return same_voltage(s.voltage, mv); },
      "voltage " + kv(mv) + ", the secondary of transformer " + xf.name);
  if (!same_voltage(sg.spec->voltage, mv)) {
    throw Error(fmt::format(
        "power policy switchgear: \"{}\" is rated {} but transformer \"{}\" steps down to {}; "
        "choose switchgear rated {}",
        sg.name, kv(sg.spec->voltage), xf.name, kv(mv), kv(mv)));
  }
  const auto uss = pick<model::UnitSubstation>(
      catalog, "unit_substation", policy.unit_substation, "unit_substation",
      [](const model::UnitSubstation& s) { return s.rating.si(); },
      [&](const model::UnitSubstation& s) { return same_voltage(s.primary_voltage, mv); },
      "primary " + kv(mv) + ", the MV bus");
  if (!same_voltage(uss.spec->primary_voltage, mv)) {
    throw Error(fmt::format(
        "power policy unit_substation: \"{}\" takes {} but the MV bus (switchgear \"{}\") is {}; "
        "choose a unit substation with a {} primary",
        uss.name, kv(uss.spec->primary_voltage), sg.name, kv(mv), kv(mv)));
  }
  const auto all = [](const auto&) { return true; };
  std::optional<Pick<model::Ups>> ups;
  if (ups_coverage != "none" || !policy.ups_module.empty()) {
    ups = pick<model::Ups>(
        catalog, "ups_module", policy.ups_module, "ups",
        [](const model::Ups& x) { return x.module_rating.si(); }, all, "");
  }
  std::optional<Pick<model::Generator>> gen;
  if (gen_coverage != "none" || !policy.generator_model.empty()) {
    gen = pick<model::Generator>(
        catalog, "generator_model", policy.generator_model, "generator",
        [](const model::Generator& g) { return g.rating.si(); }, all, "");
  }

  PowerChain chain;
  chain.loads = loads;
  chain.racks = in.racks;
  chain.ups_coverage = ups_coverage;
  chain.power_factor = pf;
  const u::Power mech = loads.mechanical_design;

  // ---- Size from the racks up --------------------------------------------------------------
  // Rack power shelves.
  std::optional<PowerStage> rack_stage;
  if (in.rack && in.rack->power_shelves && in.rack->psus_per_shelf && in.rack->psu_rating &&
      in.racks > 0 && loads.it_design.si() > 0.0) {
    const model::RackSystem& r = *in.rack;
    PowerStage s;
    s.kind = StageKind::RackPower;
    s.label = "Rack power shelves (AC/DC)";
    s.equipment = fmt::format("{} shelves x {} PSUs of {:g} kW per rack", *r.power_shelves,
                              *r.psus_per_shelf, r.psu_rating->in(u::kW));
    s.feeds = "IT racks";
    s.unit_rating = *r.psu_rating;
    s.unit_capacity = *r.psu_rating;
    s.loss_inside_it = true;
    s.loss_model.kind = StageLossModel::Kind::ConstantEfficiency;
    s.loss_model.efficiency = kRackPsuEfficiency;
    const int per_rack = *r.power_shelves * *r.psus_per_shelf;
    const u::Power dc_per_rack = loads.it_design * kRackPsuEfficiency / in.racks;
    const int needed = ceil_units(dc_per_rack / *r.psu_rating);
    s.count.needed = needed * in.racks;
    s.count.installed = s.count.loaded = per_rack * in.racks;
    s.count.groups = in.racks;
    s.count.loading_normal = dc_per_rack / (*r.psu_rating * per_rack);
    if (per_rack > 1) {
      s.count.loading_after_failure = dc_per_rack / (*r.psu_rating * (per_rack - 1));
    }
    s.redundancy = fmt::format("{}+{} per rack", needed, std::max(0, per_rack - needed));
    s.loss_model.installed = s.loss_model.loaded = s.count.installed;
    if (needed > per_rack) {
      chain.notes.push_back(
          fmt::format("rack power shelves: {:.1f} kW DC per rack needs {} PSUs but the rack has {}",
                      dc_per_rack.in(u::kW), needed, per_rack));
    }
    rack_stage = s;
  } else {
    chain.notes.push_back(
        "rack power shelves: the rack system gives no power_shelves/psus_per_shelf/psu_rating "
        "(or there are no racks); stage omitted");
  }

  // LV distribution.
  PowerStage dist;
  dist.kind = StageKind::Distribution;
  const u::Voltage lv = uss.spec->secondary_voltage;
  const bool busway = feeds_racks_directly(lv);
  dist.label = busway ? "LV busway to racks" : "LV PDUs to racks";
  dist.equipment = busway ? fmt::format("busway, {:g} V", lv.in(u::V))
                          : fmt::format("PDUs {:g} V to 415/240 V", lv.in(u::V));
  dist.redundancy = "per rack feed";
  dist.feeds = "all critical loads (IT, network, storage and management)";
  dist.voltage_in = lv;
  dist.voltage_out = busway ? lv : kRackVoltage;
  dist.loss_model.kind = StageLossModel::Kind::Distribution;
  dist.loss_model.distribution =
      DistributionLosses{critical, distribution_efficiency(lv), busway ? 0.0 : kPduNoLoadShare};
  const u::Power dist_in = critical + dist.loss_model.loss(critical);

  // UPS.
  std::optional<PowerStage> ups_stage;
  u::Power ups_loss;
  u::Power backed;
  if (ups_coverage == "full") backed = critical;
  if (ups_coverage == "partial") backed = non_training;
  if (backed.si() > 0.0) {
    PowerStage s;
    s.kind = StageKind::Ups;
    s.label =
        ups_coverage == "full" ? "UPS (all critical loads)" : "UPS (network, storage, management)";
    s.equipment = ups->name;
    s.catalog_kind = "ups";
    s.redundancy = ups_scheme.name;
    s.feeds = ups_coverage == "full" ? "all critical loads (IT, network, storage and management)"
                                     : "non-training loads: network, storage and management";
    s.unit_rating = s.unit_capacity = ups->spec->module_rating;
    s.voltage_in = s.voltage_out = lv;
    const u::Power out = dist_in * (backed / critical);
    s.count = count_redundant(out, s.unit_capacity, ups_scheme, group);
    check_unit_count(s.count, "ups_module", ups->name, s.unit_capacity, out);
    s.loss_model.kind = StageLossModel::Kind::UpsModules;
    s.loss_model.ups_curve = ups->spec->efficiency_curve;
    s.loss_model.ups_module_rating = ups->spec->module_rating;
    s.loss_model.installed = s.count.installed;
    s.loss_model.loaded = s.count.loaded;
    try {
      ups_loss = s.loss_model.loss(out);
    } catch (const Error& e) {
      throw Error(fmt::format("ups \"{}\": {}", ups->name, e.what()));
    }
    ups_stage = s;
  } else if (ups_coverage == "partial") {
    chain.notes.push_back(
        "ups: partial, but there is no network, storage or management load; "
        "no UPS sized");
  }
  if (ups_coverage == "none") {
    chain.notes.push_back(
        "ups: none: every critical load rides the grid (a grid-only design, as described for "
        "Microsoft Fairwater's AI campuses)");
  }

  // Unit substations (MV/LV); the mechanical load is fed at LV from them.
  const u::Power uss_out = dist_in + ups_loss + mech;
  PowerStage uss_stage = va_rated_stage(StageKind::UnitSubstation, "Unit substations (MV/LV)",
                                        uss.name, "unit_substation", uss_scheme,
                                        "critical loads and the mechanical (cooling) load",
                                        uss.spec->rating, pf, uss_out, group);
  uss_stage.voltage_in = uss.spec->primary_voltage;
  uss_stage.voltage_out = lv;
  set_bank_losses(uss_stage,
                  transformer_losses(uss.name, uss.spec->rating, uss.spec->efficiency, std::nullopt,
                                     kUnitSubstationNoLoadShare),
                  pf);
  const u::Power sg_out = uss_out + uss_stage.loss_model.loss(uss_out);

  // MV switchgear: lineups follow the substation transformers' scheme; lossless (assumption).
  PowerStage sg_stage =
      va_rated_stage(StageKind::Switchgear, "MV switchgear", sg.name, "switchgear", xfmr_scheme,
                     "whole site", sg.spec->rating, pf, sg_out, group);
  sg_stage.voltage_in = sg_stage.voltage_out = sg.spec->voltage;
  sg_stage.loss_model.kind = StageLossModel::Kind::Lossless;

  // Substation transformers (HV/MV).
  PowerStage xf_stage =
      va_rated_stage(StageKind::Transformer, "Substation transformers (HV/MV)", xf.name,
                     "transformer", xfmr_scheme, "whole site", xf.spec->rating, pf, sg_out, group);
  xf_stage.voltage_in = xf.spec->primary_voltage;
  xf_stage.voltage_out = mv;
  set_bank_losses(
      xf_stage,
      transformer_losses(xf.name, xf.spec->rating, xf.spec->efficiency, xf.spec->no_load_loss, 0.0),
      pf);

  // Utility interconnect.
  PowerStage utility;
  utility.kind = StageKind::Utility;
  utility.label = "Utility interconnect";
  utility.equipment = fmt::format("grid at {}", kv(xf.spec->primary_voltage));
  utility.redundancy = "as contracted";
  utility.feeds = "whole site: critical + mechanical + losses";
  utility.voltage_out = xf.spec->primary_voltage;
  utility.loss_model.kind = StageLossModel::Kind::Lossless;

  chain.stages.push_back(utility);
  chain.stages.push_back(xf_stage);
  chain.stages.push_back(sg_stage);
  chain.stages.push_back(uss_stage);
  if (ups_stage) chain.stages.push_back(*ups_stage);
  chain.stages.push_back(dist);
  if (rack_stage) chain.stages.push_back(*rack_stage);

  // ---- Operating points --------------------------------------------------------------------
  const u::Power critical_typical = loads.it_typical + non_training;
  const u::Power mech_typical = mech * (critical_typical / critical);
  const auto at_design = chain.operate(critical, mech);
  const auto at_typical = chain.operate(critical_typical, mech_typical);
  const auto at_peak = chain.operate(loads.it_peak + non_training, mech);
  for (std::size_t k = 0; k < chain.stages.size(); ++k) {
    PowerStage& s = chain.stages[k];
    s.design = at_design[k];
    s.typical = at_typical[k];
    s.loading_at_peak = at_peak[k].loading;
    if (s.kind == StageKind::Utility) {
      // The interconnect is sized to the design demand: loading is demand / design demand.
      s.unit_rating = s.unit_capacity = s.design.input;
      s.count.needed = s.count.installed = s.count.loaded = s.count.groups = 1;
      s.count.loading_normal = 1.0;
      s.design.loading = 1.0;
      s.typical.loading = s.typical.input / s.design.input;
      s.loading_at_peak = at_peak[k].input / s.design.input;
    }
  }
  chain.design = chain.demand(critical, mech);
  chain.typical = chain.demand(critical_typical, mech_typical);

  // ---- Backup generation -------------------------------------------------------------------
  chain.generation.coverage = gen_coverage;
  if (gen_coverage != "none") {
    BackupGeneration& g = chain.generation;
    g.model = gen->name;
    g.fuel = gen->spec->fuel;
    g.unit_rating = gen->spec->rating;
    g.redundancy = gen_scheme.name;
    const StageFlow& d = chain.stage(StageKind::UnitSubstation)->design;
    if (gen_coverage == "full") {
      g.load = d.output;
      g.loads =
          "everything at LV: critical loads with their UPS and distribution losses, and "
          "the mechanical load";
    } else {
      // Non-training loads with their share of LV losses and of the cooling.
      const double share = non_training / critical;
      u::Power ups_part;
      if (const PowerStage* s = chain.stage(StageKind::Ups)) {
        ups_part = ups_coverage == "partial" ? s->design.loss : s->design.loss * share;
      }
      g.load = dist_in * share + ups_part + mech * share;
      g.loads =
          "non-training loads (network, storage, management) with their share of LV "
          "losses and cooling";
    }
    if (g.load.si() > 0.0) {
      g.count = count_redundant(g.load, g.unit_rating, gen_scheme, group);
      check_unit_count(g.count, "generator_model", g.model, g.unit_rating, g.load);
    } else {
      chain.notes.push_back(
          "generator: partial, but there is no non-training load; no "
          "generators sized");
    }
  } else {
    chain.notes.push_back(
        "generator: none: no standby generation; an outage of the grid stops "
        "the site once any UPS batteries run out");
  }

  // ---- Training swing and batteries --------------------------------------------------------
  const u::Power compute_phase =
      in.options.swing_compute_phase == SwingPhase::Peak ? loads.it_peak : loads.it_typical;
  const u::Power hi = compute_phase + non_training;
  const u::Power lo = std::min(loads.it_idle, compute_phase) + non_training;
  chain.swing_critical = hi - lo;
  const u::Power grid_swing = chain.demand(hi, mech).total - chain.demand(lo, mech).total;
  const bool needs_battery =
      policy.battery && policy.max_grid_step.si() > 0.0 && grid_swing > policy.max_grid_step;
  std::optional<Pick<model::Battery>> bat;
  if (needs_battery || !policy.battery_model.empty()) {
    bat = pick<model::Battery>(
        catalog, "battery_model", policy.battery_model, "battery",
        [](const model::Battery& b) { return b.power.si(); }, all, "");
  }
  chain.battery =
      size_battery(grid_swing, policy.max_grid_step, policy.swing_period, policy.battery,
                   bat ? bat->name : std::string{}, bat ? bat->spec : nullptr);
  if (chain.battery.units > 0 && chain.battery.period_assumed) {
    chain.notes.push_back(
        fmt::format("battery: no swing_period in the power policy; assumed {:g} s",
                    kDefaultSwingPeriod.in(u::second)));
  }
  if (!policy.battery && policy.max_grid_step.si() > 0.0 && grid_swing > policy.max_grid_step) {
    chain.notes.push_back("battery: " + chain.battery.reason);
  }

  // ---- Notes on loading ----------------------------------------------------------------------
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

  // ---- Equipment list ----------------------------------------------------------------------
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
  return chain;
}

}  // namespace rackscale::design
