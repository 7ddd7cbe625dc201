#pragma once
//! Two plans side by side (`rackscale compare A B`): every headline figure of A and of B with
//! the difference B - A, each site's milestone shifts at P10, P50 and P90, the weekly capacity
//! of both for an overlay chart, and notes on what differs in how they were run. Sites,
//! contracts and jobs are matched by name. docs/compare.md.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/analysis/plan_figures.hpp"

namespace rackscale::analysis {

//! What a figure holds.
enum class FigureKind {
  number,  //!< a quantity, difference B - A in its unit
  date,    //!< a milestone date, difference in days
  name,    //!< a name (main bottleneck), no difference
};

//! A figure's value in one plan. Neither number nor text: the plan has no such figure (a site
//! only in the other plan).
struct FigureValue {
  std::optional<double> number;  //!< the quantity; for a date, its day from the start
  std::string text;              //!< a date as written ("not reached" too) or a name
  bool present() const { return number.has_value() || !text.empty(); }
};

//! One row of the comparison.
struct ComparedFigure {
  std::string scope;  //!< "fleet", a site, "contract NAME" or "job NAME"
  std::string key;    //!< machine name with its unit: "capex_musd", "full_target_p50_day", ...
  std::string label;  //!< words: "capex", "100% of target P50", ...
  std::string unit;   //!< of the number and the difference: "MUSD", "days"; "" for a ratio or name
  FigureKind kind = FigureKind::number;
  int decimals = 0;  //!< as the reports print the numbers
  FigureValue a, b;
  //! b - a when both are numbers [unit]
  std::optional<double> difference() const;
  //! The value differs: a difference other than 0, or a different text
  bool changed() const;
};

//! How one milestone of one site moved from A to B.
struct MilestoneShift {
  std::string site, milestone;
  //! B - A of the P10, P50 and P90 days; nullopt where either is not reached [days]
  std::array<std::optional<double>, 3> days;
  std::array<std::string, 3> a_date, b_date;  //!< as written
};

//! A and B's weekly GPUs online of the fleet or of one site.
struct CapacityOverlay {
  std::string scope;  //!< "fleet" or a site
  CapacityBand a, b;
};

//! How one plan was made: what it was read from and its stamp.
struct PlanOrigin {
  std::string origin;
  RunStamp stamp;
  int runs = 0;
};

//! The whole comparison.
struct Comparison {
  PlanOrigin a, b;
  std::vector<ComparedFigure> figures;  //!< fleet, then each site, contract and job
  std::vector<MilestoneShift> shifts;   //!< sites in both plans, their milestones in order
  //! The weeks of both timelines; empty if they differ (then no overlays)
  std::vector<Date> week_ends;
  std::vector<CapacityOverlay> capacity;  //!< fleet first, then sites in both plans
  //! What differs in how the plans were run (seed, runs, weeks, sites of one plan only)
  std::vector<std::string> notes;
};

//! The comparison of plan `a` with plan `b`.
Comparison compare_plans(const PlanFigures& a, const PlanFigures& b);

}  // namespace rackscale::analysis
