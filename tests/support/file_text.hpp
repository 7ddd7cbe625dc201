#pragma once
//! The whole content of a file, for tests that check what was written (empty if unreadable).

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace rackscale::test {

//! The bytes of `path`, or "" if it cannot be read.
inline std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace rackscale::test
