#include "rackscale/report/output_files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "rackscale/core/error.hpp"

namespace rackscale::report {

namespace fs = std::filesystem;

namespace {

//! The system's reason for the last failed call, as strerror gives it.
std::string reason(int error = errno) {
  return std::error_code(error, std::generic_category()).message();
}

[[noreturn]] void fail(const std::string& what, int error = errno) {
  throw Error(fmt::format("{}: {}", what, reason(error)));
}

//! A file descriptor closed when it goes out of scope.
struct Descriptor {
  int fd = -1;
  explicit Descriptor(int f) : fd(f) {}
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
};

// Test hook, not part of the library's interface (CONTRIBUTING.md, "Crash tests"): with
// RACKSCALE_TEST_KILL_AT=N in the environment, the N-th step of publish() ends the process with
// SIGKILL, so that a test can check what a crash at each step leaves behind.
void test_kill_point() {
  static const long kill_at = [] {
    const char* value = std::getenv("RACKSCALE_TEST_KILL_AT");
    return value ? std::strtol(value, nullptr, 10) : 0L;
  }();
  static std::atomic<long> step{0};
  if (kill_at > 0 && ++step == kill_at) std::raise(SIGKILL);
}

void sync_folder(const fs::path& folder) {
  Descriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (dir.fd < 0 || ::fsync(dir.fd) != 0) fail(fmt::format("cannot sync {}", folder.string()));
}

void write_file(int folder_fd, const fs::path& folder, const std::string& name,
                const std::string& content) {
  const fs::path path = folder / name;
  Descriptor file(::openat(folder_fd, name.c_str(),
                           O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
  if (file.fd < 0) fail(fmt::format("cannot create {}", path.string()));
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(file.fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(fmt::format("cannot write {}", path.string()));
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(file.fd) != 0) fail(fmt::format("cannot sync {}", path.string()));
  const int fd = file.fd;
  file.fd = -1;
  if (::close(fd) != 0) fail(fmt::format("cannot write {}", path.string()));
}

//! Writes every file of `files` into the empty folder `staging`, each synced, then gives the
//! folder `mode` and syncs it.
void write_set(const OutputFiles& files, const fs::path& staging, mode_t mode) {
  Descriptor folder(::open(staging.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (folder.fd < 0) fail(fmt::format("cannot open {}", staging.string()));
  for (const auto& [name, content] : files.files()) {
    write_file(folder.fd, staging, name, content);
    test_kill_point();
  }
  if (::fchmod(folder.fd, mode) != 0 || ::fsync(folder.fd) != 0) {
    fail(fmt::format("cannot sync {}", staging.string()));
  }
}

//! A folder made by mkdtemp as `<parent>/<prefix>XXXXXX` (mode 0700, a name no one can
//! predict), removed with what it holds when this goes out of scope.
struct StagingFolder {
  fs::path path;
  StagingFolder(const fs::path& parent, const std::string& prefix) {
    std::string name = (parent / (prefix + "XXXXXX")).string();
    if (::mkdtemp(name.data()) == nullptr) {
      fail(fmt::format("cannot create a staging folder in {}", parent.string()));
    }
    path = name;
  }
  ~StagingFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
};

//! The mode for the new folder: the old folder's, else what mkdir would give (0777 less the
//! umask; reading the umask means setting it, done here once per publish, after the run).
mode_t folder_mode(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return st.st_mode & 07777;
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0777 & ~mask;
}

//! The names manifest.json lists in `folder`, with manifest.json itself; empty if there is no
//! manifest.json (a regular file) or it is not one of ours.
std::set<std::string> manifest_names(const fs::path& folder) {
  const fs::path manifest = folder / "manifest.json";
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(manifest, ec))) return {};
  std::ifstream in(manifest, std::ios::binary);
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (!json.is_object() || !json.contains("rackscale_version") || !json.contains("files") ||
      !json["files"].is_array()) {
    return {};
  }
  std::set<std::string> names = {"manifest.json"};
  for (const auto& file : json["files"]) {
    if (file.is_object() && file.contains("name") && file["name"].is_string()) {
      names.insert(file["name"].get<std::string>());
    }
  }
  return names;
}

//! True if `folder` is the current folder or holds it: swapping it would leave the shell that
//! ran us in a removed folder.
bool holds_current_folder(const fs::path& folder) {
  std::error_code ec;
  fs::path here = fs::current_path(ec);
  for (; !ec && !here.empty(); here = here.parent_path()) {
    if (fs::equivalent(here, folder, ec)) return true;
    if (here == here.parent_path()) break;
  }
  return false;
}

//! The pid written in the lock file by its holder, or "" if unreadable.
std::string lock_holder(int lock_fd) {
  char pid[32] = {};
  const ssize_t n = ::pread(lock_fd, pid, sizeof pid - 1, 0);
  std::string holder = n > 0 ? std::string(pid, static_cast<std::size_t>(n)) : "";
  holder.erase(holder.find_last_not_of(" \n") + 1);
  return holder;
}

}  // namespace

void OutputFiles::add(std::string name, std::string content) {
  const bool plain = !name.empty() && name.front() != '.' &&
                     name.find_first_of(std::string("/\0", 2)) == std::string::npos;
  const bool repeated = std::any_of(files_.begin(), files_.end(),
                                    [&](const auto& file) { return file.first == name; });
  if (!plain || repeated) {
    throw std::logic_error(fmt::format("output file name \"{}\" is {}", name,
                                       plain ? "queued twice" : "not a plain file name"));
  }
  files_.emplace_back(std::move(name), std::move(content));
}

std::vector<std::string> OutputFiles::write(const std::string& dir) const {
  return OutputFolder(dir).publish(*this);
}

OutputFolder::OutputFolder(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  path_ = fs::absolute(dir_.empty() ? fs::path(".") : fs::path(dir_), ec).lexically_normal();
  if (!path_.has_filename()) path_ = path_.parent_path();
  const std::string name = path_.filename().string();
  if (ec || name.empty() || name == "." || name == ".." || path_ == path_.root_path()) {
    throw Error(
        fmt::format("\"{}\" cannot be an output folder: name a folder inside another one", dir_));
  }
  parent_ = path_.parent_path();
  staging_prefix_ = "." + name + ".rackscale-";
  fs::create_directories(parent_, ec);
  if (ec) throw Error(fmt::format("cannot create folder {}: {}", parent_.string(), ec.message()));
  if (::access(parent_.c_str(), W_OK | X_OK) != 0) {
    fail(fmt::format("cannot write in folder {}", parent_.string()));
  }
  lock_path_ = parent_ / ("." + name + ".lock");
  check();  // before the lock file is made, so that a folder refused leaves nothing behind
  lock();
  try {
    check();  // again under the lock: authoritative
  } catch (...) {
    unlock();  // the destructor of a half-made object does not run
    throw;
  }
  remove_leftovers();
}

OutputFolder::~OutputFolder() {
  unlock();
}

void OutputFolder::lock() {
  // The holder before us removes the lock file when it is done: if it did so between our open
  // and our flock, we hold a lock on a removed file, so open the file that is there again.
  for (;;) {
    lock_fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (lock_fd_ < 0) fail(fmt::format("cannot open lock file {}", lock_path_.string()));
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string holder = lock_holder(lock_fd_);
      ::close(lock_fd_);
      lock_fd_ = -1;
      if (error != EWOULDBLOCK) fail(fmt::format("cannot lock {}", lock_path_.string()), error);
      throw Error(fmt::format("{} is being written by another rackscale (pid {})", dir_,
                              holder.empty() ? "unknown" : holder));
    }
    struct stat held {};
    struct stat there {};
    if (::fstat(lock_fd_, &held) == 0 && ::lstat(lock_path_.c_str(), &there) == 0 &&
        held.st_dev == there.st_dev && held.st_ino == there.st_ino) {
      break;
    }
    ::close(lock_fd_);
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock_fd_, 0) != 0 || ::pwrite(lock_fd_, pid.data(), pid.size(), 0) < 0) {
    const int error = errno;
    unlock();
    fail(fmt::format("cannot write lock file {}", lock_path_.string()), error);
  }
}

void OutputFolder::unlock() {
  if (lock_fd_ < 0) return;
  ::unlink(lock_path_.c_str());  // while still locked: no one else can be using it
  ::close(lock_fd_);             // releases the lock
  lock_fd_ = -1;
}

void OutputFolder::check() const {
  struct stat st {};
  if (::lstat(path_.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    fail(fmt::format("cannot use output folder {}", dir_));
  }
  if (S_ISLNK(st.st_mode)) {
    throw Error(
        fmt::format("output folder {} is a symbolic link; give the folder it points to", dir_));
  }
  if (!S_ISDIR(st.st_mode)) throw Error(fmt::format("{} exists and is not a folder", dir_));
  if (::access(path_.c_str(), W_OK | X_OK) != 0) {
    fail(fmt::format("cannot write in output folder {}", dir_));
  }
  if (holds_current_folder(path_)) {
    throw Error(fmt::format(
        "output folder {} is (or holds) the current folder, whose content rackscale would "
        "replace; give a folder of its own, e.g. -o out/<name>",
        dir_));
  }
  const std::set<std::string> listed = manifest_names(path_);
  std::set<std::string> foreign;  // sorted, so that the message does not depend on the disk
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path_, ec)) {
    const std::string name = entry.path().filename().string();
    if (listed.count(name) == 0 || !entry.is_regular_file() || entry.is_symlink()) {
      foreign.insert(name);
    }
  }
  if (ec) throw Error(fmt::format("cannot list output folder {}: {}", dir_, ec.message()));
  if (foreign.empty()) return;
  throw Error(fmt::format(
      "output folder {} holds {}{}, which {}; rackscale replaces the whole folder, so it "
      "writes only into a new or empty folder or over its own earlier output: move it away or "
      "choose another folder with -o",
      dir_, *foreign.begin(),
      foreign.size() > 1 ? fmt::format(" and {} more", foreign.size() - 1) : "",
      listed.empty() ? "rackscale did not write (no manifest.json of rackscale)"
                     : "its manifest.json does not list as a file"));
}

void OutputFolder::remove_leftovers() const {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(staging_prefix_, 0) == 0) fs::remove_all(entry.path(), ec);
  }
}

std::vector<std::string> OutputFolder::publish(const OutputFiles& files) const {
  check();
  const mode_t mode = folder_mode(path_);
  const StagingFolder staging(parent_, staging_prefix_);
  test_kill_point();
  write_set(files, staging.path, mode);
  test_kill_point();
  swap_in(staging.path);
  sync_folder(parent_);
  test_kill_point();
  std::vector<std::string> written;
  for (const auto& file : files.files()) written.push_back((fs::path(dir_) / file.first).string());
  return written;
}  // the staging folder, now holding the old set, is removed here

void OutputFolder::swap_in(const fs::path& staging) const {
  const bool exists = fs::exists(fs::symlink_status(path_));
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, path_.c_str(),
                  exists ? RENAME_EXCHANGE : RENAME_NOREPLACE) == 0) {
    return;
  }
  if (errno != EINVAL || !exists) fail(fmt::format("cannot move the new set into {}", dir_));
  // The file system cannot swap folders: move the old one aside, then the new one in (a reader
  // in between finds no folder, never a mixed one).
  const StagingFolder old_set(parent_, staging_prefix_);
  if (::rename(path_.c_str(), old_set.path.c_str()) != 0) {
    fail(fmt::format("cannot move the old set out of {}", dir_));
  }
  if (::rename(staging.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    ::rename(old_set.path.c_str(), path_.c_str());  // put the old set back
    fail(fmt::format("cannot move the new set into {}", dir_), error);
  }
}

}  // namespace rackscale::report
