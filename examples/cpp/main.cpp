// Loads a scenario through the library's entry point, rackscale::Study, with optional overrides
// (the command line's --set PATH=VALUE), designs its sites and prints each site's racks, GPUs
// and capex.
//
//   design_sites SCENARIO.yaml [PATH=VALUE ...]
//   design_sites examples/flagship.yaml 'sites[abilene-tx].target={racks: 2000}'
//
// The built-in catalog is found beside the installed program, or where RACKSCALE_CATALOG_DIR
// points (PREFIX/share/rackscale/catalog for a program outside PREFIX/bin).

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/study/study.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: design_sites SCENARIO.yaml [PATH=VALUE ...]\n";
    return 2;
  }
  try {
    const std::vector<std::string> overrides(argv + 2, argv + argc);
    const rackscale::Study study = rackscale::Study::from_file(argv[1], overrides);
    const rackscale::DesignResult design = study.design();
    fmt::print("{:<16} {:>8} {:>10} {:>12}\n", "site", "racks", "GPUs", "capex [MUSD]");
    for (const auto& site : design.sites) {
      fmt::print("{:<16} {:>8} {:>10} {:>12.1f}\n", site.name, site.racks, site.gpus,
                 site.cost.capex_total.in(rackscale::units::MUSD));
    }
  } catch (const rackscale::InputError& e) {
    std::cerr << e.what();  // every problem, with file, line, column, key path and a hint
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "design_sites: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
