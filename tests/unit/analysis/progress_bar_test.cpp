#include "rackscale/analysis/progress_bar.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "rackscale/analysis/montecarlo.hpp"

namespace {

using rackscale::analysis::format_progress;
using rackscale::analysis::ProgressBar;

TEST(FormatProgress, Text) {
  EXPECT_EQ(format_progress(512, 1000, 1.2, 10), "[#####.....] 512/1000 runs 1.2 s");
  EXPECT_EQ(format_progress(0, 1000, 0, 10), "[..........] 0/1000 runs 0.0 s");
  EXPECT_EQ(format_progress(1000, 1000, 75.25, 10), "[##########] 1000/1000 runs 75.2 s");
  EXPECT_EQ(format_progress(999, 1000, 3, 10), "[#########.] 999/1000 runs 3.0 s");
  EXPECT_EQ(format_progress(3, 8, 0.04, 4, "sweeps"), "[#...] 3/8 sweeps 0.0 s");
}

TEST(FormatProgress, Limits) {
  EXPECT_EQ(format_progress(0, 0, 0, 5), "[#####] 0/0 runs 0.0 s");  // nothing to do is done
  EXPECT_EQ(format_progress(12, 10, 1, 5), "[#####] 10/10 runs 1.0 s");
  EXPECT_EQ(format_progress(-3, 10, -1, 5), "[.....] 0/10 runs 0.0 s");
  EXPECT_EQ(format_progress(1'000'000'000, 2'000'000'000, 0, 30),
            "[###############...............] 1000000000/2000000000 runs 0.0 s");
}

TEST(ProgressBar, DrawsOverItselfWithCarriageReturns) {
  std::ostringstream out;
  {
    ProgressBar bar(out, true, 10);
    bar.update(1, 4, 0.5);
    bar.update(1, 4, 0.5);  // same text: not redrawn
    bar.update(2, 4, 1.0);
    bar.finish();
    bar.finish();  // once
  }
  EXPECT_EQ(out.str(), "\r[##........] 1/4 runs 0.5 s\r[#####.....] 2/4 runs 1.0 s\n");
}

TEST(ProgressBar, BlanksTheTailOfALongerLine) {
  std::ostringstream out;
  ProgressBar bar(out, true, 2);
  bar.update(10, 10, 12.3);
  bar.update(1, 10, 0.1);
  EXPECT_EQ(out.str(), "\r[##] 10/10 runs 12.3 s\r[..] 1/10 runs 0.1 s  ");
}

TEST(ProgressBar, WritesNothingWhenNotATerminal) {
  std::ostringstream out;
  {
    ProgressBar bar(out, false, 10);
    bar.update(1, 4, 0.5);
    bar.update(4, 4);
    bar.finish();
  }
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressBar, DestructorEndsTheLine) {
  std::ostringstream out;
  {
    ProgressBar bar(out, true, 4);
    bar.update(2, 4, 0.25);
  }
  EXPECT_EQ(out.str(), "\r[##..] 2/4 runs 0.2 s\n");
}

TEST(ProgressBar, FedByRunReplications) {
  std::ostringstream out;
  {
    ProgressBar bar(out, true, 10);
    rackscale::analysis::ReplicationOptions options;
    options.runs = 50;
    options.threads = 2;
    options.progress = bar.callback();
    rackscale::analysis::run_replications(options, [](int run) { return run; });
    bar.finish();
  }
  const std::string s = out.str();
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), '\r');
  EXPECT_EQ(s.back(), '\n');
  EXPECT_NE(s.rfind("\r[##########] 50/50 runs "), std::string::npos) << s;
}

}  // namespace
