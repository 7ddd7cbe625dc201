#include "what_if.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "rackscale/core/error.hpp"
#include "rackscale/io/scenario_overrides.hpp"
#include "rackscale/report/html_report.hpp"
#include "rackscale/report/manifest.hpp"
#include "rackscale/report/plan_charts.hpp"
#include "rackscale/report/plan_report.hpp"
#include "rackscale/report/svg_chart.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace rackscale::serve {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

//! The top-level sections an override may change: what a planner moves in a meeting. The rest
//! (`catalog`, `start`, `horizon`, `simulation`, `reliability`) is fixed by the scenario file.
constexpr std::array kChangeableSections = {"factories", "suppliers", "contracts", "sites",
                                            "policies"};
//! Keys whose values name files: never set by a request.
constexpr std::array kFileKeys = {"catalog", "epw"};
//! Counterfactual runs per relaxed constraint in a re-plan: enough to name each site's main
//! bottleneck. assumption: on the flagship, 50 runs name the same main bottleneck per site as
//! the CLI's default of 200 (checked with `plan --attribution-runs 50`), and add about 0.15 s
//! of CPU time to a re-plan of 1,000 runs (`plan --attribution-runs 0` against 50).
constexpr int kQuickAttributionRuns = 50;
//! Re-plans kept for a repeated request (going back to an earlier value).
constexpr std::size_t kCachedAnswers = 16;
//! Nodes of one override value walked to look for file keys; a larger value (or one that
//! aliases itself into a large tree) is refused.
constexpr int kMaxValueNodes = 2000;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

bool is_file_key(const std::string& key) {
  return std::find(kFileKeys.begin(), kFileKeys.end(), key) != kFileKeys.end();
}

//! The map keys of an override path (`sites[x].grid[0].date` -> sites, grid, date); list
//! selectors in brackets are skipped.
std::vector<std::string> path_keys(const std::string& path) {
  std::vector<std::string> keys(1);
  int depth = 0;
  for (char c : path) {
    if (c == '[') {
      ++depth;
    } else if (c == ']') {
      depth = std::max(0, depth - 1);
    } else if (depth == 0 && c == '.') {
      keys.emplace_back();
    } else if (depth == 0) {
      keys.back() += c;
    }
  }
  return keys;
}

//! True if `node` holds a map key naming a file; `budget` counts the nodes walked.
bool names_a_file(const YAML::Node& node, int& budget) {
  if (--budget < 0) {
    throw RequestError(
        422, fmt::format("an override value may hold at most {} YAML nodes", kMaxValueNodes));
  }
  if (node.IsMap()) {
    for (const auto& item : node) {
      if (item.first.IsScalar() && is_file_key(item.first.Scalar())) return true;
      if (names_a_file(item.second, budget)) return true;
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      if (names_a_file(item, budget)) return true;
    }
  }
  return false;
}

bool has_control_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

json diagnostic_json(const Diagnostic& d, const std::vector<Override>& overrides,
                     std::size_t first_index) {
  json path = nullptr;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    if (d.where.file == io::override_name(first_index + i)) path = overrides[i].path;
  }
  return {{"path", path},
          {"key_path", d.key_path},
          {"message", d.message},
          {"hint", d.suggestion},
          {"location", d.where.line > 0
                           ? fmt::format("{}:{}:{}", d.where.file, d.where.line, d.where.column)
                           : d.where.file}};
}

// ---- the controls of the page ------------------------------------------------------------

//! A list item's selector in a path: its name when it is a plain word, else its index.
std::string selector(const YAML::Node& item, std::size_t index) {
  if (item.IsMap() && item["name"] && item["name"].IsScalar()) {
    const std::string name = item["name"].Scalar();
    const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '-' || c == '_';
    });
    if (plain) return name;
  }
  return std::to_string(index);
}

//! Adds a control for `node[key]` when it is a scalar.
void add_control(json& controls, const YAML::Node& node, const std::string& key,
                 const std::string& path, const std::string& label) {
  if (!node.IsMap() || !node[key] || !node[key].IsScalar()) return;
  controls.push_back({{"path", path + "." + key}, {"label", label}, {"value", node[key].Scalar()}});
}

//! Controls for each `{date, <quantity>}` step of the list `node[key]`.
void add_step_controls(json& controls, const YAML::Node& node, const std::string& key,
                       const std::string& quantity, const std::string& path,
                       const std::string& step_name) {
  if (!node.IsMap() || !node[key] || !node[key].IsSequence()) return;
  for (std::size_t i = 0; i < node[key].size(); ++i) {
    const YAML::Node step = node[key][i];
    const std::string at = fmt::format("{}.{}[{}]", path, key, i);
    add_control(controls, step, "date", at, fmt::format("{} {} date", step_name, i + 1));
    add_control(controls, step, quantity, at, fmt::format("{} {} {}", step_name, i + 1, quantity));
  }
}

//! One group of controls per item of the list `root[section]`, made by `add`.
template <class F>
json control_groups(const YAML::Node& root, const std::string& section, const std::string& kind,
                    F&& add) {
  json groups = json::array();
  if (!root[section] || !root[section].IsSequence()) return groups;
  for (std::size_t i = 0; i < root[section].size(); ++i) {
    const YAML::Node item = root[section][i];
    const std::string path = fmt::format("{}[{}]", section, selector(item, i));
    json controls = json::array();
    add(controls, item, path);
    const std::string name = item.IsMap() && item["name"] && item["name"].IsScalar()
                                 ? item["name"].Scalar()
                                 : std::to_string(i + 1);
    if (!controls.empty()) {
      groups.push_back({{"kind", kind}, {"name", name}, {"controls", std::move(controls)}});
    }
  }
  return groups;
}

json controls_of(const YAML::Node& root) {
  json groups = control_groups(root, "factories", "factory",
                               [](json& c, const YAML::Node& f, const std::string& path) {
                                 add_step_controls(c, f, "ramp", "rate", path, "ramp step");
                                 add_control(c, f, "lines", path, "lines");
                               });
  for (auto& g : control_groups(
           root, "sites", "site", [](json&c, const YAML::Node&s, const std::string&path) {
             add_step_controls(c, s, "grid", "capacity", path, "grid step");
             add_control(c, s["construction"], "start", path + ".construction",
                         "construction start");
             add_control(c, s["crews"], "install_rate", path + ".crews", "install crews");
             add_control(c, s["crews"], "commissioning_rate", path + ".crews",
                         "commissioning crews");
           })) {
    groups.push_back(std::move(g));
  }
  for (auto& g : control_groups(
           root, "contracts", "contract", [](json&c, const YAML::Node&k, const std::string&path) {
             if (!k["options"] || !k["options"].IsSequence()) return;
             for (std::size_t i = 0; i < k["options"].size(); ++i) {
               add_control(c, k["options"][i], "racks", fmt::format("{}.options[{}]", path, i),
                           fmt::format("option {} racks", i + 1));
             }
           })) {
    groups.push_back(std::move(g));
  }
  return groups;
}

//! The scenario document with `overrides` applied (they were checked by loading the study).
YAML::Node overridden_document(const Study& study, const std::vector<std::string>& overrides) {
  YAML::Node root = YAML::Load(study.loaded().text);
  Diagnostics diag;
  io::apply_overrides(root, overrides, diag);
  diag.throw_if_any();
  return root;
}

}  // namespace

RequestError::RequestError(int status, const std::string& message, json details)
    : std::runtime_error(message), status_(status), body_(json::object()) {
  body_["error"] = message;
  body_["status"] = status;
  if (details.is_object()) body_.update(details);
}

std::vector<std::string> WhatIf::set_texts() const {
  std::vector<std::string> texts;
  for (const auto& o : overrides) texts.push_back(o.path + "=" + o.value);
  return texts;
}

void check_override(const Override& o, const RequestLimits& limits) {
  const json where = {{"path", o.path}};
  if (o.path.empty() || o.path.size() > limits.max_override_size ||
      o.value.size() > limits.max_override_size) {
    throw RequestError(
        422,
        fmt::format("an override path must be 1 to {0} characters and its value at most {0}",
                    limits.max_override_size),
        where);
  }
  if (has_control_character(o.path) || has_control_character(o.value) ||
      o.path.find('=') != std::string::npos) {
    throw RequestError(422, "an override path holds no '=' and neither holds control characters",
                       where);
  }
  const std::vector<std::string> keys = path_keys(o.path);
  if (std::find(kChangeableSections.begin(), kChangeableSections.end(), keys.front()) ==
      kChangeableSections.end()) {
    throw RequestError(422,
                       fmt::format("\"{}\" cannot be changed here; overrides may change: {}",
                                   keys.front(), fmt::join(kChangeableSections, ", ")),
                       where);
  }
  int budget = kMaxValueNodes;
  bool file = std::any_of(keys.begin(), keys.end(), is_file_key);
  try {
    file = file || names_a_file(YAML::Load(o.value), budget);
  } catch (const YAML::Exception&) {
    // Not YAML: the loader reports it with the override's text and a caret.
  }
  if (file) {
    throw RequestError(422,
                       "the server reads only the files the scenario names: an override "
                       "may not set a catalog or weather file",
                       where);
  }
}

WhatIf parse_what_if(std::string_view body, int default_runs, const RequestLimits& limits) {
  const json request = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) throw RequestError(400, "the request body is not valid JSON");
  if (!request.is_object()) {
    throw RequestError(400,
                       "the request body must be a JSON object such as "
                       "{\"overrides\": {\"sites[0].grid[0].date\": \"2027-06-01\"}, "
                       "\"runs\": 1000}");
  }
  WhatIf what_if{{}, default_runs};
  for (const auto& [key, value] : request.items()) {
    if (key == "runs") {
      if (!value.is_number_integer() || value.get<long long>() < 1 ||
          value.get<long long>() > limits.max_runs) {
        throw RequestError(422, fmt::format("runs must be an integer from 1 to {}, got {}",
                                            limits.max_runs, value.dump()));
      }
      what_if.runs = value.get<int>();
    } else if (key == "overrides") {
      if (!value.is_object()) {
        throw RequestError(422, "overrides must be an object of PATH: VALUE, got " +
                                    std::string(value.type_name()));
      }
      if (value.size() > limits.max_overrides) {
        throw RequestError(
            422, fmt::format("at most {} overrides, got {}", limits.max_overrides, value.size()));
      }
      for (const auto& [path, v] : value.items()) {
        if (!v.is_string() && !v.is_number()) {
          throw RequestError(422,
                             fmt::format("the value of \"{}\" must be a string or a number, got {}",
                                         path, v.type_name()),
                             {{"path", path}});
        }
        Override o{path, v.is_string() ? v.get<std::string>() : v.dump()};
        check_override(o, limits);
        what_if.overrides.push_back(std::move(o));
      }
    } else {
      throw RequestError(422, fmt::format("unknown field \"{}\"; expected overrides, runs", key));
    }
  }
  return what_if;
}

WhatIfSession::WhatIfSession(Study base, std::vector<std::string> base_overrides,
                             const RunOptions& defaults, RequestLimits limits)
    : base_(std::move(base)),
      base_overrides_(std::move(base_overrides)),
      runs_(
          std::clamp(defaults.runs.value_or(base_.scenario().simulation.runs), 1, limits.max_runs)),
      seed_(defaults.seed),
      threads_(defaults.threads),
      limits_(limits) {
  const Clock::time_point start = Clock::now();
  base_result_ = quick_plan(base_, runs_);
  base_answer_ = answer(base_, base_result_, false);
  base_answer_["timing_ms"] = {{"load", 0.0}, {"plan", elapsed_ms(start)}};
  base_answer_["controls"] = controls_of(overridden_document(base_, base_overrides_));
  base_answer_["default_runs"] = runs_;
  base_answer_["max_runs"] = limits_.max_runs;
}

json WhatIfSession::base_answer() const {
  return base_answer_;
}

PlanResult WhatIfSession::quick_plan(const Study& study, int runs) const {
  RunOptions options;
  options.runs = runs;
  options.seed = seed_;
  options.threads = threads_;
  options.attribution_runs = std::min(runs, kQuickAttributionRuns);
  options.reliability = false;
  return study.plan(options);
}

PlanResult WhatIfSession::full_plan(const Study& study, int runs) const {
  RunOptions options;
  options.runs = runs;
  options.seed = seed_;
  options.threads = threads_;
  const std::lock_guard<std::mutex> lock(planning_);
  return study.plan(options);
}

Study WhatIfSession::changed(const WhatIf& what_if) const {
  try {
    return base_.with_overrides(what_if.set_texts());
  } catch (const InputError& e) {
    json diagnostics = json::array();
    for (const auto& d : e.diagnostics()) {
      diagnostics.push_back(diagnostic_json(d, what_if.overrides, base_overrides_.size()));
    }
    throw RequestError(422, "the changed scenario is not valid",
                       {{"diagnostics", diagnostics}, {"rendered", e.what()}});
  }
}

json WhatIfSession::answer(const Study& study, const PlanResult& result, bool compare) const {
  const auto& plan = result.buildout;
  report::TimeChart capacity = report::capacity_chart(result.sites, plan);
  const auto& base_total = base_result_.buildout.total.gpus_online.p50;
  if (compare && base_result_.buildout.week_end_dates == plan.week_end_dates) {
    capacity.series.push_back({"base total (P50)", base_total, {}, {}});
  }
  return {
      {"scenario", study.scenario().name},
      {"runs", result.runs},
      {"seed", result.stamp.seed},
      {"summary", report::plan_to_json(result.stamp, plan, result.sites, study.scenario().start,
                                       &result.attribution)},
      {"capacity_svg", report::time_chart_svg(capacity)},
      {"schedule_svg", report::gantt_svg(report::schedule_chart(plan, study.scenario().start))}};
}

json WhatIfSession::plan(const WhatIf& what_if) {
  std::string key = std::to_string(what_if.runs);
  for (const auto& text : what_if.set_texts()) key += "\n" + text;
  const std::lock_guard<std::mutex> lock(planning_);
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if (it->first != key) continue;
    cache_.splice(cache_.begin(), cache_, it);
    json cached = it->second;
    cached["cached"] = true;
    return cached;
  }
  const Clock::time_point start = Clock::now();
  const Study study = changed(what_if);
  const double load_ms = elapsed_ms(start);
  const Clock::time_point planned = Clock::now();
  PlanResult result;
  try {
    result = quick_plan(study, what_if.runs);
  } catch (const InputError& e) {
    throw RequestError(422, "the changed scenario cannot be planned", {{"rendered", e.what()}});
  }
  json out = answer(study, result, true);
  out["timing_ms"] = {{"load", load_ms}, {"plan", elapsed_ms(planned)}};
  out["cached"] = false;
  cache_.emplace_front(key, out);
  if (cache_.size() > kCachedAnswers) cache_.pop_back();
  return out;
}

std::string WhatIfSession::scenario_yaml(const WhatIf& what_if) const {
  changed(what_if);
  YAML::Emitter out;
  std::vector<std::string> overrides = base_overrides_;
  for (const auto& text : what_if.set_texts()) overrides.push_back(text);
  out << overridden_document(base_, overrides);
  std::string header = fmt::format(
      "# {} with {} override(s) from `rackscale serve`; relative paths (catalog, weather) are\n"
      "# those of the original scenario file, so keep this file beside it.\n",
      base_.scenario().name, overrides.size());
  for (const auto& text : overrides) header += "#   --set " + text + "\n";
  return header + out.c_str() + "\n";
}

report::OutputFiles WhatIfSession::plan_files(const WhatIf& what_if,
                                              const std::vector<std::string>& command_line) const {
  const Study study = changed(what_if);
  const PlanResult result = full_plan(study, what_if.runs);
  std::vector<std::string> line = command_line;
  for (const auto& text : what_if.set_texts()) {
    line.push_back("--set");
    line.push_back(text);
  }
  report::OutputFiles files;
  const report::OutputFiles planned = plan_outputs(result, study.scenario(), line);
  for (const auto& [name, content] : planned.files()) {
    if (name != "manifest.json") files.add(name, content);
  }
  files.add("scenario.yaml", scenario_yaml(what_if));
  report::add_manifest(files, {result.stamp, result.runs, line});
  return files;
}

std::string WhatIfSession::report_html(const WhatIf& what_if) const {
  const Study study = changed(what_if);
  const PlanResult result = full_plan(study, what_if.runs);
  return report::html_report({result.stamp, study.scenario(), result.sites, &result.buildout,
                              &result.attribution, &result.reliability});
}

}  // namespace rackscale::serve
