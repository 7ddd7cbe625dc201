#pragma once
//! CSV files with named columns (RFC 4180 fields, "\n" line ends): the columns are declared once
//! and written as the header row, the first line of the file; every row then gives every column,
//! in declared order or by name, and is checked to do so.

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
