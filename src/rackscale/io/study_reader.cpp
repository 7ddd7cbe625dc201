#include "rackscale/io/study_reader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/core/units.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {

namespace {

//! The largest number of points a study may have: a guard against a grid that explodes
//! (assumption: a sweep beyond this is a mistake on a planner's machine; split it).
constexpr long long kMaxPoints = 100'000;

//! One step of a parameter path: a map key, a list index, a list item's name, or every item.
struct PathStep {
  enum class Kind { key, index, name, every };
  Kind kind = Kind::key;
  std::string text;
  std::size_t index = 0;
};

//! Splits "sites[*].grid[0].date" into steps; nullopt if malformed.
std::optional<std::vector<PathStep>> parse_path(const std::string& path) {
  std::vector<PathStep> steps;
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t end = path.find_first_of(".[", pos);
    if (end == std::string::npos) end = path.size();
    if (end == pos) return std::nullopt;
    steps.push_back({PathStep::Kind::key, path.substr(pos, end - pos), 0});
    pos = end;
    while (pos < path.size() && path[pos] == '[') {
      const std::size_t close = path.find(']', pos);
      if (close == std::string::npos || close == pos + 1) return std::nullopt;
      const std::string inside = path.substr(pos + 1, close - pos - 1);
      PathStep step{PathStep::Kind::name, inside, 0};
      if (inside == "*") step.kind = PathStep::Kind::every;
      if (std::all_of(inside.begin(), inside.end(),
                      [](unsigned char c) { return std::isdigit(c); })) {
        step.kind = PathStep::Kind::index;
        step.index = std::stoul(inside);
      }
      steps.push_back(step);
      pos = close + 1;
    }
    if (pos < path.size()) {
      if (path[pos] != '.' || pos + 1 == path.size()) return std::nullopt;
      ++pos;
    }
  }
  if (steps.empty()) return std::nullopt;
  return steps;
}

//! A YAML node as override text: a scalar as it is, anything else in flow style.
std::string yaml_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}

//! Walks a path through the base scenario, collecting every value it names; records in
//! `missing` why a branch names nothing (the first reason found).
class PathResolver {
 public:
  explicit PathResolver(std::vector<PathStep> steps) : steps_(std::move(steps)) {}

  std::vector<ParameterTarget> resolve(const YAML::Node& root) {
    walk(root, 0, "");
    return targets_;
  }
  const std::string& missing() const { return missing_; }
  const std::string& hint() const { return hint_; }

 private:
  void walk(const YAML::Node& node, std::size_t i, const std::string& here) {
    if (i == steps_.size()) {
      targets_.push_back({here, yaml_text(node)});
      return;
    }
    const PathStep& step = steps_[i];
    if (step.kind == PathStep::Kind::key) return key_step(node, i, here);
    if (!node.IsSequence())
      return note(fmt::format("{} is {}, not a list", here, describe_node(node)));
    for (std::size_t k = 0; k < node.size(); ++k) {
      if (item_matches(node[k], k, step)) walk(node[k], i + 1, fmt::format("{}[{}]", here, k));
    }
    if (step.kind == PathStep::Kind::every && node.size() == 0) note(here + " is an empty list");
    if (step.kind == PathStep::Kind::index && step.index >= node.size()) {
      note(fmt::format("{} has no item {} (it has {})", here, step.index, node.size()));
    }
    if (step.kind == PathStep::Kind::name && !any_named(node, step.text)) {
      note(fmt::format("{} has no item named \"{}\"", here, step.text),
           suggest(step.text, names(node)));
    }
  }

  void key_step(const YAML::Node& node, std::size_t i, const std::string& here) {
    const std::string& key = steps_[i].text;
    const std::string path = here.empty() ? key : here + "." + key;
    if (!node.IsMap()) {
      return note(fmt::format("{} is {}, not a map", here.empty() ? "the scenario" : here,
                              describe_node(node)));
    }
    std::vector<std::string> keys;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) continue;
      if (it->first.Scalar() == key) return walk(it->second, i + 1, path);
      keys.push_back(it->first.Scalar());
    }
    note(fmt::format("{} has no key \"{}\"", here.empty() ? "the scenario" : here, key),
         suggest(key, keys));
  }

  static bool item_matches(const YAML::Node& item, std::size_t k, const PathStep& step) {
    if (step.kind == PathStep::Kind::every) return true;
    if (step.kind == PathStep::Kind::index) return k == step.index;
    return item.IsMap() && item["name"] && item["name"].IsScalar() &&
           item["name"].Scalar() == step.text;
  }
  static bool any_named(const YAML::Node& list, const std::string& name) {
    const std::vector<std::string> all = names(list);
    return std::find(all.begin(), all.end(), name) != all.end();
  }
  static std::vector<std::string> names(const YAML::Node& list) {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (list[k].IsMap() && list[k]["name"] && list[k]["name"].IsScalar()) {
        out.push_back(list[k]["name"].Scalar());
      }
    }
    return out;
  }
  void note(std::string reason, std::string hint = {}) {
    if (!missing_.empty()) return;
    missing_ = std::move(reason);
    hint_ = std::move(hint);
  }

  std::vector<PathStep> steps_;
  std::vector<ParameterTarget> targets_;
  std::string missing_, hint_;
};

//! A number at the start of `text` and the rest after it ("1500 racks/week" -> 1500,
//! "racks/week"); nullopt if `text` does not start with a number followed by a space or the end.
std::optional<std::pair<double, std::string>> split_number(const std::string& text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || (stop != end && *stop != ' ')) return std::nullopt;
  std::string rest(stop, end);
  rest.erase(0, rest.find_first_not_of(' '));
  return std::pair{value, rest};
}

//! Reads one study file into a StudySpec, recording every problem in `diag`.
class StudyReader {
 public:
  StudyReader(Diagnostics& diag, const InputLimits& limits) : diag_(diag), limits_(limits) {}

  StudySpec read(const std::string& path);

 private:
  void read_header(MapReader& top);
  void read_design(MapReader& top);
  void read_parameter(MapReader& item);
  bool read_kind(MapReader& item, StudyParameter& parameter);
  void read_levels(MapReader& ends, StudyParameter& parameter);
  bool read_range(MapReader& ends, StudyParameter& parameter);
  bool read_shift(MapReader& ends, StudyParameter& parameter);
  bool read_scale(MapReader& ends, StudyParameter& parameter);
  void resolve(MapReader& item, StudyParameter& parameter);
  void check_targets(MapReader& item, const StudyParameter& parameter);
  void check_design(MapReader& top);

  Diagnostics& diag_;
  const InputLimits& limits_;
  StudySpec spec_;
  std::optional<YAML::Node> scenario_;
  std::vector<std::pair<std::string, SourceLocation>> levels_where_;  // parameter, levels key
  std::vector<long long> level_counts_;
};

StudySpec StudyReader::read(const std::string& path) {
  spec_.file = path;
  const std::optional<std::string> text = read_input_text(path, limits_, diag_, "");
  if (!text) return spec_;
  spec_.text = *text;
  std::optional<YAML::Node> root = load_yaml_text(path, *text, diag_, limits_);
  if (!root) return spec_;
  MapReader top(diag_, path, *root, "");
  if (!top.valid()) return spec_;
  read_header(top);
  read_design(top);
  top.non_empty("parameters", "add at least one parameter");
  top.each_map("parameters", Need::Required,
               [&](MapReader& item, std::size_t) { read_parameter(item); });
  check_design(top);
  top.finish();
  return spec_;
}

void StudyReader::read_header(MapReader& top) {
  top.format_version("rackscale", 1);
  spec_.name = top.string("name", Need::Required).value_or("");
  top.string("description", Need::Optional);
  if (auto scenario = top.string("scenario", Need::Required)) {
    const std::filesystem::path base = std::filesystem::path(spec_.file).parent_path();
    spec_.scenario = (base / *scenario).lexically_normal().string();
    Diagnostics scenario_diag;  // the scenario's own problems are reported when it is loaded
    scenario_ = load_yaml_file(spec_.scenario, scenario_diag, limits_);
    if (!scenario_) {
      top.fail("scenario", fmt::format("cannot read the base scenario \"{}\"", spec_.scenario),
               "the path is relative to the study file");
    }
  }
  spec_.overrides = top.strings("set", Need::Optional).value_or(std::vector<std::string>{});
  spec_.runs = static_cast<int>(top.integer("runs", Need::Required, 1, 1'000'000).value_or(1));
  if (auto seed = top.integer("seed", Need::Optional, 0)) spec_.seed = *seed;
  if (auto runs = top.integer("attribution_runs", Need::Optional, 0, 1'000'000)) {
    spec_.attribution_runs = static_cast<int>(*runs);
  }
  spec_.metric = top.choice("metric", Need::Optional, headline_metric_names())
                     .value_or(headline_metric_names().front());
}

void StudyReader::read_design(MapReader& top) {
  static const std::vector<std::pair<std::string, SweepDesign>> designs = {
      {"grid", SweepDesign::grid},
      {"one-at-a-time", SweepDesign::one_at_a_time},
      {"latin-hypercube", SweepDesign::latin_hypercube}};
  spec_.design = top.choice_of("design", Need::Required, designs).value_or(SweepDesign::grid);
  const bool lhs = spec_.design == SweepDesign::latin_hypercube;
  spec_.points = static_cast<int>(
      top.integer("points", lhs ? Need::Required : Need::Optional, 2, kMaxPoints).value_or(0));
  spec_.design_seed =
      static_cast<std::uint64_t>(top.integer("design_seed", Need::Optional, 0).value_or(1));
  if (!lhs && top.has("points")) {
    top.fail("points", "points: applies to the latin-hypercube design only",
             "remove it: a grid or one-at-a-time study has the points its levels make");
  }
}

void StudyReader::read_parameter(MapReader& item) {
  StudyParameter parameter;
  parameter.name = item.string("name", Need::Required).value_or("");
  for (const StudyParameter& earlier : spec_.parameters) {
    if (!parameter.name.empty() && earlier.name == parameter.name) {
      item.fail("name", fmt::format("a second parameter named \"{}\"", parameter.name),
                "give each parameter its own name");
    }
  }
  parameter.path = item.string("path", Need::Required).value_or("");
  const bool kind_ok = read_kind(item, parameter);
  if (kind_ok && !parameter.path.empty()) resolve(item, parameter);
  item.finish();
  spec_.parameters.push_back(std::move(parameter));
}

bool StudyReader::read_kind(MapReader& item, StudyParameter& parameter) {
  const std::vector<std::pair<std::string, ParameterKind>> kinds = {
      {"values", ParameterKind::values},
      {"range", ParameterKind::range},
      {"shift", ParameterKind::shift},
      {"scale", ParameterKind::scale}};
  std::vector<std::string> present;
  for (const auto& [key, kind] : kinds) {
    if (item.has(key)) {
      present.push_back(key);
      parameter.kind = kind;
    }
  }
  if (present.size() != 1) {
    item.fail_here(present.empty() ? "a parameter needs one of values, range, shift or scale"
                                   : fmt::format("a parameter takes one of values, range, shift "
                                                 "or scale, got {}",
                                                 fmt::join(present, " and ")),
                   "e.g. `shift: {min: 0 weeks, max: 52 weeks}` with `levels: 5`");
    return false;
  }
  if (parameter.kind == ParameterKind::values) {
    item.non_empty("values", "list at least one value");
    if (auto list = item.sequence("values", Need::Required)) {
      for (const YAML::Node& value : *list) parameter.values.push_back(yaml_text(value));
    }
    level_counts_.push_back(static_cast<long long>(parameter.values.size()));
    return !parameter.values.empty();
  }
  MapReader ends = item.map(present.front(), Need::Required);
  if (!ends.valid()) return false;
  const bool complete = parameter.kind == ParameterKind::range   ? read_range(ends, parameter)
                        : parameter.kind == ParameterKind::shift ? read_shift(ends, parameter)
                                                                 : read_scale(ends, parameter);
  static const std::vector<std::pair<std::string, LhsDistribution>> distributions = {
      {"uniform", LhsDistribution::uniform}, {"triangular", LhsDistribution::triangular}};
  parameter.distribution = ends.choice_of("distribution", Need::Optional, distributions)
                               .value_or(LhsDistribution::uniform);
  if (parameter.distribution == LhsDistribution::triangular && !parameter.mode) {
    ends.fail("mode", "a triangular distribution needs its mode",
              "add `mode:` between min and max");
  }
  if (complete && parameter.min >= parameter.max) {
    ends.fail("max",
              fmt::format("must be greater than min ({}), got {}", parameter.min, parameter.max));
  }
  if (parameter.mode && (*parameter.mode < parameter.min || *parameter.mode > parameter.max)) {
    ends.fail("mode", fmt::format("must lie between min and max, got {}", *parameter.mode));
  }
  ends.finish();
  read_levels(item, parameter);
  return true;
}

void StudyReader::read_levels(MapReader& item, StudyParameter& parameter) {
  const bool lhs = spec_.design == SweepDesign::latin_hypercube;
  parameter.levels = static_cast<int>(
      item.integer("levels", lhs ? Need::Optional : Need::Required, 2, 1000).value_or(2));
  level_counts_.push_back(parameter.levels);
}

bool StudyReader::read_range(MapReader& ends, StudyParameter& parameter) {
  std::optional<std::string> unit;
  auto end_value = [&](const std::string& key, Need need) -> std::optional<double> {
    const std::optional<std::string> text = ends.string(key, need);
    if (!text) return std::nullopt;
    const auto split = split_number(*text);
    if (!split) {
      ends.fail(key, fmt::format("expected a number with an optional unit, got \"{}\"", *text),
                "e.g. 300 MW or 0.92");
      return std::nullopt;
    }
    if (unit && *unit != split->second) {
      ends.fail(key, fmt::format("unit \"{}\" differs from min's \"{}\"", split->second, *unit),
                "give min, max and mode in one unit");
    }
    unit = split->second;
    return split->first;
  };
  const std::optional<double> min = end_value("min", Need::Required);
  const std::optional<double> max = end_value("max", Need::Required);
  parameter.min = min.value_or(0.0);
  parameter.max = max.value_or(0.0);
  parameter.mode = end_value("mode", Need::Optional);
  parameter.unit = unit.value_or("");
  return min && max;
}

bool StudyReader::read_shift(MapReader& ends, StudyParameter& parameter) {
  auto weeks = [&](const std::string& key, Need need) -> std::optional<double> {
    auto d = ends.quantity<units::Duration>(key, need);
    return d ? std::optional<double>(d->in(units::week)) : std::nullopt;
  };
  const std::optional<double> min = weeks("min", Need::Required);
  const std::optional<double> max = weeks("max", Need::Required);
  parameter.min = min.value_or(0.0);
  parameter.max = max.value_or(0.0);
  parameter.mode = weeks("mode", Need::Optional);
  return min && max;
}

bool StudyReader::read_scale(MapReader& ends, StudyParameter& parameter) {
  const auto positive = Bound<double>{0.0, true};
  const std::optional<double> min = ends.number("min", Need::Required, positive);
  const std::optional<double> max = ends.number("max", Need::Required, positive);
  parameter.min = min.value_or(0.0);
  parameter.max = max.value_or(0.0);
  parameter.mode = ends.number("mode", Need::Optional, positive);
  return min && max;
}

void StudyReader::resolve(MapReader& item, StudyParameter& parameter) {
  if (!scenario_) return;
  const auto steps = parse_path(parameter.path);
  if (!steps) {
    item.fail("path", fmt::format("\"{}\" is not a scenario path", parameter.path),
              "write it as --set does, e.g. sites[abilene-tx].grid[0].date or sites[*].tariff");
    return;
  }
  PathResolver resolver(*steps);
  parameter.targets = resolver.resolve(*scenario_);
  if (parameter.targets.empty()) {
    item.fail("path",
              fmt::format("\"{}\" names nothing in {}: {}", parameter.path, spec_.scenario,
                          resolver.missing()),
              resolver.hint().empty()
                  ? "a study sets values the base scenario has; add the value there first"
                  : resolver.hint());
    return;
  }
  check_targets(item, parameter);
}

void StudyReader::check_targets(MapReader& item, const StudyParameter& parameter) {
  for (const ParameterTarget& target : parameter.targets) {
    const bool is_date = Date::parse(target.base_text).has_value();
    const bool is_number = split_number(target.base_text).has_value();
    std::string problem;
    if (parameter.kind == ParameterKind::shift && !is_date) problem = "a date";
    if (parameter.kind == ParameterKind::scale && !is_number) problem = "a number";
    if (parameter.kind == ParameterKind::range && !is_number) problem = "a number";
    if (problem.empty()) continue;
    item.fail("path",
              fmt::format("{} is \"{}\" in the base scenario, not {} to {}", target.path,
                          target.base_text, problem, parameter_kind_name(parameter.kind)),
              parameter.kind == ParameterKind::shift
                  ? "shift applies to dates such as 2026-06-01"
                  : "use values: for a value that is not a number");
    return;
  }
}

void StudyReader::check_design(MapReader& top) {
  if (spec_.design != SweepDesign::grid) return;
  long long points = 1;
  for (long long count : level_counts_) {
    points *= std::max(1LL, count);
    if (points > kMaxPoints) {
      top.fail("design", fmt::format("the grid has more than {} points", kMaxPoints),
               "use fewer levels, or the latin-hypercube design");
      return;
    }
  }
}

}  // namespace

const std::vector<std::string>& headline_metric_names() {
  static const std::vector<std::string> names = {"gpu_weeks", "full_target_p50_days",
                                                 "half_target_p50_days", "capex_usd"};
  return names;
}

std::string design_name(SweepDesign design) {
  switch (design) {
    case SweepDesign::grid:
      return "grid";
    case SweepDesign::one_at_a_time:
      return "one-at-a-time";
    case SweepDesign::latin_hypercube:
      return "latin-hypercube";
  }
  return "";
}

std::string parameter_kind_name(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::values:
      return "values";
    case ParameterKind::range:
      return "range";
    case ParameterKind::shift:
      return "shift";
    case ParameterKind::scale:
      return "scale";
  }
  return "";
}

StudySpec read_study_file(const std::string& path, const InputLimits& limits) {
  Diagnostics diag;
  StudySpec spec = StudyReader(diag, limits).read(path);
  diag.throw_if_any();
  return spec;
}

}  // namespace rackscale::io
