#include "rackscale/report/manifest.hpp"

#include <nlohmann/json.hpp>

#include "rackscale/core/sha256.hpp"

namespace rackscale::report {

std::string manifest_json(const ManifestRun& run, const OutputFiles& files) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& [name, content] : files.files()) {
    list.push_back(
        {{"name", name}, {"size_bytes", content.size()}, {"sha256", sha256_hex(content)}});
  }
  nlohmann::ordered_json j = {{"rackscale_version", run.stamp.version},
                              {"scenario", run.stamp.scenario},
                              {"input_hash", run.stamp.input_hash},
                              {"seed", run.stamp.seed}};
  if (run.runs) j["runs"] = *run.runs;
  j["command_line"] = run.command_line;
  j["files"] = list;
  return j.dump(2) + "\n";
}

void add_manifest(OutputFiles& files, const ManifestRun& run) {
  files.add("manifest.json", manifest_json(run, files));
}

}  // namespace rackscale::report
