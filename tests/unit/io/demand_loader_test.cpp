// The `demand:` section: both forms read with their units, and each rule broken (probabilities
// not summing to 1, a negative volatility, an unknown or twice-claimed contract, both or neither
// form, a point with both or neither quantity, dates out of order) reported at its key path.

#include "rackscale/io/demand_loader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"

namespace io = rackscale::io;
namespace model = rackscale::model;
namespace u = rackscale::units;
using rackscale::Diagnostics;

namespace {

// A scenario with two contracts, `deal` and `other`.
model::Scenario two_contracts() {
  model::Scenario scenario;
  scenario.contracts.resize(2);
  scenario.contracts[0].name = "deal";
  scenario.contracts[1].name = "other";
  return scenario;
}

struct Read {
  std::vector<model::BuyerDemand> demand;
  std::vector<std::string> messages;  // "key.path: message"
};

Read read(const std::string& section) {
  Diagnostics diag;
  YAML::Node root = YAML::Load(section);
  io::MapReader top(diag, "test.yaml", root, "");
  Read r;
  r.demand = io::read_demand(top, two_contracts());
  for (const auto& d : diag.items()) r.messages.push_back(d.key_path + ": " + d.message);
  return r;
}

bool has(const Read& r, const std::string& text) {
  for (const auto& m : r.messages) {
    if (m.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string joined(const Read& r) {
  std::string out;
  for (const auto& m : r.messages) out += m + "\n";
  return out;
}

TEST(DemandLoader, AbsentSectionGivesNoBuyer) {
  EXPECT_TRUE(read("name: x\n").demand.empty());
}

TEST(DemandLoader, ReadsTheMedianForm) {
  const Read r = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: [deal]\n"
      "    value: 2 USD/GPU/h\n"
      "    median:\n"
      "      - {date: 2026-06-01, gpus: 1000}\n"
      "      - {date: 2027-06-01, it_power: 150 MW}\n"
      "    volatility: 0.3\n");
  ASSERT_TRUE(r.messages.empty()) << joined(r);
  ASSERT_EQ(r.demand.size(), 1u);
  const model::BuyerDemand& d = r.demand[0];
  EXPECT_EQ(d.buyer, "lab");
  EXPECT_EQ(d.contracts, std::vector<std::string>{"deal"});
  EXPECT_EQ(d.kind, model::DemandKind::Lognormal);
  EXPECT_DOUBLE_EQ(d.volatility, 0.3);
  // 2 USD per GPU-hour = 2 / 3600 USD per GPU-second
  EXPECT_DOUBLE_EQ(d.value_per_gpu_hour.si(), 2.0 / 3600.0);
  ASSERT_EQ(d.median.size(), 2u);
  EXPECT_DOUBLE_EQ(d.median[0].gpus, 1000.0);
  EXPECT_TRUE(d.median[1].in_power);
  EXPECT_DOUBLE_EQ(d.median[1].it_power.in(u::MW), 150.0);
}

TEST(DemandLoader, ReadsTheScenarioForm) {
  const Read r = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: deal\n"
      "    value: 1 USD/GPU/h\n"
      "    scenarios:\n"
      "      - {name: high, probability: 0.25, path: [{date: 2026-06-01, gpus: 9}]}\n"
      "      - {name: low, probability: 0.75, path: [{date: 2026-06-01, gpus: 1}]}\n");
  ASSERT_TRUE(r.messages.empty()) << joined(r);
  ASSERT_EQ(r.demand[0].scenarios.size(), 2u);
  EXPECT_EQ(r.demand[0].kind, model::DemandKind::Scenarios);
  EXPECT_DOUBLE_EQ(r.demand[0].scenarios[1].probability, 0.75);
}

TEST(DemandLoader, ProbabilitiesMustSumToOne) {
  const Read r = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: [deal]\n"
      "    value: 1 USD/GPU/h\n"
      "    scenarios:\n"
      "      - {name: high, probability: 0.5, path: [{date: 2026-06-01, gpus: 9}]}\n"
      "      - {name: low, probability: 0.3, path: [{date: 2026-06-01, gpus: 1}]}\n");
  EXPECT_TRUE(has(r, "demand[0].scenarios: the probabilities must sum to 1, got 0.8")) << joined(r);
}

TEST(DemandLoader, VolatilityMustNotBeNegative) {
  const Read r = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: [deal]\n"
      "    value: 1 USD/GPU/h\n"
      "    median: [{date: 2026-06-01, gpus: 9}]\n"
      "    volatility: -0.2\n");
  EXPECT_TRUE(has(r, "demand[0].volatility")) << joined(r);
  EXPECT_TRUE(has(r, "-0.2")) << joined(r);
}

TEST(DemandLoader, ContractsMustExistAndHaveOneBuyer) {
  const Read r = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: [dael]\n"
      "    value: 1 USD/GPU/h\n"
      "    median: [{date: 2026-06-01, gpus: 9}]\n"
      "    volatility: 0.1\n"
      "  - buyer: lab2\n"
      "    contracts: [other]\n"
      "    value: 1 USD/GPU/h\n"
      "    median: [{date: 2026-06-01, gpus: 9}]\n"
      "    volatility: 0.1\n"
      "  - buyer: lab3\n"
      "    contracts: [other]\n"
      "    value: 1 USD/GPU/h\n"
      "    median: [{date: 2026-06-01, gpus: 9}]\n"
      "    volatility: 0.1\n");
  EXPECT_TRUE(has(r, "demand[0].contracts[0]: no contract named \"dael\"")) << joined(r);
  EXPECT_TRUE(has(r, "demand[2].contracts[0]: contract \"other\" already has a buyer (\"lab2\")"))
      << joined(r);
}

TEST(DemandLoader, NeedsExactlyOneForm) {
  const Read neither = read(
      "demand:\n"
      "  - {buyer: lab, contracts: [deal], value: 1 USD/GPU/h}\n");
  EXPECT_TRUE(has(neither, "exactly one of `median`")) << joined(neither);
  const Read both = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: [deal]\n"
      "    value: 1 USD/GPU/h\n"
      "    median: [{date: 2026-06-01, gpus: 9}]\n"
      "    volatility: 0.1\n"
      "    scenarios: [{name: a, probability: 1, path: [{date: 2026-06-01, gpus: 9}]}]\n");
  EXPECT_TRUE(has(both, "exactly one of `median`")) << joined(both);
}

TEST(DemandLoader, VolatilityBelongsToTheMedianForm) {
  const Read r = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: [deal]\n"
      "    value: 1 USD/GPU/h\n"
      "    volatility: 0.2\n"
      "    scenarios: [{name: a, probability: 1, path: [{date: 2026-06-01, gpus: 9}]}]\n");
  EXPECT_TRUE(has(r, "demand[0].volatility: applies only to a `median` path")) << joined(r);
}

TEST(DemandLoader, PointsNeedOneQuantityAndIncreasingDates) {
  const Read r = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: [deal]\n"
      "    value: 1 USD/GPU/h\n"
      "    median:\n"
      "      - {date: 2026-06-01, gpus: 9, it_power: 1 MW}\n"
      "      - {date: 2026-05-01, gpus: 9}\n"
      "    volatility: 0.1\n");
  EXPECT_TRUE(has(r, "demand[0].median[0]: a demand point needs exactly one of")) << joined(r);
  EXPECT_TRUE(has(r, "demand[0].median[1].date: must be after the previous point's date"))
      << joined(r);
}

TEST(DemandLoader, ValueNeedsAUnit) {
  const Read r = read(
      "demand:\n"
      "  - buyer: lab\n"
      "    contracts: [deal]\n"
      "    value: 2\n"
      "    median: [{date: 2026-06-01, gpus: 9}]\n"
      "    volatility: 0.1\n");
  EXPECT_TRUE(has(r, "demand[0].value")) << joined(r);
}

}  // namespace
