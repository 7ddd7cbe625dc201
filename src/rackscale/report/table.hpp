#pragma once
//! Plain-text tables with aligned columns, for terminal output and Markdown-like summaries, and
//! the text helpers the outputs share: thousands separators, Markdown tables and CSV fields.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rackscale/core/digit_grouping.hpp"

namespace rackscale::report {

//! A table of strings rendered with aligned columns.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  //! Right-aligns the given columns (numbers).
  void align_right(std::set<std::size_t> columns) { right_ = std::move(columns); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  //! Renders with two spaces between columns and a rule under the header.
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::set<std::size_t> right_;
};

// Thousands separators live in core (io's messages use them too).
using rackscale::group_digits;
using rackscale::group_thousands;

//! A Markdown table: a `| a | b |` line per row under the header and a `|---|---|` rule.
std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows);

//! An HTML table (text escaped): the first column text, the others numbers (right-aligned).
std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

//! A CSV field: as it is, or in double quotes (quotes doubled) if it holds a comma, a quote or
//! a newline.
std::string csv_field(const std::string& s);

}  // namespace rackscale::report
