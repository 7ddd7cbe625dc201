#include "rackscale/io/key_locations.hpp"

#include <fmt/format.h>

namespace rackscale::io {

KeyLocations::KeyLocations(const YAML::Node& root, const std::string& file,
                           const ValueSources& sources)
    : file_(file) {
  index(root, "", file, sources);
}

void KeyLocations::index(const YAML::Node& node, const std::string& path, const std::string& file,
                         const ValueSources& sources) {
  // A replaced value and everything under it come from its override.
  const auto replaced = sources.find(path);
  const std::string& here = replaced == sources.end() ? file : replaced->second;
  if (!path.empty()) where_[path] = location(here, node.Mark());
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();
      const std::string child = path.empty() ? key : path + "." + key;
      index(it->second, child, here, sources);
      // A key without a value points at the key.
      if (it->second.IsNull()) where_[child] = location(here, it->first.Mark());
    }
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      index(node[i], fmt::format("{}[{}]", path, i), here, sources);
    }
  }
}

SourceLocation KeyLocations::at(const std::string& path) const {
  for (std::string p = path; !p.empty();) {
    if (auto it = where_.find(p); it != where_.end()) return it->second;
    const std::size_t cut = p.find_last_of(".[");
    if (cut == std::string::npos) break;
    p.resize(cut);
  }
  return SourceLocation{file_, 0, 0};
}

}  // namespace rackscale::io
