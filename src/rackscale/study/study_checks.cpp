#include "rackscale/study/study_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rackscale/analysis/montecarlo.hpp"
#include "rackscale/analysis/reliability_study.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/design/grid_cap.hpp"
#include "rackscale/optimize/problem_builder.hpp"
#include "rackscale/report/us_map.hpp"
#include "rackscale/sim/buildout/buildout.hpp"

namespace rackscale {
namespace {

namespace u = rackscale::units;

//! How far outside a state's outline a site may stand [px of the 975 x 610 map, ~4.9 km each:
//! the Earth's radius over the projection's scale of 1300]. assumption: the outlines are
//! simplified at 0.5 px and rounded to whole pixels (report/us_map_data.cpp), so a point on a
//! border may fall up to about 1.5 px outside; 3 px (~15 km) leaves a margin.
constexpr double kStateOutlineTolerancePx = 3.0;

// The rings of an SVG path of M (absolute), l (relative) and z commands, as points.
std::vector<std::vector<report::MapPoint>> rings_of(std::string_view path) {
  std::vector<std::vector<report::MapPoint>> rings;
  const char* p = path.data();
  const char* end = p + path.size();
  char command = 0;
  auto number = [&]() {
    while (p < end && (*p == ' ' || *p == ',')) ++p;
    char* next = nullptr;
    const double v = std::strtod(p, &next);
    p = next;
    return v;
  };
  while (p < end) {
    if (*p == ' ' || *p == ',') {
      ++p;
    } else if (*p == 'M' || *p == 'l' || *p == 'z') {
      command = *p++;
      if (command == 'M') rings.emplace_back();
    } else if (command == 'M') {
      const double x = number(), y = number();
      rings.back().push_back({x, y});
    } else if (command == 'l' && !rings.empty() && !rings.back().empty()) {
      const double dx = number(), dy = number();
      const report::MapPoint last = rings.back().back();
      rings.back().push_back({last.x + dx, last.y + dy});
    } else {
      ++p;
    }
  }
  return rings;
}

// Distance from `q` to the segment a-b [px].
double segment_distance(report::MapPoint q, report::MapPoint a, report::MapPoint b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double length2 = dx * dx + dy * dy;
  double t = length2 > 0.0 ? ((q.x - a.x) * dx + (q.y - a.y) * dy) / length2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(q.x - (a.x + t * dx), q.y - (a.y + t * dy));
}

// Inside the rings (even-odd rule) or within the tolerance of an edge.
bool near_or_inside(report::MapPoint q, const std::vector<std::vector<report::MapPoint>>& rings) {
  bool inside = false;
  for (const auto& ring : rings) {
    if (ring.empty()) continue;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const auto& a = ring[i];
      const auto& b = ring[j];
      if (segment_distance(q, a, b) <= kStateOutlineTolerancePx) return true;
      if ((a.y > q.y) != (b.y > q.y) && q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x) {
        inside = !inside;
      }
    }
  }
  return inside;
}

struct FabricCheck {
  io::LoadedScenario& loaded;
  Diagnostics& diag;
};

// The catalog switches made for `role`, in catalog order.
std::vector<std::string> switches_for(const model::Catalog& catalog, const std::string& role) {
  std::vector<std::string> out;
  for (const auto& name : catalog.names_of_kind("switch")) {
    const auto& roles = catalog.find_as<model::Switch>(name)->roles;
    if (std::find(roles.begin(), roles.end(), role) != roles.end()) out.push_back(name);
  }
  return out;
}

// One fabric switch: kept if named; else the only catalog switch for its role; else an error
// naming the sites whose rack system needs it.
void complete_switch(FabricCheck& s, std::string& chosen, const std::string& key,
                     const std::string& role, const std::vector<std::string>& needing_sites) {
  if (!chosen.empty() || needing_sites.empty()) return;
  const std::vector<std::string> candidates = switches_for(s.loaded.catalog, role);
  if (candidates.size() == 1) {
    chosen = candidates.front();
    return;
  }
  const std::string path = "policies.fabric." + key;
  s.diag.error(s.loaded.locations.at(path), path,
               fmt::format("required to design the {} network of site{} {}; the catalog has {} {} "
                           "switches to choose from",
                           role, needing_sites.size() == 1 ? "" : "s",
                           fmt::join(needing_sites, ", "), candidates.size(), role),
               candidates.empty()
                   ? fmt::format("add a switch with role {} to the catalog", role)
                   : fmt::format("add `{}: {}` under policies.fabric (switches for this role: {})",
                                 key, candidates.front(), fmt::join(candidates, ", ")));
}

void complete_fabric_switches(FabricCheck& s) {
  std::vector<std::string> all, frontend, oob;
  std::vector<model::Site> sites = s.loaded.scenario.sites;
  for (const auto& candidate : s.loaded.scenario.candidates) sites.push_back(candidate.site);
  for (const auto& site : sites) {
    const auto* rack = s.loaded.catalog.find_as<model::RackSystem>(site.rack_system);
    if (!rack) continue;
    all.push_back(site.name);
    if (rack->network.frontend_ports_per_node > 0) frontend.push_back(site.name);
    if (rack->network.oob_ports_per_node > 0) oob.push_back(site.name);
  }
  auto& fabric = s.loaded.scenario.policies.fabric;
  complete_switch(s, fabric.scale_out_switch, "scale_out_switch", "scale_out", all);
  complete_switch(s, fabric.frontend_switch, "frontend_switch", "frontend", frontend);
  complete_switch(s, fabric.oob_switch, "oob_switch", "oob", oob);
}

// One site's design, or the errors that keep it from being designed.
struct SiteOutcome {
  std::optional<design::SiteDesign> design;
  std::vector<Diagnostic> errors;
};

SiteOutcome design_or_errors(const model::Site& site, const io::LoadedScenario& loaded) {
  SiteOutcome outcome;
  try {
    outcome.design = design::design_site(site, loaded.scenario, loaded.catalog);
  } catch (const InputError& e) {
    outcome.errors = e.diagnostics();
  } catch (const Error& e) {
    Diagnostics diag;
    diag.error(site.where, site.path, e.what());
    outcome.errors = diag.items();
  }
  return outcome;
}

// Designs each site on `threads` threads (sites are independent), recording the errors of a site
// that cannot be designed at the site, in site order whatever the threads.
std::optional<std::vector<design::SiteDesign>> design_every_site(const io::LoadedScenario& loaded,
                                                                 Diagnostics& diag, int threads) {
  const auto& sites = loaded.scenario.sites;
  analysis::ReplicationOptions options;
  options.runs = static_cast<int>(sites.size());
  options.threads = threads;
  std::vector<SiteOutcome> outcomes = analysis::run_replications(options, [&](int site) {
    return design_or_errors(sites[static_cast<std::size_t>(site)], loaded);
  });
  std::vector<design::SiteDesign> designs;
  bool all = true;
  for (SiteOutcome& outcome : outcomes) {
    for (Diagnostic& d : outcome.errors) diag.add(std::move(d));
    if (outcome.design) designs.push_back(std::move(*outcome.design));
    all = all && outcome.design.has_value();
  }
  if (!all) return std::nullopt;
  return designs;
}

// Runs `prepare`, recording an input error's diagnostics, or another error at the file.
template <class F>
void record_errors(const io::LoadedScenario& loaded, Diagnostics& diag, F&& prepare) {
  try {
    prepare();
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) diag.add(d);
  } catch (const Error& e) {
    diag.error(SourceLocation{loaded.scenario.file, 0, 0}, "", e.what());
  }
}

// A final grid step below the site's utility demand: racks that can never come online
// (design/grid_cap.hpp, the definition the build-out uses).
void check_grid_carries_demand(const io::LoadedScenario& loaded,
                               const std::vector<design::SiteDesign>& designs, Diagnostics& diag) {
  const auto& sites = loaded.scenario.sites;
  for (std::size_t i = 0; i < sites.size() && i < designs.size(); ++i) {
    // A site with `power:` is capped by its final power (design::final_power_mw), not its last
    // grid step: not checked here.
    if (sites[i].grid.empty() || sites[i].power) continue;
    const int capped = design::grid_capped_racks(sites[i], designs[i]);
    if (capped == 0) continue;
    const u::Power demand = designs[i].power.design.total;
    const u::Power last = sites[i].grid.back().capacity;
    const std::string path =
        fmt::format("{}.grid[{}].capacity", sites[i].path, sites[i].grid.size() - 1);
    diag.warning(loaded.locations.at(path), path,
                 fmt::format("the final grid capacity {:g} MW is below the site's utility demand "
                             "at design, {:.1f} MW: the site is grid-capped, {} of its {} racks "
                             "never come online",
                             last.in(u::MW), demand.in(u::MW), capped, designs[i].racks),
                 fmt::format("raise the last grid step to at least {:.1f} MW or lower the target",
                             demand.in(u::MW)));
  }
}

// A site or factory whose location lies outside the state it names.
void check_locations(const io::LoadedScenario& loaded, Diagnostics& diag) {
  auto check = [&](const std::string& path, const model::Location& where) {
    if (where.state.empty()) return;
    const auto inside = location_in_state(where.latitude, where.longitude, where.state);
    if (!inside || *inside) return;
    diag.warning(loaded.locations.at(path + ".location"), path + ".location",
                 fmt::format("latitude {:g}, longitude {:g} is outside {} (US Census Bureau state "
                             "outlines)",
                             where.latitude, where.longitude, where.state),
                 "check the sign of the longitude (west is negative) and the state");
  };
  for (const auto& site : loaded.scenario.sites) check(site.path, site.location);
  for (const auto& factory : loaded.scenario.factories) check(factory.path, factory.location);
}

}  // namespace

std::optional<bool> location_in_state(double latitude, double longitude, const std::string& state) {
  for (const report::UsState& s : report::us_states()) {
    if (s.code != state) continue;
    const auto point = report::albers_usa(latitude, longitude);
    if (!point) return false;
    return near_or_inside(*point, rings_of(s.path));
  }
  return std::nullopt;
}

std::optional<CheckedDesigns> check_pipeline(io::LoadedScenario& loaded, Diagnostics& diag,
                                             int threads) {
  check_locations(loaded, diag);
  const std::size_t errors_before = diag.size();
  FabricCheck fabric{loaded, diag};
  complete_fabric_switches(fabric);
  if (diag.size() != errors_before) return std::nullopt;
  auto designs = design_every_site(loaded, diag, threads);
  if (!designs) return std::nullopt;
  CheckedDesigns out{std::move(*designs), {}};
  for (const auto& candidate : loaded.scenario.candidates) {
    record_errors(loaded, diag, [&] {
      out.candidates.push_back(
          optimize::design_candidate(candidate, loaded.scenario, loaded.catalog));
    });
  }
  record_errors(loaded, diag, [&] {
    sim::BuildoutModel model({&loaded.scenario, &loaded.catalog, &out.sites});
  });
  // A scenario of candidates only (`rackscale optimize`) has no fleet to study.
  if (!loaded.scenario.sites.empty()) {
    record_errors(loaded, diag, [&] {
      sim::plan_reliability(loaded.scenario, loaded.catalog, out.sites,
                            loaded.scenario.reliability);
    });
  }
  if (diag.size() != errors_before) return std::nullopt;
  check_grid_carries_demand(loaded, out.sites, diag);
  return out;
}

}  // namespace rackscale
