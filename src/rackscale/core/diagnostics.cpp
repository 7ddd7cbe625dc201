#include "rackscale/core/diagnostics.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/core/unit_parser.hpp"

namespace rackscale {

void Diagnostics::add_source(const std::string& file, const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  lines_[file] = std::move(lines);
}

void Diagnostics::add(Diagnostic d) {
  items_.push_back(std::move(d));
}

void Diagnostics::error(const SourceLocation& where, std::string key_path, std::string message,
                        std::string suggestion, int width) {
  items_.push_back(
      Diagnostic{where, std::move(key_path), std::move(message), std::move(suggestion), width});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> v = items_;
  std::stable_sort(v.begin(), v.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
  return v;
}

std::string Diagnostics::render(const Diagnostic& d) const {
  std::string out;
  const auto& w = d.where;
  if (w.line > 0) {
    out += fmt::format("{}:{}:{}: error: ", w.file, w.line, w.column);
  } else {
    out += fmt::format("{}: error: ", w.file);
  }
  if (!d.key_path.empty()) out += d.key_path + ": ";
  out += d.message + "\n";
  auto it = lines_.find(w.file);
  if (w.line > 0 && it != lines_.end() && w.line <= static_cast<int>(it->second.size())) {
    const std::string& text = it->second[static_cast<std::size_t>(w.line - 1)];
    std::string number = std::to_string(w.line);
    out += fmt::format(" {} | {}\n", number, text);
    int col = std::max(1, w.column);
    std::string marker(static_cast<std::size_t>(col - 1), ' ');
    for (std::size_t i = 0; i < marker.size() && i < text.size(); ++i) {
      if (text[i] == '\t') marker[i] = '\t';
    }
    marker += '^';
    if (d.width > 1) marker += std::string(static_cast<std::size_t>(d.width - 1), '~');
    out += fmt::format(" {} | {}\n", std::string(number.size(), ' '), marker);
  }
  if (!d.suggestion.empty()) out += "  hint: " + d.suggestion + "\n";
  return out;
}

std::string Diagnostics::render() const {
  std::string out;
  for (const auto& d : sorted()) out += render(d);
  out += fmt::format("{} error{}\n", items_.size(), items_.size() == 1 ? "" : "s");
  return out;
}

void Diagnostics::throw_if_any() const {
  if (items_.empty()) return;
  throw InputError(sorted(), render());
}

std::string nearest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  // Allow about one edit in three characters, at least two.
  std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::size_t best_d = limit + 1;
  for (const auto& c : candidates) {
    std::size_t d = units::edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string near = nearest_match(word, candidates);
  return near.empty() ? "" : fmt::format("did you mean \"{}\"?", near);
}

std::string suggest(const std::string& word, const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "";
  std::string near = did_you_mean(word, candidates);
  if (!near.empty()) return near;
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return "expected one of: " + list;
}

}  // namespace rackscale
