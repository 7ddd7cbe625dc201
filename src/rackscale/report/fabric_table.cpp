#include "rackscale/report/fabric_table.hpp"

#include <fmt/format.h>

namespace rackscale::report {

using namespace rackscale::design;
namespace {

std::string speed(double gbps) {
  return gbps >= 1000.0 ? fmt::format("{:.1f} Tb/s", gbps / 1000.0)
                        : fmt::format("{:g} Gb/s", gbps);
}

std::string bandwidth(double gbps) {
  if (gbps >= 1e6) return fmt::format("{:.2f} Pb/s", gbps / 1e6);
  if (gbps >= 1e3) return fmt::format("{:.1f} Tb/s", gbps / 1e3);
  return fmt::format("{:g} Gb/s", gbps);
}

void append_network(std::string& out, const char* title, const NetworkDesign& n) {
  out += fmt::format("{}: {} tier{}, {} plane{}, {}{} endpoint ports at {}", title, n.tier_count,
                     n.tier_count == 1 ? "" : "s", n.plane_count, n.plane_count == 1 ? "" : "s",
                     n.rail_optimized ? fmt::format("rail-optimized ({} rails), ", n.rails) : "",
                     n.endpoint_count, speed(n.endpoint_speed_gbps));
  if (n.tier_count >= 2) {
    out += fmt::format(", {} unit{} of {} node slots", n.scalable_unit_count,
                       n.scalable_unit_count == 1 ? "" : "s", n.scalable_unit_nodes);
  }
  if (n.pod_count > 0) out += fmt::format(", {} pods", n.pod_count);
  out += "\n";
  out += fmt::format("  {:<14}{:<16}{:>8}{:>20}{:>9}{:>11}{:>12}\n", "tier", "switch", "count",
                     "ports used/total", "spare", "power kW", "cost k$");
  for (const TierDesign& t : n.tiers) {
    const std::int64_t used = t.ports_down_used + t.ports_up_used;
    out +=
        fmt::format("  {:<14}{:<16}{:>8}{:>20}{:>9}{:>11.1f}{:>12.0f}\n", t.name, t.switch_model,
                    t.switch_count, fmt::format("{}/{}", used, t.switch_count * t.ports_per_switch),
                    t.ports_spare, t.power_w / 1e3, t.cost_usd / 1e3);
  }
  out += fmt::format("  {:<14}{:<16}{:>8}{:>10}{:>10}{:>9}{:>11}{:>12}\n", "links", "cable",
                     "count", "speed", "reach", "modules", "power kW", "cost k$");
  for (const LinkGroupDesign& g : n.links) {
    out += fmt::format("  {:<14}{:<16}{:>8}{:>10}{:>10}{:>9}{:>11.1f}{:>12.0f}\n", g.name,
                       g.cable_model, g.link_count, speed(g.link_speed_gbps), to_string(g.reach),
                       g.transceiver_count, g.power_w / 1e3, g.cost_usd / 1e3);
  }
  out += fmt::format("  bisection {}, worst case {} switch hops",
                     bandwidth(n.bisection_bandwidth_gbps), n.worst_case_switch_hops);
  if (n.spine_failure.applicable) {
    out += fmt::format(", one spine down loses {} ({:.1f}% of its pod)",
                       bandwidth(n.spine_failure.lost_bandwidth_gbps),
                       100.0 * n.spine_failure.lost_fraction_of_pod);
  }
  out += "\n";
  out += fmt::format("  total {} switches, {} links, {:.1f} kW, {:.2f} M$\n", n.switch_count,
                     n.link_count, n.power_w / 1e3, n.cost_usd / 1e6);
}

}  // namespace

std::string format_fabric_table(const Fabric& f) {
  std::string out = fmt::format("Fabric: {} GPUs in {} nodes and {} racks\n", f.gpu_count,
                                f.node_count, f.rack_count);
  const ScaleUpDesign& u = f.scale_up;
  out += fmt::format("Scale-up: {} NVLink domains of {} GPUs, {} switch trays, {} links{}\n",
                     u.domain_count, u.gpus_per_domain, u.switch_tray_count, u.link_count,
                     u.spans_nodes ? fmt::format(" ({} copper cables)", u.copper_cable_count)
                                   : " (on the baseboard)");
  append_network(out, "Scale-out", f.scale_out);
  if (f.frontend) append_network(out, "Front-end", *f.frontend);
  if (f.oob) append_network(out, "Out-of-band", *f.oob);
  const FabricTotals& t = f.totals;
  out += fmt::format("Network total: {} switches ({} U), {} links, {:.1f} kW, {:.2f} M$\n",
                     t.switch_count, t.rack_units, t.link_count, t.power_w / 1e3, t.cost_usd / 1e6);
  return out;
}

}  // namespace rackscale::report
