#pragma once
//! Catalog entries as JSON: bare numbers carry their unit in the key name.

#include <nlohmann/json.hpp>

#include "rackscale/model/catalog.hpp"

namespace rackscale::io {

//! The kind-specific figures of an entry, e.g. {"design_power_kw": 136, ...}.
nlohmann::ordered_json spec_to_json(const model::EntrySpec& spec);
//! A whole entry with provenance.
nlohmann::ordered_json entry_to_json(const model::CatalogEntry& e);
//! A one-line summary of the key figures, e.g. "72 GPUs, 136 kW design, liquid".
std::string entry_summary(const model::CatalogEntry& e);

}  // namespace rackscale::io
