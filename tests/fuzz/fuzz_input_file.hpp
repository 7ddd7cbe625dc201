#pragma once
// The fuzz input as a file, for readers that take a path: one file per process, rewritten for
// every input.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace rackscale::fuzz {

//! Writes `data` to this process's temporary file `<stem>-<pid>.yaml` and returns its path.
inline std::string write_input(const std::uint8_t* data, std::size_t size, const char* stem) {
  static const std::string path = (std::filesystem::temp_directory_path() /
                                   (std::string(stem) + "-" + std::to_string(::getpid()) + ".yaml"))
                                      .string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace rackscale::fuzz
