#pragma once
//! Strict reading of YAML maps into model values, collecting every problem as a Diagnostic
//! with file, line, column and key path. Each accessor declares a key as known; `finish()`
//! then reports unknown keys (with the nearest known one) and duplicate keys.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/unit_parser.hpp"
#include "rackscale/core/units.hpp"

namespace rackscale::io {

//! Whether a key must be present.
enum class Need { Required, Optional };

//! Source location of a yaml-cpp mark (0-based) as 1-based line and column.
SourceLocation location(const std::string& file, const YAML::Mark& mark);

//! "a map", "a list", "a value", "nothing": for "expected X, got Y" messages.
std::string describe_node(const YAML::Node& node);

//! Reads `path` as YAML and registers its text with `diag`. On a syntax error, records it and
//! returns nullopt; on an unreadable file, records that.
std::optional<YAML::Node> load_yaml_file(const std::string& path, Diagnostics& diag);

//! What a key expects, for messages: `what` reads "a power such as \"132 kW\"", `example` is a
//! value to suggest when the key is missing, `hint` replaces the default "add `key: example`".
struct Expectation {
  std::string what;
  std::string example;
  std::string hint;
};

//! The expectation for a quantity of dimension `dim`.
Expectation expect_quantity(units::Dim dim);

//! A string from a list, with where it stands.
struct Item {
  std::string value;
  SourceLocation where;
  std::string path;  //!< e.g. "factories[0].products[2]"
  int width = 1;
};

//! An inclusive or exclusive bound for a value.
template <class T>
struct Bound {
  T value;
  bool exclusive = false;
};

//! An exclusive lower bound of zero: the value must be > 0.
template <class Q>
std::optional<Bound<Q>> positive() {
  return Bound<Q>{Q{}, true};
}
//! An inclusive lower bound of zero: the value must be >= 0.
template <class Q>
std::optional<Bound<Q>> non_negative() {
  return Bound<Q>{Q{}, false};
}

//! Reads one YAML map. Cheap to copy; holds references to the diagnostics sink.
class MapReader {
 public:
  MapReader(Diagnostics& diag, std::string file, YAML::Node node, std::string path);

  //! The node was a map (if not, the problem is already recorded).
  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  const std::string& file() const { return file_; }
  Diagnostics& diagnostics() const { return *diag_; }
  //! Location of the map itself.
  SourceLocation where() const;
  //! Location of a key's value if present, else of the map.
  SourceLocation where(const std::string& key) const;
  //! Key path of a child key.
  std::string child_path(const std::string& key) const;
  //! True if the key is present (declares it as known).
  bool has(const std::string& key);
  //! The raw value node of a key (declares it as known); a null node if absent.
  YAML::Node raw(const std::string& key);

  std::optional<std::string> string(const std::string& key, Need need);
  std::optional<long long> integer(const std::string& key, Need need,
                                   std::optional<long long> min = {},
                                   std::optional<long long> max = {});
  //! A plain number, e.g. an efficiency or a yield.
  std::optional<double> number(const std::string& key, Need need,
                               std::optional<Bound<double>> min = {},
                               std::optional<Bound<double>> max = {});
  std::optional<bool> boolean(const std::string& key, Need need);
  std::optional<Date> date(const std::string& key, Need need);
  std::optional<units::Temperature> temperature(const std::string& key, Need need);
  //! One of `options`; the hint names the nearest option.
  std::optional<std::string> choice(const std::string& key, Need need,
                                    const std::vector<std::string>& options);
  //! One of the names of `table`, as its value; messages as choice().
  template <class E>
  std::optional<E> choice_of(const std::string& key, Need need,
                             const std::vector<std::pair<std::string, E>>& table) {
    std::vector<std::string> names;
    for (const auto& entry : table) names.push_back(entry.first);
    const std::optional<std::string> name = choice(key, need, names);
    for (const auto& [entry_name, value] : table) {
      if (name == entry_name) return value;
    }
    return std::nullopt;
  }
  //! A string or a list of strings.
  std::optional<std::vector<std::string>> strings(const std::string& key, Need need);
  //! A string or a list of strings, each with its location (for errors about one item).
  std::optional<std::vector<Item>> string_items(const std::string& key, Need need);
  //! The file-format version under `key`: must be `supported`.
  void format_version(const std::string& key, int supported);
  //! Records an error if the list under `key` is present but empty.
  void non_empty(const std::string& key, const std::string& hint);

  //! A quantity with units, e.g. "40 MW", optionally bounded.
  template <class Q>
  std::optional<Q> quantity(const std::string& key, Need need, std::optional<Bound<Q>> min = {},
                            std::optional<Bound<Q>> max = {}) {
    auto text = scalar(key, need, expect_quantity(Q::dim));
    if (!text) return std::nullopt;
    auto r = units::parse<Q>(*text);
    if (auto* e = std::get_if<units::UnitError>(&r)) {
      fail(key, e->message, e->suggestion);
      return std::nullopt;
    }
    Q q = std::get<Q>(r);
    if (!check_bounds(
            key, *text, q.si(), min ? std::optional<double>(min->value.si()) : std::nullopt,
            min && min->exclusive, max ? std::optional<double>(max->value.si()) : std::nullopt,
            max && max->exclusive, min ? units_text(min->value) : "",
            max ? units_text(max->value) : "")) {
      return std::nullopt;
    }
    return q;
  }

  //! A child map; invalid (and reported if required) when absent or not a map.
  MapReader map(const std::string& key, Need need);
  //! Calls `f(MapReader item)` for each map in a list under `key`.
  template <class F>
  void each_map(const std::string& key, Need need, F&& f) {
    std::optional<YAML::Node> list = sequence(key, need);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      MapReader item(*diag_, file_, (*list)[i], fmt_index(key, i));
      if (item.valid()) f(item, i);
    }
  }
  //! The list under `key` (reported if absent and required, or not a list); nullopt if absent
  //! or unusable.
  std::optional<YAML::Node> sequence(const std::string& key, Need need);

  //! Records a problem at `hi_key` unless its value is >= (with `strict`, >) the one at
  //! `lo_key`, naming both values. True if in order or if either value is missing.
  template <class Q>
  bool check_order(const std::string& lo_key, std::optional<Q> lo, const std::string& hi_key,
                   std::optional<Q> hi, bool strict) {
    if (!lo || !hi || (strict ? *hi > *lo : *hi >= *lo)) return true;
    out_of_order(lo_key, hi_key, strict);
    return false;
  }

  //! Records a problem at a key (or at the map if the key is absent).
  void fail(const std::string& key, std::string message, std::string suggestion = {});
  //! Records a problem about the map as a whole.
  void fail_here(std::string message, std::string suggestion = {});

  //! Reports unknown and duplicate keys. Call once, after every accessor.
  void finish();

 private:
  // Records a missing required key; finish() turns it into "did you mean" if a misspelt key
  // stands for it.
  void missing(const std::string& key, std::string hint);
  std::optional<std::string> scalar(const std::string& key, Need need, const Expectation& expected);
  void out_of_order(const std::string& lo_key, const std::string& hi_key, bool strict);
  bool check_bounds(const std::string& key, const std::string& text, double v,
                    std::optional<double> min, bool min_exclusive, std::optional<double> max,
                    bool max_exclusive, const std::string& min_text, const std::string& max_text);
  template <class Q>
  static std::string units_text(Q q);
  std::string fmt_index(const std::string& key, std::size_t i) const;
  int value_width(const std::string& key) const;

  Diagnostics* diag_;
  std::string file_;
  YAML::Node node_;
  std::string path_;
  bool valid_ = false;
  std::set<std::string> known_;
  std::vector<std::pair<std::string, std::size_t>> missing_;  // key, diagnostic index
};

//! Formats a quantity bound for messages in its natural unit ("0 W" for zero).
std::string format_si(double si, units::Dim dim);

template <class Q>
std::string MapReader::units_text(Q q) {
  return format_si(q.si(), Q::dim);
}

}  // namespace rackscale::io
