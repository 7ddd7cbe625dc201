#pragma once
//! Where each value of a loaded scenario stands, by key path, so that checks made after loading
//! (scenario checks, the design and the build-out) can point at the line they are about.

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {

//! The location of every map key and list item of a scenario document, by key path
//! (`sites[1].grid[2].capacity`). Values replaced by `--set` point at the override.
class KeyLocations {
 public:
  KeyLocations() = default;
  //! Indexes `root`, read from `file`; `sources` names the override each replaced path came from.
  KeyLocations(const YAML::Node& root, const std::string& file, const ValueSources& sources);

  //! Where `path` stands, else its nearest indexed ancestor, else the start of the file.
  SourceLocation at(const std::string& path) const;
  //! True if `path` is in the document.
  bool has(const std::string& path) const { return where_.count(path) != 0; }

 private:
  void index(const YAML::Node& node, const std::string& path, const std::string& file,
             const ValueSources& sources);

  std::string file_;
  std::map<std::string, SourceLocation> where_;
};

}  // namespace rackscale::io
