// The `reliability:` section: every key read with its units, defaults when absent, and each
// rule broken reported with its key path and a suggestion.

#include "rackscale/io/reliability_reader.hpp"
#include "rackscale/io/scenario_loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "loader_test_util.hpp"
#include "rackscale/core/error.hpp"

namespace io = rackscale::io;
namespace model = rackscale::model;
namespace u = rackscale::units;
using rackscale::Diagnostics;
using rackscale::test::TempFile;

namespace {

const std::string kScenario = rackscale::test::minimal_scenario("abilene-tx");

const io::LoadedScenario& scenario() {
  static const io::LoadedScenario loaded = [] {
    TempFile f("reliability_base.yaml", kScenario);
    return io::load_scenario(f.path());
  }();
  return loaded;
}

struct Read {
  model::ReliabilitySettings settings;
  std::vector<std::string> messages;  // "key.path: message | suggestion"
};

// Reads `section` (YAML text of the top-level map holding `reliability:`).
Read read(const std::string& section) {
  Diagnostics diag;
  YAML::Node root = YAML::Load(section);
  io::MapReader top(diag, "test.yaml", root, "");
  Read r;
  r.settings = io::read_reliability(top, scenario().scenario, scenario().catalog);
  for (const auto& d : diag.items()) {
    r.messages.push_back(d.key_path + ": " + d.message +
                         (d.suggestion.empty() ? "" : " | " + d.suggestion));
  }
  return r;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

bool has(const Read& r, const std::string& text) {
  for (const auto& m : r.messages) {
    if (m.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST(ReliabilityReader, AbsentSectionGivesDefaults) {
  const Read r = read("name: x\n");
  EXPECT_TRUE(r.messages.empty()) << joined(r.messages);
  EXPECT_FALSE(r.settings.given);
  EXPECT_DOUBLE_EQ(r.settings.horizon.in(u::day), 30.0);
  EXPECT_TRUE(r.settings.jobs.empty());
  EXPECT_FALSE(r.settings.runs.has_value());
  EXPECT_EQ(r.settings.crews.shifts_per_day, 3);
  EXPECT_DOUBLE_EQ(r.settings.spares.restock_lead_time.in(u::week), 2.0);
}

TEST(ReliabilityReader, ReadsEveryKey) {
  const Read r = read(R"(reliability:
  horizon: 60 days
  runs: 50
  goodput_target: 0.9
  crews: {technicians: 20, shifts_per_day: 2}
  spares: {hot_spare_racks: 2, hot_spare_nodes: 3, parts_stock: 500, restock_lead_time: 3 weeks}
  jobs:
    - {name: pretrain, site: abilene-tx, gpus: 720, checkpoint_interval: optimal, checkpoint_write: 2 min, restart: 10 min}
    - {name: eval, gpus: all, checkpoint_interval: 30 min, checkpoint_write: 0 s, restart: 5 min, work: 7 days}
  rates:
    gpu: {mtbf: 150000 h, shape: 0.8, recovery: rma, repair: {dist: lognormal, median: 2 weeks, p90: 4 weeks}}
    software: {mtbf: never}
    cdu: {mtbf: 40000 h, repair: {dist: triangular, min: 2 h, mode: 6 h, max: 24 h}}
    nic: {repair: 3 h}
)");
  ASSERT_TRUE(r.messages.empty()) << joined(r.messages);
  const auto& s = r.settings;
  EXPECT_TRUE(s.given);
  EXPECT_DOUBLE_EQ(s.horizon.in(u::day), 60.0);
  EXPECT_EQ(*s.runs, 50);
  EXPECT_DOUBLE_EQ(*s.goodput_target, 0.9);
  EXPECT_EQ(*s.crews.technicians, 20);
  EXPECT_EQ(s.crews.shifts_per_day, 2);
  EXPECT_EQ(*s.spares.hot_spare_racks, 2);
  EXPECT_EQ(*s.spares.hot_spare_nodes, 3);
  EXPECT_EQ(*s.spares.parts_stock, 500);
  EXPECT_DOUBLE_EQ(s.spares.restock_lead_time.in(u::week), 3.0);
  ASSERT_EQ(s.jobs.size(), 2u);
  EXPECT_EQ(s.jobs[0].name, "pretrain");
  EXPECT_EQ(s.jobs[0].site, "abilene-tx");
  EXPECT_EQ(*s.jobs[0].gpus, 720);
  EXPECT_FALSE(s.jobs[0].checkpoint_interval.has_value());  // optimal
  EXPECT_DOUBLE_EQ(s.jobs[0].checkpoint_write.in(u::minute), 2.0);
  EXPECT_DOUBLE_EQ(s.jobs[0].restart.in(u::minute), 10.0);
  EXPECT_EQ(s.jobs[0].path, "reliability.jobs[0]");
  EXPECT_EQ(s.jobs[1].site, "");             // the first site
  EXPECT_FALSE(s.jobs[1].gpus.has_value());  // all
  EXPECT_DOUBLE_EQ(s.jobs[1].checkpoint_interval->in(u::minute), 30.0);
  EXPECT_DOUBLE_EQ(s.jobs[1].work->in(u::day), 7.0);
  ASSERT_EQ(s.rates.size(), 4u);  // in type order: gpu, software, nic, cdu
  EXPECT_EQ(s.rates[0].type, model::ComponentType::Gpu);
  EXPECT_DOUBLE_EQ(s.rates[0].mtbf->in(u::h), 150000.0);
  EXPECT_DOUBLE_EQ(*s.rates[0].weibull_shape, 0.8);
  EXPECT_EQ(*s.rates[0].recovery, model::RecoveryPath::ReturnToVendor);
  EXPECT_EQ(s.rates[0].repair->kind, model::RepairTime::Kind::Lognormal);
  EXPECT_DOUBLE_EQ(s.rates[0].repair->b.in(u::week), 4.0);
  EXPECT_EQ(s.rates[1].type, model::ComponentType::Software);
  EXPECT_TRUE(std::isinf(s.rates[1].mtbf->si()));
  EXPECT_EQ(s.rates[2].type, model::ComponentType::Nic);
  EXPECT_EQ(s.rates[2].repair->kind, model::RepairTime::Kind::Fixed);
  EXPECT_DOUBLE_EQ(s.rates[3].repair->mean().in(u::h), (2.0 + 6.0 + 24.0) / 3.0);
}

TEST(ReliabilityReader, UnlimitedCrewsAndParts) {
  const Read r =
      read("reliability: {crews: {technicians: unlimited}, spares: {parts_stock: unlimited}}\n");
  ASSERT_TRUE(r.messages.empty()) << joined(r.messages);
  EXPECT_TRUE(r.settings.crews.unlimited);
  EXPECT_FALSE(r.settings.crews.technicians.has_value());
  EXPECT_TRUE(r.settings.spares.unlimited_parts);
}

TEST(ReliabilityReader, ReportsUnknownKeysWithTheNearestOne) {
  const Read r = read(R"(reliability:
  horizn: 30 days
  crews: {technician: 4}
  rates: {gpus: {mtbf: 1000 h}, gpu: {mtbf: 1000 h, shap: 2}}
)");
  EXPECT_TRUE(has(r, "did you mean \"horizon\"")) << joined(r.messages);
  EXPECT_TRUE(has(r, "did you mean \"technicians\"")) << joined(r.messages);
  EXPECT_TRUE(has(r, "did you mean \"gpu\"")) << joined(r.messages);
  EXPECT_TRUE(has(r, "did you mean \"shape\"")) << joined(r.messages);
}

TEST(ReliabilityReader, ReportsUnitsAndRanges) {
  const Read r = read(R"(reliability:
  horizon: 30
  runs: 0
  goodput_target: 1.5
  crews: {shifts_per_day: 4, technicians: lots}
  spares: {restock_lead_time: 0 days, hot_spare_racks: -1}
  jobs:
    - {name: a, checkpoint_interval: optimum, checkpoint_write: 2 MW, restart: -1 min}
  rates:
    gpu: {mtbf: 0 h, shape: 50}
)");
  EXPECT_TRUE(has(r, "reliability.horizon: ")) << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.runs: must be >= 1, got 0")) << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.goodput_target: must be <= 1, got 1.5")) << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.crews.shifts_per_day: must be <= 3, got 4"))
      << joined(r.messages);
  EXPECT_TRUE(has(r,
                  "reliability.crews.technicians: expected a whole number or \"unlimited\", "
                  "got \"lots\""))
      << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.spares.restock_lead_time: must be > 0")) << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.spares.hot_spare_racks: must be >= 0")) << joined(r.messages);
  EXPECT_TRUE(has(r,
                  "reliability.jobs[0].checkpoint_interval: expected a duration such as \"30 "
                  "min\" or \"optimal\", got \"optimum\" | did you mean \"optimal\"?"))
      << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.jobs[0].checkpoint_write: ")) << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.jobs[0].restart: ")) << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.rates.gpu.mtbf: must be > 0")) << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.rates.gpu.shape: must be <= 20, got 50")) << joined(r.messages);
}

TEST(ReliabilityReader, ChecksSitesGpusAndNames) {
  const Read r = read(R"(reliability:
  jobs:
    - {name: a, site: abilene-txx, gpus: 100}
    - {name: b, gpus: 5000}
    - {name: a, gpus: 10}
)");
  EXPECT_TRUE(has(r,
                  "reliability.jobs[0].site: no site named \"abilene-txx\" in this scenario | "
                  "did you mean \"abilene-tx\"?"))
      << joined(r.messages);
  // The site holds 14 GB300 NVL72 racks: 1,008 GPUs.
  EXPECT_TRUE(has(r,
                  "reliability.jobs[1].gpus: site \"abilene-tx\" has 1008 GPUs, the job asks "
                  "for 5000"))
      << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.jobs[2].name: duplicate job name \"a\"")) << joined(r.messages);
}

TEST(ReliabilityReader, RejectsRecoveryOnFacilityGearAndBadDistributions) {
  const Read r = read(R"(reliability:
  jobs: []
  rates:
    cdu: {recovery: swap}
    gpu: {recovery: replace, repair: {dist: lognormal, median: 4 h, p90: 2 h}}
    hbm: {repair: {dist: gamma, mean: 3 h}}
    nic: {repair: [1 h]}
)");
  EXPECT_TRUE(has(r, "reliability.jobs: ")) << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.rates.cdu.recovery: cdu is facility gear")) << joined(r.messages);
  EXPECT_TRUE(has(r,
                  "reliability.rates.gpu.recovery: expected one of restart | swap | rma, got "
                  "\"replace\""))
      << joined(r.messages);
  EXPECT_TRUE(
      has(r, "reliability.rates.gpu.repair.p90: must be greater than median (4 h), got 2 h"))
      << joined(r.messages);
  EXPECT_TRUE(has(r, "reliability.rates.hbm.repair.dist: expected one of fixed"))
      << joined(r.messages);
  EXPECT_TRUE(
      has(r, "reliability.rates.nic.repair: expected a duration or a distribution, got a list"))
      << joined(r.messages);
}

TEST(ReliabilityReader, TheScenarioLoaderReadsTheSection) {
  TempFile f(
      "reliability_full.yaml",
      std::string(kScenario) + "reliability: {horizon: 7 days, jobs: [{name: j, gpus: 72}]}\n");
  const model::ReliabilitySettings s = io::load_scenario(f.path()).scenario.reliability;
  EXPECT_TRUE(s.given);
  EXPECT_DOUBLE_EQ(s.horizon.in(u::day), 7.0);
  ASSERT_EQ(s.jobs.size(), 1u);
  TempFile bad("reliability_bad.yaml", std::string(kScenario) + "reliability: {horizon: 7}\n");
  EXPECT_THROW(io::load_scenario(bad.path()), rackscale::InputError);
}
