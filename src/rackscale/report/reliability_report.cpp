#include "rackscale/report/reliability_report.hpp"

#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "rackscale/report/csv_writer.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::report {

using namespace rackscale::sim;

namespace {

using nlohmann::ordered_json;

// Shortest round-trip text; empty for a missing or infinite value.
std::string num(std::optional<double> x) {
  if (!x || !std::isfinite(*x)) return "";
  return fmt::format("{}", *x);
}

// reliability.csv: each row is about one job, site or sizing, and gives one metric.
class ReliabilityCsv {
 public:
  ReliabilityCsv() : csv_({"scope", "name", "site", "metric", "p10", "p50", "p90", "mean"}) {}
  //! The rows that follow are about `name` at `site`, in `scope`.
  void start(const std::string& scope, const std::string& name, const std::string& site) {
    scope_ = scope;
    name_ = name;
    site_ = site;
  }
  void quantiles(const std::string& metric, const analysis::QuantileSummary& q) {
    row(metric, q.p10, q.p50, q.p90, q.mean);
  }
  void milestone(const std::string& metric, const analysis::MilestoneSummary& q) {
    row(metric, q.p10, q.p50, q.p90, q.mean);
  }
  void value(const std::string& metric, std::optional<double> v) {
    row(metric, std::nullopt, std::nullopt, std::nullopt, v);
  }
  const std::string& text() const { return csv_.text(); }

 private:
  void row(const std::string& metric, std::optional<double> p10, std::optional<double> p50,
           std::optional<double> p90, std::optional<double> mean) {
    csv_.add_row({scope_, name_, site_, metric, num(p10), num(p50), num(p90), num(mean)});
  }
  CsvWriter csv_;
  std::string scope_, name_, site_;
};

ordered_json quantiles_json(const analysis::QuantileSummary& q) {
  return {{"p10", q.p10},   {"p50", q.p50}, {"p90", q.p90},
          {"mean", q.mean}, {"min", q.min}, {"max", q.max}};
}

ordered_json opt_json(std::optional<double> x) {
  return x && std::isfinite(*x) ? ordered_json(*x) : ordered_json(nullptr);
}

ordered_json milestone_json(const analysis::MilestoneSummary& q) {
  return {{"p10", opt_json(q.p10)},   {"p50", opt_json(q.p50)},        {"p90", opt_json(q.p90)},
          {"mean", opt_json(q.mean)}, {"min", opt_json(q.min)},        {"max", opt_json(q.max)},
          {"runs", q.runs},           {"reached_runs", q.reached_runs}};
}

ordered_json type_means(const std::vector<TypeMean>& v) {
  ordered_json o = ordered_json::object();
  for (const auto& t : v) o[t.type] = t.mean;
  return o;
}

}  // namespace

std::string reliability_csv(const ReliabilityResult& r) {
  ReliabilityCsv c;
  for (const auto& j : r.jobs) {
    c.start("job", j.name, j.site);
    c.value("gpus", static_cast<double>(j.gpus));
    c.value("checkpoint_interval_h", j.checkpoint_interval_h);
    c.value("checkpoint_write_h", j.checkpoint_write_h);
    c.value("restart_h", j.restart_h);
    c.quantiles("interruptions_per_day", j.interruptions_per_day);
    for (const auto& cr : j.causes) {
      c.value("interruptions_per_day." + cr.cause, cr.interruptions_per_day);
    }
    c.value("mtbf_h", j.mtbf_h);
    c.quantiles("availability", j.availability);
    c.quantiles("goodput", j.goodput);
    c.value("goodput_daly_closed_form", j.daly_goodput);
    c.quantiles("effective_gpu_hours", j.effective_gpu_hours);
    c.quantiles("spare_swap_ins", j.swap_ins);
    c.value("share.useful", j.useful_share);
    c.value("share.checkpoint", j.checkpoint_share);
    c.value("share.lost", j.lost_share);
    c.value("share.restart", j.restart_share);
    c.value("share.waiting", j.waiting_share);
    if (j.completion_days) c.milestone("completion_days", *j.completion_days);
  }
  for (const auto& st : r.sites) {
    c.start("site", st.name, st.name);
    c.value("racks", st.racks);
    c.value("units", static_cast<double>(st.units));
    c.value("spare_units", st.spare_units);
    if (st.technicians) c.value("technicians", *st.technicians);
    if (st.parts_stock) c.value("parts_stock", static_cast<double>(*st.parts_stock));
    for (const auto& t : st.failures_per_day) c.value("failures_per_day." + t.type, t.mean);
    for (const auto& t : st.parts_used) c.value("parts_used." + t.type, t.mean);
    c.value("parts_used", st.parts_used_total);
    for (const auto& t : st.facility_stops) c.value("facility_stops." + t.type, t.mean);
    c.value("rack_stops", st.rack_stops);
    c.value("rma_returns", st.rma_returns);
    c.quantiles("unit_availability", st.unit_availability);
    c.quantiles("max_units_down", st.max_units_down);
    c.value("crew_utilization", st.crew_utilization);
    c.value("crew_wait_h", st.crew_wait_h);
    c.value("part_wait_h", st.part_wait_h);
    c.quantiles("max_parts_outstanding", st.max_parts_outstanding);
  }
  for (const auto& z : r.sizing) {
    c.start("sizing", z.site, z.site);
    c.value("goodput_target", z.target);
    c.value("goodput_unlimited", z.goodput_unlimited);
    if (z.spare_racks) c.value("spare_racks_needed", *z.spare_racks);
    if (z.spare_units) c.value("spare_units_needed", *z.spare_units);
    if (z.technicians) c.value("technicians_needed", *z.technicians);
    c.value("parts_stock_needed", static_cast<double>(z.parts_stock));
  }
  return c.text();
}

namespace {

ordered_json job_json(const JobSummary& j) {
  ordered_json causes = ordered_json::array();
  for (const auto& c : j.causes) {
    causes.push_back({{"cause", c.cause},
                      {"interruptions_per_day", c.interruptions_per_day},
                      {"share", c.share}});
  }
  return {
      {"name", j.name},
      {"site", j.site},
      {"gpus", j.gpus},
      {"units", j.units},
      {"checkpoint_interval_h", j.checkpoint_interval_h},
      {"checkpoint_interval_rule", j.interval_rule},
      {"pilot_mtbf_h", opt_json(j.pilot_mtbf_h)},
      {"checkpoint_write_h", j.checkpoint_write_h},
      {"restart_h", j.restart_h},
      {"interruptions_per_day", quantiles_json(j.interruptions_per_day)},
      {"interruptions_by_cause", causes},
      {"mtbf_h", opt_json(j.mtbf_h)},
      {"availability", quantiles_json(j.availability)},
      {"goodput", quantiles_json(j.goodput)},
      {"goodput_daly_closed_form", opt_json(j.daly_goodput)},
      {"effective_gpu_hours", quantiles_json(j.effective_gpu_hours)},
      {"spare_swap_ins", quantiles_json(j.swap_ins)},
      {"time_shares",
       {{"useful", j.useful_share},
        {"checkpoint", j.checkpoint_share},
        {"lost", j.lost_share},
        {"restart", j.restart_share},
        {"waiting", j.waiting_share}}},
      {"completion_days",
       j.completion_days ? milestone_json(*j.completion_days) : ordered_json(nullptr)},
  };
}

ordered_json site_json(const SiteSummary& s) {
  return {
      {"name", s.name},
      {"racks", s.racks},
      {"units", s.units},
      {"nodes_per_unit", s.nodes_per_unit},
      {"gpus_per_unit", s.gpus_per_unit},
      {"units_in_jobs", s.units_in_jobs},
      {"spare_units", s.spare_units},
      {"technicians", s.technicians ? ordered_json(*s.technicians) : ordered_json("unlimited")},
      {"shifts_per_day", s.shifts_per_day},
      {"parts_stock", s.parts_stock ? ordered_json(*s.parts_stock) : ordered_json("unlimited")},
      {"restock_lead_time_h", s.restock_lead_h},
      {"failures_per_day", type_means(s.failures_per_day)},
      {"parts_used", type_means(s.parts_used)},
      {"parts_used_total", s.parts_used_total},
      {"facility_stops", type_means(s.facility_stops)},
      {"rack_stops", s.rack_stops},
      {"rma_returns", s.rma_returns},
      {"unit_availability", quantiles_json(s.unit_availability)},
      {"max_units_down", quantiles_json(s.max_units_down)},
      {"crew_utilization", s.crew_utilization},
      {"crew_wait_h", s.crew_wait_h},
      {"part_wait_h", s.part_wait_h},
      {"max_parts_outstanding", quantiles_json(s.max_parts_outstanding)},
  };
}

ordered_json sizing_json(const SiteSizing& z) {
  auto opt_int = [](std::optional<int> v) { return v ? ordered_json(*v) : ordered_json(nullptr); };
  return {{"site", z.site},
          {"goodput_target", z.target},
          {"goodput_unlimited", z.goodput_unlimited},
          {"reachable", z.reachable},
          {"spare_racks_needed", opt_int(z.spare_racks)},
          {"spare_units_needed", opt_int(z.spare_units)},
          {"technicians_needed", opt_int(z.technicians)},
          {"parts_stock_needed", z.parts_stock},
          {"note", z.note}};
}

// A JSON array of `items`, each converted by `to_json`.
template <class T, class ToJson>
ordered_json json_array(const std::vector<T>& items, ToJson to_json) {
  ordered_json out = ordered_json::array();
  for (const auto& x : items) out.push_back(to_json(x));
  return out;
}

}  // namespace

ordered_json reliability_to_json(const ReliabilityResult& r) {
  const ordered_json jobs = json_array(r.jobs, job_json);
  const ordered_json sites = json_array(r.sites, site_json);
  const ordered_json sizing = json_array(r.sizing, sizing_json);
  return {
      {"runs", r.runs},  {"horizon_h", r.horizon_h}, {"goodput_target", opt_json(r.goodput_target)},
      {"jobs", jobs},    {"sites", sites},           {"sizing", sizing},
      {"notes", r.notes}};
}

std::string reliability_json_file(const RunStamp& stamp, const ReliabilityResult& r) {
  ordered_json json = {{"rackscale_version", stamp.version},
                       {"scenario", stamp.scenario},
                       {"seed", stamp.seed},
                       {"input_hash", stamp.input_hash}};
  const ordered_json body = reliability_to_json(r);
  for (const auto& [key, value] : body.items()) json[key] = value;
  return json.dump(2) + "\n";
}

std::string reliability_hours(double h) {
  if (!std::isfinite(h)) return "-";
  if (h < 1.0) return fmt::format("{:.1f} min", h * 60.0);
  if (h < 48.0) return fmt::format("{:.2f} h", h);
  return fmt::format("{:.1f} days", h / 24.0);
}

namespace {
std::string pct(double x) {
  return fmt::format("{:.1f}%", 100.0 * x);
}
}  // namespace

std::string reliability_job_table(const sim::JobSummary& j) {
  std::string out = fmt::format(
      "== job {} at {}: {} GPUs in {} units\n"
      "checkpoint every {} ({}{}), write {}, restart {}\n",
      j.name, j.site, group_thousands(j.gpus), group_thousands(j.units),
      reliability_hours(j.checkpoint_interval_h), j.interval_rule,
      j.pilot_mtbf_h ? ", pilot MTBF " + reliability_hours(*j.pilot_mtbf_h) : std::string(),
      reliability_hours(j.checkpoint_write_h), reliability_hours(j.restart_h));
  Table t({"metric", "P10", "P50", "P90", "mean"});
  t.align_right({1, 2, 3, 4});
  auto row = [&](const std::string& name, const analysis::QuantileSummary& q, auto format) {
    t.add({name, format(q.p10), format(q.p50), format(q.p90), format(q.mean)});
  };
  auto f2 = [](double x) { return fmt::format("{:.2f}", x); };
  auto f3 = [](double x) { return fmt::format("{:.3f}", x); };
  auto f0 = [](double x) { return group_thousands(std::llround(x)); };
  row("interruptions/day", j.interruptions_per_day, f2);
  row("availability", j.availability, f3);
  row("goodput", j.goodput, f3);
  row("effective GPU-hours", j.effective_gpu_hours, f0);
  row("spare swap-ins", j.swap_ins, f0);
  if (j.completion_days) {
    auto d = [](std::optional<double> x) { return x ? fmt::format("{:.1f}", *x) : "not reached"; };
    const auto& c = *j.completion_days;
    t.add({"completion (days)", d(c.p10), d(c.p50), d(c.p90), d(c.mean)});
  }
  out += t.render();
  out += fmt::format(
      "MTBF {} (all runs); Daly closed-form goodput at that MTBF {}\n"
      "time: useful {}, checkpoint {}, lost {}, restart {}, waiting for spares {}\n",
      j.mtbf_h ? reliability_hours(*j.mtbf_h) : "no interruption",
      j.daly_goodput ? fmt::format("{:.3f}", *j.daly_goodput) : "-", pct(j.useful_share),
      pct(j.checkpoint_share), pct(j.lost_share), pct(j.restart_share), pct(j.waiting_share));
  if (!j.causes.empty()) {
    Table c({"cause", "interruptions/day", "share"});
    c.align_right({1, 2});
    for (const auto& x : j.causes) {
      c.add({x.cause, fmt::format("{:.3f}", x.interruptions_per_day), pct(x.share)});
    }
    out += c.render();
  }
  return out;
}

std::string reliability_site_text(const sim::SiteSummary& s) {
  std::string parts;
  for (const auto& p : s.parts_used) {
    parts += fmt::format("{}{} {:.1f}", parts.empty() ? "" : ", ", p.type, p.mean);
  }
  std::string stops;
  for (const auto& p : s.facility_stops) {
    stops += fmt::format("{}{} {:.2f}", stops.empty() ? "" : ", ", p.type, p.mean);
  }
  return fmt::format(
      "== site {}: {} racks, {} units of {} GPUs, {} in jobs, {} spare\n"
      "technicians {} per shift x {} shifts, parts stock {}, restock {}\n"
      "per run: parts used {:.1f} ({}); racks stopped {:.2f}{}; returned to vendor {:.1f}\n"
      "unit availability P50 {:.4f}; most units down at once P90 {:.0f}; technicians busy "
      "{}; wait for a technician {}, for a part {}; most parts outstanding P90 {:.0f}\n",
      s.name, group_thousands(s.racks), group_thousands(s.units), s.gpus_per_unit,
      group_thousands(s.units_in_jobs), group_thousands(s.spare_units),
      s.technicians ? std::to_string(*s.technicians) : "unlimited", s.shifts_per_day,
      s.parts_stock ? group_thousands(*s.parts_stock) : "unlimited",
      reliability_hours(s.restock_lead_h), s.parts_used_total, parts.empty() ? "none" : parts,
      s.rack_stops, stops.empty() ? "" : " (facility shares stopped: " + stops + ")", s.rma_returns,
      s.unit_availability.p50, s.max_units_down.p90, pct(s.crew_utilization),
      reliability_hours(s.crew_wait_h), reliability_hours(s.part_wait_h),
      s.max_parts_outstanding.p90);
}

std::string reliability_sizing_text(const sim::SiteSizing& z) {
  std::string out = fmt::format("== sizing for goodput >= {:.3f} at {}: ", z.target, z.site);
  if (!z.reachable) return out + z.note + "\n";
  out += fmt::format("reachable (ample spares and crews give {:.3f})\n", z.goodput_unlimited);
  if (z.spare_racks) {
    out += fmt::format("  spare racks beyond the jobs: {} ({} spare units), crews as given\n",
                       *z.spare_racks, *z.spare_units);
  }
  if (z.technicians) {
    out += fmt::format("  technicians per shift: {}, spares as given\n", *z.technicians);
  }
  out += fmt::format("  parts stock that avoids waiting for parts (P90): {}\n", z.parts_stock);
  if (!z.note.empty()) out += "  " + z.note + "\n";
  return out;
}

}  // namespace rackscale::report
