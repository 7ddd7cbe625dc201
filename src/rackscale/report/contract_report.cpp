#include "rackscale/report/contract_report.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/html_report.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

std::string yes_no(bool value) {
  return value ? "yes" : "no";
}

std::string terms(const analysis::ContractPoint& p) {
  if (p.as_written) return "as written";
  return fmt::format("{:.0f}% firm, price x{:.2f}", 100.0 * p.firm_share, p.price_factor);
}

// "Contract C (buyer B): N points on R common runs, seed S; risk limit: ...".
std::string frontier_heading(const analysis::ContractSearch& search) {
  return fmt::format("Contract {} (buyer {}): {} points on {} common runs, seed {}; risk limit: {}",
                     search.contract, search.buyer, search.points.size(), search.runs, search.seed,
                     search.p10_floor_usd
                         ? fmt::format("P10 NPV >= {} MUSD", format_musd(*search.p10_floor_usd))
                         : std::string("none"));
}

std::vector<std::string> frontier_header() {
  return {"terms",
          "firm racks",
          "option racks",
          "option price [MUSD]",
          "buyer NPV mean [MUSD]",
          "P10 [MUSD]",
          "manufacturer NPV [MUSD]",
          ""};
}

// The rows worth showing: the frontier, the best point and the contract as written.
std::vector<std::vector<std::string>> frontier_rows(const analysis::ContractSearch& search) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < search.points.size(); ++i) {
    const analysis::ContractPoint& p = search.points[i];
    if (!p.on_frontier && !p.as_written && search.best != i) continue;
    std::vector<std::string> notes;
    if (search.best == i) notes.emplace_back("best");
    if (p.on_frontier) notes.emplace_back("frontier");
    if (!p.meets_floor) notes.emplace_back("below the floor");
    rows.push_back({terms(p), group_thousands(p.firm_racks), group_thousands(p.option_racks),
                    format_musd(p.option_unit_price_usd), format_musd(p.buyer_npv_mean_usd),
                    format_musd(p.buyer_npv_p10_usd), format_musd(p.manufacturer_npv_mean_usd),
                    fmt::format("{}", fmt::join(notes, ", "))});
  }
  return rows;
}

// Plot geometry of the frontier chart [px].
struct FrontierFrame {
  double left = 90, top = 44, width = 560, height = 320;
  double x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;  // [MUSD]
  double x(double musd) const { return left + (musd - x_lo) / (x_hi - x_lo) * width; }
  double y(double musd) const { return top + height - (musd - y_lo) / (y_hi - y_lo) * height; }
};

// Axes from nice ticks over every point's P10 (x) and mean (y), and the floor if any.
FrontierFrame frontier_frame(const analysis::ContractSearch& search, SvgCanvas& canvas,
                             std::vector<double>& x_ticks, std::vector<double>& y_ticks) {
  double x_lo = 1e300, x_hi = -1e300, y_lo = 1e300, y_hi = -1e300;
  for (const analysis::ContractPoint& p : search.points) {
    x_lo = std::min(x_lo, p.buyer_npv_p10_usd / 1e6);
    x_hi = std::max(x_hi, p.buyer_npv_p10_usd / 1e6);
    y_lo = std::min(y_lo, p.buyer_npv_mean_usd / 1e6);
    y_hi = std::max(y_hi, p.buyer_npv_mean_usd / 1e6);
  }
  if (search.p10_floor_usd) {
    x_lo = std::min(x_lo, *search.p10_floor_usd / 1e6);
    x_hi = std::max(x_hi, *search.p10_floor_usd / 1e6);
  }
  x_ticks = nice_ticks(x_lo, x_hi > x_lo ? x_hi : x_lo + 1, 6);
  y_ticks = nice_ticks(y_lo, y_hi > y_lo ? y_hi : y_lo + 1, 5);
  FrontierFrame f;
  f.x_lo = x_ticks.front();
  f.x_hi = x_ticks.back() > f.x_lo ? x_ticks.back() : f.x_lo + 1;
  f.y_lo = y_ticks.front();
  f.y_hi = y_ticks.back() > f.y_lo ? y_ticks.back() : f.y_lo + 1;
  for (double t : y_ticks) {
    canvas.line(f.left, f.y(t), f.left + f.width, f.y(t), "#e3e7ec");
    canvas.text(f.left - 6, f.y(t) + 4, format_value(t, 0), 10, "end");
  }
  for (double t : x_ticks) {
    canvas.text(f.x(t), f.top + f.height + 16, format_value(t, 0), 10, "middle");
  }
  return f;
}

// The frontier's points ordered by P10, each joined to the next.
void frontier_line(const analysis::ContractSearch& search, const FrontierFrame& f,
                   SvgCanvas& canvas) {
  std::vector<const analysis::ContractPoint*> line;
  for (const analysis::ContractPoint& p : search.points) {
    if (p.on_frontier) line.push_back(&p);
  }
  std::sort(line.begin(), line.end(), [](const auto* a, const auto* b) {
    return a->buyer_npv_p10_usd < b->buyer_npv_p10_usd;
  });
  for (std::size_t i = 1; i < line.size(); ++i) {
    canvas.line(f.x(line[i - 1]->buyer_npv_p10_usd / 1e6),
                f.y(line[i - 1]->buyer_npv_mean_usd / 1e6), f.x(line[i]->buyer_npv_p10_usd / 1e6),
                f.y(line[i]->buyer_npv_mean_usd / 1e6), chart_color(0), 2.0);
  }
}

// Every point (the frontier's filled, the others hollow), the contract as written as a
// diamond and the best point ringed; the floor as a dashed vertical line.
void frontier_points(const analysis::ContractSearch& search, const FrontierFrame& f,
                     SvgCanvas& canvas) {
  if (search.p10_floor_usd) {
    const double x = f.x(*search.p10_floor_usd / 1e6);
    canvas.line(x, f.top, x, f.top + f.height, "#b00020", 1.5, "stroke-dasharray=\"5 4\"");
    canvas.text(x + 4, f.top + f.height - 6, "risk limit (P10 floor)", 10, "start");
  }
  for (std::size_t i = 0; i < search.points.size(); ++i) {
    const analysis::ContractPoint& p = search.points[i];
    const double x = f.x(p.buyer_npv_p10_usd / 1e6), y = f.y(p.buyer_npv_mean_usd / 1e6);
    if (p.as_written) {
      canvas.diamond(x, y, 6, "#333333", "#ffffff");
    } else {
      canvas.circle(x, y, 4, p.on_frontier ? chart_color(0) : "#ffffff", chart_color(0));
    }
    if (search.best == i) canvas.circle(x, y, 9, "none", "#b00020", "stroke-width=\"2\"");
  }
}

}  // namespace

std::string contract_frontier_csv(const analysis::ContractSearch& search) {
  CsvWriter csv({"contract", "buyer", "runs", "as_written", "firm_share", "price_factor",
                 "firm_racks", "option_racks", "option_unit_price_usd", "buyer_npv_mean_usd",
                 "buyer_npv_p10_usd", "buyer_npv_p50_usd", "buyer_npv_p90_usd",
                 "manufacturer_npv_mean_usd", "racks_bought_mean", "meets_floor", "on_frontier",
                 "best"});
  for (std::size_t i = 0; i < search.points.size(); ++i) {
    const analysis::ContractPoint& p = search.points[i];
    csv.add_row({search.contract, search.buyer, std::to_string(search.runs), yes_no(p.as_written),
                 fmt::format("{:.4f}", p.firm_share), fmt::format("{:.4f}", p.price_factor),
                 std::to_string(p.firm_racks), std::to_string(p.option_racks),
                 format_usd(p.option_unit_price_usd), format_usd(p.buyer_npv_mean_usd),
                 format_usd(p.buyer_npv_p10_usd), format_usd(p.buyer_npv_p50_usd),
                 format_usd(p.buyer_npv_p90_usd), format_usd(p.manufacturer_npv_mean_usd),
                 fmt::format("{:.1f}", p.racks_bought_mean), yes_no(p.meets_floor),
                 yes_no(p.on_frontier), yes_no(search.best == i)});
  }
  return csv.text();
}

std::string contract_frontier_text(const analysis::ContractSearch& search) {
  std::string text = frontier_heading(search) + "\n\n";
  Table table(frontier_header());
  table.align_right({1, 2, 3, 4, 5, 6});
  for (auto& row : frontier_rows(search)) table.add(std::move(row));
  text += table.render();
  if (!search.best) text += "\nNo point meets the risk limit.\n";
  return text;
}

std::string contract_frontier_svg(const analysis::ContractSearch& search) {
  SvgCanvas canvas(700, 470);
  canvas.text(90, 22, fmt::format("{}: the buyer's expected NPV against its P10", search.contract),
              14, "start", "font-weight=\"600\"");
  if (search.points.empty()) return canvas.document("Contract frontier");
  std::vector<double> x_ticks, y_ticks;
  const FrontierFrame f = frontier_frame(search, canvas, x_ticks, y_ticks);
  frontier_line(search, f, canvas);
  frontier_points(search, f, canvas);
  canvas.text(f.left + f.width / 2, f.top + f.height + 36, "buyer's NPV, P10 [MUSD]", 12, "middle");
  canvas.text(14, f.top - 10, "buyer's NPV, mean [MUSD]", 12, "start");
  canvas.legend(f.left, f.top + f.height + 50, f.left + f.width,
                {{LegendMark::Circle, chart_color(0), "on the frontier"},
                 {LegendMark::Diamond, "#333333", "the contract as written"},
                 {LegendMark::Circle, "#b00020", "best within the risk limit"}});
  return canvas.document("Contract frontier of " + search.contract);
}

std::string contract_frontier_html(const analysis::ContractSearch& search,
                                   const std::string& title) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += fmt::format("<title>{}</title>\n", xml_escape(title));
  out += "<style>" + std::string(report_css()) + "</style>\n</head>\n<body>\n<main>\n";
  out += fmt::format("<section id=\"frontier\">\n<h2>{}</h2>\n", xml_escape(title));
  out += "<p>" + xml_escape(frontier_heading(search)) + ".</p>\n";
  out += html_table(frontier_header(), frontier_rows(search));
  if (!search.best) out += "<p>No point meets the risk limit.</p>\n";
  out += "<figure>" + contract_frontier_svg(search) +
         "<figcaption>Each point is a split of the contract's racks between firm orders and "
         "options and a factor on the option prices, run on the same common random numbers "
         "(contract_frontier.csv; docs/models/deal.md, \"Contract search\").</figcaption>"
         "</figure>\n";
  return out + "</section>\n</main>\n</body>\n</html>\n";
}

}  // namespace rackscale::report
