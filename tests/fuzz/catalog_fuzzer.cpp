// Fuzzes the catalog loader (io::read_catalog_file): every input must end in diagnostics, never
// in a crash, a sanitizer report or an exception.

#include <cstddef>
#include <cstdint>

#include "fuzz_input_file.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/model/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto path = rackscale::fuzz::write_input(data, size, "rackscale-fuzz-catalog");
  rackscale::model::Catalog catalog;
  rackscale::Diagnostics diag;
  rackscale::io::read_catalog_file(path, catalog, diag);
  return 0;
}
