// The single-line diagram: a well-formed, self-contained SVG naming every stage.

#include "rackscale/report/single_line_svg.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace rackscale::report {
namespace {

namespace u = rackscale::units;

model::Catalog small_catalog() {
  model::Catalog c;
  const auto add = [&](const std::string& name, const std::string& kind, model::EntrySpec spec) {
    model::CatalogEntry e;
    e.name = name;
    e.kind = kind;
    e.spec = std::move(spec);
    c.add(std::move(e));
  };
  add("XFMR-345-34.5kV-100MVA", "transformer",
      model::Transformer{100.0 * u::MW, 345.0 * u::kV, 34.5 * u::kV, 0.997, 60.0 * u::kW});
  add("SWGR-34.5kV-2000A", "switchgear", model::Switchgear{34.5 * u::kV, 119.0 * u::MW});
  add("USS-34.5kV-415V-3MVA", "unit_substation",
      model::UnitSubstation{3.0 * u::MW, 34.5 * u::kV, 415.0 * u::V, 0.99});
  add("UPS-1250kW", "ups", model::Ups{1250.0 * u::kW, {{0.1, 0.93}, {0.5, 0.97}, {1.0, 0.968}}});
  add("GEN-Diesel-3MW", "generator", model::Generator{3.0 * u::MW, "diesel"});
  add("BESS-2MW-4MWh", "battery",
      model::Battery{1.9 * u::MW, 3.9 * u::MWh, 0.937, model::StorageTechnology::LithiumIon,
                     std::nullopt});
  return c;
}

design::PowerChain chain(const std::string& ups) {
  model::RackSystem rack;
  rack.power = {136.0 * u::kW, 142.0 * u::kW, 125.0 * u::kW, 35.0 * u::kW, 240.0 * u::kW};
  rack.power_shelves = 8;
  rack.psus_per_shelf = 6;
  rack.psu_rating = 5.5 * u::kW;
  model::PowerPolicy policy;
  for (const auto& [name, coverage] : model::backup_coverage_names()) {
    if (name == ups) policy.ups = coverage;
  }
  policy.max_grid_step = 2.0 * u::MW;
  policy.swing_buffer = model::StorageTechnology::LithiumIon;  // the test catalog's only one
  design::PowerChainInput in;
  in.policy = &policy;
  in.rack = &rack;
  in.racks = 100;
  in.loads.it_design = 13.6 * u::MW;
  in.loads.it_typical = 12.5 * u::MW;
  in.loads.it_idle = 3.5 * u::MW;
  in.loads.network = 0.3 * u::MW;
  in.loads.storage_and_management = 0.2 * u::MW;
  in.loads.mechanical_design = 2.0 * u::MW;
  return design::design_power_chain(in, small_catalog());
}

// A tiny XML check: every tag closes in order, attributes are quoted, and nothing but the
// prolog and comments sits outside the root element. Returns "" or what is wrong.
std::string check_well_formed(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = 0;
  int roots = 0;
  while (i < xml.size()) {
    const std::size_t lt = xml.find('<', i);
    if (lt == std::string::npos) break;
    // Text between tags must not contain a raw '>' or an unescaped '&'.
    const std::string text = xml.substr(i, lt - i);
    if (text.find('>') != std::string::npos) return "raw '>' in text";
    for (std::size_t a = text.find('&'); a != std::string::npos; a = text.find('&', a + 1)) {
      const std::size_t semi = text.find(';', a);
      if (semi == std::string::npos || semi - a > 6) return "bare '&' in text";
    }
    const std::size_t gt = xml.find('>', lt);
    if (gt == std::string::npos) return "unterminated tag";
    const std::string tag = xml.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.rfind("?xml", 0) == 0) continue;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) return "mismatched </" + name + ">";
      open.pop_back();
      continue;
    }
    const bool self_closing = tag.back() == '/';
    const std::string name = tag.substr(0, tag.find_first_of(" /\n"));
    // Attribute quotes come in pairs.
    if (std::count(tag.begin(), tag.end(), '"') % 2 != 0) return "unbalanced quotes in <" + name;
    if (open.empty()) ++roots;
    if (!self_closing) open.push_back(name);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  if (roots != 1) return "expected one root element, got " + std::to_string(roots);
  return "";
}

TEST(PowerSingleLineSvg, IsWellFormedAndSelfContained) {
  for (const char* ups : {"none", "partial", "full"}) {
    const auto c = chain(ups);
    const std::string svg = single_line_svg(c, "abilene-tx");
    EXPECT_EQ(check_well_formed(svg), "") << ups;
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
    EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    // Self-contained: no external references, fonts, stylesheets or scripts.
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("href"), std::string::npos);
    EXPECT_EQ(svg.find("@import"), std::string::npos);
    EXPECT_EQ(svg.find("url("), std::string::npos);
    EXPECT_NE(svg.find("Single-line diagram: abilene-tx"), std::string::npos);
    for (const auto& s : c.stages) {
      EXPECT_NE(svg.find(s.label), std::string::npos) << s.label;
      EXPECT_NE(svg.find("stage-" + design::to_string(s.kind)), std::string::npos);
    }
    EXPECT_NE(svg.find("Standby generators"), std::string::npos);
    EXPECT_NE(svg.find("Batteries"), std::string::npos);
  }
}

TEST(PowerSingleLineSvg, ShowsCountsRatingsAndRedundancy) {
  const auto c = chain("partial");
  const std::string svg = single_line_svg(c, "site");
  // 2N unit substations of 3 MVA, N+1 transformers of 100 MVA, the battery count.
  const auto& uss = *c.stage(design::StageKind::UnitSubstation);
  EXPECT_NE(svg.find(std::to_string(uss.count.installed) + " x USS-34.5kV-415V-3MVA"),
            std::string::npos);
  EXPECT_NE(svg.find("2N"), std::string::npos);
  EXPECT_NE(svg.find("3 MVA per unit"), std::string::npos);
  EXPECT_NE(svg.find("100 MVA per unit"), std::string::npos);
  EXPECT_NE(svg.find("N+1"), std::string::npos);
  EXPECT_NE(svg.find(std::to_string(c.battery.units) + " x BESS-2MW-4MWh"), std::string::npos);
  EXPECT_NE(svg.find("24+24 per rack"), std::string::npos);
}

TEST(PowerSingleLineSvg, EscapesTheSiteName) {
  const auto c = chain("none");
  const std::string svg = single_line_svg(c, "R&D <lab> \"west\"");
  EXPECT_EQ(check_well_formed(svg), "");
  EXPECT_NE(svg.find("R&amp;D &lt;lab&gt; &quot;west&quot;"), std::string::npos);
  EXPECT_NE(svg.find("No UPS"), std::string::npos);
}

// The checker itself catches what it should.
TEST(PowerSingleLineSvg, CheckerRejectsBrokenXml) {
  EXPECT_NE(check_well_formed("<svg><g></svg>"), "");
  EXPECT_NE(check_well_formed("<svg><g></g>"), "");
  EXPECT_NE(check_well_formed("<svg>a & b</svg>"), "");
  EXPECT_NE(check_well_formed("<svg/><svg/>"), "");
  EXPECT_EQ(check_well_formed("<?xml version=\"1.0\"?>\n<svg><g x=\"1\"/></svg>\n"), "");
}

}  // namespace
}  // namespace rackscale::report
