#pragma once
//! Power to a site on a calendar (docs/models/power-to-site.md): the whole-day distribution of
//! a sum of durations (interconnection stages) by exact convolution, its quantiles, and the
//! facility MW a site's grid, interconnection and flexible connection deliver by period at a
//! chosen quantile of their durations. For the optimizer and the build-out's planner.

#include <vector>

#include "rackscale/core/calendar.hpp"
#include "rackscale/model/scenario.hpp"

namespace rackscale::design {

//! Whole days of a duration as the build-out counts them: rounded up, at least 0 [days].
int whole_days(units::Duration duration);

//! The probabilities of a whole number of days: P(days = first + i) = probability[i].
struct DayDistribution {
  int first = 0;
  std::vector<double> probability;
};

//! The distribution of the whole days the build-out draws from `d` (a draw x rounded up:
//! P(k) = F(k) - F(k - 1), P(0) = F(0)). A lognormal's upper tail beyond probability 1e-9 is
//! folded into its last day.
DayDistribution day_distribution(const model::DurationDistribution& d);

//! The distribution of the sum of two independent whole-day durations (discrete convolution).
DayDistribution convolve(const DayDistribution& a, const DayDistribution& b);

//! The smallest day k with P(days <= k) >= quantile; quantile in (0, 1] [days].
int quantile_days(const DayDistribution& days, double quantile);

//! Quantile of the sum of independent durations drawn as the build-out draws them (each
//! rounded up to whole days), by exact convolution [days].
int sum_quantile_days(const std::vector<model::DurationDistribution>& durations, double quantile);

//! Days from `requested` to energization of an interconnection at a quantile [days].
int interconnection_days(const model::Interconnection& interconnection, double quantile);

//! Facility MW the site's grid can deliver on the first day of each period: its `grid:` steps
//! (each from its date plus its delay's quantile), plus the interconnection's capacity from
//! `requested` plus the quantile of its stages' sum, plus the flexible connection's capacity x
//! availability from `earlier_by` before that day until it [MW]. Period p starts on
//! start + round(p period_days). Bridging is not included (see bridging_mw_by_period).
std::vector<double> grid_mw_by_period(const model::Site& site, Date start, int periods,
                                      double period_days, double quantile);

//! MW of the site's bridging generation available on the first day of each period (each block
//! from `ordered` plus its lead time's quantile; none retired) [MW].
std::vector<double> bridging_mw_by_period(const model::Site& site, Date start, int periods,
                                          double period_days, double quantile);

//! Energy cost of bridging generation per MWh generated: fuel (heat rate x fuel price) plus
//! variable O&M [USD/MWh].
double bridging_energy_usd_per_mwh(const model::BridgingFigures& figures);

//! CO2 emitted per MWh generated [t/MWh].
double bridging_carbon_t_per_mwh(const model::BridgingFigures& figures);

}  // namespace rackscale::design
