#include "rackscale/report/csv_writer.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

bool is_number(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return error == std::errc() && stop == end;
}

}  // namespace

std::string formula_safe(const std::string& text) {
  const bool risky =
      !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  return risky && !is_number(text) ? "'" + text : text;
}

CsvWriter::CsvWriter(std::vector<std::string> columns) : columns_(std::move(columns)) {
  for (auto c = columns_.begin(); c != columns_.end(); ++c) {
    if (std::find(columns_.begin(), c, *c) != c) {
      throw std::logic_error(fmt::format("CSV column '{}' declared twice", *c));
    }
  }
  append_line(columns_);
}

void CsvWriter::add_row(const std::vector<std::string>& values) {
  if (values.size() != columns_.size()) {
    throw std::logic_error(fmt::format("CSV row with {} values for {} columns ({}...)",
                                       values.size(), columns_.size(), columns_.front()));
  }
  append_line(values);
}

void CsvWriter::add_named_row(const std::vector<CsvCell>& cells) {
  std::vector<std::string> fields(columns_.size());
  std::vector<bool> given(columns_.size(), false);
  for (const auto& cell : cells) {
    const auto at = std::find(columns_.begin(), columns_.end(), cell.column);
    if (at == columns_.end()) {
      throw std::logic_error(fmt::format("CSV row names an unknown column '{}'", cell.column));
    }
    const auto i = static_cast<std::size_t>(at - columns_.begin());
    if (given[i]) throw std::logic_error(fmt::format("CSV row gives '{}' twice", cell.column));
    given[i] = true;
    fields[i] = cell.value;
  }
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (!given[i]) throw std::logic_error(fmt::format("CSV row lacks column '{}'", columns_[i]));
  }
  append_line(fields);
}

void CsvWriter::append_line(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text_ += ',';
    text_ += csv_field(formula_safe(fields[i]));
  }
  text_ += '\n';
}

}  // namespace rackscale::report
