#pragma once
//! Checks of a scenario as a whole, made once every value has been read: warnings for input that
//! runs but probably not as meant (nothing bought for a site, dates after the horizon,
//! implausible prices), each at the key it is about. docs/scenario-format.md, "Warnings".

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/scenario_loader.hpp"

namespace rackscale::io {

//! Plausible grid tariffs [USD/kWh]: about half the lowest and twice the highest state average
//! price to business customers. source: EIA, Electric Power Annual 2023, "Average revenue per
//! kilowatthour by state" (https://www.eia.gov/electricity/annual/secrev-map.php): industrial
//! 5.75 cents (New Mexico) to 35.28 cents (Hawaii), commercial up to 39.03 cents (Hawaii).
inline constexpr double kMinPlausibleTariffUsdPerKwh = 0.025;
inline constexpr double kMaxPlausibleTariffUsdPerKwh = 0.80;
//! A contract's unit price is implausible below this fraction, or above its inverse, of the
//! rack system's catalog price. assumption: negotiated prices of one system differ by tens of
//! percent, not by a factor of four; a larger gap is most likely a unit slip (USD for MUSD).
inline constexpr double kPlausibleUnitPriceRatio = 0.25;

//! Records the warnings about the scenario of `loaded` in `diag`.
void check_scenario(const LoadedScenario& loaded, Diagnostics& diag);

}  // namespace rackscale::io
