// Kept scans (BuildoutOptions::keep_scans): the daily scans keep their fixed part from day to day
// (an option's shortfall over its sites already ready, the sites still missing long-lead gear,
// the sites not settled yet with their wake days). The results must be those of scanning every
// site every day: compared field by field with keep_scans = false on the examples, with and
// without quiet days.

#include <gtest/gtest.h>

#include <string>

#include "buildout_test_util.hpp"

namespace rackscale {
namespace {

// Racks exercised over all options of all contracts of a run.
int exercised_racks(const sim::BuildoutRun& r) {
  int racks = 0;
  for (const auto& contract : r.contracts) {
    for (const int exercised : contract.exercised) racks += exercised;
  }
  return racks;
}

// Returns the racks exercised over the runs, so that the caller can check the options' scan was
// exercised.
int expect_same_as_full_scans(const std::string& path, int runs, bool skip_quiet_days) {
  SCOPED_TRACE(path);
  const test::BuildoutCase c(path);
  const sim::BuildoutModel kept(c.input(), {.daily = true, .skip_quiet_days = skip_quiet_days});
  const sim::BuildoutModel full(
      c.input(), {.daily = true, .skip_quiet_days = skip_quiet_days, .keep_scans = false});
  int exercised = 0;
  for (int run = 0; run < runs; ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    const sim::BuildoutRun a = kept.run(11, run);
    test::expect_same_run(a, full.run(11, run));
    exercised += exercised_racks(a);
  }
  return exercised;
}

TEST(BuildoutKeptScans, SameResultsAsFullScansOnTheExamples) {
  // Options, long-lead and network gear (flagship, national); factory operations and buyers'
  // decisions (deal-factory); bridging power (power_site).
  for (const bool skip : {true, false}) {
    SCOPED_TRACE(skip ? "skipping quiet days" : "day by day");
    EXPECT_GT(expect_same_as_full_scans(test::example_path("flagship.yaml"), 6, skip), 0);
    expect_same_as_full_scans(test::example_path("deal-factory.yaml"), 6, skip);
    expect_same_as_full_scans(test::data_path("power_site.yaml"), 4, skip);
    EXPECT_GT(expect_same_as_full_scans(test::example_path("national.yaml"), 2, skip), 0);
  }
}

}  // namespace
}  // namespace rackscale
