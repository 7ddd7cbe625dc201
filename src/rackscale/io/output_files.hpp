#pragma once
//! Writes a set of output files all or nothing: each goes to a temporary name in the output
//! folder first; only when every one is written are they renamed into place.

#include <string>
#include <utility>
#include <vector>

#include "rackscale/io/scenario_loader.hpp"

namespace rackscale::io {

//! Files to write together.
class OutputFiles {
 public:
  //! Queues `content` for `name` (a file name inside the output folder).
  void add(std::string name, std::string content);
  //! Creates `dir` if needed and writes every file; throws rackscale::Error (nothing renamed
  //! into place) if any write fails. Returns the paths written.
  std::vector<std::string> write(const std::string& dir) const;

 private:
  std::vector<std::pair<std::string, std::string>> files_;
};

//! Hash of the inputs: the scenario file, its catalog files and weather files, and the
//! built-in catalog, as "fnv1a64:<hex>".
std::string input_hash(const LoadedScenario& loaded);

}  // namespace rackscale::io
