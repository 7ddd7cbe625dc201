#include "rackscale/core/diagnostics.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/core/unit_parser.hpp"

namespace rackscale {

std::vector<std::string> SourceTexts::files() const {
  std::vector<std::string> out;
  out.reserve(lines_.size());
  for (const auto& entry : lines_) out.push_back(entry.first);
  return out;
}

void SourceTexts::add(const std::string& file, const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  lines_[file] = std::move(lines);
}

const std::string* SourceTexts::line(const std::string& file, int line) const {
  auto it = lines_.find(file);
  if (line <= 0 || it == lines_.end() || line > static_cast<int>(it->second.size())) {
    return nullptr;
  }
  return &it->second[static_cast<std::size_t>(line - 1)];
}

std::vector<Diagnostic> sorted(std::vector<Diagnostic> diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.where.file, a.where.line, a.where.column) <
                            std::tie(b.where.file, b.where.line, b.where.column);
                   });
  return diagnostics;
}

namespace {

// The offending line and, under it, a caret at the column and `~` over the rest of the width
// (tabs kept so that the caret lines up).
std::string excerpt(const std::string& text, const Diagnostic& d) {
  const std::string number = std::to_string(d.where.line);
  std::string marker(static_cast<std::size_t>(std::max(1, d.where.column) - 1), ' ');
  for (std::size_t i = 0; i < marker.size() && i < text.size(); ++i) {
    if (text[i] == '\t') marker[i] = '\t';
  }
  marker += '^';
  if (d.width > 1) marker += std::string(static_cast<std::size_t>(d.width - 1), '~');
  return fmt::format(" {} | {}\n {} | {}\n", number, text, std::string(number.size(), ' '), marker);
}

}  // namespace

std::string render(const Diagnostic& d, const SourceTexts& sources) {
  const SourceLocation& w = d.where;
  const char* severity = d.severity == Severity::warning ? "warning" : "error";
  std::string out;
  if (w.file.empty()) {
    out += fmt::format("{}: ", severity);
  } else if (w.line > 0) {
    out += fmt::format("{}:{}:{}: {}: ", w.file, w.line, w.column, severity);
  } else {
    out += fmt::format("{}: {}: ", w.file, severity);
  }
  if (!d.key_path.empty()) out += d.key_path + ": ";
  out += d.message + "\n";
  if (const std::string* text = sources.line(w.file, w.line)) out += excerpt(*text, d);
  if (!d.suggestion.empty()) out += "  hint: " + d.suggestion + "\n";
  return out;
}

std::string render(const std::vector<Diagnostic>& diagnostics, const SourceTexts& sources) {
  std::string out;
  for (const auto& d : sorted(diagnostics)) out += render(d, sources);
  const auto warnings = std::count_if(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
    return d.severity == Severity::warning;
  });
  const auto errors = static_cast<long>(diagnostics.size()) - warnings;
  auto count = [](long n, const char* what) {
    return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
  };
  if (warnings == 0) return out + count(errors, "error") + "\n";
  if (errors == 0) return out + count(warnings, "warning") + "\n";
  return out + count(errors, "error") + ", " + count(warnings, "warning") + "\n";
}

void Diagnostics::add(Diagnostic d) {
  (d.severity == Severity::warning ? warnings_ : items_).push_back(std::move(d));
}

void Diagnostics::warning(const SourceLocation& where, std::string key_path, std::string message,
                          std::string suggestion, int width) {
  warnings_.push_back(Diagnostic{where, std::move(key_path), std::move(message),
                                 std::move(suggestion), width, Severity::warning});
}

void Diagnostics::promote_warnings() {
  for (Diagnostic& d : warnings_) {
    d.severity = Severity::error;
    items_.push_back(std::move(d));
  }
  warnings_.clear();
}

void Diagnostics::error(const SourceLocation& where, std::string key_path, std::string message,
                        std::string suggestion, int width) {
  items_.push_back(
      Diagnostic{where, std::move(key_path), std::move(message), std::move(suggestion), width});
}

std::string Diagnostics::render(const Diagnostic& d) const {
  return rackscale::render(d, sources_);
}

std::string Diagnostics::render() const {
  return rackscale::render(items_, sources_);
}

std::string Diagnostics::render_warnings() const {
  return warnings_.empty() ? "" : rackscale::render(warnings_, sources_);
}

void Diagnostics::throw_if_any() const {
  if (items_.empty()) return;
  throw InputError(sorted(items_), render());
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
