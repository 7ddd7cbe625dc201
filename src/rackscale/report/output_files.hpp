#pragma once
//! Output sets, published whole into a locked output folder (docs/architecture.md, "The output
//! folder").
//!
//! The whole folder is the set: after a run it holds exactly the files of that run, listed by its
//! manifest.json. The mechanism, in the order it runs:
//! - OutputFolder, made before the run starts, checks the folder: absent, or a real folder (not
//!   a symbolic link) that is not the current folder and holds nothing but the files its
//!   manifest.json lists (an earlier set), so that files rackscale did not write are never
//!   replaced. It then takes an advisory lock (flock) on the lock file `.<folder>.lock` beside the
//!   folder, holding its pid, so that a second rackscale writing the same folder fails at once
//!   naming it, and checks again under the lock. The lock file is removed when the folder is
//!   released (a killed run leaves it; the next run reuses it).
//! - publish() checks again, then writes the new set into a private staging folder made beside
//!   the folder by mkdtemp; each file is created with O_CREAT|O_EXCL|O_NOFOLLOW (a planted
//!   symbolic link is never followed) and fsync'd, manifest.json last, then the staging folder is
//!   fsync'd. One rename publishes it: renameat2(RENAME_EXCHANGE) swaps it with the existing
//!   folder (RENAME_NOREPLACE when there is none), the parent is fsync'd, and the old set, now in
//!   the staging folder, is removed. A reader, or a crash at any point, sees the whole old set or
//!   the whole new one. Staging folders left by a killed run are removed by the next run.
//! Every failure throws rackscale::Error with the system's reason.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace rackscale::report {

//! Files to write together, in the order queued (manifest.json last).
class OutputFiles {
 public:
  //! Queues `content` for `name`, a plain file name (no '/', not hidden, not queued before).
  //! Throws std::logic_error otherwise: names are made by our code (see file_slug).
  void add(std::string name, std::string content);
  //! Opens `dir` as an OutputFolder and publishes the files into it; returns the paths written.
  std::vector<std::string> write(const std::string& dir) const;
  //! The files queued so far, in order: (name, content).
  const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }

 private:
  std::vector<std::pair<std::string, std::string>> files_;
};

//! An output folder held by this process: checked and locked from construction (before a run)
//! until destruction, and given a new set by publish().
class OutputFolder {
 public:
  //! Creates the parent folders if needed, takes the lock and checks the folder (see the file
  //! comment); throws rackscale::Error if the folder cannot take a set now.
  explicit OutputFolder(std::string dir);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  //! Replaces the folder's content with `files` as one step; returns the paths written
  //! (`dir/name`, in the order queued).
  std::vector<std::string> publish(const OutputFiles& files) const;
  //! The folder as given.
  const std::string& dir() const { return dir_; }

 private:
  void lock();
  void unlock();
  void check() const;
  void remove_leftovers() const;
  void swap_in(const std::filesystem::path& staging) const;

  std::string dir_;
  std::filesystem::path path_;       // absolute, normalized
  std::filesystem::path parent_;     // path_'s parent folder
  std::string staging_prefix_;       // ".<folder>.rackscale-": staging folders beside path_
  std::filesystem::path lock_path_;  // ".<folder>.lock" beside path_
  int lock_fd_ = -1;
};

}  // namespace rackscale::report
