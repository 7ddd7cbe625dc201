// One source for the keys: the loader's key tables against the JSON Schemas in schema/.
//
// Every accessor of io::MapReader declares its key as known, present in the file or not, and
// finish() rejects any other key; so the keys a map declares are the keys the loader accepts
// there. io::KeyRecorder records them for every map the loader finishes. This test loads the
// examples, the test inputs and tests/schema/every_section.yaml (which visits the sections no
// other file does), and checks for every map, both ways, that the loader's keys equal the keys
// the schema allows at that path (with the branch its `kind:` or `dist:` picks). Every map of the
// schema, and every such branch, must be met at least once, so no schema key goes unchecked.
// A key added to the loader and not to scripts/gen_schema.py (or the other way round) fails here.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using rackscale::io::KeyRecorder;
using rackscale::io::ReadMap;

const std::string kRoot = RACKSCALE_SOURCE_DIR;

// j[key] if j has it, else null (which iterates as empty). A reference, never a copy: iterating
// the items() of a temporary would dangle.
const json& member(const json& j, const char* key) {
  static const json kNone;
  return j.is_object() && j.contains(key) ? j.at(key) : kNone;
}

// A schema node and its JSON pointer (for messages and for coverage).
struct SchemaNode {
  const json* node = nullptr;
  std::string pointer;
};

// One JSON Schema, read for the keys it allows where.
class KeySchema {
 public:
  explicit KeySchema(const std::string& file) : name_(fs::path(file).filename().string()) {
    std::ifstream in(file);
    root_ = json::parse(in);
    collect_maps(resolve({&root_, "#"}));
  }

  const std::string& name() const { return name_; }
  SchemaNode root() const { return resolve({&root_, "#"}); }

  // Follows $ref.
  SchemaNode resolve(SchemaNode n) const {
    while (n.node->is_object() && n.node->contains("$ref")) {
      n.pointer = n.node->at("$ref").get<std::string>();
      n.node = &root_.at(json::json_pointer(n.pointer.substr(1)));
    }
    return n;
  }

  // A schema for a map (as opposed to a string, number or list).
  static bool is_map(const json& n) {
    return n.is_object() && (n.contains("properties") || n.contains("propertyNames") ||
                             n.value("type", "") == "object");
  }

  // The map schemas `n` stands for: itself, or its oneOf/anyOf branches that are maps (a
  // duration is a string or a {dist: ...} map).
  std::vector<SchemaNode> map_branches(SchemaNode n) const {
    n = resolve(n);
    if (is_map(*n.node)) return {n};
    std::vector<SchemaNode> out;
    for (const char* word : {"oneOf", "anyOf"}) {
      if (!n.node->contains(word)) continue;
      const json& list = n.node->at(word);
      for (std::size_t i = 0; i < list.size(); ++i) {
        auto more = map_branches({&list[i], n.pointer + "/" + word + "/" + std::to_string(i)});
        out.insert(out.end(), more.begin(), more.end());
      }
    }
    return out;
  }

  // Does `map` satisfy an `if:` of required keys and constant values?
  static bool matches(const json& condition, const YAML::Node& map) {
    if (!map.IsMap()) return false;
    for (const auto& key : member(condition, "required")) {
      if (!map[key.get<std::string>()].IsDefined()) return false;
    }
    for (const auto& [key, rule] : member(condition, "properties").items()) {
      if (!rule.is_object() || !rule.contains("const")) continue;
      const YAML::Node value = map[key];
      const json& wanted = rule.at("const");
      const std::string text = wanted.is_string() ? wanted.get<std::string>() : wanted.dump();
      if (!value.IsDefined() || !value.IsScalar() || value.Scalar() != text) return false;
    }
    return true;
  }

  // The allOf if/then branches of a map schema that apply to `map`, by index.
  static std::vector<std::size_t> applying(const json& schema, const YAML::Node& map) {
    std::vector<std::size_t> out;
    const json& all = member(schema, "allOf");
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].contains("if") && all[i].contains("then") && matches(all[i].at("if"), map)) {
        out.push_back(i);
      }
    }
    return out;
  }

  // A branch that closes the map to its own properties (`additionalProperties: false`).
  static bool closes(const json& branch) {
    const json& then = branch.at("then");
    return then.contains("additionalProperties") && then.at("additionalProperties") == false;
  }

  // The keys the map schema allows in `map`: its properties (or property names), narrowed to
  // the properties of a branch that applies and closes the map.
  static std::set<std::string> allowed_keys(const json& schema, const YAML::Node& map) {
    std::set<std::string> keys;
    for (const auto& [key, rule] : member(schema, "properties").items()) {
      keys.insert(key);
    }
    if (schema.contains("propertyNames")) {
      for (const auto& key : member(schema.at("propertyNames"), "enum")) {
        keys.insert(key.get<std::string>());
      }
    }
    for (std::size_t i : applying(schema, map)) {
      const json& branch = schema.at("allOf")[i];
      std::set<std::string> own;
      for (const auto& [key, rule] : member(branch.at("then"), "properties").items()) {
        own.insert(key);
      }
      if (closes(branch)) {
        keys = own;
      } else {
        keys.insert(own.begin(), own.end());
      }
    }
    return keys;
  }

  // The schema of key `key` in a map of schema `n` (null if the schema has none).
  std::optional<SchemaNode> child(SchemaNode n, const YAML::Node& map,
                                  const std::string& key) const {
    for (const SchemaNode& b : map_branches(n)) {
      const json& props = member(*b.node, "properties");
      if (props.contains(key) && props.at(key).is_object()) {
        return SchemaNode{&props.at(key), b.pointer + "/properties/" + key};
      }
      for (std::size_t i : applying(*b.node, map)) {
        const json& then = b.node->at("allOf")[i].at("then");
        const json& own = member(then, "properties");
        if (own.contains(key) && own.at(key).is_object()) {
          return SchemaNode{&own.at(key),
                            b.pointer + "/allOf/" + std::to_string(i) + "/then/properties/" + key};
        }
      }
      if (b.node->contains("additionalProperties") &&
          b.node->at("additionalProperties").is_object()) {
        return SchemaNode{&b.node->at("additionalProperties"), b.pointer + "/additionalProperties"};
      }
    }
    return std::nullopt;
  }

  // The schema of the items of a list schema `n`.
  std::optional<SchemaNode> item(SchemaNode n) const {
    n = resolve(n);
    if (n.node->contains("items")) return SchemaNode{&n.node->at("items"), n.pointer + "/items"};
    return std::nullopt;
  }

  // Every map schema (by pointer), and every closing branch (pointer/allOf/i): what the files
  // must visit.
  const std::set<std::string>& maps() const { return maps_; }

 private:
  void collect_maps(SchemaNode n) {
    n = resolve(n);
    if (!seen_.insert(n.pointer).second) return;
    const json& j = *n.node;
    if (!j.is_object()) return;
    if (is_map(j)) {
      maps_.insert(n.pointer);
      for (const auto& [key, rule] : member(j, "properties").items()) {
        if (rule.is_object()) collect_maps({&rule, n.pointer + "/properties/" + key});
      }
      const json& all = member(j, "allOf");
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (!all[i].contains("then")) continue;
        const std::string at = n.pointer + "/allOf/" + std::to_string(i);
        if (closes(all[i])) maps_.insert(at);
        for (const auto& [key, rule] : member(all[i].at("then"), "properties").items()) {
          if (rule.is_object()) collect_maps({&rule, at + "/then/properties/" + key});
        }
      }
      if (j.contains("additionalProperties") && j.at("additionalProperties").is_object()) {
        collect_maps({&j.at("additionalProperties"), n.pointer + "/additionalProperties"});
      }
      return;
    }
    for (const char* word : {"oneOf", "anyOf"}) {
      const json& list = member(j, word);
      for (std::size_t i = 0; i < list.size(); ++i) {
        collect_maps({&list[i], n.pointer + "/" + word + "/" + std::to_string(i)});
      }
    }
    if (j.contains("items")) collect_maps({&j.at("items"), n.pointer + "/items"});
  }

  std::string name_;
  json root_;
  std::set<std::string> seen_;
  std::set<std::string> maps_;
};

// "sites[2].grid[0]" as steps: key "sites", index 2, key "grid", index 0.
struct Step {
  std::string key;  // empty for an index
  std::size_t index = 0;
};

std::vector<Step> steps_of(const std::string& path) {
  std::vector<Step> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back({word, 0});
    word.clear();
  };
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      flush();
    } else if (c == '[') {
      flush();
      const std::size_t close = path.find(']', i);
      out.push_back({"", static_cast<std::size_t>(std::stoul(path.substr(i + 1, close - i - 1)))});
      i = close;
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

// What the comparison found: mismatches and the schema maps it met.
struct Findings {
  std::set<std::string> mismatches;
  std::set<std::string> visited;  // schema map pointers, and pointer/allOf/i of closing branches
  int maps = 0;
};

// Compares one map the loader read with the schema at its path; `root` is the file's top map.
void compare(const KeySchema& schema, const YAML::Node& root, const ReadMap& read, Findings& f) {
  ++f.maps;
  std::optional<SchemaNode> at = schema.root();
  YAML::Node map = root;
  for (const Step& step : steps_of(read.path)) {
    // Const lookups (a non-const one may add the key), and reset(): yaml-cpp's operator=
    // would write into the document. An absent map (read as empty) stays a null node.
    const YAML::Node& parent = map;
    YAML::Node next;
    if (!step.key.empty()) {
      at = schema.child(*at, parent, step.key);
      if (parent.IsMap()) {
        const YAML::Node child = parent[step.key];
        if (child.IsDefined()) next.reset(child);
      }
    } else {
      at = schema.item(*at);
      if (parent.IsSequence() && step.index < parent.size()) next.reset(parent[step.index]);
    }
    map.reset(next);
    if (!at) {
      f.mismatches.insert(schema.name() + " " + read.pattern +
                          ": the loader reads a map here, the schema has no such key");
      return;
    }
  }
  const auto branches = schema.map_branches(*at);
  if (branches.empty()) {
    f.mismatches.insert(schema.name() + " " + read.pattern +
                        ": the loader reads a map here, the schema does not allow one");
    return;
  }
  const SchemaNode& b = branches.front();
  const std::set<std::string> allowed = KeySchema::allowed_keys(*b.node, read.node);
  f.visited.insert(b.pointer);
  std::string variant;
  for (std::size_t i : KeySchema::applying(*b.node, read.node)) {
    if (!KeySchema::closes(b.node->at("allOf")[i])) continue;
    f.visited.insert(b.pointer + "/allOf/" + std::to_string(i));
    for (const auto& [key, rule] : member(b.node->at("allOf")[i].at("if"), "properties").items()) {
      if (rule.contains("const")) variant += " (" + key + ": " + rule.at("const").dump() + ")";
    }
  }
  const std::string where = schema.name() + " " + read.pattern + variant;
  for (const auto& key : read.keys) {
    if (!allowed.count(key)) {
      f.mismatches.insert(where + ": the loader accepts `" + key + "`, the schema does not");
    }
  }
  for (const auto& key : allowed) {
    if (!read.keys.count(key)) {
      f.mismatches.insert(where + ": the schema allows `" + key + "`, the loader does not");
    }
  }
}

// The YAML files the loader reads in the repository's examples and tests.
std::vector<std::string> input_files() {
  std::vector<std::string> out;
  for (const char* dir : {"examples", "tests/cli/inputs", "tests/data/buildout", "tests/schema"}) {
    for (const auto& e : fs::directory_iterator(kRoot + "/" + dir)) {
      if (e.path().extension() == ".yaml") out.push_back(e.path().string());
    }
  }
  for (const auto& e : fs::directory_iterator(kRoot + "/tests/regression")) {
    if (fs::exists(e.path() / "scenario.yaml"))
      out.push_back((e.path() / "scenario.yaml").string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_catalog_file(const std::string& file) {
  return YAML::LoadFile(file)["rackscale_catalog"].IsDefined();
}

// A dataset (datasets/*.yaml, `rackscale-dataset:`) a scenario reads: not a scenario, and its
// maps are the dataset's, checked by its own check, not the scenario schema.
bool is_dataset_file(const std::string& file) {
  return YAML::LoadFile(file)["rackscale-dataset"].IsDefined();
}

TEST(SchemaKeys, LoaderKeysEqualSchemaKeysAtEveryPath) {
  const KeySchema scenario_schema(kRoot + "/schema/scenario.schema.json");
  const KeySchema catalog_schema(kRoot + "/schema/catalog.schema.json");
  Findings scenario, catalog;
  const auto files = input_files();
  ASSERT_FALSE(files.empty());
  for (const auto& file : files) {
    SCOPED_TRACE(file);
    // Errors in a file do not matter here: every accessor declares its key whatever the value.
    KeyRecorder recorder;
    rackscale::Diagnostics diag;
    rackscale::model::Catalog loaded;
    if (is_catalog_file(file)) {
      rackscale::io::read_catalog_file(file, loaded, diag);
    } else {
      rackscale::io::read_scenario(file, diag);
    }
    // Each file's top map is finished last; it tells a catalog file from a scenario.
    std::map<std::string, std::vector<const ReadMap*>> by_file;
    std::map<std::string, const ReadMap*> top;
    for (const auto& m : recorder.maps()) {
      by_file[m.file].push_back(&m);
      if (m.path.empty()) top[m.file] = &m;
    }
    for (const auto& [name, maps] : by_file) {
      if (is_dataset_file(name)) continue;
      ASSERT_TRUE(top.count(name)) << name << ": no top-level map recorded";
      const bool is_catalog = top.at(name)->keys.count("rackscale_catalog") > 0;
      for (const ReadMap* m : maps) {
        compare(is_catalog ? catalog_schema : scenario_schema, top.at(name)->node, *m,
                is_catalog ? catalog : scenario);
      }
    }
  }
  for (const auto& m : scenario.mismatches) ADD_FAILURE() << m;
  for (const auto& m : catalog.mismatches) ADD_FAILURE() << m;
  // Both ways need every map of the schema met: a key of an unvisited map is never compared.
  for (const auto& [schema, found] :
       {std::pair{&scenario_schema, &scenario}, std::pair{&catalog_schema, &catalog}}) {
    for (const auto& pointer : schema->maps()) {
      EXPECT_TRUE(found->visited.count(pointer))
          << schema->name() << " " << pointer
          << ": no file the test loads has this map; add it to tests/schema/every_section.yaml";
    }
    EXPECT_GT(found->maps, 10) << schema->name();
  }
}

// The recorder is opt-in and scoped: the innermost one alive records, none after the last.
TEST(SchemaKeys, RecordsOnlyWhileARecorderIsAlive) {
  EXPECT_EQ(KeyRecorder::active(), nullptr);
  const std::string file = kRoot + "/tests/cli/inputs/extra_catalog.yaml";
  KeyRecorder outer;
  {
    KeyRecorder inner;
    EXPECT_EQ(KeyRecorder::active(), &inner);
    rackscale::Diagnostics diag;
    rackscale::model::Catalog catalog;
    rackscale::io::read_catalog_file(file, catalog, diag);
    // Each map as it is finished: the switch's power map, the entry, the file's top map.
    ASSERT_EQ(inner.maps().size(), 3u);
    EXPECT_EQ(inner.maps()[0].path, "entries[0].power");
    EXPECT_EQ(inner.maps()[0].keys, (std::set<std::string>{"max", "typical"}));
    EXPECT_EQ(inner.maps()[1].pattern, "entries[]");
    EXPECT_EQ(inner.maps()[2].path, "");
    EXPECT_EQ(inner.maps()[2].keys, (std::set<std::string>{"entries", "rackscale_catalog"}));
  }
  EXPECT_EQ(KeyRecorder::active(), &outer);
  EXPECT_TRUE(outer.maps().empty());
}

TEST(SchemaKeys, KeyPathPattern) {
  using rackscale::io::key_path_pattern;
  EXPECT_EQ(key_path_pattern(""), "");
  EXPECT_EQ(key_path_pattern("sites[2].grid[10]"), "sites[].grid[]");
  EXPECT_EQ(key_path_pattern("reliability.rates.gpu.repair"), "reliability.rates.gpu.repair");
}

}  // namespace
