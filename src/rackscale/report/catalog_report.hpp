#pragma once
//! The catalog as output: entries as JSON (bare numbers carry their unit in the key name), the
//! table of `rackscale catalog list` and the figures of `rackscale catalog show`.

#include <nlohmann/json.hpp>

#include <string>

#include "rackscale/model/catalog.hpp"

namespace rackscale::report {

//! The kind-specific figures of an entry, e.g. {"design_power_kw": 136, ...}.
nlohmann::ordered_json spec_to_json(const model::EntrySpec& spec);
//! A whole entry with provenance.
nlohmann::ordered_json entry_to_json(const model::CatalogEntry& e);
//! A one-line summary of the key figures, e.g. "72 GPUs, 136 kW design, liquid".
std::string entry_summary(const model::CatalogEntry& e);

//! Every entry of `kind` (all kinds if empty) as a JSON list.
nlohmann::ordered_json entries_to_json(const model::Catalog& catalog, const std::string& kind);
//! A table of the entries of `kind` (all kinds if empty): name, kind, vendor, confidence and
//! summary, kinds in catalog order.
std::string catalog_table(const model::Catalog& catalog, const std::string& kind);
//! Every figure of an entry, one `key value` line each, under a `NAME (KIND)` line.
std::string entry_text(const model::CatalogEntry& e);

}  // namespace rackscale::report
