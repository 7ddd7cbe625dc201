#pragma once
//! The self-contained HTML report (`report.html`): one file with inline CSS and inline SVG
//! charts, no scripts, fonts or links to fetch, that prints cleanly. docs/report.md describes
//! each section and where its numbers come from.

#include <string>
#include <vector>

#include "rackscale/analysis/attribution.hpp"
#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/analysis/factory_study.hpp"
#include "rackscale/analysis/option_valuation.hpp"
#include "rackscale/analysis/reliability_study.hpp"
#include "rackscale/core/run_stamp.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::report {

//! Everything the report shows. The build-out is optional: `rackscale design` has none, and
//! the build-out sections then point to `rackscale plan`.
struct ReportInput {
  const RunStamp& stamp;
  const model::Scenario& scenario;                  //!< its start date dates the build-out
  const std::vector<design::SiteDesign>& sites;     //!< in scenario order
  const analysis::PlanSummary* buildout = nullptr;  //!< null for `rackscale design`
  //! The build-out's counterfactual attribution; null (or empty) for none
  const analysis::Attribution* attribution = nullptr;
  //! The fleet reliability study (`rackscale plan` runs it); null for none
  const sim::ReliabilityResult* reliability = nullptr;
  //! The options and cash flows of the buyers' `demand:` (section "The deal"); null or without
  //! buyers for none
  const analysis::OptionValuation* deal = nullptr;
  //! The factories' shared lines, other buyers and early access; null (or empty) for none
  const analysis::FactoryStudy* factory = nullptr;
};

//! A share as a percentage with one decimal: 0.973 -> "97.3%"; a share that is not exactly 0 or 1
//! never reads as such ("<0.1%", ">99.9%").
std::string format_share(double share);

//! The style sheet of the reports (inlined in each HTML file), shared by the study report.
const char* report_css();

//! The report as one HTML document (UTF-8). Deterministic: the same input gives the same bytes.
//! Throws rackscale::Error if the build-out summary is inconsistent (a GPU series whose length
//! is not the number of weeks).
std::string html_report(const ReportInput& input);

}  // namespace rackscale::report
