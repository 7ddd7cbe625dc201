#include "rackscale/report/option_report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/svg_chart_canvas.hpp"

namespace rackscale::report {

namespace {

std::string racks(double value) {
  return fmt::format("{:.1f}", value);
}

}  // namespace

std::string options_csv(const analysis::OptionValuation& valuation) {
  CsvWriter csv({"buyer",
                 "contract",
                 "option",
                 "runs",
                 "racks",
                 "unit_price_usd",
                 "firm_unit_price_usd",
                 "exercise_probability",
                 "racks_exercised_p10",
                 "racks_exercised_p50",
                 "racks_exercised_p90",
                 "spend_usd",
                 "buyer_value_usd",
                 "option_value_usd",
                 "option_value_stderr_usd",
                 "value_as_firm_usd",
                 "option_over_firm_usd",
                 "firm_cost_usd",
                 "idle_rack_weeks_added",
                 "stranded_racks_added",
                 "regret_usd"});
  for (const analysis::OptionValue& row : valuation.rows) {
    csv.add_row({row.buyer,
                 row.contract,
                 row.option == 0 ? "all" : std::to_string(row.option),
                 std::to_string(valuation.runs),
                 std::to_string(row.racks),
                 format_usd(row.unit_price_usd),
                 format_usd(row.firm_unit_price_usd),
                 fmt::format("{:.4f}", row.exercise_probability),
                 racks(row.racks_p10),
                 racks(row.racks_p50),
                 racks(row.racks_p90),
                 format_usd(row.spend_usd),
                 format_usd(row.buyer_value_usd),
                 format_usd(row.value_usd),
                 format_usd(row.value_stderr_usd),
                 format_usd(row.value_as_firm_usd),
                 format_usd(row.value_usd - std::max(row.value_as_firm_usd, 0.0)),
                 format_usd(row.firm_cost_usd),
                 racks(row.idle_rack_weeks),
                 racks(row.stranded_racks),
                 format_usd(row.regret_usd)});
  }
  return csv.text();
}

}  // namespace rackscale::report
