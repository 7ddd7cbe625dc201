// The named-column CSV writer: header first, rows by position or by name, every column checked,
// fields quoted as RFC 4180 asks.

#include "rackscale/report/csv_writer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace rackscale::report {
namespace {

TEST(CsvWriter, StartsWithTheHeaderRow) {
  CsvWriter csv({"site", "racks"});
  EXPECT_EQ(csv.text(), "site,racks\n");
}

TEST(CsvWriter, RowsInDeclaredOrderAndByNameGiveTheSameLine) {
  CsvWriter csv({"site", "racks", "note"});
  csv.add_row({"abilene-tx", "2000", ""});
  csv.add_named_row({{"racks", "2000"}, {"note", ""}, {"site", "abilene-tx"}});
  EXPECT_EQ(csv.text(), "site,racks,note\nabilene-tx,2000,\nabilene-tx,2000,\n");
}

TEST(CsvWriter, QuotesFieldsWithACommaAQuoteOrANewline) {
  CsvWriter csv({"name", "note"});
  csv.add_row({"deal, phase 2", "say \"hi\""});
  csv.add_row({"two\nlines", "plain"});
  // RFC 4180, section 2, rules 6 and 7: such fields in double quotes, inner quotes doubled.
  EXPECT_EQ(csv.text(), "name,note\n\"deal, phase 2\",\"say \"\"hi\"\"\"\n\"two\nlines\",plain\n");
}

TEST(CsvWriter, TextThatASpreadsheetWouldRunAsAFormulaGetsALeadingQuote) {
  // OWASP "CSV Injection": cells starting with = + - @ tab or carriage return are formulas to
  // Excel, LibreOffice and Google Sheets; a leading ' makes them text.
  CsvWriter csv({"name", "note"});
  csv.add_row({"=HYPERLINK(\"http://x\")", "+1+cmd"});
  csv.add_row({"-2+3", "@SUM(A1)"});
  csv.add_row({"\tlead", "mid=dle"});
  EXPECT_EQ(
      csv.text(),
      "name,note\n\"'=HYPERLINK(\"\"http://x\"\")\",'+1+cmd\n'-2+3,'@SUM(A1)\n'\tlead,mid=dle\n");
}

TEST(CsvWriter, NegativeNumbersStayNumbers) {
  CsvWriter csv({"a", "b", "c"});
  csv.add_row({"-3.5", "-1e-05", "-12"});
  EXPECT_EQ(csv.text(), "a,b,c\n-3.5,-1e-05,-12\n");
}

TEST(CsvWriter, EveryRowMustGiveEveryColumnOnce) {
  CsvWriter csv({"a", "b"});
  EXPECT_THROW(csv.add_row({"1"}), std::logic_error);
  EXPECT_THROW(csv.add_row({"1", "2", "3"}), std::logic_error);
  EXPECT_THROW(csv.add_named_row({{"a", "1"}}), std::logic_error);
  EXPECT_THROW(csv.add_named_row({{"a", "1"}, {"a", "2"}}), std::logic_error);
  EXPECT_THROW(csv.add_named_row({{"a", "1"}, {"c", "2"}}), std::logic_error);
  // A rejected row leaves nothing behind.
  EXPECT_EQ(csv.text(), "a,b\n");
  EXPECT_THROW(CsvWriter({"a", "a"}), std::logic_error);
}

}  // namespace
}  // namespace rackscale::report
