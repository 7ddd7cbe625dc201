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

// Every result of two runs compared exactly, e.g. with and without quiet days (the same
// operations in the same order give the same bits).
inline void expect_same_series(const sim::SiteSeries& a, const sim::SiteSeries& b) {
  EXPECT_EQ(a.allocated, b.allocated);
  EXPECT_EQ(a.delivered, b.delivered);
  EXPECT_EQ(a.installed, b.installed);
  EXPECT_EQ(a.commissioned, b.commissioned);
  EXPECT_EQ(a.online, b.online);
  EXPECT_EQ(a.it_mw_online, b.it_mw_online);
  EXPECT_EQ(a.constraint, b.constraint);
}

inline void expect_same_site(const sim::SiteResult& a, const sim::SiteResult& b) {
  SCOPED_TRACE(a.name);
  expect_same_series(a.weekly, b.weekly);
  expect_same_series(a.daily, b.daily);
  EXPECT_EQ(a.milestones.ready_day, b.milestones.ready_day);
  EXPECT_EQ(a.milestones.first_online_day, b.milestones.first_online_day);
  EXPECT_EQ(a.milestones.half_day, b.milestones.half_day);
  EXPECT_EQ(a.milestones.full_day, b.milestones.full_day);
  EXPECT_EQ(a.schedule.fit_out_end_day, b.schedule.fit_out_end_day);
  EXPECT_EQ(a.schedule.long_lead_day, b.schedule.long_lead_day);
  EXPECT_EQ(a.waiting.space_rack_weeks, b.waiting.space_rack_weeks);
  EXPECT_EQ(a.waiting.power_rack_weeks, b.waiting.power_rack_weeks);
  EXPECT_EQ(a.waiting.crews_rack_weeks, b.waiting.crews_rack_weeks);
  EXPECT_EQ(a.waiting.carrying_cost_usd, b.waiting.carrying_cost_usd);
  EXPECT_EQ(a.bridging_mwh, b.bridging_mwh);
  ASSERT_EQ(a.held_back.size(), b.held_back.size());
  for (std::size_t k = 0; k < a.held_back.size(); ++k) {
    EXPECT_EQ(a.held_back[k].constraint, b.held_back[k].constraint);
    EXPECT_EQ(a.held_back[k].rack_weeks, b.held_back[k].rack_weeks);
  }
}

inline void expect_same_run(const sim::BuildoutRun& a, const sim::BuildoutRun& b) {
  ASSERT_EQ(a.sites.size(), b.sites.size());
  for (std::size_t s = 0; s < a.sites.size(); ++s) expect_same_site(a.sites[s], b.sites[s]);
  ASSERT_EQ(a.factories.size(), b.factories.size());
  for (std::size_t f = 0; f < a.factories.size(); ++f) {
    EXPECT_EQ(a.factories[f].weekly.started, b.factories[f].weekly.started);
    EXPECT_EQ(a.factories[f].weekly.shipped, b.factories[f].weekly.shipped);
    EXPECT_EQ(a.factories[f].inventory_rack_weeks, b.factories[f].inventory_rack_weeks);
  }
  for (std::size_t p = 0; p < a.components.size(); ++p) {
    EXPECT_EQ(a.components[p].on_hand, b.components[p].on_hand);
  }
  for (std::size_t k = 0; k < a.contracts.size(); ++k) {
    EXPECT_EQ(a.contracts[k].exercised, b.contracts[k].exercised);
    EXPECT_EQ(a.contracts[k].deliveries.size(), b.contracts[k].deliveries.size());
  }
}

}  // namespace rackscale::test
