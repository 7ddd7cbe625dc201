#include "rackscale/io/input_hash.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "rackscale/core/hash.hpp"

namespace rackscale::io {

namespace fs = std::filesystem;

std::string input_hash(const LoadedScenario& loaded) {
  // Every file that was read, each once, in a fixed order: the scenario first, then the rest
  // sorted by path. The YAML files read while loading (catalogs, datasets such as the candidate
  // and interconnection files) are the ones the reader registered; weather files are not YAML.
  std::set<std::string> others;
  for (const auto& [name, e] : loaded.catalog.entries()) others.insert(e.where.file);
  for (const auto& file : loaded.sources.files()) {
    if (file != loaded.scenario.file && fs::is_regular_file(file)) others.insert(file);
  }
  for (const auto& site : loaded.scenario.sites) {
    if (!site.climate.epw_file.empty()) others.insert(site.climate.epw_file);
  }
  Fnv1a64 h;
  auto add_file = [&](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    h.update(fs::path(path).filename().string());
    h.update(buffer.str());
  };
  h.update(fs::path(loaded.scenario.file).filename().string());
  h.update(loaded.text);
  // Overrides change the inputs: each is hashed after a separator no text of a file holds.
  for (const auto& o : loaded.overrides) {
    h.update(std::string("\0--set ", 7));
    h.update(o);
  }
  for (const auto& f : others) add_file(f);
  return h.hex();
}

}  // namespace rackscale::io
