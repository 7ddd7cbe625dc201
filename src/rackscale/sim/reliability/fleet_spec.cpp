#include "rackscale/sim/reliability/fleet_spec.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/design/power_redundancy.hpp"

namespace rackscale::sim {

namespace {

using model::ComponentType;

// Splits `racks` into `groups` contiguous groups of a stage; adds one spec per group.
void add_groups(FleetSpec& f, ComponentType type, const std::string& label, int groups,
                int needed_per_group, int installed_per_group, bool paired) {
  if (groups <= 0 || installed_per_group <= 0 || f.racks <= 0) return;
  needed_per_group = std::clamp(needed_per_group, 1, installed_per_group);
  for (int g = 0; g < groups; ++g) {
    const long long first = static_cast<long long>(g) * f.racks / groups;
    const long long last = static_cast<long long>(g + 1) * f.racks / groups;
    if (last <= first) continue;
    FacilityGroupSpec s;
    s.type = type;
    s.needed = needed_per_group;
    s.installed = installed_per_group;
    s.paired = paired && installed_per_group == 2 * needed_per_group;
    s.first_rack = static_cast<int>(first);
    s.rack_count = static_cast<int>(last - first);
    s.label = label;
    f.facility.push_back(s);
  }
}

// Adds a power stage: its groups, with the units each group can lose under its scheme.
void add_power_stage(FleetSpec& f, const design::PowerStage& stage, ComponentType type) {
  const auto& c = stage.count;
  if (c.installed <= 0) return;
  const int groups = std::max(1, c.groups);
  const int installed = std::max(1, c.installed / groups);
  const design::RedundancyScheme scheme = stage.scheme.value_or(design::RedundancyScheme{});
  int needed = installed;
  bool paired = false;
  switch (scheme.kind) {
    case design::RedundancyScheme::Kind::N:
      needed = installed;
      break;
    case design::RedundancyScheme::Kind::NPlus:
      needed = installed - scheme.spares;
      break;
    case design::RedundancyScheme::Kind::TwoN:
      needed = installed / 2;
      paired = true;
      break;
    case design::RedundancyScheme::Kind::Distributed:
      // x systems of m units; any y systems carry the load: y m of the x m units are needed.
      needed = installed / scheme.systems * scheme.carrying;
      break;
    case design::RedundancyScheme::Kind::Block:
      needed = installed - 1;
      break;
  }
  add_groups(f, type, fmt::format("{} ({})", stage.label, stage.redundancy), groups, needed,
             installed, paired);
}

}  // namespace

int hbm_stacks_for_gpu(const std::string& gpu) {
  if (gpu.find("H200") != std::string::npos) return 6;
  if (gpu.find("B200") != std::string::npos || gpu.find("B300") != std::string::npos) return 8;
  return 5;
}

FleetSpec fleet_from_design(const design::SiteDesign& site, const model::RackSystem& rack) {
  if (rack.gpus_per_node <= 0 || rack.nodes_per_rack <= 0) {
    throw Error(fmt::format("site {}: rack system {} has no GPUs", site.name, site.rack_system));
  }
  FleetSpec f;
  f.site = site.name;
  f.rack_system = site.rack_system;
  f.gpu = rack.gpu;
  f.racks = site.racks;
  f.nodes_per_rack = rack.nodes_per_rack;
  f.gpus_per_node = rack.gpus_per_node;
  f.nics_per_node = rack.gpus_per_node * std::max(1, rack.network.scale_out_ports_per_gpu);
  f.nvlink_trays_per_rack = rack.nvlink_switch_trays;
  f.hbm_stacks_per_gpu = hbm_stacks_for_gpu(rack.gpu);
  // A scale-up domain wider than a node is the unit a job swaps; it must tile the rack.
  if (rack.scale_up_domain > rack.gpus_per_node && rack.scale_up_domain % rack.gpus_per_node == 0) {
    const int nodes = rack.scale_up_domain / rack.gpus_per_node;
    f.nodes_per_unit = rack.nodes_per_rack % nodes == 0 ? nodes : rack.nodes_per_rack;
  } else if (rack.scale_up_domain > rack.gpus_per_node) {
    f.nodes_per_unit = rack.nodes_per_rack;
  }

  // CDUs: in-rack units form one group per rack; in-row and facility units are pooled as the
  // cooling design counts them (one group for the site).
  const auto& cdus = site.cooling.cdus;
  if (cdus.installed > 0 && cdus.needed > 0) {
    const std::string label =
        fmt::format("CDU {} ({})", cdus.model, to_string(site.cooling.cdu_redundancy));
    const bool two_n = site.cooling.cdu_redundancy.kind == model::RedundancyScheme::Kind::TwoN;
    if (site.cooling.cdu_placement == model::CduPlacement::InRack && f.racks > 0) {
      add_groups(f, ComponentType::Cdu, label, f.racks, cdus.needed / f.racks,
                 cdus.installed / f.racks, two_n);
    } else {
      add_groups(f, ComponentType::Cdu, label, 1, cdus.needed, cdus.installed, two_n);
    }
  }

  // Power stages that carry the racks.
  bool uss_two_n = false;
  for (const auto& stage : site.power.stages) {
    switch (stage.kind) {
      case design::StageKind::Transformer:
        add_power_stage(f, stage, ComponentType::Transformer);
        break;
      case design::StageKind::Switchgear:
        add_power_stage(f, stage, ComponentType::Switchgear);
        break;
      case design::StageKind::UnitSubstation:
        uss_two_n = stage.scheme && stage.scheme->kind == model::RedundancyScheme::Kind::TwoN;
        add_power_stage(f, stage, ComponentType::UnitSubstation);
        break;
      case design::StageKind::Ups:
        // Under partial coverage the UPS carries network, storage and management only.
        if (site.power.ups_coverage == model::BackupCoverage::Full)
          add_power_stage(f, stage, ComponentType::Ups);
        break;
      default:
        break;
    }
  }
  // Busways: one per row, A and B when the unit substations are 2N. assumption: the power
  // design counts no busway units ("per rack feed"); a row busway is the usual layout.
  const int per_row = std::max(1, site.space.racks_per_row);
  const int rows = (f.racks + per_row - 1) / per_row;
  if (rows > 0) {
    add_groups(f, ComponentType::Busway, uss_two_n ? "Row busway (A+B, 2N)" : "Row busway (N)",
               rows, 1, uss_two_n ? 2 : 1, uss_two_n);
  }
  check_fleet(f);
  return f;
}

void check_fleet(const FleetSpec& f) {
  auto bad = [&](const std::string& what) {
    throw Error(fmt::format("reliability fleet {}: {}", f.site, what));
  };
  if (f.racks < 0) bad(fmt::format("racks must be >= 0, got {}", f.racks));
  if (f.nodes_per_rack < 1)
    bad(fmt::format("nodes_per_rack must be >= 1, got {}", f.nodes_per_rack));
  if (f.gpus_per_node < 1) bad(fmt::format("gpus_per_node must be >= 1, got {}", f.gpus_per_node));
  if (f.nics_per_node < 0) bad(fmt::format("nics_per_node must be >= 0, got {}", f.nics_per_node));
  if (f.nvlink_trays_per_rack < 0) bad("nvlink_trays_per_rack must be >= 0");
  if (f.nodes_per_unit < 1 || f.nodes_per_rack % f.nodes_per_unit != 0) {
    bad(fmt::format("nodes_per_unit ({}) must divide nodes_per_rack ({})", f.nodes_per_unit,
                    f.nodes_per_rack));
  }
  if (f.nodes() * f.gpus_per_node > (1LL << 34) || f.nodes() >= (1LL << 30)) {
    bad("more than 2^30 nodes");
  }
  for (const auto& g : f.facility) {
    if (g.needed < 1 || g.installed < g.needed) {
      bad(fmt::format("{}: needs 1 <= needed <= installed, got {} and {}", g.label, g.needed,
                      g.installed));
    }
    if (g.paired && g.installed != 2 * g.needed) bad(g.label + ": 2N needs installed = 2 needed");
    if (g.first_rack < 0 || g.rack_count < 0 || g.first_rack + g.rack_count > f.racks) {
      bad(fmt::format("{}: racks {}..{} outside the fleet of {} racks", g.label, g.first_rack,
                      g.first_rack + g.rack_count, f.racks));
    }
  }
}

}  // namespace rackscale::sim
