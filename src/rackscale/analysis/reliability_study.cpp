#include "rackscale/analysis/reliability_study.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "rackscale/core/checked.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/sim/reliability/checkpoint_model.hpp"

namespace rackscale::sim {

namespace {

namespace u = rackscale::units;
using model::ComponentType;

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
  return std::max(1, checked_int(std::ceil(m + 3.0 * std::sqrt(m)), "the default hot spare units"));
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

namespace {

// The jobs to run: the settings' jobs (those without a site at the first site), or one job on
// every GPU of the first site not held as a hot spare when none is given.
std::vector<model::ReliabilityJob> jobs_to_run(const model::ReliabilitySettings& settings,
                                               const std::string& first_site,
                                               std::vector<std::string>& notes) {
  std::vector<model::ReliabilityJob> jobs = settings.jobs;
  if (jobs.empty()) {
    model::ReliabilityJob job;
    job.name = "training";
    job.site = first_site;
    job.where = settings.where;
    job.path = "reliability";
    jobs.push_back(job);
    notes.push_back(
        fmt::format("no reliability jobs given: one job on every GPU of {} not held as a hot spare",
                    first_site));
  }
  for (model::ReliabilityJob& job : jobs) {
    if (job.site.empty()) job.site = first_site;
  }
  return jobs;
}

// Swap units held out of jobs as hot spares: as the settings say, else the default.
long long reserved_spare_units(const model::ReliabilitySpares& spares, const SiteRunInput& input,
                               const std::string& site, std::vector<std::string>& notes) {
  const FleetSpec& fleet = input.fleet;
  if (spares.hot_spare_racks || spares.hot_spare_nodes) {
    return static_cast<long long>(spares.hot_spare_racks.value_or(0)) * fleet.units_per_rack() +
           ceil_div(spares.hot_spare_nodes.value_or(0), fleet.nodes_per_unit);
  }
  const long long reserved = default_hot_spare_units(input.rates, fleet);
  notes.push_back(
      fmt::format("{}: {} hot spare units held out of jobs (default: expected units down + 3 sd)",
                  site, reserved));
  return reserved;
}

// The site's jobs (indices into `jobs`) and the units they take: jobs with a GPU count take
// whole units (`fixed`); the `all_jobs` without one share the units left.
struct SiteJobs {
  std::vector<std::size_t> indices;
  long long fixed_units = 0;
  int all_jobs = 0;
};

SiteJobs site_jobs(const std::vector<model::ReliabilityJob>& jobs, const FleetSpec& fleet,
                   const std::string& site) {
  SiteJobs found;
  for (std::size_t index = 0; index < jobs.size(); ++index) {
    const model::ReliabilityJob& job = jobs[index];
    if (job.site != site) continue;
    found.indices.push_back(index);
    if (!job.gpus) {
      ++found.all_jobs;
      continue;
    }
    if (*job.gpus > fleet.gpus()) {
      input_error(
          job.where, job.path + ".gpus",
          fmt::format("asks for {} GPUs, site \"{}\" has {}", *job.gpus, site, fleet.gpus()),
          "lower `gpus`, or write `gpus: all`");
    }
    found.fixed_units += ceil_div(*job.gpus, fleet.gpus_per_unit());
  }
  return found;
}

// A job as the simulation runs it, with `units` swap units of `gpus` GPUs; the interval is
// the given one, or Daly's from the analytic MTBF until the pilot runs.
JobPlan job_plan(const model::ReliabilityJob& job, int units, long long gpus,
                 const SiteRunInput& input) {
  JobPlan planned;
  planned.name = job.name;
  planned.units = units;
  planned.gpus = gpus;
  planned.checkpoint_h = job.checkpoint_write.in(u::h);
  planned.restart_h = job.restart.in(u::h);
  if (job.work) planned.work_h = job.work->in(u::h);
  planned.interval_h = job.checkpoint_interval ? job.checkpoint_interval->in(u::h) : 1.0;
  if (!job.checkpoint_interval) planned.interval_h = analytic_interval(input, planned);
  return planned;
}

// The site's jobs into its input and into `plan.jobs`; `left` units are shared by the jobs
// without a GPU count.
void plan_site_jobs(ReliabilityPlan& plan, PlannedSite& site,
                    const std::vector<model::ReliabilityJob>& jobs, const SiteJobs& here,
                    long long left) {
  const int gpus_per_unit = site.input.fleet.gpus_per_unit();
  int all_index = 0;
  for (std::size_t index : here.indices) {
    const model::ReliabilityJob& job = jobs[index];
    int units = 0;
    long long gpus = 0;
    if (job.gpus) {
      units = static_cast<int>(ceil_div(*job.gpus, gpus_per_unit));
      gpus = *job.gpus;
    } else {
      units = static_cast<int>(left / here.all_jobs + (all_index < left % here.all_jobs ? 1 : 0));
      gpus = static_cast<long long>(units) * gpus_per_unit;
      ++all_index;
    }
    PlannedJob planned;
    planned.spec = job;
    planned.site = plan.sites.size();
    planned.slot = site.input.jobs.size();
    planned.optimal_interval = !job.checkpoint_interval.has_value();
    site.input.jobs.push_back(job_plan(job, units, gpus, site.input));
    plan.jobs.push_back(planned);
  }
}

// Technicians and parts: as the settings say, else the defaults (noted).
void plan_crews_and_parts(SiteRunInput& input, const model::ReliabilitySettings& settings,
                          const std::string& site, std::vector<std::string>& notes) {
  const double gpus = static_cast<double>(input.fleet.gpus());
  const model::ReliabilityCrews& crews = settings.crews;
  input.crews.unlimited = crews.unlimited;
  input.crews.shifts_per_day = crews.shifts_per_day;
  input.crews.technicians = crews.technicians.value_or(std::max(
      1, checked_int(std::ceil(gpus / kDefaultGpusPerTechnician), "the default technicians")));
  if (!crews.technicians && !crews.unlimited) {
    notes.push_back(fmt::format("{}: {} technicians per shift (default: one per {:.0f} GPUs)", site,
                                input.crews.technicians, kDefaultGpusPerTechnician));
  }
  const model::ReliabilitySpares& spares = settings.spares;
  input.parts.unlimited = spares.unlimited_parts;
  input.parts.stock = spares.parts_stock.value_or(std::max<long long>(
      1,
      checked_int<long long>(std::ceil(kDefaultPartsFraction * gpus), "the default parts stock")));
  if (!spares.parts_stock && !spares.unlimited_parts) {
    notes.push_back(
        fmt::format("{}: {} parts in stock (default: 1% of the GPUs)", site, input.parts.stock));
  }
  input.parts.restock_lead_h = spares.restock_lead_time.in(u::h);
}

// One site with jobs: its fleet, rates, hot spares, jobs, crews and parts.
void plan_site(ReliabilityPlan& plan, std::size_t scenario_index, const design::SiteDesign& design,
               const model::RackSystem& rack, const model::ReliabilitySettings& settings,
               const std::vector<model::ReliabilityJob>& jobs) {
  PlannedSite site;
  site.name = design.name;
  site.scenario_index = scenario_index;
  site.design_racks = design.racks;
  SiteRunInput& input = site.input;
  input.fleet = fleet_from_design(design, rack);
  input.rates = default_component_rates(input.fleet.hbm_stacks_per_gpu);
  apply_overrides(input.rates, settings.rates);
  input.horizon_h = plan.horizon_h;
  input.site_stream = scenario_index;
  const long long reserved = reserved_spare_units(settings.spares, input, design.name, plan.notes);
  const SiteJobs here = site_jobs(jobs, input.fleet, design.name);
  const long long units = input.fleet.units();
  const long long left = units - reserved - here.fixed_units;
  if (left < here.all_jobs || left < 0) {
    const model::ReliabilityJob& job = jobs[here.indices.front()];
    input_error(job.where, job.path,
                fmt::format("the jobs at site \"{}\" need {} units of {} GPUs plus {} hot spare "
                            "units, the site has {} units ({} racks)",
                            design.name, here.fixed_units + here.all_jobs,
                            input.fleet.gpus_per_unit(), reserved, units, design.racks),
                "lower the jobs' `gpus` or `spares.hot_spare_racks`");
  }
  plan_site_jobs(plan, site, jobs, here, left);
  site.reserved_spare_units = static_cast<int>(reserved);
  // Only the declared pool is swapped in; units the jobs leave beyond it stay idle.
  input.spare_units = reserved;
  plan_crews_and_parts(input, settings, design.name, plan.notes);
  plan.sites.push_back(std::move(site));
}

}  // namespace

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
  const std::vector<model::ReliabilityJob> jobs =
      jobs_to_run(settings, sites.front().name, plan.notes);
  for (std::size_t index = 0; index < sites.size(); ++index) {
    const design::SiteDesign& design = sites[index];
    const bool has_jobs = std::any_of(jobs.begin(), jobs.end(),
                                      [&](const auto& job) { return job.site == design.name; });
    if (!has_jobs) continue;
    const auto* rack = catalog.find_as<model::RackSystem>(design.rack_system);
    if (!rack) {
      throw Error(fmt::format("reliability: no rack system {} in the catalog", design.rack_system));
    }
    plan_site(plan, index, design, *rack, settings, jobs);
  }
  return plan;
}

namespace {

// A job's sums over the runs [h], and its samples per run.
struct JobTotals {
  double exposure = 0, interruptions = 0, wall = 0, useful = 0, checkpoint = 0, lost = 0,
         restart = 0, waiting = 0;
  TypeCounts causes{};
  std::vector<double> per_day, availability, goodput, gpu_hours, swap_ins;
  std::vector<std::optional<double>> done_days;
};

JobTotals job_totals(const JobPlan& job, std::size_t slot, const std::vector<SiteRunResult>& runs) {
  JobTotals totals;
  for (const SiteRunResult& run : runs) {
    const JobRunResult& result = run.jobs[slot];
    const double days = result.wall_h / 24.0;
    totals.per_day.push_back(days > 0 ? static_cast<double>(result.interruptions) / days : 0.0);
    const double running = result.useful_h + result.checkpoint_h + result.lost_h;
    totals.availability.push_back(result.wall_h > 0 ? running / result.wall_h : 0.0);
    totals.goodput.push_back(result.wall_h > 0 ? result.useful_h / result.wall_h : 0.0);
    totals.gpu_hours.push_back(result.useful_h * static_cast<double>(job.gpus));
    totals.swap_ins.push_back(static_cast<double>(result.swap_ins));
    if (job.work_h) {
      totals.done_days.push_back(result.done_h ? std::optional<double>(*result.done_h / 24.0)
                                               : std::nullopt);
    }
    totals.exposure += result.exposure_h;
    totals.interruptions += static_cast<double>(result.interruptions);
    totals.wall += result.wall_h;
    totals.useful += result.useful_h;
    totals.checkpoint += result.checkpoint_h;
    totals.lost += result.lost_h;
    totals.restart += result.restart_h;
    totals.waiting += result.waiting_h;
    for (std::size_t c = 0; c < totals.causes.size(); ++c) {
      totals.causes[c] += result.interruptions_by_cause[c];
    }
  }
  return totals;
}

// Shares of the wall time, and the interruptions per cause (most frequent first).
void summarize_wall_time(JobSummary& summary, const JobTotals& totals) {
  if (!(totals.wall > 0)) return;
  summary.useful_share = totals.useful / totals.wall;
  summary.checkpoint_share = totals.checkpoint / totals.wall;
  summary.lost_share = totals.lost / totals.wall;
  summary.restart_share = totals.restart / totals.wall;
  summary.waiting_share = totals.waiting / totals.wall;
  for (std::size_t c = 0; c < totals.causes.size(); ++c) {
    if (totals.causes[c] == 0) continue;
    CauseRate rate;
    rate.cause = model::to_string(static_cast<ComponentType>(c));
    rate.interruptions_per_day = static_cast<double>(totals.causes[c]) / (totals.wall / 24.0);
    rate.share = static_cast<double>(totals.causes[c]) / totals.interruptions;
    summary.causes.push_back(rate);
  }
  std::stable_sort(summary.causes.begin(), summary.causes.end(), [](const auto& a, const auto& b) {
    return a.interruptions_per_day > b.interruptions_per_day;
  });
}

JobSummary summarize_job(const PlannedJob& planned, const PlannedSite& site,
                         const std::vector<SiteRunResult>& runs) {
  const JobPlan& job = site.input.jobs[planned.slot];
  JobSummary summary;
  summary.name = job.name;
  summary.site = site.name;
  summary.gpus = job.gpus;
  summary.units = job.units;
  summary.checkpoint_interval_h = job.interval_h;
  summary.interval_rule = planned.optimal_interval ? "optimal (Daly, simulated MTBF)" : "given";
  summary.pilot_mtbf_h = planned.pilot_mtbf_h;
  summary.checkpoint_write_h = job.checkpoint_h;
  summary.restart_h = job.restart_h;
  if (runs.empty()) return summary;
  const JobTotals totals = job_totals(job, planned.slot, runs);
  summary.interruptions_per_day = analysis::summarize(totals.per_day);
  summary.availability = analysis::summarize(totals.availability);
  summary.goodput = analysis::summarize(totals.goodput);
  summary.effective_gpu_hours = analysis::summarize(totals.gpu_hours);
  summary.swap_ins = analysis::summarize(totals.swap_ins);
  if (totals.interruptions > 0) summary.mtbf_h = totals.exposure / totals.interruptions;
  summarize_wall_time(summary, totals);
  if (summary.mtbf_h) {
    summary.daly_goodput =
        daly_goodput(job.interval_h, job.checkpoint_h, job.restart_h, *summary.mtbf_h);
  }
  if (job.work_h) summary.completion_days = analysis::summarize_milestone(totals.done_days);
  return summary;
}

}  // namespace

std::vector<JobSummary> summarize_jobs(const ReliabilityPlan& plan, const PlannedSite& site,
                                       const std::vector<SiteRunResult>& runs) {
  std::vector<JobSummary> out;
  for (const PlannedJob& planned : plan.jobs) {
    if (plan.sites[planned.site].name == site.name) {
      out.push_back(summarize_job(planned, site, runs));
    }
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
  s.spare_units = static_cast<int>(in.spare_units.value_or(s.units - s.units_in_jobs));
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

// The searches of size_site: goodput of the site's jobs with the job racks plus some spare
// racks, some technicians (0: unlimited) and optionally unlimited parts.
class SizingSearch {
 public:
  SizingSearch(const PlannedSite& site, double target, std::uint64_t seed, int runs, int threads)
      : base_(site.input), target_(target), seed_(seed), runs_(runs), threads_(threads) {
    units_per_rack_ = base_.fleet.units_per_rack();
    for (const JobPlan& job : base_.jobs) job_units_ += job.units;
    job_racks_ = static_cast<int>(ceil_div(job_units_, units_per_rack_));
  }

  double goodput(int spare_racks, int technicians, bool unlimited_parts) const {
    SiteRunInput input = base_;
    // The fleet is cut to the job racks and the spare racks: every unit outside the jobs spares.
    resize_fleet(input.fleet, job_racks_ + spare_racks);
    input.spare_units.reset();
    input.crews.unlimited = technicians == 0;
    if (technicians > 0) input.crews.technicians = technicians;
    if (unlimited_parts) input.parts.unlimited = true;
    return lowest_goodput(input, seed_, runs_, threads_);
  }
  bool reaches(int spare_racks, int technicians) const {
    return goodput(spare_racks, technicians, false) >= target_;
  }

  // The fewest spare racks in [0, ample] that reach the target with `technicians`, given that
  // `ample` does: bisection on goodput(lo) < target <= goodput(hi).
  int fewest_spare_racks(int ample, int technicians) const {
    int lo = 0, hi = ample;
    if (reaches(0, technicians)) hi = 0;
    while (hi - lo > 1) {
      const int mid = lo + (hi - lo) / 2;
      (reaches(mid, technicians) ? hi : lo) = mid;
    }
    return hi;
  }

  // The fewest technicians (>= 1) that reach the target with `spare_racks`, given that
  // unlimited crews do: doubling from `given`, then bisection.
  int fewest_technicians(int spare_racks, int given) const {
    // assumption: 100,000 technicians per shift is past any site; the doubling stops there.
    int hi = given;
    while (hi < 100'000 && !reaches(spare_racks, hi)) hi *= 2;
    int lo = 0;
    while (hi - lo > 1) {
      const int mid = lo + (hi - lo) / 2;
      (reaches(spare_racks, mid) ? hi : lo) = mid;
    }
    return hi;
  }

  int job_racks() const { return job_racks_; }
  long long job_units() const { return job_units_; }
  int units_per_rack() const { return units_per_rack_; }

 private:
  const SiteRunInput& base_;
  double target_;
  std::uint64_t seed_;
  int runs_, threads_;
  int units_per_rack_ = 1;
  long long job_units_ = 0;
  int job_racks_ = 0;
};

SiteSizing size_site(const PlannedSite& site, const SiteSummary& summary, double target,
                     std::uint64_t seed, int runs, int threads) {
  SiteSizing sizing;
  sizing.site = site.name;
  sizing.target = target;
  sizing.parts_stock =
      checked_int<long long>(std::ceil(summary.max_parts_outstanding.p90), "the parts stock");
  const SiteRunInput& base = site.input;
  const SizingSearch search(site, target, seed, runs, threads);
  const int given_crews = base.crews.unlimited ? 0 : base.crews.technicians;
  // The declared spare pool in racks (with the job racks' leftover units); idle racks of the
  // site that no job uses are not spares.
  const long long declared = base.spare_units.value_or(base.fleet.units() - search.job_units());
  const int given_spares = std::max(
      0, static_cast<int>(ceil_div(search.job_units() + declared, search.units_per_rack())) -
             search.job_racks());
  // Ample spares: twice the most units ever down at once plus two, in racks. assumption: a
  // margin well past anything the main runs saw.
  const int ample = std::max(
      given_spares, static_cast<int>(ceil_div(
                        checked_int<long long>(2.0 * summary.max_units_down.max, "units down") + 2,
                        search.units_per_rack())));
  sizing.goodput_unlimited = search.goodput(ample, 0, true);
  sizing.reachable = sizing.goodput_unlimited >= target;
  if (!sizing.reachable) {
    sizing.note = fmt::format(
        "not reachable: with ample spares, crews and parts the lowest job goodput is {:.3f}; "
        "shorten checkpoint writes and restarts, or split the job",
        sizing.goodput_unlimited);
    return sizing;
  }
  // Spare racks with the crews as given.
  if (search.reaches(ample, given_crews)) {
    const int spare_racks = search.fewest_spare_racks(ample, given_crews);
    sizing.spare_racks = spare_racks;
    sizing.spare_units = static_cast<int>((search.job_racks() + spare_racks) *
                                              static_cast<long long>(search.units_per_rack()) -
                                          search.job_units());
  } else {
    sizing.note = "spares alone do not reach the target with the crews as given";
  }
  // Technicians with the spares as given.
  if (given_crews > 0) {
    if (search.reaches(given_spares, 0)) {
      sizing.technicians = search.fewest_technicians(given_spares, given_crews);
    } else {
      sizing.note += std::string(sizing.note.empty() ? "" : "; ") +
                     "technicians alone do not reach the target with the spares as given";
    }
  }
  return sizing;
}

// Pilot: the simulated MTBF of each job of the site whose interval is `optimal`, then Daly's
// optimum.
void run_pilot(ReliabilityPlan& plan, std::size_t site_index, std::uint64_t seed, int pilot_runs,
               int threads) {
  PlannedSite& site = plan.sites[site_index];
  const bool any = std::any_of(plan.jobs.begin(), plan.jobs.end(), [&](const PlannedJob& job) {
    return job.site == site_index && job.optimal_interval;
  });
  if (!any) return;
  auto pilot = analysis::run_replications(pilot_runs, threads, [&](int k) {
    return simulate_site(site.input, seed, kPilotRunBase + static_cast<std::uint64_t>(k));
  });
  for (PlannedJob& planned : plan.jobs) {
    if (planned.site != site_index || !planned.optimal_interval) continue;
    double exposure = 0.0, interruptions = 0.0;
    for (const SiteRunResult& run : pilot) {
      exposure += run.jobs[planned.slot].exposure_h;
      interruptions += static_cast<double>(run.jobs[planned.slot].interruptions);
    }
    JobPlan& job = site.input.jobs[planned.slot];
    const double mtbf = interruptions > 0 ? exposure / interruptions : std::max(exposure, 1.0);
    planned.pilot_mtbf_h = mtbf;
    job.interval_h = optimal_interval(job.checkpoint_h, mtbf);
  }
}

// The job summaries in settings order.
std::vector<JobSummary> in_settings_order(const ReliabilityPlan& plan,
                                          const std::vector<JobSummary>& jobs) {
  std::vector<JobSummary> ordered;
  for (const PlannedJob& planned : plan.jobs) {
    for (const JobSummary& job : jobs) {
      if (job.name == planned.spec.name && job.site == plan.sites[planned.site].name) {
        ordered.push_back(job);
      }
    }
  }
  return ordered;
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

  const int pilot_runs = std::max(1, std::min(options.pilot_runs, runs));
  for (std::size_t site = 0; site < plan.sites.size(); ++site) {
    run_pilot(plan, site, seed, pilot_runs, options.threads);
  }

  // Main runs: every site in each run.
  analysis::ReplicationOptions replication;
  replication.runs = runs;
  replication.threads = options.threads;
  replication.progress = options.progress;
  auto all = analysis::run_replications(replication, [&](int run) {
    std::vector<SiteRunResult> per_site;
    per_site.reserve(plan.sites.size());
    for (const PlannedSite& site : plan.sites) {
      per_site.push_back(simulate_site(site.input, seed, static_cast<std::uint64_t>(run)));
    }
    return per_site;
  });

  std::vector<JobSummary> jobs;
  for (std::size_t index = 0; index < plan.sites.size(); ++index) {
    std::vector<SiteRunResult> per_site;
    per_site.reserve(all.size());
    for (auto& run : all) per_site.push_back(std::move(run[index]));
    for (JobSummary& job : summarize_jobs(plan, plan.sites[index], per_site)) {
      jobs.push_back(std::move(job));
    }
    SiteSummary site = summarize_site(plan.sites[index], per_site);
    if (plan.goodput_target && options.size_for_target) {
      const int sizing_runs = std::max(1, std::min(options.sizing_runs, runs));
      result.sizing.push_back(size_site(plan.sites[index], site, *plan.goodput_target, seed,
                                        sizing_runs, options.threads));
    }
    result.sites.push_back(std::move(site));
  }
  result.jobs = in_settings_order(plan, jobs);
  return result;
}

}  // namespace rackscale::sim
