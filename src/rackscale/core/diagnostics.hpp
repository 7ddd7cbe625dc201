#pragma once
//! User-facing diagnostics with source locations, rendered with the offending line and a caret
//! (after Cantera's formatInputFile). Validation collects every diagnostic, then throws once.

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rackscale {

//! Where a value came from: file, 1-based line and column. Line 0 means "whole file".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

//! How serious a diagnostic is: an error stops the command (exit 2); a warning is printed and the
//! command goes on (exit 0), unless `--strict` makes warnings errors.
enum class Severity { error, warning };

//! One problem in the input.
struct Diagnostic {
  SourceLocation where;
  std::string key_path;    //!< e.g. `sites[2].grid[0].capacity`
  std::string message;     //!< the rule broken and the value, e.g. `must be >= 0, got -3`
  std::string suggestion;  //!< e.g. `did you mean "capacity"?` (may be empty)
  int width = 1;           //!< number of columns to underline
  Severity severity = Severity::error;
};

//! The text of each input file read, by name, so that a diagnostic can show its line. The
//! loader keeps them; errors raised later (by the design layer, which reads no file) are
//! rendered with them where the loaded input is at hand.
class SourceTexts {
 public:
  //! Registers the text of a file (replacing an earlier text of the same name).
  void add(const std::string& file, const std::string& text);
  //! Line `line` (1-based) of `file`, or null when the file or the line is not held.
  const std::string* line(const std::string& file, int line) const;
  //! The names of the files held, sorted.
  std::vector<std::string> files() const;

 private:
  std::map<std::string, std::vector<std::string>> lines_;
};

//! Renders one diagnostic: `file:line:col: error: key.path: message` (`warning:` for a warning),
//! then the offending line with a caret when `sources` holds it, then the hint. Without a file
//! it reads `error: ...`.
std::string render(const Diagnostic& d, const SourceTexts& sources);
//! Renders diagnostics sorted by file, line and column, then the count (`2 errors`,
//! `1 warning`, `2 errors, 1 warning`).
std::string render(const std::vector<Diagnostic>& diagnostics, const SourceTexts& sources);

//! Collects diagnostics while input is read, with the text of each file for excerpts. Errors and
//! warnings are kept apart: empty(), size() and items() count errors only, so that a reader can
//! tell whether its part of the input was valid; warnings() holds the rest.
class Diagnostics {
 public:
  //! Registers the text of a file so diagnostics can show its lines.
  void add_source(const std::string& file, const std::string& text) { sources_.add(file, text); }
  //! The texts registered so far.
  const SourceTexts& sources() const { return sources_; }
  //! Records a problem, as an error or a warning by its severity.
  void add(Diagnostic d);
  //! Records an error (convenience).
  void error(const SourceLocation& where, std::string key_path, std::string message,
             std::string suggestion = {}, int width = 1);
  //! Records a warning: input that runs but probably not as meant.
  void warning(const SourceLocation& where, std::string key_path, std::string message,
               std::string suggestion = {}, int width = 1);
  //! Turns every warning into an error (`--strict`).
  void promote_warnings();

  //! Replaces the diagnostic at `index` (as counted by size() when it was added).
  void replace(std::size_t index, Diagnostic d) { items_.at(index) = std::move(d); }

  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  //! The warnings, in the order found.
  const std::vector<Diagnostic>& warnings() const { return warnings_; }

  //! Renders every error, sorted by file, line and column, with excerpts and carets.
  std::string render() const;
  //! Renders every warning as render() does (empty if there are none).
  std::string render_warnings() const;
  //! Renders one diagnostic.
  std::string render(const Diagnostic& d) const;
  //! Throws InputError with every diagnostic if there are any.
  void throw_if_any() const;

 private:
  SourceTexts sources_;
  std::vector<Diagnostic> items_;
  std::vector<Diagnostic> warnings_;
};

//! `diagnostics` sorted by file, line and column (stable: equal places keep their order).
std::vector<Diagnostic> sorted(std::vector<Diagnostic> diagnostics);

//! The closest of `candidates` to `word` within a small edit distance, or "" (for "did you mean").
std::string nearest_match(const std::string& word, const std::vector<std::string>& candidates);
//! `did you mean "x"?` for the nearest candidate, or "" if none is near.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
//! Formats `did you mean "x"?` or, with no near match, `expected one of: a, b, c` ("" if there
//! are no candidates).
std::string suggest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace rackscale
