#pragma once
// Helpers for loader tests: write YAML text to a temporary file and read it back.

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace rackscale::test {

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
