#include "rackscale/report/inventory_report.hpp"

#include <fmt/format.h>

#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

std::string num(double x) {
  return fmt::format("{:.6g}", x);
}

std::string factory_line(const analysis::FactoryPlanSummary& f) {
  return fmt::format(
      "factory {}: utilization {:.1f}% ({} of {} racks it could start; {} idle), {} rack-weeks "
      "finished and waiting at the factory ({} MUSD)\n",
      f.name, 100.0 * f.mean_utilization, format_value(f.mean_started_racks, 0),
      format_value(f.mean_capacity_racks, 0), format_value(f.mean_idle_racks, 0),
      format_value(f.mean_inventory_rack_weeks, 0),
      format_musd(f.mean_inventory_carrying_cost_usd));
}

std::vector<std::string> waiting_row(const std::string& name, const analysis::WaitingSummary& w) {
  return {name,
          format_value(w.mean_space_rack_weeks, 0),
          format_value(w.mean_power_rack_weeks, 0),
          format_value(w.mean_crews_rack_weeks, 0),
          format_value(w.rack_weeks(), 0),
          format_musd(w.mean_carrying_cost_usd)};
}

nlohmann::ordered_json waiting_json(const std::string& name, const analysis::WaitingSummary& w) {
  return {{"site", name},
          {"waiting_for_space_rack_weeks", w.mean_space_rack_weeks},
          {"waiting_for_power_rack_weeks", w.mean_power_rack_weeks},
          {"waiting_for_crews_rack_weeks", w.mean_crews_rack_weeks},
          {"waiting_rack_weeks", w.rack_weeks()},
          {"carrying_cost_usd", w.mean_carrying_cost_usd}};
}

}  // namespace

std::string inventory_terminal_text(const analysis::PlanSummary& plan, double cost_of_capital) {
  std::string text;
  for (const auto& f : plan.factories) text += factory_line(f);
  Table t(
      {"racks delivered, not online", "space", "power", "crews", "rack-weeks", "carrying MUSD"});
  t.align_right({1, 2, 3, 4, 5});
  for (const auto& s : plan.sites) t.add(waiting_row(s.name, s.waiting));
  t.add(waiting_row("total", plan.total.waiting));
  return text +
         fmt::format(
             "waiting at sites (mean rack-weeks over the runs; carrying cost at {:.1f}% a "
             "year of the racks' contract price):\n",
             100.0 * cost_of_capital) +
         t.render();
}

std::string inventory_csv(const analysis::PlanSummary& plan) {
  CsvWriter csv({"place", "kind", "waiting_for_space_rack_weeks", "waiting_for_power_rack_weeks",
                 "waiting_for_crews_rack_weeks", "waiting_rack_weeks", "carrying_cost_usd",
                 "capacity_racks", "started_racks", "utilization", "idle_racks"});
  auto site_row = [&](const std::string& name, const std::string& kind,
                      const analysis::WaitingSummary& w) {
    csv.add_named_row({{"place", name},
                       {"kind", kind},
                       {"waiting_for_space_rack_weeks", num(w.mean_space_rack_weeks)},
                       {"waiting_for_power_rack_weeks", num(w.mean_power_rack_weeks)},
                       {"waiting_for_crews_rack_weeks", num(w.mean_crews_rack_weeks)},
                       {"waiting_rack_weeks", num(w.rack_weeks())},
                       {"carrying_cost_usd", fmt::format("{:.2f}", w.mean_carrying_cost_usd)},
                       {"capacity_racks", ""},
                       {"started_racks", ""},
                       {"utilization", ""},
                       {"idle_racks", ""}});
  };
  for (const auto& s : plan.sites) site_row(s.name, "site", s.waiting);
  site_row("total", "sites", plan.total.waiting);
  for (const auto& f : plan.factories) {
    csv.add_named_row(
        {{"place", f.name},
         {"kind", "factory"},
         {"waiting_for_space_rack_weeks", ""},
         {"waiting_for_power_rack_weeks", ""},
         {"waiting_for_crews_rack_weeks", ""},
         {"waiting_rack_weeks", num(f.mean_inventory_rack_weeks)},
         {"carrying_cost_usd", fmt::format("{:.2f}", f.mean_inventory_carrying_cost_usd)},
         {"capacity_racks", num(f.mean_capacity_racks)},
         {"started_racks", num(f.mean_started_racks)},
         {"utilization", num(f.mean_utilization)},
         {"idle_racks", num(f.mean_idle_racks)}});
  }
  return csv.text();
}

nlohmann::ordered_json inventory_json(const analysis::PlanSummary& plan) {
  nlohmann::ordered_json sites = nlohmann::ordered_json::array();
  for (const auto& s : plan.sites) sites.push_back(waiting_json(s.name, s.waiting));
  nlohmann::ordered_json factories = nlohmann::ordered_json::array();
  for (const auto& f : plan.factories) {
    factories.push_back({{"factory", f.name},
                         {"capacity_racks", f.mean_capacity_racks},
                         {"started_racks", f.mean_started_racks},
                         {"utilization", f.mean_utilization},
                         {"idle_racks", f.mean_idle_racks},
                         {"waiting_rack_weeks", f.mean_inventory_rack_weeks},
                         {"carrying_cost_usd", f.mean_inventory_carrying_cost_usd}});
  }
  return {{"sites", sites},
          {"total", waiting_json("total", plan.total.waiting)},
          {"factories", factories}};
}

}  // namespace rackscale::report
