#include "rackscale/design/fabric_clos.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "rackscale/core/checked.hpp"

namespace rackscale::design {
namespace {

std::int64_t overlap(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
  return std::max<std::int64_t>(0, std::min(b, d) - std::max(a, c));
}

// Slots are numbered over the whole plane: reserved slots first, then the compute nodes.
std::int64_t nodes_in(const ClosShape& s, std::int64_t a, std::int64_t b) {
  return overlap(a, b, s.reserved_slots, s.reserved_slots + s.nodes);
}

std::int64_t reserved_in(const ClosShape& s, std::int64_t a, std::int64_t b) {
  return overlap(a, b, 0, s.reserved_slots);
}

std::int64_t ports_of_slot(const ClosShape& s, std::int64_t slot) {
  if (slot < s.reserved_slots) return s.reserved_slot_ports;
  if (slot < s.reserved_slots + s.nodes) return s.ports_per_node;
  return 0;
}

// Occupied port positions among the first x positions of the unit starting at slot `base`
// (position = slot-in-unit * ports_per_node + port).
std::int64_t occupied_positions(const ClosShape& s, std::int64_t base, std::int64_t x) {
  const std::int64_t full = x / s.ports_per_node;
  const std::int64_t rem = x % s.ports_per_node;
  const std::int64_t in_full = nodes_in(s, base, base + full) * s.ports_per_node +
                               reserved_in(s, base, base + full) * s.reserved_slot_ports;
  return in_full + std::min(rem, ports_of_slot(s, base + full));
}

// Built leaves of one or more units, summed.
struct UnitSum {
  std::int64_t leaves = 0;
  std::int64_t uplinks = 0;
  std::int64_t occupied = 0;
  std::int64_t uplink_gcd = 0;  // greatest common divisor of the leaves' uplinks; 0 = no leaf

  void add(const UnitSum& o, std::int64_t times) {
    if (times <= 0) return;
    leaves += o.leaves * times;
    uplinks += o.uplinks * times;
    occupied += o.occupied * times;
    uplink_gcd = std::gcd(uplink_gcd, o.uplink_gcd);
  }
};

UnitSum unit_sum(const ClosShape& s, std::int64_t unit) {
  UnitSum sum;
  const std::int64_t n = leaves_per_unit(s);
  for (std::int64_t leaf = 0; leaf < n; ++leaf) {
    const LeafPlan p = plan_leaf(s, unit, leaf);
    if (!p.built) continue;
    ++sum.leaves;
    sum.uplinks += p.uplinks;
    sum.occupied += p.occupied_down;
    sum.uplink_gcd = std::gcd<std::int64_t>(sum.uplink_gcd, p.uplinks);
  }
  return sum;
}

// Units [a, b) of `units`: unit 0 holds the reserved slots, the last may be partial, and every
// other unit is identical, so three evaluations cover any range.
UnitSum range_sum(const ClosShape& s, std::int64_t a, std::int64_t b, std::int64_t units) {
  UnitSum sum;
  std::int64_t specials = 0;
  if (a <= 0 && 0 < b) {
    sum.add(unit_sum(s, 0), 1);
    ++specials;
  }
  const std::int64_t last = units - 1;
  if (last != 0 && a <= last && last < b) {
    sum.add(unit_sum(s, last), 1);
    ++specials;
  }
  sum.add(unit_sum(s, 1), (b - a) - specials);
  return sum;
}

// Uplinks of a full unit with every leaf built: what a pod must be able to take per unit.
UnitSum design_unit_sum(const ClosShape& s) {
  ClosShape full = s;
  full.full_units = true;
  return unit_sum(full, 1);
}

std::string str(std::int64_t v) {
  return std::to_string(v);
}

}  // namespace

std::int64_t equal_split_switches(std::int64_t links_gcd, std::int64_t at_least) {
  for (std::int64_t n = std::max<std::int64_t>(1, at_least); n <= links_gcd; ++n) {
    if (links_gcd % n == 0) return n;
  }
  return 0;
}

std::int64_t pod_spines(std::int64_t uplinks, std::int64_t uplink_gcd, int spine_down) {
  return equal_split_switches(uplink_gcd, ceil_div(uplinks, spine_down));
}

std::int64_t group_cores(std::int64_t member_spines, int spine_up, int core_radix) {
  return equal_split_switches(spine_up, ceil_div(member_spines * spine_up, core_radix));
}

int up_ports(int down, double oversubscription) {
  if (down <= 0) return 0;
  // The small epsilon keeps 48 / 3.0 at 16 despite rounding in the division.
  const double up = std::ceil(static_cast<double>(down) / oversubscription - 1e-9);
  return std::max(1, checked_int(up, "the uplink ports of a switch"));
}

int down_ports(int radix, double oversubscription) {
  if (radix < 2) return 0;
  int d = checked_int(std::floor(radix * oversubscription / (1.0 + oversubscription)),
                      "the downlink ports of a switch");
  d = std::clamp(d, 0, radix - 1);
  while (d + 1 + up_ports(d + 1, oversubscription) <= radix) ++d;
  while (d > 0 && d + up_ports(d, oversubscription) > radix) --d;
  return d;
}

std::int64_t leaves_per_unit(const ClosShape& s) {
  const std::int64_t d = down_ports(s.leaf_radix, s.leaf_oversubscription);
  if (d <= 0) return 0;
  return s.rail_optimized ? std::int64_t{s.ports_per_node} * ceil_div(s.unit_nodes, d)
                          : ceil_div(std::int64_t{s.unit_nodes} * s.ports_per_node, d);
}

std::int64_t unit_count(const ClosShape& s) {
  return ceil_div(s.nodes + s.reserved_slots, s.unit_nodes);
}

LeafPlan plan_leaf(const ClosShape& s, std::int64_t unit, std::int64_t leaf) {
  const std::int64_t d = down_ports(s.leaf_radix, s.leaf_oversubscription);
  const std::int64_t base = unit * s.unit_nodes;
  LeafPlan p;
  std::int64_t occupied = 0;
  if (s.rail_optimized) {
    const std::int64_t per_rail = ceil_div(s.unit_nodes, d);
    p.rail = static_cast<int>(leaf / per_rail);
    const std::int64_t j = leaf % per_rail;
    p.first = j * d;
    p.end = std::min<std::int64_t>((j + 1) * d, s.unit_nodes);
    occupied = nodes_in(s, base + p.first, base + p.end);
    if (p.rail < s.reserved_slot_ports) occupied += reserved_in(s, base + p.first, base + p.end);
  } else {
    p.first = leaf * d;
    p.end = std::min<std::int64_t>((leaf + 1) * d, std::int64_t{s.unit_nodes} * s.ports_per_node);
    occupied = occupied_positions(s, base, p.end) - occupied_positions(s, base, p.first);
  }
  p.planned_down = static_cast<int>(p.end - p.first);
  p.occupied_down = static_cast<int>(occupied);
  p.uplinks = up_ports(p.planned_down, s.leaf_oversubscription);
  p.built = s.full_units || p.occupied_down > 0;
  return p;
}

std::int64_t units_per_pod(const ClosShape& s) {
  const int d_s = down_ports(s.spine_radix, s.spine_oversubscription);
  const UnitSum unit = design_unit_sum(s);
  if (d_s <= 0 || unit.uplinks <= 0) return 0;
  // Each spine of a full pod takes the same number of links from every leaf, so a pod has at
  // most as many spines as the leaves' uplinks have in common.
  return unit.uplink_gcd * d_s / unit.uplinks;
}

namespace {

// One tier: every endpoint on one switch.
void count_one_tier(const ClosShape& s, std::int64_t endpoints, ClosCounts& c) {
  c.leaves = 1;
  c.leaf_down = s.leaf_radix;
  c.endpoint_links = endpoints;
  c.feasible = endpoints <= s.leaf_radix;
  if (!c.feasible) {
    c.infeasible_reason =
        str(endpoints) + " endpoints exceed one switch of " + str(s.leaf_radix) + " ports";
  }
}

// Two tiers: every leaf reaches every spine.
void count_two_tiers(const ClosShape& s, const UnitSum& all, ClosCounts& c) {
  const std::int64_t needed = ceil_div(all.uplinks, s.spine_radix);
  c.spines = equal_split_switches(all.uplink_gcd, needed);
  if (c.spines == 0) {
    c.infeasible_reason = str(all.leaves) + " leaves need at least " + str(needed) + " spines of " +
                          str(s.spine_radix) +
                          " ports, and no such count divides every leaf's uplinks (" +
                          str(all.uplink_gcd) + " in common) into equal links to each spine";
    return;
  }
  c.max_spine_down_links = ceil_div(all.uplinks, c.spines);
  c.worst_spine_share =
      static_cast<double>(c.max_spine_down_links) / static_cast<double>(all.uplinks);
  c.feasible = true;
}

// Pods that share a spine count: their spines and how many pods have them.
struct PodClass {
  std::int64_t spines;
  std::int64_t count;
};

// The spines and spine-core links of `count` pods like pod `pod`, added to `c`.
PodClass count_pods(const ClosShape& s, std::int64_t pod, std::int64_t count, ClosCounts& c) {
  const std::int64_t a = pod * c.units_per_pod;
  const std::int64_t b = std::min(a + c.units_per_pod, c.units);
  const UnitSum r = range_sum(s, a, b, c.units);
  const std::int64_t spines = pod_spines(r.uplinks, r.uplink_gcd, c.spine_down);
  c.spines += spines * count;
  c.spine_core_links += spines * c.spine_up * count;
  const std::int64_t load = ceil_div(r.uplinks, spines);
  c.max_spine_down_links = std::max(c.max_spine_down_links, load);
  c.worst_spine_share =
      std::max(c.worst_spine_share, static_cast<double>(load) / static_cast<double>(r.uplinks));
  return {spines, count};
}

// Core group j serves the pods that have a spine j; n_j changes only at the distinct pod-spine
// counts, so walk those.
void count_cores(const ClosShape& s, const std::vector<PodClass>& classes, ClosCounts& c) {
  std::vector<std::int64_t> bounds;
  for (const PodClass& pc : classes) bounds.push_back(pc.spines);
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  std::int64_t j0 = 0;
  for (const std::int64_t bound : bounds) {
    std::int64_t pods_in_group = 0;
    for (const PodClass& pc : classes) {
      if (pc.spines >= bound) pods_in_group += pc.count;
    }
    c.cores += (bound - j0) * group_cores(pods_in_group, c.spine_up, s.spine_radix);
    j0 = bound;
  }
}

// Three tiers: pods of whole units, each a two-tier Clos whose spines split their ports between
// the pod's leaves and the core; spine j of every pod joins core group j.
void count_three_tiers(const ClosShape& s, ClosCounts& c) {
  c.spine_down = down_ports(s.spine_radix, s.spine_oversubscription);
  c.spine_up = up_ports(c.spine_down, s.spine_oversubscription);
  c.units_per_pod = units_per_pod(s);
  if (c.units_per_pod < 1) {
    const UnitSum unit = design_unit_sum(s);
    c.infeasible_reason = "one scalable unit needs " + str(unit.uplinks) +
                          " pod-spine ports, more than a pod holds (" + str(unit.uplink_gcd) +
                          " spines x " + str(c.spine_down) + " ports)";
    return;
  }
  c.pods = ceil_div(c.units, c.units_per_pod);
  if (c.pods > s.spine_radix) {
    c.infeasible_reason =
        str(c.pods) + " pods exceed the " + str(s.spine_radix) + " a core switch reaches";
    return;
  }
  // The first pod, the last (which may be partial), and the identical pods between them.
  std::vector<PodClass> classes;
  classes.push_back(count_pods(s, 0, 1, c));
  if (c.pods > 1) classes.push_back(count_pods(s, c.pods - 1, 1, c));
  if (c.pods > 2) classes.push_back(count_pods(s, 1, c.pods - 2, c));
  count_cores(s, classes, c);
  c.feasible = true;
}

}  // namespace

ClosCounts count_clos(const ClosShape& s, int tiers) {
  ClosCounts c;
  c.tiers = tiers;
  c.units = unit_count(s);
  const std::int64_t endpoints =
      s.nodes * s.ports_per_node + std::int64_t{s.reserved_slots} * s.reserved_slot_ports;
  if (tiers == 1) {
    count_one_tier(s, endpoints, c);
    return c;
  }
  c.leaf_down = down_ports(s.leaf_radix, s.leaf_oversubscription);
  if (c.leaf_down <= 0) {
    c.infeasible_reason = "a leaf of " + str(s.leaf_radix) + " ports has no down port";
    return c;
  }
  const UnitSum all = range_sum(s, 0, c.units, c.units);
  c.leaves = all.leaves;
  c.endpoint_links = all.occupied;
  c.leaf_spine_links = all.uplinks;
  if (tiers == 2) {
    count_two_tiers(s, all, c);
  } else {
    count_three_tiers(s, c);
  }
  return c;
}

int fewest_tiers(const ClosShape& shape, int max_tiers) {
  for (int t = 1; t <= max_tiers; ++t) {
    if (count_clos(shape, t).feasible) return t;
  }
  return 0;
}

std::int64_t ideal_endpoints(const ClosShape& s, int tiers) {
  const std::int64_t k = s.leaf_radix;
  if (tiers <= 1) return k;
  const std::int64_t d = down_ports(s.leaf_radix, s.leaf_oversubscription);
  if (tiers == 2) return d * s.spine_radix;
  return d * down_ports(s.spine_radix, s.spine_oversubscription) * s.spine_radix;
}

std::int64_t max_nodes(const ClosShape& shape, int tiers) {
  const std::int64_t reserved = std::int64_t{shape.reserved_slots} * shape.reserved_slot_ports;
  if (tiers <= 1)
    return std::max<std::int64_t>(0, (shape.leaf_radix - reserved) / shape.ports_per_node);
  ClosShape probe = shape;
  auto fits = [&](std::int64_t n) {
    probe.nodes = n;
    return count_clos(probe, tiers).feasible;
  };
  if (!fits(1)) return 0;
  // Feasibility only ever turns from true to false as nodes grow, so bisect.
  std::int64_t lo = 1;
  std::int64_t hi = std::max<std::int64_t>(2, ideal_endpoints(shape, tiers) / shape.ports_per_node +
                                                  shape.unit_nodes + shape.reserved_slots + 1);
  while (fits(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    (fits(mid) ? lo : hi) = mid;
  }
  return lo;
}

std::vector<int> auto_unit_candidates(const ClosShape& s, int nodes_per_rack) {
  const std::int64_t d = down_ports(s.leaf_radix, s.leaf_oversubscription);
  const std::int64_t d_s = std::max(1, down_ports(s.spine_radix, s.spine_oversubscription));
  const std::int64_t r = s.ports_per_node;
  if (d <= 0) return {1};
  // Whole leaves: d slots a rail (rail-optimized) or d ports' worth of nodes.
  const std::int64_t leaf_unit = s.rail_optimized ? d : std::max<std::int64_t>(1, d / r);
  // Whole racks that fill whole leaves: lcm(rack, leaf) in slots (rails) or ports.
  const std::int64_t rack_unit = s.rail_optimized
                                     ? std::lcm(std::int64_t{nodes_per_rack}, d)
                                     : std::lcm(std::int64_t{nodes_per_rack} * r, d) / r;
  const std::int64_t leaves = s.rail_optimized ? r * (rack_unit / d) : rack_unit * r / d;
  std::vector<int> units;
  if (rack_unit <= 1'000'000 && leaves <= d_s) units.push_back(static_cast<int>(rack_unit));
  if (units.empty() || units.front() != leaf_unit) units.push_back(static_cast<int>(leaf_unit));
  return units;
}

int auto_unit_nodes(const ClosShape& s, int nodes_per_rack, int max_tiers) {
  const std::vector<int> units = auto_unit_candidates(s, nodes_per_rack);
  ClosShape probe = s;
  for (const int unit : units) {
    probe.unit_nodes = unit;
    if (s.reserved_slots < unit && fewest_tiers(probe, max_tiers) > 0) return unit;
  }
  return units.front();
}

}  // namespace rackscale::design
