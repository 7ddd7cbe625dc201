#include "rackscale/optimize/infeasibility.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "rackscale/core/digit_grouping.hpp"

namespace rackscale::optimize {

namespace {

//! The families relaxed one at a time, in the order their remedies are listed.
constexpr RowFamily kRelaxable[] = {
    RowFamily::Budget,      RowFamily::Power,  RowFamily::Supply, RowFamily::InstallRate,
    RowFamily::Concurrency, RowFamily::Carbon, RowFamily::Water};

std::string unit_of(RowFamily family) {
  switch (family) {
    case RowFamily::Budget:
      return "MUSD";
    case RowFamily::Power:
      return "MW";
    case RowFamily::Concurrency:
      return "phases";
    case RowFamily::Carbon:
      return "t";
    case RowFamily::Water:
      return "m^3";
    default:
      return "racks";
  }
}

//! A shortfall rounded up: to whole units with thousands separators from 100, to a tenth below.
std::string amount(double value) {
  if (value >= 100.0) return group_thousands(static_cast<long long>(std::ceil(value - 1e-6)));
  return fmt::format("{:g}", std::ceil(value * 10.0 - 1e-6) / 10.0);
}

struct Labels {
  std::function<std::string(int)> period;
  std::function<std::string(int)> year;
};

Labels labels_of(const InfeasibilityOptions& options) {
  Labels labels{options.period_label, options.year_label};
  if (!labels.period) labels.period = [](int period) { return "period " + std::to_string(period); };
  if (!labels.year) labels.year = [](int year) { return "year " + std::to_string(year); };
  return labels;
}

//! The slacks of `family` that restore a plan, or nothing when relaxing it is not enough (or
//! the problem has no such rows).
std::optional<std::vector<Shortfall>> relax(const Problem& problem, RowFamily family,
                                            const SolveOptions& options) {
  const MilpModel model = build_model(problem, {family});
  if (model.elastic_rows.empty()) return std::nullopt;
  const MilpSolution solution = run_cbc(model.program, options);
  if (solution.values.empty()) return std::nullopt;
  std::vector<Shortfall> shortfalls;
  for (const ElasticRow& row : model.elastic_rows) {
    const double slack = solution.values[row.slack_column];
    if (slack > 1e-6)
      shortfalls.push_back({family, row.candidate, row.period, slack, unit_of(family)});
  }
  return shortfalls;
}

//! The largest shortfall of each candidate (-1: not about one), to keep the message short.
std::vector<Shortfall> largest_by_candidate(const std::vector<Shortfall>& shortfalls) {
  std::map<int, Shortfall> largest;
  for (const Shortfall& shortfall : shortfalls) {
    auto [entry, inserted] = largest.try_emplace(shortfall.candidate, shortfall);
    if (!inserted && shortfall.amount > entry->second.amount) entry->second = shortfall;
  }
  std::vector<Shortfall> result;
  for (const auto& [candidate, shortfall] : largest) result.push_back(shortfall);
  return result;
}

std::string describe(const Problem& problem, const Shortfall& shortfall, const Labels& labels) {
  const std::string name =
      shortfall.candidate >= 0 ? problem.candidates[shortfall.candidate].name : "";
  const std::string value = amount(shortfall.amount);
  switch (shortfall.constraint) {
    case RowFamily::Budget:
      return fmt::format("the {} capex budget is {} MUSD short", labels.year(shortfall.period),
                         value);
    case RowFamily::Power:
      return fmt::format("{} lacks {} MW of grid or bridging power in {}", name, value,
                         labels.period(shortfall.period));
    case RowFamily::Supply:
      return fmt::format("the factories deliver {} racks too few by {}", value,
                         labels.period(shortfall.period));
    case RowFamily::InstallRate:
      return fmt::format("{}'s crews would have to install {} more racks in {}", name, value,
                         labels.period(shortfall.period));
    case RowFamily::Concurrency:
      return fmt::format("{} more phases would have to be under construction at once in {}", value,
                         labels.period(shortfall.period));
    case RowFamily::Carbon:
      return fmt::format("the carbon cap is {} t short", value);
    default:
      return fmt::format("the water cap is {} m^3 short", value);
  }
}

std::string remedy_line(const Problem& problem, const std::vector<Shortfall>& remedy,
                        const Labels& labels) {
  const bool every_row = !remedy.empty() && remedy.front().constraint == RowFamily::Budget;
  std::string line;
  for (const Shortfall& shortfall : every_row ? remedy : largest_by_candidate(remedy)) {
    line += (line.empty() ? "" : "; ") + describe(problem, shortfall, labels);
  }
  return "- " + line;
}

//! Racks online by the target period with every constraint kept (the target row elastic).
int racks_reachable(const Problem& problem, const SolveOptions& options) {
  const auto shortfalls = relax(problem, RowFamily::Target, options);
  double missing = 0.0;
  if (shortfalls) {
    for (const Shortfall& shortfall : *shortfalls) missing += shortfall.amount;
  }
  return problem.objective.target_racks - static_cast<int>(std::ceil(missing - 1e-6));
}

std::string headline(const Problem& problem, const InfeasibilityReport& report,
                     const Labels& labels) {
  if (problem.objective.kind != ObjectiveKind::LeastCost) return "No plan meets every constraint.";
  const std::string by = labels.period(problem.objective.target_period);
  return fmt::format("{} racks cannot be online by {}: at most {} can, {} short.",
                     group_thousands(report.target_racks), by,
                     group_thousands(report.racks_reachable),
                     group_thousands(report.target_racks - report.racks_reachable));
}

}  // namespace

InfeasibilityReport explain_infeasibility(const Problem& problem,
                                          const InfeasibilityOptions& options) {
  InfeasibilityReport report;
  const Plan plan = solve(problem, options.solve);
  report.infeasible = plan.status == SolveStatus::Infeasible;
  if (!report.infeasible) return report;
  const Labels labels = labels_of(options);
  report.target_racks = problem.objective.target_racks;
  if (problem.objective.kind == ObjectiveKind::LeastCost)
    report.racks_reachable = racks_reachable(problem, options.solve);
  report.message = headline(problem, report, labels);
  for (RowFamily family : kRelaxable) {
    auto remedy = relax(problem, family, options.solve);
    if (remedy && !remedy->empty()) report.remedies.push_back(std::move(*remedy));
  }
  if (report.remedies.empty()) {
    report.message +=
        "\nNo single constraint closes the gap: the candidates' earliest starts, build periods and "
        "phase "
        "sizes cannot hold the racks in time.";
  } else {
    report.message += "\nAny one of these closes the gap:";
    for (const auto& remedy : report.remedies)
      report.message += "\n" + remedy_line(problem, remedy, labels);
  }
  return report;
}

std::string time_limit_message(const Plan& plan, const SolveOptions& options) {
  const std::string limit =
      plan.node_limit_reached ? fmt::format("the node limit of {} node{}", options.node_limit,
                                            options.node_limit == 1 ? "" : "s")
                              : fmt::format("the time limit of {:g} s", options.time_limit_seconds);
  if (plan.status == SolveStatus::NoPlan) {
    return "The solver found no plan within " + limit + "; raise the limit.";
  }
  if (plan.status != SolveStatus::TimeLimit) return "";
  return fmt::format("The solver stopped at {} with a plan within {:.2f}% of the best bound.",
                     limit, 100.0 * plan.gap);
}

}  // namespace rackscale::optimize
