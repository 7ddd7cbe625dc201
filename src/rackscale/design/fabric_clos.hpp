#pragma once
// The construction rules of one plane of a folded Clos, and its counts in closed form.
//
// The counting functions never enumerate switches or links: they evaluate a handful of
// representative scalable units and pods (the first, a generic middle one, the last) and
// multiply, so time and memory do not grow with the fabric. fabric_graph.cpp applies the same
// rules link by link; the tests check that both agree.

#include <cstdint>
#include <string>
#include <vector>

namespace rackscale::design {

//! ceil(a / b) for a >= 0 and b > 0, in integers.
inline std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return (a + b - 1) / b;
}

//! One plane of a folded Clos with switch modes already chosen: the input of the rules.
struct ClosShape {
  std::int64_t nodes = 0;       //!< compute nodes (endpoints, for out-of-band) [count]
  int ports_per_node = 1;       //!< ports per node in this plane; rails when rail-optimized [count]
  int reserved_slots = 0;       //!< node slots of the first unit held by appliances [count]
  int reserved_slot_ports = 0;  //!< ports of each reserved slot, on rails 0, 1, ... [count]
  int unit_nodes = 1;           //!< node slots per scalable unit [count]
  bool rail_optimized = false;  //!< rail r of every slot of a unit on leaf group r
  bool full_units = false;      //!< build every leaf of a started unit, occupied or not
  int leaf_radix = 0;           //!< leaf ports in the mode used [count]
  int spine_radix = 0;          //!< spine and core ports in the mode used [count]
  double leaf_oversubscription = 1.0;   //!< leaf down:up ports
  double spine_oversubscription = 1.0;  //!< pod-spine down:up ports (three tiers)
};

//! One leaf position of a scalable unit and what hangs from it.
struct LeafPlan {
  int rail = 0;            //!< rail served (0 when not rail-optimized)
  std::int64_t first = 0;  //!< first slot (rail-optimized) or port position in the unit
  std::int64_t end = 0;    //!< one past the last slot or position
  int planned_down = 0;    //!< down ports reserved for the position range [count]
  int occupied_down = 0;   //!< down ports with something attached now [count]
  int uplinks = 0;         //!< up ports, cabled for planned_down [count]
  bool built = false;      //!< whether the leaf exists
};

//! Per-plane counts of a folded Clos of a given tier count (closed form).
struct ClosCounts {
  bool feasible = false;                  //!< whether the shape fits in `tiers` tiers
  std::string infeasible_reason;          //!< why not, when it does not
  int tiers = 0;                          //!< tier count evaluated [count]
  std::int64_t endpoint_links = 0;        //!< endpoint-to-leaf links [count]
  std::int64_t leaves = 0;                //!< tier-1 switches (the lone switch in one tier) [count]
  std::int64_t spines = 0;                //!< tier-2 switches [count]
  std::int64_t cores = 0;                 //!< tier-3 switches [count]
  std::int64_t leaf_spine_links = 0;      //!< [count]
  std::int64_t spine_core_links = 0;      //!< [count]
  std::int64_t units = 0;                 //!< scalable units started [count]
  std::int64_t pods = 0;                  //!< pods (three tiers), else 0 [count]
  std::int64_t units_per_pod = 0;         //!< whole units per pod (three tiers) [count]
  int leaf_down = 0;                      //!< down ports of a full leaf [count]
  int spine_down = 0;                     //!< down ports of a pod spine (three tiers) [count]
  int spine_up = 0;                       //!< up ports of a pod spine (three tiers) [count]
  std::int64_t max_spine_down_links = 0;  //!< links into the busiest tier-2 switch [count]
  double worst_spine_share = 0.0;  //!< most of a pod's leaf-up capacity one spine carries [0-1]
};

//! Equal-links rule of vendor reference designs (every leaf sends the same number of links to
//! every spine, every spine the same number to every core of its group): the smallest switch
//! count >= `at_least` that divides `links_gcd`, the greatest common divisor of the lower
//! switches' up links; 0 when none does [count].
std::int64_t equal_split_switches(std::int64_t links_gcd, std::int64_t at_least);

//! Spines of a pod whose leaves have `uplinks` up links in all (`uplink_gcd` in common), each
//! spine with `spine_down` leaf-facing ports; 0 when no count splits them equally [count].
std::int64_t pod_spines(std::int64_t uplinks, std::int64_t uplink_gcd, int spine_down);

//! Cores of a core group joining `member_spines` spines of `spine_up` up ports each, every spine
//! with the same number of links to every core [count].
std::int64_t group_cores(std::int64_t member_spines, int spine_up, int core_radix);

//! Largest d with d + ceil(d / oversubscription) <= radix: down ports of a leaf or pod spine.
int down_ports(int radix, double oversubscription);

//! Up ports needed under `down` ports at the given oversubscription: ceil(down / o) [count].
int up_ports(int down, double oversubscription);

//! Leaf positions in one scalable unit [count].
std::int64_t leaves_per_unit(const ClosShape& shape);

//! Scalable units started: ceil((nodes + reserved slots) / unit_nodes) [count].
std::int64_t unit_count(const ClosShape& shape);

//! The leaf at position `leaf` (0-based) of scalable unit `unit`.
LeafPlan plan_leaf(const ClosShape& shape, std::int64_t unit, std::int64_t leaf);

//! Whole scalable units per pod of a three-tier fabric; 0 when one unit overflows a pod.
std::int64_t units_per_pod(const ClosShape& shape);

//! Counts of the plane built with exactly `tiers` tiers (1 to 3), or why it does not fit.
ClosCounts count_clos(const ClosShape& shape, int tiers);

//! Fewest tiers in [1, max_tiers] that fit the shape; 0 when none does.
int fewest_tiers(const ClosShape& shape, int max_tiers);

//! Ideal endpoint count per plane of `tiers` tiers: k, k*d, k*d*d_s (k^2/2, k^3/4 non-blocking).
std::int64_t ideal_endpoints(const ClosShape& shape, int tiers);

//! Most nodes the rules fit in `tiers` tiers with this shape's switches and units [count].
std::int64_t max_nodes(const ClosShape& shape, int tiers);

//! Scalable units the automatic sizing tries, in order: the fewest whole racks whose ports fill
//! whole leaves (when a pod holds such a unit), then one leaf's worth of slots [count].
std::vector<int> auto_unit_candidates(const ClosShape& shape, int nodes_per_rack);

//! Auto scalable unit: the first candidate with which the shape fits in `max_tiers` tiers (a
//! whole-rack unit can waste pod-spine ports and so overflow the core; a one-leaf unit packs
//! pods full); the first candidate when none fits, for the error to name.
int auto_unit_nodes(const ClosShape& shape, int nodes_per_rack, int max_tiers);

}  // namespace rackscale::design
