#include "rackscale/design/power_losses.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale::design {

units::Power TransformerLosses::loss(units::Power apparent) const {
  if (rating.si() <= 0.0) return no_load_loss;
  const double x = apparent / rating;
  return no_load_loss + load_loss_rated * (x * x);
}

TransformerLosses transformer_losses(const std::string& entry, units::Power rating,
                                     double efficiency, std::optional<units::Power> no_load_loss,
                                     double default_no_load_share) {
  if (!(efficiency > 0.0 && efficiency <= 1.0)) {
    throw Error(fmt::format("catalog entry \"{}\": efficiency must be in (0, 1], got {}", entry,
                            efficiency));
  }
  // At rated load the unit delivers S_r (unity power factor) and draws S_r / eta.
  const units::Power total = rating * (1.0 / efficiency - 1.0);
  const units::Power p0 = no_load_loss ? *no_load_loss : total * default_no_load_share;
  if (p0 > total * (1.0 + 1e-12)) {
    throw Error(fmt::format(
        "catalog entry \"{}\": no-load loss {:.1f} kW exceeds the total loss at rated load "
        "{:.1f} kW implied by efficiency {} at {:.1f} MVA; lower no_load_loss or efficiency",
        entry, p0.in(units::kW), total.in(units::kW), efficiency, rating.in(units::MW)));
  }
  return TransformerLosses{rating, p0, std::max(total - p0, units::Power{})};
}

namespace {

std::vector<model::EfficiencyPoint> sorted_curve(std::vector<model::EfficiencyPoint> curve) {
  if (curve.empty()) throw Error("UPS efficiency curve has no points");
  std::sort(curve.begin(), curve.end(),
            [](const auto& a, const auto& b) { return a.load < b.load; });
  for (const auto& p : curve) {
    if (!(p.load > 0.0) || !(p.efficiency > 0.0 && p.efficiency <= 1.0)) {
      throw Error(fmt::format(
          "UPS efficiency curve point (load {}, efficiency {}) is out of range: load must be > 0 "
          "and efficiency in (0, 1]",
          p.load, p.efficiency));
    }
  }
  return curve;
}

// Curve efficiency for load >= first point: linear inside, flat above the last point.
double curve_efficiency(const std::vector<model::EfficiencyPoint>& c, double load) {
  if (load >= c.back().load) return c.back().efficiency;
  for (std::size_t i = 1; i < c.size(); ++i) {
    if (load <= c[i].load) {
      const double t = (load - c[i - 1].load) / (c[i].load - c[i - 1].load);
      return c[i - 1].efficiency + t * (c[i].efficiency - c[i - 1].efficiency);
    }
  }
  return c.back().efficiency;
}

// Loss per unit of rating at `load` (fraction of rating).
double loss_fraction(const std::vector<model::EfficiencyPoint>& c, double load) {
  const double x = std::max(load, c.front().load);
  return x * (1.0 / curve_efficiency(c, x) - 1.0);
}

}  // namespace

double ups_efficiency(const std::vector<model::EfficiencyPoint>& curve, double load) {
  const auto c = sorted_curve(curve);
  if (load <= 0.0) return 0.0;
  if (load >= c.front().load) return curve_efficiency(c, load);
  return load / (load + loss_fraction(c, load));
}

units::Power ups_module_loss(const std::vector<model::EfficiencyPoint>& curve, units::Power rating,
                             units::Power output) {
  const auto c = sorted_curve(curve);
  return rating * loss_fraction(c, std::max(0.0, output / rating));
}

units::Power DistributionLosses::loss(units::Power output) const {
  if (design_load.si() <= 0.0) return units::Power{};
  const units::Power at_design = design_load * (1.0 / design_efficiency - 1.0);
  const double x = output / design_load;
  return at_design * (no_load_share + (1.0 - no_load_share) * x * x);
}

}  // namespace rackscale::design
