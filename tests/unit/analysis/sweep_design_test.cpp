// The points of a study: grid sizes and order, one-at-a-time around the base, Latin hypercube
// strata, the override texts of shifts and scales, and the ranking of inputs by effect.

#include "rackscale/analysis/sweep_design.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "rackscale/analysis/sweep_point.hpp"

namespace io = rackscale::io;
namespace analysis = rackscale::analysis;

namespace {

io::StudyParameter shift_parameter() {
  io::StudyParameter p;
  p.name = "delay";
  p.kind = io::ParameterKind::shift;
  p.min = 0;
  p.max = 52;
  p.levels = 5;
  p.targets = {{"sites[0].grid[0].date", "2026-06-01"}, {"sites[1].grid[0].date", "2027-01-04"}};
  return p;
}

io::StudyParameter scale_parameter() {
  io::StudyParameter p;
  p.name = "ramp";
  p.kind = io::ParameterKind::scale;
  p.min = 0.5;
  p.max = 1.5;
  p.levels = 3;
  p.targets = {{"factories[0].ramp[1].rate", "1500 racks/week"}};
  return p;
}

io::StudyParameter values_parameter() {
  io::StudyParameter p;
  p.name = "ups";
  p.kind = io::ParameterKind::values;
  p.values = {"partial", "full"};
  p.targets = {{"policies.power.ups", "partial"}};
  return p;
}

io::StudySpec spec_of(io::SweepDesign design) {
  io::StudySpec spec;
  spec.design = design;
  spec.parameters = {shift_parameter(), scale_parameter(), values_parameter()};
  return spec;
}

}  // namespace

TEST(SweepDesign, GridIsTheFullFactorialFirstParameterSlowest) {
  const auto points = analysis::expand_points(spec_of(io::SweepDesign::grid));
  ASSERT_EQ(points.size(), 5u * 3u * 2u);
  // Point 7 = 1 * (3 * 2) + 0 * 2 + 1: delay level 1 (13 weeks), ramp level 0, ups level 1.
  const analysis::SweepPoint& p = points[7];
  EXPECT_EQ(p.index, 7);
  EXPECT_DOUBLE_EQ(*p.levels[0].value, 13.0);
  EXPECT_DOUBLE_EQ(*p.levels[1].value, 0.5);
  EXPECT_EQ(p.levels[2].label, "full");
  // June 1 + 91 days is August 31; January 4 + 91 days is April 5.
  const std::vector<std::string> expected = {
      "sites[0].grid[0].date=2026-08-31", "sites[1].grid[0].date=2027-04-05",
      "factories[0].ramp[1].rate=750 racks/week", "policies.power.ups=full"};
  EXPECT_EQ(p.overrides, expected);
}

TEST(SweepDesign, OneAtATimeIsTheBaseThenEachParameterAlone) {
  io::StudySpec spec = spec_of(io::SweepDesign::one_at_a_time);
  spec.overrides = {"reliability.runs=5"};
  const auto points = analysis::expand_points(spec);
  ASSERT_EQ(points.size(), 1u + 5u + 3u + 2u);
  EXPECT_EQ(points[0].overrides, std::vector<std::string>{"reliability.runs=5"});
  for (const auto& level : points[0].levels) EXPECT_FALSE(level.value.has_value());
  // Points 6..8 vary the ramp only: x0.5, x1, x1.5 of 1500.
  EXPECT_FALSE(points[7].levels[0].value.has_value());
  EXPECT_EQ(points[7].overrides.back(), "factories[0].ramp[1].rate=1500 racks/week");
  EXPECT_EQ(points[8].overrides.back(), "factories[0].ramp[1].rate=2250 racks/week");
  EXPECT_EQ(points[8].levels[1].label, "x1.5");
  EXPECT_EQ(points[10].overrides.back(), "policies.power.ups=full");
}

TEST(SweepDesign, LatinHypercubePutsOneValuePerStratum) {
  io::StudySpec spec = spec_of(io::SweepDesign::latin_hypercube);
  spec.points = 20;
  spec.design_seed = 7;
  const auto points = analysis::expand_points(spec);
  ASSERT_EQ(points.size(), 20u);
  for (std::size_t p = 0; p < 2; ++p) {
    const auto& parameter = spec.parameters[p];
    std::set<int> strata;
    for (const auto& point : points) {
      const double share =
          (*point.levels[p].value - parameter.min) / (parameter.max - parameter.min);
      strata.insert(static_cast<int>(std::floor(share * 20)));
    }
    EXPECT_EQ(strata.size(), 20u) << parameter.name;  // 0..19, each once
    EXPECT_EQ(*strata.begin(), 0);
    EXPECT_EQ(*strata.rbegin(), 19);
  }
  // Two listed values: 10 points each.
  int full = 0;
  for (const auto& point : points) full += point.levels[2].label == "full" ? 1 : 0;
  EXPECT_EQ(full, 10);
  // Its own seed: another gives other points, the same gives the same.
  EXPECT_EQ(analysis::expand_points(spec)[3].overrides, points[3].overrides);
  spec.design_seed = 8;
  EXPECT_NE(analysis::expand_points(spec)[3].overrides, points[3].overrides);
}

TEST(SweepDesign, TriangularQuantilesFollowTheClosedForm) {
  io::StudyParameter p = scale_parameter();
  p.distribution = io::LhsDistribution::triangular;
  p.mode = 0.75;  // min 0.5, max 1.5: F(mode) = (0.75 - 0.5) / (1.5 - 0.5) = 0.25
  EXPECT_NEAR(analysis::quantile_level(p, 0.25), 0.75, 1e-12);
  // F(x) = (x - a)^2 / ((b - a)(c - a)) below the mode: F(0.6) = 0.01 / 0.25 = 0.04.
  EXPECT_NEAR(analysis::quantile_level(p, 0.04), 0.6, 1e-12);
  // Above: 1 - F(x) = (b - x)^2 / ((b - a)(b - c)): x = 1.2 gives 0.09 / 0.75 = 0.12.
  EXPECT_NEAR(analysis::quantile_level(p, 0.88), 1.2, 1e-12);
}

TEST(SweepDesign, RanksInputsBySwing) {
  io::StudySpec spec = spec_of(io::SweepDesign::one_at_a_time);
  const auto points = analysis::expand_points(spec);
  // Base 100; delay 100, 90, 80, 70, 60; ramp 95, 100, 101; ups 100, 130.
  const std::vector<double> headline = {100, 100, 90, 80, 70, 60, 95, 100, 101, 100, 130};
  const auto effects = analysis::rank_inputs(spec, points, headline);
  ASSERT_EQ(effects.size(), 3u);
  EXPECT_EQ(effects[0].parameter, "delay");
  EXPECT_DOUBLE_EQ(effects[0].swing(), 40.0);
  EXPECT_DOUBLE_EQ(effects[0].at_max, 60.0);
  EXPECT_EQ(effects[1].parameter, "ups");
  EXPECT_DOUBLE_EQ(effects[1].swing(), 30.0);
  EXPECT_EQ(effects[2].parameter, "ramp");
  EXPECT_DOUBLE_EQ(effects[2].swing(), 6.0);
}

TEST(SweepDesign, LatinHypercubeEffectIsTheLeastSquaresLine) {
  io::StudySpec spec = spec_of(io::SweepDesign::latin_hypercube);
  spec.parameters.resize(1);  // delay only
  spec.points = 8;
  const auto points = analysis::expand_points(spec);
  std::vector<double> headline;
  for (const auto& point : points) headline.push_back(1000.0 - 3.0 * *point.levels[0].value);
  const auto effects = analysis::rank_inputs(spec, points, headline);
  EXPECT_NEAR(effects[0].at_min, 1000.0, 1e-9);
  EXPECT_NEAR(effects[0].at_max, 1000.0 - 3.0 * 52.0, 1e-9);
}

TEST(SweepPoint, JsonRoundTripKeepsEveryBit) {
  analysis::PointResult r;
  r.point = 4;
  r.input_hash = "fnv1a64:0123456789abcdef";
  r.headline = 0.1 + 0.2;
  r.metrics = {{"total", "gpu_weeks", 1.0 / 3.0}, {"a", "full_target.p50_days", std::nullopt}};
  r.gains = {{"a", "grid", 12.5, 3.0, 1.0 / 7.0}};
  r.weeks = {{"total", 0, "2026-01-11", 1, 2, 3, 0.1, 0.2, 0.3}};
  const analysis::PointResult back =
      analysis::point_result_from_json(nlohmann::json::parse(analysis::to_json(r).dump()));
  EXPECT_EQ(analysis::to_json(back).dump(), analysis::to_json(r).dump());
  EXPECT_EQ(back.headline, 0.1 + 0.2);
  EXPECT_FALSE(back.metrics[1].value.has_value());
  EXPECT_EQ(back.gains[0].days_earlier_full, 1.0 / 7.0);
}
