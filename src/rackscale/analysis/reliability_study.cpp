#include "rackscale/analysis/reliability_study.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/sim/reliability/checkpoint_model.hpp"

namespace rackscale::sim {

namespace {

namespace u = rackscale::units;
using model::ComponentType;

constexpr double kInf = std::numeric_limits<double>::infinity();
// Pilot runs use run indices from here, so they never share streams with the main runs.
constexpr std::uint64_t kPilotRunBase = 1ULL << 32;

[[noreturn]] void input_error(const SourceLocation& where, const std::string& path,
                              const std::string& message, const std::string& hint = {}) {
  Diagnostics d;
  d.error(where, path, message, hint);
  d.throw_if_any();
  throw Error(message);  // not reached
}

long long ceil_div(long long a, long long b) {
  return (a + b - 1) / b;
}

// Daly's interval for a job writing checkpoints in `checkpoint_h` at `mtbf_h`, at least the
// shortest interval [h].
double optimal_interval(double checkpoint_h, double mtbf_h) {
  if (checkpoint_h <= 0.0) return kMinCheckpointIntervalH;
  return std::max(kMinCheckpointIntervalH, daly_interval(checkpoint_h, mtbf_h));
}

// Daly's interval from the analytic MTBF: the placeholder the pilot runs with.
double analytic_interval(const SiteRunInput& in, const JobPlan& job) {
  const double rate = expected_job_failure_rate(
      in.rates, in.fleet, static_cast<long long>(job.units) * in.fleet.gpus_per_unit());
  return optimal_interval(job.checkpoint_h, rate > 0.0 ? 1.0 / rate : in.horizon_h);
}

}  // namespace

int default_hot_spare_units(const ComponentRates& rates, const FleetSpec& fleet) {
  const double m = expected_units_down(rates, fleet, fleet.units());
  return std::max(1, static_cast<int>(std::ceil(m + 3.0 * std::sqrt(m))));
}

void resize_fleet(FleetSpec& fleet, int racks) {
  fleet.racks = std::max(0, racks);
  std::vector<FacilityGroupSpec> kept;
  for (auto g : fleet.facility) {
    if (g.first_rack >= fleet.racks) continue;
    g.rack_count = std::min(g.rack_count, fleet.racks - g.first_rack);
    if (g.rack_count > 0) kept.push_back(g);
  }
  fleet.facility = std::move(kept);
}

ReliabilityPlan plan_reliability(const model::Scenario& scenario, const model::Catalog& catalog,
                                 const std::vector<design::SiteDesign>& sites,
                                 const model::ReliabilitySettings& settings) {
  if (sites.size() != scenario.sites.size()) {
    throw Error(fmt::format("reliability: {} site designs for {} scenario sites", sites.size(),
                            scenario.sites.size()));
  }
  if (sites.empty()) throw Error("reliability: the scenario has no site");
  ReliabilityPlan plan;
  plan.horizon_h = settings.horizon.in(u::h);
  plan.seed = scenario.simulation.seed;
  plan.runs = settings.runs.value_or(
      std::min(scenario.simulation.runs, model::ReliabilitySettings::kDefaultMaxRuns));
  plan.goodput_target = settings.goodput_target;

  std::vector<model::ReliabilityJob> jobs = settings.jobs;
  if (jobs.empty()) {
    model::ReliabilityJob j;
    j.name = "training";
    j.site = sites.front().name;
    j.where = settings.where;
    j.path = "reliability";
    jobs.push_back(j);
    plan.notes.push_back(
        fmt::format("no reliability jobs given: one job on every GPU of {} not held as a hot spare",
                    sites.front().name));
  }
  for (auto& j : jobs) {
    if (j.site.empty()) j.site = sites.front().name;
  }

  for (std::size_t si = 0; si < sites.size(); ++si) {
    const design::SiteDesign& d = sites[si];
    std::vector<std::size_t> here;
    for (std::size_t k = 0; k < jobs.size(); ++k) {
      if (jobs[k].site == d.name) here.push_back(k);
    }
    if (here.empty()) continue;
    const auto* rack = catalog.find_as<model::RackSystem>(d.rack_system);
    if (!rack)
      throw Error(fmt::format("reliability: no rack system {} in the catalog", d.rack_system));

    PlannedSite ps;
    ps.name = d.name;
    ps.scenario_index = si;
    ps.design_racks = d.racks;
    SiteRunInput& in = ps.input;
    in.fleet = fleet_from_design(d, *rack);
    in.rates = default_component_rates(in.fleet.hbm_stacks_per_gpu);
    apply_overrides(in.rates, settings.rates);
    in.horizon_h = plan.horizon_h;
    in.site_stream = si;
    const FleetSpec& f = in.fleet;
    const long long units = f.units();
    const int gpu_per_unit = f.gpus_per_unit();

    // Hot spares held out of jobs.
    const auto& sp = settings.spares;
    long long reserved = 0;
    if (sp.hot_spare_racks || sp.hot_spare_nodes) {
      reserved = static_cast<long long>(sp.hot_spare_racks.value_or(0)) * f.units_per_rack() +
                 ceil_div(sp.hot_spare_nodes.value_or(0), f.nodes_per_unit);
    } else {
      reserved = default_hot_spare_units(in.rates, f);
      plan.notes.push_back(fmt::format(
          "{}: {} hot spare units held out of jobs (default: expected units down + 3 sd)", d.name,
          reserved));
    }
    // Jobs with a GPU count take whole units; `all` jobs share what is left.
    long long fixed = 0;
    int all_jobs = 0;
    for (std::size_t k : here) {
      const auto& j = jobs[k];
      if (j.gpus) {
        if (*j.gpus > f.gpus()) {
          input_error(
              j.where, j.path + ".gpus",
              fmt::format("asks for {} GPUs, site \"{}\" has {}", *j.gpus, d.name, f.gpus()),
              "lower `gpus`, or write `gpus: all`");
        }
        fixed += ceil_div(*j.gpus, gpu_per_unit);
      } else {
        ++all_jobs;
      }
    }
    const long long left = units - reserved - fixed;
    if (left < all_jobs || left < 0) {
      const auto& j = jobs[here.front()];
      input_error(j.where, j.path,
                  fmt::format("the jobs at site \"{}\" need {} units of {} GPUs plus {} hot spare "
                              "units, the site has {} units ({} racks)",
                              d.name, fixed + all_jobs, gpu_per_unit, reserved, units, d.racks),
                  "lower the jobs' `gpus` or `spares.hot_spare_racks`");
    }
    int all_index = 0;
    for (std::size_t k : here) {
      const auto& j = jobs[k];
      JobPlan p;
      p.name = j.name;
      if (j.gpus) {
        p.units = static_cast<int>(ceil_div(*j.gpus, gpu_per_unit));
        p.gpus = *j.gpus;
      } else {
        p.units = static_cast<int>(left / all_jobs + (all_index < left % all_jobs ? 1 : 0));
        p.gpus = static_cast<long long>(p.units) * gpu_per_unit;
        ++all_index;
      }
      p.checkpoint_h = j.checkpoint_write.in(u::h);
      p.restart_h = j.restart.in(u::h);
      if (j.work) p.work_h = j.work->in(u::h);
      PlannedJob pj;
      pj.spec = j;
      pj.site = plan.sites.size();
      pj.slot = in.jobs.size();
      pj.optimal_interval = !j.checkpoint_interval.has_value();
      p.interval_h = j.checkpoint_interval ? j.checkpoint_interval->in(u::h) : 1.0;
      in.jobs.push_back(p);
      if (pj.optimal_interval) in.jobs.back().interval_h = analytic_interval(in, in.jobs.back());
      plan.jobs.push_back(pj);
    }
    ps.reserved_spare_units = static_cast<int>(reserved);

    // Crews and parts.
    const auto& cr = settings.crews;
    in.crews.unlimited = cr.unlimited;
    in.crews.shifts_per_day = cr.shifts_per_day;
    in.crews.technicians = cr.technicians.value_or(std::max(
        1, static_cast<int>(std::ceil(static_cast<double>(f.gpus()) / kDefaultGpusPerTechnician))));
    if (!cr.technicians && !cr.unlimited) {
      plan.notes.push_back(
          fmt::format("{}: {} technicians per shift (default: one per {:.0f} GPUs)", d.name,
                      in.crews.technicians, kDefaultGpusPerTechnician));
    }
    in.parts.unlimited = sp.unlimited_parts;
    in.parts.stock = sp.parts_stock.value_or(std::max<long long>(
        1,
        static_cast<long long>(std::ceil(kDefaultPartsFraction * static_cast<double>(f.gpus())))));
    if (!sp.parts_stock && !sp.unlimited_parts) {
      plan.notes.push_back(
          fmt::format("{}: {} parts in stock (default: 1% of the GPUs)", d.name, in.parts.stock));
    }
    in.parts.restock_lead_h = sp.restock_lead_time.in(u::h);
    plan.sites.push_back(std::move(ps));
  }
  return plan;
}

std::vector<JobSummary> summarize_jobs(const ReliabilityPlan& plan, const PlannedSite& site,
                                       const std::vector<SiteRunResult>& runs) {
  std::vector<JobSummary> out;
  for (const auto& pj : plan.jobs) {
    if (plan.sites[pj.site].name != site.name) continue;
    const JobPlan& p = site.input.jobs[pj.slot];
    JobSummary s;
    s.name = p.name;
    s.site = site.name;
    s.gpus = p.gpus;
    s.units = p.units;
    s.checkpoint_interval_h = p.interval_h;
    s.interval_rule = pj.optimal_interval ? "optimal (Daly, simulated MTBF)" : "given";
    s.pilot_mtbf_h = pj.pilot_mtbf_h;
    s.checkpoint_write_h = p.checkpoint_h;
    s.restart_h = p.restart_h;
    std::vector<double> per_day, avail, good, gpu_h, swaps;
    std::vector<std::optional<double>> done;
    double exposure = 0, interruptions = 0, wall = 0, useful = 0, ckpt = 0, lost = 0, restart = 0,
           waiting = 0;
    TypeCounts causes{};
    for (const auto& run : runs) {
      const JobRunResult& r = run.jobs[pj.slot];
      const double days = r.wall_h / 24.0;
      per_day.push_back(days > 0 ? static_cast<double>(r.interruptions) / days : 0.0);
      const double running = r.useful_h + r.checkpoint_h + r.lost_h;
      avail.push_back(r.wall_h > 0 ? running / r.wall_h : 0.0);
      good.push_back(r.wall_h > 0 ? r.useful_h / r.wall_h : 0.0);
      gpu_h.push_back(r.useful_h * static_cast<double>(p.gpus));
      swaps.push_back(static_cast<double>(r.swap_ins));
      if (p.work_h)
        done.push_back(r.done_h ? std::optional<double>(*r.done_h / 24.0) : std::nullopt);
      exposure += r.exposure_h;
      interruptions += static_cast<double>(r.interruptions);
      wall += r.wall_h;
      useful += r.useful_h;
      ckpt += r.checkpoint_h;
      lost += r.lost_h;
      restart += r.restart_h;
      waiting += r.waiting_h;
      for (std::size_t c = 0; c < causes.size(); ++c) causes[c] += r.interruptions_by_cause[c];
    }
    if (runs.empty()) {
      out.push_back(s);
      continue;
    }
    s.interruptions_per_day = analysis::summarize(per_day);
    s.availability = analysis::summarize(avail);
    s.goodput = analysis::summarize(good);
    s.effective_gpu_hours = analysis::summarize(gpu_h);
    s.swap_ins = analysis::summarize(swaps);
    if (interruptions > 0) s.mtbf_h = exposure / interruptions;
    if (wall > 0) {
      s.useful_share = useful / wall;
      s.checkpoint_share = ckpt / wall;
      s.lost_share = lost / wall;
      s.restart_share = restart / wall;
      s.waiting_share = waiting / wall;
      for (std::size_t c = 0; c < causes.size(); ++c) {
        if (causes[c] == 0) continue;
        CauseRate cr;
        cr.cause = model::to_string(static_cast<ComponentType>(c));
        cr.interruptions_per_day = static_cast<double>(causes[c]) / (wall / 24.0);
        cr.share = static_cast<double>(causes[c]) / interruptions;
        s.causes.push_back(cr);
      }
      std::stable_sort(s.causes.begin(), s.causes.end(), [](const auto& a, const auto& b) {
        return a.interruptions_per_day > b.interruptions_per_day;
      });
    }
    if (s.mtbf_h)
      s.daly_goodput = daly_goodput(p.interval_h, p.checkpoint_h, p.restart_h, *s.mtbf_h);
    if (p.work_h) s.completion_days = analysis::summarize_milestone(done);
    out.push_back(std::move(s));
  }
  return out;
}

SiteSummary summarize_site(const PlannedSite& site, const std::vector<SiteRunResult>& runs) {
  const SiteRunInput& in = site.input;
  SiteSummary s;
  s.name = site.name;
  s.racks = in.fleet.racks;
  s.units = in.fleet.units();
  s.nodes_per_unit = in.fleet.nodes_per_unit;
  s.gpus_per_unit = in.fleet.gpus_per_unit();
  for (const auto& j : in.jobs) s.units_in_jobs += j.units;
  s.spare_units = static_cast<int>(s.units - s.units_in_jobs);
  if (!in.crews.unlimited) s.technicians = in.crews.technicians;
  s.shifts_per_day = in.crews.shifts_per_day;
  if (!in.parts.unlimited) s.parts_stock = in.parts.stock;
  s.restock_lead_h = in.parts.restock_lead_h;
  if (runs.empty()) return s;
  const double n = static_cast<double>(runs.size());
  const double days = in.horizon_h / 24.0;
  TypeCounts failures{}, parts{}, stops{};
  std::vector<double> avail, max_down, outstanding;
  for (const auto& r : runs) {
    for (std::size_t c = 0; c < failures.size(); ++c) {
      failures[c] += r.failures[c];
      parts[c] += r.parts_used[c];
      stops[c] += r.facility_stops[c];
    }
    s.rack_stops += static_cast<double>(r.rack_stops) / n;
    s.rma_returns += static_cast<double>(r.rma_returns) / n;
    s.crew_utilization += r.crew_utilization / n;
    s.crew_wait_h += r.mean_crew_wait_h / n;
    s.part_wait_h += r.mean_part_wait_h / n;
    avail.push_back(r.unit_availability);
    max_down.push_back(static_cast<double>(r.max_units_down));
    outstanding.push_back(static_cast<double>(r.max_parts_outstanding));
  }
  for (std::size_t c = 0; c < failures.size(); ++c) {
    const std::string name = model::to_string(static_cast<ComponentType>(c));
    if (failures[c] > 0) {
      s.failures_per_day.push_back({name, static_cast<double>(failures[c]) / n / days});
    }
    if (parts[c] > 0) {
      s.parts_used.push_back({name, static_cast<double>(parts[c]) / n});
      s.parts_used_total += static_cast<double>(parts[c]) / n;
    }
    if (stops[c] > 0) s.facility_stops.push_back({name, static_cast<double>(stops[c]) / n});
  }
  s.unit_availability = analysis::summarize(avail);
  s.max_units_down = analysis::summarize(max_down);
  s.max_parts_outstanding = analysis::summarize(outstanding);
  return s;
}

namespace {

// Lowest mean goodput over the jobs of a site with `input`, over `runs` runs.
double lowest_goodput(const SiteRunInput& input, std::uint64_t seed, int runs, int threads) {
  auto results = analysis::run_replications(runs, threads, [&](int r) {
    return simulate_site(input, seed, static_cast<std::uint64_t>(r));
  });
  double lowest = 1.0;
  for (std::size_t k = 0; k < input.jobs.size(); ++k) {
    double sum = 0.0;
    for (const auto& res : results) {
      const auto& j = res.jobs[k];
      sum += j.wall_h > 0 ? j.useful_h / j.wall_h : 0.0;
    }
    lowest = std::min(lowest, sum / static_cast<double>(results.size()));
  }
  return lowest;
}

SiteSizing size_site(const PlannedSite& site, const SiteSummary& summary, double target,
                     std::uint64_t seed, int runs, int threads) {
  SiteSizing z;
  z.site = site.name;
  z.target = target;
  z.parts_stock = static_cast<long long>(std::ceil(summary.max_parts_outstanding.p90));
  const SiteRunInput& base = site.input;
  const int upr = base.fleet.units_per_rack();
  long long job_units = 0;
  for (const auto& j : base.jobs) job_units += j.units;
  const int job_racks = static_cast<int>(ceil_div(job_units, upr));
  // technicians 0: unlimited.
  auto with = [&](int spare_racks, int technicians, bool unlimited_parts) {
    SiteRunInput in = base;
    resize_fleet(in.fleet, job_racks + spare_racks);
    in.crews.unlimited = technicians == 0;
    if (technicians > 0) in.crews.technicians = technicians;
    if (unlimited_parts) in.parts.unlimited = true;
    return in;
  };
  const int given_crews = base.crews.unlimited ? 0 : base.crews.technicians;
  const int given_spares = std::max(0, base.fleet.racks - job_racks);
  // Ample spares: twice the most units ever down at once plus two, in racks. assumption: a
  // margin well past anything the main runs saw.
  const int ample = std::max(
      given_spares, static_cast<int>(ceil_div(
                        static_cast<long long>(2.0 * summary.max_units_down.max) + 2, upr)));
  z.goodput_unlimited = lowest_goodput(with(ample, 0, true), seed, runs, threads);
  z.reachable = z.goodput_unlimited >= target;
  if (!z.reachable) {
    z.note = fmt::format(
        "not reachable: with ample spares, crews and parts the lowest job goodput is {:.3f}; "
        "shorten checkpoint writes and restarts, or split the job",
        z.goodput_unlimited);
    return z;
  }
  // Spare racks with the crews as given.
  if (lowest_goodput(with(ample, given_crews, false), seed, runs, threads) >= target) {
    // Invariant: goodput(lo) < target <= goodput(hi).
    int lo = 0, hi = ample;
    if (lowest_goodput(with(0, given_crews, false), seed, runs, threads) >= target) hi = 0;
    while (hi - lo > 1) {
      const int mid = lo + (hi - lo) / 2;
      (lowest_goodput(with(mid, given_crews, false), seed, runs, threads) >= target ? hi : lo) =
          mid;
    }
    z.spare_racks = hi;
    z.spare_units = static_cast<int>((job_racks + hi) * static_cast<long long>(upr) - job_units);
  } else {
    z.note = "spares alone do not reach the target with the crews as given";
  }
  // Technicians with the spares as given.
  if (given_crews > 0) {
    if (lowest_goodput(with(given_spares, 0, false), seed, runs, threads) >= target) {
      // assumption: 100,000 technicians per shift is past any site; the doubling stops there.
      int hi = given_crews;
      while (hi < 100'000 &&
             lowest_goodput(with(given_spares, hi, false), seed, runs, threads) < target) {
        hi *= 2;
      }
      int lo = 0;
      while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        (lowest_goodput(with(given_spares, mid, false), seed, runs, threads) >= target ? hi : lo) =
            mid;
      }
      z.technicians = hi;
    } else {
      z.note += std::string(z.note.empty() ? "" : "; ") +
                "technicians alone do not reach the target with the spares as given";
    }
  }
  return z;
}

}  // namespace

ReliabilityResult run_reliability(ReliabilityPlan plan, const ReliabilityOptions& options) {
  const int runs = options.runs.value_or(plan.runs);
  const std::uint64_t seed = options.seed.value_or(plan.seed);
  if (runs < 1) throw Error(fmt::format("reliability: runs must be >= 1, got {}", runs));
  ReliabilityResult result;
  result.seed = seed;
  result.runs = runs;
  result.horizon_h = plan.horizon_h;
  result.goodput_target = plan.goodput_target;
  result.notes = plan.notes;

  // Pilot: the simulated MTBF of each job whose interval is `optimal`, then Daly's optimum.
  const int pilot_runs = std::max(1, std::min(options.pilot_runs, runs));
  for (std::size_t si = 0; si < plan.sites.size(); ++si) {
    PlannedSite& site = plan.sites[si];
    bool any = false;
    for (const auto& pj : plan.jobs) any = any || (pj.site == si && pj.optimal_interval);
    if (!any) continue;
    auto pilot = analysis::run_replications(pilot_runs, options.threads, [&](int k) {
      return simulate_site(site.input, seed, kPilotRunBase + static_cast<std::uint64_t>(k));
    });
    for (auto& pj : plan.jobs) {
      if (pj.site != si || !pj.optimal_interval) continue;
      double exposure = 0.0, interruptions = 0.0;
      for (const auto& r : pilot) {
        exposure += r.jobs[pj.slot].exposure_h;
        interruptions += static_cast<double>(r.jobs[pj.slot].interruptions);
      }
      JobPlan& p = site.input.jobs[pj.slot];
      const double mtbf = interruptions > 0 ? exposure / interruptions : std::max(exposure, 1.0);
      pj.pilot_mtbf_h = mtbf;
      p.interval_h = optimal_interval(p.checkpoint_h, mtbf);
    }
  }

  // Main runs: every site in each run.
  analysis::ReplicationOptions ro;
  ro.runs = runs;
  ro.threads = options.threads;
  ro.progress = options.progress;
  auto all = analysis::run_replications(ro, [&](int r) {
    std::vector<SiteRunResult> v;
    v.reserve(plan.sites.size());
    for (const auto& site : plan.sites) {
      v.push_back(simulate_site(site.input, seed, static_cast<std::uint64_t>(r)));
    }
    return v;
  });

  for (std::size_t si = 0; si < plan.sites.size(); ++si) {
    std::vector<SiteRunResult> per_site;
    per_site.reserve(all.size());
    for (auto& v : all) per_site.push_back(std::move(v[si]));
    auto jobs = summarize_jobs(plan, plan.sites[si], per_site);
    SiteSummary site = summarize_site(plan.sites[si], per_site);
    if (plan.goodput_target && options.size_for_target) {
      const int sizing_runs = std::max(1, std::min(options.sizing_runs, runs));
      result.sizing.push_back(size_site(plan.sites[si], site, *plan.goodput_target, seed,
                                        sizing_runs, options.threads));
    }
    for (auto& j : jobs) result.jobs.push_back(std::move(j));
    result.sites.push_back(std::move(site));
  }
  // Jobs in settings order.
  std::vector<JobSummary> ordered;
  for (const auto& pj : plan.jobs) {
    for (const auto& j : result.jobs) {
      if (j.name == pj.spec.name && j.site == plan.sites[pj.site].name) ordered.push_back(j);
    }
  }
  result.jobs = std::move(ordered);
  return result;
}

}  // namespace rackscale::sim
