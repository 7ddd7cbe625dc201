#include "rackscale/io/scenario_overrides.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {

namespace {

//! One step of an override path: a map key, a list index or a list item's name.
struct Step {
  enum class Kind { key, index, name };
  Kind kind = Kind::key;
  std::string text;        //!< the key, or the item's name
  std::size_t index = 0;   //!< for Kind::index
  std::size_t column = 0;  //!< 0-based column of the step in the override text
};

bool all_digits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

//! The value of `key` in `map`, or nullopt. (yaml-cpp's non-const `map[key]` would add a
//! pending entry for a missing key, which a later insert of the same key would shadow.)
std::optional<YAML::Node> child_of(const YAML::Node& map, const std::string& key) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  }
  return std::nullopt;
}

//! Reads one override: splits PATH=VALUE, parses the path and the value, resolves the path in
//! the document and replaces (or adds) the value there.
class OverrideApplier {
 public:
  OverrideApplier(Diagnostics& diag, std::string name, std::string text)
      : diag_(diag), name_(std::move(name)), text_(std::move(text)) {}

  //! Applies the override to `root`; returns the key path it set, or nullopt after an error.
  std::optional<std::string> apply(YAML::Node& root);

 private:
  bool parse_path(const std::string& path);
  std::optional<YAML::Node> parse_value(std::size_t column);
  // Steps into (or, given the value, sets) the key of step `i`; false after an error.
  bool key_step(YAML::Node& node, std::size_t i, const YAML::Node* value);
  // Steps into (or, given the value, replaces) the list item of step `i`; false after an error.
  bool item_step(YAML::Node& node, std::size_t i, const YAML::Node* value);
  std::optional<YAML::Node> select_item(const YAML::Node& list, const Step& step);
  void set_key(YAML::Node& map, const Step& step, const YAML::Node& value);
  void error(std::size_t column, const std::string& path, std::string message,
             std::string hint = {}, int width = 1) {
    diag_.error(SourceLocation{name_, 1, static_cast<int>(column) + 1}, path, std::move(message),
                std::move(hint), width);
  }

  Diagnostics& diag_;
  std::string name_;
  std::string text_;
  std::vector<Step> steps_;
  std::vector<std::string> resolved_;  //!< key path after each step, list items by index
};

bool OverrideApplier::parse_path(const std::string& path) {
  std::size_t pos = 0;
  const std::string hint = "write PATH=VALUE, e.g. sites[0].grid[1].capacity=\"300 MW\"";
  while (pos < path.size()) {
    std::size_t end = path.find_first_of(".[", pos);
    if (end == std::string::npos) end = path.size();
    if (end == pos) {
      error(pos, "", fmt::format("expected a key name in the override path \"{}\"", path), hint);
      return false;
    }
    steps_.push_back({Step::Kind::key, path.substr(pos, end - pos), 0, pos});
    pos = end;
    while (pos < path.size() && path[pos] == '[') {
      std::size_t close = path.find(']', pos);
      if (close == std::string::npos || close == pos + 1) {
        error(pos, "", "expected `[INDEX]` or `[NAME]` in the override path", hint);
        return false;
      }
      std::string inside = path.substr(pos + 1, close - pos - 1);
      Step s{all_digits(inside) ? Step::Kind::index : Step::Kind::name, inside, 0, pos + 1};
      if (s.kind == Step::Kind::index) s.index = std::stoul(inside);
      steps_.push_back(s);
      pos = close + 1;
    }
    if (pos < path.size()) {
      if (path[pos] != '.' || pos + 1 == path.size()) {
        error(pos, "", fmt::format("unexpected \"{}\" in the override path", path[pos]), hint);
        return false;
      }
      ++pos;
    }
  }
  return true;
}

std::optional<YAML::Node> OverrideApplier::parse_value(std::size_t column) {
  // Padding the value to its column gives its nodes marks at their place in the override text.
  try {
    return YAML::Load(std::string(column, ' ') + text_.substr(column));
  } catch (const YAML::Exception& e) {
    diag_.error(location(name_, e.mark), "", fmt::format("YAML syntax error: {}", e.msg),
                "quote a value with special characters, e.g. name='a: b'");
    return std::nullopt;
  }
}

std::optional<YAML::Node> OverrideApplier::select_item(const YAML::Node& list, const Step& step) {
  const std::string& here = resolved_.back();
  if (step.kind == Step::Kind::index) {
    if (step.index < list.size()) return list[step.index];
    error(step.column, here,
          fmt::format("no item {}: the list has {} item{}", step.index, list.size(),
                      list.size() == 1 ? "" : "s"),
          list.size() == 0 ? "the list is empty in the scenario"
                           : fmt::format("use an index from 0 to {}", list.size() - 1),
          static_cast<int>(step.text.size()));
    return std::nullopt;
  }
  std::vector<std::string> names;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const YAML::Node item = list[k];
    auto name = item.IsMap() ? child_of(item, "name") : std::nullopt;
    if (!name || !name->IsScalar()) continue;
    if (name->Scalar() == step.text) {
      resolved_.back() = fmt::format("{}[{}]", here, k);
      return item;
    }
    names.push_back(name->Scalar());
  }
  error(step.column, here, fmt::format("no item named \"{}\"", step.text),
        names.empty() ? "name list items by index, e.g. [0]" : suggest(step.text, names),
        static_cast<int>(step.text.size()));
  return std::nullopt;
}

void OverrideApplier::set_key(YAML::Node& map, const Step& step, const YAML::Node& value) {
  if (auto existing = child_of(map, step.text)) {
    existing->operator=(value);  // replaces the value in the document
    return;
  }
  // A new key: parsed from the override text so that "unknown key" points at it.
  map.force_insert(YAML::Load(std::string(step.column, ' ') + step.text), value);
}

bool OverrideApplier::key_step(YAML::Node& node, std::size_t i, const YAML::Node* value) {
  const Step& step = steps_[i];
  const std::string parent = resolved_.empty() ? "" : resolved_.back();
  resolved_.push_back(parent.empty() ? step.text : parent + "." + step.text);
  if (!node.IsMap()) {
    error(step.column, parent,
          fmt::format("cannot set key \"{}\": {} is {}, not a map", step.text,
                      parent.empty() ? "the scenario" : parent, describe_node(node)));
    return false;
  }
  if (value) {
    set_key(node, step, *value);
    return true;
  }
  auto child = child_of(node, step.text);
  if (!child) {
    // A missing map on the way is created, so `policies.power.ups=full` works without a
    // `policies:` section; a missing list cannot be indexed.
    if (steps_[i + 1].kind != Step::Kind::key) {
      error(step.column, resolved_.back(), "no such list in the scenario",
            "add the list to the scenario file first", static_cast<int>(step.text.size()));
      return false;
    }
    set_key(node, step, YAML::Node(YAML::NodeType::Map));
    child = child_of(node, step.text);
  }
  node.reset(*child);  // rebinds the handle; `=` would overwrite the node's content
  return true;
}

bool OverrideApplier::item_step(YAML::Node& node, std::size_t i, const YAML::Node* value) {
  const Step& step = steps_[i];
  const std::string parent = resolved_.back();
  resolved_.push_back(parent);
  if (!node.IsSequence()) {
    error(step.column, parent,
          fmt::format("cannot select [{}]: {} is {}, not a list", step.text, parent,
                      describe_node(node)));
    return false;
  }
  auto item = select_item(node, step);
  if (!item) return false;
  if (step.kind == Step::Kind::index) resolved_.back() = fmt::format("{}[{}]", parent, step.index);
  if (value) {
    YAML::Node target = *item;
    target = *value;  // replaces the item in the document
    return true;
  }
  node.reset(*item);
  return true;
}

std::optional<std::string> OverrideApplier::apply(YAML::Node& root) {
  diag_.add_source(name_, text_);
  std::size_t eq = text_.find('=');
  if (eq == std::string::npos) {
    error(0, "", fmt::format("expected PATH=VALUE, got \"{}\"", text_),
          "e.g. --set sites[0].grid[1].capacity=\"300 MW\"", static_cast<int>(text_.size()));
    return std::nullopt;
  }
  if (!parse_path(text_.substr(0, eq))) return std::nullopt;
  auto value = parse_value(eq + 1);
  if (!value) return std::nullopt;

  // A path starts with a key (parse_path), so resolved_ is never empty at an item step.
  YAML::Node node = root;
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    const YAML::Node* last_value = i + 1 == steps_.size() ? &*value : nullptr;
    const bool ok = steps_[i].kind == Step::Kind::key ? key_step(node, i, last_value)
                                                      : item_step(node, i, last_value);
    if (!ok) return std::nullopt;
  }
  return resolved_.back();
}

}  // namespace

std::string override_name(std::size_t index) {
  return fmt::format("--set #{}", index + 1);
}

ValueSources apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides,
                             Diagnostics& diag) {
  ValueSources sources;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    OverrideApplier applier(diag, override_name(i), overrides[i]);
    if (auto path = applier.apply(root)) {
      // A later override of the same value, or of a value above it, wins.
      for (auto it = sources.begin(); it != sources.end();) {
        bool below = it->first == *path || it->first.rfind(*path + ".", 0) == 0 ||
                     it->first.rfind(*path + "[", 0) == 0;
        it = below ? sources.erase(it) : std::next(it);
      }
      sources[*path] = override_name(i);
    }
  }
  return sources;
}

}  // namespace rackscale::io
