#include "rackscale/io/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>

namespace rackscale::io {

SourceLocation location(const std::string& file, const YAML::Mark& mark) {
  if (mark.line < 0) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

std::string describe_node(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return fmt::format("\"{}\"", node.Scalar());
}

std::optional<std::string> read_input_text(const std::string& path, const InputLimits& limits,
                                           Diagnostics& diag, const std::string& key_path,
                                           const std::string& open_hint) {
  auto text = read_input_file(path, limits);
  if (auto* problem = std::get_if<FileProblem>(&text)) {
    diag.error(SourceLocation{path, 0, 0}, key_path, std::move(problem->message),
               problem->hint.empty() ? open_hint : std::move(problem->hint));
    return std::nullopt;
  }
  return std::move(std::get<std::string>(text));
}

std::optional<YAML::Node> load_yaml_file(const std::string& path, Diagnostics& diag,
                                         const InputLimits& limits) {
  auto text = read_input_text(
      path, limits, diag, "",
      "check the path (relative paths are resolved against the file that names them)");
  if (!text) return std::nullopt;
  return load_yaml_text(path, *text, diag, limits);
}

namespace {

// A YAML document went beyond a limit of InputLimits at `mark`.
struct StructureLimitHit {
  YAML::Mark mark;
  std::string message;
  std::string hint;
};

// Follows the parser's events to measure nesting depth and what aliases expand to, and stops at
// the first node beyond a limit: a cheap pass before the document is built, so that neither a
// deep document (yaml-cpp recurses on nesting) nor an alias bomb reaches the node tree or the
// loaders. The size of a node counts every node below it, aliases expanded; an alias adds the
// size of the node it names, so aliases of aliases compound as they would when expanded.
class StructureScan : public YAML::EventHandler {
 public:
  explicit StructureScan(const InputLimits& limits) : limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {
    open_.clear();
    anchored_size_.clear();
    alias_nodes_ = 0;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { add_node(anchor, 1); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    add_node(anchor, 1);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchored_size_.find(anchor);
    const std::uint64_t size = it == anchored_size_.end() ? 1 : it->second;
    alias_nodes_ += size;
    if (alias_nodes_ > limits_.max_yaml_alias_nodes) {
      throw StructureLimitHit{
          mark,
          fmt::format("aliases (*name) expand to more than {} nodes", limits_.max_yaml_alias_nodes),
          "write the values out; aliases that expand into many copies are refused"};
    }
    add_node(YAML::NullAnchor, size);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    enter(mark, anchor);
  }
  void OnSequenceEnd() override { leave(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    enter(mark, anchor);
  }
  void OnMapEnd() override { leave(); }

 private:
  // A map or list being read: its anchor and the nodes in it so far (itself included).
  struct Open {
    YAML::anchor_t anchor;
    std::uint64_t size;
  };

  void enter(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(open_.size()) >= limits_.max_yaml_depth) {
      throw StructureLimitHit{
          mark,
          fmt::format("maps and lists nested more than {} levels deep", limits_.max_yaml_depth),
          "the scenario and catalog formats nest a few levels; check the brackets and indentation"};
    }
    open_.push_back({anchor, 1});
  }
  void leave() {
    const Open done = open_.back();
    open_.pop_back();
    add_node(done.anchor, done.size);
  }
  // A finished node of `size` nodes: remembered under its anchor, counted in its parent.
  void add_node(YAML::anchor_t anchor, std::uint64_t size) {
    if (anchor != YAML::NullAnchor) anchored_size_[anchor] = size;
    if (!open_.empty()) open_.back().size += size;
  }

  const InputLimits& limits_;
  std::vector<Open> open_;
  std::map<YAML::anchor_t, std::uint64_t> anchored_size_;
  std::uint64_t alias_nodes_ = 0;
};

// Records the first place where `text` goes beyond `limits`; true if it stays within them.
// Syntax errors are left to YAML::Load, which reports them.
bool within_structure_limits(const std::string& file, const std::string& text,
                             const InputLimits& limits, Diagnostics& diag) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  StructureScan scan(limits);
  try {
    // The first document only, as YAML::Load reads only that one. (yaml-cpp 0.7 can report a
    // next document forever on some malformed streams: found by the catalog fuzzer.)
    parser.HandleNextDocument(scan);
  } catch (const StructureLimitHit& hit) {
    diag.error(location(file, hit.mark), "", hit.message, hit.hint);
    return false;
  } catch (const YAML::Exception&) {
  }
  return true;
}

}  // namespace

std::optional<YAML::Node> load_yaml_text(const std::string& file, const std::string& text,
                                         Diagnostics& diag, const InputLimits& limits) {
  diag.add_source(file, text);
  if (!within_structure_limits(file, text, limits, diag)) return std::nullopt;
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diag.error(location(file, e.mark), "", fmt::format("YAML syntax error: {}", e.msg),
               "check indentation, colons and brackets near this point");
    return std::nullopt;
  }
}

Expectation expect_quantity(units::Dim dim) {
  return {units::expected_text(dim), units::describe(dim).example, ""};
}

std::string format_si(double si, units::Dim dim) {
  auto info = units::describe(dim);
  if (dim.is_dimensionless()) return fmt::format("{}", si);
  // Express the bound in the unit of the dimension's example ("132 kW" -> kW).
  std::string unit = info.example.substr(info.example.find(' ') + 1);
  auto parsed = units::parse_quantity("1 " + unit);
  if (auto* q = std::get_if<units::ParsedQuantity>(&parsed); q && q->si != 0.0) {
    return fmt::format("{} {}", si / q->si, unit);
  }
  return fmt::format("{}", si);
}

namespace {
thread_local KeyRecorder* active_recorder = nullptr;
}  // namespace

KeyRecorder::KeyRecorder() : previous_(active_recorder) {
  active_recorder = this;
}

KeyRecorder::~KeyRecorder() {
  active_recorder = previous_;
}

KeyRecorder* KeyRecorder::active() {
  return active_recorder;
}

std::string key_path_pattern(const std::string& path) {
  std::string out;
  bool in_index = false;
  for (char c : path) {
    if (c == '[') in_index = true;
    if (!in_index || c == '[' || c == ']') out += c;
    if (c == ']') in_index = false;
  }
  return out;
}

MapReader::MapReader(Diagnostics& diag, std::string file, YAML::Node node, std::string path)
    : diag_(&diag), file_(std::move(file)), node_(node), path_(std::move(path)) {
  valid_ = node_.IsMap();
  if (!valid_) {
    diag_->error(location(file_, node_.Mark()), path_,
                 fmt::format("expected a map of keys, got {}", describe_node(node_)));
  }
}

SourceLocation MapReader::where() const {
  return location(file_, node_.Mark());
}

SourceLocation MapReader::where(const std::string& key) const {
  if (valid_) {
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      if (it->first.Scalar() == key) {
        YAML::Mark mark = it->second.IsNull() ? it->first.Mark() : it->second.Mark();
        return location(file_of(child_path(key)), mark);
      }
    }
  }
  return where();
}

std::string MapReader::child_path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

std::string MapReader::fmt_index(const std::string& key, std::size_t i) const {
  return fmt::format("{}[{}]", child_path(key), i);
}

std::string MapReader::file_of(const std::string& path) const {
  if (!sources_) return file_;
  // The longest replaced path that is `path` or lies above it.
  for (std::string p = path;;) {
    if (auto it = sources_->find(p); it != sources_->end()) return it->second;
    std::size_t cut = p.find_last_of(".[");
    if (cut == std::string::npos || cut <= path_.size()) return file_;
    p.resize(cut);
  }
}

int MapReader::value_width(const std::string& key) const {
  if (!valid_) return 1;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.Scalar() == key && it->second.IsScalar()) {
      return std::max<int>(1, static_cast<int>(it->second.Scalar().size()));
    }
  }
  return 1;
}

bool MapReader::has(const std::string& key) {
  known_.insert(key);
  return valid_ && node_[key].IsDefined();
}

YAML::Node MapReader::raw(const std::string& key) {
  known_.insert(key);
  if (!valid_) return YAML::Node();
  YAML::Node n = node_[key];
  return n;
}

void MapReader::missing(const std::string& key, std::string hint) {
  missing_.emplace_back(key, diag_->size());
  diag_->error(where(), path_, fmt::format("missing required key \"{}\"", key), std::move(hint));
}

void MapReader::fail(const std::string& key, std::string message, std::string suggestion) {
  diag_->error(where(key), child_path(key), std::move(message), std::move(suggestion),
               value_width(key));
}

void MapReader::out_of_order(const std::string& lo_key, const std::string& hi_key, bool strict) {
  fail(hi_key, fmt::format("must be {} {} ({}), got {}", strict ? "greater than" : ">=", lo_key,
                           raw(lo_key).Scalar(), raw(hi_key).Scalar()));
}

void MapReader::fail_here(std::string message, std::string suggestion) {
  diag_->error(where(), path_, std::move(message), std::move(suggestion));
}

std::optional<std::string> MapReader::scalar(const std::string& key, Need need,
                                             const Expectation& expected) {
  known_.insert(key);
  if (!valid_) return std::nullopt;
  YAML::Node n = node_[key];
  if (!n.IsDefined()) {
    if (need == Need::Required) {
      missing(key, expected.hint.empty() ? fmt::format("add `{}: {}`", key, expected.example)
                                         : expected.hint);
    }
    return std::nullopt;
  }
  if (!n.IsScalar()) {
    fail(key, fmt::format("expected {}, got {}", expected.what, describe_node(n)));
    return std::nullopt;
  }
  return n.Scalar();
}

namespace {

// True if `v` lies on the allowed side of the lower end `min`; NaN never does.
bool above(double v, const RangeEnd& min) {
  return min.exclusive ? v > min.value : v >= min.value;
}

// True if `v` lies on the allowed side of the upper end `max`; NaN never does.
bool below(double v, const RangeEnd& max) {
  return max.exclusive ? v < max.value : v <= max.value;
}

// "must be <= 1 TW (the limit for any power), got 1e12 MW"
std::string range_message(const char* relation, const RangeEnd& end, const std::string& text) {
  const std::string reason = end.reason.empty() ? "" : fmt::format(" ({})", end.reason);
  return fmt::format("must be {} {}{}, got {}", relation, end.text, reason, text);
}

constexpr const char* kLimitsHint = "see \"Limits\" in docs/scenario-format.md";

// The hint of a range problem: where input limits are explained, if `end` is one.
std::string range_hint(const RangeEnd& end) {
  return end.reason.empty() ? "" : kLimitsHint;
}

// The input limit of dimension `dim` as an upper range end, if there is one.
std::optional<RangeEnd> limit_max(units::Dim dim) {
  const std::optional<QuantityLimit> limit = quantity_limit(dim);
  if (!limit) return std::nullopt;
  const std::string kind = units::describe(dim).name;
  return RangeEnd{limit->max_si, false, limit->text,
                  dim.is_dimensionless() ? "the limit for any number"
                                         : fmt::format("the limit for any {}", kind)};
}

}  // namespace

std::optional<RangeEnd> with_limit_min(units::Dim dim, std::optional<RangeEnd> min) {
  if (min) return min;
  std::optional<RangeEnd> limit = limit_max(dim);
  if (!limit) return std::nullopt;
  limit->value = -limit->value;
  limit->text = "-" + limit->text;
  return limit;
}

std::optional<RangeEnd> with_limit_max(units::Dim dim, std::optional<RangeEnd> max) {
  std::optional<RangeEnd> limit = limit_max(dim);
  if (!max || (limit && limit->value < max->value)) return limit;
  return max;
}

bool MapReader::check_range(const std::string& key, const std::string& text, double v,
                            const std::optional<RangeEnd>& min,
                            const std::optional<RangeEnd>& max) {
  if (min && !above(v, *min)) {
    fail(key, range_message(min->exclusive ? ">" : ">=", *min, text), range_hint(*min));
    return false;
  }
  if (max && !below(v, *max)) {
    fail(key, range_message(max->exclusive ? "<" : "<=", *max, text), range_hint(*max));
    return false;
  }
  // Only reached by a NaN or infinity with neither end given (a dimension without a limit).
  if (!std::isfinite(v)) {
    fail(key, fmt::format("must be a finite number, got {}", text), kLimitsHint);
    return false;
  }
  return true;
}

std::optional<std::string> MapReader::string(const std::string& key, Need need) {
  auto s = scalar(key, need, {"a string", "...", ""});
  if (s && s->empty()) {
    fail(key, "must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<long long> MapReader::integer(const std::string& key, Need need,
                                            std::optional<long long> min,
                                            std::optional<long long> max) {
  auto s = scalar(key, need, {"a whole number", "1", ""});
  if (!s) return std::nullopt;
  long long v = 0;
  auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec == std::errc::result_out_of_range) {
    fail(key, fmt::format("{} is too large for a whole number", *s));
    return std::nullopt;
  }
  if (ec != std::errc() || p != s->data() + s->size()) {
    fail(key, fmt::format("expected a whole number, got \"{}\"", *s));
    return std::nullopt;
  }
  auto end = [](std::optional<long long> bound) -> std::optional<RangeEnd> {
    if (!bound) return std::nullopt;
    return RangeEnd{static_cast<double>(*bound), false, std::to_string(*bound), ""};
  };
  if (!check_range(key, *s, static_cast<double>(v), end(min), end(max))) return std::nullopt;
  return v;
}

std::optional<double> MapReader::number(const std::string& key, Need need,
                                        std::optional<Bound<double>> min,
                                        std::optional<Bound<double>> max) {
  auto s = scalar(key, need, {"a number", "0.5", ""});
  if (!s) return std::nullopt;
  auto r = units::parse_quantity(*s);
  auto* q = std::get_if<units::ParsedQuantity>(&r);
  if (!q || !(q->bare || q->dim.is_dimensionless())) {
    fail(key, fmt::format("expected a plain number, got \"{}\"", *s),
         q ? "write the number alone, without a unit" : "");
    return std::nullopt;
  }
  auto end = [](std::optional<Bound<double>> bound) -> std::optional<RangeEnd> {
    if (!bound) return std::nullopt;
    return RangeEnd{bound->value, bound->exclusive, fmt::format("{}", bound->value), ""};
  };
  const units::Dim plain{};
  if (!check_range(key, *s, q->si, with_limit_min(plain, end(min)),
                   with_limit_max(plain, end(max)))) {
    return std::nullopt;
  }
  return q->si;
}

std::optional<bool> MapReader::boolean(const std::string& key, Need need) {
  auto s = scalar(key, need, {"true or false", "true", ""});
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  fail(key, fmt::format("expected true or false, got \"{}\"", *s));
  return std::nullopt;
}

std::optional<Date> MapReader::date(const std::string& key, Need need) {
  auto s = scalar(key, need, {"a date such as 2026-06-01", "2026-06-01", ""});
  if (!s) return std::nullopt;
  auto d = Date::parse(*s);
  if (!d) {
    bool shaped =
        s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-' &&
        std::all_of(s->begin(), s->end(), [](char c) { return std::isdigit(c) || c == '-'; });
    if (shaped) {
      fail(key, fmt::format("{} is not a calendar date", *s), "check the month and the day");
    } else {
      fail(key, fmt::format("expected a date such as 2026-06-01, got \"{}\"", *s),
           "write dates as YYYY-MM-DD");
    }
    return std::nullopt;
  }
  const Date first = Date::from_ymd(kEarliestYear, 1, 1);
  const Date last = Date::from_ymd(kLatestYear, 12, 31);
  const char* reason = "the limit for any date";
  if (!check_range(
          key, *s, static_cast<double>(d->days_since_epoch()),
          RangeEnd{static_cast<double>(first.days_since_epoch()), false, first.to_string(), reason},
          RangeEnd{static_cast<double>(last.days_since_epoch()), false, last.to_string(),
                   reason})) {
    return std::nullopt;
  }
  return d;
}

std::optional<units::Temperature> MapReader::temperature(const std::string& key, Need need) {
  auto s = scalar(key, need, {"a temperature such as \"27 C\"", "27 C", ""});
  if (!s) return std::nullopt;
  auto r = units::parse_kelvin(*s);
  if (auto* e = std::get_if<units::UnitError>(&r)) {
    fail(key, e->message, e->suggestion);
    return std::nullopt;
  }
  const double kelvin = std::get<double>(r);
  const char* reason = "the limit for any temperature";
  if (!check_range(key, *s, kelvin, RangeEnd{kLowestTemperatureK, false, "-100 C", reason},
                   RangeEnd{kHighestTemperatureK, false, "100 C", reason})) {
    return std::nullopt;
  }
  return units::Temperature::from_kelvin(kelvin);
}

std::optional<std::string> MapReader::choice(const std::string& key, Need need,
                                             const std::vector<std::string>& options) {
  std::string list;
  for (const auto& o : options) list += (list.empty() ? "" : " | ") + o;
  std::string commas;
  for (const auto& o : options) commas += (commas.empty() ? "" : ", ") + o;
  auto s = scalar(
      key, need,
      {"one of " + list, options.front(), fmt::format("add `{}:` with one of: {}", key, commas)});
  if (!s) return std::nullopt;
  for (const auto& o : options) {
    if (*s == o) return s;
  }
  fail(key, fmt::format("expected one of {}, got \"{}\"", list, *s), did_you_mean(*s, options));
  return std::nullopt;
}

std::optional<std::vector<std::string>> MapReader::strings(const std::string& key, Need need) {
  auto items = string_items(key, need);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  for (auto& i : *items) out.push_back(std::move(i.value));
  return out;
}

std::optional<std::vector<Item>> MapReader::string_items(const std::string& key, Need need) {
  known_.insert(key);
  if (!valid_) return std::nullopt;
  YAML::Node n = node_[key];
  if (!n.IsDefined()) {
    if (need == Need::Required) missing(key, fmt::format("add `{}: [...]`", key));
    return std::nullopt;
  }
  auto item = [&](const YAML::Node& v, std::string path) {
    SourceLocation at = location(file_of(path), v.Mark());
    return Item{v.Scalar(), std::move(at), std::move(path),
                std::max<int>(1, static_cast<int>(v.Scalar().size()))};
  };
  std::vector<Item> out;
  if (n.IsScalar()) {
    out.push_back(item(n, child_path(key)));
    return out;
  }
  if (!n.IsSequence()) {
    fail(key, fmt::format("expected a string or a list of strings, got {}", describe_node(n)));
    return std::nullopt;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar()) {
      diag_->error(location(file_of(fmt_index(key, i)), n[i].Mark()), fmt_index(key, i),
                   fmt::format("expected a string, got {}", describe_node(n[i])));
      return std::nullopt;
    }
    out.push_back(item(n[i], fmt_index(key, i)));
  }
  return out;
}

void MapReader::format_version(const std::string& key, int supported) {
  auto s =
      scalar(key, Need::Required,
             {fmt::format("the format version {}", supported), std::to_string(supported),
              fmt::format("start the file with `{}: {}` (the format version)", key, supported)});
  if (!s) return;
  if (*s != std::to_string(supported)) {
    fail(key,
         fmt::format("unsupported format version \"{}\"; this rackscale reads version {}", *s,
                     supported),
         fmt::format("set `{}: {}`", key, supported));
  }
}

void MapReader::non_empty(const std::string& key, const std::string& hint) {
  if (!valid_) return;
  YAML::Node n = node_[key];
  if (n.IsDefined() && n.IsSequence() && n.size() == 0) fail(key, "must not be empty", hint);
}

MapReader MapReader::map(const std::string& key, Need need) {
  known_.insert(key);
  YAML::Node n = valid_ ? node_[key] : YAML::Node();
  if (valid_ && !n.IsDefined()) {
    if (need == Need::Required) {
      missing(key, fmt::format("add a `{}:` map", key));
    }
    // An absent map reads as an empty one; an absent required map is not usable.
    MapReader empty(*diag_, file_, YAML::Node(YAML::NodeType::Map), child_path(key));
    empty.valid_ = need == Need::Optional;
    empty.sources_ = sources_;
    return empty;
  }
  MapReader child(*diag_, file_of(child_path(key)), n, child_path(key));
  child.sources_ = sources_;
  return child;
}

std::optional<YAML::Node> MapReader::sequence(const std::string& key, Need need) {
  known_.insert(key);
  if (!valid_) return std::nullopt;
  YAML::Node n = node_[key];
  if (!n.IsDefined()) {
    if (need == Need::Required) {
      missing(key, fmt::format("add a `{}:` list", key));
    }
    return std::nullopt;
  }
  if (!n.IsSequence()) {
    fail(key, fmt::format("expected a list, got {}", describe_node(n)));
    return std::nullopt;
  }
  return n;
}

void MapReader::finish() {
  if (!valid_) return;
  if (KeyRecorder* recorder = KeyRecorder::active()) {
    recorder->record({file_, path_, key_path_pattern(path_), known_, node_});
  }
  std::vector<std::string> known(known_.begin(), known_.end());
  std::map<std::string, int> first_line;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const std::string& key = it->first.Scalar();
    SourceLocation at = location(file_of(child_path(key)), it->first.Mark());
    int width = std::max<int>(1, static_cast<int>(key.size()));
    auto [pos, inserted] = first_line.emplace(key, at.line);
    if (!inserted) {
      diag_->error(at, child_path(key),
                   fmt::format("duplicate key \"{}\" (first defined on line {})", key, pos->second),
                   "remove one of the two", width);
      continue;
    }
    if (known_.count(key) == 0) {
      Diagnostic d{at, child_path(key), fmt::format("unknown key \"{}\"", key), suggest(key, known),
                   width};
      // A misspelt required key is one problem, not two: replace the "missing" diagnostic.
      std::string near = nearest_match(key, known);
      auto m = std::find_if(missing_.begin(), missing_.end(),
                            [&](const auto& p) { return p.first == near; });
      if (!near.empty() && m != missing_.end()) {
        d.suggestion = fmt::format("did you mean \"{}\"? (a required key)", near);
        diag_->replace(m->second, std::move(d));
        missing_.erase(m);
      } else {
        diag_->add(std::move(d));
      }
    }
  }
}

}  // namespace rackscale::io
