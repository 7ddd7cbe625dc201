#pragma once
//! A factory's operations beyond one buyer's racks (keys of `factories[]`): early testing access
//! with a qualification, a first-pass yield that learns with volume, burn-in slots that need
//! power, the associated gear it builds, and other buyers whose orders compete for its lines.
//! Model: docs/models/factory.md.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/units.hpp"
#include "rackscale/model/duration_distribution.hpp"

namespace rackscale::model {

//! The development partner's qualification of the pre-production racks.
struct Qualification {
  double pass_probability = 1.0;  //!< chance the design qualifies first time [0..1]
  DurationDistribution duration;  //!< from the racks' delivery to the verdict
};

//! What a failed qualification sends back to the factory before volume starts.
struct DesignChange {
  units::Duration delay;   //!< volume of the product starts this much after the verdict
  double yield_hit = 0.0;  //!< first-pass yield lost at volume start (absolute) [0..1]
};

//! Pre-production racks from the test cell to the partner on a date (`early_access:`).
struct EarlyAccess {
  int racks = 0;  //!< pre-production racks delivered [racks]
  Date delivered;
  Qualification qualification;
  DesignChange design_change;
  SourceLocation where;
};

//! A first-pass yield that learns with cumulative volume (`yield_learning:`): the defect rate
//! 1 - yield falls by `rate` for every doubling of the racks started beyond `reference_racks`,
//! never below 1 - `max_yield`.
struct YieldLearning {
  double rate = 0.0;              //!< fraction of the defect rate removed per doubling [0..1)
  long long reference_racks = 1;  //!< cumulative volume at which the yield is first_pass_yield
  double max_yield = 1.0;         //!< ceiling of the learnt yield [0..1]
};

//! Burn-in racks (`burn_in_slots:`): each rack in burn-in holds a powered slot.
struct BurnInSlots {
  int slots = 0;
  units::Power power_per_slot;  //!< drawn by a slot in use [W]
};

//! Associated gear built on the factory's lines (`gear:`).
struct GearProduct {
  std::string name;
  std::string kind;  //!< power_shelf, busway, switchgear_skid, power_module, cdu, switch_tray...
  //! Line time of one unit as a share of one rack's [racks/unit]
  double line_share = 1.0;
  SourceLocation where;
};

//! A site's component taken from a factory's gear product instead of from `suppliers:`
//! (`sites[].gear_from`; docs/models/factory.md, "The partner's gear from the factory").
struct GearSource {
  std::string component;  //!< the site's component class it replaces (cdu, switchgear, ...)
  std::string factory;    //!< a factory of the scenario
  std::string gear;       //!< one of that factory's gear products
  SourceLocation where;
};

//! A point of another buyer's order rate: from `date` on.
struct OrderRatePoint {
  Date date;
  units::CountRate rate;  //!< mean units ordered a week
};

//! Another buyer of the factory (`other_buyers:`): weekly orders of one product, a mean-one
//! lognormal factor of volatility `volatility` on a stepped mean rate.
struct OtherBuyer {
  std::string name;
  std::string product;  //!< a rack system the factory builds, or one of its gear products
  std::vector<OrderRatePoint> orders;
  double volatility = 0.0;  //!< sigma of the log of a week's orders [-]
  //! Paid to the manufacturer per unit, on the day the unit starts on the lines (the manufacturer's
  //! revenue, docs/models/deal.md §6); none: 0
  units::Money unit_price;
  SourceLocation where;
};

//! Who is served first on the shared lines (`priority:`).
enum class LinePriority {
  Partner,  //!< "partner": the scenario's contracts first, others take what is left
  Others,   //!< "others": other buyers first
  Share,    //!< "share": the partner is entitled to `partner_share` of each day's capacity
};

//! The operations keys of one factory; has_any() is false when none is given.
struct FactoryOperations {
  std::optional<EarlyAccess> early_access;
  std::optional<YieldLearning> yield_learning;
  std::optional<BurnInSlots> burn_in_slots;
  std::vector<GearProduct> gear;
  std::vector<OtherBuyer> other_buyers;
  LinePriority priority = LinePriority::Partner;
  double partner_share = 1.0;  //!< with Share: the partner's share of a day's capacity [0..1]
  bool has_any() const {
    return early_access || yield_learning || burn_in_slots || !gear.empty() ||
           !other_buyers.empty();
  }
};

}  // namespace rackscale::model
