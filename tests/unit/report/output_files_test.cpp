// The output folder: a set replaces the folder's content whole, files rackscale did not write
// are never replaced, symbolic links are never followed, and a second writer is locked out.

#include "rackscale/report/output_files.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "rackscale/core/error.hpp"
#include "support/file_text.hpp"

namespace rackscale::report {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  return test::file_text(path);
}

void put(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

//! A set of `names` (each holding its own name) ending in a manifest.json that lists them.
OutputFiles set_of(const std::vector<std::string>& names) {
  OutputFiles files;
  std::string list;
  for (const auto& name : names) {
    files.add(name, name + "\n");
    list += std::string(list.empty() ? "" : ",") + "{\"name\": \"" + name + "\"}";
  }
  files.add("manifest.json", "{\"rackscale_version\": \"test\", \"files\": [" + list + "]}\n");
  return files;
}

//! A fresh folder of the test's own, removed at the end.
struct Scratch {
  fs::path root;
  Scratch() {
    std::string name = (fs::path(::testing::TempDir()) / "rackscale-output-XXXXXX").string();
    root = ::mkdtemp(name.data());
  }
  ~Scratch() { fs::remove_all(root); }
};

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(OutputFolder, ANewFolderHoldsExactlyTheSet) {
  Scratch scratch;
  const fs::path out = scratch.root / "deep" / "out";
  const auto written = set_of({"a.csv", "b.svg"}).write(out.string());
  EXPECT_EQ(written, (std::vector<std::string>{(out / "a.csv").string(), (out / "b.svg").string(),
                                               (out / "manifest.json").string()}));
  EXPECT_EQ(listing(out), (std::set<std::string>{"a.csv", "b.svg", "manifest.json"}));
  EXPECT_EQ(read(out / "a.csv"), "a.csv\n");
  // Beside the folder: no staging folder and, the folder released, no lock file left behind.
  EXPECT_EQ(listing(scratch.root / "deep"), (std::set<std::string>{"out"}));
}

TEST(OutputFolder, ALaterSetReplacesTheEarlierOneWhole) {
  Scratch scratch;
  const fs::path out = scratch.root / "out";
  set_of({"a.csv", "single-line-old-site.svg"}).write(out.string());
  set_of({"a.csv", "c.csv"}).write(out.string());
  EXPECT_EQ(listing(out), (std::set<std::string>{"a.csv", "c.csv", "manifest.json"}));
  EXPECT_EQ(listing(scratch.root), (std::set<std::string>{"out"}));
}

TEST(OutputFolder, RefusesAFolderHoldingFilesItDidNotWrite) {
  Scratch scratch;
  const fs::path out = scratch.root / "out";
  fs::create_directory(out);
  put(out / "notes.txt", "mine");
  EXPECT_NE(error_of([&] { OutputFolder folder(out.string()); }).find("holds notes.txt"),
            std::string::npos);
  // Beside an earlier set, a file its manifest does not list is refused too.
  fs::remove(out / "notes.txt");
  set_of({"a.csv"}).write(out.string());
  put(out / "notes.txt", "mine");
  EXPECT_NE(error_of([&] { set_of({"b.csv"}).write(out.string()); }).find("holds notes.txt"),
            std::string::npos);
  EXPECT_EQ(read(out / "notes.txt"), "mine");
  EXPECT_EQ(read(out / "a.csv"), "a.csv\n");
}

TEST(OutputFolder, RefusesAFileOrASymbolicLinkAsTheFolder) {
  Scratch scratch;
  put(scratch.root / "file", "mine");
  EXPECT_NE(error_of([&] {
              OutputFolder folder((scratch.root / "file").string());
            }).find("exists and is not a folder"),
            std::string::npos);
  fs::create_directory(scratch.root / "elsewhere");
  fs::create_directory_symlink(scratch.root / "elsewhere", scratch.root / "link");
  EXPECT_NE(error_of([&] {
              set_of({"a.csv"}).write((scratch.root / "link").string());
            }).find("is a symbolic link"),
            std::string::npos);
  EXPECT_TRUE(fs::is_empty(scratch.root / "elsewhere"));
  EXPECT_EQ(read(scratch.root / "file"), "mine");
}

TEST(OutputFolder, ALinkPlantedAtTheLockFileIsNotFollowed) {
  Scratch scratch;
  put(scratch.root / "victim", "precious");
  fs::create_symlink(scratch.root / "victim", scratch.root / ".out.lock");
  const std::string error = error_of([&] { OutputFolder folder((scratch.root / "out").string()); });
  EXPECT_NE(error.find("cannot open lock file"), std::string::npos) << error;
  EXPECT_EQ(read(scratch.root / "victim"), "precious");
}

TEST(OutputFolder, ASecondWriterIsLockedOutNamingTheFirst) {
  Scratch scratch;
  const fs::path out = scratch.root / "out";
  const OutputFolder first(out.string());
  // flock locks belong to the open file, so a second open in this process conflicts too.
  EXPECT_EQ(error_of([&] { OutputFolder second(out.string()); }),
            out.string() + " is being written by another rackscale (pid " +
                std::to_string(::getpid()) + ")");
  first.publish(set_of({"a.csv"}));
  EXPECT_EQ(listing(out), (std::set<std::string>{"a.csv", "manifest.json"}));
}

TEST(OutputFolder, ErrorsCarryTheSystemsReason) {
  Scratch scratch;
  put(scratch.root / "file", "mine");
  const std::string error =
      error_of([&] { OutputFolder folder((scratch.root / "file" / "out").string()); });
  EXPECT_NE(error.find("Not a directory"), std::string::npos) << error;
}

TEST(OutputFolder, AFailedCheckReleasesTheLock) {
  Scratch scratch;
  const fs::path out = scratch.root / "out";
  fs::create_directory(out);
  put(out / "notes.txt", "mine");
  EXPECT_NE(error_of([&] { OutputFolder folder(out.string()); }).find("holds notes.txt"),
            std::string::npos);
  fs::remove(out / "notes.txt");
  EXPECT_EQ(error_of([&] { OutputFolder folder(out.string()); }), "(no error)");
}

TEST(OutputFiles, NamesArePlainFileNames) {
  OutputFiles files;
  EXPECT_THROW(files.add("../x", ""), std::logic_error);
  EXPECT_THROW(files.add(".hidden", ""), std::logic_error);
  EXPECT_THROW(files.add("", ""), std::logic_error);
  files.add("a.csv", "");
  EXPECT_THROW(files.add("a.csv", ""), std::logic_error);
}

}  // namespace
}  // namespace rackscale::report
