// The search order of the built-in catalog folder (io::find_catalog_dir), on temporary trees.

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "rackscale/core/error.hpp"
#include "rackscale/io/catalog_loader.hpp"

namespace fs = std::filesystem;
namespace io = rackscale::io;

namespace {

//! A fresh, empty temporary folder removed at the end of the test.
class TempTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("rackscale-catalog-dir-" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path make(const std::string& relative) {
    fs::create_directories(root_ / relative);
    return root_ / relative;
  }
  fs::path root_;
};

using CatalogDir = TempTree;

}  // namespace

TEST_F(CatalogDir, EnvironmentVariableWinsAndIsTakenAsIs) {
  make("share/rackscale/catalog");
  auto search = io::find_catalog_dir("/nowhere/catalog", root_ / "bin");
  ASSERT_TRUE(search.found);
  EXPECT_EQ(*search.found, "/nowhere/catalog");
  EXPECT_EQ(search.searched.size(), 1u);
}

TEST_F(CatalogDir, InstalledLayoutBesideTheProgramsFolder) {
  auto catalog = make("share/rackscale/catalog");
  make("bin/share/rackscale/catalog");  // also present, but searched second
  auto search = io::find_catalog_dir(nullptr, root_ / "bin");
  ASSERT_TRUE(search.found);
  EXPECT_EQ(*search.found, catalog.string());
}

TEST_F(CatalogDir, BuildTreeLayoutBelowTheProgramsFolder) {
  auto catalog = make("build/share/rackscale/catalog");
  auto search = io::find_catalog_dir("", root_ / "build");  // an empty variable counts as unset
  ASSERT_TRUE(search.found);
  EXPECT_EQ(*search.found, catalog.string());
  ASSERT_EQ(search.searched.size(), 3u);
  EXPECT_EQ(search.searched[0], "RACKSCALE_CATALOG_DIR (not set)");
  EXPECT_EQ(search.searched[1], (root_ / "share/rackscale/catalog").string());
  EXPECT_EQ(search.searched[2], catalog.string());
}

TEST_F(CatalogDir, NothingFoundListsEveryPlaceSearched) {
  make("bin");
  auto search = io::find_catalog_dir(nullptr, root_ / "bin");
  EXPECT_FALSE(search.found);
  ASSERT_EQ(search.searched.size(), 3u);
  EXPECT_EQ(search.searched[1], (root_ / "share/rackscale/catalog").string());
  EXPECT_EQ(search.searched[2], (root_ / "bin/share/rackscale/catalog").string());
}

TEST(CatalogDirOfThisProgram, TheBuildStagesTheCatalogBesideTheTests) {
  // The test program sits in <build>/tests/, the staged catalog in <build>/share/rackscale/.
  auto search = io::find_catalog_dir(nullptr, io::executable_dir());
  ASSERT_TRUE(search.found);
  EXPECT_EQ(*search.found,
            (io::executable_dir().parent_path() / "share/rackscale/catalog").string());
  EXPECT_TRUE(fs::is_regular_file(fs::path(*search.found) / "racks.yaml"));
}

TEST(CatalogDirOfThisProgram, TheVariableOverridesAndAnEmptyFolderIsReported) {
  const char* saved = std::getenv("RACKSCALE_CATALOG_DIR");
  std::string saved_value = saved ? saved : "";
  auto empty = fs::temp_directory_path() / "rackscale-catalog-dir-empty";
  fs::create_directories(empty);
  setenv("RACKSCALE_CATALOG_DIR", empty.c_str(), 1);
  EXPECT_EQ(io::builtin_catalog_dir(), empty.string());
  EXPECT_THROW(io::load_catalog(), rackscale::InputError);
  if (saved) {
    setenv("RACKSCALE_CATALOG_DIR", saved_value.c_str(), 1);
  } else {
    unsetenv("RACKSCALE_CATALOG_DIR");
  }
  fs::remove_all(empty);
}
