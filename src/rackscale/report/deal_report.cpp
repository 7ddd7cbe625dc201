#include "rackscale/report/deal_report.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/svg_chart.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

std::string racks(double value) {
  return format_value(value, 0);
}

// The first day of quarter q from the scenario start.
Date quarter_start(Date start, int quarter) {
  return start.plus_days(static_cast<int>(std::lround(quarter * analysis::kDaysPerQuarter)));
}

// An HTML table: the first column text, the others numbers (right-aligned).
std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < header.size(); ++c) {
    out += fmt::format("<th{}>{}</th>", c > 0 ? " class=\"num\"" : "", xml_escape(header[c]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const std::vector<std::string>& row : rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += fmt::format("<td{}>{}</td>", c > 0 ? " class=\"num\"" : "", xml_escape(row[c]));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string options_table(const analysis::OptionValuation& valuation) {
  std::vector<std::vector<std::string>> rows;
  for (const analysis::OptionValue& o : valuation.rows) {
    rows.push_back(
        {fmt::format("{} / {}", o.contract,
                     o.option == 0 ? std::string("all") : std::to_string(o.option)),
         racks(static_cast<double>(o.racks)),
         fmt::format("{:.0f}%", 100.0 * o.exercise_probability),
         fmt::format("{} / {} / {}", racks(o.racks_p10), racks(o.racks_p50), racks(o.racks_p90)),
         fmt::format("{} ± {}", format_musd(o.value_usd), format_musd(o.value_stderr_usd)),
         format_musd(o.value_as_firm_usd), format_musd(o.firm_cost_usd),
         format_value(o.idle_rack_weeks, 0), format_value(o.stranded_racks, 1),
         format_musd(o.regret_usd)});
  }
  return html_table({"contract / option", "racks offered", "exercised in", "racks P10/P50/P90",
                     "option value [MUSD]", "as firm orders [MUSD]", "firm cost [MUSD]",
                     "idle rack-weeks added", "stranded racks added", "regret [MUSD]"},
                    rows);
}

std::string npv_table(const analysis::OptionValuation& valuation) {
  std::vector<std::vector<std::string>> rows;
  for (const analysis::BuyerDeal& d : valuation.deals) {
    rows.push_back({d.buyer + " (buyer)", format_musd(d.buyer_npv_mean_usd),
                    format_musd(d.buyer_npv_p10_usd), format_musd(d.buyer_npv_p50_usd),
                    format_musd(d.buyer_npv_p90_usd)});
    rows.push_back(
        {fmt::format("manufacturer, on {}'s racks", d.buyer),
         format_musd(d.manufacturer_npv_mean_usd), format_musd(d.manufacturer_npv_p10_usd),
         format_musd(d.manufacturer_npv_p50_usd), format_musd(d.manufacturer_npv_p90_usd)});
  }
  return html_table({"side", "NPV mean [MUSD]", "P10", "P50", "P90"}, rows);
}

// Cumulative mean cash flows by quarter, undiscounted: the buyer's value and payments (the
// manufacturer's revenue) and the manufacturer's cost; each side's net is the gap between two
// lines (the chart's axis starts at 0, so the lines stay positive).
std::string cash_flow_figure(const analysis::BuyerDeal& deal, Date start) {
  TimeChart chart;
  chart.title = fmt::format("{}: cumulative cash flows, mean over the runs", deal.buyer);
  chart.y_label = "cumulative cash flow [MUSD]";
  chart.band_label = "";
  std::vector<TimeSeries> series(3);
  series[0].name = "buyer's value of the GPU-hours";
  series[0].emphasis = true;
  series[1].name = "payments = manufacturer's revenue";
  series[2].name = "manufacturer's cost";
  double value = 0.0, payments = 0.0, cost = 0.0;
  for (const analysis::DealQuarter& q : deal.quarters) {
    value += q.value_usd;
    payments += q.payments_usd;
    cost += q.manufacturer_cost_usd;
    chart.dates.push_back(quarter_start(start, q.quarter + 1));
    series[0].values.push_back(value / 1e6);
    series[1].values.push_back(payments / 1e6);
    series[2].values.push_back(cost / 1e6);
  }
  chart.series = std::move(series);
  return fmt::format("<figure class=\"chart\">\n{}<figcaption>{}</figcaption>\n</figure>\n",
                     time_chart_svg(chart),
                     xml_escape("Mean cash flows by quarter, cumulative and undiscounted, to the "
                                "end of the service life of the racks online at the horizon: the "
                                "buyer's net is value - payments, the manufacturer's payments - "
                                "cost (deal_cash_flows.csv)."));
}

}  // namespace

std::string deal_csv(const analysis::OptionValuation& valuation) {
  CsvWriter csv({"buyer", "runs", "buyer_npv_mean_usd", "buyer_npv_p10_usd", "buyer_npv_p50_usd",
                 "buyer_npv_p90_usd", "manufacturer_npv_mean_usd", "manufacturer_npv_p10_usd",
                 "manufacturer_npv_p50_usd", "manufacturer_npv_p90_usd", "value_npv_mean_usd",
                 "payments_npv_mean_usd", "racks_bought_mean", "manufacturer_margin"});
  for (const analysis::BuyerDeal& d : valuation.deals) {
    csv.add_row({d.buyer, std::to_string(valuation.runs), format_usd(d.buyer_npv_mean_usd),
                 format_usd(d.buyer_npv_p10_usd), format_usd(d.buyer_npv_p50_usd),
                 format_usd(d.buyer_npv_p90_usd), format_usd(d.manufacturer_npv_mean_usd),
                 format_usd(d.manufacturer_npv_p10_usd), format_usd(d.manufacturer_npv_p50_usd),
                 format_usd(d.manufacturer_npv_p90_usd), format_usd(d.value_npv_mean_usd),
                 format_usd(d.payments_npv_mean_usd), fmt::format("{:.1f}", d.racks_bought_mean),
                 fmt::format("{:.4f}", d.margin)});
  }
  return csv.text();
}

std::string deal_cash_flows_csv(const analysis::OptionValuation& valuation, Date start) {
  CsvWriter csv({"buyer", "quarter_start", "value_usd", "payments_usd", "manufacturer_cost_usd",
                 "buyer_net_usd", "manufacturer_net_usd"});
  for (const analysis::BuyerDeal& d : valuation.deals) {
    for (const analysis::DealQuarter& q : d.quarters) {
      csv.add_row({d.buyer, quarter_start(start, q.quarter).to_string(), format_usd(q.value_usd),
                   format_usd(q.payments_usd), format_usd(q.manufacturer_cost_usd),
                   format_usd(q.value_usd - q.payments_usd),
                   format_usd(q.payments_usd - q.manufacturer_cost_usd)});
    }
  }
  return csv.text();
}

std::string deal_html(const analysis::OptionValuation& valuation, Date start) {
  if (valuation.deals.empty()) return {};
  std::string body = fmt::format(
      "<p>Each buyer's <code>demand:</code> decides its options on their window's close from what "
      "the run knows then; the values below are over {} runs on common random numbers "
      "(options.csv, deal.csv; docs/models/deal.md). Value is counted over each rack's service "
      "life, discounted at the cost of capital.</p>\n",
      valuation.runs);
  if (!valuation.rows.empty()) body += "<h3>Options</h3>\n" + options_table(valuation);
  body += "<h3>Net present value of both sides</h3>\n" + npv_table(valuation);
  for (const analysis::BuyerDeal& deal : valuation.deals) {
    if (!deal.quarters.empty()) body += cash_flow_figure(deal, start);
  }
  return fmt::format("<section id=\"deal\">\n<h2>The deal</h2>\n{}</section>\n", body);
}

}  // namespace rackscale::report
