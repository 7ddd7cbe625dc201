#pragma once
// Helpers for the build-out tests: load a scenario, design its sites, run, check invariants.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale::test {

//! A scenario with its designs. Change scenario fields the designs do not depend on (grid,
//! crews, suppliers, contracts, construction) freely before running.
struct BuildoutCase {
  io::LoadedScenario loaded;
  std::vector<design::SiteDesign> designs;

  explicit BuildoutCase(const std::string& path) : loaded(io::load_scenario(path)) {
    designs = design::design_sites(loaded.scenario, loaded.catalog);
  }
  model::Scenario& scenario() { return loaded.scenario; }
  sim::BuildoutInput input() const { return {&loaded.scenario, &loaded.catalog, &designs}; }
  sim::BuildoutRun run(std::uint64_t seed = 1, int run = 0,
                       sim::BuildoutOptions options = {}) const {
    return sim::BuildoutModel(input(), options).run(seed, run);
  }
};

//! A site's energy and opex of one rack for a week (docs/models/deal.md §6): its design's
//! opex a year / its racks x 7 / the 365 days of the design's hourly year [USD].
inline double opex_per_rack_week(const BuildoutCase& c, std::size_t site = 0) {
  const design::SiteDesign& design = c.designs[site];
  return design.cost.opex_per_year.in(units::USD) / design.racks * 7.0 / 365.0;
}

inline std::string data_path(const std::string& name) {
  return std::string(RACKSCALE_TEST_DATA) + "/data/buildout/" + name;
}

inline std::string example_path(const std::string& name) {
  return std::string(RACKSCALE_SOURCE_DIR) + "/examples/" + name;
}

//! Racks are conserved across stages in every week of every site and factory.
inline void expect_conservation(const sim::BuildoutRun& r) {
  for (const auto& s : r.sites) {
    const auto& x = s.weekly;
    ASSERT_EQ(x.online.size(), static_cast<std::size_t>(r.weeks));
    for (std::size_t w = 0; w < x.online.size(); ++w) {
      SCOPED_TRACE(s.name + " week " + std::to_string(w));
      // in_transit and storage are recorded as allocated - delivered and delivered - installed:
      // their signs, not their sums, say that racks arrive after they are allocated and are
      // installed after they arrive.
      EXPECT_LE(x.commissioned[w], x.installed[w]);
      EXPECT_LE(x.online[w], x.commissioned[w]);
      EXPECT_GE(x.in_transit[w], 0);
      EXPECT_GE(x.storage[w], 0);
      EXPECT_GE(x.online[w], 0);
      EXPECT_LE(x.allocated[w], s.target_racks);
      if (w > 0) {
        EXPECT_GE(x.allocated[w], x.allocated[w - 1]);
        EXPECT_GE(x.delivered[w], x.delivered[w - 1]);
        EXPECT_GE(x.installed[w], x.installed[w - 1]);
        EXPECT_GE(x.commissioned[w], x.commissioned[w - 1]);
      }
      EXPECT_FALSE(x.constraint[w].kind == sim::ConstraintKind::Complete &&
                   x.online[w] < s.target_racks);
    }
  }
  for (const auto& f : r.factories) {
    const auto& x = f.weekly;
    for (std::size_t w = 0; w < x.started.size(); ++w) {
      SCOPED_TRACE(f.name + " week " + std::to_string(w));
      EXPECT_EQ(x.started[w],
                x.in_integration[w] + x.in_burn_in[w] + x.in_rework[w] + x.finished[w]);
      EXPECT_EQ(x.finished[w], x.shipped[w] + x.inventory[w]);
      EXPECT_GE(x.in_burn_in[w], 0);
      EXPECT_GE(x.in_rework[w], 0);
    }
  }
  // Every rack the factories shipped is allocated to a site (counted on the sites' side).
  for (std::size_t w = 0; w < static_cast<std::size_t>(r.weeks); ++w) {
    int shipped = 0, allocated = 0;
    for (const auto& f : r.factories) shipped += f.weekly.shipped[w];
    for (const auto& s : r.sites) allocated += s.weekly.allocated[w];
    EXPECT_EQ(shipped, allocated) << "week " << w;
  }
}

//! Held-back rack-weeks of one constraint at one site of `r` (0 if absent).
inline double held_back(const sim::BuildoutRun& r, const sim::SiteResult& s,
                        const std::string& constraint) {
  for (const auto& h : s.held_back) {
    if (sim::to_string(h.constraint, r) == constraint) return h.rack_weeks;
  }
  return 0.0;
}

}  // namespace rackscale::test
