#include "support/fabric_reference.hpp"

namespace rackscale::design {

SwitchModel qm9700_switch() {
  SwitchModel s;
  s.name = "QM9700";
  s.ports = 64;  // 32 OSFP cages x 2 NDR ports (QM97X0 documentation)
  s.port_speed_gbps = 400;
  s.rack_units = 1;
  return s;
}

SwitchModel sn5600_switch() {
  SwitchModel s;
  s.name = "SN5600";
  s.ports = 64;  // 64 x 800 GbE or 128 x 400 GbE (SN5000 documentation)
  s.port_speed_gbps = 800;
  s.breakout_ports = 128;
  s.breakout_speed_gbps = 400;
  s.rack_units = 2;
  return s;
}

SwitchModel q3400_switch() {
  SwitchModel s;
  s.name = "Q3400";
  s.ports = 144;  // 144 x 800 Gb/s XDR (Quantum-X800 material, secondary)
  s.port_speed_gbps = 800;
  s.rack_units = 4;
  return s;
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
  ComputeProfile& c = r.compute;
  c.name = "DGX H100";
  c.gpus_per_node = 8;
  c.nodes_per_rack = 4;  // "1, 2 or 4 DGX per rack" (RA-11333-001); 4 chosen
  c.scale_up_domain = 8;
  c.nvlink_switch_trays = 0;  // NVSwitch chips sit on the HGX baseboard
  c.scale_out_ports_per_gpu = 1;
  c.scale_out_port_speed_gbps = 400;  // one ConnectX-7 NDR port per GPU, one per rail
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
  ComputeProfile& c = r.compute;
  c.name = "DGX B300";
  c.gpus_per_node = 8;
  c.nodes_per_rack = 4;  // assumption; only the reach classes depend on it
  c.scale_up_domain = 8;
  c.scale_out_ports_per_gpu = 1;
  c.scale_out_port_speed_gbps = 800;  // one ConnectX-8 port per GPU
  FabricPolicy& p = r.policy;
  p.scale_out_switch = sn5600_switch();
  p.rail_optimized = true;
  p.scalable_unit_nodes = 64;
  p.size_to_full_units = true;
  p.media = reference_media();
  return r;
}

ComputeProfile gb300_nvl72_compute() {
  ComputeProfile c;
  c.name = "GB300 NVL72";
  c.gpus_per_node = 4;  // 18 compute trays of 4 GPUs (as GB200 NVL72, DGX GB200 User Guide)
  c.nodes_per_rack = 18;
  c.scale_up_domain = 72;
  c.nvlink_switch_trays = 9;
  c.scale_up_links_per_gpu = 18;
  c.scale_out_ports_per_gpu = 1;
  c.scale_out_port_speed_gbps = 800;  // ConnectX-8 SuperNIC, 800 Gb/s per GPU (NVIDIA GB300 page)
  return c;
}

}  // namespace rackscale::design
