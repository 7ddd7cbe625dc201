// CSV read back as csv_writer.hpp writes it: quoted fields, doubled quotes, the formula guard.

#include "rackscale/report/csv_reader.hpp"

#include <gtest/gtest.h>

#include "rackscale/core/error.hpp"
#include "rackscale/report/csv_writer.hpp"

namespace rackscale::report {
namespace {

TEST(CsvReader, ReadsWhatTheWriterWrote) {
  CsvWriter csv({"site", "note", "value"});
  csv.add_row({"a,b", "say \"hi\"\nthen go", "1.5"});
  csv.add_row({"-minus", "=SUM(A1)", ""});
  const CsvTable table(csv.text(), "t.csv");
  ASSERT_EQ(table.rows().size(), 2u);
  EXPECT_EQ(table.at(0, "site"), "a,b");
  EXPECT_EQ(table.at(0, "note"), "say \"hi\"\nthen go");
  EXPECT_DOUBLE_EQ(*table.number(0, "value"), 1.5);
  EXPECT_EQ(table.at(1, "site"), "-minus");  // written as '-minus
  EXPECT_EQ(table.at(1, "note"), "=SUM(A1)");
  EXPECT_FALSE(table.number(1, "value"));
}

TEST(CsvReader, ErrorsNameTheFileAndTheProblem) {
  EXPECT_THROW(CsvTable("", "e.csv"), Error);
  try {
    const CsvTable table("a,b\n1,2,3\n", "rows.csv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "rows.csv: row 2 has 3 fields, the header 2");
  }
  const CsvTable table("a,b\n1,x\n", "n.csv");
  try {
    (void)table.number(0, "b");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "n.csv: row 2, column 'b': expected a number, got \"x\"");
  }
  try {
    (void)table.column("c");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "n.csv: no column 'c'");
  }
  EXPECT_THROW(CsvTable("a\n\"open\n", "q.csv"), Error);
}

}  // namespace
}  // namespace rackscale::report
