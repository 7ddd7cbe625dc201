#pragma once
//! Plain-text tables with aligned columns, for terminal output and Markdown-like summaries.

#include <set>
#include <string>
#include <vector>

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

//! 1234567 -> "1,234,567".
std::string group_thousands(long long n);

}  // namespace rackscale::report
