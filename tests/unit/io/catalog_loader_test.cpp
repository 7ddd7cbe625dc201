#include "rackscale/io/catalog_loader.hpp"

#include <gtest/gtest.h>

#include "loader_test_util.hpp"
#include "rackscale/report/catalog_report.hpp"

namespace io = rackscale::io;
namespace u = rackscale::units;
using rackscale::model::RackSystem;
using rackscale::model::Switch;

TEST(Catalog, BuiltinCatalogLoadsCompletely) {
  auto catalog = io::load_catalog();
  // The issue asks for at least these entries.
  for (const char* name : {"DGX-H100", "HGX-H100", "DGX-B200", "GB200-NVL72", "GB300-NVL72",
                           "VR-NVL144", "QM9700", "SN5600", "Q3400"}) {
    EXPECT_NE(catalog.find(name), nullptr) << name;
  }
  for (const char* kind :
       {"transceiver", "cable", "transformer", "switchgear", "unit_substation", "ups", "generator",
        "battery", "dry_cooler", "chiller", "cooling_tower"}) {
    EXPECT_FALSE(catalog.names_of_kind(kind).empty()) << kind;
  }
  EXPECT_GE(catalog.names_of_kind("cdu").size(), 3u);
  for (const auto& [name, e] : catalog.entries()) {
    EXPECT_TRUE(!e.sources.empty() || !e.assumption.empty()) << name;
  }
  EXPECT_EQ(catalog.find("VR-NVL144")->confidence, rackscale::model::Confidence::Low);
}

TEST(Catalog, PublishedFiguresAreCarriedExactly) {
  auto catalog = io::load_catalog();
  // GB300 NVL72 136 kW DC design, 142 kW AC max (NVIDIA AI-factory reference metadata); DGX H100
  // 10.2 kW max (NVIDIA DGX H100 User Guide); QM9700 64 x 400 Gb/s (NVIDIA QM97X0
  // documentation); Q3400 144 x 800 Gb/s (NVIDIA Quantum-X800 material); SN5600 64 x 800 GbE or
  // 128 x 400 (NVIDIA SN5000 documentation). docs/sources.md, Racks and Network.
  const auto* gb300 = catalog.find_as<RackSystem>("GB300-NVL72");
  ASSERT_NE(gb300, nullptr);
  EXPECT_EQ(gb300->gpus_per_rack(), 72);
  EXPECT_EQ(gb300->scale_up_domain, 72);
  EXPECT_DOUBLE_EQ(gb300->power.design.in(u::kW), 136.0);
  EXPECT_DOUBLE_EQ(gb300->power.max.in(u::kW), 142.0);
  const auto* dgx = catalog.find_as<RackSystem>("DGX-H100");
  ASSERT_NE(dgx, nullptr);
  EXPECT_EQ(dgx->gpus_per_node, 8);
  // 4 DGX H100 per rack at 10.2 kW max each.
  EXPECT_DOUBLE_EQ(dgx->power.max.in(u::kW), 4 * 10.2);
  const auto* qm = catalog.find_as<Switch>("QM9700");
  ASSERT_NE(qm, nullptr);
  EXPECT_EQ(qm->ports, 64);
  EXPECT_DOUBLE_EQ(qm->port_speed.in(u::Gbps), 400.0);
  const auto* q3400 = catalog.find_as<Switch>("Q3400");
  ASSERT_NE(q3400, nullptr);
  EXPECT_EQ(q3400->ports, 144);
  EXPECT_DOUBLE_EQ(q3400->port_speed.in(u::Gbps), 800.0);
  const auto* sn = catalog.find_as<Switch>("SN5600");
  ASSERT_NE(sn, nullptr);
  EXPECT_EQ(sn->ports, 64);
  EXPECT_EQ(sn->breakout_ports.value_or(0), 128);
}

TEST(Catalog, JsonCarriesUnitsInKeyNames) {
  auto catalog = io::load_catalog();
  auto j = rackscale::report::entry_to_json(*catalog.find("GB300-NVL72"));
  EXPECT_EQ(j["kind"], "rack_system");
  EXPECT_DOUBLE_EQ(j["spec"]["design_power_kw"].get<double>(), 136.0);
  EXPECT_EQ(j["spec"]["gpus_per_rack"].get<int>(), 72);
}

TEST(Catalog, EntryErrorsAreAllReported) {
  rackscale::test::TempFile f("bad_catalog.yaml", R"(rackscale_catalog: 1
entries:
  - name: BAD SWITCH
    kind: switch
    fabric: infiniband
    roles: [scale_out, spine]
    ports: 0
    port_speed: 400 Gb
    power: {typical: 700 W, max: 1.7 kW}
    rack_units: 1
)");
  rackscale::Diagnostics diag;
  rackscale::model::Catalog catalog;
  io::read_catalog_file(f.path(), catalog, diag);
  std::vector<std::string> got;
  for (const auto& d : diag.items()) got.push_back(d.key_path + ": " + d.message);
  std::vector<std::string> expected = {
      "entries[0].name: \"BAD SWITCH\" may use only letters, digits, '.', '_' and '-'",
      "entries[0]: entry \"BAD SWITCH\" has neither `source:` nor `assumption:`",
      "entries[0].roles: unknown role \"spine\"",
      "entries[0].ports: must be >= 1, got 0",
      "entries[0].port_speed: expected a data rate such as \"800 Gb/s\", got \"400 Gb\" (data "
      "size)",
  };
  EXPECT_EQ(got, expected) << diag.render();
}
