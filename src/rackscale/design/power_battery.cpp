#include "rackscale/design/power_battery.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/design/power_redundancy.hpp"

namespace rackscale::design {

namespace {
namespace u = rackscale::units;

std::string mw(u::Power p) {
  return fmt::format("{:.2f} MW", p.in(u::MW));
}
}  // namespace

namespace {

void check_swing_inputs(u::Power swing, u::Power max_grid_step,
                        const std::optional<u::Duration>& period) {
  if (swing.si() < 0.0) throw Error(fmt::format("power swing must be >= 0, got {}", mw(swing)));
  if (max_grid_step.si() < 0.0) {
    throw Error(fmt::format("max_grid_step must be >= 0, got {}", mw(max_grid_step)));
  }
  if (period && !(period->si() > 0.0)) {
    throw Error(fmt::format("swing_period must be > 0 s, got {} s", period->in(u::second)));
  }
}

void check_battery_entry(const model::Battery* battery, const std::string& model_name,
                         u::Power swing, u::Power max_grid_step) {
  if (battery == nullptr) {
    throw Error(fmt::format(
        "the {} training swing exceeds the {} grid step limit and needs batteries, but the "
        "catalog has no battery entry; add one or set battery: false",
        mw(swing), mw(max_grid_step)));
  }
  if (!(battery->power.si() > 0.0) || !(battery->energy.si() > 0.0) ||
      !(battery->round_trip_efficiency > 0.0 && battery->round_trip_efficiency <= 1.0)) {
    throw Error(fmt::format(
        "battery \"{}\" needs power > 0, energy > 0 and round-trip efficiency in (0, 1]",
        model_name));
  }
}

// The units that meet the swing's power, its energy and the cycle life over the design life.
void size_units(BatteryDesign& b, const model::Battery& battery) {
  const u::Energy at_terminals = b.required_power * (b.period / 2.0);
  // Half charge lets the battery meet either phase first; discharge efficiency sqrt(eta_rt).
  b.required_energy = 2.0 * at_terminals / std::sqrt(battery.round_trip_efficiency);
  b.units_by_power = ceil_units(b.required_power / battery.power);
  b.units_by_energy = ceil_units(b.required_energy / battery.energy);
  // Throughput: P_b T / 2 each period T, so P_b / 2 on average.
  const u::Power throughput = b.required_power * 0.5;
  if (battery.cycle_life) {
    const u::Energy over_life = throughput * kSwingBufferDesignLife / *battery.cycle_life;
    b.units_by_cycle_life = ceil_units(over_life / battery.energy);
  }
  b.units = std::max({b.units_by_power, b.units_by_energy, b.units_by_cycle_life});
  b.binding = b.units == b.units_by_power    ? "power"
              : b.units == b.units_by_energy ? "energy"
                                             : "cycle life";
  b.installed_power = battery.power * static_cast<double>(b.units);
  b.installed_energy = battery.energy * static_cast<double>(b.units);
  b.cycles_per_year = throughput * (365.25 * 24.0 * u::h) / b.installed_energy;
  if (battery.cycle_life) b.life_years = *battery.cycle_life / b.cycles_per_year;
  // Each period the battery delivers P_b T / 2 and takes back (P_b T / 2) / eta_rt.
  b.cycling_loss = b.required_power * 0.5 * (1.0 / battery.round_trip_efficiency - 1.0);
}

std::string sized_reason(const BatteryDesign& b, const model::Battery& battery) {
  return fmt::format(
      "the {} swing exceeds the {} grid step limit by {}: {} x {} ({}, {:.2f} MW, {:.4g} MWh "
      "each) supply and absorb {} for half the {:.3g} s period{}; power needs {} ({:.3f} units), "
      "energy needs {} ({:.3g} units), cycle life over {:.0f} years needs {}; {} binds",
      mw(b.swing), mw(b.max_grid_step), mw(b.required_power), b.units, b.model, b.technology,
      battery.power.in(u::MW), battery.energy.in(u::MWh), mw(b.required_power),
      b.period.in(u::second),
      b.period_assumed ? " (assumed: the policy gives no swing_period)" : "", b.units_by_power,
      b.required_power / battery.power, b.units_by_energy, b.required_energy / battery.energy,
      kSwingBufferDesignLife.in(u::h) / (365.25 * 24.0),
      battery.cycle_life ? std::to_string(b.units_by_cycle_life) : std::string("no limit"),
      b.binding);
}

}  // namespace

BatteryDesign size_battery(u::Power swing, u::Power max_grid_step,
                           std::optional<u::Duration> period, bool enabled,
                           const std::string& model_name, const model::Battery* battery) {
  check_swing_inputs(swing, max_grid_step, period);
  BatteryDesign b;
  b.enabled = enabled;
  b.swing = swing;
  b.max_grid_step = max_grid_step;
  b.period = period.value_or(kDefaultSwingPeriod);
  b.period_assumed = !period.has_value();
  b.step_without_battery = swing;
  b.step_with_battery = swing;
  if (!(max_grid_step.si() > 0.0)) {
    b.reason = fmt::format(
        "no grid step limit (max_grid_step is 0): the grid sees the full {} swing; no battery "
        "sized",
        mw(swing));
    return b;
  }
  if (swing <= max_grid_step) {
    b.reason = fmt::format("the {} swing is within the {} grid step limit: no battery needed",
                           mw(swing), mw(max_grid_step));
    return b;
  }
  b.required_power = swing - max_grid_step;
  if (!enabled) {
    b.reason = fmt::format(
        "battery is false in the power policy: the grid sees the full {} swing, {} above the {} "
        "limit",
        mw(swing), mw(b.required_power), mw(max_grid_step));
    return b;
  }
  check_battery_entry(battery, model_name, swing, max_grid_step);
  b.model = model_name;
  b.unit_power = battery->power;
  b.unit_energy = battery->energy;
  b.round_trip_efficiency = battery->round_trip_efficiency;
  b.technology = model::to_string(battery->technology);
  b.cycle_life = battery->cycle_life;
  size_units(b, *battery);
  b.step_with_battery = max_grid_step;
  b.reason = sized_reason(b, *battery);
  return b;
}

}  // namespace rackscale::design
