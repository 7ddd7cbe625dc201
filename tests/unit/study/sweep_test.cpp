// run_point: the plan pipeline on one point, deterministic whatever the thread count, with
// common random numbers (a point whose overrides change nothing gives the base's figures).

#include "rackscale/study/sweep.hpp"

#include <gtest/gtest.h>

#include "rackscale/core/error.hpp"

namespace io = rackscale::io;
namespace analysis = rackscale::analysis;

namespace {

io::StudySpec small_study() {
  io::StudySpec spec;
  spec.file = "study.yaml";
  spec.name = "run-point-test";
  spec.scenario = std::string(RACKSCALE_SOURCE_DIR) + "/examples/h100-single-site.yaml";
  spec.runs = 20;
  spec.attribution_runs = 5;
  spec.metric = "gpu_weeks";
  spec.overrides = {"reliability.runs=5"};
  return spec;
}

}  // namespace

TEST(RunPoint, SameResultOnOneOrTwoThreadsAndCommonRandomNumbers) {
  const io::StudySpec spec = small_study();
  const analysis::SweepPoint base{0, {}, spec.overrides};
  const analysis::PointResult one = rackscale::run_point(spec, base, 1);
  const analysis::PointResult two = rackscale::run_point(spec, base, 2);
  EXPECT_EQ(analysis::to_json(one).dump(), analysis::to_json(two).dump());
  EXPECT_GT(one.headline, 0.0);
  EXPECT_EQ(one.headline, analysis::metric_value(one, "total", "gpu_weeks"));
  // The same values written again: another input hash (overrides are inputs), same figures.
  analysis::SweepPoint same = base;
  same.index = 1;
  same.overrides.push_back("simulation.seed=7");  // the scenario's own seed
  const analysis::PointResult again = rackscale::run_point(spec, same, 2);
  EXPECT_NE(again.input_hash, one.input_hash);
  EXPECT_EQ(again.headline, one.headline);
  EXPECT_EQ(again.weeks.size(), one.weeks.size());
}

TEST(RunPoint, AnInvalidPointNamesItsOverrides) {
  const io::StudySpec spec = small_study();
  const analysis::SweepPoint bad{3, {}, {"sites[0].tariff=-5 USD/MWh"}};
  try {
    rackscale::run_point(spec, bad, 1);
    FAIL() << "an invalid point ran";
  } catch (const rackscale::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("point 4 (sites[0].tariff=-5 USD/MWh)"), std::string::npos)
        << e.what();
  }
}
