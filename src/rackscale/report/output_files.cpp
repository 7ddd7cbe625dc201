#include "rackscale/report/output_files.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale::report {

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

}  // namespace rackscale::report
