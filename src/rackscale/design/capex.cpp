#include "rackscale/design/capex.hpp"

#include <fmt/format.h>

namespace rackscale::design {

namespace u = rackscale::units;

namespace {

constexpr double kWattsPerHorsepower = 745.7;  // mechanical horsepower

// The lines of one category and their sum.
struct Ledger {
  FacilityCapex capex;

  void add(const std::string& category, std::string item, std::string basis, u::Money amount) {
    capex.lines.push_back(CapexLine{category, std::move(item), std::move(basis), amount, true});
    total(category) += amount;
  }
  void add_unpriced(const std::string& category, std::string item, int count) {
    capex.lines.push_back(CapexLine{category, std::move(item),
                                    fmt::format("{} units; unpriced: no catalog price", count),
                                    u::Money{}, false});
  }
  u::Money& total(const std::string& category) {
    if (category == "electrical") return capex.electrical;
    if (category == "mechanical") return capex.mechanical;
    if (category == "shell_and_site") return capex.shell_and_site;
    if (category == "overheads") return capex.overheads;
    return capex.soft_costs;
  }
};

std::string musd(u::Money m) {
  return fmt::format("{:.4g} MUSD", m.in(u::MUSD));
}

// Catalog gear: installed units x price x (1 + installation factor).
void add_equipment(Ledger& ledger, const std::string& category, const std::string& name, int count,
                   const model::Catalog& catalog, const CapexRates& rates) {
  if (name.empty() || count <= 0) return;
  const model::CatalogEntry* e = catalog.find(name);
  if (e == nullptr || !e->price) {
    ledger.add_unpriced(category, name, count);
    return;
  }
  const double factor = 1.0 + rates.installation_factor;
  ledger.add(category, name, fmt::format("{} x {} x {:g}", count, musd(*e->price), factor),
             static_cast<double>(count) * *e->price * factor);
}

void add_power_chain(Ledger& ledger, const PowerChain& power, const model::Catalog& catalog,
                     const CapexRates& rates) {
  for (const auto& s : power.stages) {
    if (!s.catalog_kind.empty()) {
      add_equipment(ledger, "electrical", s.equipment, s.count.installed, catalog, rates);
    }
  }
  if (const PowerStage* t = power.stage(StageKind::Transformer)) {
    const int bays = t->count.installed;
    ledger.add("electrical", "HV switchyard bays",
               fmt::format("{} transformers x {}", bays, musd(rates.switchyard_bay)),
               static_cast<double>(bays) * rates.switchyard_bay);
  }
  if (const PowerStage* uss = power.stage(StageKind::UnitSubstation)) {
    const int feeders = uss->count.installed;
    ledger.add("electrical", "MV cabling",
               fmt::format("{} unit-substation feeders x {}", feeders, musd(rates.mv_feeder)),
               static_cast<double>(feeders) * rates.mv_feeder);
    // LV distribution sized on the unit substations' installed capacity: each one feeds its own
    // busway or PDUs, so 2N substations carry two sets.
    const PowerStage* dist = power.stage(StageKind::Distribution);
    if (dist != nullptr) {
      const bool pdus = dist->voltage_in != dist->voltage_out;
      const u::PowerPrice rate = pdus ? rates.pdus : rates.busway;
      const u::Power capacity = static_cast<double>(uss->count.installed) * uss->unit_capacity;
      ledger.add("electrical", pdus ? "LV PDUs" : "LV busway",
                 fmt::format("{:.1f} MW of unit substations x {:g} MUSD/MW", capacity.in(u::MW),
                             rate.in(u::MUSD / u::MW)),
                 rate * capacity);
    }
  }
  add_equipment(ledger, "electrical", power.generation.model, power.generation.count.installed,
                catalog, rates);
  if (power.generation.fuel == "diesel" && power.generation.count.installed > 0) {
    const u::Power rated =
        static_cast<double>(power.generation.count.installed) * power.generation.unit_rating;
    const double litres =
        rated.in(u::kW)*rates.diesel_autonomy.in(u::h)*rates.diesel_litres_per_kwh;
    ledger.add("electrical", "diesel storage and first fill",
               fmt::format("{:.0f} L ({:g} h at {:.0f} MW) x {:g} USD/L", litres,
                           rates.diesel_autonomy.in(u::h), rated.in(u::MW),
                           rates.diesel_storage_usd_per_litre),
               litres * rates.diesel_storage_usd_per_litre * u::USD);
  }
  add_equipment(ledger, "electrical", power.battery.model, power.battery.units, catalog, rates);
}

void add_cooling(Ledger& ledger, const CoolingPlant& cooling, const model::Catalog& catalog,
                 const CapexRates& rates) {
  add_equipment(ledger, "mechanical", cooling.cdus.model, cooling.cdus.installed, catalog, rates);
  for (const CoolingLoop* loop : {&cooling.liquid, &cooling.air}) {
    add_equipment(ledger, "mechanical", loop->economizer_units.model,
                  loop->economizer_units.installed, catalog, rates);
    add_equipment(ledger, "mechanical", loop->chillers.model, loop->chillers.installed, catalog,
                  rates);
  }
  const u::Power heat = cooling.design_loads.total();
  ledger.add("mechanical", "facility water piping",
             fmt::format("{:.1f} MW of heat x {:g} MUSD/MW", heat.in(u::MW),
                         rates.piping.in(u::MUSD / u::MW)),
             rates.piping * heat);
  const double hp = cooling.facility_pump_design_power.in(u::W) / kWattsPerHorsepower;
  ledger.add("mechanical", "facility pumps",
             fmt::format("{:.0f} hp x {:g} USD/hp", hp, rates.pump_usd_per_hp),
             hp * rates.pump_usd_per_hp * u::USD);
  const u::Power air = cooling.design_loads.air_heat;
  ledger.add("mechanical", "fan walls / CRAHs",
             fmt::format("{:.1f} MW of air heat x {:g} MUSD/MW", air.in(u::MW),
                         rates.air_handlers.in(u::MUSD / u::MW)),
             rates.air_handlers * air);
}

void add_shell_and_site(Ledger& ledger, const Space& space, const SiteArea& area,
                        const CapexRates& rates) {
  const auto per_m2 = [](u::AreaPrice p) { return p.in(u::USD / u::m2); };
  ledger.add(
      "shell_and_site", "building shell and core",
      fmt::format("{:.0f} m^2 x {:g} USD/m^2", space.gross_area.in(u::m2), per_m2(rates.shell)),
      rates.shell * space.gross_area);
  ledger.add("shell_and_site", "white-space fit-out",
             fmt::format("{:.0f} m^2 x {:g} USD/m^2", space.white_space.in(u::m2),
                         per_m2(rates.white_space_fit_out)),
             rates.white_space_fit_out * space.white_space);
  // Site work is a share of everything built so far: the power chain, the cooling and the building.
  const FacilityCapex& c = ledger.capex;
  const u::Money built = c.electrical + c.mechanical + c.shell_and_site;
  ledger.add("shell_and_site", "site work",
             fmt::format("{:g} x electrical, mechanical and building {} ({:.0f} m^2 of land)",
                         rates.site_work_fraction, musd(built), area.land.in(u::m2)),
             rates.site_work_fraction * built);
}

void add_fraction(Ledger& ledger, const std::string& category, const std::string& item,
                  double fraction, u::Money base, const std::string& base_name) {
  ledger.add(category, item, fmt::format("{:g} x {} {}", fraction, base_name, musd(base)),
             fraction * base);
}

}  // namespace

CapexRates capex_rates(const model::CostPolicy& p) {
  CapexRates r;
  if (p.installation_factor) r.installation_factor = *p.installation_factor;
  if (p.design_and_permitting_fraction) {
    r.design_and_permitting_fraction = *p.design_and_permitting_fraction;
  }
  if (p.contingency_fraction) r.contingency_fraction = *p.contingency_fraction;
  return r;
}

FacilityCapex facility_capex(const CapexInput& in, const model::Catalog& catalog,
                             const CapexRates& rates) {
  Ledger ledger;
  add_power_chain(ledger, *in.power, catalog, rates);
  ledger.add("electrical", "LV cabling, tray, grounding, lighting, monitoring",
             fmt::format("{:.1f} MW critical x {:g} MUSD/MW", in.critical_design.in(u::MW),
                         rates.electrical_bulk.in(u::MUSD / u::MW)),
             rates.electrical_bulk * in.critical_design);
  add_cooling(ledger, *in.cooling, catalog, rates);
  add_shell_and_site(ledger, *in.space, *in.area, rates);
  // Overheads on the direct cost, soft costs on the hard cost (direct + overheads).
  const FacilityCapex& c = ledger.capex;
  const u::Money direct = c.electrical + c.mechanical + c.shell_and_site;
  add_fraction(ledger, "overheads", "fire protection and controls",
               rates.fire_and_controls_fraction, direct, "direct");
  add_fraction(ledger, "overheads", "general conditions", rates.general_conditions_fraction, direct,
               "direct");
  add_fraction(ledger, "overheads", "contractor's fee", rates.contractor_fee_fraction, direct,
               "direct");
  add_fraction(ledger, "overheads", "security systems", rates.security_fraction, direct, "direct");
  const u::Money hard = c.hard();
  add_fraction(ledger, "soft", "design, engineering and permitting",
               rates.design_and_permitting_fraction, hard, "hard");
  add_fraction(ledger, "soft", "commissioning agent", rates.commissioning_fraction, hard, "hard");
  add_fraction(ledger, "soft", "contingency", rates.contingency_fraction, hard, "hard");
  return ledger.capex;
}

}  // namespace rackscale::design
