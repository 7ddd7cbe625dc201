#pragma once
//! Strict reading of YAML maps into model values, collecting every problem as a Diagnostic
//! with file, line, column and key path. Each accessor declares a key as known; `finish()`
//! then reports unknown keys (with the nearest known one) and duplicate keys.

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/unit_parser.hpp"
#include "rackscale/core/units.hpp"
#include "rackscale/io/input_limits.hpp"

namespace rackscale::io {

//! Where values replaced by overrides came from: the key path of each replaced value, in the
//! form errors print (list items by index, e.g. "sites[0].grid[1].capacity"), and the name of
//! the override that set it ("--set #2"). A value below a replaced one came from it too.
using ValueSources = std::map<std::string, std::string>;

//! Whether a key must be present.
enum class Need { Required, Optional };

//! Source location of a yaml-cpp mark (0-based) as 1-based line and column.
SourceLocation location(const std::string& file, const YAML::Mark& mark);

//! "a map", "a list", "a value", "nothing": for "expected X, got Y" messages.
std::string describe_node(const YAML::Node& node);

//! The bytes of the input file `path` (read_input_file: a regular file within
//! `limits.max_file_bytes`), or nullopt after recording why not in `diag` at `key_path`, with
//! `open_hint` if the file could not be opened.
std::optional<std::string> read_input_text(const std::string& path, const InputLimits& limits,
                                           Diagnostics& diag, const std::string& key_path,
                                           const std::string& open_hint = "check the path");

//! Reads `path` as YAML (read_input_text, load_yaml_text) and registers its text with `diag`.
//! On an unreadable file or a syntax error, records it and returns nullopt.
std::optional<YAML::Node> load_yaml_file(const std::string& path, Diagnostics& diag,
                                         const InputLimits& limits = {});
//! Parses `text` as YAML read from `file` (a real or a virtual file name, for messages) and
//! registers it with `diag`; records a syntax error, or nesting or aliases beyond `limits`, and
//! returns nullopt.
std::optional<YAML::Node> load_yaml_text(const std::string& file, const std::string& text,
                                         Diagnostics& diag, const InputLimits& limits = {});

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

//! One map as the loader read it, for the schema test (tests/unit/io/schema_keys_test.cpp).
struct ReadMap {
  std::string file;            //!< the file the map is in
  std::string path;            //!< key path, e.g. "sites[2].grid[0]"; "" for the top level
  std::string pattern;         //!< the path with list indices as [], e.g. "sites[].grid[]"
  std::set<std::string> keys;  //!< every key an accessor declared, present in the file or not
  YAML::Node node;             //!< the map (for key sets that depend on a value, e.g. `kind`)
};

//! While one is alive, every MapReader of this thread records each map it finishes: the keys
//! the loader declares for it, which are the keys it accepts. Lets a test compare the loader's
//! key tables with the JSON Schema. With none alive, finish() records nothing (one pointer test).
class KeyRecorder {
 public:
  KeyRecorder();
  ~KeyRecorder();
  KeyRecorder(const KeyRecorder&) = delete;
  KeyRecorder& operator=(const KeyRecorder&) = delete;

  //! The maps finished since this recorder was made, in order.
  const std::vector<ReadMap>& maps() const { return maps_; }
  //! The recorder alive on this thread, or null.
  static KeyRecorder* active();
  //! Records one finished map.
  void record(ReadMap map) { maps_.push_back(std::move(map)); }

 private:
  std::vector<ReadMap> maps_;
  KeyRecorder* previous_ = nullptr;
};

//! A key path with its list indices replaced by [] ("sites[2].grid[0]" -> "sites[].grid[]").
std::string key_path_pattern(const std::string& path);

//! Formats a quantity bound for messages in its natural unit ("0 W" for zero).
std::string format_si(double si, units::Dim dim);

//! One end of the range a value must lie in, as messages show it.
struct RangeEnd {
  double value = 0.0;      //!< [SI base units]
  bool exclusive = false;  //!< the value itself is outside the range
  std::string text;        //!< the value in its unit, e.g. "0 W"
  std::string reason;      //!< why, for an input limit: "the limit for any power"
};

//! `min`, or the lower input limit of quantities of dimension `dim` (minus the largest
//! magnitude, input_limits.hpp) where there is no `min`.
std::optional<RangeEnd> with_limit_min(units::Dim dim, std::optional<RangeEnd> min);
//! The tighter of `max` and the upper input limit of quantities of dimension `dim`.
std::optional<RangeEnd> with_limit_max(units::Dim dim, std::optional<RangeEnd> max);

//! Reads one YAML map. Cheap to copy; holds references to the diagnostics sink.
class MapReader {
 public:
  MapReader(Diagnostics& diag, std::string file, YAML::Node node, std::string path);

  //! Reads the values that overrides replaced as coming from them (children inherit it).
  void set_sources(std::shared_ptr<const ValueSources> sources) { sources_ = std::move(sources); }

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
    if (!check_range(key, *text, q.si(), with_limit_min(Q::dim, limit_of(min)),
                     with_limit_max(Q::dim, limit_of(max)))) {
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
      MapReader item(*diag_, file_of(fmt_index(key, i)), (*list)[i], fmt_index(key, i));
      item.sources_ = sources_;
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
  bool check_range(const std::string& key, const std::string& text, double v,
                   const std::optional<RangeEnd>& min, const std::optional<RangeEnd>& max);
  template <class Q>
  static std::optional<RangeEnd> limit_of(const std::optional<Bound<Q>>& bound) {
    if (!bound) return std::nullopt;
    return RangeEnd{bound->value.si(), bound->exclusive, format_si(bound->value.si(), Q::dim), ""};
  }
  std::string fmt_index(const std::string& key, std::size_t i) const;
  // The file a value at `path` (a key path below this map) was read from: the override that
  // set it or one of its ancestors, else this map's file.
  std::string file_of(const std::string& path) const;
  int value_width(const std::string& key) const;

  Diagnostics* diag_;
  std::string file_;
  YAML::Node node_;
  std::string path_;
  bool valid_ = false;
  std::shared_ptr<const ValueSources> sources_;
  std::set<std::string> known_;
  std::vector<std::pair<std::string, std::size_t>> missing_;  // key, diagnostic index
};

}  // namespace rackscale::io
