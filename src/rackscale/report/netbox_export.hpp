#pragma once
//! The design as CSV files in the bulk-import format of NetBox 4 (its import forms,
//! netbox/dcim/forms/bulk_import.py; docs/report.md, "Exports"): manufacturers, device roles,
//! sites, locations (halls), racks, device types, devices (rack-system nodes and every switch),
//! interfaces, cables (the back-end fabric, link by link), power panels (one per hall) and power
//! feeds (one per rack). Import them in that order: each names only objects of earlier files.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "rackscale/design/site.hpp"
#include "rackscale/model/catalog.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::report {

//! The files in import order: (file name, CSV text). The back-end graph is materialized per site;
//! std::invalid_argument naming `--max-elements` when a site's graph has more vertices and links
//! than `max_elements`.
std::vector<std::pair<std::string, std::string>> netbox_files(
    const std::vector<design::SiteDesign>& sites, const model::Scenario& scenario,
    const model::Catalog& catalog, std::int64_t max_elements);

}  // namespace rackscale::report
