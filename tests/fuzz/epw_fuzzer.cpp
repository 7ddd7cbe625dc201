// Fuzzes the EPW weather reader (io::parse_epw): every input must end in diagnostics, never in
// a crash, a sanitizer report or an exception.

#include <cstddef>
#include <cstdint>
#include <string>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/epw_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  rackscale::Diagnostics diag;
  auto file = rackscale::io::parse_epw(text, "fuzz.epw", diag);
  (void)file;
  return 0;
}
