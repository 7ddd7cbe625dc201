// The climate engine: the parametric year reproduces its mean, amplitudes, phase and humidity;
// design conditions follow the 0.4 % rule; the sample weather files are what the generator makes.
//
// The sample files are regenerated with
//   RACKSCALE_UPDATE_WEATHER=1 build/release/tests/rackscale_tests --gtest_filter='SampleWeather.*'

#include "rackscale/design/climate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/io/epw_reader.hpp"

namespace rackscale::design {
namespace {

namespace u = rackscale::units;

model::ParametricClimate climate(double mean_c, double seasonal_k, double daily_k, double rh) {
  return model::ParametricClimate{u::Temperature::from_celsius(mean_c), seasonal_k * u::K,
                                  daily_k * u::K, rh};
}

double mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

// Mean of the hours of one month (1..12).
double month_mean(const std::vector<double>& v, int month) {
  double sum = 0.0;
  int n = 0;
  for (int i = 0; i < kHoursPerYear; ++i) {
    if (month_of_hour(i) == month) {
      sum += v[static_cast<std::size_t>(i)];
      ++n;
    }
  }
  return sum / n;
}

TEST(Calendar, MonthOfHour) {
  EXPECT_EQ(month_of_hour(0), 1);
  EXPECT_EQ(month_of_hour(31 * 24 - 1), 1);  // 31 January, hour 24
  EXPECT_EQ(month_of_hour(31 * 24), 2);      // 1 February, hour 1
  EXPECT_EQ(month_of_hour(59 * 24), 3);      // 1 March (31 + 28 days before it)
  EXPECT_EQ(month_of_hour(kHoursPerYear - 1), 12);
  int days = 0;
  for (int d : days_in_month()) days += d;
  EXPECT_EQ(days * 24, kHoursPerYear);
}

TEST(Climate, DailyShapeHasZeroMeanAndItsExtremesAtFiveAndFifteen) {
  double sum = 0.0;
  for (int h = 0; h < 24; ++h) sum += daily_shape(h);
  EXPECT_NEAR(sum, 0.0, 1e-12);  // half-cosines over 10 h and 14 h each sum to zero
  EXPECT_DOUBLE_EQ(daily_shape(5.0), -1.0);
  EXPECT_DOUBLE_EQ(daily_shape(15.0), 1.0);
  for (int h = 0; h < 24; ++h) {
    EXPECT_GE(daily_shape(h), -1.0);
    EXPECT_LE(daily_shape(h), 1.0);
  }
  // Rising 05:00 -> 15:00, falling 15:00 -> 05:00.
  EXPECT_LT(daily_shape(8.0), daily_shape(12.0));
  EXPECT_GT(daily_shape(18.0), daily_shape(23.0));
}

TEST(Climate, ParametricYearReproducesMeanAmplitudeAndPhase) {
  // Abilene-like: 18.5 C mean, 10 K seasonal, 7 K daily amplitude, 55 % RH.
  const Weather w = parametric_weather(climate(18.5, 10.0, 7.0, 0.55), 32.45);
  ASSERT_EQ(w.dry_bulb_c.size(), static_cast<std::size_t>(kHoursPerYear));
  ASSERT_EQ(w.wet_bulb_c.size(), w.dry_bulb_c.size());
  ASSERT_EQ(w.relative_humidity.size(), w.dry_bulb_c.size());
  // The seasonal cosine spans exactly one period in 8,760 samples and each day's 24 samples of
  // the daily shape sum to zero, so the mean is the annual mean.
  EXPECT_NEAR(mean(w.dry_bulb_c), 18.5, 0.01);
  // Extremes: mean +- (seasonal + daily) = 18.5 +- 17, minus what hourly sampling misses.
  const auto [lo, hi] = std::minmax_element(w.dry_bulb_c.begin(), w.dry_bulb_c.end());
  EXPECT_NEAR(*hi - *lo, 2.0 * (10.0 + 7.0), 0.1);
  EXPECT_NEAR(*hi, 18.5 + 17.0, 0.05);
  EXPECT_NEAR(*lo, 18.5 - 17.0, 0.05);
  // Phase: January is the coldest month and July the warmest in the north.
  EXPECT_LT(month_mean(w.dry_bulb_c, 1), month_mean(w.dry_bulb_c, 2));
  EXPECT_LT(month_mean(w.dry_bulb_c, 1), month_mean(w.dry_bulb_c, 12));
  EXPECT_GT(month_mean(w.dry_bulb_c, 7), month_mean(w.dry_bulb_c, 6));
  EXPECT_GT(month_mean(w.dry_bulb_c, 7), month_mean(w.dry_bulb_c, 8));
  // The coldest hour falls near 16 January at 05:00 (hour index 15 * 24 + 4), the warmest near
  // 17 July at 15:00 (15 + 182.5 days later).
  const int coldest = static_cast<int>(lo - w.dry_bulb_c.begin());
  const int warmest = static_cast<int>(hi - w.dry_bulb_c.begin());
  EXPECT_EQ(coldest % 24, 4);   // EPW hour 5 = 05:00
  EXPECT_EQ(warmest % 24, 14);  // EPW hour 15 = 15:00
  EXPECT_NEAR(coldest / 24.0, 15.0, 1.0);
  EXPECT_NEAR(warmest / 24.0, 15.0 + 182.5, 1.0);
}

TEST(Climate, ParametricPhaseFlipsSouthOfTheEquator) {
  const Weather south = parametric_weather(climate(15.0, 8.0, 5.0, 0.6), -33.9);
  EXPECT_GT(month_mean(south.dry_bulb_c, 1), month_mean(south.dry_bulb_c, 7));
  EXPECT_NEAR(mean(south.dry_bulb_c), 15.0, 0.01);
}

TEST(Climate, ParametricHumidity) {
  const Weather w = parametric_weather(climate(24.0, 10.5, 7.0, 0.30), 33.4);
  EXPECT_NEAR(mean(w.relative_humidity), 0.30, 1e-6);
  for (std::size_t i = 0; i < w.dry_bulb_c.size(); ++i) {
    EXPECT_LE(w.wet_bulb_c[i], w.dry_bulb_c[i]);
    EXPECT_LE(w.dew_point_c[i], w.wet_bulb_c[i] + 1e-9);
    EXPECT_GE(w.relative_humidity[i], 0.0);
    EXPECT_LE(w.relative_humidity[i], 1.0);
  }
  // The dew point is steady through the day, so RH peaks at dawn and dips in the afternoon.
  EXPECT_GT(w.relative_humidity[180 * 24 + 4], w.relative_humidity[180 * 24 + 14]);

  // Saturated climate: wet bulb = dry bulb every hour.
  const Weather fog = parametric_weather(climate(10.0, 5.0, 3.0, 1.0), 50.0);
  for (std::size_t i = 0; i < fog.dry_bulb_c.size(); ++i) {
    EXPECT_DOUBLE_EQ(fog.wet_bulb_c[i], fog.dry_bulb_c[i]);
    EXPECT_DOUBLE_EQ(fog.relative_humidity[i], 1.0);
  }
}

TEST(Climate, ParametricIsDeterministic) {
  const auto c = climate(12.0, 12.0, 5.5, 0.7);
  const Weather a = parametric_weather(c, 40.1);
  const Weather b = parametric_weather(c, 40.1);
  EXPECT_EQ(a.dry_bulb_c, b.dry_bulb_c);
  EXPECT_EQ(a.wet_bulb_c, b.wet_bulb_c);
  EXPECT_EQ(a.relative_humidity, b.relative_humidity);
}

TEST(Climate, ExceededValueFollowsTheZeroPointFourPercentRule) {
  // Values 1..8760: index floor(0.996 * 8760) = floor(8724.96) = 8724 holds 8725, and 35 hours
  // (8726..8760) lie above it: 35 / 8760 = 0.40 %.
  std::vector<double> v(kHoursPerYear);
  std::iota(v.begin(), v.end(), 1.0);
  std::reverse(v.begin(), v.end());
  EXPECT_DOUBLE_EQ(exceeded_value(v, 0.004), 8725.0);
  EXPECT_DOUBLE_EQ(exceeded_value(v, 0.0), 8760.0);
  EXPECT_DOUBLE_EQ(exceeded_value(v, 0.01), 8673.0);  // floor(0.99 * 8760) = 8672 -> 8673
}

TEST(Climate, DesignConditionsOfAParametricYear) {
  const Weather w = parametric_weather(climate(18.5, 10.0, 7.0, 0.55), 32.45);
  const DesignConditions d = design_conditions(w);
  // The 0.4 % dry bulb lies just below the peak of 35.5 C (35 hours above it, all in July
  // afternoons).
  EXPECT_LT(d.dry_bulb_c, 35.5);
  EXPECT_GT(d.dry_bulb_c, 34.5);
  EXPECT_LT(d.wet_bulb_c, d.dry_bulb_c);
  EXPECT_LE(d.coincident_wet_bulb_c, d.dry_bulb_c);
  int above = 0;
  for (double t : w.dry_bulb_c) above += t > d.dry_bulb_c ? 1 : 0;
  EXPECT_LE(above, 35);
}

// ---------------------------------------------------------------------------------------------
// Sample weather files (examples/weather/), synthetic, generated from these parameters.

// Header of a synthetic EPW file.
struct SyntheticSite {
  std::string city, state, country;
  double latitude_deg = 0.0, longitude_deg = 0.0, time_zone_h = 0.0, elevation_m = 0.0;
  int year = 2001;  // a non-leap year; 1 January 2001 was a Monday
};

// An EPW file holding a parametric year at the standard-atmosphere pressure of the site's
// elevation, labelled in its COMMENTS lines as synthetic, generated by rackscale from a
// parametric climate: the generator of the sample weather files.
io::EpwFile synthetic_epw(const model::ParametricClimate& climate, const SyntheticSite& site) {
  const double pressure = psychro::standard_pressure_pa(site.elevation_m);
  const Weather w = parametric_weather(climate, site.latitude_deg, pressure);
  const DesignConditions dc = design_conditions(w);
  const io::EpwLocation location{
      site.city,         site.state,         site.country,     "rackscale synthetic", "999999",
      site.latitude_deg, site.longitude_deg, site.time_zone_h, site.elevation_m};
  return io::epw_from_weather(
      w, location, site.year,
      "synthetic, generated by rackscale from a parametric climate (not measured data); fields "
      "11-35 (solar, wind, sky, precipitation) are not modeled",
      fmt::format("parametric climate: annual mean {} C, seasonal amplitude {} K, daily "
                  "amplitude {} K, mean relative humidity {}, standard-atmosphere pressure at {} "
                  "m; 0.4% dry bulb {:.1f} C, 0.4% wet bulb {:.1f} C",
                  climate.annual_mean.celsius(), climate.seasonal_amplitude.in(u::K),
                  climate.daily_amplitude.in(u::K), climate.relative_humidity, site.elevation_m,
                  dc.dry_bulb_c, dc.wet_bulb_c));
}

struct Sample {
  const char* file;
  model::ParametricClimate climate;
  SyntheticSite site;
};

std::vector<Sample> samples() {
  // Parameters chosen to resemble the named places roughly (assumption: rounded recollection of
  // their climate normals, not measured data); the files say they are synthetic.
  return {
      {"examples/weather/synthetic-hot-dry.epw", climate(24.0, 10.5, 7.0, 0.30),
       SyntheticSite{"Synthetic Hot-Dry (Phoenix-like)", "AZ", "USA", 33.43, -112.01, -7.0, 337.0,
                     2001}},
      {"examples/weather/synthetic-cold.epw", climate(2.5, 13.0, 3.5, 0.80),
       SyntheticSite{"Synthetic Cold (Lulea-like)", "Norrbotten", "SWE", 65.54, 22.12, 1.0, 17.0,
                     2001}},
  };
}

std::string path_of(const char* relative) {
  return std::string(RACKSCALE_SOURCE_DIR) + "/" + relative;
}

TEST(SampleWeather, FilesAreWhatTheGeneratorMakes) {
  const bool update = std::getenv("RACKSCALE_UPDATE_WEATHER") != nullptr;
  for (const Sample& s : samples()) {
    const io::EpwFile generated = synthetic_epw(s.climate, s.site);
    if (update) {
      std::ofstream(path_of(s.file), std::ios::binary) << io::format_epw(generated);
    }
    const io::EpwFile read = io::read_epw(path_of(s.file));
    ASSERT_EQ(read.records.size(), generated.records.size()) << s.file;
    // The file rounds to 0.1 C and 1 %; compare within the rounding (robust to last-bit
    // differences of the maths library).
    for (std::size_t i = 0; i < read.records.size(); ++i) {
      ASSERT_NEAR(read.records[i].dry_bulb_c, generated.records[i].dry_bulb_c, 0.0501) << i;
      ASSERT_NEAR(read.records[i].dew_point_c, generated.records[i].dew_point_c, 0.0501) << i;
      ASSERT_NEAR(read.records[i].relative_humidity_pct, generated.records[i].relative_humidity_pct,
                  0.501)
          << i;
    }
    EXPECT_EQ(read.comments_2, generated.comments_2);
  }
}

// The DATA PERIODS weekday of 1 January, checked against a calendar: 2001 and 2024 began on a
// Monday, 2023 on a Sunday, 1900 on a Monday, 2100 on a Friday.
TEST(SampleWeather, StartWeekdayIsThatOfFirstJanuary) {
  const Sample s = samples().front();
  const std::vector<std::pair<int, std::string>> years = {
      {2001, "Monday"}, {2024, "Monday"}, {2023, "Sunday"}, {1900, "Monday"}, {2100, "Friday"}};
  for (const auto& [year, weekday] : years) {
    SyntheticSite site = s.site;
    site.year = year;
    EXPECT_EQ(synthetic_epw(s.climate, site).start_weekday, weekday) << year;
  }
}

TEST(SampleWeather, WeatherFromEpwKeepsTheClimate) {
  for (const Sample& s : samples()) {
    const Weather w = io::weather_from_epw(io::read_epw(path_of(s.file)));
    const Weather p = parametric_weather(s.climate, s.site.latitude_deg,
                                         psychro::standard_pressure_pa(s.site.elevation_m));
    ASSERT_EQ(w.dry_bulb_c.size(), static_cast<std::size_t>(kHoursPerYear));
    EXPECT_NEAR(mean(w.dry_bulb_c), s.climate.annual_mean.celsius(), 0.01) << s.file;
    EXPECT_NEAR(mean(w.relative_humidity), s.climate.relative_humidity, 0.005) << s.file;
    // Wet bulb from the rounded dew point stays close to the parametric one: within 0.1 K above
    // 1 C, within 0.3 K near 0 C where rounding can move an hour between the ice and the water
    // forms of the equations.
    for (std::size_t i = 0; i < w.wet_bulb_c.size(); ++i) {
      ASSERT_NEAR(w.wet_bulb_c[i], p.wet_bulb_c[i], std::abs(p.wet_bulb_c[i]) > 1.0 ? 0.1 : 0.3)
          << i;
      ASSERT_LE(w.wet_bulb_c[i], w.dry_bulb_c[i]);
    }
    EXPECT_EQ(w.source, "epw: " + path_of(s.file));
  }
}

TEST(SampleWeather, FilesStayUnderOneMegabyte) {
  for (const Sample& s : samples()) {
    std::ifstream in(path_of(s.file), std::ios::binary | std::ios::ate);
    ASSERT_TRUE(in) << s.file;
    EXPECT_LT(static_cast<long long>(in.tellg()), 1000000LL) << s.file;
  }
}

}  // namespace
}  // namespace rackscale::design
