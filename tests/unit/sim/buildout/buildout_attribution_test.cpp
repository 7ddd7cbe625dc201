// Constraint ids and names of the binding-constraint attribution (buildout_attribution.cpp):
// the ids of a model with 6 pools counted by hand, their round trip, and the names.

#include "rackscale/sim/buildout/buildout_attribution.hpp"

#include <gtest/gtest.h>

#include <set>

namespace rackscale::sim {
namespace {

TEST(BuildoutAttribution, ConstraintIdsAreTheKindsThenTwoPerPool) {
  // 9 kinds (contract .. complete), then component and long_lead for each pool.
  EXPECT_EQ(constraint_ids(0), 9u);
  EXPECT_EQ(constraint_ids(6), 21u);
  EXPECT_EQ(constraint_id({ConstraintKind::Contract}), 0u);
  EXPECT_EQ(constraint_id({ConstraintKind::Grid}), 7u);
  EXPECT_EQ(constraint_id({ConstraintKind::Complete}), 8u);
  EXPECT_EQ(constraint_id({ConstraintKind::LongLead}), 5u);  // no pool: the kind alone
  EXPECT_EQ(constraint_id({ConstraintKind::Component, PoolIndex{0}}), 9u);
  EXPECT_EQ(constraint_id({ConstraintKind::LongLead, PoolIndex{0}}), 10u);
  EXPECT_EQ(constraint_id({ConstraintKind::Component, PoolIndex{5}}), 19u);
  EXPECT_EQ(constraint_id({ConstraintKind::LongLead, PoolIndex{5}}), 20u);
}

TEST(BuildoutAttribution, EveryIdNamesOneConstraint) {
  std::set<std::pair<ConstraintKind, PoolIndex>> seen;
  for (std::size_t id = 0; id < constraint_ids(6); ++id) {
    const BindingConstraint c = constraint_of_id(id);
    EXPECT_EQ(constraint_id(c), id);
    EXPECT_TRUE(seen.insert({c.kind, c.pool}).second) << id;
  }
  EXPECT_EQ(constraint_of_id(12), (BindingConstraint{ConstraintKind::LongLead, PoolIndex{1}}));
}

TEST(BuildoutAttribution, NamesCarryThePoolOnlyWhenThereIsOne) {
  EXPECT_EQ(to_string({ConstraintKind::Component, PoolIndex{1}}, "gpu_tray"), "component:gpu_tray");
  EXPECT_EQ(to_string({ConstraintKind::LongLead, PoolIndex{0}}, "switchgear"),
            "long_lead:switchgear");
  EXPECT_EQ(to_string({ConstraintKind::Factory}, "ignored"), "factory");
  EXPECT_EQ(to_string({ConstraintKind::LongLead}, ""), "long_lead");
}

}  // namespace
}  // namespace rackscale::sim
