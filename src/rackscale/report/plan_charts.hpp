#pragma once
//! The build-out charts the report draws and the what-if page (`rackscale serve`) redraws: GPUs
//! online per site and in total with their P10-P90 bands, and each site's phases and milestones.

#include <vector>

#include "rackscale/analysis/buildout_summary.hpp"
#include "rackscale/core/calendar.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/report/svg_chart.hpp"

namespace rackscale::report {

//! GPUs online week by week: a P50 line with a P10-P90 band per site (in the order of `sites`)
//! and for the total.
TimeChart capacity_chart(const std::vector<design::SiteDesign>& sites,
                         const analysis::PlanSummary& plan);

//! The milestones the report shows: all but "ready", which ends the commissioning phase.
bool shown_milestone(const analysis::MilestoneQuantiles& milestone);

//! Each site's P50 phases (construction, fit-out, commissioning) and its milestones at P50 and
//! P90; `start` is day 0 of the summary (the scenario start).
GanttChart schedule_chart(const analysis::PlanSummary& plan, Date start);

}  // namespace rackscale::report
