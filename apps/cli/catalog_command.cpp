// rackscale catalog list [--kind K] | show NAME: browse the equipment catalog.

#include <fmt/format.h>

#include <iostream>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/report/catalog_report.hpp"

namespace rackscale::cli {
namespace {

struct CatalogOptions {
  std::vector<std::string> extra;
  std::string kind;
  std::string name;
  bool json = false;
  io::InputLimits limits;
};

}  // namespace

Runner add_catalog_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("catalog", "Browse the equipment catalog");
  cmd->require_subcommand(1);
  auto opt = std::make_shared<CatalogOptions>();
  cmd->add_option("--catalog", opt->extra, "Extra catalog YAML files to load")
      ->check(CLI::ExistingFile);
  add_input_size_option(*cmd, opt->limits);
  auto* list = cmd->add_subcommand("list", "List catalog entries");
  list->add_option("--kind", opt->kind, "Only entries of this kind")
      ->check(CLI::IsMember(model::entry_kinds()));
  list->add_flag("--json", opt->json, "Print JSON");
  auto* show = cmd->add_subcommand("show", "Show every figure of one entry, with its sources");
  show->add_option("name", opt->name, "Entry name")->required();
  show->add_flag("--json", opt->json, "Print JSON");

  return [opt, list](const std::vector<std::string>&) {
    model::Catalog catalog = io::load_catalog(opt->extra, opt->limits);
    if (list->parsed()) {
      std::cout << (opt->json ? report::entries_to_json(catalog, opt->kind).dump(2) + "\n"
                              : report::catalog_table(catalog, opt->kind));
      return kOk;
    }
    // Otherwise `show` was parsed (the command requires one of the two).
    const model::CatalogEntry* e = catalog.find(opt->name);
    if (!e) {
      std::vector<std::string> names;
      for (const auto& [n, entry] : catalog.entries()) names.push_back(n);
      Diagnostics diag;
      diag.error(SourceLocation{"<command line>", 0, 0}, "catalog show",
                 fmt::format("no catalog entry named \"{}\"", opt->name),
                 suggest(opt->name, names));
      diag.throw_if_any();
    }
    std::cout << (opt->json ? report::entry_to_json(*e).dump(2) + "\n" : report::entry_text(*e));
    return kOk;
  };
}

}  // namespace rackscale::cli
