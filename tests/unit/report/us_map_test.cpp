// The US map: the Albers USA projection against d3-geo's own numbers, cities inside their
// states, and the committed state outlines.

#include "rackscale/report/us_map.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace rackscale::report {
namespace {

struct City {
  const char* name;
  double latitude, longitude;
  const char* state;
  double x, y;  // d3.geoAlbersUsa().scale(1300).translate([487.5, 305]) in d3-geo 3.1
};

// Reference positions computed with d3-geo 3.1.1 (node, geoAlbersUsa as above).
const City kCities[] = {
    {"Abilene", 32.45, -99.73, "TX", 427.0156, 446.6591},
    {"Rayville", 32.47, -91.76, "LA", 578.7105, 445.7962},
    {"New Albany", 40.08, -82.81, "OH", 724.2164, 257.7048},
    {"Houston", 29.76, -95.37, "TX", 510.4238, 509.2402},
    {"Denver", 39.74, -104.99, "CO", 342.8523, 273.8668},
    {"Seattle", 47.61, -122.33, "WA", 97.6795, 46.2451},
    {"Miami", 25.76, -80.19, "FL", 822.7813, 572.5723},
    {"Chicago", 41.88, -87.63, "IL", 638.2125, 226.0693},
    {"Albany", 42.65, -73.75, "NY", 863.6939, 171.6585},
    {"Phoenix", 33.45, -112.07, "AZ", 197.3237, 399.7400},
    {"Fairbanks", 64.84, -147.72, "AK", 117.8350, 514.9260},
    {"Honolulu", 21.31, -157.86, "HI", 266.9240, 549.1204},
};

TEST(AlbersUsa, MatchesD3GeoForCitiesInTheLower48AlaskaAndHawaii) {
  for (const auto& c : kCities) {
    const auto p = albers_usa(c.latitude, c.longitude);
    ASSERT_TRUE(p.has_value()) << c.name;
    EXPECT_NEAR(p->x, c.x, 1e-3) << c.name;
    EXPECT_NEAR(p->y, c.y, 1e-3) << c.name;
  }
}

TEST(AlbersUsa, PlacesNothingOutsideItsFrames) {
  EXPECT_FALSE(albers_usa(51.5, -0.13).has_value());     // London
  EXPECT_FALSE(albers_usa(35.68, 139.69).has_value());   // Tokyo
  EXPECT_FALSE(albers_usa(19.43, -99.13).has_value());   // Mexico City
  EXPECT_FALSE(albers_usa(-33.87, 151.21).has_value());  // Sydney
}

// Rings of an "M x y l dx dy ... z" path.
std::vector<std::vector<MapPoint>> rings(std::string_view path) {
  std::vector<std::vector<MapPoint>> out;
  std::vector<double> numbers;
  char command = 0;
  double x = 0, y = 0;
  const auto flush = [&] {
    if (command == 'M') {
      x = numbers.at(0);
      y = numbers.at(1);
      out.push_back({{x, y}});
    } else if (command == 'l') {
      for (std::size_t i = 0; i + 1 < numbers.size(); i += 2) {
        x += numbers[i];
        y += numbers[i + 1];
        out.back().push_back({x, y});
      }
    }
    numbers.clear();
  };
  for (std::size_t i = 0; i < path.size();) {
    const char c = path[i];
    if (c == 'M' || c == 'l' || c == 'z') {
      flush();
      command = c;
      ++i;
    } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t end = i + 1;
      while (end < path.size() &&
             (std::isdigit(static_cast<unsigned char>(path[end])) || path[end] == '.')) {
        ++end;
      }
      numbers.push_back(std::stod(std::string(path.substr(i, end - i))));
      i = end;
    } else {
      ++i;
    }
  }
  flush();
  return out;
}

// Even-odd rule over all rings (holes and islands alike).
bool inside(const std::vector<std::vector<MapPoint>>& shape, MapPoint p) {
  bool in = false;
  for (const auto& ring : shape) {
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const auto& a = ring[i];
      const auto& b = ring[j];
      if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) {
        in = !in;
      }
    }
  }
  return in;
}

TEST(UsStates, CitiesLandInsideTheirOwnStateAndNoOther) {
  for (const auto& c : kCities) {
    const auto p = albers_usa(c.latitude, c.longitude);
    ASSERT_TRUE(p.has_value()) << c.name;
    std::vector<std::string> containing;
    for (const auto& s : us_states()) {
      if (inside(rings(s.path), *p)) containing.emplace_back(s.code);
    }
    EXPECT_EQ(containing, std::vector<std::string>{c.state}) << c.name;
  }
}

TEST(UsStates, AreTheFiftyStatesAndDcInTheFrameAndSmall) {
  const auto states = us_states();
  ASSERT_EQ(states.size(), 51u);
  std::set<std::string_view> codes;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const auto& s = states[i];
    codes.insert(s.code);
    if (i > 0) {
      EXPECT_LT(states[i - 1].code, s.code) << "sorted by USPS code";
    }
    EXPECT_EQ(s.fips.size(), 2u) << s.name;
    ASSERT_FALSE(s.path.empty()) << s.name;
    EXPECT_EQ(s.path.front(), 'M') << s.name;
    EXPECT_EQ(s.path.back(), 'z') << s.name;
    bytes += s.path.size();
    for (const auto& ring : rings(s.path)) {
      EXPECT_GE(ring.size(), 3u) << s.name;
      for (const auto& p : ring) {
        // us-atlas's own bounding box starts at x = -57.7: the far Aleutians lie west of the
        // frame and are cut off, as in every map drawn from this file.
        EXPECT_GE(p.x, s.code == "AK" ? -60.0 : 0.0) << s.name;
        EXPECT_LE(p.x, kUsMapWidth) << s.name;
        EXPECT_GE(p.y, 0.0) << s.name;
        EXPECT_LE(p.y, kUsMapHeight) << s.name;
      }
    }
  }
  EXPECT_EQ(codes.size(), 51u);
  EXPECT_TRUE(codes.count("DC"));
  EXPECT_TRUE(codes.count("AK"));
  EXPECT_TRUE(codes.count("HI"));
  EXPECT_LT(bytes, 150u * 1000u) << "the map data stays small";
}

TEST(UsMap, CircleAreaIsProportionalToTheValue) {
  const double r100 = us_map_circle_radius(100.0);
  const double r400 = us_map_circle_radius(400.0);
  EXPECT_NEAR(r400 / r100, 2.0, 1e-12);
  EXPECT_GT(us_map_circle_radius(0.0), 0.0) << "an empty site is still visible";
}

}  // namespace
}  // namespace rackscale::report
