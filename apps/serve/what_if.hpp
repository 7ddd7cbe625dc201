#pragma once
//! The model behind `rackscale serve`: one base scenario, and the plan of that scenario with the
//! overrides a request carries (the `--set` paths), answered as JSON with the capacity and
//! schedule charts as SVG. Nothing here knows HTTP; serve_http.cpp maps its answers and
//! RequestError to responses. docs/serve.md.

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "rackscale/report/output_files.hpp"
#include "rackscale/study/study.hpp"

namespace rackscale::serve {

//! A request the server refuses: an HTTP status (4xx) and a JSON body with an `error` message
//! (and, for a scenario the overrides break, its `diagnostics`).
class RequestError : public std::runtime_error {
 public:
  RequestError(int status, const std::string& message, nlohmann::json details = nullptr);
  int status() const { return status_; }
  //! `{"error": message, "status": status, ...details}`.
  const nlohmann::json& body() const { return body_; }

 private:
  int status_;
  nlohmann::json body_;
};

//! What the server accepts in a request.
struct RequestLimits {
  int max_runs = 20'000;                 //!< Monte Carlo runs of one re-plan [runs]
  std::size_t max_overrides = 200;       //!< overrides in one request
  std::size_t max_override_size = 1000;  //!< characters of one path or value
};

//! One override of a request: a `--set` path and its value as YAML text.
struct Override {
  std::string path;   //!< e.g. `sites[abilene-tx].grid[0].date`
  std::string value;  //!< e.g. `2027-06-01`
};

//! A what-if: overrides of the base scenario and the Monte Carlo runs.
struct WhatIf {
  std::vector<Override> overrides;  //!< in the order of the request
  int runs = 0;                     //!< [runs]

  //! The overrides as `--set` texts: "PATH=VALUE".
  std::vector<std::string> set_texts() const;
};

//! Reads the body of a request, `{"overrides": {PATH: VALUE, ...}, "runs": N}` (both optional);
//! VALUE is a string (YAML text) or a number. Throws RequestError: 400 for a body that is not a
//! JSON object, 422 for an unknown field, a wrong type, runs out of range, or an override
//! outside what the server lets a request change (check_override_path).
WhatIf parse_what_if(std::string_view body, int default_runs, const RequestLimits& limits);

//! Throws RequestError 422 unless `path` names a value of the factories, suppliers, contracts,
//! sites or policies and neither it nor `value` names a file (`catalog`, `epw`): a request
//! never makes the server read a file the scenario does not name.
void check_override(const Override& override_value, const RequestLimits& limits);

//! The base scenario and its plan, and re-plans of it with overrides (one at a time, each on
//! every worker thread; the latest answers are cached).
class WhatIfSession {
 public:
  //! Plans `base` (build-out only) for the comparisons; `base_overrides` are the `--set` texts
  //! `base` was loaded with (a request's overrides come after them); `defaults` gives the runs
  //! of a request that names none (else the scenario's, at most limits.max_runs), the seed and
  //! the threads.
  WhatIfSession(Study base, std::vector<std::string> base_overrides, const RunOptions& defaults,
                RequestLimits limits = {});

  const RequestLimits& limits() const { return limits_; }
  int default_runs() const { return runs_; }
  const Study& base() const { return base_; }

  //! The base answer (as plan()) plus `controls`: the values a planner moves, grouped by
  //! factory, site and contract, each with its `path`, `label` and current `value`.
  nlohmann::json base_answer() const;
  //! The build-out of the base scenario with `what_if` applied: `summary` (the key answers as
  //! `plan --json` prints them), `capacity_svg` (with the base total for comparison),
  //! `schedule_svg`, `timing_ms`. Throws RequestError 422 with the diagnostics (each with the
  //! override `path` it concerns, or null) if the overrides break the scenario.
  nlohmann::json plan(const WhatIf& what_if);
  //! The base scenario's text with the overrides applied, as YAML, under a comment that lists
  //! them. Throws RequestError 422 as plan() does.
  std::string scenario_yaml(const WhatIf& what_if) const;
  //! The full plan (attribution and reliability included) of the changed scenario as the files
  //! `rackscale plan` writes, plus `scenario.yaml`.
  report::OutputFiles plan_files(const WhatIf& what_if,
                                 const std::vector<std::string>& command_line) const;
  //! report.html of that full plan.
  std::string report_html(const WhatIf& what_if) const;

 private:
  // The base with the overrides applied; throws RequestError 422 with the diagnostics.
  Study changed(const WhatIf& what_if) const;
  nlohmann::json answer(const Study& study, const PlanResult& result, bool compare) const;
  // The build-out with 50 attribution runs and no fleet reliability study: a re-plan.
  PlanResult quick_plan(const Study& study, int runs) const;
  // Everything `rackscale plan` runs, for the downloads and the saved files (one at a time).
  PlanResult full_plan(const Study& study, int runs) const;

  Study base_;
  std::vector<std::string> base_overrides_;
  int runs_;
  std::optional<std::uint64_t> seed_;
  int threads_;
  RequestLimits limits_;
  PlanResult base_result_;
  nlohmann::json base_answer_;
  mutable std::mutex planning_;  // one plan at a time: each already uses every core
  std::list<std::pair<std::string, nlohmann::json>> cache_;  // most recent first
};

}  // namespace rackscale::serve
