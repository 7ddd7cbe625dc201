// rackscale validate FILE...: check scenarios, print every error or a summary of each.

#include <iostream>

#include "commands.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/report/scenario_summary.hpp"

namespace rackscale::cli {

Runner add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files; print every error found");
  auto files = std::make_shared<std::vector<std::string>>();
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("files", *files, "Scenario YAML files")->check(CLI::ExistingFile);
  cmd->add_flag("-q,--quiet", *quiet, "Print only errors");
  return [files, quiet](const std::vector<std::string>&) {
    if (files->empty()) {
      std::cerr << "rackscale validate: give at least one scenario file, e.g. `rackscale validate "
                   "examples/flagship.yaml`\n";
      return static_cast<int>(kInputError);
    }
    int code = kOk;
    for (const auto& f : *files) {
      Diagnostics diag;
      auto loaded = io::read_scenario(f, diag);
      if (!diag.empty()) {
        std::cerr << diag.render();
        code = kInputError;
        continue;
      }
      if (!*quiet) {
        std::cout << f << ": valid\n" << report::scenario_summary(loaded);
        if (&f != &files->back()) std::cout << "\n";
      }
    }
    return code;
  };
}

}  // namespace rackscale::cli
