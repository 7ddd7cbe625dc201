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

//! P10, P50 and P90 of one quantity over the runs.
struct ValueQuantiles {
  double p10 = 0.0;
  double p50 = 0.0;
  double p90 = 0.0;
};

//! A firm order of a contract over the runs. A rack is delivered when it passes the factory's
//! final test.
struct FirmOrderOutcome {
  int racks = 0;
  std::string due;                           //!< ISO date "YYYY-MM-DD"
  std::optional<std::string> fulfilled_p50;  //!< ISO date; nullopt: not within the horizon
  std::optional<std::string> fulfilled_p90;  //!< ISO date; nullopt: not within the horizon
  double on_time_share = 0.0;                //!< runs with every rack by the due date [0-1]
  double mean_racks_late = 0.0;              //!< racks not delivered by the due date [racks]
};

//! A purchase option of a contract over the runs.
struct OptionOutcome {
  int racks_offered = 0;
  ValueQuantiles exercised;                       //!< [racks]
  double exercised_share = 0.0;                   //!< runs that exercised any [0-1]
  std::optional<std::string> first_exercise_p50;  //!< ISO date; nullopt: not exercised at P50
  std::optional<double> on_time_share;            //!< exercised racks on time, mean [0-1]
};

//! A rack purchase contract over the runs.
struct ContractOutcome {
  std::string name;
  std::vector<FirmOrderOutcome> firm;
  std::vector<OptionOutcome> options;
  ValueQuantiles firm_spend_musd;    //!< [MUSD]
  ValueQuantiles option_spend_musd;  //!< [MUSD]
  ValueQuantiles total_spend_musd;   //!< [MUSD]
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
  std::vector<ContractOutcome> contracts;  //!< in scenario order
};

//! Everything the report shows. The build-out is optional: `rackscale design` has none, and
//! the build-out sections then point to `rackscale plan`.
struct ReportInput {
  const io::RunStamp& stamp;
  const model::Scenario& scenario;
  const std::vector<design::SiteDesign>& sites;            //!< in scenario order
  std::optional<BuildoutSummary> buildout = std::nullopt;  //!< absent for `rackscale design`
};

//! A share as a percentage with one decimal: 0.973 -> "97.3%"; a share that is not exactly 0 or 1
//! never reads as such ("<0.1%", ">99.9%").
std::string format_share(double share);

//! The report as one HTML document (UTF-8). Deterministic: the same input gives the same bytes.
//! Throws rackscale::Error if the build-out summary is inconsistent (a series of the wrong
//! length, a date that is not ISO).
std::string html_report(const ReportInput& input);

}  // namespace rackscale::report
