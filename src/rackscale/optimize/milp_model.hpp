#pragma once
//! The time-indexed MILP of a siting problem (docs/models/optimize.md), built as plain arrays
//! (columns, rows, triplets) before it is handed to CBC by optimize/milp. Shared by the solve,
//! the top-K plans and the infeasibility analysis, which relaxes one family of rows.

#include <numeric>
#include <optional>
#include <vector>

#include "rackscale/optimize/problem.hpp"

namespace rackscale::optimize {

//! One coefficient of a row.
struct Term {
  int column = 0;
  double coefficient = 0.0;
};

//! A mixed-integer linear program in triplet form, built row by row.
struct LinearProgram {
  std::vector<double> column_lower;
  std::vector<double> column_upper;
  std::vector<double> cost;      //!< objective coefficient per column (sense below)
  std::vector<char> is_integer;  //!< 1 for integer columns (binaries are integer in [0, 1])
  std::vector<double> row_lower;
  std::vector<double> row_upper;
  std::vector<int> element_row;
  std::vector<int> element_column;
  std::vector<double> element_value;
  bool maximize = false;

  //! Adds a column and returns its index.
  int add_column(double lower, double upper, double objective, bool integer);
  //! Adds `lower <= sum(terms) <= upper` (repeated columns are summed) and returns its index.
  int add_row(double lower, double upper, std::vector<Term> terms);
  int columns() const { return static_cast<int>(column_lower.size()); }
  //! The objective (with its tie-break) of column values.
  double objective(const std::vector<double>& values) const {
    return std::inner_product(values.begin(), values.end(), cost.begin(), 0.0);
  }
  int rows() const { return static_cast<int>(row_lower.size()); }
  int integers() const;
};

//! The families of rows; the infeasibility analysis relaxes one family at a time.
enum class RowFamily {
  None,
  Target,
  Budget,
  Concurrency,
  Power,
  Supply,
  InstallRate,
  Carbon,
  Water
};

//! The columns of one candidate.
struct CandidateColumns {
  int first_start = 0;  //!< first period a phase may start
  int last_start = -1;  //!< last period whose phase is ready in time
  //! [group][period - first_start]: phases of the group started by then; group 0 is the first
  //! phase (binary), group 1 the later phases (integer 0..phases-1; absent for one phase)
  std::vector<std::vector<int>> started;
  std::vector<int> online;                         //!< [period]: racks online (integer)
  std::vector<std::vector<int>> bridging_ordered;  //!< [offer][period]: MW ordered by then
  std::vector<std::vector<int>> bridging_used;     //!< [offer][period]: MW carrying load
};

//! A relaxed row: its family, what it is about and its slack column.
struct ElasticRow {
  RowFamily family = RowFamily::None;
  int candidate = -1;  //!< -1: not about one candidate
  int period = -1;     //!< period, or year for a budget row; -1: the horizon
  int slack_column = 0;
};

//! The MILP with the maps from the problem's entities to its columns.
struct MilpModel {
  LinearProgram program;
  std::vector<CandidateColumns> candidates;
  std::vector<double> reported_cost;  //!< the objective as reported (without the tie-break)
  std::vector<ElasticRow> elastic_rows;
};

//! How to build the model: as given, or with one family of rows elastic (a slack column per
//! row, the objective then the sum of the slacks, minimized).
struct ModelOptions {
  RowFamily elastic = RowFamily::None;
  bool whole_racks = true;  //!< racks online integer; false: continuous (a relaxation)
};

//! Builds the MILP of `problem`; throws rackscale::Error on an inconsistent problem.
MilpModel build_model(const Problem& problem, const ModelOptions& options = {});

//! Whether `values` meet every bound and row of `program` (within 1e-6 relative), integers whole.
bool meets_every_row(const LinearProgram& program, const std::vector<double>& values);

//! The group of a phase in CandidateColumns::started: 0 for the first phase, 1 for the others.
inline int phase_group(int phase) {
  return phase == 0 ? 0 : 1;
}

//! The column of "phases of `group` started by `period`", or -1 when none can have started.
int started_column(const CandidateColumns& columns, int group, int period);

//! Capex [MUSD] paid in period `period` at candidate `candidate`, times `weight`, as terms.
void add_capex_terms(const Problem& problem, const MilpModel& model, int candidate, int period,
                     double weight, std::vector<Term>& terms);

//! Weeks in a year (365.25 days), to group periods into budget years and to discount.
inline constexpr double kWeeksPerYear = 365.25 / 7.0;
//! Hours in a week.
inline constexpr double kHoursPerWeek = 168.0;

//! The budget year (0 from period 0) of a period.
int year_of_period(const Problem& problem, int period);

//! Facility MW the grid delivers to a candidate in a period (the list's last value beyond it).
double grid_mw_at(const Candidate& candidate, int period);

}  // namespace rackscale::optimize
