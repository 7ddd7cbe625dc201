#include "rackscale/io/dataset_dir.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/io/catalog_loader.hpp"

namespace rackscale::io {

std::string builtin_dataset_dir() {
  namespace fs = std::filesystem;
  const char* env = std::getenv("RACKSCALE_DATASET_DIR");
  if (env && *env) return env;
  std::vector<std::string> searched = {"RACKSCALE_DATASET_DIR (not set)"};
  const fs::path exe_dir = executable_dir();
  for (const fs::path& relative :
       {fs::path("../share/rackscale/datasets"), fs::path("share/rackscale/datasets")}) {
    const fs::path candidate = (exe_dir / relative).lexically_normal();
    searched.push_back(candidate.string());
    std::error_code ec;
    if (!exe_dir.empty() && fs::is_directory(candidate, ec)) return candidate.string();
  }
  throw Error(fmt::format(
      "the shipped datasets were not found; searched: {}; set RACKSCALE_DATASET_DIR to the "
      "folder holding us-candidates.yaml (installed as share/rackscale/datasets)",
      fmt::join(searched, ", ")));
}

}  // namespace rackscale::io
