#pragma once
//! A one-line text progress bar for terminals: "[#####.....] 512/1000 runs 1.2 s".

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>

#include "rackscale/analysis/montecarlo.hpp"

namespace rackscale::analysis {

//! The bar's text without control characters, e.g. "[#####.....] 512/1000 runs 1.2 s" for
//! done = 512, total = 1000, elapsed 1.2 s, width 10. The bar holds floor(width * done / total)
//! '#' (all of them when total is 0); done is clamped to [0, total], elapsed to >= 0 [s].
std::string format_progress(int done, int total, double elapsed_s, int width = 30,
                            std::string_view unit = "runs");

//! Draws format_progress() lines over each other with carriage returns, on a terminal only.
//!
//! The caller says whether the stream is a terminal (the CLI asks isatty()); when it is not,
//! nothing is ever written, so logs and pipes stay clean. Not thread-safe by itself: feed it from
//! run_replications' progress callback, whose calls never overlap.
class ProgressBar {
 public:
  //! A bar on `out` that draws only if is_terminal; `width` is the bar length [characters].
  ProgressBar(std::ostream& out, bool is_terminal, int width = 30, std::string unit = "runs");
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  //! Ends the line if finish() was not called.
  ~ProgressBar();

  //! Redraws the bar, with the time since construction.
  void update(int done, int total);
  //! Redraws the bar with the given elapsed time [s]; unchanged text is not redrawn.
  void update(int done, int total, double elapsed_s);
  //! Ends the bar's line (once), if anything was drawn.
  void finish();
  //! A progress callback for ReplicationOptions that updates this bar, which must outlive it.
  ProgressCallback callback();

 private:
  std::ostream& out_;
  bool is_terminal_;
  int width_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  std::string last_;  // the text on screen, empty if nothing is drawn
};

}  // namespace rackscale::analysis
