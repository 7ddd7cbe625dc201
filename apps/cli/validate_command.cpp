// rackscale validate FILE... [--set PATH=VALUE]... [--strict]: check scenarios as every command
// would (load, design every site, prepare the build-out and reliability study), print every
// error and warning, or a summary of each.

#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/report/scenario_summary.hpp"

namespace rackscale::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  bool quiet = false;
  bool strict = false;
  io::InputLimits limits;
};

}  // namespace

Runner add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files; print every error found");
  auto opt = std::make_shared<ValidateOptions>();
  cmd->add_option("files", opt->files, "Scenario YAML files")->check(CLI::ExistingFile);
  add_set_option(*cmd, opt->overrides);
  cmd->add_flag("-q,--quiet", opt->quiet, "Print only errors and warnings");
  add_strict_option(*cmd, opt->strict);
  add_input_size_option(*cmd, opt->limits);
  return [opt](const std::vector<std::string>&) {
    if (opt->files.empty()) {
      std::cerr << "rackscale validate: give at least one scenario file, e.g. `rackscale validate "
                   "examples/flagship.yaml`\n";
      return static_cast<int>(kInputError);
    }
    int code = kOk;
    for (const auto& f : opt->files) {
      Diagnostics diag;
      auto study = check_study(io::ScenarioSource{f, std::nullopt, opt->overrides, opt->limits},
                               opt->strict, diag);
      if (!study) {
        std::cerr << diag.render();
        code = kInputError;
        continue;
      }
      if (!opt->quiet) {
        std::cout << f << ": valid\n" << report::scenario_summary(study->loaded());
        if (&f != &opt->files.back()) std::cout << "\n";
      }
    }
    return code;
  };
}

}  // namespace rackscale::cli
