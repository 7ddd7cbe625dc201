// Loads a scenario, designs its sites and prints each site's racks, GPUs and capex.
//
//   design_sites SCENARIO.yaml
//
// The built-in catalog is found beside the installed program, or where RACKSCALE_CATALOG_DIR
// points (PREFIX/share/rackscale/catalog for a program outside PREFIX/bin).

#include <exception>
#include <iostream>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/design/site.hpp"
#include "rackscale/io/scenario_loader.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: design_sites SCENARIO.yaml\n";
    return 2;
  }
  try {
    auto loaded = rackscale::io::load_scenario(argv[1]);
    auto sites = rackscale::design::design_sites(loaded.scenario, loaded.catalog);
    fmt::print("{:<16} {:>8} {:>10} {:>12}\n", "site", "racks", "GPUs", "capex [MUSD]");
    for (const auto& site : sites) {
      fmt::print("{:<16} {:>8} {:>10} {:>12.1f}\n", site.name, site.racks, site.gpus,
                 site.cost.capex_total.in(rackscale::units::MUSD));
    }
  } catch (const rackscale::InputError& e) {
    std::cerr << e.what();
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "design_sites: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
