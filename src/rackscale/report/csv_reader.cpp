#include "rackscale/report/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "rackscale/core/error.hpp"

namespace rackscale::report {

namespace {

// What formula_safe added: "'" before a text starting with one of its risky characters.
std::string without_formula_guard(std::string field) {
  if (field.size() >= 2 && field.front() == '\'' &&
      std::string_view("=+-@\t\r").find(field[1]) != std::string_view::npos) {
    field.erase(0, 1);
  }
  return field;
}

// The records of `text`, each a list of fields.
std::vector<std::vector<std::string>> parse_records(std::string_view text,
                                                    const std::string& name) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(without_formula_guard(std::move(field)));
      field.clear();
    } else if (c == '\n') {
      record.push_back(without_formula_guard(std::move(field)));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted) throw Error(fmt::format("{}: a quoted field is not closed", name));
  if (!field.empty() || !record.empty()) {
    record.push_back(without_formula_guard(std::move(field)));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

CsvTable::CsvTable(std::string_view text, std::string name) : name_(std::move(name)) {
  auto records = parse_records(text, name_);
  if (records.empty()) throw Error(fmt::format("{}: empty file, expected a header row", name_));
  header_ = std::move(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != header_.size()) {
      throw Error(fmt::format("{}: row {} has {} fields, the header {}", name_, r + 1,
                              records[r].size(), header_.size()));
    }
    rows_.push_back(std::move(records[r]));
  }
}

std::size_t CsvTable::column(std::string_view column) const {
  const auto at = std::find(header_.begin(), header_.end(), column);
  if (at == header_.end()) throw Error(fmt::format("{}: no column '{}'", name_, column));
  return static_cast<std::size_t>(at - header_.begin());
}

const std::string& CsvTable::at(std::size_t row, std::string_view column_name) const {
  return rows_.at(row).at(column(column_name));
}

std::optional<double> CsvTable::number(std::size_t row, std::string_view column_name) const {
  const std::string& text = at(row, column_name);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) {
    throw Error(fmt::format("{}: row {}, column '{}': expected a number, got \"{}\"", name_,
                            row + 2, column_name, text));
  }
  return value;
}

}  // namespace rackscale::report
