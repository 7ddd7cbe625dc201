#pragma once
// Published reference designs expressed as engine inputs, for the validation tests and the
// benchmarks (test support: not part of the library; target rackscale_test_support). Only the
// published figures are filled in (port counts and speeds, conventions); power and price stay 0
// because the sources give none: the catalog supplies them.

#include <string>

#include "rackscale/design/fabric_types.hpp"

namespace rackscale::design {

//! A rack system and policy that reproduce a published design, with the source.
struct FabricReference {
  std::string name;        //!< short name of the design
  std::string source;      //!< where the figures come from
  model::RackSystem rack;  //!< the rack system (its network side matters here)
  FabricPolicy policy;     //!< the conventions of the design as policy options
};

//! A catalog switch entry of `ports` ports at `port_speed_gbps` [Gb/s], drawing `power_w` [W]
//! typical and priced `price_usd` [USD] (no price when 0).
model::CatalogEntry switch_entry(const std::string& name, int ports, double port_speed_gbps,
                                 int rack_units, double power_w = 0.0, double price_usd = 0.0);

//! The switch spec of an entry made by switch_entry, to change it.
model::Switch& spec_of(model::CatalogEntry& entry);

//! A rack system of `gpus_per_node` GPUs per node, `nodes_per_rack` nodes and one back-end port
//! per GPU at `port_speed_gbps` [Gb/s]; no front-end or out-of-band ports.
model::RackSystem rack_system(int gpus_per_node, int nodes_per_rack, int scale_up_domain,
                              double port_speed_gbps);

//! NVIDIA QM9700 (Quantum-2): 64 x 400 Gb/s NDR (QM97X0 documentation).
model::CatalogEntry qm9700_switch();

//! NVIDIA SN5600 (Spectrum-4): 64 x 800 GbE, or 128 x 400 GbE split (SN5000 documentation).
model::CatalogEntry sn5600_switch();

//! NVIDIA Q3400 (Quantum-X800): 144 x 800 Gb/s (Quantum-X800 material, secondary).
model::CatalogEntry q3400_switch();

//! Copper in the rack, multimode with modules in the row, single-mode with modules in the hall.
MediaPolicy reference_media();

//! DGX SuperPOD H100 compute fabric (RA-11333-001 v11): rail-optimized QM9700, 32-node units,
//! one slot of the first unit held by UFM (4 ports), leaves and spines sized for whole units.
FabricReference dgx_superpod_h100_reference();

//! DGX SuperPOD B300 with Spectrum-4 SN5600 at 800 GbE: 64-node units (512 GPUs).
FabricReference dgx_superpod_b300_spectrum4_reference();

//! GB300 NVL72 rack: 18 compute trays x 4 GPUs, 9 NVLink switch trays, one 800 Gb/s NIC per GPU.
model::RackSystem gb300_nvl72_compute();

}  // namespace rackscale::design
