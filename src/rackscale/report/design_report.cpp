#include "rackscale/report/design_report.hpp"

#include <fmt/format.h>

#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/fabric_table.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace u = rackscale::units;

namespace {

std::string f1(double x) {
  return fmt::format("{:.1f}", x);
}
std::string f2(double x) {
  return fmt::format("{:.2f}", x);
}
std::string f3(double x) {
  return fmt::format("{:.3f}", x);
}

using rackscale::stamp_line;

std::string loads_markdown(const design::SiteDesign& d) {
  const auto& l = d.loads;
  return "### Loads\n\n" +
         markdown_table({"load", "MW"},
                        {{"IT at design", f2(l.it_design.in(u::MW))},
                         {"IT typical", f2(l.it_typical.in(u::MW))},
                         {"IT idle", f2(l.it_idle.in(u::MW))},
                         {"IT peak (transient)", f2(l.it_peak.in(u::MW))},
                         {"network", f2(l.network.in(u::MW))},
                         {"storage and management", f2(l.storage_and_management.in(u::MW))},
                         {"cooling at design day", f2(l.mechanical_design.in(u::MW))},
                         {"utility demand at design", f2(d.power.design.total.in(u::MW))}});
}

std::string power_chain_markdown(const design::SiteDesign& d) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : d.power.stages) {
    rows.push_back({s.label, s.equipment, s.redundancy, std::to_string(s.count.needed),
                    std::to_string(s.count.installed),
                    f1(s.unit_rating.in(u::kW)) + (s.rated_in_va ? " kVA" : " kW"),
                    fmt::format("{:.0f}%", 100.0 * s.design.loading), f1(s.design.loss.in(u::kW))});
  }
  std::string out = "\n### Power chain\n\n";
  out += markdown_table({"stage", "equipment", "redundancy", "needed", "installed", "unit rating",
                         "loading at design", "loss at design [kW]"},
                        rows);
  const auto& g = d.power.generation;
  out += fmt::format("\nGenerators: {} ({}), {} installed. Batteries: {}\n", g.coverage,
                     g.model.empty() ? "none" : g.model, g.count.installed, d.power.battery.reason);
  return out;
}

std::string cooling_markdown(const design::CoolingPlant& c) {
  return "\n### Cooling\n\n" +
         markdown_table(
             {"item", "value"},
             {{"ASHRAE class, facility supply/return",
               fmt::format("{}, {:.1f}/{:.1f} C", c.ashrae_class, c.facility_supply.celsius(),
                           c.facility_return.celsius())},
              {"heat rejection", c.heat_rejection},
              {"liquid / air heat at design",
               fmt::format("{:.1f} / {:.1f} MW", c.design_loads.liquid_heat.in(u::MW),
                           c.design_loads.air_heat.in(u::MW))},
              {"coolant flow", fmt::format("{:.0f} L/min", c.coolant_flow.in(u::L / u::minute))},
              {"CDUs", fmt::format("{} x {} ({} needed, {})", c.cdus.installed, c.cdus.model,
                                   c.cdus.needed, to_string(c.cdu_redundancy))},
              {"liquid loop heat rejection",
               fmt::format("{} x {}", c.liquid.economizer_units.installed,
                           c.liquid.economizer_units.model)},
              {"liquid loop chillers",
               fmt::format("{} x {}", c.liquid.chillers.installed, c.liquid.chillers.model)},
              {"air loop chillers",
               fmt::format("{} x {}", c.air.chillers.installed, c.air.chillers.model)},
              {"design day dry/wet bulb",
               fmt::format("{:.1f} / {:.1f} C", c.design_day.dry_bulb_c, c.design_day.wet_bulb_c)},
              {"cooling power at design day",
               fmt::format("{:.2f} MW", c.design_electrical.in(u::MW))}});
}

std::string energy_markdown(const design::SiteDesign& d) {
  const auto& e = d.energy;
  std::string out = "\n### Energy over a year\n\n";
  out += fmt::format(
      "PUE {:.3f} (cooling partial PUE {:.3f}), WUE {:.3f} L/kWh, {} free-cooling hours, peak "
      "facility power {:.1f} MW. Weather: {}.\n\n",
      e.pue, e.partial_pue_cooling, e.wue_l_per_kwh, e.free_cooling_hours,
      e.peak_facility.in(u::MW), d.weather.source);
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : e.months) {
    rows.push_back({std::to_string(m.month), f1(m.mean_dry_bulb_c), f1(m.it.in(u::MWh)),
                    f1(m.cooling.in(u::MWh)), f1(m.losses.in(u::MWh)), f3(m.pue),
                    f3(m.wue_l_per_kwh)});
  }
  out += markdown_table({"month", "mean dry bulb [C]", "IT [MWh]", "cooling [MWh]", "losses [MWh]",
                         "PUE", "WUE [L/kWh]"},
                        rows);
  return out;
}

std::string space_markdown(const design::Space& s, const design::SiteArea& a) {
  return "\n### Space\n\n" +
         markdown_table(
             {"item", "value"},
             {{"racks per row", fmt::format("{} ({}-limited)", s.racks_per_row, s.row_limit)},
              {"rows per hall", std::to_string(s.rows_per_hall)},
              {"rows, halls", fmt::format("{}, {}", s.rows, s.halls)},
              {"white space", fmt::format("{:.0f} m^2", s.white_space.in(u::m2))},
              {"electrical, mechanical, support rooms",
               fmt::format("{:.0f}, {:.0f}, {:.0f} m^2", s.electrical_rooms.in(u::m2),
                           s.mechanical_rooms.in(u::m2), s.support_space.in(u::m2))},
              {"gross floor area", fmt::format("{:.0f} m^2", s.gross_area.in(u::m2))},
              {"yards", fmt::format("{:.0f} m^2", a.yards.in(u::m2))},
              {"land",
               fmt::format("{:.0f} m^2 ({:.1f} ha)", a.land.in(u::m2), a.land.in(u::m2) / 1e4)},
              {"floor loading (spread)",
               fmt::format("{:.0f} kg/m^2{}", s.distributed_loading.in(u::kg / u::m2),
                           s.spread_for_weight ? ", racks spaced apart for the slab" : "")}});
}

std::string cost_markdown(const design::SiteDesign& d) {
  const auto& k = d.cost;
  auto m = [](u::Money x) { return f1(x.in(u::MUSD)); };
  std::string out = "\n### Cost\n\n";
  out += markdown_table({"capex", "MUSD"}, {{"IT", m(k.it)},
                                            {"network", m(k.network)},
                                            {"electrical", m(k.electrical)},
                                            {"mechanical", m(k.mechanical)},
                                            {"shell and site", m(k.shell_and_site)},
                                            {"overheads", m(k.overheads)},
                                            {"soft costs", m(k.soft_costs)},
                                            {"land", m(k.land)},
                                            {"total", m(k.capex_total)}});
  out += fmt::format(
      "\nFacility hard cost (electrical, mechanical, shell and site, overheads): {} MUSD, "
      "{:.2f} MUSD per MW of critical load (published range 9.3-15.0, docs/models/cost.md).\n\n",
      m(k.facility_hard), k.facility_hard_per_mw.in(u::MUSD / u::MW));
  std::vector<std::vector<std::string>> lines;
  for (const auto& l : k.facility_lines)
    lines.push_back({l.category, l.item, l.basis, m(l.amount)});
  out += markdown_table({"category", "facility item", "basis", "MUSD"}, lines);
  out += "\n";
  out += markdown_table({"opex per year", "MUSD"}, {{"energy", m(k.energy_per_year)},
                                                    {"water", m(k.water_per_year)},
                                                    {"staff", m(k.staff_per_year)},
                                                    {"maintenance", m(k.maintenance_per_year)},
                                                    {"total", m(k.opex_per_year)}});
  out += fmt::format("\nTCO over {:g} years at {:g}%: {} MUSD. Cost per GPU-hour: {:.2f} USD.\n",
                     k.assumptions.tco_horizon.in(u::year), 100.0 * k.assumptions.discount_rate,
                     m(k.tco), k.cost_per_gpu_hour_usd);
  if (int unpriced = d.bom.unpriced_lines(); unpriced > 0) {
    out += fmt::format(
        "{} bill-of-materials lines have no catalog price; network capex counts only priced "
        "items.\n",
        unpriced);
  }
  return out;
}

// One site: a heading, then a section per layer of the design.
std::string site_markdown(const design::SiteDesign& d) {
  std::string out =
      fmt::format("## {}\n\n{} racks of {} ({} GPUs), {} halls.\n\n", d.name,
                  group_thousands(d.racks), d.rack_system, group_thousands(d.gpus), d.space.halls);
  out += loads_markdown(d);
  out += power_chain_markdown(d);
  out += cooling_markdown(d.cooling);
  out += energy_markdown(d);
  out += space_markdown(d.space, d.area);
  out += cost_markdown(d);
  out += "\n### Network fabric\n\n```\n" + report::format_fabric_table(d.fabric) + "```\n";
  return out;
}

}  // namespace

std::string design_summary_markdown(const RunStamp& stamp,
                                    const std::vector<design::SiteDesign>& sites) {
  std::string out = fmt::format("# Design: {}\n\n{}\n\n", stamp.scenario, stamp_line(stamp));
  for (const auto& d : sites) out += site_markdown(d) + "\n";
  return out;
}

std::string bom_csv(const std::vector<design::SiteDesign>& sites) {
  CsvWriter csv({"site", "category", "item", "kind", "count", "unit_price_usd",
                 "extended_price_usd", "lead_time_weeks", "note"});
  for (const auto& d : sites) {
    for (const auto& l : d.bom.lines) {
      auto ext = l.extended();
      csv.add_named_row({
          {"site", d.name},
          {"category", l.category},
          {"item", l.item},
          {"kind", l.kind},
          {"count", std::to_string(l.count)},
          {"unit_price_usd", l.unit_price ? fmt::format("{:.2f}", l.unit_price->in(u::USD)) : ""},
          {"extended_price_usd", ext ? fmt::format("{:.2f}", ext->in(u::USD)) : ""},
          {"lead_time_weeks", l.lead_time ? fmt::format("{:g}", l.lead_time->in(u::week)) : ""},
          {"note", l.note},
      });
    }
  }
  return csv.text();
}

std::string design_terminal_summary(const std::vector<design::SiteDesign>& sites) {
  Table t({"site", "racks", "GPUs", "IT MW", "utility MW", "PUE", "WUE L/kWh", "halls",
           "capex MUSD", "USD/GPU-h"});
  t.align_right({1, 2, 3, 4, 5, 6, 7, 8, 9});
  for (const auto& d : sites) {
    t.add({d.name, group_thousands(d.racks), group_thousands(d.gpus),
           f1(d.loads.it_design.in(u::MW)), f1(d.power.design.total.in(u::MW)), f3(d.energy.pue),
           f2(d.energy.wue_l_per_kwh), std::to_string(d.space.halls),
           fmt::format("{:.0f}", d.cost.capex_total.in(u::MUSD)),
           f2(d.cost.cost_per_gpu_hour_usd)});
  }
  return t.render();
}

}  // namespace rackscale::report
