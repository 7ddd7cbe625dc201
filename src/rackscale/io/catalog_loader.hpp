#pragma once
//! Loads catalog YAML files into a model::Catalog, validating every entry strictly.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/input_limits.hpp"
#include "rackscale/model/catalog.hpp"

namespace rackscale::io {

//! Where the built-in catalog was looked for and where it was found.
struct CatalogDirSearch {
  std::optional<std::string> found;   //!< the catalog folder, if any
  std::vector<std::string> searched;  //!< every place looked at, in search order
};

//! Finds the built-in catalog folder, in this order:
//! 1. `env_value` ($RACKSCALE_CATALOG_DIR) when set and not empty, taken as is;
//! 2. `<exe_dir>/../share/rackscale/catalog`: an installed program (PREFIX/bin/rackscale) or a
//!    program in a folder of the build tree (build/release/tests/rackscale_tests);
//! 3. `<exe_dir>/share/rackscale/catalog`: a program at the top of the build tree
//!    (build/release/rackscale), where the build stages the catalog.
//! Folders 2 and 3 count only if they exist. An empty `exe_dir` skips them.
CatalogDirSearch find_catalog_dir(const char* env_value, const std::filesystem::path& exe_dir);

//! Finds a built-in data folder `folder` (catalog, datasets) as find_catalog_dir does, with the
//! variable `env_name` (value `env_value`) and share/rackscale/`folder`.
CatalogDirSearch find_share_dir(const std::string& env_name, const char* env_value,
                                const std::filesystem::path& exe_dir, const std::string& folder);

//! The built-in datasets folder (datasets/interconnection.yaml, ...): $RACKSCALE_DATASET_DIR, or
//! share/rackscale/datasets beside the program, searched as find_catalog_dir does.
CatalogDirSearch find_dataset_dir();

//! The folder of the running program (from /proc/self/exe); empty if it cannot be read.
std::filesystem::path executable_dir();

//! The built-in catalog folder of the running program: find_catalog_dir with
//! $RACKSCALE_CATALOG_DIR and executable_dir(). Throws rackscale::Error naming every place
//! searched when there is none.
std::string builtin_catalog_dir();
//! A path as users should see it: relative to the working directory when it lies inside it,
//! otherwise absolute; normalized either way.
std::string display_path(const std::filesystem::path& p);
//! The *.yaml files of a folder, sorted by name, as display paths.
std::vector<std::string> yaml_files_in(const std::string& dir);

//! Reads one catalog file into `catalog`, recording every problem in `diag`; the file must stay
//! within `limits` (size, YAML nesting and aliases).
void read_catalog_file(const std::string& path, model::Catalog& catalog, Diagnostics& diag,
                       const InputLimits& limits = {});

//! Loads the built-in catalog plus `extra_files`; throws InputError listing every problem.
model::Catalog load_catalog(const std::vector<std::string>& extra_files = {},
                            const InputLimits& limits = {});

}  // namespace rackscale::io
