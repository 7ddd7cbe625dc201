#include "rackscale/design/site_power_schedule.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "rackscale/core/random.hpp"
#include "rackscale/core/unit_parser.hpp"
#include "rackscale/sim/buildout/buildout_sampling.hpp"

namespace u = rackscale::units;
using rackscale::Date;
using rackscale::model::DurationDistribution;
using Kind = rackscale::model::DurationDistribution::Kind;

namespace {

template <class Q>
Q parse(const char* text) {
  return std::get<Q>(u::parse<Q>(text));
}

DurationDistribution fixed(double days) {
  return {Kind::Fixed, days * u::day, {}, {}};
}
DurationDistribution uniform(double lo, double hi) {
  return {Kind::Uniform, lo * u::day, hi * u::day, {}};
}

Date date(const char* text) {
  return *Date::parse(text);
}

// A site whose power is an interconnection of five fixed stages filed on 2026-03-01.
rackscale::model::Site fixed_stage_site() {
  rackscale::model::Site site;
  rackscale::model::Interconnection interconnection;
  interconnection.requested = date("2026-03-01");
  interconnection.capacity = 500.0 * u::MW;
  // 8 weeks, 26 weeks, 10 days, 365 days, 30.5 days (rounded up to 31): 644 days.
  interconnection.stages = {fixed(56), fixed(182), fixed(10), fixed(365), fixed(30.5)};
  site.power = rackscale::model::SitePower{interconnection, {}, std::nullopt};
  return site;
}

}  // namespace

TEST(SitePowerSchedule, SumOfFixedStagesGivesTheExactDate) {
  const auto site = fixed_stage_site();
  // 2026-03-01 + 644 days: 306 days to 2027-01-01, then day 339 of 2027 = 5 December.
  const Date energized = date("2027-12-05");
  const Date start = date("2026-03-01");
  const int day = energized.days_since(start);
  ASSERT_EQ(day, 644);
  for (double quantile : {0.1, 0.5, 0.9}) {
    EXPECT_EQ(rackscale::design::interconnection_days(*site.power->interconnection, quantile), 644);
    const auto mw = rackscale::design::grid_mw_by_period(site, start, 700, 1.0, quantile);
    EXPECT_EQ(mw[643], 0.0);
    EXPECT_EQ(mw[644], 500.0);
    EXPECT_EQ(mw[699], 500.0);
  }
}

TEST(SitePowerSchedule, MedianOfUniformStagesBySymmetry) {
  // Draws are rounded up to whole days: U[0, 10] gives 1..10 and U[0, 20] gives 1..20, each
  // equally likely; their sum is symmetric about 5.5 + 10.5 = 16, so its median is 16.
  EXPECT_EQ(rackscale::design::sum_quantile_days({uniform(0, 10), uniform(0, 20)}, 0.5), 16);
  // One uniform on [0, 100] days: P(days <= k) = k / 100, so the 10% quantile is 10 days.
  EXPECT_EQ(rackscale::design::sum_quantile_days({uniform(0, 100)}, 0.1), 10);
  EXPECT_EQ(rackscale::design::sum_quantile_days({uniform(0, 100)}, 1.0), 100);
}

TEST(SitePowerSchedule, ConvolutionMatchesTheBuildoutDraws) {
  // An independent method: the build-out's own draws (sim::sample_days) of a triangular plus a
  // lognormal stage; the share of sums at or below the convolution's quantile is the quantile.
  const DurationDistribution triangular{Kind::Triangular, 20 * u::day, 60 * u::day, 200 * u::day};
  const DurationDistribution lognormal{Kind::Lognormal, 300 * u::day, 600 * u::day, {}};
  constexpr int kDraws = 40000;
  auto rng = rackscale::Rng::for_stream(7, 0, rackscale::stream_kind("test.site_power"), 0);
  std::vector<int> sums;
  for (int i = 0; i < kDraws; ++i) {
    sums.push_back(rackscale::sim::sample_days(triangular, rng) +
                   rackscale::sim::sample_days(lognormal, rng));
  }
  for (double quantile : {0.1, 0.5, 0.9}) {
    const int q = rackscale::design::sum_quantile_days({triangular, lognormal}, quantile);
    const auto below =
        static_cast<double>(std::count_if(sums.begin(), sums.end(), [&](int s) { return s <= q; }));
    // Binomial standard error at 40,000 draws is at most 0.0025: allow 4 of them.
    EXPECT_NEAR(below / kDraws, quantile, 0.01) << quantile;
  }
}

TEST(SitePowerSchedule, FlexibleCountsCapacityTimesAvailabilityBeforeTheFirmDate) {
  auto site = fixed_stage_site();
  site.power->interconnection->stages = {fixed(100), fixed(0), fixed(0), fixed(0), fixed(0)};
  site.power->flexible = rackscale::model::FlexibleConnection{200.0 * u::MW, 40 * u::day, 0.98};
  const auto mw = rackscale::design::grid_mw_by_period(site, date("2026-03-01"), 120, 1.0, 0.5);
  EXPECT_EQ(mw[59], 0.0);
  EXPECT_DOUBLE_EQ(mw[60], 196.0);  // 200 MW x 0.98
  EXPECT_DOUBLE_EQ(mw[99], 196.0);
  EXPECT_EQ(mw[100], 500.0);  // the firm connection replaces the flexible one
}

TEST(SitePowerSchedule, GridStepsAddToTheInterconnection) {
  auto site = fixed_stage_site();
  site.grid = {{date("2026-03-08"), 50.0 * u::MW, fixed(0)}};
  const auto mw = rackscale::design::grid_mw_by_period(site, date("2026-03-01"), 93, 7.0, 0.5);
  EXPECT_EQ(mw[0], 0.0);
  EXPECT_EQ(mw[1], 50.0);
  EXPECT_EQ(mw[92], 550.0);  // day 644 is the first day of period 92
  EXPECT_EQ(mw[91], 50.0);
}

TEST(SitePowerSchedule, BridgingFromOrderPlusLeadTime) {
  auto site = fixed_stage_site();
  rackscale::model::Bridging block;
  block.capacity = 100.0 * u::MW;
  block.ordered = date("2026-03-01");
  block.lead_time = uniform(0, 100);  // 90% quantile: 90 days
  site.power->bridging = {block, block};
  const auto mw = rackscale::design::bridging_mw_by_period(site, date("2026-03-01"), 120, 1.0, 0.9);
  EXPECT_EQ(mw[89], 0.0);
  EXPECT_EQ(mw[90], 200.0);
}

TEST(SitePowerSchedule, FuelCostIsHeatRateTimesFuelPrice) {
  rackscale::model::BridgingFigures gas;
  gas.heat_rate = parse<u::EnergyRatio>("9500 Btu/kWh");
  gas.fuel_price = parse<u::EnergyPrice>("3.5 USD/MMBtu");
  gas.variable_om = parse<u::EnergyPrice>("5 USD/MWh");
  gas.emissions = parse<u::EmissionRate>("1100 lb/MWh");
  // 9500 Btu/kWh = 9.5 MMBtu/MWh; x 3.5 USD/MMBtu = 33.25 USD/MWh; + 5 USD/MWh O&M.
  EXPECT_NEAR(rackscale::model::fuel_cost_per_energy(gas).in(u::USD_per_MWh), 33.25, 1e-9);
  EXPECT_NEAR(rackscale::design::bridging_energy_usd_per_mwh(gas), 38.25, 1e-9);
  // 1100 lb x 0.45359237 kg/lb = 498.95 kg.
  EXPECT_NEAR(rackscale::design::bridging_carbon_t_per_mwh(gas), 0.49895161, 1e-8);
}
