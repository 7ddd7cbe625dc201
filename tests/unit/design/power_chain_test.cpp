// The power chain end to end: a hand-computed site at design and off design, UPS coverage,
// batteries, the grid balance, monotone losses, the default gear rule and the catalog errors.

#include "rackscale/design/power_chain.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>

#include "rackscale/core/error.hpp"
#include "rackscale/io/catalog_loader.hpp"

namespace rackscale::design {
namespace {

namespace u = rackscale::units;

void add(model::Catalog& c, const std::string& name, const std::string& kind, model::EntrySpec spec,
         std::optional<u::Money> price = std::nullopt) {
  model::CatalogEntry e;
  e.name = name;
  e.kind = kind;
  e.spec = std::move(spec);
  e.price = price;
  ASSERT_TRUE(c.add(std::move(e))) << name;
}

// The figures of catalog/power.yaml, plus gear that does not fit (wrong voltage, tiny).
model::Catalog test_catalog() {
  model::Catalog c;
  add(c, "XFMR-345-34.5kV-100MVA", "transformer",
      model::Transformer{100.0 * u::MW, 345.0 * u::kV, 34.5 * u::kV, 0.997, 60.0 * u::kW});
  add(c, "XFMR-138-34.5kV-80MVA", "transformer",
      model::Transformer{80.0 * u::MW, 138.0 * u::kV, 34.5 * u::kV, 0.9965, 50.0 * u::kW});
  add(c, "SWGR-34.5kV-2000A", "switchgear", model::Switchgear{34.5 * u::kV, 119.0 * u::MW});
  add(c, "SWGR-13.8kV-3000A", "switchgear", model::Switchgear{13.8 * u::kV, 71.0 * u::MW});
  add(c, "USS-34.5kV-415V-3MVA", "unit_substation",
      model::UnitSubstation{3.0 * u::MW, 34.5 * u::kV, 415.0 * u::V, 0.99});
  add(c, "USS-34.5kV-480V-3MVA", "unit_substation",
      model::UnitSubstation{3.0 * u::MW, 34.5 * u::kV, 480.0 * u::V, 0.99});
  // Larger but on a 13.8 kV primary: never the default behind 34.5 kV switchgear.
  add(c, "USS-13.8kV-415V-5MVA", "unit_substation",
      model::UnitSubstation{5.0 * u::MW, 13.8 * u::kV, 415.0 * u::V, 0.99});
  const std::vector<model::EfficiencyPoint> curve = {
      {0.1, 0.93}, {0.25, 0.955}, {0.5, 0.97}, {0.75, 0.971}, {1.0, 0.968}};
  add(c, "UPS-1250kW", "ups", model::Ups{1250.0 * u::kW, curve});
  add(c, "UPS-1kW", "ups", model::Ups{1.0 * u::kW, curve});
  add(c, "GEN-Diesel-3MW", "generator", model::Generator{3.0 * u::MW, "diesel"});
  add(c, "BESS-2MW-4MWh", "battery",
      model::Battery{1.9 * u::MW, 3.9 * u::MWh, 0.937, model::StorageTechnology::LithiumIon,
                     std::nullopt},
      1.47 * u::MUSD);
  return c;
}

// 10 MW critical (9 MW IT + 0.6 MW network + 0.4 MW storage) and 2 MW of cooling.
SiteLoads ten_megawatt_site() {
  SiteLoads l;
  l.it_design = 9.0 * u::MW;
  l.it_typical = 8.0 * u::MW;
  l.it_idle = 3.0 * u::MW;
  l.network = 0.6 * u::MW;
  l.storage_and_management = 0.4 * u::MW;
  l.mechanical_design = 2.0 * u::MW;
  return l;
}

PowerChain design(const SiteLoads& loads, const model::PowerPolicy& policy,
                  const model::Catalog& catalog, int group = 0) {
  PowerChainInput in;
  in.loads = loads;
  in.policy = &policy;
  in.options.max_units_per_group = group;
  // The hand calculations below follow the HV chain through substation transformers; the
  // medium-voltage service of small sites has its own tests.
  in.options.mv_service_limit = u::Power{};
  return design_power_chain(in, catalog);
}

const PowerStage& stage(const PowerChain& c, StageKind k) {
  const PowerStage* s = c.stage(k);
  EXPECT_NE(s, nullptr) << to_string(k);
  return *s;
}

// Default policy (ups partial, generator partial, transformers N+1, unit substations 2N, UPS
// N+1, power factor 0.95), no group limit. By hand:
//   busway (415 V, 0.995): loss = 10 x (1/0.995 - 1) = 50.2513 kW; input 10.0502513 MW
//   UPS (partial): out = 10.0502513 x 1/10 = 1.0050251 MW; 1 module needed, N+1 -> 2;
//     loading 1.0050251 / 2.5 = 0.402010; efficiency 0.955 + (0.402010 - 0.25)/0.25 x 0.015
//     = 0.964121; loss = 1.0050251 x (1/0.964121 - 1) = 37.402 kW
//   unit substations: out = 10.0502513 + 0.037402 + 2 = 12.0876535 MW; usable 3 x 0.95 =
//     2.85 MW each; 12.0876535 / 2.85 = 4.241 -> 5 needed, 2N -> 10; loading 42.41%, 84.83%
//     after a failure; per unit 1.27238 MVA = 0.424128 of rating: loss 6.0606 + 24.2424 x
//     0.424128^2 = 10.4215 kW, x 10 = 104.215 kW
//   switchgear: out = 12.1918681 MW, 119 x 0.95 = 113.05 MW usable -> 1, N+1 -> 2; lossless
//   transformers: the 100 MVA (95 MW usable) and the 80 MVA (76 MW usable) each need 1, N+1
//     -> 2: a tie in units, so the smaller, 80 MVA, is chosen. Rated loss 80,000 x (1/0.9965 -
//     1) = 280.9834 kW, P_k = 230.9834 kW; per unit 12.1918681 / 0.95 / 2 = 6.41677 MVA =
//     0.0802097 of rating: loss 50 + 230.9834 x 0.0802097^2 = 51.4861 kW, x 2 = 102.972 kW
//   grid: 12.1918681 + 0.102972 = 12.2948402 MW; losses 104.215 + 37.402 + 50.2513 + 102.972
//     = 294.840 kW
//   generators (partial): 0.1 x 10.0502513 + 0.037402 + 0.1 x 2 = 1.2424273 MW -> 1, N+1 -> 2
TEST(PowerChain, HandComputedTenMegawattSite) {
  const auto catalog = test_catalog();
  const model::PowerPolicy policy;
  const PowerChain c = design(ten_megawatt_site(), policy, catalog);

  ASSERT_EQ(c.stages.size(), 6u);  // no rack system given: no power-shelf stage
  EXPECT_EQ(c.stages[0].kind, StageKind::Utility);
  EXPECT_EQ(c.stages[1].kind, StageKind::Transformer);
  EXPECT_EQ(c.stages[2].kind, StageKind::Switchgear);
  EXPECT_EQ(c.stages[3].kind, StageKind::UnitSubstation);
  EXPECT_EQ(c.stages[4].kind, StageKind::Ups);
  EXPECT_EQ(c.stages[5].kind, StageKind::Distribution);

  const auto& dist = stage(c, StageKind::Distribution);
  EXPECT_EQ(dist.equipment, "busway, 415 V");
  EXPECT_NEAR(dist.design.loss.in(u::kW), 50.2513, 1e-3);

  const auto& ups = stage(c, StageKind::Ups);
  EXPECT_EQ(ups.equipment, "UPS-1250kW");
  EXPECT_EQ(ups.count.needed, 1);
  EXPECT_EQ(ups.count.installed, 2);
  EXPECT_NEAR(ups.design.output.in(u::MW), 1.0050251, 1e-6);
  EXPECT_NEAR(ups.design.loading, 0.402010, 1e-6);
  EXPECT_NEAR(ups.design.efficiency, 0.964121, 1e-6);
  EXPECT_NEAR(ups.design.loss.in(u::kW), 37.402, 1e-3);

  const auto& uss = stage(c, StageKind::UnitSubstation);
  EXPECT_EQ(uss.equipment, "USS-34.5kV-415V-3MVA");  // 3 MVA tie broken by name
  EXPECT_EQ(uss.count.needed, 5);
  EXPECT_EQ(uss.count.installed, 10);
  EXPECT_NEAR(uss.design.output.in(u::MW), 12.0876535, 1e-6);
  EXPECT_NEAR(uss.design.loading, 0.424128, 1e-6);
  EXPECT_NEAR(uss.count.loading_after_failure.value(), 0.848256, 1e-6);
  EXPECT_NEAR(uss.design.loss.in(u::kW), 104.215, 1e-3);

  const auto& sg = stage(c, StageKind::Switchgear);
  EXPECT_EQ(sg.count.installed, 2);
  EXPECT_DOUBLE_EQ(sg.design.loss.si(), 0.0);

  const auto& xf = stage(c, StageKind::Transformer);
  EXPECT_EQ(xf.equipment, "XFMR-138-34.5kV-80MVA");  // fewest units, then the smallest
  EXPECT_EQ(xf.count.needed, 1);
  EXPECT_EQ(xf.count.installed, 2);
  EXPECT_NEAR(xf.design.loss.in(u::kW), 102.972, 1e-3);

  EXPECT_NEAR(c.design.total.in(u::MW), 12.2948402, 1e-6);
  EXPECT_NEAR(c.design.losses.in(u::kW), 294.840, 1e-3);
  EXPECT_NEAR(c.design.apparent.in(u::MW), 12.2948402 / 0.95, 1e-6);
  EXPECT_NEAR(stage(c, StageKind::Utility).design.input.in(u::MW), 12.2948402, 1e-6);

  EXPECT_EQ(c.generation.model, "GEN-Diesel-3MW");
  EXPECT_NEAR(c.generation.load.in(u::MW), 1.2424273, 1e-6);
  EXPECT_EQ(c.generation.count.installed, 2);

  // No grid step limit: no battery.
  EXPECT_EQ(c.battery.units, 0);
  EXPECT_NEAR(c.swing_critical.in(u::MW), 5.0, 1e-12);  // 8 - 3 MW

  // Typical: 9 MW critical, cooling scaled to 1.8 MW.
  EXPECT_NEAR(c.typical.critical.in(u::MW), 9.0, 1e-12);
  EXPECT_NEAR(c.typical.mechanical.in(u::MW), 1.8, 1e-12);
  EXPECT_LT(c.typical.total, c.design.total);

  // Equipment list: every catalog stage plus generators, in chain order.
  ASSERT_EQ(c.bom.size(), 5u);
  EXPECT_EQ(c.bom[0].name, "XFMR-138-34.5kV-80MVA");
  EXPECT_EQ(c.bom[0].count, 2);
  EXPECT_EQ(c.bom[2].name, "USS-34.5kV-415V-3MVA");
  EXPECT_EQ(c.bom[2].count, 10);
  EXPECT_EQ(c.bom[4].name, "GEN-Diesel-3MW");
  EXPECT_FALSE(c.bom[4].unit_price.has_value());
}

// generator_redundancy is a policy: the 1.2424273 MW partial load of the hand-computed site
// needs 1 x 3 MW unit; N+1 installs 2, N+2 installs 3, 2N installs 2, N installs 1. Full
// coverage carries the unit substations' 12.0876535 MW output: 5 units, 2N installs 10.
TEST(PowerChain, GeneratorRedundancyIsAPolicy) {
  const auto catalog = test_catalog();
  model::PowerPolicy policy;
  EXPECT_EQ(design(ten_megawatt_site(), policy, catalog).generation.count.installed, 2);
  EXPECT_EQ(design(ten_megawatt_site(), policy, catalog).generation.redundancy, "N+1");
  policy.generator_redundancy = model::RedundancyScheme::n_plus(2);
  EXPECT_EQ(design(ten_megawatt_site(), policy, catalog).generation.count.installed, 3);
  policy.generator_redundancy = {model::RedundancyScheme::Kind::N};
  EXPECT_EQ(design(ten_megawatt_site(), policy, catalog).generation.count.installed, 1);
  policy.generator = model::BackupCoverage::Full;
  policy.generator_redundancy = {model::RedundancyScheme::Kind::TwoN};
  const PowerChain full = design(ten_megawatt_site(), policy, catalog);
  EXPECT_NEAR(full.generation.load.in(u::MW), 12.0876535, 1e-6);
  EXPECT_EQ(full.generation.count.needed, 5);
  EXPECT_EQ(full.generation.count.installed, 10);
  EXPECT_EQ(full.generation.redundancy, "2N");
}

// ups: none / partial / full changes which loads are UPS-backed and so the UPS output.
TEST(PowerChain, UpsCoverageChoosesTheBackedLoads) {
  const auto catalog = test_catalog();
  model::PowerPolicy policy;
  policy.ups = model::BackupCoverage::None;
  const PowerChain none = design(ten_megawatt_site(), policy, catalog);
  EXPECT_EQ(none.stage(StageKind::Ups), nullptr);
  // Without a UPS the unit substations carry the busway input plus cooling:
  // 10.0502513 + 2 = 12.0502513 MW.
  EXPECT_NEAR(stage(none, StageKind::UnitSubstation).design.output.in(u::MW), 12.0502513, 1e-6);

  policy.ups = model::BackupCoverage::Partial;
  const PowerChain partial = design(ten_megawatt_site(), policy, catalog);
  // Network + storage (1 MW) with their tenth of the busway loss.
  EXPECT_NEAR(stage(partial, StageKind::Ups).design.output.in(u::MW), 1.0050251, 1e-6);

  policy.ups = model::BackupCoverage::Full;
  const PowerChain full = design(ten_megawatt_site(), policy, catalog);
  const auto& ups = stage(full, StageKind::Ups);
  // Everything: 10.0502513 MW -> 8.04 modules -> 9 needed, N+1 -> 10.
  EXPECT_NEAR(ups.design.output.in(u::MW), 10.0502513, 1e-6);
  EXPECT_EQ(ups.count.needed, 9);
  EXPECT_EQ(ups.count.installed, 10);
  EXPECT_GT(full.design.losses, partial.design.losses);
  EXPECT_GT(partial.design.losses, none.design.losses);
}

model::RackSystem gb300() {
  model::RackSystem r;
  r.gpu = "B300";
  r.power = {136.0 * u::kW, 142.0 * u::kW, 125.0 * u::kW, 35.0 * u::kW, 240.0 * u::kW};
  r.power_shelves = 8;
  r.psus_per_shelf = 6;
  r.psu_rating = 5.5 * u::kW;
  return r;
}

// 100 GB300 racks swing between 35 kW and 125 kW: 9 MW at the racks, a little more at the grid
// (the chain's marginal losses, about 1%). With a 2 MW step limit and a 2 s period the battery
// needs about 7.1 MW: ceil(7.1 / 1.9) = 4 units (see PowerBattery for the bare arithmetic).
TEST(PowerChain, HundredGb300RacksNeedFourBatteries) {
  const auto catalog = test_catalog();
  const auto rack = gb300();
  model::PowerPolicy policy;
  policy.max_grid_step = 2.0 * u::MW;
  policy.swing_period = 2.0 * u::second;
  policy.swing_buffer = model::StorageTechnology::LithiumIon;  // the test catalog's only one
  PowerChainInput in;
  in.policy = &policy;
  in.rack = &rack;
  in.racks = 100;
  in.loads.it_design = 100 * rack.power.design;
  in.loads.it_typical = 100 * rack.power.typical;
  in.loads.it_idle = 100 * rack.power.idle;
  in.loads.it_peak = 100 * *rack.power.peak;
  in.loads.mechanical_design = 1.0 * u::MW;
  const PowerChain c = design_power_chain(in, catalog);

  EXPECT_NEAR(c.swing_critical.in(u::MW), 9.0, 1e-12);
  EXPECT_GT(c.battery.swing.in(u::MW), 9.0);
  EXPECT_LT(c.battery.swing.in(u::MW), 9.3);
  EXPECT_EQ(c.battery.units, 4);
  EXPECT_EQ(c.battery.binding, "power");
  EXPECT_NEAR(c.battery.step_with_battery.in(u::MW), 2.0, 1e-12);
  EXPECT_EQ(c.bom.back().name, "BESS-2MW-4MWh");
  EXPECT_EQ(c.bom.back().count, 4);
  EXPECT_NEAR(c.bom.back().extended_price->in(u::MUSD), 4 * 1.47, 1e-9);

  // Rack power shelves: 136 kW x 0.96 = 130.56 kW DC per rack over 48 PSUs of 5.5 kW:
  // 24 needed (130.56 / 5.5 = 23.7), 24 spare; each at 130.56 / 264 = 49.5%.
  const auto& shelves = stage(c, StageKind::RackPower);
  EXPECT_EQ(shelves.count.installed, 4800);
  EXPECT_EQ(shelves.count.needed, 2400);
  EXPECT_EQ(shelves.redundancy, "24+24 per rack");
  EXPECT_NEAR(shelves.design.loading, 130.56 / 264.0, 1e-9);
  EXPECT_TRUE(shelves.loss_inside_it);
  // The shelves lose 4% of the IT load, 100 x 136 kW x 0.04 = 544 kW, inside the IT load: the
  // utility stage, built from the racks' AC input up, draws critical + mechanical + the
  // facility losses, and those leave the shelves out.
  EXPECT_NEAR(shelves.design.loss.in(u::kW), 544.0, 1e-9);
  EXPECT_NEAR(stage(c, StageKind::Utility).design.input.si(),
              (c.design.critical + c.design.mechanical + c.design.losses).si(), 1e-6);
  // Peak excursion 240 kW per rack loads the shelves to 240 x 0.96 / 264 = 87%.
  EXPECT_NEAR(shelves.loading_at_peak, 240.0 * 0.96 / 264.0, 1e-9);
  // ups partial with no network or storage load: no UPS, and a note says so.
  EXPECT_EQ(c.stage(StageKind::Ups), nullptr);
}

// The grid supplies critical + mechanical + losses: the utility stage's input, built stage by
// stage from the racks up, against the loads plus the stage losses summed separately.
void expect_grid_balance(const PowerChain& c, u::Power critical, u::Power mechanical) {
  const auto f = c.operate(critical, mechanical);
  ASSERT_EQ(f.size(), c.stages.size());
  for (std::size_t k = 0; k < f.size(); ++k) EXPECT_GE(f[k].loss.si(), 0.0) << c.stages[k].label;
  EXPECT_NEAR(f.front().input.si(), (critical + mechanical + c.losses(f)).si(), 1e-6);
}

TEST(PowerChain, GridSuppliesLoadsPlusLosses) {
  const auto catalog = test_catalog();
  for (const model::BackupCoverage ups :
       {model::BackupCoverage::None, model::BackupCoverage::Partial, model::BackupCoverage::Full}) {
    model::PowerPolicy policy;
    policy.ups = ups;
    policy.ups_redundancy = {model::RedundancyScheme::Kind::Block};
    const PowerChain c = design(ten_megawatt_site(), policy, catalog, 8);
    expect_grid_balance(c, 10.0 * u::MW, 2.0 * u::MW);
    expect_grid_balance(c, 9.0 * u::MW, 1.8 * u::MW);
    expect_grid_balance(c, 4.0 * u::MW, 0.5 * u::MW);
    expect_grid_balance(c, 0.5 * u::MW, u::Power{});    // below the non-training load
    expect_grid_balance(c, 12.0 * u::MW, 2.5 * u::MW);  // above design
  }
}

// The chain of HandComputedTenMegawattSite run at half its critical load, 5 MW, and 1 MW of
// cooling. By hand:
//   busway: I^2 R, 50.2513 kW at 10 MW: 50.2513 x (5/10)^2 = 12.5628 kW; input 5.0125628 MW
//   UPS (partial: network + storage, 1 MW, with their share of the busway input): 5.0125628 x
//     1/5 = 1.0025126 MW on 2 modules: load 1.0025126 / 2.5 = 0.401005; efficiency 0.955 +
//     0.151005 / 0.25 x 0.015 = 0.964060; loss 1.0025126 x (1/0.964060 - 1) = 37.3732 kW
//   unit substations: out 5.0125628 + 0.0373732 + 1 = 6.0499360 MW; per unit 6.0499360 / 0.95 /
//     10 = 0.636835 MVA = 0.212278 of rating: 10 x (6.0606 + 24.2424 x 0.212278^2) = 71.5302 kW
//   switchgear: lossless; out 6.1214662 MW
//   transformers (2 x 80 MVA): per unit 6.1214662 / 0.95 / 2 = 3.22182 MVA = 0.0402728 of
//     rating: 2 x (50 + 230.9834 x 0.0402728^2) = 100.7493 kW
//   grid: 6.1214662 + 0.1007493 = 6.2222155 MW; losses 12.5628 + 37.3732 + 71.5302 + 100.7493
//     = 222.2155 kW
TEST(PowerChain, HandComputedHalfLoad) {
  const auto catalog = test_catalog();
  const model::PowerPolicy policy;
  const PowerChain c = design(ten_megawatt_site(), policy, catalog);
  const auto f = c.operate(5.0 * u::MW, 1.0 * u::MW);
  ASSERT_EQ(f.size(), 6u);  // utility, transformers, switchgear, unit substations, UPS, busway
  EXPECT_NEAR(f[5].output.in(u::MW), 5.0, 1e-12);
  EXPECT_NEAR(f[5].loss.in(u::kW), 12.5628, 1e-4);
  EXPECT_NEAR(f[4].output.in(u::MW), 1.0025126, 1e-7);
  EXPECT_NEAR(f[4].loading, 0.401005, 1e-6);
  EXPECT_NEAR(f[4].efficiency, 0.964060, 1e-6);
  EXPECT_NEAR(f[4].loss.in(u::kW), 37.3732, 1e-4);
  EXPECT_NEAR(f[3].output.in(u::MW), 6.0499360, 1e-7);
  EXPECT_NEAR(f[3].loss.in(u::kW), 71.5302, 1e-4);
  EXPECT_NEAR(f[2].output.in(u::MW), 6.1214662, 1e-7);
  EXPECT_DOUBLE_EQ(f[2].loss.si(), 0.0);
  EXPECT_NEAR(f[1].loss.in(u::kW), 100.7493, 1e-4);
  EXPECT_NEAR(f[0].input.in(u::MW), 6.2222155, 1e-7);
  EXPECT_NEAR(c.losses(5.0 * u::MW, 1.0 * u::MW).in(u::kW), 222.2155, 1e-4);
}

TEST(PowerChain, LossesAreMonotoneInLoad) {
  const auto catalog = test_catalog();
  for (const auto& [ups_name, ups] : model::backup_coverage_names()) {
    model::PowerPolicy policy;
    policy.ups = ups;
    const PowerChain c = design(ten_megawatt_site(), policy, catalog, 8);
    u::Power previous = c.losses(u::Power{}, 2.0 * u::MW);
    for (int i = 1; i <= 60; ++i) {
      const u::Power critical = i * 0.2 * u::MW;  // up to 12 MW, past design
      const u::Power l = c.losses(critical, 2.0 * u::MW);
      EXPECT_GE(l.si(), previous.si()) << ups_name << " at " << critical.in(u::MW) << " MW";
      previous = l;
    }
    previous = c.losses(10.0 * u::MW, u::Power{});
    for (int i = 1; i <= 30; ++i) {
      const u::Power l = c.losses(10.0 * u::MW, i * 0.1 * u::MW);
      EXPECT_GE(l.si(), previous.si());
      previous = l;
    }
    // No load: the no-load losses of everything energized, still > 0.
    EXPECT_GT(c.losses(u::Power{}, u::Power{}).si(), 0.0);
  }
}

TEST(PowerChain, NamedGearOfAnotherSizeStillWorks) {
  const auto catalog = test_catalog();
  model::PowerPolicy policy;
  policy.transformer = "XFMR-138-34.5kV-80MVA";
  SiteLoads loads = ten_megawatt_site();
  loads.it_design = 199.0 * u::MW;  // 200 MW critical
  loads.mechanical_design = 30.0 * u::MW;
  const PowerChain c = design(loads, policy, catalog);
  const auto& xf = stage(c, StageKind::Transformer);
  EXPECT_EQ(xf.equipment, "XFMR-138-34.5kV-80MVA");
  // About 233 MW through 80 x 0.95 = 76 MW units: 4 needed, N+1 -> 5.
  EXPECT_EQ(xf.count.needed, 4);
  EXPECT_EQ(xf.count.installed, 5);
  // A 480 V unit substation brings PDUs (0.98) in place of busway.
  policy.unit_substation = "USS-34.5kV-480V-3MVA";
  const PowerChain pdu = design(loads, policy, catalog);
  EXPECT_EQ(stage(pdu, StageKind::Distribution).equipment, "PDUs 480 V to 415/240 V");
  EXPECT_NEAR(stage(pdu, StageKind::Distribution).design.efficiency, 0.98, 1e-12);
  // A tiny UPS on a small load: many modules, but it works.
  policy.ups_module = "UPS-1kW";
  const PowerChain tiny = design(ten_megawatt_site(), policy, catalog, 8);
  EXPECT_GT(stage(tiny, StageKind::Ups).count.installed, 1000);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(PowerChain, WrongGearFailsWithAClearMessage) {
  const auto catalog = test_catalog();
  const SiteLoads loads = ten_megawatt_site();
  auto with = [&](auto&& edit) {
    model::PowerPolicy p;
    edit(p);
    return error_of([&] { design(loads, p, catalog); });
  };
  // Not in the catalog: lists what is.
  auto m = with([](auto& p) { p.ups_module = "UPS-9999kW"; });
  EXPECT_NE(m.find("power policy ups_module: \"UPS-9999kW\" is not in the catalog"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("UPS-1250kW"), std::string::npos) << m;
  // The wrong kind.
  m = with([](auto& p) { p.ups_module = "GEN-Diesel-3MW"; });
  EXPECT_NE(m.find("is a generator, not a ups"), std::string::npos) << m;
  // Switchgear that does not match the transformer's secondary.
  m = with([](auto& p) { p.switchgear = "SWGR-13.8kV-3000A"; });
  EXPECT_NE(m.find("rated 13.8 kV but transformer \"XFMR-345-34.5kV-100MVA\" steps down to "
                   "34.5 kV"),
            std::string::npos)
      << m;
  // A unit substation for another MV bus.
  m = with([](auto& p) { p.unit_substation = "USS-13.8kV-415V-5MVA"; });
  EXPECT_NE(m.find("takes 13.8 kV but the MV bus"), std::string::npos) << m;
  // Far too small for the site: 1 kW modules for 1 GW.
  SiteLoads big = loads;
  big.it_design = 1.0 * u::GW;
  model::PowerPolicy p;
  p.ups = model::BackupCoverage::Full;
  p.ups_module = "UPS-1kW";
  m = error_of([&] { design(big, p, catalog); });
  EXPECT_NE(m.find("far too small"), std::string::npos) << m;
}

TEST(PowerChain, MissingGearKindIsAClearError) {
  model::Catalog c;
  add(c, "XFMR-345-34.5kV-100MVA", "transformer",
      model::Transformer{100.0 * u::MW, 345.0 * u::kV, 34.5 * u::kV, 0.997, 60.0 * u::kW});
  add(c, "SWGR-34.5kV-2000A", "switchgear", model::Switchgear{34.5 * u::kV, 119.0 * u::MW});
  const model::PowerPolicy policy;
  const auto m = error_of([&] { design(ten_megawatt_site(), policy, c); });
  EXPECT_NE(m.find("no unit_substation in the catalog fits"), std::string::npos) << m;
  // Batteries needed but none in the catalog.
  model::Catalog full = test_catalog();
  model::Catalog no_battery;
  for (const auto& [name, e] : full.entries()) {
    if (e.kind != "battery") no_battery.add(e);
  }
  model::PowerPolicy limited;
  limited.max_grid_step = 1.0 * u::MW;
  const auto b = error_of([&] { design(ten_megawatt_site(), limited, no_battery); });
  EXPECT_NE(b.find("no battery"), std::string::npos) << b;
}

TEST(PowerChain, RejectsBadLoadsAndPolicies) {
  const auto catalog = test_catalog();
  SiteLoads l = ten_megawatt_site();
  l.network = -1.0 * u::kW;
  const model::PowerPolicy ok;
  EXPECT_NE(error_of([&] { design(l, ok, catalog); }).find("network must be"), std::string::npos);
  EXPECT_NE(error_of([&] { design(SiteLoads{}, ok, catalog); }).find("critical load"),
            std::string::npos);
}

// Redundancy per group of at most 8: a 200 MW full-UPS site needs about 161 modules of
// 1.25 MW; N+1 groups of 7+1 make 23 groups, 184 modules.
TEST(PowerChain, GroupLimitAddsSparesPerGroup) {
  const auto catalog = test_catalog();
  model::PowerPolicy policy;
  policy.ups = model::BackupCoverage::Full;
  SiteLoads loads = ten_megawatt_site();
  loads.it_design = 199.0 * u::MW;
  const PowerChain grouped = design(loads, policy, catalog, 8);
  const PowerChain flat = design(loads, policy, catalog, 0);
  const auto& g = stage(grouped, StageKind::Ups);
  const auto& f = stage(flat, StageKind::Ups);
  EXPECT_EQ(f.count.installed, f.count.needed + 1);
  EXPECT_GT(g.count.installed, f.count.installed);
  EXPECT_LE(g.count.installed / g.count.groups, 8);
  EXPECT_TRUE(g.count.survives_one_failure());
}

// The built-in catalog and a flagship-sized site (3,000 GB300 racks, about 400 MW IT): the
// design succeeds, balances at the grid and needs batteries for a 20 MW step limit.
TEST(PowerChain, BuiltInCatalogFlagshipSite) {
  const model::Catalog catalog = io::load_catalog();
  const model::RackSystem* rack = catalog.find_as<model::RackSystem>("GB300-NVL72");
  ASSERT_NE(rack, nullptr);
  model::PowerPolicy policy;
  policy.max_grid_step = 20.0 * u::MW;
  PowerChainInput in;
  in.policy = &policy;
  in.rack = rack;
  in.racks = 3000;
  in.loads.it_design = 3000 * rack->power.design;
  in.loads.it_typical = 3000 * rack->power.typical;
  in.loads.it_idle = 3000 * rack->power.idle;
  in.loads.it_peak = 3000 * rack->power.peak.value_or(rack->power.design);
  in.loads.network = 8.0 * u::MW;
  in.loads.storage_and_management = 4.0 * u::MW;
  in.loads.mechanical_design = 40.0 * u::MW;
  const PowerChain c = design_power_chain(in, catalog);
  expect_grid_balance(c, c.design.critical, c.design.mechanical);
  EXPECT_GT(c.battery.units, 0);
  EXPECT_TRUE(c.battery.period_assumed);
  // The default swing buffer is the catalog's supercapacitor.
  EXPECT_EQ(c.battery.model, "SCAP-2MW-60s");
  EXPECT_EQ(c.battery.technology, "supercapacitor");
  EXPECT_GT(c.design.total, c.design.critical + c.design.mechanical);
  // Facility electrical losses of a few percent of the critical load.
  const double loss_share = c.design.losses / c.design.critical;
  EXPECT_GT(loss_share, 0.005);
  EXPECT_LT(loss_share, 0.05);
  for (const auto& s : c.stages) {
    if (s.kind == StageKind::Utility || s.kind == StageKind::RackPower ||
        s.kind == StageKind::Distribution) {
      continue;
    }
    EXPECT_TRUE(s.count.survives_one_failure()) << s.label;
    EXPECT_LE(s.design.loading, 1.0) << s.label;
  }
}

// Transformer size follows the load (built-in catalog: 20, 80 and 100 MVA with 34.5 kV
// secondaries; N+1; power factor 0.95). A 16 MW IT site with 1 MW of cooling draws more than
// 17 MW at the MV bus, above the 15 MW medium-voltage service limit, so it takes HV service:
// every size needs 1 unit (20 MVA carries 19 MW), N+1 -> 2, so the smallest, 2 x 20 MVA at
// 69 kV. A 180 MW IT site draws about 182 MW at the MV bus: 100 MVA (95 MW usable) needs 2 -> 3
// installed, 80 MVA (76 MW) 3 -> 4, 20 MVA (19 MW) 10 -> 11: 3 x 100 MVA.
TEST(PowerChain, TransformerSizeFollowsTheLoad) {
  const model::Catalog catalog = io::load_catalog();
  model::PowerPolicy policy;
  policy.ups = model::BackupCoverage::Full;
  policy.generator = model::BackupCoverage::Full;
  PowerChainInput in;
  in.policy = &policy;
  in.loads.it_design = 16.0 * u::MW;
  in.loads.mechanical_design = 1.0 * u::MW;
  const PowerChain small = design_power_chain(in, catalog);
  const auto& xf = stage(small, StageKind::Transformer);
  EXPECT_EQ(xf.equipment, "XFMR-69-34.5kV-20MVA");
  EXPECT_NEAR(xf.unit_rating.in(u::MW), 20.0, 1e-12);
  EXPECT_EQ(xf.count.needed, 1);
  EXPECT_EQ(xf.count.installed, 2);
  EXPECT_NEAR(stage(small, StageKind::Utility).voltage_out.value().in(u::kV), 69.0, 1e-9);

  in.loads = SiteLoads{};
  in.loads.it_design = 180.0 * u::MW;
  policy.ups = model::BackupCoverage::None;
  policy.generator = model::BackupCoverage::None;
  const PowerChain large = design_power_chain(in, catalog);
  const auto& big = stage(large, StageKind::Transformer);
  EXPECT_EQ(big.equipment, "XFMR-345-34.5kV-100MVA");
  EXPECT_EQ(big.count.needed, 2);
  EXPECT_EQ(big.count.installed, 3);
}

// Medium-voltage service (limit 15 MW at the MV bus; built-in catalog: 480 V unit substations,
// so 480 V PDUs at 0.98; unit substations 0.99 at rated load; no UPS, no cooling). By hand:
// 14 MW of IT draws 14 / 0.98 = 14.286 MW from the unit substations and at most 14.286 / 0.99
// = 14.430 MW at the MV bus: within 15 MW, so the utility serves the site at 34.5 kV and there
// are no substation transformers. 15 MW of IT draws 15 / 0.98 = 15.306 MW from the unit
// substations alone: above 15 MW, so HV service through 2 x 20 MVA. A DGX SuperPOD H100 1 SU
// (tests/regression/superpod-h100-1su, about 0.49 MW) takes MV service; naming a transformer
// in the policy keeps HV service.
TEST(PowerChain, SmallSiteTakesMediumVoltageService) {
  const model::Catalog catalog = io::load_catalog();
  model::PowerPolicy policy;
  policy.ups = model::BackupCoverage::None;
  policy.generator = model::BackupCoverage::None;
  PowerChainInput in;
  in.policy = &policy;
  in.loads.it_design = 14.0 * u::MW;
  const PowerChain under = design_power_chain(in, catalog);
  EXPECT_EQ(under.stage(StageKind::Transformer), nullptr);
  EXPECT_NEAR(stage(under, StageKind::Utility).voltage_out.value().in(u::kV), 34.5, 1e-9);
  EXPECT_EQ(stage(under, StageKind::Switchgear).count.installed, 2);  // N+1 lineups, as before
  EXPECT_LE(stage(under, StageKind::Switchgear).design.output.in(u::MW), 14.430);
  EXPECT_TRUE(std::ranges::none_of(under.bom,
                                   [](const PowerBomLine& l) { return l.kind == "transformer"; }));

  in.loads.it_design = 15.0 * u::MW;
  const PowerChain over = design_power_chain(in, catalog);
  EXPECT_EQ(stage(over, StageKind::Transformer).equipment, "XFMR-69-34.5kV-20MVA");
  EXPECT_EQ(stage(over, StageKind::Transformer).count.installed, 2);
  EXPECT_NEAR(stage(over, StageKind::Utility).voltage_out.value().in(u::kV), 69.0, 1e-9);

  policy.ups = model::BackupCoverage::Full;
  policy.generator = model::BackupCoverage::Full;
  in.loads = SiteLoads{};
  in.loads.it_design = 0.3264 * u::MW;
  in.loads.network = 0.019634 * u::MW;
  in.loads.storage_and_management = 0.009792 * u::MW;
  in.loads.mechanical_design = 0.101 * u::MW;
  EXPECT_EQ(design_power_chain(in, catalog).stage(StageKind::Transformer), nullptr);
  policy.transformer = "XFMR-69-34.5kV-20MVA";
  EXPECT_EQ(stage(design_power_chain(in, catalog), StageKind::Transformer).count.installed, 2);
}

}  // namespace
}  // namespace rackscale::design
