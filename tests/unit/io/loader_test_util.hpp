#pragma once
// Helpers for loader tests: write YAML text to a temporary file and read it back.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "rackscale/core/diagnostics.hpp"

namespace rackscale::test {

//! Each diagnostic as "key.path: message", with " | suggestion" when it has one.
inline std::vector<std::string> messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.items()) {
    out.push_back(x.key_path + ": " + x.message +
                  (x.suggestion.empty() ? "" : " | " + x.suggestion));
  }
  return out;
}

//! A small valid scenario: one factory and one GB300 NVL72 site of 1,000 GPUs named `site`;
//! `extra` (whole YAML lines) goes after `horizon:`. Tests rely on its line numbers.
inline std::string minimal_scenario(const std::string& site = "s", const std::string& extra = "") {
  return "rackscale: 1\n"
         "name: minimal\n"
         "start: 2026-01-05\n"
         "horizon: 52 weeks\n" +
         extra +
         "factories:\n"
         "  - name: f\n"
         "    location: {latitude: 29.76, longitude: -95.37}\n"
         "    products: [GB300-NVL72]\n"
         "    ramp: [{date: 2026-01-05, rate: 10 racks/week}]\n"
         "    burn_in: 48 h\n"
         "    first_pass_yield: 0.9\n"
         "    rework: 2 days\n"
         "sites:\n"
         "  - name: " +
         site +
         "\n"
         "    location: {latitude: 32.45, longitude: -99.73}\n"
         "    climate: {parametric: {annual_mean: 18 C, seasonal_amplitude: 10 K, daily_amplitude: "
         "7 K, relative_humidity: 0.5}}\n"
         "    tariff: 45 USD/MWh\n"
         "    rack_system: GB300-NVL72\n"
         "    target: {gpus: 1000}\n"
         "    grid: [{date: 2026-06-01, capacity: 100 MW}]\n"
         "    construction: {permitting: 4 weeks, shell: 20 weeks, fit_out: 10 weeks, "
         "commissioning: 2 weeks}\n"
         "    crews: {install_rate: 20 racks/week, commissioning_rate: 20 racks/week}\n";
}

//! A file in the system temp folder, removed when it goes out of scope. The process id keeps
//! tests that CTest runs in parallel (one process each) from sharing a file.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("rackscale_test_" + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream(path_) << text;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace rackscale::test
