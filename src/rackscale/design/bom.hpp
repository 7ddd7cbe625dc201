#pragma once
//! The bill of materials of a site: every counted item with its catalog entry, price and lead
//! time where the catalog has them.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/units.hpp"
#include "rackscale/model/catalog.hpp"

namespace rackscale::design {

//! One line of the bill of materials.
struct BomLine {
  std::string category;  //!< it | network | electrical | mechanical
  std::string item;      //!< catalog entry (or a described item)
  std::string kind;      //!< catalog kind, or "" for items not in the catalog
  long long count = 0;
  std::optional<units::Money> unit_price;
  std::optional<units::Duration> lead_time;
  std::string note;  //!< e.g. "network: scale_out leaf"
  //! count x unit price when the price is known.
  std::optional<units::Money> extended() const;
};

//! A bill of materials.
struct Bom {
  std::vector<BomLine> lines;
  //! Adds a line priced from the catalog entry `item` (if it is one); merges with an existing
  //! line of the same category, item and note.
  void add(const model::Catalog& catalog, std::string category, std::string item, long long count,
           std::string note = {});
  //! Sum of the known extended prices.
  units::Money priced_total() const;
  //! Lines without a price.
  int unpriced_lines() const;
};

}  // namespace rackscale::design
