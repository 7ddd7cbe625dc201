#pragma once
//! Loss models of power-chain stages: transformers (no-load plus load loss), UPS modules (an
//! efficiency curve), LV distribution (busway or PDUs) and rack power supplies. Equations and
//! sources: docs/models/power.md, "Losses".

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/units.hpp"
#include "rackscale/model/catalog.hpp"

namespace rackscale::design {

//! Losses of one transformer: P_loss(S) = P_0 + P_k (S / S_r)^2 [W].
struct TransformerLosses {
  units::Power rating;           //!< rated apparent power S_r [VA, held as W]
  units::Power no_load_loss;     //!< core loss P_0, present whenever energized [W]
  units::Power load_loss_rated;  //!< copper loss P_k at rated current [W]

  //! Loss of one unit carrying apparent power `apparent` [W].
  units::Power loss(units::Power apparent) const;
};

//! Splits the loss implied by `efficiency` at rated load (rated VA delivered at unity power
//! factor, the IEC 60076 / DOE test condition) into no-load and load loss. The no-load loss is
//! `no_load_loss` when given, else `default_no_load_share` of the total. Throws rackscale::Error
//! (naming `entry`) if the efficiency is not in (0, 1] or the no-load loss exceeds the total.
TransformerLosses transformer_losses(const std::string& entry, units::Power rating,
                                     double efficiency, std::optional<units::Power> no_load_loss,
                                     double default_no_load_share);

//! Efficiency of a UPS module at `load` (output / module rating): linear between the curve's
//! points, flat above the last; below the first point the loss stays at the first point's loss
//! (fixed losses dominate at light load), so the efficiency falls towards 0 at no load.
//! Throws rackscale::Error for an empty curve.
double ups_efficiency(const std::vector<model::EfficiencyPoint>& curve, double load);

//! Loss of one UPS module of `rating` delivering `output` [W] (zero output: the no-load loss).
units::Power ups_module_loss(const std::vector<model::EfficiencyPoint>& curve, units::Power rating,
                             units::Power output);

//! Losses of the LV distribution (busway, cables, PDUs) between the unit substations or UPS and
//! the racks: L(P) = L_d (s_0 + (1 - s_0) (P / P_d)^2), L_d = P_d (1 / eta_d - 1).
struct DistributionLosses {
  units::Power design_load;        //!< P_d, the output at design [W]
  double design_efficiency = 1.0;  //!< eta_d, output / input at design
  double no_load_share = 0.0;      //!< s_0, the share of L_d present at no load (PDU cores)

  //! Loss delivering `output` [W].
  units::Power loss(units::Power output) const;
};

}  // namespace rackscale::design
