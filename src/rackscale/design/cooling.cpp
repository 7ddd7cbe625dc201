#include "rackscale/design/cooling.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/error.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

namespace {

constexpr double kKelvin = 273.15;

// Collects policy problems and throws them together as one InputError.
class PolicyErrors {
 public:
  void add(const std::string& key, std::string message, std::string hint = {}) {
    Diagnostic d;
    d.key_path = "policies.cooling." + key;
    for (const auto& seen : items_) {
      if (seen.key_path == d.key_path && seen.message == message) return;  // both loops
    }
    d.message = std::move(message);
    d.suggestion = std::move(hint);
    items_.push_back(std::move(d));
  }
  bool empty() const { return items_.empty(); }
  void throw_if_any() const {
    if (!items_.empty()) throw InputError(items_, render(items_, SourceTexts{}));
  }

 private:
  std::vector<Diagnostic> items_;
};

// The catalog entry of kind T named `name`, or the one of largest capacity among those that
// pass `fits` (ties: by name). Returns the name too.
template <class T, class Fits>
std::optional<std::pair<std::string, T>> pick(const model::Catalog& catalog, const char* kind,
                                              const std::string& name, Fits fits) {
  if (!name.empty()) {
    if (const T* t = catalog.find_as<T>(name)) return std::make_pair(name, *t);
    return std::nullopt;
  }
  std::optional<std::pair<std::string, T>> best;
  for (const std::string& n : catalog.names_of_kind(kind)) {
    const T* t = catalog.find_as<T>(n);
    if (!t || !fits(*t)) continue;
    if (!best || t->capacity > best->second.capacity) best = std::make_pair(n, *t);
  }
  return best;
}

// Heat-rejection figures of one unit model, as the loop needs them.
struct EconomizerUnit {
  std::string model;
  u::Power capacity, fan_power;
  double approach_k = 0.0;
};

struct ChillerUnit {
  std::string model;
  model::Chiller spec;
};

double kelvin(double c) {
  return c + kKelvin;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Small public helpers.

CoolingLoads rack_heat(const model::RackSystem& rack, int racks, u::Power per_rack,
                       u::Power other_air_heat) {
  const u::Power total = static_cast<double>(racks) * per_rack;
  const double f = std::clamp(rack.liquid_fraction, 0.0, 1.0);
  return CoolingLoads{f * total, (1.0 - f) * total + other_air_heat};
}

double ashrae_class_supply_c(model::AshraeClass ashrae_class, const CoolingAssumptions& a) {
  // ASHRAE TC9.9 liquid classes: the number is the maximum facility water supply temperature.
  switch (ashrae_class) {
    case model::AshraeClass::W17:
      return 17.0;
    case model::AshraeClass::W27:
      return 27.0;
    case model::AshraeClass::W32:
      return 32.0;
    case model::AshraeClass::W40:
      return 40.0;
    case model::AshraeClass::W45:
      return 45.0;
    case model::AshraeClass::WPlus:
      return a.wplus_supply_c;
  }
  throw Error("unknown ASHRAE liquid class");
}

u::VolumeFlow coolant_flow(u::Power heat, u::TemperatureDifference delta_t,
                           const CoolingAssumptions& a) {
  // Sensible heat Q = m cp dT with m = rho V: V = Q / (rho cp dT).
  const double v = heat.si() / (a.water_density_kg_m3 * a.water_cp_j_kgk * delta_t.si());
  return u::VolumeFlow::from_si(v);
}

int units_needed(u::Power heat, u::Power unit_capacity) {
  if (heat.si() <= 0.0) return 0;
  // A tolerance keeps 2.0000000001 units (rounding noise) at 2.
  return checked_int(std::ceil(heat / unit_capacity - 1e-9), "a number of cooling units");
}

int units_installed(int needed, const model::RedundancyScheme& redundancy) {
  if (needed <= 0) return 0;
  using Kind = model::RedundancyScheme::Kind;
  switch (redundancy.kind) {
    case Kind::N:
      return needed;
    case Kind::NPlus:
      return needed + redundancy.spares;
    case Kind::TwoN:
      return 2 * needed;
    case Kind::Distributed:
      return redundancy.systems * ((needed + redundancy.carrying - 1) / redundancy.carrying);
    case Kind::Block:
      return needed + 1;
  }
  return needed;
}

std::string to_string(Economizer e) {
  switch (e) {
    case Economizer::None:
      return "none";
    case Economizer::DryCooler:
      return "dry_cooler";
    case Economizer::AdiabaticDryCooler:
      return "dry_cooler_adiabatic";
    case Economizer::CoolingTower:
      return "cooling_tower";
  }
  return "none";
}

double carnot_fraction_for(double rated_cop, bool water_cooled, const CoolingAssumptions& a) {
  const double te = kelvin(a.rating_chilled_water_c - a.evaporator_offset_k);
  const double tc = water_cooled ? kelvin(a.rating_condenser_water_c + a.water_condenser_offset_k)
                                 : kelvin(a.rating_outdoor_air_c + a.air_condenser_offset_k);
  const double carnot = te / std::max(tc - te, a.min_lift_k);
  return rated_cop / carnot;
}

double chiller_cop(double carnot_fraction, double chilled_water_c, double condenser_medium_c,
                   bool water_cooled, const CoolingAssumptions& a) {
  const double te = kelvin(chilled_water_c - a.evaporator_offset_k);
  const double tc = kelvin(condenser_medium_c +
                           (water_cooled ? a.water_condenser_offset_k : a.air_condenser_offset_k));
  return carnot_fraction * te / std::max(tc - te, a.min_lift_k);
}

u::Power CoolingLoop::economizer_capacity(double dry_bulb_c, double wet_bulb_c, bool wet,
                                          const CoolingAssumptions& a) const {
  if (economizer == Economizer::None || economizer_units.installed == 0) return u::Power{};
  double reference = dry_bulb_c;
  if (economizer == Economizer::CoolingTower) {
    reference = wet_bulb_c;
  } else if (economizer == Economizer::AdiabaticDryCooler && wet) {
    reference = dry_bulb_c - a.adiabatic_effectiveness * std::max(0.0, dry_bulb_c - wet_bulb_c);
  }
  // Capacity at full fan speed is proportional to the initial temperature difference (water in
  // minus air in), the usual rating basis of fluid coolers.
  const double itd = std::max(0.0, return_water.celsius() - reference);
  return static_cast<double>(economizer_units.installed) * economizer_units.unit_capacity * itd /
         economizer_rated_itd_k;
}

// ---------------------------------------------------------------------------------------------
// One hour of one loop.

namespace {

struct LoopHour {
  u::Power fans;
  u::Power compressors;
  u::Power chiller_load;
  u::Power unmet;
  double water_litres = 0.0;
  bool wet = false;
};

// Litres of makeup water for `evaporated_kg` of evaporation: makeup = E C / (C - 1) (blowdown
// E / (C - 1) includes drift), 1 kg = 1 L.
double makeup_litres(double evaporated_kg, const CoolingAssumptions& a) {
  const double c = a.cycles_of_concentration;
  return c > 1.0 ? evaporated_kg * c / (c - 1.0) : evaporated_kg;
}

// One hour of one loop in progress: the heat, the economizer's share and fan power, the heat
// through the towers, and the result.
struct LoopHourState {
  const CoolingLoop& loop;
  const CoolingAssumptions& a;
  double dry_bulb_c = 0.0;
  double wet_bulb_c = 0.0;
  double heat_w = 0.0;              // heat to remove
  double return_c = 0.0;            // loop return water
  double economizer_units = 0.0;    // installed [count]
  double unit_fan_w = 0.0;          // fan power of one unit at full speed
  double economizer_w_per_k = 0.0;  // all units at full fan speed [W/K]
  double economizer_heat_w = 0.0;   // heat the economizer removes
  double fan_w = 0.0;
  double tower_heat_w = 0.0;  // heat rejected through towers
  double tower_speed = 0.0;   // tower fan speed fraction (when no compressor runs)
  LoopHour out{};
};

// Adiabatic pads, wetted only once dry full-speed fans fall short; spray modulated so the air is
// pre-cooled just enough (water-saving control), at most eps (db - wb).
void adiabatic_assist(LoopHourState& h) {
  const double db = h.dry_bulb_c;
  const double deepest = h.a.adiabatic_effectiveness * (db - h.wet_bulb_c);
  const double q_wet = h.economizer_w_per_k * std::max(0.0, h.return_c - (db - deepest));
  double depth = deepest;
  if (q_wet >= h.heat_w) {
    depth = db - (h.return_c - h.heat_w / h.economizer_w_per_k);
    h.economizer_heat_w = h.heat_w;
  } else {
    h.economizer_heat_w = q_wet;
  }
  if (!(depth > 0.0)) return;
  h.out.wet = true;
  // Air mass flow at full speed from the rating: m = Q_r / (cp dT_air).
  const double m_air = h.economizer_units * h.loop.economizer_units.unit_capacity.si() /
                       (h.a.air_cp_j_kgk * h.a.dry_cooler_air_rise_k);
  const double evaporated_kg_s = m_air * h.a.air_cp_j_kgk * depth / h.a.latent_heat_j_per_kg;
  h.out.water_litres += makeup_litres(evaporated_kg_s * 3600.0, h.a);
}

// Dry coolers (with or without pads).
void dry_cooler_hour(LoopHourState& h) {
  const double q_dry = h.economizer_w_per_k * std::max(0.0, h.return_c - h.dry_bulb_c);
  if (q_dry >= h.heat_w) {
    // Fans slow until the coil just carries the heat: speed s = Q / Q_max (capacity taken as
    // proportional to airflow), power ~ s^3 (fan affinity law).
    h.economizer_heat_w = h.heat_w;
    h.fan_w = h.economizer_units * h.unit_fan_w * std::pow(h.heat_w / q_dry, h.a.fan_exponent);
    return;
  }
  h.fan_w = h.economizer_units * h.unit_fan_w;  // full speed
  h.economizer_heat_w = q_dry;
  if (h.loop.economizer == Economizer::AdiabaticDryCooler && h.wet_bulb_c < h.dry_bulb_c &&
      h.economizer_w_per_k > 0.0) {
    adiabatic_assist(h);
  }
}

// Cooling towers through the plate heat exchanger.
void tower_hour(LoopHourState& h) {
  const double q_max = h.economizer_w_per_k * std::max(0.0, h.return_c - h.wet_bulb_c);
  h.economizer_heat_w = std::min(h.heat_w, q_max);
  h.tower_heat_w += h.economizer_heat_w;
  h.tower_speed = q_max > 0.0 ? (h.economizer_heat_w >= h.heat_w ? h.heat_w / q_max : 1.0) : 0.0;
}

// Chillers for the heat the economizer left; true if a compressor ran.
bool chiller_hour(LoopHourState& h) {
  const double q_chiller = h.heat_w - h.economizer_heat_w;
  if (!(q_chiller > 1e-9 * h.heat_w)) return false;
  const CoolingLoop& loop = h.loop;
  const double capacity =
      static_cast<double>(loop.chillers.installed) * loop.chillers.unit_capacity.si();
  const double served = std::min(q_chiller, capacity);
  h.out.unmet = u::Power::from_si(q_chiller - served);
  if (!(served > 0.0)) return false;
  const double condenser =
      loop.water_cooled_chillers ? h.wet_bulb_c + loop.tower_approach_k : h.dry_bulb_c;
  const double cop = chiller_cop(loop.carnot_fraction, loop.supply.celsius(), condenser,
                                 loop.water_cooled_chillers, h.a);
  h.out.compressors = u::Power::from_si(served / cop);
  h.out.chiller_load = u::Power::from_si(served);
  if (loop.water_cooled_chillers) h.tower_heat_w += served * (1.0 + 1.0 / cop);
  return true;
}

LoopHour run_loop(const CoolingLoop& loop, const CoolingAssumptions& a, u::Power heat, double db,
                  double wb) {
  LoopHourState h{loop, a, db, wb};
  h.heat_w = heat.si();
  if (h.heat_w <= 0.0) return h.out;
  h.return_c = loop.return_water.celsius();
  h.economizer_units = static_cast<double>(loop.economizer_units.installed);
  h.unit_fan_w = loop.economizer_units.unit_power.si();
  h.economizer_w_per_k = loop.economizer_rated_itd_k > 0.0
                             ? h.economizer_units * loop.economizer_units.unit_capacity.si() /
                                   loop.economizer_rated_itd_k
                             : 0.0;
  switch (loop.economizer) {
    case Economizer::None:
      break;
    case Economizer::DryCooler:
    case Economizer::AdiabaticDryCooler:
      dry_cooler_hour(h);
      break;
    case Economizer::CoolingTower:
      tower_hour(h);
      break;
  }
  const bool compressor_ran = chiller_hour(h);
  if (loop.economizer == Economizer::CoolingTower) {
    // With a compressor running the towers run at full speed for the coldest condenser water.
    const double speed = compressor_ran ? 1.0 : h.tower_speed;
    h.fan_w = h.economizer_units * h.unit_fan_w * std::pow(speed, a.fan_exponent);
    // Evaporation carries the rejected heat: E = Q / h_fg.
    h.out.water_litres += makeup_litres(h.tower_heat_w * 3600.0 / a.latent_heat_j_per_kg, a);
  }
  h.out.fans = u::Power::from_si(h.fan_w);
  return h.out;
}

double load_ratio(u::Power heat, u::Power design) {
  return design.si() > 0.0 ? std::max(0.0, heat / design) : 0.0;
}

}  // namespace

PlantWork CoolingPlant::plant_work(const CoolingLoads& heat) const {
  const CoolingAssumptions& a = assumptions;
  PlantWork w;
  // Pumps: variable speed, flow proportional to heat (constant dT); power ~ flow^n. Every
  // installed CDU runs and shares the flow.
  if (cdus.installed > 0 && heat.liquid_heat.si() > 0.0) {
    const double n = static_cast<double>(cdus.installed);
    const double per_unit = heat.liquid_heat / (n * cdus.unit_capacity);
    w.cdu_pumps = n * cdus.unit_power * std::pow(per_unit, a.pump_exponent);
  }
  // Facility pumps move the flow that carries the hall's heat at the loop's design dT.
  const auto pump_design = [&](u::Power hall_heat, double delta_t_k) {
    return design::coolant_flow(hall_heat, delta_t_k * u::K, a).si() * a.facility_pump_head_pa /
           a.pump_efficiency * u::W;
  };
  w.liquid_pumps =
      pump_design(design_loads.liquid_heat, a.design_delta_t_k) *
      std::pow(load_ratio(heat.liquid_heat, design_loads.liquid_heat), a.pump_exponent);
  w.air_pumps = pump_design(design_loads.air_heat, a.air_loop_delta_t_k) *
                std::pow(load_ratio(heat.air_heat, design_loads.air_heat), a.pump_exponent);
  // Fan walls / CRAHs: airflow proportional to the air heat, power ~ airflow^3.
  w.air_fans = air_handler_design_power *
               std::pow(load_ratio(heat.air_heat, design_loads.air_heat), a.fan_exponent);
  return w;
}

CoolingHour CoolingPlant::at_hour(const CoolingLoads& heat, double dry_bulb_c,
                                  double wet_bulb_c) const {
  const CoolingAssumptions& a = assumptions;
  CoolingHour h;
  // The pumps' and fans' work ends as heat in the water and air they move; the heat rejection
  // removes it with the hall's heat.
  const PlantWork w = plant_work(heat);
  const LoopHour l = run_loop(liquid, a, heat.liquid_heat + w.liquid(), dry_bulb_c, wet_bulb_c);
  const LoopHour r = run_loop(air, a, heat.air_heat + w.air(), dry_bulb_c, wet_bulb_c);

  h.pumps = w.cdu_pumps + w.liquid_pumps + w.air_pumps;
  h.heat_rejection_fans = l.fans + r.fans;
  h.compressors = l.compressors + r.compressors;
  h.air_handler_fans = w.air_fans;
  h.electrical = h.pumps + h.heat_rejection_fans + h.compressors + h.air_handler_fans;
  h.water_litres = l.water_litres + r.water_litres;
  h.free_cooling = h.compressors.si() <= 0.0;
  h.adiabatic = l.wet || r.wet;
  h.chiller_load = l.chiller_load + r.chiller_load;
  h.unmet_heat = l.unmet + r.unmet;
  return h;
}

// ---------------------------------------------------------------------------------------------
// Design.

namespace {

struct DesignContext {
  const model::Catalog& catalog;
  const model::CoolingPolicy& policy;
  const CoolingAssumptions& a;
  const DesignConditions& day;
  double adiabatic_design_c;
  PolicyErrors& errors;
};

std::optional<EconomizerUnit> choose_dry_cooler(const DesignContext& c, bool adiabatic) {
  const auto found =
      pick<model::DryCooler>(c.catalog, "dry_cooler", c.policy.dry_cooler,
                             [&](const model::DryCooler& d) { return d.adiabatic == adiabatic; });
  const char* kind = adiabatic ? "dry_cooler_adiabatic" : "dry_cooler";
  if (!found) {
    if (c.policy.dry_cooler.empty()) {
      c.errors.add("heat_rejection",
                   fmt::format("{} needs a dry_cooler entry with adiabatic: {} in the catalog; "
                               "there is none",
                               kind, adiabatic ? "true" : "false"));
    } else {
      c.errors.add("dry_cooler",
                   fmt::format("\"{}\" is not a dry_cooler in the catalog", c.policy.dry_cooler));
    }
    return std::nullopt;
  }
  if (found->second.adiabatic != adiabatic) {
    c.errors.add("dry_cooler",
                 fmt::format("heat_rejection {} needs a dry cooler with adiabatic: {}; \"{}\" "
                             "has adiabatic: {}",
                             kind, adiabatic ? "true" : "false", found->first,
                             found->second.adiabatic ? "true" : "false"),
                 adiabatic ? "use heat_rejection: dry_cooler, or name an adiabatic dry cooler"
                           : "use heat_rejection: dry_cooler_adiabatic, or name a dry cooler "
                             "without adiabatic assist");
    return std::nullopt;
  }
  return EconomizerUnit{found->first, found->second.capacity, found->second.fan_power,
                        found->second.approach.in(u::K)};
}

std::optional<ChillerUnit> choose_chiller(const DesignContext& c, bool water_cooled) {
  const std::string condenser = water_cooled ? "water" : "air";
  const auto found =
      pick<model::Chiller>(c.catalog, "chiller", c.policy.chiller,
                           [&](const model::Chiller& ch) { return ch.condenser == condenser; });
  if (!found) {
    if (c.policy.chiller.empty()) {
      c.errors.add("heat_rejection",
                   fmt::format("{} needs a chiller with condenser: {} in the catalog; there is "
                               "none",
                               to_string(c.policy.heat_rejection), condenser));
    } else {
      c.errors.add("chiller",
                   fmt::format("\"{}\" is not a chiller in the catalog", c.policy.chiller));
    }
    return std::nullopt;
  }
  if (found->second.condenser != condenser) {
    const bool dry = c.policy.heat_rejection == model::HeatRejection::DryCooler ||
                     c.policy.heat_rejection == model::HeatRejection::DryCoolerAdiabatic;
    c.errors.add("chiller",
                 fmt::format("heat_rejection {} needs {} chiller{}; \"{}\" has condenser: {}",
                             to_string(c.policy.heat_rejection),
                             water_cooled ? "a water-cooled" : "an air-cooled",
                             dry ? " (trim chillers of a dry-cooler plant have no towers)" : "",
                             found->first, found->second.condenser),
                 water_cooled ? "name a chiller with condenser: water, or use heat_rejection: "
                                "air_chiller"
                              : "name a chiller with condenser: air, or use heat_rejection: "
                                "water_chiller");
    return std::nullopt;
  }
  if (found->second.cop <= 0.0 || found->second.capacity.si() <= 0.0) {
    c.errors.add("chiller", fmt::format("\"{}\" needs a positive capacity and COP", found->first));
    return std::nullopt;
  }
  return ChillerUnit{found->first, found->second};
}

std::optional<EconomizerUnit> choose_tower(const DesignContext& c) {
  const auto found = pick<model::CoolingTower>(c.catalog, "cooling_tower", c.policy.cooling_tower,
                                               [](const model::CoolingTower&) { return true; });
  if (!found) {
    if (c.policy.cooling_tower.empty()) {
      c.errors.add("heat_rejection",
                   "water_chiller needs a cooling_tower entry in the catalog; there is none");
    } else {
      c.errors.add("cooling_tower", fmt::format("\"{}\" is not a cooling_tower in the catalog",
                                                c.policy.cooling_tower));
    }
    return std::nullopt;
  }
  return EconomizerUnit{found->first, found->second.capacity, found->second.fan_power,
                        found->second.approach.in(u::K)};
}

void set_chillers(CoolingLoop& loop, const ChillerUnit& ch, u::Power duty, int spares,
                  const CoolingAssumptions& a) {
  loop.chillers.model = ch.model;
  loop.chillers.unit_capacity = ch.spec.capacity;
  loop.chillers.needed = units_needed(duty, ch.spec.capacity);
  loop.chillers.installed = loop.chillers.needed > 0 ? loop.chillers.needed + spares : 0;
  loop.water_cooled_chillers = ch.spec.condenser == "water";
  loop.chiller_rated_cop = ch.spec.cop;
  loop.carnot_fraction = carnot_fraction_for(ch.spec.cop, loop.water_cooled_chillers, a);
  loop.design_chiller_load = duty;
}

// A loop's design water temperatures, as given (not read back from the stored temperatures, so
// that no rounding enters).
struct LoopWater {
  double supply_c = 0.0;   // [C]
  double delta_t_k = 0.0;  // return minus supply [K]
};

// Dry coolers (with or without pads), more of them rather than chillers while the oversize for
// the design day stays moderate, and air-cooled trim chillers for what they cannot carry.
void design_dry_cooler_loop(const DesignContext& c, const LoopWater& water, bool adiabatic,
                            int spares, CoolingLoop& loop) {
  const CoolingAssumptions& a = c.a;
  const u::Power heat = loop.design_heat;
  loop.economizer = adiabatic ? Economizer::AdiabaticDryCooler : Economizer::DryCooler;
  auto unit = choose_dry_cooler(c, adiabatic);
  // Trim chillers are air-cooled: a dry plant has no towers.
  auto trim = choose_chiller(c, false);
  if (!unit || !trim) return;
  const double delta_t_k = water.delta_t_k;
  loop.economizer_approach_k = unit->approach_k;
  loop.economizer_rated_itd_k = unit->approach_k + delta_t_k;
  loop.economizer_units.model = unit->model;
  loop.economizer_units.unit_capacity = unit->capacity;
  loop.economizer_units.unit_power = unit->fan_power;
  loop.design_reference_c = adiabatic ? c.adiabatic_design_c : c.day.dry_bulb_c;
  loop.carnot_fraction = carnot_fraction_for(trim->spec.cop, false, a);
  loop.chiller_rated_cop = trim->spec.cop;
  if (heat.si() <= 0.0) return;
  // Capacity of one unit on the design day relative to its rating.
  const double t_ret = water.supply_c + water.delta_t_k;
  const double derate = (t_ret - loop.design_reference_c) / loop.economizer_rated_itd_k;
  int needed = units_needed(heat, unit->capacity);
  if (derate < 1.0 && derate >= 1.0 / a.max_dry_cooler_oversize) {
    needed = units_needed(heat, derate * unit->capacity);
  }
  loop.economizer_units.needed = needed;
  loop.economizer_units.installed = needed + spares;
  const u::Power carried =
      std::min(heat, static_cast<double>(needed) * std::max(0.0, derate) * unit->capacity);
  const u::Power shortfall = heat - carried;
  if (shortfall.si() > 1e-9 * heat.si()) {
    set_chillers(loop, *trim, shortfall, spares, a);
  } else {
    loop.chillers.model = trim->model;  // none needed; kept for the record
    loop.chillers.unit_capacity = trim->spec.capacity;
  }
}

// Water-cooled chillers carry the whole load on the design day; the water-side economizer saves
// energy but is not counted as capacity. Towers reject the chiller heat plus compressor work.
void design_tower_loop(const DesignContext& c, const LoopWater& water, int spares,
                       CoolingLoop& loop) {
  const CoolingAssumptions& a = c.a;
  const u::Power heat = loop.design_heat;
  loop.economizer = Economizer::CoolingTower;
  auto ch = choose_chiller(c, true);
  auto tower = choose_tower(c);
  if (!ch || !tower) return;
  const double delta_t_k = water.delta_t_k;
  loop.tower_approach_k = tower->approach_k;
  loop.economizer_approach_k = tower->approach_k + a.plate_hx_approach_k;
  loop.economizer_rated_itd_k = loop.economizer_approach_k + delta_t_k;
  loop.economizer_units.model = tower->model;
  loop.economizer_units.unit_capacity = tower->capacity;
  loop.economizer_units.unit_power = tower->fan_power;
  loop.design_reference_c = c.day.wet_bulb_c;
  set_chillers(loop, *ch, heat, spares, a);
  if (heat.si() <= 0.0) return;
  const double cop = chiller_cop(loop.carnot_fraction, water.supply_c,
                                 c.day.wet_bulb_c + tower->approach_k, true, a);
  const u::Power rejected = heat * (1.0 + 1.0 / cop);
  loop.economizer_units.needed = units_needed(rejected, tower->capacity);
  loop.economizer_units.installed = loop.economizer_units.needed + spares;
}

CoolingLoop design_loop(const DesignContext& c, const std::string& name, u::Power heat,
                        double supply_c, double delta_t_k) {
  const CoolingAssumptions& a = c.a;
  CoolingLoop loop;
  loop.name = name;
  loop.design_heat = heat;
  loop.supply = u::Temperature::from_celsius(supply_c);
  loop.return_water = u::Temperature::from_celsius(supply_c + delta_t_k);
  loop.design_flow = coolant_flow(heat, delta_t_k * u::K, a);
  const int spares = std::max(0, a.heat_rejection_spares);
  const LoopWater water{supply_c, delta_t_k};
  switch (c.policy.heat_rejection) {
    case model::HeatRejection::DryCooler:
      design_dry_cooler_loop(c, water, false, spares, loop);
      break;
    case model::HeatRejection::DryCoolerAdiabatic:
      design_dry_cooler_loop(c, water, true, spares, loop);
      break;
    case model::HeatRejection::WaterChiller:
      design_tower_loop(c, water, spares, loop);
      break;
    case model::HeatRejection::AirChiller: {
      // Air-cooled chillers every hour, no economizer.
      loop.economizer = Economizer::None;
      auto ch = choose_chiller(c, false);
      if (!ch) break;
      loop.design_reference_c = c.day.dry_bulb_c;
      set_chillers(loop, *ch, heat, spares, a);
      break;
    }
  }
  return loop;
}

// CDUs needed and installed for the liquid heat: in-rack units form one group per rack, each
// rack's share needing its own CDUs and spares.
std::pair<int, int> cdu_count(const model::Cdu& cdu, const CoolingInput& input,
                              const model::RedundancyScheme& redundancy) {
  const u::Power heat = input.design.liquid_heat;
  if (cdu.placement == model::CduPlacement::InRack && input.racks > 0) {
    const int per_rack = units_needed(heat / static_cast<double>(input.racks), cdu.capacity);
    return {input.racks * per_rack, input.racks * units_installed(per_rack, redundancy)};
  }
  const int n = units_needed(heat, cdu.capacity);
  return {n, units_installed(n, redundancy)};
}

// The in_row/facility CDU needing the fewest installed units (ties: the smaller capacity, then
// the name); in-rack models only when the catalog has no other.
std::optional<std::pair<std::string, model::Cdu>> cdu_by_size(
    const CoolingInput& input, const model::Catalog& catalog,
    const model::RedundancyScheme& redundancy) {
  const std::vector<std::string> names = catalog.names_of_kind("cdu");
  bool any_central = false;
  for (const auto& n : names) {
    const auto* cdu = catalog.find_as<model::Cdu>(n);
    any_central |= cdu && cdu->placement != model::CduPlacement::InRack;
  }
  std::optional<std::pair<std::string, model::Cdu>> chosen;
  for (const auto& n : names) {
    const auto* cdu = catalog.find_as<model::Cdu>(n);
    if (!cdu || cdu->capacity.si() <= 0.0) continue;
    if (any_central && cdu->placement == model::CduPlacement::InRack) continue;
    const auto mine = std::tuple(cdu_count(*cdu, input, redundancy).second, cdu->capacity.si(), n);
    if (!chosen || mine < std::tuple(cdu_count(chosen->second, input, redundancy).second,
                                     chosen->second.capacity.si(), chosen->first)) {
      chosen = std::make_pair(n, *cdu);
    }
  }
  return chosen;
}

// The CDU model and counts: the policy's, or the one cdu_by_size picks.
void design_cdus(CoolingPlant& plant, const CoolingInput& input, const model::Catalog& catalog,
                 const model::CoolingPolicy& policy, PolicyErrors& errors) {
  std::optional<std::pair<std::string, model::Cdu>> chosen;
  if (!policy.cdu.empty()) {
    const auto* cdu = catalog.find_as<model::Cdu>(policy.cdu);
    if (!cdu) {
      errors.add("cdu", fmt::format("\"{}\" is not a cdu in the catalog", policy.cdu));
      return;
    }
    chosen = std::make_pair(policy.cdu, *cdu);
  } else if (input.design.liquid_heat.si() > 0.0) {
    chosen = cdu_by_size(input, catalog, policy.cdu_redundancy);
    if (!chosen) {
      errors.add("cdu", "the rack is liquid-cooled but the catalog has no cdu entry");
      return;
    }
  }
  if (!chosen) return;
  plant.cdus.model = chosen->first;
  plant.cdus.unit_capacity = chosen->second.capacity;
  plant.cdus.unit_power = chosen->second.pump_power;
  plant.cdu_placement = chosen->second.placement;
  const auto [needed, installed] = cdu_count(chosen->second, input, policy.cdu_redundancy);
  plant.cdus.needed = needed;
  plant.cdus.installed = installed;
  plant.tcs_supply = plant.facility_supply + chosen->second.approach;
}

}  // namespace

CoolingPlant design_cooling_plant(const CoolingInput& input, const model::Catalog& catalog,
                                  const Weather& weather, const CoolingAssumptions& assumptions) {
  const model::CoolingPolicy default_policy;
  const model::CoolingPolicy& policy = input.policy ? *input.policy : default_policy;
  const CoolingAssumptions& a = assumptions;
  PolicyErrors errors;
  if (weather.dry_bulb_c.size() != static_cast<std::size_t>(kHoursPerYear) ||
      weather.wet_bulb_c.size() != weather.dry_bulb_c.size()) {
    throw Error(fmt::format("design_cooling_plant: the weather has {} hours, expected {}",
                            weather.dry_bulb_c.size(), kHoursPerYear));
  }

  CoolingPlant plant;
  plant.assumptions = a;
  plant.ashrae_class = to_string(policy.ashrae_class);
  plant.heat_rejection = to_string(policy.heat_rejection);
  plant.cdu_redundancy = policy.cdu_redundancy;
  plant.design_loads = input.design;
  plant.design_delta_t = a.design_delta_t_k * u::K;
  const double supply_c = ashrae_class_supply_c(policy.ashrae_class, a);
  plant.facility_supply = u::Temperature::from_celsius(supply_c);
  plant.facility_return = plant.facility_supply + plant.design_delta_t;
  plant.tcs_supply = plant.facility_supply;
  plant.coolant_flow = coolant_flow(input.design.liquid_heat, plant.design_delta_t, a);

  plant.design_day = design_conditions(weather, a.design_exceedance);
  std::vector<double> pad_air(weather.dry_bulb_c.size());
  for (std::size_t i = 0; i < pad_air.size(); ++i) {
    const double db = weather.dry_bulb_c[i];
    pad_air[i] = db - a.adiabatic_effectiveness * std::max(0.0, db - weather.wet_bulb_c[i]);
  }
  plant.design_adiabatic_air_c = exceeded_value(pad_air, a.design_exceedance);

  design_cdus(plant, input, catalog, policy, errors);
  // Fan walls / CRAHs: P = V dp / eta with V = Q / (rho_air cp_air dT_air).
  plant.air_handler_design_power =
      input.design.air_heat * a.air_handler_pressure_pa /
      (a.air_handler_efficiency * a.air_density_kg_m3 * a.air_cp_j_kgk * a.it_air_rise_k);
  // The loops reject the hall's heat plus the pumps' and fans' work at design.
  plant.design_work = plant.plant_work(input.design);
  plant.facility_pump_design_power = plant.design_work.liquid_pumps + plant.design_work.air_pumps;
  const DesignContext context{catalog, policy, a, plant.design_day, plant.design_adiabatic_air_c,
                              errors};
  plant.liquid =
      design_loop(context, "liquid", input.design.liquid_heat + plant.design_work.liquid(),
                  supply_c, a.design_delta_t_k);
  plant.air = design_loop(context, "air", input.design.air_heat + plant.design_work.air(),
                          a.air_loop_supply_c, a.air_loop_delta_t_k);
  errors.throw_if_any();
  plant.design_electrical =
      plant.at_hour(input.design, plant.design_day.dry_bulb_c, plant.design_day.wet_bulb_c)
          .electrical;
  return plant;
}

}  // namespace rackscale::design
