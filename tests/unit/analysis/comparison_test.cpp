// Two small plans built by hand, compared: each difference is checked against a hand
// calculation, and sites, contracts and jobs are matched by name.

#include "rackscale/analysis/comparison.hpp"

#include <gtest/gtest.h>

namespace rackscale::analysis {
namespace {

MilestoneFigures milestone(const std::string& name, std::array<std::optional<double>, 3> days) {
  MilestoneFigures m{name, days, {}};
  for (std::size_t q = 0; q < 3; ++q) {
    m.date[q] = days[q] ? "day " + std::to_string(static_cast<int>(*days[q])) : "not reached";
  }
  return m;
}

SiteFigures site(const std::string& name, double capex_musd, std::vector<double> p50) {
  SiteFigures s;
  s.name = name;
  s.capex_musd = capex_musd;
  s.gpus_online = {p50, p50, p50};
  s.it_mwh = 100.0;
  s.facility_mwh = 120.0;
  return s;
}

// A: sites x and y over three weeks; B: x built later and dearer, y gone, z new.
PlanFigures plan_a() {
  PlanFigures a;
  a.origin = "a";
  a.stamp = {"0.1.0", 42, "fnv1a64:aaaaaaaaaaaaaaaa", "demo"};
  a.runs = 100;
  a.week_ends = {Date::from_ymd(2026, 1, 11), Date::from_ymd(2026, 1, 18),
                 Date::from_ymd(2026, 1, 25)};
  a.sites.push_back(site("x", 100.0, {0, 72, 144}));
  a.sites[0].milestones = {milestone("half_target", {10.0, 12.0, 20.0}),
                           milestone("full_target", {15.0, 18.0, 25.0})};
  a.sites[0].waiting_rack_weeks = 40.0;
  a.sites[0].carrying_cost_usd = 2.0e6;
  a.sites[0].main_bottleneck = "construction";
  a.sites.push_back(site("y", 50.0, {0, 0, 72}));
  a.fleet = site("total", 150.0, {0, 72, 216});
  a.fleet.it_mwh = 200.0;
  a.fleet.facility_mwh = 230.0;
  a.contracts = {{"deal", 1000.0, 5.0e9, 1.0}};
  a.jobs = {{"pretrain", "x", 0.60}};
  return a;
}

PlanFigures plan_b() {
  PlanFigures b = plan_a();
  b.origin = "b";
  b.stamp.input_hash = "fnv1a64:bbbbbbbbbbbbbbbb";
  b.sites[0].capex_musd = 130.0;
  b.sites[0].gpus_online = {{0, 0, 72}, {0, 36, 144}, {0, 72, 144}};
  b.sites[0].milestones = {milestone("half_target", {17.5, 19.0, 20.0}),
                           milestone("full_target", {22.0, std::nullopt, std::nullopt})};
  b.sites[0].waiting_rack_weeks = 10.0;
  b.sites[0].main_bottleneck = "grid";
  b.sites[1] = site("z", 20.0, {72, 72, 72});
  b.fleet.it_mwh = 200.0;
  b.fleet.facility_mwh = 210.0;
  b.contracts = {{"deal", 1500.0, 6.5e9, 0.9}};
  b.jobs = {{"pretrain", "x", 0.55}};
  return b;
}

const ComparedFigure& figure(const Comparison& c, const std::string& scope,
                             const std::string& key) {
  for (const auto& f : c.figures) {
    if (f.scope == scope && f.key == key) return f;
  }
  throw std::runtime_error("no figure " + scope + " " + key);
}

TEST(Comparison, NumbersDifferAsBMinusA) {
  const Comparison c = compare_plans(plan_a(), plan_b());
  // capex 130 - 100 MUSD
  EXPECT_DOUBLE_EQ(*figure(c, "x", "capex_musd").difference(), 30.0);
  // GPU-weeks at P50: A 0 + 72 + 144 = 216, B 0 + 36 + 144 = 180
  const auto& gpu_weeks = figure(c, "x", "gpu_weeks_p50");
  EXPECT_DOUBLE_EQ(*gpu_weeks.a.number, 216.0);
  EXPECT_DOUBLE_EQ(*gpu_weeks.b.number, 180.0);
  EXPECT_DOUBLE_EQ(*gpu_weeks.difference(), -36.0);
  // fleet PUE: A 230 / 200 = 1.15, B 210 / 200 = 1.05
  EXPECT_NEAR(*figure(c, "fleet", "pue").difference(), -0.10, 1e-12);
  EXPECT_DOUBLE_EQ(*figure(c, "x", "waiting_rack_weeks").difference(), -30.0);
  // carrying cost reported in MUSD: 2e6 USD in both
  EXPECT_DOUBLE_EQ(*figure(c, "x", "carrying_cost_musd").a.number, 2.0);
  EXPECT_FALSE(figure(c, "x", "carrying_cost_musd").changed());
  EXPECT_DOUBLE_EQ(*figure(c, "contract deal", "option_racks_p50").difference(), 500.0);
  EXPECT_DOUBLE_EQ(*figure(c, "contract deal", "spend_musd_p50").difference(), 1500.0);
  EXPECT_NEAR(*figure(c, "job pretrain", "goodput_p50").difference(), -0.05, 1e-12);
}

TEST(Comparison, MilestonesShiftByDaysAndNotReachedHasNoShift) {
  const Comparison c = compare_plans(plan_a(), plan_b());
  const auto& half_p10 = figure(c, "x", "half_target_p10_day");
  EXPECT_EQ(half_p10.kind, FigureKind::date);
  EXPECT_DOUBLE_EQ(*half_p10.difference(), 7.5);  // 17.5 - 10
  const auto& full_p50 = figure(c, "x", "full_target_p50_day");
  EXPECT_FALSE(full_p50.difference());  // B does not reach it
  EXPECT_TRUE(full_p50.changed());
  EXPECT_EQ(full_p50.b.text, "not reached");

  ASSERT_EQ(c.shifts.size(), 2u);  // x's two milestones; y and z are in one plan only
  EXPECT_EQ(c.shifts[0].milestone, "half_target");
  EXPECT_DOUBLE_EQ(*c.shifts[0].days[0], 7.5);
  EXPECT_DOUBLE_EQ(*c.shifts[0].days[1], 7.0);  // 19 - 12
  EXPECT_DOUBLE_EQ(*c.shifts[0].days[2], 0.0);
  EXPECT_DOUBLE_EQ(*c.shifts[1].days[0], 7.0);  // 22 - 15
  EXPECT_FALSE(c.shifts[1].days[1]);
}

TEST(Comparison, NamesAreComparedAsTextWithoutADifference) {
  const Comparison c = compare_plans(plan_a(), plan_b());
  const auto& bottleneck = figure(c, "x", "main_bottleneck");
  EXPECT_EQ(bottleneck.a.text, "construction");
  EXPECT_EQ(bottleneck.b.text, "grid");
  EXPECT_FALSE(bottleneck.difference());
  EXPECT_TRUE(bottleneck.changed());
}

TEST(Comparison, SitesOfOnePlanOnlyAreListedAndNoted) {
  const Comparison c = compare_plans(plan_a(), plan_b());
  const auto& y = figure(c, "y", "capex_musd");
  EXPECT_TRUE(y.a.present());
  EXPECT_FALSE(y.b.present());
  EXPECT_FALSE(y.difference());
  const auto& z = figure(c, "z", "capex_musd");
  EXPECT_FALSE(z.a.present());
  EXPECT_DOUBLE_EQ(*z.b.number, 20.0);
  // order: fleet, A's sites, then B's own
  std::vector<std::string> scopes;
  for (const auto& f : c.figures) {
    if (scopes.empty() || scopes.back() != f.scope) scopes.push_back(f.scope);
  }
  EXPECT_EQ(scopes,
            (std::vector<std::string>{"fleet", "x", "y", "z", "contract deal", "job pretrain"}));
  EXPECT_EQ(c.notes, (std::vector<std::string>{"site y is only in A", "site z is only in B"}));
}

TEST(Comparison, OverlaysNeedTheSameWeeks) {
  const Comparison same = compare_plans(plan_a(), plan_b());
  ASSERT_EQ(same.capacity.size(), 2u);  // the fleet and x (in both)
  EXPECT_EQ(same.capacity[0].scope, "fleet");
  EXPECT_EQ(same.capacity[1].b.p10, (std::vector<double>{0, 0, 72}));

  PlanFigures longer = plan_b();
  longer.week_ends.push_back(Date::from_ymd(2026, 2, 1));
  longer.runs = 200;
  longer.stamp.seed = 7;
  const Comparison c = compare_plans(plan_a(), longer);
  EXPECT_TRUE(c.capacity.empty());
  EXPECT_TRUE(c.week_ends.empty());
  ASSERT_GE(c.notes.size(), 3u);
  EXPECT_EQ(c.notes[0], "seeds differ (A 42, B 7): part of each difference is sampling noise");
  EXPECT_EQ(c.notes[1], "runs differ: A 100, B 200");
}

TEST(Comparison, APlanAgainstItselfChangesNothing) {
  const Comparison c = compare_plans(plan_a(), plan_a());
  for (const auto& f : c.figures) EXPECT_FALSE(f.changed()) << f.scope << " " << f.key;
  EXPECT_EQ(c.notes, (std::vector<std::string>{"A and B have the same inputs, seed and runs"}));
}

}  // namespace
}  // namespace rackscale::analysis
