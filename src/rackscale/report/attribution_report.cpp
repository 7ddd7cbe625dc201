#include "rackscale/report/attribution_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace {

std::string num(double x) {
  return fmt::format("{:.6g}", x);
}

std::string gpu_weeks_text(double gpu_weeks) {
  const long long rounded = std::llround(gpu_weeks);
  return (rounded > 0 ? "+" : "") + group_thousands(rounded);
}

// "50% 33 days earlier"; "50% not reached either way" when neither the plan's runs nor the
// relaxed ones reach it within the horizon (a lower bound of 0 days).
std::string milestone_gain_text(const char* milestone, double days, bool lower_bound) {
  if (lower_bound && std::llround(days) == 0) {
    return fmt::format("{} not reached either way", milestone);
  }
  return fmt::format("{} {} earlier", milestone, days_text(days, lower_bound));
}

// "construction: 50% 33 days earlier, 100% 33 days earlier, +1,043,807 GPU-weeks"
std::string gain_text(const analysis::ConstraintGain& gain) {
  return fmt::format("{}: {}, {}, {} GPU-weeks", gain.constraint,
                     milestone_gain_text("50%", gain.days_earlier_half, gain.half_lower_bound),
                     milestone_gain_text("100%", gain.days_earlier_full, gain.full_lower_bound),
                     gpu_weeks_text(gain.gpu_weeks_gained));
}

std::string site_line(const analysis::SiteAttribution& site) {
  if (site.main_bottleneck.empty()) {
    return fmt::format("  {}: no relaxation gains it anything\n", site.site);
  }
  std::string line = fmt::format("  {}: {}", site.site, gain_text(site.gains.front()));
  if (site.gains.back().pair) line += "; " + gain_text(site.gains.back());
  return line + "\n";
}

}  // namespace

std::string days_text(double days, bool lower_bound) {
  const long long rounded = std::llround(days);
  return fmt::format("{}{} day{}", lower_bound ? "at least " : "", rounded,
                     rounded == 1 || rounded == -1 ? "" : "s");
}

const analysis::SiteAttribution* find_attribution(const analysis::Attribution& attribution,
                                                  const std::string& site) {
  for (const auto& s : attribution.sites) {
    if (s.site == site) return &s;
  }
  return nullptr;
}

std::string attribution_csv(const analysis::Attribution& attribution) {
  CsvWriter csv({"site", "constraint", "relaxed", "days_earlier_50_p50", "days_earlier_100_p50",
                 "gpu_weeks_gained", "held_back_rack_weeks", "days_earlier_50_is_lower_bound",
                 "days_earlier_100_is_lower_bound", "runs"});
  for (const auto& site : attribution.sites) {
    for (const auto& g : site.gains) {
      csv.add_named_row({{"site", site.site},
                         {"constraint", g.constraint},
                         {"relaxed", g.pair ? "pair" : "single"},
                         {"days_earlier_50_p50", num(g.days_earlier_half)},
                         {"days_earlier_100_p50", num(g.days_earlier_full)},
                         {"gpu_weeks_gained", num(g.gpu_weeks_gained)},
                         {"held_back_rack_weeks", num(g.held_back_rack_weeks)},
                         {"days_earlier_50_is_lower_bound", g.half_lower_bound ? "true" : "false"},
                         {"days_earlier_100_is_lower_bound", g.full_lower_bound ? "true" : "false"},
                         {"runs", std::to_string(attribution.runs)}});
    }
  }
  return csv.text();
}

std::string attribution_markdown(const analysis::Attribution& attribution) {
  if (attribution.sites.empty()) return {};
  std::vector<std::vector<std::string>> rows;
  for (const auto& site : attribution.sites) {
    for (const auto& g : site.gains) {
      rows.push_back({site.site, g.constraint, days_text(g.days_earlier_half, g.half_lower_bound),
                      days_text(g.days_earlier_full, g.full_lower_bound),
                      gpu_weeks_text(g.gpu_weeks_gained),
                      fmt::format("{:.0f}", g.held_back_rack_weeks)});
    }
  }
  return fmt::format(
             "\n## What to fix first\n\nEach constraint relaxed in turn (unlimited capacity or no "
             "delay), in the first {} of the {} runs with the same random draws; then each "
             "site's top two together. Days earlier are between P50 dates (at least: the base P50 "
             "is not reached within the horizon); GPU-weeks gained are a mean over the runs; "
             "held back is the binding view above.\n\n",
             attribution.runs, attribution.base_runs) +
         markdown_table({"site", "relaxed", "50% earlier", "100% earlier", "GPU-weeks gained",
                         "held back (rack-weeks)"},
                        rows);
}

std::string attribution_terminal_text(const analysis::Attribution& attribution) {
  if (attribution.sites.empty()) return {};
  std::string text = fmt::format(
      "\nmain bottleneck: the constraint whose relaxation gains the site the most GPU-weeks "
      "(relaxed in {} of {} runs); critical at end: the binding constraint that held back the "
      "most\n",
      attribution.runs, attribution.base_runs);
  for (const auto& site : attribution.sites) text += site_line(site);
  return text;
}

nlohmann::ordered_json attribution_gains_json(const analysis::SiteAttribution& site) {
  nlohmann::ordered_json gains = nlohmann::ordered_json::array();
  for (const auto& g : site.gains) {
    gains.push_back({{"constraint", g.constraint},
                     {"pair", g.pair},
                     {"days_earlier_50_p50", g.days_earlier_half},
                     {"days_earlier_100_p50", g.days_earlier_full},
                     {"gpu_weeks_gained", g.gpu_weeks_gained},
                     {"held_back_rack_weeks", g.held_back_rack_weeks},
                     {"days_earlier_50_is_lower_bound", g.half_lower_bound},
                     {"days_earlier_100_is_lower_bound", g.full_lower_bound}});
  }
  return gains;
}

}  // namespace rackscale::report
