// manifest.json lists every file written with its size and SHA-256, checked against the bytes on
// disk and, for a file holding "abc", against the FIPS 180-2 example digest.

#include "rackscale/report/manifest.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "rackscale/core/sha256.hpp"
#include "support/file_text.hpp"

namespace rackscale::report {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  return test::file_text(path);
}

ManifestRun run_of(std::optional<int> runs) {
  return {{"0.1.0-test", 42, "fnv1a64:0123456789abcdef", "demo"},
          runs,
          {"rackscale", "plan", "demo.yaml", "-o", "out, \"quoted\""}};
}

TEST(Manifest, ListsEveryFileWrittenWithItsSizeAndSha256) {
  const fs::path dir = fs::path(::testing::TempDir()) / "rackscale-manifest-test";
  fs::remove_all(dir);
  OutputFiles files;
  files.add("abc.txt", "abc");
  files.add("timeline.csv", "week,site\n0,\"a,b\"\n");
  files.add("empty.txt", "");
  add_manifest(files, run_of(1000));
  const auto written = files.write(dir.string());
  ASSERT_EQ(written.size(), 4u);
  EXPECT_EQ(fs::path(written.back()).filename(), "manifest.json");  // renamed into place last

  const auto manifest = nlohmann::json::parse(read(dir / "manifest.json"));
  EXPECT_EQ(manifest["rackscale_version"], "0.1.0-test");
  EXPECT_EQ(manifest["scenario"], "demo");
  EXPECT_EQ(manifest["input_hash"], "fnv1a64:0123456789abcdef");
  EXPECT_EQ(manifest["seed"], 42);
  EXPECT_EQ(manifest["runs"], 1000);
  EXPECT_EQ(manifest["command_line"][4], "out, \"quoted\"");
  const auto& list = manifest["files"];
  ASSERT_EQ(list.size(), 3u);  // every file but the manifest itself
  // "abc" is 3 bytes with the digest of FIPS 180-2, appendix B.1.
  EXPECT_EQ(list[0]["name"], "abc.txt");
  EXPECT_EQ(list[0]["size_bytes"], 3);
  EXPECT_EQ(list[0]["sha256"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // Every entry matches the file on disk.
  for (const auto& entry : list) {
    const fs::path path = dir / entry["name"].get<std::string>();
    EXPECT_EQ(entry["size_bytes"].get<std::uintmax_t>(), fs::file_size(path)) << path;
    EXPECT_EQ(entry["sha256"], sha256_hex(read(path))) << path;
  }
  fs::remove_all(dir);
}

TEST(Manifest, LeavesOutRunsWithoutAMonteCarlo) {
  OutputFiles files;
  files.add("design.json", "{}\n");
  const auto manifest = nlohmann::json::parse(manifest_json(run_of(std::nullopt), files));
  EXPECT_FALSE(manifest.contains("runs"));
  EXPECT_EQ(manifest["files"][0]["size_bytes"], 3);
}

}  // namespace
}  // namespace rackscale::report
