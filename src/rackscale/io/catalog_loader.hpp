#pragma once
//! Loads catalog YAML files into a model::Catalog, validating every entry strictly.

#include <filesystem>
#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/model/catalog.hpp"

namespace rackscale::io {

//! The built-in catalog folder: $RACKSCALE_CATALOG_DIR if set, else the source tree's catalog/.
std::string builtin_catalog_dir();
//! A path as users should see it: relative to the working directory when it lies inside it,
//! otherwise absolute; normalized either way.
std::string display_path(const std::filesystem::path& p);
//! The *.yaml files of a folder, sorted by name, as display paths.
std::vector<std::string> yaml_files_in(const std::string& dir);

//! Reads one catalog file into `catalog`, recording every problem in `diag`.
void read_catalog_file(const std::string& path, model::Catalog& catalog, Diagnostics& diag);

//! Loads the built-in catalog plus `extra_files`; throws InputError listing every problem.
model::Catalog load_catalog(const std::vector<std::string>& extra_files = {});

}  // namespace rackscale::io
