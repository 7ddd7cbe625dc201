#include "rackscale/design/cooling_year.hpp"

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

AnnualCooling simulate_year(const CoolingPlant& plant, const CoolingLoads& heat,
                            const Weather& weather) {
  return simulate_year(plant, HourlyLoads([&heat](int) { return heat; }), weather);
}

AnnualCooling simulate_year(const CoolingPlant& plant, const HourlyLoads& heat,
                            const Weather& weather) {
  if (weather.dry_bulb_c.size() != static_cast<std::size_t>(kHoursPerYear) ||
      weather.wet_bulb_c.size() != weather.dry_bulb_c.size()) {
    throw Error(fmt::format("simulate_year: the weather has {} hours, expected {}",
                            weather.dry_bulb_c.size(), kHoursPerYear));
  }
  AnnualCooling y;
  std::array<double, 12> dry_bulb_sum{};
  for (std::size_t m = 0; m < 12; ++m) y.months[m].month = static_cast<int>(m) + 1;
  for (int i = 0; i < kHoursPerYear; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const CoolingLoads loads = heat(i);
    const CoolingHour h = plant.at_hour(loads, weather.dry_bulb_c[k], weather.wet_bulb_c[k]);
    const u::Energy e = h.electrical * u::h;
    const u::Energy q = loads.total() * u::h;
    MonthlyCooling& mo = y.months[static_cast<std::size_t>(month_of_hour(i) - 1)];
    ++mo.hours;
    mo.energy += e;
    mo.heat += q;
    mo.water_litres += h.water_litres;
    dry_bulb_sum[static_cast<std::size_t>(mo.month - 1)] += weather.dry_bulb_c[k];
    y.energy += e;
    y.heat += q;
    y.water_litres += h.water_litres;
    if (h.electrical > y.peak_power || i == 0) {
      y.peak_power = h.electrical;
      y.peak_hour = i;
    }
    if (h.free_cooling) {
      ++y.free_cooling_hours;
      ++mo.free_cooling_hours;
    }
    if (h.adiabatic) ++y.adiabatic_hours;
    if (h.unmet_heat.si() > 0.0) {
      ++y.unmet_hours;
      y.unmet_heat += h.unmet_heat * u::h;
    }
  }
  for (std::size_t m = 0; m < 12; ++m) {
    y.months[m].mean_dry_bulb_c = dry_bulb_sum[m] / y.months[m].hours;
  }
  y.mean_power = y.energy / (kHoursPerYear * u::h);
  return y;
}

double partial_pue(const AnnualCooling& year, u::Energy it_energy) {
  return (it_energy + year.energy) / it_energy;
}

double water_usage_effectiveness(const AnnualCooling& year, u::Energy it_energy) {
  return year.water_litres / it_energy.in(u::kWh);
}

}  // namespace rackscale::design
