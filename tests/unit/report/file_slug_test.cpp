// Names from the scenario as file-name parts: nothing that leaves the folder, hides the file or
// exceeds the length limit survives; plain names are kept as they are.

#include "rackscale/report/file_slug.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rackscale::report {
namespace {

TEST(FileSlug, KeepsPlainNames) {
  EXPECT_EQ(file_slug("abilene-tx", "site"), "abilene-tx");
  EXPECT_EQ(file_slug("H100_SuperPOD.v2", "site"), "H100_SuperPOD.v2");
}

TEST(FileSlug, PathsCannotLeaveTheFolder) {
  EXPECT_EQ(file_slug("../../../somewhere", "x"), "somewhere");
  EXPECT_EQ(file_slug("/etc/passwd", "x"), "etc-passwd");
  EXPECT_EQ(file_slug("a/../b", "x"), "a-..-b");
  EXPECT_EQ(file_slug("..", "x"), "x");
  EXPECT_EQ(file_slug(".hidden", "x"), "hidden");
}

TEST(FileSlug, ControlCharactersSpacesAndRunsBecomeOneDash) {
  EXPECT_EQ(file_slug("two\nlines\there", "x"), "two-lines-here");
  EXPECT_EQ(file_slug("Site  #1 (east)", "x"), "Site-1-east");
}

TEST(FileSlug, EachUtf8CharacterBecomesOneDash) {
  // "Zürich" is Z, 0xC3 0xBC, rich: the two bytes of ü are one replaced run.
  EXPECT_EQ(file_slug("Z\xC3\xBCrich", "x"), "Z-rich");
  // "東京" (6 bytes) alone leaves nothing: the fallback.
  EXPECT_EQ(file_slug("\xE6\x9D\xB1\xE4\xBA\xAC", "site"), "site");
}

TEST(FileSlug, LongNamesAreCutToTheLimit) {
  const std::string slug = file_slug(std::string(250, 'a'), "x");
  EXPECT_EQ(slug, std::string(80, 'a'));
  // A cut that ends on a replaced character drops it.
  EXPECT_EQ(file_slug(std::string(79, 'b') + "/c", "x"), std::string(79, 'b'));
}

TEST(FileSlug, EmptyNamesGiveTheFallback) {
  EXPECT_EQ(file_slug("", "scenario"), "scenario");
  EXPECT_EQ(file_slug("///", "scenario"), "scenario");
}

TEST(FileSlug, UniqueSlugsNumberRepeats) {
  EXPECT_EQ(unique_file_slugs({"a/b", "a b", "a-b", "c"}, "x"),
            (std::vector<std::string>{"a-b", "a-b-2", "a-b-3", "c"}));
  EXPECT_EQ(unique_file_slugs({"", ""}, "site"), (std::vector<std::string>{"site", "site-2"}));
}

}  // namespace
}  // namespace rackscale::report
