#include "rackscale/design/site_energy.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace rackscale::design {

namespace u = rackscale::units;

namespace {

// Passes of the hourly heat fixed point (see design_cooling_and_power in site.cpp): the room
// heat changes by a few percent of a few percent a pass; 1 W is far below any reported figure.
constexpr int kMaxHourPasses = 6;
constexpr double kRoomHeatToleranceW = 1.0;

// One hour's cooling and chain flows with the electrical rooms' losses in the air heat, from a
// first guess `room` (the previous hour's); updates `room` to the settled value.
std::pair<CoolingHour, std::vector<StageFlow>> settle_hour(const PowerChain& chain,
                                                           const CoolingPlant& plant,
                                                           u::Power critical,
                                                           const CoolingLoads& heat, double db,
                                                           double wb, u::Power& room) {
  for (int pass = 0;; ++pass) {
    CoolingHour c = plant.at_hour({heat.liquid_heat, heat.air_heat + room}, db, wb);
    std::vector<StageFlow> flows = chain.operate(critical, c.electrical);
    const u::Power next = chain.indoor_losses(flows);
    const bool settled = std::abs((next - room).si()) <= kRoomHeatToleranceW;
    room = next;
    if (settled || pass + 1 == kMaxHourPasses) return {std::move(c), std::move(flows)};
  }
}

}  // namespace

SiteEnergy simulate_site_year(const PowerChain& chain, const CoolingPlant& plant,
                              const Weather& weather, u::Power critical, const CoolingLoads& heat) {
  SiteEnergy e;
  const u::Duration hour = 1.0 * u::h;
  const int hours = static_cast<int>(weather.dry_bulb_c.size());
  std::array<double, 12> dry_bulb_sum{};
  std::array<int, 12> month_hours{};
  u::Power room = chain.indoor_losses_at_design();
  for (int h = 0; h < hours; ++h) {
    double db = weather.dry_bulb_c[static_cast<std::size_t>(h)];
    double wb = weather.wet_bulb_c[static_cast<std::size_t>(h)];
    // The chain walked from the racks up to the utility, its indoor losses in the air heat.
    const auto [c, flows] = settle_hour(chain, plant, critical, heat, db, wb, room);
    const u::Power losses = chain.losses(flows);
    const u::Power facility = critical + c.electrical + losses;
    // Conservation: what the utility stage draws, built stage by stage from the racks up, must
    // match the loads plus the stage losses summed separately.
    const u::Power diff = flows.front().input - facility;
    e.max_balance_error = std::max(e.max_balance_error, diff < u::Power{} ? -diff : diff);

    e.it += critical * hour;
    e.cooling += c.electrical * hour;
    e.losses += losses * hour;
    e.facility += facility * hour;
    e.water_litres += c.water_litres;
    if (facility > e.peak_facility) {
      e.peak_facility = facility;
      e.peak_hour = h;
    }
    e.peak_cooling = std::max(e.peak_cooling, c.electrical);
    e.free_cooling_hours += c.free_cooling ? 1 : 0;
    e.unmet_cooling_hours += c.unmet_heat > u::Power{} ? 1 : 0;

    int m = month_of_hour(h) - 1;
    auto& month = e.months[static_cast<std::size_t>(m)];
    month.it += critical * hour;
    month.cooling += c.electrical * hour;
    month.losses += losses * hour;
    month.facility += facility * hour;
    month.water_litres += c.water_litres;
    dry_bulb_sum[static_cast<std::size_t>(m)] += db;
    ++month_hours[static_cast<std::size_t>(m)];
  }
  auto ratio = [](u::Energy a, u::Energy b) { return b > u::Energy{} ? a / b : 0.0; };
  e.pue = ratio(e.facility, e.it);
  e.partial_pue_cooling = ratio(e.it + e.cooling, e.it);
  e.wue_l_per_kwh = e.it > u::Energy{} ? e.water_litres / e.it.in(u::kWh) : 0.0;
  for (std::size_t m = 0; m < 12; ++m) {
    auto& month = e.months[m];
    month.month = static_cast<int>(m) + 1;
    month.pue = ratio(month.facility, month.it);
    month.wue_l_per_kwh = month.it > u::Energy{} ? month.water_litres / month.it.in(u::kWh) : 0.0;
    month.mean_dry_bulb_c = month_hours[m] ? dry_bulb_sum[m] / month_hours[m] : 0.0;
  }
  return e;
}

}  // namespace rackscale::design
