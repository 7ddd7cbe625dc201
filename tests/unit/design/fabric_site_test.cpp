// The fabric as a site designs it: cable runs from the rows built, media by reach, and the
// network lines of the bill of materials counted as modules per link end.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "rackscale/design/fabric_inputs.hpp"
#include "rackscale/design/space.hpp"
#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/study/study.hpp"

namespace rackscale::design {
namespace {

std::string scenario_path(const std::string& name) {
  return std::string(RACKSCALE_SOURCE_DIR) + "/" + name;
}

// A 31-rack DGX H100 site: 2 rows of a possible 61 in its hall. The longest hall run is the
// fullest row (20 racks) plus 2 row pitches plus 10 m of drops, not the depth of 61 rows.
TEST(FabricSite, HallRunFollowsTheRowsBuilt) {
  const model::Catalog catalog = io::load_catalog();
  const model::RackSystem& rack = *catalog.find_as<model::RackSystem>("DGX-H100");
  const Space space = design_space(rack, 31);
  ASSERT_EQ(space.rows, 2);
  ASSERT_GT(space.rows_per_hall, 2);
  const FabricLayout layout = fabric_layout(space, rack);
  const double expected = std::min(31, space.racks_per_row) * space.slot_width.in(units::m) +
                          2 * space.row_pitch.in(units::m) + 10.0;
  EXPECT_NEAR(layout.hall_length_m, expected, 1e-9);
  EXPECT_LT(layout.hall_length_m,
            space.rows_per_hall * space.row_pitch.in(units::m));  // the hall's capacity
}

// The same site designs end to end, with every run within its medium's reach.
TEST(FabricSite, ThirtyOneRackDgxH100SiteDesigns) {
  const Study study =
      Study::from_file(scenario_path("tests/regression/superpod-h100-1su/scenario.yaml"),
                       {"sites[0].target.racks=31"});
  const DesignResult result = study.design();
  ASSERT_EQ(result.sites.size(), 1u);
  EXPECT_EQ(result.sites[0].racks, 31);
  EXPECT_EQ(result.sites[0].gpus, 31 * 32);
}

// Out-of-band links run at 1 Gb/s: copper in the row, 1000BASE-LX across a hall, never the
// 400G or 800G optics of the data networks (a 2,450-rack DGX H100 site: 170 m hall runs).
TEST(FabricSite, OutOfBandLinksUseOneGigabitMedia) {
  const Study study = Study::from_file(scenario_path("examples/h100-single-site.yaml"));
  const DesignResult result = study.design();
  const SiteDesign& d = result.sites.at(0);
  ASSERT_TRUE(d.fabric.oob.has_value());
  bool hall_link = false;
  for (const LinkGroupDesign& g : d.fabric.oob->links) {
    const bool copper = g.cable_model == "CAT6-1G";
    const bool lx = g.upper_end.transceiver_model == "SFP-1G-LX" &&
                    g.lower_end.transceiver_model == "SFP-1G-LX";
    EXPECT_TRUE(copper || lx) << g.name << ": " << g.cable_model << " "
                              << g.upper_end.transceiver_model;
    hall_link = hall_link || g.reach == ReachClass::Hall;
  }
  EXPECT_TRUE(hall_link);
  for (const BomLine& line : d.bom.lines) {
    if (line.note.rfind("oob", 0) != 0) continue;
    EXPECT_EQ(line.item.find("400G"), std::string::npos) << line.item;
    EXPECT_EQ(line.item.find("800G"), std::string::npos) << line.item;
  }
}

// design.json's transceiver_count and bom.csv count the same thing, modules: the network
// transceiver lines of the BOM sum to the link groups' counts, per end.
TEST(FabricSite, BomCountsModulesLikeTheFabric) {
  const Study study = Study::from_file(scenario_path("examples/h100-single-site.yaml"));
  const DesignResult result = study.design();
  const SiteDesign& d = result.sites.at(0);
  long long bom_modules = 0;
  for (const BomLine& line : d.bom.lines) {
    if (line.category == "network" && line.kind == "transceiver") bom_modules += line.count;
  }
  long long fabric_modules = 0;
  for (const auto& r : d.fabric.totals.by_reach) fabric_modules += r.transceiver_count;
  EXPECT_EQ(bom_modules, fabric_modules);
  EXPECT_GT(bom_modules, 0);
  // Every network line is priced, or its note says why not.
  for (const BomLine& line : d.bom.lines) {
    if (line.category != "network") continue;
    EXPECT_TRUE(line.unit_price.has_value() || line.note.find("unpriced:") != std::string::npos)
        << line.item;
  }
}

}  // namespace
}  // namespace rackscale::design
