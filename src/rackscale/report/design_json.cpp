#include "rackscale/report/design_json.hpp"

#include <fmt/format.h>

#include "rackscale/report/fabric_export.hpp"

namespace rackscale::report {

namespace u = rackscale::units;
using nlohmann::ordered_json;

namespace {

ordered_json count_json(const design::RedundantCount& c) {
  ordered_json j{{"needed", c.needed},
                 {"installed", c.installed},
                 {"loaded", c.loaded},
                 {"groups", c.groups},
                 {"loading_normal", c.loading_normal}};
  j["loading_after_failure"] =
      c.loading_after_failure ? ordered_json(*c.loading_after_failure) : ordered_json(nullptr);
  j["survives_one_failure"] = c.survives_one_failure();
  return j;
}

ordered_json flow_json(const design::StageFlow& f) {
  return {{"output_kw", f.output.in(u::kW)},
          {"input_kw", f.input.in(u::kW)},
          {"loss_kw", f.loss.in(u::kW)},
          {"efficiency", f.efficiency},
          {"loading", f.loading}};
}

ordered_json demand_json(const design::GridDemand& g) {
  return {{"critical_mw", g.critical.in(u::MW)},
          {"mechanical_mw", g.mechanical.in(u::MW)},
          {"losses_mw", g.losses.in(u::MW)},
          {"total_mw", g.total.in(u::MW)},
          {"apparent_mva", g.apparent.in(u::MW)}};
}

ordered_json power_json(const design::PowerChain& p) {
  ordered_json stages = ordered_json::array();
  for (const auto& s : p.stages) {
    ordered_json j{{"stage", design::to_string(s.kind)},
                   {"label", s.label},
                   {"equipment", s.equipment},
                   {"redundancy", s.redundancy},
                   {"feeds", s.feeds},
                   {s.rated_in_va ? "unit_rating_kva" : "unit_rating_kw", s.unit_rating.in(u::kW)},
                   {"unit_capacity_kw", s.unit_capacity.in(u::kW)},
                   {"count", count_json(s.count)},
                   {"design", flow_json(s.design)},
                   {"typical", flow_json(s.typical)}};
    if (s.voltage_in) j["voltage_in_kv"] = s.voltage_in->in(u::kV);
    if (s.voltage_out) j["voltage_out_kv"] = s.voltage_out->in(u::kV);
    stages.push_back(j);
  }
  const auto& g = p.generation;
  const auto& b = p.battery;
  return {
      {"ups_coverage", to_string(p.ups_coverage)},
      {"power_factor", p.power_factor},
      {"stages", stages},
      {"design_indoor_losses_kw", p.indoor_losses_at_design().in(u::kW)},
      {"generation",
       {{"coverage", g.coverage},
        {"model", g.model},
        {"fuel", g.fuel},
        {"redundancy", g.redundancy},
        {"loads", g.loads},
        {"unit_rating_kw", g.unit_rating.in(u::kW)},
        {"load_kw", g.load.in(u::kW)},
        {"count", count_json(g.count)}}},
      {"battery",
       {{"enabled", b.enabled},
        {"swing_mw", b.swing.in(u::MW)},
        {"max_grid_step_mw", b.max_grid_step.in(u::MW)},
        {"swing_period_s", b.period.in(u::second)},
        {"step_without_battery_mw", b.step_without_battery.in(u::MW)},
        {"step_with_battery_mw", b.step_with_battery.in(u::MW)},
        {"required_power_mw", b.required_power.in(u::MW)},
        {"required_energy_kwh", b.required_energy.in(u::kWh)},
        {"model", b.model},
        {"technology", b.technology},
        {"units_by_power", b.units_by_power},
        {"units_by_energy", b.units_by_energy},
        {"units_by_cycle_life", b.units_by_cycle_life},
        {"units", b.units},
        {"cycles_per_year", b.cycles_per_year},
        {"life_years", b.life_years ? ordered_json(*b.life_years) : ordered_json()},
        {"installed_power_mw", b.installed_power.in(u::MW)},
        {"installed_energy_mwh", b.installed_energy.in(u::MWh)},
        {"binding", b.binding},
        {"reason", b.reason}}},
      {"design_demand", demand_json(p.design)},
      {"typical_demand", demand_json(p.typical)},
      {"notes", p.notes},
  };
}

ordered_json group_json(const design::UnitGroup& g) {
  return {{"model", g.model},
          {"needed", g.needed},
          {"installed", g.installed},
          {"unit_capacity_kw", g.unit_capacity.in(u::kW)},
          {"unit_power_kw", g.unit_power.in(u::kW)}};
}

ordered_json loop_json(const design::CoolingLoop& l) {
  return {{"design_heat_kw", l.design_heat.in(u::kW)},
          {"supply_c", l.supply.celsius()},
          {"return_c", l.return_water.celsius()},
          {"design_flow_l_per_min", l.design_flow.in(u::L / u::minute)},
          {"economizer", design::to_string(l.economizer)},
          {"economizer_units", group_json(l.economizer_units)},
          {"chillers", group_json(l.chillers)},
          {"design_chiller_load_kw", l.design_chiller_load.in(u::kW)}};
}

ordered_json cooling_json(const design::CoolingPlant& c) {
  return {
      {"ashrae_class", c.ashrae_class},
      {"heat_rejection", c.heat_rejection},
      {"facility_supply_c", c.facility_supply.celsius()},
      {"facility_return_c", c.facility_return.celsius()},
      {"coolant_flow_l_per_min", c.coolant_flow.in(u::L / u::minute)},
      {"cdu_placement", c.cdu_placement ? to_string(*c.cdu_placement) : std::string()},
      {"cdu_redundancy", to_string(c.cdu_redundancy)},
      {"cdus", group_json(c.cdus)},
      {"liquid_loop", loop_json(c.liquid)},
      {"air_loop", loop_json(c.air)},
      {"design_liquid_heat_kw", c.design_loads.liquid_heat.in(u::kW)},
      {"design_air_heat_kw", c.design_loads.air_heat.in(u::kW)},
      {"design_day_dry_bulb_c", c.design_day.dry_bulb_c},
      {"design_day_wet_bulb_c", c.design_day.wet_bulb_c},
      {"design_pump_heat_kw",
       (c.design_work.cdu_pumps + c.design_work.liquid_pumps + c.design_work.air_pumps).in(u::kW)},
      {"design_fan_heat_kw", c.design_work.air_fans.in(u::kW)},
      {"design_electrical_kw", c.design_electrical.in(u::kW)}};
}

ordered_json energy_json(const design::SiteEnergy& e) {
  ordered_json months = ordered_json::array();
  for (const auto& m : e.months) {
    months.push_back({{"month", m.month},
                      {"it_mwh", m.it.in(u::MWh)},
                      {"cooling_mwh", m.cooling.in(u::MWh)},
                      {"losses_mwh", m.losses.in(u::MWh)},
                      {"facility_mwh", m.facility.in(u::MWh)},
                      {"pue", m.pue},
                      {"water_m3", m.water_litres / 1000.0},
                      {"wue_l_per_kwh", m.wue_l_per_kwh},
                      {"mean_dry_bulb_c", m.mean_dry_bulb_c}});
  }
  return {{"it_mwh", e.it.in(u::MWh)},
          {"cooling_mwh", e.cooling.in(u::MWh)},
          {"losses_mwh", e.losses.in(u::MWh)},
          {"facility_mwh", e.facility.in(u::MWh)},
          {"pue", e.pue},
          {"partial_pue_cooling", e.partial_pue_cooling},
          {"wue_l_per_kwh", e.wue_l_per_kwh},
          {"water_m3", e.water_litres / 1000.0},
          {"peak_facility_mw", e.peak_facility.in(u::MW)},
          {"peak_hour_of_year", e.peak_hour},
          {"peak_cooling_mw", e.peak_cooling.in(u::MW)},
          {"free_cooling_hours", e.free_cooling_hours},
          {"unmet_cooling_hours", e.unmet_cooling_hours},
          {"max_balance_error_w", e.max_balance_error.in(u::W)},
          {"months", months}};
}

ordered_json capex_lines_json(const std::vector<design::CapexLine>& lines) {
  ordered_json out = ordered_json::array();
  for (const auto& l : lines) {
    out.push_back({{"category", l.category},
                   {"item", l.item},
                   {"basis", l.basis},
                   {"amount_musd", l.amount.in(u::MUSD)},
                   {"priced", l.priced}});
  }
  return out;
}

ordered_json cost_json(const design::Cost& c) {
  auto m = [](u::Money x) { return x.in(u::MUSD); };
  return {{"capex_musd",
           {{"it", m(c.it)},
            {"network", m(c.network)},
            {"electrical", m(c.electrical)},
            {"mechanical", m(c.mechanical)},
            {"shell_and_site", m(c.shell_and_site)},
            {"overheads", m(c.overheads)},
            {"soft_costs", m(c.soft_costs)},
            {"land", m(c.land)},
            {"total", m(c.capex_total)}}},
          {"facility_hard_musd", m(c.facility_hard)},
          {"facility_hard_per_mw_musd", c.facility_hard_per_mw.in(u::MUSD / u::MW)},
          {"capex_lines", capex_lines_json(c.facility_lines)},
          {"opex_musd_per_year",
           {{"energy", m(c.energy_per_year)},
            {"water", m(c.water_per_year)},
            {"staff", m(c.staff_per_year)},
            {"maintenance", m(c.maintenance_per_year)},
            {"total", m(c.opex_per_year)}}},
          {"tco_musd", m(c.tco)},
          {"tco_horizon_years", c.assumptions.tco_horizon.in(u::year)},
          {"discount_rate", c.assumptions.discount_rate},
          {"annualized_cost_musd", m(c.annualized_cost)},
          {"cost_per_gpu_hour_usd", c.cost_per_gpu_hour_usd}};
}

ordered_json bom_json(const design::Bom& b) {
  ordered_json lines = ordered_json::array();
  for (const auto& l : b.lines) {
    ordered_json j{{"category", l.category},
                   {"item", l.item},
                   {"kind", l.kind},
                   {"count", l.count},
                   {"note", l.note}};
    j["unit_price_usd"] =
        l.unit_price ? ordered_json(l.unit_price->in(u::USD)) : ordered_json(nullptr);
    auto ext = l.extended();
    j["extended_price_usd"] = ext ? ordered_json(ext->in(u::USD)) : ordered_json(nullptr);
    j["lead_time_weeks"] =
        l.lead_time ? ordered_json(l.lead_time->in(u::week)) : ordered_json(nullptr);
    lines.push_back(j);
  }
  return lines;
}

}  // namespace

ordered_json site_design_to_json(const design::SiteDesign& d) {
  const auto& s = d.space;
  const auto& l = d.loads;
  return {
      {"site", d.name},
      {"rack_system", d.rack_system},
      {"racks", d.racks},
      {"gpus", d.gpus},
      {"loads",
       {{"it_design_mw", l.it_design.in(u::MW)},
        {"it_typical_mw", l.it_typical.in(u::MW)},
        {"it_idle_mw", l.it_idle.in(u::MW)},
        {"it_peak_mw", l.it_peak.in(u::MW)},
        {"network_mw", l.network.in(u::MW)},
        {"storage_and_management_mw", l.storage_and_management.in(u::MW)},
        {"mechanical_design_mw", l.mechanical_design.in(u::MW)}}},
      {"space",
       {{"racks_per_row", s.racks_per_row},
        {"row_limit", s.row_limit},
        {"rows_per_hall", s.rows_per_hall},
        {"racks_per_hall", s.racks_per_hall},
        {"rows", s.rows},
        {"halls", s.halls},
        {"white_space_m2", s.white_space.in(u::m2)},
        {"electrical_rooms_m2", s.electrical_rooms.in(u::m2)},
        {"mechanical_rooms_m2", s.mechanical_rooms.in(u::m2)},
        {"support_space_m2", s.support_space.in(u::m2)},
        {"gross_area_m2", s.gross_area.in(u::m2)},
        {"yards_m2", d.area.yards.in(u::m2)},
        {"building_footprint_m2", d.area.building_footprint.in(u::m2)},
        {"land_m2", d.area.land.in(u::m2)},
        {"rack_point_loading_kg_per_m2", s.rack_point_loading.in(u::kg / u::m2)},
        {"distributed_loading_kg_per_m2", s.distributed_loading.in(u::kg / u::m2)},
        {"spread_for_weight", s.spread_for_weight},
        {"slot_width_m", s.slot_width.in(u::m)},
        {"design_power_per_row_kw", s.design_power_per_row.in(u::kW)},
        {"design_power_per_hall_mw", s.design_power_per_hall.in(u::MW)}}},
      {"fabric", report::fabric_to_json(d.fabric)},
      {"power", power_json(d.power)},
      {"cooling", cooling_json(d.cooling)},
      {"weather_source", d.weather.source},
      {"energy", energy_json(d.energy)},
      {"cost", cost_json(d.cost)},
      {"bom", bom_json(d.bom)},
  };
}

ordered_json design_to_json(const RunStamp& stamp, const std::vector<design::SiteDesign>& sites) {
  ordered_json arr = ordered_json::array();
  for (const auto& s : sites) arr.push_back(site_design_to_json(s));
  return {{"rackscale_version", stamp.version},
          {"scenario", stamp.scenario},
          {"seed", stamp.seed},
          {"input_hash", stamp.input_hash},
          {"sites", arr}};
}

std::string design_json_file(const RunStamp& stamp, const std::vector<design::SiteDesign>& sites) {
  return design_to_json(stamp, sites).dump(2) + "\n";
}

}  // namespace rackscale::report
