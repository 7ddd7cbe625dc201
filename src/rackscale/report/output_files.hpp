#pragma once
//! Writes a set of output files all or nothing: each goes to a temporary name in the output
//! folder first; only when every one is written are they renamed into place, in the order they
//! were queued.

#include <string>
#include <utility>
#include <vector>

namespace rackscale::report {

//! Files to write together.
class OutputFiles {
 public:
  //! Queues `content` for `name` (a file name inside the output folder).
  void add(std::string name, std::string content);
  //! Creates `dir` if needed and writes every file; throws rackscale::Error (nothing renamed
  //! into place) if any write fails. Returns the paths written.
  std::vector<std::string> write(const std::string& dir) const;
  //! The files queued so far, in order: (name, content).
  const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }

 private:
  std::vector<std::pair<std::string, std::string>> files_;
};

}  // namespace rackscale::report
