#include "rackscale/report/catalog_report.hpp"

#include <fmt/format.h>

#include "rackscale/report/table.hpp"

namespace rackscale::report {
namespace {

namespace u = rackscale::units;
using nlohmann::ordered_json;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

ordered_json to_json(const model::RackSystem& x) {
  ordered_json j;
  j["gpu"] = x.gpu;
  j["gpus_per_node"] = x.gpus_per_node;
  j["nodes_per_rack"] = x.nodes_per_rack;
  j["gpus_per_rack"] = x.gpus_per_rack();
  j["scale_up_domain_gpus"] = x.scale_up_domain;
  j["nvlink_switch_trays"] = x.nvlink_switch_trays;
  j["cpus_per_node"] = x.cpus_per_node;
  j["cooling"] = x.liquid_cooled ? "liquid" : "air";
  j["liquid_fraction"] = x.liquid_fraction;
  j["design_power_kw"] = x.power.design.in(u::kW);
  j["max_power_kw"] = x.power.max.in(u::kW);
  j["typical_power_kw"] = x.power.typical.in(u::kW);
  j["idle_power_kw"] = x.power.idle.in(u::kW);
  if (x.power.peak) j["peak_power_kw"] = x.power.peak->in(u::kW);
  j["mass_kg"] = x.mass.in(u::kg);
  j["width_mm"] = x.footprint.width.in(u::mm);
  j["depth_mm"] = x.footprint.depth.in(u::mm);
  j["height_mm"] = x.footprint.height.in(u::mm);
  if (x.power_shelves) j["power_shelves"] = *x.power_shelves;
  if (x.psus_per_shelf) j["psus_per_shelf"] = *x.psus_per_shelf;
  if (x.psu_rating) j["psu_rating_kw"] = x.psu_rating->in(u::kW);
  if (x.node_rack_units) j["node_rack_units"] = *x.node_rack_units;
  j["scale_out_ports_per_gpu"] = x.network.scale_out_ports_per_gpu;
  j["scale_out_port_speed_gbps"] = x.network.scale_out_port_speed.in(u::Gbps);
  j["frontend_ports_per_node"] = x.network.frontend_ports_per_node;
  j["frontend_port_speed_gbps"] = x.network.frontend_port_speed.in(u::Gbps);
  j["oob_ports_per_node"] = x.network.oob_ports_per_node;
  return j;
}

ordered_json to_json(const model::Switch& x) {
  ordered_json j;
  j["fabric"] = x.infiniband ? "infiniband" : "ethernet";
  j["roles"] = x.roles;
  j["ports"] = x.ports;
  j["port_speed_gbps"] = x.port_speed.in(u::Gbps);
  if (x.breakout_ports) j["breakout_ports"] = *x.breakout_ports;
  if (x.breakout_port_speed) j["breakout_port_speed_gbps"] = x.breakout_port_speed->in(u::Gbps);
  j["typical_power_w"] = x.power_typical.in(u::W);
  j["max_power_w"] = x.power_max.in(u::W);
  j["rack_units"] = x.rack_units;
  return j;
}

}  // namespace

ordered_json spec_to_json(const model::EntrySpec& spec) {
  return std::visit(
      Overloaded{
          [](const model::RackSystem& x) { return to_json(x); },
          [](const model::Switch& x) { return to_json(x); },
          [](const model::Transceiver& x) {
            return ordered_json{{"data_rate_gbps", x.data_rate.in(u::Gbps)},
                                {"medium", x.medium},
                                {"reach_class", model::to_string(x.reach_class)},
                                {"max_reach_m", x.max_reach.in(u::m)},
                                {"power_w", x.power.in(u::W)},
                                {"form_factor", x.form_factor},
                                {"links", x.links}};
          },
          [](const model::Cable& x) {
            return ordered_json{{"data_rate_gbps", x.data_rate.in(u::Gbps)},
                                {"medium", x.medium},
                                {"reach_class", model::to_string(x.reach_class)},
                                {"max_reach_m", x.max_reach.in(u::m)},
                                {"power_w", x.power.in(u::W)},
                                {"needs_transceivers", x.needs_transceivers},
                                {"links", x.links}};
          },
          [](const model::Transformer& x) {
            return ordered_json{{"rating_mva", x.rating.in(u::MW)},
                                {"primary_voltage_kv", x.primary_voltage.in(u::kV)},
                                {"secondary_voltage_kv", x.secondary_voltage.in(u::kV)},
                                {"efficiency", x.efficiency},
                                {"no_load_loss_kw", x.no_load_loss.in(u::kW)}};
          },
          [](const model::Switchgear& x) {
            return ordered_json{{"voltage_kv", x.voltage.in(u::kV)},
                                {"rating_mva", x.rating.in(u::MW)}};
          },
          [](const model::UnitSubstation& x) {
            return ordered_json{{"rating_mva", x.rating.in(u::MW)},
                                {"primary_voltage_kv", x.primary_voltage.in(u::kV)},
                                {"secondary_voltage_kv", x.secondary_voltage.in(u::kV)},
                                {"efficiency", x.efficiency}};
          },
          [](const model::Ups& x) {
            ordered_json curve = ordered_json::array();
            for (const auto& p : x.efficiency_curve) {
              curve.push_back({{"load", p.load}, {"efficiency", p.efficiency}});
            }
            return ordered_json{{"module_rating_kw", x.module_rating.in(u::kW)},
                                {"efficiency_curve", curve}};
          },
          [](const model::Generator& x) {
            return ordered_json{{"rating_kw", x.rating.in(u::kW)}, {"fuel", x.fuel}};
          },
          [](const model::Battery& x) {
            return ordered_json{{"power_mw", x.power.in(u::MW)},
                                {"energy_mwh", x.energy.in(u::MWh)},
                                {"round_trip_efficiency", x.round_trip_efficiency}};
          },
          [](const model::Cdu& x) {
            return ordered_json{{"capacity_kw", x.capacity.in(u::kW)},
                                {"placement", to_string(x.placement)},
                                {"pump_power_kw", x.pump_power.in(u::kW)},
                                {"approach_k", x.approach.in(u::K)}};
          },
          [](const model::DryCooler& x) {
            return ordered_json{{"capacity_kw", x.capacity.in(u::kW)},
                                {"fan_power_kw", x.fan_power.in(u::kW)},
                                {"approach_k", x.approach.in(u::K)},
                                {"adiabatic", x.adiabatic}};
          },
          [](const model::Chiller& x) {
            return ordered_json{
                {"capacity_kw", x.capacity.in(u::kW)}, {"condenser", x.condenser}, {"cop", x.cop}};
          },
          [](const model::CoolingTower& x) {
            return ordered_json{{"capacity_kw", x.capacity.in(u::kW)},
                                {"fan_power_kw", x.fan_power.in(u::kW)},
                                {"approach_k", x.approach.in(u::K)}};
          },
      },
      spec);
}

ordered_json entry_to_json(const model::CatalogEntry& e) {
  ordered_json j;
  j["name"] = e.name;
  j["kind"] = e.kind;
  if (!e.vendor.empty()) j["vendor"] = e.vendor;
  if (!e.description.empty()) j["description"] = e.description;
  j["confidence"] = model::to_string(e.confidence);
  if (e.price) j["price_usd"] = e.price->in(u::USD);
  if (e.lead_time) j["lead_time_weeks"] = e.lead_time->in(u::week);
  j["spec"] = spec_to_json(e.spec);
  if (!e.sources.empty()) j["sources"] = e.sources;
  if (!e.assumption.empty()) j["assumption"] = e.assumption;
  j["defined_at"] = fmt::format("{}:{}", e.where.file, e.where.line);
  return j;
}

std::string entry_summary(const model::CatalogEntry& e) {
  return std::visit(
      Overloaded{
          [](const model::RackSystem& x) {
            return fmt::format("{} x {}, {:g} kW design, {}", x.gpus_per_rack(), x.gpu,
                               x.power.design.in(u::kW), x.liquid_cooled ? "liquid" : "air");
          },
          [](const model::Switch& x) {
            return fmt::format("{} x {:g}G {}", x.ports, x.port_speed.in(u::Gbps),
                               x.infiniband ? "InfiniBand" : "Ethernet");
          },
          [](const model::Transceiver& x) {
            return fmt::format("{:g}G {}, {:g} m, {:g} W", x.data_rate.in(u::Gbps), x.medium,
                               x.max_reach.in(u::m), x.power.in(u::W));
          },
          [](const model::Cable& x) {
            return fmt::format("{:g}G {}, {:g} m", x.data_rate.in(u::Gbps), x.medium,
                               x.max_reach.in(u::m));
          },
          [](const model::Transformer& x) {
            return fmt::format("{:g} MVA, {:g}/{:g} kV", x.rating.in(u::MW),
                               x.primary_voltage.in(u::kV), x.secondary_voltage.in(u::kV));
          },
          [](const model::Switchgear& x) {
            return fmt::format("{:g} kV, {:g} MVA", x.voltage.in(u::kV), x.rating.in(u::MW));
          },
          [](const model::UnitSubstation& x) {
            return fmt::format("{:g} MVA, {:g} kV/{:g} V", x.rating.in(u::MW),
                               x.primary_voltage.in(u::kV), x.secondary_voltage.in(u::V));
          },
          [](const model::Ups& x) {
            return fmt::format("{:g} kW module", x.module_rating.in(u::kW));
          },
          [](const model::Generator& x) {
            return fmt::format("{:g} MW {}", x.rating.in(u::MW), x.fuel);
          },
          [](const model::Battery& x) {
            return fmt::format("{:g} MW / {:g} MWh", x.power.in(u::MW), x.energy.in(u::MWh));
          },
          [](const model::Cdu& x) {
            return fmt::format("{:g} kW {}", x.capacity.in(u::kW), to_string(x.placement));
          },
          [](const model::DryCooler& x) {
            return fmt::format("{:g} kW{}", x.capacity.in(u::kW), x.adiabatic ? ", adiabatic" : "");
          },
          [](const model::Chiller& x) {
            return fmt::format("{:g} kW, {}-cooled, COP {:g}", x.capacity.in(u::kW), x.condenser,
                               x.cop);
          },
          [](const model::CoolingTower& x) { return fmt::format("{:g} kW", x.capacity.in(u::kW)); },
      },
      e.spec);
}

nlohmann::ordered_json entries_to_json(const model::Catalog& catalog, const std::string& kind) {
  ordered_json list = ordered_json::array();
  for (const auto& [name, e] : catalog.entries()) {
    if (kind.empty() || e.kind == kind) list.push_back(entry_to_json(e));
  }
  return list;
}

std::string catalog_table(const model::Catalog& catalog, const std::string& kind) {
  Table t({"name", "kind", "vendor", "confidence", "summary"});
  for (const auto& k : model::entry_kinds()) {
    if (!kind.empty() && k != kind) continue;
    for (const auto& name : catalog.names_of_kind(k)) {
      const auto& e = *catalog.find(name);
      t.add({e.name, e.kind, e.vendor, model::to_string(e.confidence), entry_summary(e)});
    }
  }
  return t.render();
}

namespace {

std::string scalar_text(const ordered_json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

void flat_lines(const ordered_json& j, const std::string& prefix, std::string& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) {
      flat_lines(*it, key, out);
    } else if (it->is_array() && !it->empty() && !(*it)[0].is_object()) {
      for (std::size_t i = 0; i < it->size(); ++i) {
        out += fmt::format("  {:<32} {}\n", fmt::format("{}[{}]", key, i), scalar_text((*it)[i]));
      }
    } else {
      out += fmt::format("  {:<32} {}\n", key, scalar_text(*it));
    }
  }
}

}  // namespace

std::string entry_text(const model::CatalogEntry& e) {
  std::string out = fmt::format("{} ({})\n", e.name, e.kind);
  flat_lines(entry_to_json(e), "", out);
  return out;
}

}  // namespace rackscale::report
