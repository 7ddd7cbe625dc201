#include "rackscale/report/scenario_summary.hpp"

#include <fmt/format.h>

#include "rackscale/report/table.hpp"

namespace rackscale::report {

namespace u = rackscale::units;

std::string scenario_summary(const io::LoadedScenario& loaded) {
  const auto& s = loaded.scenario;
  const auto& cat = loaded.catalog;
  std::string out;
  Date end = s.start.plus_days(static_cast<int>(s.horizon.in(u::day)));
  out += fmt::format("scenario {}: {} to {} ({:g} weeks), seed {}, {} runs\n", s.name,
                     s.start.to_string(), end.to_string(), s.horizon.in(u::week), s.simulation.seed,
                     s.simulation.runs);

  Table factories({"factory", "state", "products", "ramp (racks/week from date)"});
  for (const auto& f : s.factories) {
    std::string ramp;
    for (const auto& p : f.ramp) {
      ramp += fmt::format("{}{:g} from {}", ramp.empty() ? "" : ", ", p.rate.in(u::per_week),
                          p.date.to_string());
    }
    std::string products;
    for (const auto& p : f.products) products += (products.empty() ? "" : ", ") + p;
    factories.add({f.name, f.location.state, products, ramp});
  }
  out += "\n" + factories.render();

  Table sites({"site", "state", "rack system", "racks", "GPUs", "IT MW (design)", "grid schedule"});
  sites.align_right({3, 4, 5});
  long long total_racks = 0, total_gpus = 0;
  double total_mw = 0.0;
  for (const auto& site : s.sites) {
    const auto* rack = cat.find_as<model::RackSystem>(site.rack_system);
    if (!rack) continue;
    int racks = site.target.racks_for(*rack);
    long long gpus = static_cast<long long>(racks) * rack->gpus_per_rack();
    double mw = racks * rack->power.it_design().in(u::MW);
    total_racks += racks;
    total_gpus += gpus;
    total_mw += mw;
    std::string grid;
    for (const auto& g : site.grid) {
      grid += fmt::format("{}{:g} MW from {}", grid.empty() ? "" : ", ", g.capacity.in(u::MW),
                          g.date.to_string());
    }
    sites.add({site.name, site.location.state, site.rack_system, group_thousands(racks),
               group_thousands(gpus), fmt::format("{:.1f}", mw), grid});
  }
  sites.add({"total", "", "", group_thousands(total_racks), group_thousands(total_gpus),
             fmt::format("{:.1f}", total_mw), ""});
  out += "\n" + sites.render();
  return out;
}

}  // namespace rackscale::report
