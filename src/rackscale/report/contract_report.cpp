#include "rackscale/report/contract_report.hpp"

#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rackscale/report/csv_writer.hpp"
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
  std::string text = fmt::format(
      "Contract {} (buyer {}): {} points on {} common runs, seed {}; risk limit: {}\n\n",
      search.contract, search.buyer, search.points.size(), search.runs, search.seed,
      search.p10_floor_usd ? fmt::format("P10 NPV >= {} MUSD", format_musd(*search.p10_floor_usd))
                           : std::string("none"));
  Table table({"terms", "firm racks", "option racks", "option price [MUSD]",
               "buyer NPV mean [MUSD]", "P10 [MUSD]", "manufacturer NPV [MUSD]", ""});
  table.align_right({1, 2, 3, 4, 5, 6});
  for (std::size_t i = 0; i < search.points.size(); ++i) {
    const analysis::ContractPoint& p = search.points[i];
    if (!p.on_frontier && !p.as_written && search.best != i) continue;
    std::vector<std::string> notes;
    if (search.best == i) notes.emplace_back("best");
    if (p.on_frontier) notes.emplace_back("frontier");
    if (!p.meets_floor) notes.emplace_back("below the floor");
    const std::string note = fmt::format("{}", fmt::join(notes, ", "));
    table.add({terms(p), group_thousands(p.firm_racks), group_thousands(p.option_racks),
               format_musd(p.option_unit_price_usd), format_musd(p.buyer_npv_mean_usd),
               format_musd(p.buyer_npv_p10_usd), format_musd(p.manufacturer_npv_mean_usd), note});
  }
  text += table.render();
  if (!search.best) text += "\nNo point meets the risk limit.\n";
  return text;
}

}  // namespace rackscale::report
