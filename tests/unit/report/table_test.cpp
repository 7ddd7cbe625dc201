// The text helpers the outputs share: aligned tables, thousands separators, Markdown tables and
// CSV fields.

#include "rackscale/report/table.hpp"

#include <gtest/gtest.h>

namespace rackscale::report {
namespace {

TEST(Table, AlignsColumnsUnderARule) {
  Table t({"site", "racks"});
  t.align_right({1});
  t.add({"a", "1,200"});
  t.add({"longer", "7"});
  EXPECT_EQ(t.render(),
            "site    racks\n"
            "-------------\n"
            "a       1,200\n"
            "longer      7\n");
}

TEST(GroupThousands, GroupsDigitsAndKeepsTheSign) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1,000");
  EXPECT_EQ(group_thousands(1234567), "1,234,567");
  EXPECT_EQ(group_thousands(-45000), "-45,000");
  EXPECT_EQ(group_digits(""), "");
  EXPECT_EQ(group_digits("123456"), "123,456");
}

TEST(MarkdownTable, HeaderRuleAndRows) {
  EXPECT_EQ(markdown_table({"a", "b"}, {{"1", "2"}, {"x", "y"}}),
            "| a | b |\n|---|---|\n| 1 | 2 |\n| x | y |\n");
  EXPECT_EQ(markdown_table({"only"}, {}), "| only |\n|---|\n");
}

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

}  // namespace
}  // namespace rackscale::report
