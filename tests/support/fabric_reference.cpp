#include "support/fabric_reference.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

model::CatalogEntry switch_entry(const std::string& name, int ports, double port_speed_gbps,
                                 int rack_units, double power_w, double price_usd) {
  model::Switch s;
  s.ports = ports;
  s.port_speed = port_speed_gbps * u::Gbps;
  s.power_typical = power_w * u::W;
  s.power_max = s.power_typical;
  s.rack_units = rack_units;
  model::CatalogEntry e;
  e.name = name;
  e.kind = "switch";
  if (price_usd > 0.0) e.price = price_usd * u::USD;
  e.spec = s;
  return e;
}

model::Switch& spec_of(model::CatalogEntry& entry) {
  return std::get<model::Switch>(entry.spec);
}

model::RackSystem rack_system(int gpus_per_node, int nodes_per_rack, int scale_up_domain,
                              double port_speed_gbps) {
  model::RackSystem r;
  r.gpus_per_node = gpus_per_node;
  r.nodes_per_rack = nodes_per_rack;
  r.scale_up_domain = scale_up_domain;
  r.network.scale_out_ports_per_gpu = 1;
  r.network.scale_out_port_speed = port_speed_gbps * u::Gbps;
  r.network.frontend_ports_per_node = 0;
  r.network.oob_ports_per_node = 0;
  return r;
}

model::CatalogEntry qm9700_switch() {
  // 32 OSFP cages x 2 NDR ports (QM97X0 documentation)
  return switch_entry("QM9700", 64, 400, 1);
}

model::CatalogEntry sn5600_switch() {
  // 64 x 800 GbE or 128 x 400 GbE (SN5000 documentation)
  model::CatalogEntry e = switch_entry("SN5600", 64, 800, 2);
  spec_of(e).breakout_ports = 128;
  spec_of(e).breakout_port_speed = 400 * u::Gbps;
  return e;
}

model::CatalogEntry q3400_switch() {
  // 144 x 800 Gb/s XDR (Quantum-X800 material, secondary)
  return switch_entry("Q3400", 144, 800, 4);
}

MediaPolicy reference_media() {
  MediaPolicy m;
  m.in_rack.cable = {"copper DAC", ReachClass::InRack, 3.0, false, 0.0, 0.0};
  m.in_row.cable = {"multimode fibre", ReachClass::InRow, 50.0, true, 0.0, 0.0};
  // 400G OSFP modules draw about 9 W (NVIDIA MMS4X00-NS400 documentation).
  m.in_row.transceiver = TransceiverModel{"OSFP SR module", ReachClass::InRow, 9.0, 0.0};
  m.hall.cable = {"single-mode fibre", ReachClass::Hall, 500.0, true, 0.0, 0.0};
  m.hall.transceiver = TransceiverModel{"OSFP DR module", ReachClass::Hall, 9.0, 0.0};
  return m;
}

FabricReference dgx_superpod_h100_reference() {
  FabricReference r;
  r.name = "DGX SuperPOD H100 compute fabric";
  r.source = "NVIDIA DGX SuperPOD Reference Architecture RA-11333-001 v11 (2023), Table 4";
  // DGX H100: 8 GPUs, 4 per rack ("1, 2 or 4 DGX per rack", RA-11333-001; 4 chosen), one
  // ConnectX-7 NDR port of 400 Gb/s per GPU, one per rail. NVSwitch chips sit on the HGX
  // baseboard: no NVLink switch trays.
  r.rack = rack_system(8, 4, 8, 400);
  FabricPolicy& p = r.policy;
  p.scale_out_switch = qm9700_switch();
  p.rail_optimized = true;
  p.scalable_unit_nodes = 32;
  p.reserved_node_slots = 1;  // the UFM appliance takes one DGX slot of the first unit
  p.reserved_slot_ports = 4;  // 252 - 31 x 8 = 4 UFM cables (Table 4, 1 SU)
  p.size_to_full_units = true;
  p.media = reference_media();
  return r;
}

FabricReference dgx_superpod_b300_spectrum4_reference() {
  FabricReference r;
  r.name = "DGX SuperPOD B300 with Spectrum-4";
  r.source = "NVIDIA DGX SuperPOD B300 reference architecture (Spectrum-4 SN5600 Ethernet)";
  // DGX B300: 8 GPUs, one ConnectX-8 port of 800 Gb/s per GPU; 4 per rack (assumption; only
  // the reach classes depend on it).
  r.rack = rack_system(8, 4, 8, 800);
  FabricPolicy& p = r.policy;
  p.scale_out_switch = sn5600_switch();
  p.rail_optimized = true;
  p.scalable_unit_nodes = 64;
  p.size_to_full_units = true;
  p.media = reference_media();
  return r;
}

model::RackSystem gb300_nvl72_compute() {
  // 18 compute trays of 4 GPUs (as GB200 NVL72, DGX GB200 User Guide), one NVLink domain of 72
  // GPUs, ConnectX-8 SuperNIC at 800 Gb/s per GPU (NVIDIA GB300 page).
  model::RackSystem r = rack_system(4, 18, 72, 800);
  r.nvlink_switch_trays = 9;
  return r;
}

}  // namespace rackscale::design
