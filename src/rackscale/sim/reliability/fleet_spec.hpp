#pragma once
//! The fleet of one site as the reliability model sees it: racks of nodes grouped into swap
//! units, and the facility gear (CDUs, busways, unit substations, switchgear, transformers, UPS)
//! with the racks each group serves and its redundancy. Built from a SiteDesign, or by hand in
//! tests and benchmarks. See docs/models/reliability.md, "Fleet".

#include <cstdint>
#include <string>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/reliability.hpp"

namespace rackscale::sim {

//! A redundancy group of identical facility units serving a contiguous range of racks.
//!
//! The load of the group is split into `needed` equal shares of racks. Pooled (N, N+k, xN/y,
//! block): any `installed - needed` units may be down; each failure beyond that stops the
//! racks of one share (the share of the unit that just failed). Paired (2N): share s is served
//! by units s and s + needed and stops only while both are down.
struct FacilityGroupSpec {
  model::ComponentType type = model::ComponentType::Cdu;
  int needed = 1;       //!< units that carry the group's load [count], >= 1
  int installed = 1;    //!< units installed [count], >= needed
  bool paired = false;  //!< 2N: A and B units per share
  int first_rack = 0;   //!< first rack served
  int rack_count = 0;   //!< racks served [count]
  std::string label;    //!< e.g. "CDU (N+1)"
};

//! One site's fleet.
struct FleetSpec {
  std::string site;
  std::string rack_system;
  std::string gpu;                //!< GPU model, e.g. "B300"
  int racks = 0;                  //!< [count]
  int nodes_per_rack = 1;         //!< compute nodes (trays) per rack [count]
  int gpus_per_node = 8;          //!< [count]
  int nics_per_node = 8;          //!< scale-out ports per node [count]
  int nvlink_trays_per_rack = 0;  //!< NVLink switch trays per rack [count]
  //! Nodes per swap unit: the scale-up domain when it spans nodes (an NVL72 rack), else 1.
  //! A job holds whole units; a unit is down while any of its nodes is.
  int nodes_per_unit = 1;
  int hbm_stacks_per_gpu = 5;  //!< HBM stacks per GPU (H100: 5) [count]
  std::vector<FacilityGroupSpec> facility;

  int units_per_rack() const { return nodes_per_rack / nodes_per_unit; }
  int gpus_per_unit() const { return nodes_per_unit * gpus_per_node; }
  long long nodes() const { return static_cast<long long>(racks) * nodes_per_rack; }
  long long units() const { return static_cast<long long>(racks) * units_per_rack(); }
  long long gpus() const { return nodes() * gpus_per_node; }
};

//! HBM stacks per GPU of a GPU model. H100: 5 (80 GB as 5 x 16 GB HBM3), H200: 6
//! (141 GB HBM3e), B200 and B300: 8 (192 GB and 288 GB HBM3e); unknown models: 5, i.e. the
//! Llama 3 HBM rate unscaled. Source: vendor data sheets (memory size and stack count).
int hbm_stacks_for_gpu(const std::string& gpu);

//! The fleet of a designed site: racks, nodes and swap units from the rack system; CDU groups
//! from the cooling plant; busways per row and the power stages that carry the racks
//! (transformers, switchgear, unit substations, and the UPS when it carries the IT load) with
//! their redundancy and groups. Throws rackscale::Error if the rack system has no GPUs.
FleetSpec fleet_from_design(const design::SiteDesign& site, const model::RackSystem& rack);

//! Checks a hand-made spec (counts positive, units dividing racks, groups inside the fleet);
//! throws rackscale::Error naming the field.
void check_fleet(const FleetSpec& fleet);

}  // namespace rackscale::sim
