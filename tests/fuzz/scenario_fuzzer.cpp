// Fuzzes the scenario loader (io::read_scenario) with the built-in catalog: every input must
// end in diagnostics, never in a crash, a sanitizer report or an exception.

#include <cstddef>
#include <cstdint>

#include "fuzz_input_file.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto path = rackscale::fuzz::write_input(data, size, "rackscale-fuzz-scenario");
  rackscale::Diagnostics diag;
  auto loaded = rackscale::io::read_scenario(path, diag);
  (void)loaded;
  return 0;
}
