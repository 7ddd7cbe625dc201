// Loss models by hand: transformer no-load + load loss, UPS efficiency curve interpolation and
// LV distribution losses.

#include "rackscale/design/power_losses.hpp"

#include <gtest/gtest.h>

#include <string>

#include "rackscale/core/error.hpp"

namespace rackscale::design {
namespace {

namespace u = rackscale::units;

// The catalog's 345/34.5 kV, 100 MVA transformer: efficiency 0.997 at rated load, no-load
// loss 60 kW. Total loss at rated load = 100 MVA x (1/0.997 - 1) = 300.9027 kW, so the load
// (copper) loss at rated current is 300.9027 - 60 = 240.9027 kW.
TransformerLosses hundred_mva() {
  return transformer_losses("XFMR-345-34.5kV-100MVA", 100.0 * u::MW, 0.997, 60.0 * u::kW, 0.0);
}

TEST(PowerLosses, TransformerAtZeroHalfAndFullLoad) {
  const TransformerLosses t = hundred_mva();
  EXPECT_NEAR(t.load_loss_rated.in(u::kW), 240.9027, 1e-3);
  // 0%: the core loss only.
  EXPECT_NEAR(t.loss(u::Power{}).in(u::kW), 60.0, 1e-9);
  // 50%: 60 + 240.9027 x 0.5^2 = 120.2257 kW.
  EXPECT_NEAR(t.loss(50.0 * u::MW).in(u::kW), 120.2257, 1e-3);
  // 100%: 60 + 240.9027 = 300.9027 kW, i.e. efficiency 100 / 100.3009 = 0.997.
  EXPECT_NEAR(t.loss(100.0 * u::MW).in(u::kW), 300.9027, 1e-3);
  const double eta = 100.0 / (100.0 + t.loss(100.0 * u::MW).in(u::MW));
  EXPECT_NEAR(eta, 0.997, 1e-12);
}

// A unit substation gives only its efficiency: 3 MVA at 0.99 -> 30.303 kW at rated load, of
// which the default 20% (6.0606 kW) is no-load and 24.2424 kW is load loss.
TEST(PowerLosses, UnitSubstationSplitsItsLossByTheDefaultShare) {
  const TransformerLosses t =
      transformer_losses("USS-34.5kV-415V-3MVA", 3.0 * u::MW, 0.99, std::nullopt, 0.2);
  EXPECT_NEAR(t.no_load_loss.in(u::kW), 6.0606, 1e-4);
  EXPECT_NEAR(t.load_loss_rated.in(u::kW), 24.2424, 1e-4);
  EXPECT_NEAR(t.loss(3.0 * u::MW).in(u::kW), 30.3030, 1e-4);
}

TEST(PowerLosses, TransformerRejectsImpossibleFigures) {
  // 0.999 at 1 MVA allows 1.001 kW of loss in total; a 5 kW core loss cannot fit.
  try {
    transformer_losses("BAD-XFMR", 1.0 * u::MW, 0.999, 5.0 * u::kW, 0.0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("BAD-XFMR"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("no-load loss"), std::string::npos);
  }
  EXPECT_THROW(transformer_losses("X", 1.0 * u::MW, 1.2, std::nullopt, 0.2), Error);
  EXPECT_THROW(transformer_losses("X", 1.0 * u::MW, 0.0, std::nullopt, 0.2), Error);
}

// The catalog's UPS-1250kW curve.
std::vector<model::EfficiencyPoint> ups_curve() {
  return {{0.1, 0.93}, {0.25, 0.955}, {0.5, 0.97}, {0.75, 0.971}, {1.0, 0.968}};
}

TEST(PowerLosses, UpsEfficiencyInterpolatesTheCurve) {
  const auto c = ups_curve();
  // On the points.
  EXPECT_DOUBLE_EQ(ups_efficiency(c, 0.5), 0.97);
  EXPECT_DOUBLE_EQ(ups_efficiency(c, 0.75), 0.971);
  // 37.5%: halfway from 0.955 (25%) to 0.97 (50%) = 0.9625.
  EXPECT_NEAR(ups_efficiency(c, 0.375), 0.9625, 1e-12);
  // 60%: 0.97 + (0.6 - 0.5) / 0.25 x 0.001 = 0.9704.
  EXPECT_NEAR(ups_efficiency(c, 0.6), 0.9704, 1e-12);
  // Above the last point: flat.
  EXPECT_DOUBLE_EQ(ups_efficiency(c, 1.2), 0.968);
  // Below the first point the loss stays at the 10% point's loss, 0.1 x (1/0.93 - 1) =
  // 0.0075269 of rating: at 5%, efficiency = 0.05 / (0.05 + 0.0075269) = 0.86916.
  EXPECT_NEAR(ups_efficiency(c, 0.05), 0.86916, 1e-5);
  EXPECT_DOUBLE_EQ(ups_efficiency(c, 0.0), 0.0);
  // The order of the points does not matter.
  auto shuffled = c;
  std::swap(shuffled[0], shuffled[4]);
  EXPECT_NEAR(ups_efficiency(shuffled, 0.375), 0.9625, 1e-12);
  EXPECT_THROW(ups_efficiency({}, 0.5), Error);
}

TEST(PowerLosses, UpsModuleLoss) {
  const auto c = ups_curve();
  // 625 kW out of 1250 kW (50%, 0.97): loss = 625 x (1/0.97 - 1) = 19.330 kW.
  EXPECT_NEAR(ups_module_loss(c, 1250.0 * u::kW, 625.0 * u::kW).in(u::kW), 19.3299, 1e-4);
  // No load: 1250 x 0.0075269 = 9.4086 kW, the 10% point's loss.
  EXPECT_NEAR(ups_module_loss(c, 1250.0 * u::kW, u::Power{}).in(u::kW), 9.4086, 1e-4);
}

// 10 MW of busway at 0.995: L_d = 10 x (1/0.995 - 1) = 50.251 kW; at 5 MW a quarter, 12.563 kW.
// With a quarter of it no-load (PDU cores): at 0 MW, 12.563 kW; at 5 MW,
// 50.251 x (0.25 + 0.75 x 0.25) = 21.985 kW.
TEST(PowerLosses, DistributionScalesWithLoadSquared) {
  const DistributionLosses busway{10.0 * u::MW, 0.995, 0.0};
  EXPECT_NEAR(busway.loss(10.0 * u::MW).in(u::kW), 50.2513, 1e-4);
  EXPECT_NEAR(busway.loss(5.0 * u::MW).in(u::kW), 12.5628, 1e-4);
  EXPECT_NEAR(busway.loss(u::Power{}).in(u::kW), 0.0, 1e-12);
  const DistributionLosses pdu{10.0 * u::MW, 0.995, 0.25};
  EXPECT_NEAR(pdu.loss(u::Power{}).in(u::kW), 12.5628, 1e-4);
  EXPECT_NEAR(pdu.loss(5.0 * u::MW).in(u::kW), 21.9849, 1e-4);
}

}  // namespace
}  // namespace rackscale::design
