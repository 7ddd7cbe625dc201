#pragma once
//! The self-contained HTML report (`report.html`): one file with inline CSS and inline SVG
//! charts, no scripts, fonts or links to fetch, that prints cleanly. docs/report.md describes
//! each section and where its numbers come from.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/io/design_json.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::report {

//! P10, P50 and P90 of a quantity, one value per week of the summary.
struct QuantileSeries {
  std::vector<double> p10;
  std::vector<double> p50;
  std::vector<double> p90;
};

//! A phase of a site's build-out (e.g. "permitting", "shell"), dated at P50.
struct PhaseSpan {
  std::string name;   //!< phases of the same name share a colour across sites
  std::string start;  //!< ISO date "YYYY-MM-DD"
  std::string end;    //!< ISO date "YYYY-MM-DD"
};

//! A milestone of a site (e.g. "first rack live", "target reached") at P50 and P90.
struct MilestoneDates {
  std::string name;
  std::optional<std::string> p50;  //!< ISO date; nullopt: not reached within the horizon
  std::optional<std::string> p90;  //!< ISO date; nullopt: not reached within the horizon
};

//! One site's build-out.
struct SiteBuildout {
  std::string site;       //!< matches design::SiteDesign::name
  QuantileSeries online;  //!< capacity online (the summary's quantity), week by week
  std::vector<PhaseSpan> phases;
  std::vector<MilestoneDates> milestones;
};

//! A constraint and the capacity it held back over the horizon, summed over weeks.
struct ConstraintImpact {
  std::string name;             //!< e.g. "grid capacity at richland-la"
  double capacity_weeks = 0.0;  //!< [unit x weeks] in the summary's unit, e.g. GPU-weeks
  double mw_weeks = 0.0;        //!< IT power held back [MW x weeks]
};

//! What a build-out simulation found, in plain fields, so the report does not depend on the
//! simulation's own types. Every series has one value per entry of `weeks`.
struct BuildoutSummary {
  std::string quantity = "GPUs online";  //!< what the series count, for titles and axes
  std::string unit = "GPUs";             //!< unit of the series: "GPUs", "racks" or "MW"
  int runs = 0;                          //!< Monte Carlo replications behind the quantiles
  std::vector<std::string> weeks;        //!< ISO date of each week, ascending
  std::vector<SiteBuildout> sites;       //!< in scenario order
  QuantileSeries total;                  //!< all sites together
  std::vector<ConstraintImpact> constraints;
};

//! Everything the report shows. The build-out is optional: `rackscale design` has none, and
//! the build-out sections then point to `rackscale plan`.
struct ReportInput {
  const io::RunStamp& stamp;
  const model::Scenario& scenario;
  const std::vector<design::SiteDesign>& sites;            //!< in scenario order
  std::optional<BuildoutSummary> buildout = std::nullopt;  //!< absent for `rackscale design`
};

//! The report as one HTML document (UTF-8). Deterministic: the same input gives the same bytes.
//! Throws rackscale::Error if the build-out summary is inconsistent (a series of the wrong
//! length, a date that is not ISO).
std::string html_report(const ReportInput& input);

}  // namespace rackscale::report
