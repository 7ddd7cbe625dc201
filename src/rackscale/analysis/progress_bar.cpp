#include "rackscale/analysis/progress_bar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace rackscale::analysis {

std::string format_progress(int done, int total, double elapsed_s, int width,
                            std::string_view unit) {
  total = std::max(total, 0);
  done = std::clamp(done, 0, total);
  width = std::max(width, 0);
  // 64-bit product: width * done overflows int for a long bar and a billion runs.
  const auto filled =
      static_cast<int>(total == 0 ? width : static_cast<std::int64_t>(width) * done / total);
  const double seconds = elapsed_s > 0.0 ? elapsed_s : 0.0;  // also maps NaN to 0
  return fmt::format("[{}{}] {}/{} {} {:.1f} s", std::string(static_cast<std::size_t>(filled), '#'),
                     std::string(static_cast<std::size_t>(width - filled), '.'), done, total, unit,
                     seconds);
}

ProgressBar::ProgressBar(std::ostream& out, bool is_terminal, int width, std::string unit)
    : out_(out),
      is_terminal_(is_terminal),
      width_(width),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  try {
    finish();
  } catch (...) {
    // A stream that throws on write has nothing more to show; a destructor must not throw.
  }
}

void ProgressBar::update(int done, int total) {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
  update(done, total, elapsed.count());
}

void ProgressBar::update(int done, int total, double elapsed_s) {
  if (!is_terminal_) return;
  std::string text = format_progress(done, total, elapsed_s, width_, unit_);
  if (text == last_) return;
  // Blank out the tail of a longer previous line.
  const std::size_t pad = last_.size() > text.size() ? last_.size() - text.size() : 0;
  out_ << '\r' << text << std::string(pad, ' ');
  out_.flush();
  last_ = std::move(text);
}

void ProgressBar::finish() {
  if (last_.empty()) return;
  last_.clear();
  out_ << '\n';
  out_.flush();
}

ProgressCallback ProgressBar::callback() {
  return [this](int done, int total) { update(done, total); };
}

}  // namespace rackscale::analysis
