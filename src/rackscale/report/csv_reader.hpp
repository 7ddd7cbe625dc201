#pragma once
//! CSV files as csv_writer.hpp writes them, read back by column name: RFC 4180 fields (quoted
//! fields may hold commas, quotes doubled and line ends), the header row first. A field that
//! formula_safe prefixed with "'" is read without the prefix.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rackscale::report {

//! A CSV file parsed into its header and rows.
class CsvTable {
 public:
  //! Parses `text`; `name` names the file in errors. Throws rackscale::Error on an unterminated
  //! quote, a row whose field count differs from the header's, or a file with no header.
  CsvTable(std::string_view text, std::string name);

  //! The rows after the header, each with one field per column.
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }
  //! The index of `column`; throws rackscale::Error naming the file if there is none.
  std::size_t column(std::string_view column) const;
  //! The field of `column` in row `row`.
  const std::string& at(std::size_t row, std::string_view column) const;
  //! The field of `column` in row `row` as a number, nullopt if empty; throws rackscale::Error
  //! naming the file, line and column if it is not a number.
  std::optional<double> number(std::size_t row, std::string_view column) const;
  //! The file's name as given.
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace rackscale::report
