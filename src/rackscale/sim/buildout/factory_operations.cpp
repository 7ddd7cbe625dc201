#include "rackscale/sim/buildout/factory_operations.hpp"

#include <algorithm>
#include <cmath>

#include "rackscale/sim/buildout/buildout_sampling.hpp"

namespace rackscale::sim {

namespace {

namespace u = rackscale::units;

// Tolerance when flooring a capacity left in racks (as buildout.cpp's take_whole).
constexpr double kEps = 1e-9;

int days_from(Date start, Date date) {
  return date.days_since(start);
}

// Whole days of a duration, rounded up.
int whole_days(u::Duration duration) {
  return static_cast<int>(std::ceil(duration.in(u::day)-kEps));
}

PlanOtherBuyer plan_other_buyer(const model::OtherBuyer& buyer, const model::Factory& factory,
                                Date start) {
  PlanOtherBuyer planned;
  planned.name = buyer.name;
  planned.product = buyer.product;
  planned.volatility = buyer.volatility;
  planned.unit_price_usd = buyer.unit_price.in(u::USD);
  for (const model::GearProduct& gear : factory.operations.gear) {
    if (gear.name == buyer.product) {
      planned.rack = false;
      planned.line_share = gear.line_share;
    }
  }
  for (const model::OrderRatePoint& point : buyer.orders) {
    planned.order_days.push_back(days_from(start, point.date));
    planned.orders_per_week.push_back(point.rate.in(u::per_week));
  }
  return planned;
}

// Mean units a buyer orders in the week starting on `day`: the last step on or before it.
double mean_orders(const PlanOtherBuyer& buyer, int day) {
  double mean = 0.0;
  for (std::size_t k = 0; k < buyer.order_days.size() && buyer.order_days[k] <= day; ++k) {
    mean = buyer.orders_per_week[k];
  }
  return mean;
}

// Stream kinds of the factory operations, folded like buildout_sampling's names.
constexpr std::uint64_t kQualificationStream = stream_kind("factory.qualification");
constexpr std::uint64_t kOtherOrdersStream = stream_kind("factory.other_orders");
// Entities of the other buyers' streams: factory x this + buyer.
constexpr std::size_t kBuyersPerFactory = 1024;

}  // namespace

PlanFactoryOperations plan_factory_operations(const model::Factory& factory, Date start,
                                              int integration_days, int burn_in_days) {
  const model::FactoryOperations& operations = factory.operations;
  PlanFactoryOperations planned;
  planned.active = operations.has_any();
  planned.integration_days = integration_days;
  planned.burn_in_days = burn_in_days;
  if (const auto& access = operations.early_access) {
    planned.has_early_access = true;
    planned.early_access = {access->racks,
                            days_from(start, access->delivered),
                            access->qualification.pass_probability,
                            access->qualification.duration,
                            whole_days(access->design_change.delay),
                            access->design_change.yield_hit};
  }
  if (operations.yield_learning) {
    planned.learns = true;
    planned.learning = *operations.yield_learning;
  }
  if (const auto& slots = operations.burn_in_slots) {
    planned.burn_in_slots = slots->slots;
    planned.mw_per_slot = slots->power_per_slot.in(u::MW);
  }
  for (const model::OtherBuyer& buyer : operations.other_buyers) {
    planned.others.push_back(plan_other_buyer(buyer, factory, start));
  }
  planned.partner_share = operations.partner_share;
  return planned;
}

double learnt_yield(double first_pass_yield, double yield_hit, const model::YieldLearning& learning,
                    long long cumulative_racks) {
  const double defects = std::min(1.0, 1.0 - first_pass_yield + yield_hit);
  const double volume = static_cast<double>(std::max(cumulative_racks, learning.reference_racks));
  const double exponent = std::log2(1.0 - learning.rate);
  const double learnt =
      defects * std::pow(volume / static_cast<double>(learning.reference_racks), exponent);
  return std::clamp(1.0 - learnt, 1e-6, std::max(learning.max_yield, 1.0 - defects));
}

FactoryOperationsState::FactoryOperationsState(const PlanFactoryOperations& plan,
                                               std::uint64_t seed, int run, std::size_t factory,
                                               int days, int& volume_start_day) {
  result_.active = plan.active;
  result_.partner_start_day = volume_start_day;
  entering_burn_in_.assign(static_cast<std::size_t>(days), 0);
  backlog_.assign(plan.others.size(), 0);
  others_weekly_.assign(plan.others.size(),
                        std::vector<long long>(static_cast<std::size_t>((days + 6) / 7), 0));
  for (std::size_t buyer = 0; buyer < plan.others.size(); ++buyer) {
    order_streams_.push_back(Rng::for_stream(seed, static_cast<std::uint64_t>(run),
                                             kOtherOrdersStream,
                                             factory * kBuyersPerFactory + buyer));
    result_.others.push_back({plan.others[buyer].name, plan.others[buyer].product});
  }
  gear_in_progress_.assign(plan.partner_gear.size(), 0.0);
  for (const PlanPartnerGear& gear : plan.partner_gear) {
    gear_arrivals_.emplace_back(static_cast<std::size_t>(days), 0);
    result_.partner_gear.push_back({gear.site, gear.gear, gear.units});
  }
  if (!plan.has_early_access) return;
  // Qualification: its duration, then its verdict, on the factory's own stream.
  Rng stream =
      Rng::for_stream(seed, static_cast<std::uint64_t>(run), kQualificationStream, factory);
  const PlanEarlyAccess& access = plan.early_access;
  result_.qualification_days = sample_days(access.qualification, stream);
  result_.qualified_first_time = stream.uniform() < access.pass_probability;
  // With early access the partner tests the pre-production racks from their delivery; without
  // it, the first volume racks out of their test.
  const int tests_from = plan.without_early_access
                             ? volume_start_day + plan.integration_days + plan.burn_in_days
                             : access.delivered_day;
  const int verdict_day = tests_from + result_.qualification_days;
  const int change_days = result_.qualified_first_time ? 0 : access.design_change_days;
  result_.partner_start_day = std::max(volume_start_day, verdict_day + change_days);
  if (!result_.qualified_first_time) {
    yield_hit_ = access.yield_hit;
    // A design change found before volume holds the product's volume start for it.
    if (!plan.without_early_access) volume_start_day = result_.partner_start_day;
  }
}

void FactoryOperationsState::receive_orders(const PlanFactoryOperations& plan, int day) {
  if (day % 7 != 0) return;
  for (std::size_t buyer = 0; buyer < plan.others.size(); ++buyer) {
    const PlanOtherBuyer& other = plan.others[buyer];
    const double mean = mean_orders(other, day);
    const double sigma = other.volatility;
    // A mean-one lognormal factor: exp(sigma Z - sigma^2 / 2); one normal a week, always drawn.
    const double factor =
        std::exp(sigma * order_streams_[buyer].standard_normal() - 0.5 * sigma * sigma);
    const auto units = static_cast<long long>(std::llround(mean * factor));
    backlog_[buyer] += units;
    result_.others[buyer].ordered += units;
  }
}

int FactoryOperationsState::free_slots(const PlanFactoryOperations& plan, int day) const {
  if (plan.burn_in_slots == std::numeric_limits<int>::max() || plan.burn_in_days == 0) {
    return std::numeric_limits<int>::max();
  }
  // Racks started today burn in from day + I for B days: the racks started before them that
  // are still in burn-in on day + I are those entering in (day + I - B, day + I].
  const int entry = day + plan.integration_days;
  long long occupied = 0;
  for (int d = std::max(0, entry - plan.burn_in_days + 1);
       d <= entry && d < static_cast<int>(entering_burn_in_.size()); ++d) {
    occupied += entering_burn_in_[static_cast<std::size_t>(d)];
  }
  return static_cast<int>(std::max(0LL, plan.burn_in_slots - occupied));
}

void FactoryOperationsState::enter_burn_in(const PlanFactoryOperations& plan, long long racks,
                                           int day) {
  const int entry = day + plan.integration_days;
  if (racks <= 0 || entry >= static_cast<int>(entering_burn_in_.size())) return;
  entering_burn_in_[static_cast<std::size_t>(entry)] += static_cast<int>(racks);
  int in_burn_in = 0;
  for (int d = std::max(0, entry - plan.burn_in_days + 1); d <= entry; ++d) {
    in_burn_in += entering_burn_in_[static_cast<std::size_t>(d)];
  }
  result_.peak_burn_in_racks = std::max(result_.peak_burn_in_racks, in_burn_in);
  result_.peak_burn_in_mw = result_.peak_burn_in_racks * plan.mw_per_slot;
}

// The other buyers in list order, each taking what `lines` [racks] and the slots allow.
void FactoryOperationsState::serve_others(const PlanFactoryOperations& plan, double lines,
                                          int day) {
  for (std::size_t buyer = 0; buyer < plan.others.size() && lines > kEps; ++buyer) {
    const PlanOtherBuyer& other = plan.others[buyer];
    long long units = std::min(backlog_[buyer],
                               static_cast<long long>(std::floor(lines / other.line_share + kEps)));
    if (other.rack) {
      const long long slots = free_slots(plan, day);
      if (slots < units) slot_bound_ = true;
      units = std::min(units, slots);
      enter_burn_in(plan, units, day);
      result_.cumulative_racks += units;
    }
    const double used = static_cast<double>(units) * other.line_share;
    lines -= used;
    lines_left_ -= used;
    backlog_[buyer] -= units;
    OtherBuyerResult& buyer_result = result_.others[buyer];
    buyer_result.started += units;
    others_weekly_[buyer][static_cast<std::size_t>(day / 7)] += units;
    buyer_result.backlog = backlog_[buyer];
    buyer_result.line_racks += used;
    result_.line_racks_used += used;
  }
}

// The partner's site gear in plan order, each taking what is left of today's lines. A unit's
// line time may span days: the line time an entry takes goes into its work in progress, and a
// unit leaves the line each time a whole line share of it is done, so a unit needing more
// than a day's free capacity completes over several days. It is on site lead_days later.
void FactoryOperationsState::serve_partner_gear(const PlanFactoryOperations& plan, int day) {
  for (std::size_t entry = 0; entry < plan.partner_gear.size() && lines_left_ > kEps; ++entry) {
    const PlanPartnerGear& gear = plan.partner_gear[entry];
    PartnerGearResult& gear_result = result_.partner_gear[entry];
    double& in_progress = gear_in_progress_[entry];
    const double wanted =
        static_cast<double>(gear.units - gear_result.started) * gear.line_share - in_progress;
    const double used = std::min(lines_left_, wanted);
    if (used <= kEps) continue;
    lines_left_ -= used;
    gear_result.line_racks += used;
    result_.line_racks_used += used;
    in_progress += used;
    const auto units = static_cast<long long>(std::floor(in_progress / gear.line_share + kEps));
    if (units <= 0) continue;
    in_progress = std::max(0.0, in_progress - static_cast<double>(units) * gear.line_share);
    gear_result.started += units;
    const int arrival = day + gear.lead_days;
    const bool in_horizon = arrival < static_cast<int>(gear_arrivals_[entry].size());
    if (in_horizon) gear_arrivals_[entry][static_cast<std::size_t>(arrival)] += units;
    if (gear_result.started == gear.units && in_horizon) gear_result.on_site_day = arrival;
  }
}

long long FactoryOperationsState::begin_day(const PlanFactoryOperations& plan, long long capacity,
                                            int day) {
  receive_orders(plan, day);
  capacity_ = capacity;
  lines_left_ = static_cast<double>(capacity);
  slot_bound_ = false;
  // The others first take what the partner is not entitled to.
  const double entitled = std::floor(plan.partner_share * static_cast<double>(capacity) + kEps);
  serve_others(plan, static_cast<double>(capacity) - entitled, day);
  serve_partner_gear(plan, day);
  if (day < result_.partner_start_day) return 0;
  const long long slots = free_slots(plan, day);
  const auto lines = static_cast<long long>(std::floor(lines_left_ + kEps));
  if (slots < lines) slot_bound_ = true;
  return std::max(0LL, std::min(lines, slots));
}

void FactoryOperationsState::end_day(const PlanFactoryOperations& plan, long long partner_started,
                                     int day) {
  lines_left_ -= static_cast<double>(partner_started);
  result_.partner_started += partner_started;
  result_.cumulative_racks += partner_started;
  result_.line_racks_used += static_cast<double>(partner_started);
  enter_burn_in(plan, partner_started, day);
  serve_others(plan, lines_left_, day);
  if (capacity_ > 0 && lines_left_ < 1.0 - kEps) ++result_.binding_days;
  if (slot_bound_) ++result_.slot_binding_days;
}

double FactoryOperationsState::yield(const PlanFactoryOperations& plan,
                                     double first_pass_yield) const {
  if (!plan.learns) return std::clamp(first_pass_yield - yield_hit_, 1e-6, 1.0);
  return learnt_yield(first_pass_yield, yield_hit_, plan.learning, result_.cumulative_racks);
}

}  // namespace rackscale::sim
