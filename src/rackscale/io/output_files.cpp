#include "rackscale/io/output_files.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/core/hash.hpp"

namespace rackscale::io {

namespace fs = std::filesystem;

void OutputFiles::add(std::string name, std::string content) {
  files_.emplace_back(std::move(name), std::move(content));
}

std::vector<std::string> OutputFiles::write(const std::string& dir) const {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("cannot create output folder {}: {}", dir, ec.message()));
  std::vector<std::pair<fs::path, fs::path>> staged;
  auto discard = [&] {
    for (const auto& [tmp, final_path] : staged) fs::remove(tmp, ec);
  };
  for (const auto& [name, content] : files_) {
    fs::path final_path = fs::path(dir) / name;
    fs::path tmp = fs::path(dir) / ("." + name + ".tmp");
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
      discard();
      fs::remove(tmp, ec);
      throw Error(fmt::format("cannot write {}", tmp.string()));
    }
    staged.emplace_back(tmp, final_path);
  }
  std::vector<std::string> written;
  for (const auto& [tmp, final_path] : staged) {
    fs::rename(tmp, final_path, ec);
    if (ec) {
      discard();
      throw Error(fmt::format("cannot move {} into place: {}", final_path.string(), ec.message()));
    }
    written.push_back(final_path.string());
  }
  return written;
}

std::string input_hash(const LoadedScenario& loaded) {
  // Every file that was read, each once, in a fixed order: the scenario first, then the rest
  // sorted by path.
  std::set<std::string> others;
  for (const auto& [name, e] : loaded.catalog.entries()) others.insert(e.where.file);
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
  // Overrides change the inputs: each is hashed with a separator no text of a file holds.
  for (const auto& o : loaded.overrides) {
    h.update(std::string("\0--set ", 7));
    h.update(o);
  }
  for (const auto& f : others) add_file(f);
  return h.hex();
}

}  // namespace rackscale::io
