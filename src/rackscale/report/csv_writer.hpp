#pragma once
//! CSV files with named columns (RFC 4180 fields, "\n" line ends): the columns are declared once
//! and written as the header row, the first line of the file; every row then gives every column,
//! in declared order or by name, and is checked to do so. Every field goes through formula_safe,
//! so that a name from the scenario cannot run as a spreadsheet formula.

#include <string>
#include <string_view>
#include <vector>

namespace rackscale::report {

//! One field of a row given by name: its column and its text. Numbers are formatted by the
//! caller, since each file keeps its own number format.
struct CsvCell {
  std::string_view column;
  std::string value;
};

//! `text` made safe to open in a spreadsheet (the OWASP "CSV injection" rule): text starting
//! with '=', '+', '-', '@', a tab or a carriage return gets a leading "'", so that it shows as
//! text instead of running as a formula; numbers such as "-3.5" or "-1e-05" are kept as they are.
std::string formula_safe(const std::string& text);

//! A CSV file built row by row in memory.
class CsvWriter {
 public:
  //! Starts the file with its header row. Throws std::logic_error on a repeated column name.
  explicit CsvWriter(std::vector<std::string> columns);

  //! Appends a row given in the declared column order. Throws std::logic_error (a bug in the
  //! caller, not bad input) unless there is exactly one value per column.
  void add_row(const std::vector<std::string>& values);

  //! Appends a row given by column name, in any order (an empty value for an empty field).
  //! Throws std::logic_error unless every column is named exactly once.
  void add_named_row(const std::vector<CsvCell>& cells);

  //! The file so far: the header row, then one line per row.
  const std::string& text() const { return text_; }

 private:
  void append_line(const std::vector<std::string>& fields);

  std::vector<std::string> columns_;
  std::string text_;
};

}  // namespace rackscale::report
