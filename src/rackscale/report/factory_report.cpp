#include "rackscale/report/factory_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

std::string fixed(double value, int digits) {
  return fmt::format("{:.{}f}", value, digits);
}

std::string date_of(double day, Date start) {
  return start.plus_days(static_cast<int>(std::lround(day))).to_string();
}

const std::vector<std::string>& columns() {
  static const std::vector<std::string> names = {"factory",
                                                 "buyer",
                                                 "product",
                                                 "runs",
                                                 "capacity_racks",
                                                 "utilization",
                                                 "capacity_share",
                                                 "ordered_units",
                                                 "started_units",
                                                 "backlog_p50_units",
                                                 "backlog_p90_units",
                                                 "binding_weeks",
                                                 "slot_binding_weeks",
                                                 "peak_burn_in_mw",
                                                 "final_yield",
                                                 "qualified_first_time",
                                                 "partner_start_p50",
                                                 "partner_start_without_early_access_p50",
                                                 "early_access_gain_weeks",
                                                 "early_access_gain_stderr_weeks",
                                                 "early_access_gain_mw_weeks"};
  return names;
}

void add_factory_row(CsvWriter& csv, const analysis::FactoryOperationsSummary& f, int runs,
                     Date start) {
  const bool access = f.early_access;
  auto when = [&](double value, int digits) { return access ? fixed(value, digits) : ""; };
  csv.add_row({f.name,
               "partner",
               "",
               std::to_string(runs),
               fixed(f.capacity_racks, 1),
               fixed(f.utilization, 4),
               fixed(f.partner_share, 4),
               "",
               fixed(f.partner_started, 1),
               "",
               "",
               fixed(f.binding_weeks, 2),
               fixed(f.slot_binding_weeks, 2),
               fixed(f.peak_burn_in_mw, 3),
               fixed(f.final_yield, 4),
               when(f.qualified_first_time, 4),
               access ? date_of(f.partner_start_day_p50, start) : "",
               access ? date_of(f.partner_start_day_without_p50, start) : "",
               when(f.gain_weeks, 2),
               when(f.gain_weeks_stderr, 2),
               when(f.gain_mw_weeks, 1)});
}

// One demand on the factory's lines besides the partner's racks: its line share, units
// ordered and started, backlog at the end; the columns of the partner's racks stay empty.
struct DemandRow {
  std::string buyer;
  std::string product;
  double capacity_share = 0.0;
  double ordered = 0.0;
  double started = 0.0;
  double backlog_p50 = 0.0;
  double backlog_p90 = 0.0;
};

void add_demand_row(CsvWriter& csv, const analysis::FactoryOperationsSummary& f, const DemandRow& d,
                    int runs) {
  std::vector<std::string> row = {f.name,
                                  d.buyer,
                                  d.product,
                                  std::to_string(runs),
                                  "",
                                  "",
                                  fixed(d.capacity_share, 4),
                                  fixed(d.ordered, 1),
                                  fixed(d.started, 1),
                                  fixed(d.backlog_p50, 1),
                                  fixed(d.backlog_p90, 1)};
  row.resize(columns().size());  // the partner's rack columns, empty
  csv.add_row(row);
}

// Another buyer's orders of one product.
DemandRow buyer_row(const analysis::OtherBuyerSummary& b) {
  return {b.name, b.product, b.capacity_share, b.ordered, b.started, b.backlog_p50, b.backlog_p90};
}

// Gear for a partner's site: buyer "partner:<site>", the gear product, its line use and backlog.
DemandRow partner_gear_row(const analysis::PartnerGearSummary& g) {
  return {"partner:" + g.site, g.gear,        g.capacity_share, g.units,
          g.started,           g.backlog_p50, g.backlog_p90};
}

// "on 2026-05-01" or "after the horizon" for a day capped at the horizon's end.
std::string on_day(double day, int horizon_days, Date start) {
  return day >= horizon_days ? "after the horizon" : "on " + date_of(day, start);
}

// A line for the partner's site gear: output, backlog and what it changes for the site.
std::string partner_gear_line(const analysis::FactoryOperationsSummary& f,
                              const analysis::PartnerGearSummary& g, Date start) {
  const double days = g.ready_earlier_days;
  return fmt::format(
      "  - {} from {} for {} ({}): {:.0f} units, {:.0f} started, backlog at the end {:.0f} (P50), "
      "{:.1f}% of capacity; all on site {} (P50); site ready {} (P50) against {} with the "
      "outside suppliers: {:.1f} +/- {:.1f} days {} on the same runs\n",
      g.component, f.name, g.site, g.gear, g.units, g.started, g.backlog_p50,
      100.0 * g.capacity_share, on_day(g.on_site_day_p50, g.horizon_days, start),
      on_day(g.ready_day_p50, g.horizon_days, start),
      on_day(g.ready_day_outside_p50, g.horizon_days, start), std::abs(days),
      g.ready_earlier_stderr_days, days >= 0.0 ? "earlier" : "later");
}

// The HTML table row of one demand on a factory's lines.
std::vector<std::string> demand_cells(const std::string& factory, const DemandRow& d) {
  return {factory + " / " + d.buyer,
          d.product,
          fmt::format("{:.1f}%", 100.0 * d.capacity_share),
          d.ordered > 0.0 ? fmt::format("{:.0f}", d.ordered) : "",
          fmt::format("{:.0f}", d.started),
          fmt::format("{:.0f} / {:.0f}", d.backlog_p50, d.backlog_p90)};
}

// What a factory did over the runs: utilization by every buyer, the ramp, burn-in power and
// yield ("86.7% of its capacity used by every buyer (3.0% by the partner's racks); ...").
std::string factory_use_text(const analysis::FactoryOperationsSummary& f) {
  return fmt::format(
      "{:.1f}% of its capacity used by every buyer ({:.1f}% by the partner's racks); every rack "
      "of capacity used for {:.1f} weeks; burn-in peak {:.2f} MW (P50); first-pass yield {:.3f} "
      "at the end",
      100.0 * f.utilization, 100.0 * f.partner_share, f.binding_weeks, f.peak_burn_in_mw,
      f.final_yield);
}

// The partner's early access: qualification, volume start with and without, the gain.
std::string early_access_text(const analysis::FactoryOperationsSummary& f, Date start) {
  return fmt::format(
      "qualified first time in {:.0f}% of runs; the partner's volume from {} (P50) instead of {} "
      "for a buyer without early access, a gain of {:.2f} +/- {:.2f} weeks of full capacity "
      "({:.0f} MW-weeks) on the same runs",
      100.0 * f.qualified_first_time, date_of(f.partner_start_day_p50, start),
      date_of(f.partner_start_day_without_p50, start), f.gain_weeks, f.gain_weeks_stderr,
      f.gain_mw_weeks);
}

// The report's paragraph of one factory: its use and, with early access, the partner's gain.
std::string factory_paragraph(const analysis::FactoryOperationsSummary& f, Date start) {
  std::string text = f.name + ": " + factory_use_text(f) + ".";
  if (f.early_access) text += " Early access: " + early_access_text(f, start) + ".";
  return "<p>" + xml_escape(text) + "</p>\n";
}

}  // namespace

std::string factory_operations_csv(const analysis::FactoryStudy& study, Date start) {
  CsvWriter csv(columns());
  for (const analysis::FactoryOperationsSummary& factory : study.factories) {
    add_factory_row(csv, factory, study.runs, start);
    for (const analysis::OtherBuyerSummary& buyer : factory.others) {
      add_demand_row(csv, factory, buyer_row(buyer), study.runs);
    }
    for (const analysis::PartnerGearSummary& gear : factory.partner_gear) {
      add_demand_row(csv, factory, partner_gear_row(gear), study.runs);
    }
  }
  return csv.text();
}

std::string factory_summary_markdown(const analysis::FactoryStudy& study, Date start) {
  if (study.factories.empty()) return "";
  std::string text = "## Factory\n\n";
  for (const analysis::FactoryOperationsSummary& f : study.factories) {
    text += "- " + f.name + ": " + factory_use_text(f) + "\n";
    for (const analysis::OtherBuyerSummary& b : f.others) {
      text += fmt::format(
          "  - {} ({}): {:.0f} ordered, {:.0f} started, backlog at the end {:.0f} "
          "(P50), {:.1f}% of capacity\n",
          b.name, b.product, b.ordered, b.started, b.backlog_p50, 100.0 * b.capacity_share);
    }
    for (const analysis::PartnerGearSummary& g : f.partner_gear) {
      text += partner_gear_line(f, g, start);
    }
    if (f.early_access) {
      text += "- Early access at " + f.name + ": " + early_access_text(f, start) + "\n";
    }
  }
  return text + "\n";
}

std::string factory_operations_html(const analysis::FactoryStudy& study, Date start) {
  if (study.factories.empty()) return "";
  std::string body = fmt::format(
      "<h3>Factory lines by buyer and early access</h3>\n<p>Every buyer's use of the shared "
      "lines over {} runs (means; backlog: ordered and not started at the end; "
      "factory_operations.csv; docs/models/factory.md).</p>\n",
      study.runs);
  std::vector<std::vector<std::string>> rows;
  for (const analysis::FactoryOperationsSummary& f : study.factories) {
    body += factory_paragraph(f, start);
    rows.push_back({f.name + " / partner", "racks", fmt::format("{:.1f}%", 100.0 * f.partner_share),
                    "", fmt::format("{:.0f}", f.partner_started), ""});
    for (const analysis::OtherBuyerSummary& b : f.others) {
      rows.push_back(demand_cells(f.name, buyer_row(b)));
    }
    for (const analysis::PartnerGearSummary& g : f.partner_gear) {
      rows.push_back(demand_cells(f.name, partner_gear_row(g)));
    }
  }
  return body + html_table({"factory / buyer", "product", "share of capacity", "ordered", "started",
                            "backlog P50 / P90"},
                           rows);
}

}  // namespace rackscale::report
