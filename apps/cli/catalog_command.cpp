// rackscale catalog list [--kind K] | show NAME: browse the equipment catalog.

#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/io/catalog_json.hpp"
#include "rackscale/io/catalog_loader.hpp"
#include "rackscale/report/table.hpp"

namespace rackscale::cli {
namespace {

struct CatalogOptions {
  std::vector<std::string> extra;
  std::string kind;
  std::string name;
  bool json = false;
};

void print_flat(const nlohmann::ordered_json& j, const std::string& prefix, std::ostream& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) {
      print_flat(*it, key, out);
    } else if (it->is_array() && !it->empty() && !(*it)[0].is_object()) {
      for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& v = (*it)[i];
        out << fmt::format("  {:<32} {}\n", fmt::format("{}[{}]", key, i),
                           v.is_string() ? v.get<std::string>() : v.dump());
      }
    } else {
      out << fmt::format("  {:<32} {}\n", key,
                         it->is_string() ? it->get<std::string>() : it->dump());
    }
  }
}

}  // namespace

Runner add_catalog_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("catalog", "Browse the equipment catalog");
  cmd->require_subcommand(1);
  auto opt = std::make_shared<CatalogOptions>();
  cmd->add_option("--catalog", opt->extra, "Extra catalog YAML files to load")
      ->check(CLI::ExistingFile);
  auto* list = cmd->add_subcommand("list", "List catalog entries");
  list->add_option("--kind", opt->kind, "Only entries of this kind")
      ->check(CLI::IsMember(model::entry_kinds()));
  list->add_flag("--json", opt->json, "Print JSON");
  auto* show = cmd->add_subcommand("show", "Show every figure of one entry, with its sources");
  show->add_option("name", opt->name, "Entry name")->required();
  show->add_flag("--json", opt->json, "Print JSON");

  return [opt, list](const std::vector<std::string>&) {
    model::Catalog catalog = io::load_catalog(opt->extra);
    if (list->parsed()) {
      if (opt->json) {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (const auto& [name, e] : catalog.entries()) {
          if (opt->kind.empty() || e.kind == opt->kind) arr.push_back(io::entry_to_json(e));
        }
        std::cout << arr.dump(2) << "\n";
        return kOk;
      }
      report::Table t({"name", "kind", "vendor", "confidence", "summary"});
      for (const auto& kind : model::entry_kinds()) {
        if (!opt->kind.empty() && kind != opt->kind) continue;
        for (const auto& name : catalog.names_of_kind(kind)) {
          const auto& e = *catalog.find(name);
          t.add({e.name, e.kind, e.vendor, model::to_string(e.confidence), io::entry_summary(e)});
        }
      }
      std::cout << t.render();
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
    auto j = io::entry_to_json(*e);
    if (opt->json) {
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << fmt::format("{} ({})\n", e->name, e->kind);
      print_flat(j, "", std::cout);
    }
    return kOk;
  };
}

}  // namespace rackscale::cli
