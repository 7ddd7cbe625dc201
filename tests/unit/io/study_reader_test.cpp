// Study files: parameters resolved against the base scenario (every value a path names, with
// its base text), and errors with file:line:col for a malformed study or a path that names
// nothing.

#include "rackscale/io/study_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "rackscale/core/error.hpp"

namespace io = rackscale::io;

namespace {

//! Writes `text` as study.yaml in a fresh folder; its scenario: is the flagship, absolute.
std::string write_study(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("rackscale-study-reader-" + name);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "study.yaml").string();
  std::ofstream(path) << "rackscale: 1\nname: " << name << "\nscenario: " << RACKSCALE_SOURCE_DIR
                      << "/examples/flagship.yaml\n"
                      << text;
  return path;
}

std::string error_of(const std::string& path) {
  try {
    io::read_study_file(path);
  } catch (const rackscale::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(StudyReader, ResolvesWildcardPathsToEveryValueWithItsBaseText) {
  const std::string path = write_study("wildcards", R"(runs: 10
design: grid
parameters:
  - name: grid-delay
    path: sites[*].grid[*].date
    shift: {min: 0 weeks, max: 52 weeks}
    levels: 3
  - name: ramp
    path: factories[houston-integration].ramp[*].rate
    scale: {min: 0.5, max: 1.5}
    levels: 2
)");
  const io::StudySpec spec = io::read_study_file(path);
  ASSERT_EQ(spec.parameters.size(), 2u);
  // The flagship has 3 + 2 + 2 grid steps (abilene-tx, richland-la, new-albany-oh).
  const auto& grid = spec.parameters[0].targets;
  ASSERT_EQ(grid.size(), 7u);
  EXPECT_EQ(grid[0].path, "sites[0].grid[0].date");
  EXPECT_EQ(grid[0].base_text, "2026-06-01");
  EXPECT_EQ(grid[6].path, "sites[2].grid[1].date");
  EXPECT_DOUBLE_EQ(spec.parameters[0].max, 52.0);  // [weeks]
  const auto& ramp = spec.parameters[1].targets;
  ASSERT_EQ(ramp.size(), 3u);
  EXPECT_EQ(ramp[1].path, "factories[0].ramp[1].rate");
  EXPECT_EQ(ramp[1].base_text, "1500 racks/week");
  EXPECT_EQ(spec.metric, "gpu_weeks");
  EXPECT_EQ(spec.runs, 10);
}

TEST(StudyReader, APathThatNamesNothingIsAnErrorAtTheStudyLine) {
  const std::string path = write_study("nothing", R"(runs: 10
design: one-at-a-time
parameters:
  - name: tariff
    path: sites[abilene-tx].tarif
    range: {min: 50 USD/MWh, max: 80 USD/MWh}
    levels: 2
)");
  const std::string message = error_of(path);
  // Line 8 of the file (3 header lines + 5), column 11: the path's value.
  EXPECT_NE(message.find(path + ":8:11: error: parameters[0].path:"), std::string::npos) << message;
  EXPECT_NE(message.find("names nothing"), std::string::npos) << message;
  EXPECT_NE(message.find("sites[0] has no key \"tarif\""), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean \"tariff\"?"), std::string::npos) << message;
}

TEST(StudyReader, ReportsEveryProblemAtOnce) {
  const std::string path = write_study("many", R"(design: latin-hypercube
parameters:
  - name: a
    path: sites[0].grid[0].capacity
    shift: {min: 0 weeks, max: 4 weeks}
  - name: b
    path: sites[9].tariff
    values: [50 USD/MWh]
  - name: c
    path: sites[0].tariff
    scale: {min: 1.5, max: 0.5}
    range: {min: 1, max: 2}
)");
  const std::string message = error_of(path);
  EXPECT_NE(message.find("runs"), std::string::npos) << message;    // missing
  EXPECT_NE(message.find("points"), std::string::npos) << message;  // missing for LHS
  EXPECT_NE(message.find("not a date to shift"), std::string::npos) << message;
  EXPECT_NE(message.find("has no item 9"), std::string::npos) << message;
  EXPECT_NE(message.find("one of values, range, shift or scale"), std::string::npos) << message;
  EXPECT_NE(message.find("5 errors"), std::string::npos) << message;
}
