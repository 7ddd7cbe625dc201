#include "rackscale/report/deal_report.hpp"

#include <algorithm>
#include <array>
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

// The flows in the order of the chart, the table and the CSV.
constexpr std::array<analysis::Flow, analysis::kFlowCount> kFlows = {
    analysis::Flow::Value,          analysis::Flow::RackPayments,
    analysis::Flow::OptionPremiums, analysis::Flow::FacilityCapex,
    analysis::Flow::EnergyOpex,     analysis::Flow::LatePenalties,
    analysis::Flow::IdleCarrying,   analysis::Flow::OtherBuyersRevenue};

std::string flow_label(analysis::Flow flow) {
  switch (flow) {
    case analysis::Flow::Value:
      return "value of the GPU-hours";
    case analysis::Flow::RackPayments:
      return "rack payments";
    case analysis::Flow::FacilityCapex:
      return "facility capex";
    case analysis::Flow::EnergyOpex:
      return "energy and opex";
    case analysis::Flow::IdleCarrying:
      return "carrying cost of idle racks (not netted)";
    case analysis::Flow::LatePenalties:
      return "lateness penalties received";
    case analysis::Flow::OptionPremiums:
      return "option premiums";
    case analysis::Flow::OtherBuyersRevenue:
      return "other buyers' payments to the manufacturer (its NPV only)";
  }
  return "";
}

double amount(const analysis::FlowAmounts& flows, analysis::Flow flow) {
  return flows[static_cast<std::size_t>(flow)];
}

// The first day of month m from the scenario start.
Date month_start(Date start, int month) {
  return start.plus_days(static_cast<int>(std::lround(month * analysis::kDaysPerMonth)));
}

// The buyer's NPV by flow and both sides' NPV, mean over the runs.
std::string flow_npv_table(const analysis::OptionValuation& valuation) {
  std::vector<std::vector<std::string>> rows;
  for (const analysis::BuyerDeal& d : valuation.deals) {
    for (analysis::Flow flow : kFlows) {
      rows.push_back({fmt::format("{}: {}", d.buyer, flow_label(flow)),
                      format_musd(amount(d.npv_mean_usd, flow))});
    }
    rows.push_back({fmt::format("{}: buyer's NPV", d.buyer), format_musd(d.buyer_npv_mean_usd)});
    rows.push_back(
        {fmt::format("{}: manufacturer's NPV", d.buyer), format_musd(d.manufacturer_npv_mean_usd)});
  }
  return html_table({"flow", "discounted, mean [MUSD]"}, rows);
}

// Cumulative mean cash flows by month and flow, undiscounted, each a positive amount (the
// chart's axis starts at 0); flows that are 0 in every month are left out.
std::string cash_flow_figure(const analysis::BuyerDeal& deal, Date start) {
  TimeChart chart;
  chart.title = fmt::format("{}: cumulative cash flows by kind, mean over the runs", deal.buyer);
  chart.y_label = "cumulative cash flow [MUSD]";
  chart.band_label = "";
  for (const analysis::DealMonth& m : deal.months) {
    chart.dates.push_back(month_start(start, m.month + 1));
  }
  for (analysis::Flow flow : kFlows) {
    TimeSeries series;
    series.name = flow_label(flow);
    series.emphasis = flow == analysis::Flow::Value;
    double sum = 0.0;
    for (const analysis::DealMonth& m : deal.months) {
      sum += amount(m.flows.usd, flow);
      series.values.push_back(sum / 1e6);
    }
    if (sum != 0.0) chart.series.push_back(std::move(series));
  }
  return fmt::format(
      "<figure class=\"chart\">\n{}<figcaption>{}</figcaption>\n</figure>\n", time_chart_svg(chart),
      xml_escape("Mean cash flows by month, cumulative and undiscounted, to the end of the service "
                 "life of the racks online at the horizon. The buyer's net is value + penalties - "
                 "payments - premiums - facility capex - energy and opex; the manufacturer's is "
                 "its margin on the payments and the other buyers' payments + premiums - "
                 "penalties (deal_cash_flows.csv, per site too)."));
}

// One CSV row of a buyer's month, of one site or ("all") of the buyer.
std::vector<std::string> month_row(const analysis::BuyerDeal& d, const std::string& site,
                                   const analysis::DealMonth& m, Date start) {
  std::vector<std::string> row = {d.buyer, site, month_start(start, m.month).to_string()};
  for (const analysis::FlowAmounts* flows : {&m.flows.usd, &m.flows.pv_usd}) {
    for (analysis::Flow flow : kFlows) row.push_back(format_usd(amount(*flows, flow)));
    row.push_back(format_usd(analysis::buyer_net(*flows)));
    row.push_back(format_usd(analysis::manufacturer_net(*flows, d.margin)));
  }
  return row;
}

std::vector<std::string> cash_flow_header() {
  std::vector<std::string> header = {"buyer", "site", "month_start"};
  for (const char* suffix : {"_usd", "_pv_usd"}) {
    for (analysis::Flow flow : kFlows)
      header.push_back(analysis::flow_name(flow) + std::string(suffix));
    header.push_back("buyer_net" + std::string(suffix));
    header.push_back("manufacturer_net" + std::string(suffix));
  }
  return header;
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
  CsvWriter csv(cash_flow_header());
  for (const analysis::BuyerDeal& d : valuation.deals) {
    for (const analysis::DealMonth& m : d.months) csv.add_row(month_row(d, "all", m, start));
    for (std::size_t site = 0; site < d.sites.size(); ++site) {
      for (const analysis::DealMonth& m : d.site_months[site]) {
        csv.add_row(month_row(d, d.sites[site], m, start));
      }
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
      "life, discounted at the cost of capital; the buyer's NPV counts its sites' facility capex "
      "and energy and opex too, and the lateness penalties it receives. Factory use by buyer and "
      "the early-access gain are in <a href=\"#factory\">Factory use and racks waiting</a>; the "
      "frontier of firm/option splits and option prices comes from <code>rackscale optimize "
      "--contract NAME</code> (contract_frontier.html).</p>\n",
      valuation.runs);
  if (!valuation.rows.empty()) body += "<h3>Options</h3>\n" + options_table(valuation);
  body += "<h3>Net present value of both sides</h3>\n" + npv_table(valuation);
  body += "<h3>The buyer's money by kind</h3>\n" + flow_npv_table(valuation);
  for (const analysis::BuyerDeal& deal : valuation.deals) {
    if (!deal.months.empty()) body += cash_flow_figure(deal, start);
  }
  return fmt::format("<section id=\"deal\">\n<h2>The deal</h2>\n{}</section>\n", body);
}

}  // namespace rackscale::report
