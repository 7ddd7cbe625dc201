#pragma once
//! SVG charts for the reports: a time chart with P10-P90 bands, a Gantt chart, horizontal and
//! stacked bar charts and a monthly dual-axis chart. Each function returns one self-contained
//! <svg> element (no scripts, fonts, stylesheets or links) with a title, labelled axes with
//! units and a legend. Output is deterministic: the same input gives the same bytes.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/calendar.hpp"

namespace rackscale::report {

//! One series of a time chart: a central line (e.g. P50) and an optional band (e.g. P10-P90).
struct TimeSeries {
  std::string name;
  std::vector<double> values;     //!< one per date of the chart
  std::vector<double> band_low;   //!< lower edge of the band, one per date; empty: no band
  std::vector<double> band_high;  //!< upper edge of the band, one per date; empty: no band
  bool emphasis = false;          //!< drawn dark and thick (a total)
};

//! Several series over calendar dates.
struct TimeChart {
  std::string title;
  std::string y_label;  //!< quantity and unit, e.g. "GPUs online [GPUs]"
  std::string x_label = "date";
  std::vector<Date> dates;  //!< ascending
  std::vector<TimeSeries> series;
  std::string band_label = "P10-P90 band";  //!< legend entry for the shaded bands
  int width = 900;
  int height = 380;
};

//! A line chart over time with a shaded band per series. Throws rackscale::Error if a series
//! does not have one value per date.
std::string time_chart_svg(const TimeChart& chart);

//! A phase bar of a Gantt row.
struct GanttBar {
  std::string kind;  //!< legend entry and colour, e.g. "shell"; the same kind shares a colour
  Date start, end;
};

//! A milestone of a Gantt row: a filled diamond at the central date, and an open diamond at the
//! late date joined by a line when there is one.
struct GanttMilestone {
  std::string name;
  Date date;                      //!< e.g. P50
  std::optional<Date> late;       //!< e.g. P90
  bool late_not_reached = false;  //!< the late date is past the chart's end: drawn as an arrow
};

//! One row (e.g. a site).
struct GanttRow {
  std::string name;
  std::vector<GanttBar> bars;
  std::vector<GanttMilestone> milestones;
};

//! Phases per row over calendar dates, with milestones.
struct GanttChart {
  std::string title;
  std::string x_label = "date";
  std::vector<GanttRow> rows;
  std::string milestone_label = "milestone (P50)";
  std::string late_label = "P90";
  std::string beyond_label = "P90 after the last date";  //!< legend of late_not_reached arrows
  std::optional<Date> start;  //!< axis start; default: the earliest date drawn
  std::optional<Date> end;    //!< axis end (e.g. the horizon); default: after the latest date
  int width = 900;
};

//! A Gantt chart: one row per entry, phases as coloured bars, milestones as diamonds.
std::string gantt_svg(const GanttChart& chart);

//! One bar of a horizontal bar chart.
struct BarItem {
  std::string label;
  double value = 0.0;
  std::string note;  //!< printed after the value, e.g. "(1,200 MW-weeks)"
};

//! Horizontal bars, drawn in the given order from the top.
struct BarChart {
  std::string title;
  std::string x_label;      //!< quantity and unit, e.g. "capacity held back [GPU-weeks]"
  std::string series_name;  //!< legend entry
  std::vector<BarItem> bars;
  int decimals = 0;  //!< of the value printed at the end of each bar
  int width = 900;
};

//! A horizontal bar chart (e.g. constraints ranked by capacity-weeks held back).
std::string bar_chart_svg(const BarChart& chart);

//! Vertical bars split into stacked parts.
struct StackedBarChart {
  std::string title;
  std::string y_label;                      //!< quantity and unit, e.g. "capex [MUSD]"
  std::vector<std::string> parts;           //!< legend entries, bottom to top
  std::vector<std::string> bars;            //!< one label under each bar
  std::vector<std::vector<double>> values;  //!< [bar][part]; negative values count as 0
  int decimals = 0;                         //!< of the total printed above each bar
  int width = 900;
  int height = 400;
};

//! A stacked bar chart (e.g. capex by category per site). Throws rackscale::Error if `values`
//! does not have one row per bar and one value per part.
std::string stacked_bar_chart_svg(const StackedBarChart& chart);

//! Two monthly quantities of one entity (e.g. a site's PUE and WUE), January to December.
struct MonthlyPair {
  std::string name;
  std::array<double, 12> left{};   //!< drawn as a line against the left axis
  std::array<double, 12> right{};  //!< drawn as bars against the right axis
};

//! Monthly values of several entities against two axes.
struct MonthlyDualChart {
  std::string title;
  std::string left_label;             //!< e.g. "PUE [-]"
  std::string right_label;            //!< e.g. "WUE [L/kWh]"
  std::string left_series = "line";   //!< legend entry for the line, e.g. "PUE (left axis)"
  std::string right_series = "bars";  //!< legend entry for the bars, e.g. "WUE (right axis)"
  std::vector<MonthlyPair> series;
  int left_decimals = 2;
  int right_decimals = 2;
  int width = 900;
  int height = 380;
};

//! A monthly chart with lines on the left axis and grouped bars on the right axis.
std::string monthly_dual_axis_svg(const MonthlyDualChart& chart);

}  // namespace rackscale::report
