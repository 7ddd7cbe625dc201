#include "rackscale/analysis/comparison.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rackscale::analysis {

namespace {

// The milestones in the table (the shifts list every milestone of the file).
constexpr std::array<std::pair<const char*, const char*>, 2> kTableMilestones = {
    {{"half_target", "50% of target"}, {"full_target", "100% of target"}}};

// The entry named `name` of `list`, or null.
template <class T>
const T* find_named(const std::vector<T>& list, const std::string& name) {
  const auto at =
      std::find_if(list.begin(), list.end(), [&](const T& x) { return x.name == name; });
  return at == list.end() ? nullptr : &*at;
}

// The names of `a`'s entries in order, then those only `b` has.
template <class T>
std::vector<std::string> union_of_names(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<std::string> names;
  for (const auto& x : a) names.push_back(x.name);
  for (const auto& x : b) {
    if (!find_named(a, x.name)) names.push_back(x.name);
  }
  return names;
}

FigureValue number_value(std::optional<double> number) {
  return {number, {}};
}

// The comparison under construction: the two plans and the rows so far.
struct Builder {
  const PlanFigures& a;
  const PlanFigures& b;
  Comparison out;

  // Adds a row whose value in each plan is `value(plan's entry)`, or none if it lacks the entry.
  template <class T, class F>
  void add(const std::string& scope, const T* in_a, const T* in_b, ComparedFigure row, F value) {
    row.scope = scope;
    if (in_a) row.a = value(*in_a);
    if (in_b) row.b = value(*in_b);
    out.figures.push_back(std::move(row));
  }
};

ComparedFigure row(std::string key, std::string label, std::string unit, int decimals,
                   FigureKind kind = FigureKind::number) {
  ComparedFigure f;
  f.key = std::move(key);
  f.label = std::move(label);
  f.unit = std::move(unit);
  f.decimals = decimals;
  f.kind = kind;
  return f;
}

// The figures every site and the fleet have.
void add_site_quantities(Builder& c, const std::string& scope, const SiteFigures* a,
                         const SiteFigures* b) {
  c.add(scope, a, b, row("gpu_weeks_p50", "GPU-weeks online (sum of weekly P50)", "GPU-weeks", 0),
        [](const SiteFigures& s) { return number_value(s.gpu_weeks_p50()); });
  c.add(scope, a, b, row("capex_musd", "capex", "MUSD", 0),
        [](const SiteFigures& s) { return number_value(s.capex_musd); });
  c.add(scope, a, b, row("pue", "PUE (design year)", "", 3),
        [](const SiteFigures& s) { return number_value(s.pue()); });
  c.add(scope, a, b,
        row("waiting_rack_weeks", "racks waiting (delivered, not online)", "rack-weeks", 0),
        [](const SiteFigures& s) { return number_value(s.waiting_rack_weeks); });
  c.add(scope, a, b, row("carrying_cost_musd", "carrying cost of waiting racks", "MUSD", 1),
        [](const SiteFigures& s) { return number_value(s.carrying_cost_usd / 1e6); });
}

const MilestoneFigures* find_milestone(const SiteFigures* site, const std::string& name) {
  return site ? find_named(site->milestones, name) : nullptr;
}

void add_site_milestones(Builder& c, const std::string& scope, const SiteFigures* a,
                         const SiteFigures* b) {
  for (const auto& [name, words] : kTableMilestones) {
    for (std::size_t q = 0; q < 3; ++q) {
      const std::string quantile = kQuantileNames[q];
      std::string key = fmt::format("{}_{}_day", name, quantile);
      std::transform(key.begin(), key.end(), key.begin(),
                     [](char ch) { return static_cast<char>(std::tolower(ch)); });
      c.add(scope, find_milestone(a, name), find_milestone(b, name),
            row(key, fmt::format("{} {}", words, quantile), "days", 0, FigureKind::date),
            [q](const MilestoneFigures& m) {
              return FigureValue{m.day[q], m.date[q]};
            });
    }
  }
}

void add_sites(Builder& c) {
  add_site_quantities(c, "fleet", &c.a.fleet, &c.b.fleet);
  for (const std::string& name : union_of_names(c.a.sites, c.b.sites)) {
    const SiteFigures* a = find_named(c.a.sites, name);
    const SiteFigures* b = find_named(c.b.sites, name);
    add_site_milestones(c, name, a, b);
    add_site_quantities(c, name, a, b);
    c.add(name, a, b, row("main_bottleneck", "main bottleneck", "", 0, FigureKind::name),
          [](const SiteFigures& s) {
            return FigureValue{std::nullopt, s.main_bottleneck.empty() ? "-" : s.main_bottleneck};
          });
  }
}

void add_contracts(Builder& c) {
  for (const std::string& name : union_of_names(c.a.contracts, c.b.contracts)) {
    const ContractFigures* a = find_named(c.a.contracts, name);
    const ContractFigures* b = find_named(c.b.contracts, name);
    const std::string scope = "contract " + name;
    c.add(scope, a, b, row("option_racks_p50", "option racks exercised P50", "racks", 0),
          [](const ContractFigures& x) { return number_value(x.option_racks_p50); });
    c.add(scope, a, b, row("spend_musd_p50", "spend P50", "MUSD", 1), [](const ContractFigures& x) {
      return number_value(x.spend_usd_p50 ? std::optional(*x.spend_usd_p50 / 1e6) : std::nullopt);
    });
    c.add(scope, a, b, row("on_time_share", "runs with firm orders on time", "", 3),
          [](const ContractFigures& x) { return number_value(x.on_time_share); });
  }
}

void add_jobs(Builder& c) {
  for (const std::string& name : union_of_names(c.a.jobs, c.b.jobs)) {
    c.add("job " + name, find_named(c.a.jobs, name), find_named(c.b.jobs, name),
          row("goodput_p50", "goodput P50", "", 3),
          [](const JobFigures& x) { return number_value(x.goodput_p50); });
  }
}

std::optional<double> shift(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

void add_shifts(Builder& c) {
  for (const SiteFigures& site_a : c.a.sites) {
    const SiteFigures* site_b = find_named(c.b.sites, site_a.name);
    if (!site_b) continue;
    for (const MilestoneFigures& m_a : site_a.milestones) {
      const MilestoneFigures* m_b = find_named(site_b->milestones, m_a.name);
      if (!m_b) continue;
      MilestoneShift s{site_a.name, m_a.name, {}, m_a.date, m_b->date};
      for (std::size_t q = 0; q < 3; ++q) s.days[q] = shift(m_a.day[q], m_b->day[q]);
      c.out.shifts.push_back(std::move(s));
    }
  }
}

void add_capacity(Builder& c) {
  if (c.a.week_ends != c.b.week_ends) return;
  c.out.week_ends = c.a.week_ends;
  c.out.capacity.push_back({"fleet", c.a.fleet.gpus_online, c.b.fleet.gpus_online});
  for (const SiteFigures& site_a : c.a.sites) {
    if (const SiteFigures* site_b = find_named(c.b.sites, site_a.name)) {
      c.out.capacity.push_back({site_a.name, site_a.gpus_online, site_b->gpus_online});
    }
  }
}

void add_notes(Builder& c) {
  const auto note = [&](std::string text) { c.out.notes.push_back(std::move(text)); };
  if (c.a.stamp.seed != c.b.stamp.seed) {
    note(fmt::format("seeds differ (A {}, B {}): part of each difference is sampling noise",
                     c.a.stamp.seed, c.b.stamp.seed));
  }
  if (c.a.runs != c.b.runs) note(fmt::format("runs differ: A {}, B {}", c.a.runs, c.b.runs));
  if (c.a.week_ends != c.b.week_ends) {
    note(
        fmt::format("the timelines cover different weeks (A {}, B {}): GPU-weeks are over "
                    "different horizons and there is no overlay chart",
                    c.a.week_ends.size(), c.b.week_ends.size()));
  }
  for (const SiteFigures& s : c.a.sites) {
    if (!find_named(c.b.sites, s.name)) note(fmt::format("site {} is only in A", s.name));
  }
  for (const SiteFigures& s : c.b.sites) {
    if (!find_named(c.a.sites, s.name)) note(fmt::format("site {} is only in B", s.name));
  }
  if (c.a.stamp.input_hash == c.b.stamp.input_hash && c.a.stamp.seed == c.b.stamp.seed &&
      c.a.runs == c.b.runs) {
    note("A and B have the same inputs, seed and runs");
  }
}

}  // namespace

std::optional<double> ComparedFigure::difference() const {
  if (kind == FigureKind::name || !a.number || !b.number) return std::nullopt;
  return *b.number - *a.number;
}

bool ComparedFigure::changed() const {
  const std::optional<double> d = difference();
  return d ? *d != 0.0 : a.text != b.text || a.number.has_value() != b.number.has_value();
}

Comparison compare_plans(const PlanFigures& a, const PlanFigures& b) {
  Builder c{a, b, {}};
  c.out.a = {a.origin, a.stamp, a.runs};
  c.out.b = {b.origin, b.stamp, b.runs};
  add_sites(c);
  add_contracts(c);
  add_jobs(c);
  add_shifts(c);
  add_capacity(c);
  add_notes(c);
  return std::move(c.out);
}

}  // namespace rackscale::analysis
