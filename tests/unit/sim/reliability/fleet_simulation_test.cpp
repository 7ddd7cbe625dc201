// The site simulation against closed forms and by-hand rules: Daly's completion time and
// goodput under exponential failures with unlimited repair, interruption rates linear in job
// size, the Llama 3 calibration, redundant and non-redundant facility gear, crews and parts.

#include "rackscale/sim/reliability/fleet_simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/model/reliability.hpp"
#include "rackscale/sim/reliability/checkpoint_model.hpp"
#include "reliability_test_util.hpp"

namespace rackscale::sim {
namespace {

using model::ComponentType;
using model::RecoveryPath;
using test::enable;
using test::job;
using test::mean_and_se;

std::size_t idx(ComponentType t) {
  return static_cast<std::size_t>(t);
}

// 64 one-GPU units, a 16-unit job; only GPUs fail (job MTBF 2 h); swaps take 0.5 h with
// unlimited crews and parts, so about one unit is down and the 48 spares never run out.
SiteRunInput daly_case() {
  SiteRunInput in;
  in.fleet = test::small_fleet(64, 1, 1);
  in.rates = test::no_failures();
  enable(in.rates, ComponentType::Gpu, 32.0, RecoveryPath::Swap, 0.5);
  in.jobs.push_back(job("j", 16, 16, 0.5, 0.05, 0.1));
  in.crews.unlimited = true;
  in.parts.unlimited = true;
  return in;
}

TEST(FleetSimulation, CompletionTimeMatchesDaly) {
  SiteRunInput in = daly_case();
  in.jobs[0].work_h = 20.0;  // 40 intervals of 0.5 h
  in.horizon_h = 400.0;
  // Daly (2006): T = M e^{R/M} (e^{(tau+delta)/M} - 1) W / tau = 26.621 h.
  const double expected = daly_expected_wall_time(20.0, 0.5, 0.05, 0.1, 2.0);
  EXPECT_NEAR(expected, 26.6208, 1e-3);
  std::vector<double> done;
  for (int run = 0; run < 400; ++run) {
    SiteRunResult r = simulate_site(in, 7, run);
    ASSERT_TRUE(r.jobs[0].done_h.has_value()) << "run " << run;
    EXPECT_DOUBLE_EQ(r.jobs[0].useful_h, 20.0);
    EXPECT_DOUBLE_EQ(r.jobs[0].waiting_h, 0.0);  // spares never ran out
    done.push_back(*r.jobs[0].done_h);
  }
  const auto [mean, se] = mean_and_se(done);
  EXPECT_NEAR(mean, expected, 3.5 * se) << "mean " << mean << " se " << se;
}

TEST(FleetSimulation, GoodputMatchesDaly) {
  SiteRunInput in = daly_case();
  in.horizon_h = 2000.0;
  const double expected = daly_goodput(0.5, 0.05, 0.1, 2.0);  // 0.7512
  std::vector<double> goodput;
  for (int run = 0; run < 60; ++run) {
    const JobRunResult j = simulate_site(in, 11, run).jobs[0];
    // Every hour is accounted for.
    EXPECT_NEAR(j.useful_h + j.checkpoint_h + j.lost_h + j.restart_h + j.waiting_h, j.wall_h, 1e-6);
    goodput.push_back(j.useful_h / j.wall_h);
  }
  const auto [mean, se] = mean_and_se(goodput);
  // The last, unfinished interval is lost at the horizon: at most (tau + delta) / T low.
  const double edge = 0.55 / 2000.0;
  EXPECT_NEAR(mean, expected, 3.5 * se + edge) << "mean " << mean << " se " << se;
}

TEST(FleetSimulation, InterruptionRateScalesLinearlyWithJobSize) {
  auto rate = [](int units) {
    SiteRunInput in = daly_case();
    in.fleet = test::small_fleet(units + 48, 1, 1);
    in.rates[ComponentType::Gpu].mtbf_h = 400.0;
    in.jobs[0] = job("j", units, units, 0.5, 0.05, 0.1);
    in.horizon_h = 1000.0;
    double interruptions = 0.0, exposure = 0.0;
    for (int run = 0; run < 20; ++run) {
      const JobRunResult j = simulate_site(in, 3, run).jobs[0];
      interruptions += static_cast<double>(j.interruptions);
      exposure += j.exposure_h;
    }
    return std::pair{interruptions / exposure, std::sqrt(interruptions) / exposure};
  };
  const auto [r8, se8] = rate(8);
  const auto [r32, se32] = rate(32);
  const auto [r128, se128] = rate(128);
  // K GPUs of MTBF 400 h: K / 400 interruptions per hour of exposure.
  EXPECT_NEAR(r8, 8.0 / 400.0, 4.0 * se8);
  EXPECT_NEAR(r32, 32.0 / 400.0, 4.0 * se32);
  EXPECT_NEAR(r128, 128.0 / 400.0, 4.0 * se128);
  EXPECT_NEAR(r128 / r8, 16.0, 4.0 * 16.0 * std::hypot(se8 / r8, se128 / r128));
}

TEST(FleetSimulation, ReproducesTheLlama3InterruptionCount) {
  // 2,048 HGX H100 nodes (16,384 GPUs) for 54 days with the default rates, no facility gear,
  // ample spares and unlimited crews and parts: 419 interruptions per 1,296 h of exposure.
  SiteRunInput in;
  in.fleet = test::small_fleet(600, 4, 8);
  in.rates = default_component_rates();
  in.jobs.push_back(job("llama3", 2048, 16384, 1.0, 2.0 / 60, 10.0 / 60));
  in.crews.unlimited = true;
  in.parts.unlimited = true;
  in.horizon_h = kLlama3Hours;
  double interruptions = 0.0, exposure = 0.0;
  const int runs = 20;
  for (int run = 0; run < runs; ++run) {
    const JobRunResult j = simulate_site(in, 2024, run).jobs[0];
    EXPECT_DOUBLE_EQ(j.waiting_h, 0.0);
    interruptions += static_cast<double>(j.interruptions);
    exposure += j.exposure_h;
  }
  const double per_54_days = interruptions / exposure * kLlama3Hours;
  const double se = std::sqrt(interruptions) / exposure * kLlama3Hours;
  EXPECT_NEAR(per_54_days, 419.0, 3.5 * se) << "se " << se;
}

// Llama 3 (Dubey et al. 2024, §3.3.4): more than 90% effective training time on 16,384 H100
// over 54 days with 419 unexpected interruptions. With the default checkpoint write and restart
// of model::ReliabilityJob and Daly's interval for the published MTBF (1,296 h / 419 = 3.093 h),
// Daly's closed form gives 0.933 (by hand: tau = 0.1292 h; overhead delta / tau + (tau / 2 + R)
// / M = 0.0215 + 0.0478, so about 0.93). The simulation, with ample spares, unlimited crews and
// parts, must land on that closed form and above the published 0.90. Repairs wait for no one here;
// the gap to a real campus (crews, parts, lemon nodes) is discussed in docs/models/reliability.md.
TEST(FleetSimulation, Llama3EffectiveTrainingTimeWithDefaultCheckpointing) {
  const model::ReliabilityJob defaults;
  const double write_h = defaults.checkpoint_write.in(units::h);
  const double restart_h = defaults.restart.in(units::h);
  const double published_mtbf_h = kLlama3Hours / 419.0;
  const double interval_h = daly_interval(write_h, published_mtbf_h);
  const double expected = daly_goodput(interval_h, write_h, restart_h, published_mtbf_h);
  EXPECT_NEAR(expected, 0.933, 0.001);
  SiteRunInput in;
  in.fleet = test::small_fleet(600, 4, 8);
  in.rates = default_component_rates();
  in.jobs.push_back(job("llama3", 2048, 16384, interval_h, write_h, restart_h));
  in.crews.unlimited = true;
  in.parts.unlimited = true;
  in.horizon_h = kLlama3Hours;
  std::vector<double> goodput;
  for (int run = 0; run < 20; ++run) {
    const JobRunResult j = simulate_site(in, 2024, run).jobs[0];
    EXPECT_DOUBLE_EQ(j.waiting_h, 0.0);
    goodput.push_back(j.useful_h / j.wall_h);
  }
  const auto [mean, se] = mean_and_se(goodput);
  // The unfinished interval at the horizon is lost: at most (tau + delta) / T low.
  EXPECT_NEAR(mean, expected, 3.5 * se + (interval_h + write_h) / kLlama3Hours)
      << "mean " << mean << " se " << se;
  EXPECT_GT(mean, 0.90);
}

// 20 one-GPU units, a 10-unit job, GPUs restarting in exactly 2 h (no crew). With every unit
// outside the job a spare (spare_units empty) a failed unit is replaced at once: no waiting.
// With a declared pool of 0 the 10 other units idle and are never swapped in: after each
// interruption the job waits the whole 2 h for its own unit, so waiting >= 2 h per
// interruption but the last (which the horizon may cut short).
TEST(FleetSimulation, OnlyTheDeclaredSparePoolIsSwappedIn) {
  SiteRunInput in;
  in.fleet = test::small_fleet(20, 1, 1);
  in.rates = test::no_failures();
  enable(in.rates, ComponentType::Gpu, 200.0, RecoveryPath::Restart, 2.0);
  in.jobs.push_back(job("j", 10, 10, 1.0, 0.0, 0.1));
  in.crews.unlimited = true;
  in.parts.unlimited = true;
  in.horizon_h = 2000.0;
  const JobRunResult all = simulate_site(in, 9, 0).jobs[0];
  EXPECT_GT(all.interruptions, 50u);  // 10 GPUs of MTBF 200 h over 2,000 h: about 100
  EXPECT_DOUBLE_EQ(all.waiting_h, 0.0);
  in.spare_units = 0;
  const JobRunResult none = simulate_site(in, 9, 0).jobs[0];
  ASSERT_GT(none.interruptions, 50u);
  EXPECT_GE(none.waiting_h, 2.0 * static_cast<double>(none.interruptions - 1) - 1e-9);
  in.spare_units = 11;  // more than the fleet holds past the job
  EXPECT_THROW(simulate_site(in, 9, 0), Error);
}

TEST(FleetSimulation, WeibullComponentsRenewAtTheirMeanRate) {
  // 50 GPUs, Weibull shape 2 with mean 100 h, restarted at once: N(T)/T -> 50 / 100 per hour.
  SiteRunInput in;
  in.fleet = test::small_fleet(50, 1, 1);
  in.rates = test::no_failures();
  enable(in.rates, ComponentType::Gpu, 100.0, RecoveryPath::Restart, 0.0);
  in.rates[ComponentType::Gpu].weibull_shape = 2.0;
  in.jobs.push_back(job("j", 10, 10, 1.0, 0.0, 0.0));
  in.crews.unlimited = true;
  in.horizon_h = 20'000.0;
  const SiteRunResult r = simulate_site(in, 5, 0);
  const double failures = static_cast<double>(r.failures[idx(ComponentType::Gpu)]);
  EXPECT_NEAR(failures / in.horizon_h, 0.5, 0.02 * 0.5);
  // The job's 10 GPUs see a fifth of them; nothing goes down (no repair time).
  EXPECT_NEAR(static_cast<double>(r.jobs[0].interruptions), failures / 5.0, 0.06 * failures / 5.0);
  EXPECT_EQ(r.max_units_down, 0u);
}

// Infant mortality: new GPUs with a decreasing hazard, Weibull shape k = 0.7 (the typical shape
// of solid-state electronics in Barringer's Weibull database; docs/models/reliability.md, Limits)
// and a mean of 1,000 h, so lambda = 1,000 / Gamma(1 + 1/0.7). A repair longer than the horizon
// keeps each failed GPU down, so each of the N units fails at most once in [0, t]: the expected
// count is N (1 - exp(-(t / lambda)^k)), the cumulative hazard N (t / lambda)^k to first order.
// 2,000 GPUs, t = 50 h: (50 / 790.0)^0.7 = 0.1449, 269.7 failures a run, against 97.5 for
// exponential failures of the same mean (2,000 x (1 - e^{-0.05})): early failures triple.
TEST(FleetSimulation, InfantMortalityMatchesTheWeibullCumulativeHazard) {
  constexpr int kUnits = 2000;
  constexpr double kShape = 0.7, kMean = 1000.0, kHorizon = 50.0;
  SiteRunInput in;
  in.fleet = test::small_fleet(kUnits, 1, 1);
  in.rates = test::no_failures();
  enable(in.rates, ComponentType::Gpu, kMean, RecoveryPath::Restart, 1e6);
  in.rates[ComponentType::Gpu].weibull_shape = kShape;
  in.jobs.push_back(job("j", 10, 10, 1.0, 0.0, 0.0));
  in.crews.unlimited = true;
  in.horizon_h = kHorizon;
  const double lambda = kMean / std::tgamma(1.0 + 1.0 / kShape);
  const double first_failure = 1.0 - std::exp(-std::pow(kHorizon / lambda, kShape));
  constexpr int kRuns = 10;
  double failures = 0.0;
  for (int run = 0; run < kRuns; ++run) {
    failures += static_cast<double>(simulate_site(in, 11, run).failures[idx(ComponentType::Gpu)]);
  }
  const double expected = kRuns * kUnits * first_failure;
  const double se = std::sqrt(kRuns * kUnits * first_failure * (1.0 - first_failure));
  EXPECT_NEAR(expected / kRuns, 269.7, 0.1);
  EXPECT_NEAR(failures, expected, 4.0 * se) << "failures " << failures << " se " << se;
  const double exponential = kRuns * kUnits * (1.0 - std::exp(-kHorizon / kMean));
  EXPECT_GT(failures, 2.5 * exponential);
}

TEST(FleetSimulation, NvlinkTrayFailureStopsTheWholeRackUnit) {
  // NVL72-like: 18 trays of 4 GPUs per rack, the rack is the unit, 9 NVLink trays per rack.
  SiteRunInput in;
  in.fleet = test::small_fleet(12, 18, 4);
  in.fleet.nodes_per_unit = 18;
  in.fleet.nvlink_trays_per_rack = 9;
  in.rates = test::no_failures();
  enable(in.rates, ComponentType::NvlinkSwitchTray, 900.0, RecoveryPath::Swap, 1.0);
  in.jobs.push_back(job("j", 8, 8 * 72, 1.0, 0.0, 0.0));
  in.crews.unlimited = true;
  in.parts.unlimited = true;
  in.horizon_h = 5000.0;
  double interruptions = 0.0, exposure = 0.0;
  for (int run = 0; run < 10; ++run) {
    const SiteRunResult r = simulate_site(in, 9, run);
    EXPECT_EQ(r.rack_stops, r.failures[idx(ComponentType::NvlinkSwitchTray)]);
    interruptions += static_cast<double>(r.jobs[0].interruptions);
    exposure += r.jobs[0].exposure_h;
  }
  // 8 racks x 9 trays / 900 h = 0.08 per hour.
  EXPECT_NEAR(interruptions / exposure, 0.08, 4.0 * std::sqrt(interruptions) / exposure);
}

// Four racks of two nodes, each rack one unit; `cdus` groups over all four racks.
SiteRunInput cdu_case(int needed, int installed, double mtbf_h, double repair_h) {
  SiteRunInput in;
  in.fleet = test::small_fleet(4, 2, 4);
  in.fleet.nodes_per_unit = 2;
  FacilityGroupSpec g;
  g.type = ComponentType::Cdu;
  g.needed = needed;
  g.installed = installed;
  g.first_rack = 0;
  g.rack_count = 4;
  g.label = "CDU";
  in.fleet.facility.push_back(g);
  in.rates = test::no_failures();
  in.rates[ComponentType::Cdu].mtbf_h = mtbf_h;
  in.rates[ComponentType::Cdu].repair = model::RepairTime::fixed(repair_h * units::h);
  in.crews.unlimited = true;
  in.parts.unlimited = true;
  return in;
}

TEST(FleetSimulation, ARedundantCduNeverStopsAJobAlone) {
  // N+1: one CDU of two carries all four racks; repairs of 3 minutes never overlap here.
  SiteRunInput in = cdu_case(1, 2, 500.0, 0.05);
  in.jobs.push_back(job("j", 4, 32, 1.0, 0.0, 0.1));
  in.horizon_h = 20'000.0;
  for (int run = 0; run < 5; ++run) {
    const SiteRunResult r = simulate_site(in, 1, run);
    EXPECT_GT(r.failures[idx(ComponentType::Cdu)], 40u);
    EXPECT_EQ(r.facility_stops[idx(ComponentType::Cdu)], 0u);
    EXPECT_EQ(r.rack_stops, 0u);
    EXPECT_EQ(r.jobs[0].interruptions, 0u);
    EXPECT_DOUBLE_EQ(r.unit_availability, 1.0);
  }
}

TEST(FleetSimulation, ANonRedundantCduStopsExactlyItsRacks) {
  // N with two CDUs: CDU 0 cools racks 0-1 (job a), CDU 1 racks 2-3 (job b); no spares.
  SiteRunInput in = cdu_case(2, 2, 200.0, 5.0);
  in.jobs.push_back(job("a", 2, 16, 1.0, 0.0, 0.1));
  in.jobs.push_back(job("b", 2, 16, 1.0, 0.0, 0.1));
  in.horizon_h = 5000.0;
  for (int run = 0; run < 5; ++run) {
    const SiteRunResult r = simulate_site(in, 2, run);
    const std::uint64_t failures = r.failures[idx(ComponentType::Cdu)];
    EXPECT_GT(failures, 20u);
    EXPECT_EQ(r.facility_stops[idx(ComponentType::Cdu)], failures);
    EXPECT_EQ(r.rack_stops, 2 * failures);  // each failure stops its two racks
    // One interruption per failure, of the one job on those racks, charged to the CDU.
    EXPECT_EQ(r.jobs[0].interruptions + r.jobs[1].interruptions, failures);
    EXPECT_EQ(r.jobs[0].interruptions_by_cause[idx(ComponentType::Cdu)], r.jobs[0].interruptions);
    // Each job waits while its CDU is down: about failures/2 x 5 h.
    EXPECT_GT(r.jobs[0].waiting_h, 0.0);
  }
}

TEST(FleetSimulation, A2NPairStopsOnlyWhenBothSidesAreDown) {
  SiteRunInput in = cdu_case(1, 2, 100.0, 20.0);
  in.fleet.facility[0].type = ComponentType::Busway;
  in.fleet.facility[0].paired = true;
  in.rates[ComponentType::Busway] = in.rates[ComponentType::Cdu];
  in.rates[ComponentType::Busway].type = ComponentType::Busway;
  in.rates[ComponentType::Busway].scope = ComponentScope::Facility;
  in.rates[ComponentType::Cdu].mtbf_h = std::numeric_limits<double>::infinity();
  in.jobs.push_back(job("j", 4, 32, 1.0, 0.0, 0.1));
  in.horizon_h = 10'000.0;
  const SiteRunResult r = simulate_site(in, 4, 0);
  const auto failures = r.failures[idx(ComponentType::Busway)];
  const auto stops = r.facility_stops[idx(ComponentType::Busway)];
  // With 20 h repairs every 100 h, about a fifth of failures find the other side down.
  EXPECT_GT(stops, 0u);
  EXPECT_LT(2 * stops, failures);
  EXPECT_EQ(r.jobs[0].interruptions, stops);
  EXPECT_EQ(r.rack_stops, 4 * stops);
}

TEST(FleetSimulation, CrewsAndPartsMakeRepairsWait) {
  SiteRunInput in;
  in.fleet = test::small_fleet(20, 4, 8);
  in.rates = test::no_failures();
  enable(in.rates, ComponentType::Gpu, 2000.0, RecoveryPath::Swap, 4.0);
  in.jobs.push_back(job("j", 40, 320, 1.0, 0.02, 0.1));
  in.horizon_h = 2000.0;
  in.crews.technicians = 1;
  in.crews.shifts_per_day = 1;
  in.parts.stock = 0;  // every part is ordered on demand
  in.parts.restock_lead_h = 48.0;
  const SiteRunResult r = simulate_site(in, 8, 0);
  EXPECT_GT(r.crew_jobs, 100u);
  EXPECT_GT(r.mean_crew_wait_h, 0.0);
  EXPECT_GT(r.crew_utilization, 0.0);
  EXPECT_LE(r.crew_utilization, 1.0);
  EXPECT_DOUBLE_EQ(r.mean_part_wait_h, 48.0);
  // Ample parts and crews: the same failures come back much faster.
  in.crews.unlimited = true;
  in.parts.unlimited = true;
  const SiteRunResult fast = simulate_site(in, 8, 0);
  EXPECT_LT(fast.mean_units_down, r.mean_units_down / 4.0);
  EXPECT_GT(fast.jobs[0].useful_h, r.jobs[0].useful_h);
  // Every finished swap used a part; swaps still under way at the horizon did not yet.
  std::uint64_t parts = 0;
  for (auto p : fast.parts_used) parts += p;
  EXPECT_LE(parts, fast.crew_jobs);
  EXPECT_GE(parts + 10, fast.crew_jobs);
}

TEST(FleetSimulation, ARunDependsOnlyOnSeedAndRun) {
  SiteRunInput in = daly_case();
  in.horizon_h = 300.0;
  const SiteRunResult a = simulate_site(in, 5, 3);
  const SiteRunResult b = simulate_site(in, 5, 3);
  const SiteRunResult c = simulate_site(in, 5, 4);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.jobs[0].interruptions, b.jobs[0].interruptions);
  EXPECT_DOUBLE_EQ(a.jobs[0].useful_h, b.jobs[0].useful_h);
  EXPECT_NE(a.jobs[0].useful_h, c.jobs[0].useful_h);
}

TEST(FleetSimulation, RejectsJobsLargerThanTheFleet) {
  SiteRunInput in = daly_case();
  in.jobs[0].units = 65;
  EXPECT_THROW(simulate_site(in, 1, 0), Error);
}

}  // namespace
}  // namespace rackscale::sim
