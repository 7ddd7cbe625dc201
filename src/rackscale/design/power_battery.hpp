#pragma once
//! Battery storage that keeps a training job's power swing within the grid's step limit.
//! Equations and assumptions: docs/models/power.md, "Batteries for training load swings".

#include <optional>
#include <string>

#include "rackscale/core/units.hpp"
#include "rackscale/model/catalog.hpp"

namespace rackscale::design {

//! Swing period used when the policy gives none [s]. assumption: the long end of the
//! few-second iteration times of large synchronous training jobs; the energy term grows with
//! the period and the power term does not, so a long default errs towards more energy.
inline constexpr units::Duration kDefaultSwingPeriod = 10.0 * units::second;

//! Years the swing buffer must last on its cycle life [s]. assumption: 10 years, the short end
//! of the 10-20 year life of a facility's electrical plant; the buffer is cycled every swing of
//! every hour (a site's training jobs run most hours; an upper bound on wear).
inline constexpr units::Duration kSwingBufferDesignLife = 10.0 * 365.25 * 24.0 * units::h;

//! The battery sizing of one site, with the reason for the result.
struct BatteryDesign {
  bool enabled = false;                //!< policy `battery:`
  units::Power swing;                  //!< grid-facing swing, compute minus communication [W]
  units::Power max_grid_step;          //!< the policy's limit; 0 = no limit [W]
  units::Duration period;              //!< swing period used [s]
  bool period_assumed = false;         //!< true when kDefaultSwingPeriod was used
  units::Power step_without_battery;   //!< step the grid sees without batteries [W]
  units::Power step_with_battery;      //!< step the grid sees with the batteries sized [W]
  units::Power required_power;         //!< swing - limit, supplied or absorbed [W]
  units::Energy required_energy;       //!< stored energy the batteries must hold [J]
  std::string model;                   //!< catalog entry, empty when none is installed
  units::Power unit_power;             //!< per unit [W]
  units::Energy unit_energy;           //!< per unit [J]
  double round_trip_efficiency = 1.0;  //!< of the model
  std::string technology;              //!< of the model: supercapacitor, lithium_ion, ...
  std::optional<double> cycle_life;    //!< of the model [equivalent full cycles]
  int units_by_power = 0;              //!< ceil(required power / unit power) [count]
  int units_by_energy = 0;             //!< ceil(required energy / unit energy) [count]
  //! ceil(energy throughput over kSwingBufferDesignLife / cycle life / unit energy) [count]
  int units_by_cycle_life = 0;
  int units = 0;                     //!< installed: the largest of the three [count]
  double cycles_per_year = 0.0;      //!< equivalent full cycles a year of the installed units
  std::optional<double> life_years;  //!< cycle life / cycles per year; empty: not limited
  units::Power installed_power;      //!< [W]
  units::Energy installed_energy;    //!< [J]
  units::Power cycling_loss;         //!< mean round-trip loss while the job swings [W]
  std::string binding;               //!< "power", "energy", "cycle life", or empty when no battery
  std::string reason;                //!< one sentence: why these units (or none)
};

//! Sizes batteries so that a swing of `swing` at period `period` (kDefaultSwingPeriod when
//! empty) reaches the grid as at most `max_grid_step` (0: no limit). The batteries supply (and
//! absorb) swing - max_grid_step for half a period: power P_b = S - M, energy at the terminals
//! P_b T / 2, stored energy 2 P_b (T / 2) / sqrt(eta_rt) (held at half charge). `battery` may
//! be null when none is needed; throws rackscale::Error when one is needed and `battery` is
//! null or has no power or energy. A unit with a cycle life must also last
//! kSwingBufferDesignLife: the buffer delivers P_b T / 2 every period T, P_b / 2 on average,
//! so it needs installed energy >= (P_b / 2) x life / cycle life.
BatteryDesign size_battery(units::Power swing, units::Power max_grid_step,
                           std::optional<units::Duration> period, bool enabled,
                           const std::string& model_name, const model::Battery* battery);

}  // namespace rackscale::design
