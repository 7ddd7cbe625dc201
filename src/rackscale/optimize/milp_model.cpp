#include "rackscale/optimize/milp_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "rackscale/core/error.hpp"

namespace rackscale::optimize {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kUsdPerMusd = 1e6;

//! What the build phases share: the problem, the options and the model under construction.
struct Builder {
  const Problem& problem;
  const ModelOptions& options;
  MilpModel model;
};

double rack_facility_mw(const Problem& problem, const Candidate& candidate) {
  return problem.rack_it_mw * candidate.facility_mw_per_it_mw;
}

double period_hours(const Problem& problem) {
  return problem.period_weeks * kHoursPerWeek;
}

void require(bool condition, const std::string& message) {
  if (!condition) throw Error("optimize: " + message);
}

void validate(const Problem& problem) {
  require(problem.periods > 0, "the horizon must have at least one period");
  require(problem.period_weeks > 0.0, "the period must be longer than 0 weeks");
  require(problem.rack_it_mw > 0.0, "the rack IT power must be > 0 MW");
  for (const Candidate& candidate : problem.candidates) {
    require(
        candidate.phases >= 0 && candidate.racks_per_phase >= 0 && candidate.build_periods >= 0,
        "candidate " + candidate.name + ": phases, racks per phase and build periods must be >= 0");
    require(candidate.facility_mw_per_it_mw > 0.0,
            "candidate " + candidate.name + ": facility MW per IT MW must be > 0");
  }
  if (problem.objective.kind == ObjectiveKind::LeastCost) {
    require(
        problem.objective.target_period >= 0 && problem.objective.target_period < problem.periods,
        "the target period " + std::to_string(problem.objective.target_period) +
            " is outside the horizon of " + std::to_string(problem.periods) + " periods");
  }
}

//! Adds a row of `family`; when that family is elastic, a slack column lets the row give way.
void add_family_row(Builder& builder, RowFamily family, ElasticRow about, double lower,
                    double upper, std::vector<Term> terms) {
  LinearProgram& program = builder.model.program;
  if (family != RowFamily::None && family == builder.options.elastic) {
    about.family = family;
    about.slack_column = program.add_column(0.0, kInfinity, 1.0, false);
    // A <= row gives way upwards, a >= row downwards.
    terms.push_back({about.slack_column, upper < kInfinity ? -1.0 : 1.0});
    builder.model.elastic_rows.push_back(about);
  }
  program.add_row(lower, upper, std::move(terms));
}

void add_phase_columns(Builder& builder, int index) {
  const Candidate& candidate = builder.problem.candidates[index];
  CandidateColumns& columns = builder.model.candidates[index];
  LinearProgram& program = builder.model.program;
  columns.first_start = std::max(0, candidate.earliest_start);
  columns.last_start = builder.problem.periods - 1 - candidate.build_periods;
  if (candidate.phases == 0 || columns.last_start < columns.first_start) return;
  const int window = columns.last_start - columns.first_start + 1;
  const int groups = candidate.phases > 1 ? 2 : 1;
  columns.started.assign(groups, std::vector<int>(window));
  for (int group = 0; group < groups; ++group) {
    const double most = group == 0 ? 1.0 : candidate.phases - 1.0;
    for (int slot = 0; slot < window; ++slot) {
      columns.started[group][slot] = program.add_column(0.0, most, 0.0, true);
      if (slot > 0) {  // once started, started
        program.add_row(
            0.0, kInfinity,
            {{columns.started[group][slot], 1.0}, {columns.started[group][slot - 1], -1.0}});
      }
      if (group > 0) {  // the later phases start no earlier than the first
        program.add_row(-kInfinity, 0.0,
                        {{columns.started[group][slot], 1.0}, {columns.started[0][slot], -most}});
      }
    }
  }
}

//! Racks installed in `period` within the crews' rate once the first phase is ready:
//! installed <= rate x ready(phase 0). The same integer plans as installed <= rate (no phase
//! ready, no racks), but a fraction of a phase in the LP relaxation gets only that fraction of
//! the crews, which tightens the bound (docs/optimize.md, "Formulation").
void add_install_rate_row(Builder& builder, int index, int period,
                          const std::vector<Term>& installed) {
  const Candidate& candidate = builder.problem.candidates[index];
  const CandidateColumns& columns = builder.model.candidates[index];
  LinearProgram& program = builder.model.program;
  program.add_row(0.0, kInfinity, installed);  // racks stay once installed
  if (candidate.install_racks_per_period <= 0) return;
  const double rate = candidate.install_racks_per_period;
  std::vector<Term> terms = installed;
  double upper = rate;
  const int ready = started_column(columns, 0, period - candidate.build_periods);
  if (builder.options.elastic != RowFamily::InstallRate) {
    if (ready >= 0) terms.push_back({ready, -rate});
    upper = 0.0;
  }
  add_family_row(builder, RowFamily::InstallRate, {RowFamily::None, index, period, 0}, -kInfinity,
                 upper, std::move(terms));
}

//! Racks online by period, within the crews' rate and the phases ready.
void add_online_columns(Builder& builder, int index) {
  const Candidate& candidate = builder.problem.candidates[index];
  CandidateColumns& columns = builder.model.candidates[index];
  LinearProgram& program = builder.model.program;
  const double most_racks = static_cast<double>(candidate.phases) * candidate.racks_per_phase;
  for (int period = 0; period < builder.problem.periods; ++period) {
    const int online = program.add_column(0.0, most_racks, 0.0, builder.options.whole_racks);
    columns.online.push_back(online);
    std::vector<Term> installed = {{online, 1.0}};
    if (period > 0) installed.push_back({columns.online[period - 1], -1.0});
    add_install_rate_row(builder, index, period, installed);
    std::vector<Term> space = {{online, 1.0}};
    for (int group = 0; group < static_cast<int>(columns.started.size()); ++group) {
      const int ready = started_column(columns, group, period - candidate.build_periods);
      if (ready >= 0) space.push_back({ready, -static_cast<double>(candidate.racks_per_phase)});
    }
    program.add_row(-kInfinity, 0.0, std::move(space));
  }
}

//! Bridging MW ordered (cumulative) and MW carrying load, available after the lead time.
void add_bridging_columns(Builder& builder, int index) {
  const Candidate& candidate = builder.problem.candidates[index];
  CandidateColumns& columns = builder.model.candidates[index];
  LinearProgram& program = builder.model.program;
  const int periods = builder.problem.periods;
  columns.bridging_ordered.assign(candidate.bridging.size(), {});
  columns.bridging_used.assign(candidate.bridging.size(), {});
  for (std::size_t offer = 0; offer < candidate.bridging.size(); ++offer) {
    const BridgingOffer& bridging = candidate.bridging[offer];
    auto& ordered = columns.bridging_ordered[offer];
    auto& used = columns.bridging_used[offer];
    for (int period = 0; period < periods; ++period) {
      ordered.push_back(program.add_column(0.0, bridging.max_mw, 0.0, false));
      if (period > 0)
        program.add_row(0.0, kInfinity, {{ordered[period], 1.0}, {ordered[period - 1], -1.0}});
      const bool available = period >= bridging.lead_periods;
      used.push_back(program.add_column(0.0, available ? bridging.max_mw : 0.0, 0.0, false));
      if (available) {
        program.add_row(-kInfinity, 0.0,
                        {{used[period], 1.0}, {ordered[period - bridging.lead_periods], -1.0}});
      }
    }
  }
  if (candidate.bridging.empty()) return;
  const double facility_mw = rack_facility_mw(builder.problem, candidate);
  for (int period = 0; period < periods; ++period) {  // bridging carries at most the load
    std::vector<Term> terms = {{columns.online[period], -facility_mw}};
    for (const auto& used : columns.bridging_used) terms.push_back({used[period], 1.0});
    program.add_row(-kInfinity, 0.0, std::move(terms));
  }
}

//! Facility load of the racks online within grid MW plus bridging MW carrying load.
void add_power_rows(Builder& builder, int index) {
  const Candidate& candidate = builder.problem.candidates[index];
  const CandidateColumns& columns = builder.model.candidates[index];
  const double facility_mw = rack_facility_mw(builder.problem, candidate);
  for (int period = 0; period < builder.problem.periods; ++period) {
    std::vector<Term> terms = {{columns.online[period], facility_mw}};
    for (const auto& used : columns.bridging_used) terms.push_back({used[period], -1.0});
    add_family_row(builder, RowFamily::Power, {RowFamily::None, index, period, 0}, -kInfinity,
                   grid_mw_at(candidate, period), std::move(terms));
  }
}

//! Racks installed by each period within the racks the factories delivered by then.
void add_supply_rows(Builder& builder) {
  const Problem& problem = builder.problem;
  double delivered = 0.0;
  for (int period = 0; period < problem.periods; ++period) {
    if (period < static_cast<int>(problem.factory_racks.size()))
      delivered += problem.factory_racks[period];
    std::vector<Term> terms;
    for (const CandidateColumns& columns : builder.model.candidates) {
      terms.push_back({columns.online[period], 1.0});
    }
    add_family_row(builder, RowFamily::Supply, {RowFamily::None, -1, period, 0}, -kInfinity,
                   delivered, std::move(terms));
  }
}

void add_budget_rows(Builder& builder) {
  const Problem& problem = builder.problem;
  const int years = static_cast<int>(problem.capex_budget_musd_per_year.size());
  std::vector<std::vector<Term>> terms(years);
  for (int period = 0; period < problem.periods; ++period) {
    const int year = year_of_period(problem, period);
    if (year >= years) break;
    for (int index = 0; index < static_cast<int>(problem.candidates.size()); ++index) {
      add_capex_terms(problem, builder.model, index, period, 1.0, terms[year]);
    }
  }
  for (int year = 0; year < years; ++year) {
    add_family_row(builder, RowFamily::Budget, {RowFamily::None, -1, year, 0}, -kInfinity,
                   problem.capex_budget_musd_per_year[year], std::move(terms[year]));
  }
}

//! Phases under construction in a period: started in the `build_periods` before it.
void add_concurrency_rows(Builder& builder) {
  const Problem& problem = builder.problem;
  if (problem.max_concurrent_phases <= 0) return;
  for (int period = 0; period < problem.periods; ++period) {
    std::vector<Term> terms;
    for (int index = 0; index < static_cast<int>(problem.candidates.size()); ++index) {
      const Candidate& candidate = problem.candidates[index];
      const CandidateColumns& columns = builder.model.candidates[index];
      for (int group = 0; group < static_cast<int>(columns.started.size()); ++group) {
        const int now = started_column(columns, group, period);
        const int before =
            started_column(columns, group, period - std::max(1, candidate.build_periods));
        if (now >= 0) terms.push_back({now, 1.0});
        if (before >= 0) terms.push_back({before, -1.0});
      }
    }
    add_family_row(builder, RowFamily::Concurrency, {RowFamily::None, -1, period, 0}, -kInfinity,
                   problem.max_concurrent_phases, std::move(terms));
  }
}

//! Carbon [t] and water [m^3] over the horizon: facility energy from the grid and from bridging.
void add_emission_rows(Builder& builder) {
  const Problem& problem = builder.problem;
  std::vector<Term> carbon;
  std::vector<Term> water;
  const double hours = period_hours(problem);
  for (int index = 0; index < static_cast<int>(problem.candidates.size()); ++index) {
    const Candidate& candidate = problem.candidates[index];
    const CandidateColumns& columns = builder.model.candidates[index];
    const double facility_mw = rack_facility_mw(problem, candidate);
    for (int period = 0; period < problem.periods; ++period) {
      const int online = columns.online[period];
      carbon.push_back({online, hours * facility_mw * candidate.carbon_t_per_mwh});
      water.push_back({online, hours * facility_mw * candidate.water_m3_per_mwh});
      for (std::size_t offer = 0; offer < candidate.bridging.size(); ++offer) {
        const double shift =
            candidate.bridging[offer].carbon_t_per_mwh - candidate.carbon_t_per_mwh;
        carbon.push_back({columns.bridging_used[offer][period], hours * shift});
      }
    }
  }
  if (problem.carbon_cap_t) {
    add_family_row(builder, RowFamily::Carbon, {}, -kInfinity, *problem.carbon_cap_t,
                   std::move(carbon));
  }
  if (problem.water_cap_m3) {
    add_family_row(builder, RowFamily::Water, {}, -kInfinity, *problem.water_cap_m3,
                   std::move(water));
  }
}

void add_target_row(Builder& builder) {
  const Objective& objective = builder.problem.objective;
  if (objective.kind != ObjectiveKind::LeastCost) return;
  std::vector<Term> terms;
  for (const CandidateColumns& columns : builder.model.candidates) {
    terms.push_back({columns.online[objective.target_period], 1.0});
  }
  add_family_row(builder, RowFamily::Target, {RowFamily::None, -1, objective.target_period, 0},
                 objective.target_racks, kInfinity, std::move(terms));
}

//! Energy cost [USD] of candidate `index` in `period`, times `weight`: the facility load at the
//! grid tariff, the part carried by bridging at its own cost.
void add_energy_terms(const Problem& problem, const MilpModel& model, int index, int period,
                      double weight, std::vector<Term>& terms) {
  const Candidate& candidate = problem.candidates[index];
  const CandidateColumns& columns = model.candidates[index];
  const double hours = period_hours(problem);
  terms.push_back({columns.online[period], weight * hours * rack_facility_mw(problem, candidate) *
                                               candidate.energy_usd_per_mwh});
  for (std::size_t offer = 0; offer < candidate.bridging.size(); ++offer) {
    const double shift =
        candidate.bridging[offer].energy_usd_per_mwh - candidate.energy_usd_per_mwh;
    terms.push_back({columns.bridging_used[offer][period], weight * hours * shift});
  }
}

//! Most capex [MUSD] any plan can spend: every phase and every bridging MW.
double most_capex_musd(const Problem& problem) {
  double total = 0.0;
  for (const Candidate& candidate : problem.candidates) {
    total += candidate.site_capex_musd + candidate.phases * candidate.phase_capex_musd;
    for (const BridgingOffer& bridging : candidate.bridging)
      total += bridging.max_mw * bridging.capex_musd_per_mw;
  }
  return total;
}

//! The objective's terms of candidate `index` in `period`; `tie_break` weighs capex in GPU-weeks.
void add_period_objective_terms(const Problem& problem, const MilpModel& model, int index,
                                int period, double tie_break, std::vector<Term>& terms) {
  const Objective& objective = problem.objective;
  const int online = model.candidates[index].online[period];
  switch (objective.kind) {
    case ObjectiveKind::GpuWeeks:
      terms.push_back({online, problem.gpus_per_rack * problem.period_weeks});
      if (tie_break > 0.0) add_capex_terms(problem, model, index, period, -tie_break, terms);
      return;
    case ObjectiveKind::LeastCost:
      add_capex_terms(problem, model, index, period, 1.0, terms);
      add_energy_terms(problem, model, index, period, 1.0 / kUsdPerMusd, terms);
      return;
    case ObjectiveKind::NetPresentValue:
      break;
  }
  const double years = period * problem.period_weeks / kWeeksPerYear;
  const double discount = std::pow(1.0 + objective.discount_rate, -years);
  const double value_usd =
      problem.gpus_per_rack * objective.value_per_gpu_hour * period_hours(problem);
  terms.push_back({online, discount * value_usd / kUsdPerMusd});
  add_capex_terms(problem, model, index, period, -discount, terms);
  add_energy_terms(problem, model, index, period, -discount / kUsdPerMusd, terms);
}

//! The objective's terms; with the tie-break for GPU-weeks when `with_tie_break`.
std::vector<Term> objective_terms(const Problem& problem, const MilpModel& model,
                                  bool with_tie_break) {
  // A capex tie-break below a tenth of one rack-period of GPU-weeks cannot change which plan has
  // the most GPU-weeks (racks are whole), and keeps phases that get no racks out of the plan.
  const double gpu_weeks_per_rack = problem.gpus_per_rack * problem.period_weeks;
  const double tie_break =
      with_tie_break ? 0.1 * gpu_weeks_per_rack / (1.0 + most_capex_musd(problem)) : 0.0;
  std::vector<Term> terms;
  for (int index = 0; index < static_cast<int>(problem.candidates.size()); ++index) {
    for (int period = 0; period < problem.periods; ++period) {
      add_period_objective_terms(problem, model, index, period, tie_break, terms);
    }
  }
  return terms;
}

void set_objective(Builder& builder) {
  MilpModel& model = builder.model;
  LinearProgram& program = model.program;
  model.reported_cost.assign(program.columns(), 0.0);
  for (const Term& term : objective_terms(builder.problem, model, false)) {
    model.reported_cost[term.column] += term.coefficient;
  }
  if (builder.options.elastic != RowFamily::None) return;  // the slacks' costs stand alone
  program.maximize = builder.problem.objective.kind != ObjectiveKind::LeastCost;
  for (const Term& term : objective_terms(builder.problem, model, true)) {
    program.cost[term.column] += term.coefficient;
  }
}

}  // namespace

int LinearProgram::add_column(double lower, double upper, double objective, bool integer) {
  column_lower.push_back(lower);
  column_upper.push_back(upper);
  cost.push_back(objective);
  is_integer.push_back(integer ? 1 : 0);
  return columns() - 1;
}

int LinearProgram::add_row(double lower, double upper, std::vector<Term> terms) {
  std::sort(terms.begin(), terms.end(),
            [](const Term& a, const Term& b) { return a.column < b.column; });
  std::vector<Term> merged;
  for (const Term& term : terms) {
    if (!merged.empty() && merged.back().column == term.column) {
      merged.back().coefficient += term.coefficient;
    } else {
      merged.push_back(term);
    }
  }
  std::erase_if(merged, [](const Term& term) { return term.coefficient == 0.0; });
  if (merged.empty() && lower <= 0.0 && upper >= 0.0) return -1;  // always met
  const int row = rows();
  for (const Term& term : merged) {
    element_row.push_back(row);
    element_column.push_back(term.column);
    element_value.push_back(term.coefficient);
  }
  row_lower.push_back(lower);
  row_upper.push_back(upper);
  return row;
}

int LinearProgram::integers() const {
  return static_cast<int>(std::count(is_integer.begin(), is_integer.end(), 1));
}

bool meets_every_row(const LinearProgram& program, const std::vector<double>& values) {
  if (static_cast<int>(values.size()) != program.columns()) return false;
  for (int column = 0; column < program.columns(); ++column) {
    const double value = values[column];
    const double tolerance = 1e-6 * std::max(1.0, std::abs(value));
    if (value < program.column_lower[column] - tolerance ||
        value > program.column_upper[column] + tolerance ||
        (program.is_integer[column] != 0 && std::abs(value - std::round(value)) > 1e-6)) {
      return false;
    }
  }
  std::vector<double> activity(program.rows(), 0.0);
  for (std::size_t element = 0; element < program.element_value.size(); ++element) {
    activity[program.element_row[element]] +=
        program.element_value[element] * values[program.element_column[element]];
  }
  for (int row = 0; row < program.rows(); ++row) {
    const double tolerance = 1e-6 * std::max(1.0, std::abs(activity[row]));
    if (activity[row] < program.row_lower[row] - tolerance ||
        activity[row] > program.row_upper[row] + tolerance) {
      return false;
    }
  }
  return true;
}

int started_column(const CandidateColumns& columns, int group, int period) {
  if (group >= static_cast<int>(columns.started.size()) || period < columns.first_start) return -1;
  return columns.started[group][std::min(period, columns.last_start) - columns.first_start];
}

void add_capex_terms(const Problem& problem, const MilpModel& model, int candidate, int period,
                     double weight, std::vector<Term>& terms) {
  const Candidate& site = problem.candidates[candidate];
  const CandidateColumns& columns = model.candidates[candidate];
  for (int group = 0; group < static_cast<int>(columns.started.size()); ++group) {
    const int now = started_column(columns, group, period);
    const int before = started_column(columns, group, period - 1);
    if (now == before) continue;  // cannot start in this period
    const double capex = site.phase_capex_musd + (group == 0 ? site.site_capex_musd : 0.0);
    terms.push_back({now, weight * capex});
    if (before >= 0) terms.push_back({before, -weight * capex});
  }
  for (std::size_t offer = 0; offer < site.bridging.size(); ++offer) {
    const double capex = site.bridging[offer].capex_musd_per_mw;
    terms.push_back({columns.bridging_ordered[offer][period], weight * capex});
    if (period > 0) terms.push_back({columns.bridging_ordered[offer][period - 1], -weight * capex});
  }
}

int year_of_period(const Problem& problem, int period) {
  return static_cast<int>(std::floor(period * problem.period_weeks / kWeeksPerYear + 1e-9));
}

double grid_mw_at(const Candidate& candidate, int period) {
  if (candidate.grid_mw.empty()) return 0.0;
  return candidate.grid_mw[std::min<std::size_t>(period, candidate.grid_mw.size() - 1)];
}

MilpModel build_model(const Problem& problem, const ModelOptions& options) {
  validate(problem);
  Builder builder{problem, options, {}};
  builder.model.candidates.resize(problem.candidates.size());
  for (int index = 0; index < static_cast<int>(problem.candidates.size()); ++index) {
    add_phase_columns(builder, index);
    add_online_columns(builder, index);
    add_bridging_columns(builder, index);
    add_power_rows(builder, index);
  }
  add_supply_rows(builder);
  add_budget_rows(builder);
  add_concurrency_rows(builder);
  add_emission_rows(builder);
  add_target_row(builder);
  set_objective(builder);
  return std::move(builder.model);
}

}  // namespace rackscale::optimize
