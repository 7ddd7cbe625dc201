#pragma once
//! The orders of one production lane (factory, rack system): firm orders and exercised
//! purchase options, each with a due day. Starts are sequenced and finished racks assigned
//! earliest due date first (docs/models/buildout.md, "Contracts").

#include <cstddef>
#include <vector>

#include "rackscale/sim/buildout/buildout_plan.hpp"

namespace rackscale::sim {

//! One order: `racks` due on `due_day`; `filled` racks of it have passed the factory's final
//! test, `on_time` of them by the due day; `fulfilled_day` is the day the last one did.
struct LaneOrder {
  int due_day = 0;
  long long racks = 0;
  ContractIndex contract{};
  int firm = -1;                   //!< index of the firm order within its contract, or -1
  OptionIndex option = kNoOption;  //!< the option exercised, or kNoOption for a firm order
  long long filled = 0;
  long long on_time = 0;
  int fulfilled_day = kNeverDay;
  //! Sum over the racks filled after the due day of their days late [rack-days]
  long long late_rack_days = 0;
};

//! Racks of one order that passed the factory's final test on one day: delivered, as the
//! contract counts delivery (docs/models/deal.md §6, "Rack payments at delivery").
struct OrderFill {
  int day = 0;
  long long racks = 0;
  ContractIndex contract{};
  OptionIndex option = kNoOption;  //!< the option exercised, or kNoOption for a firm order
};

//! A lane's orders, kept sorted by due day (equal days in the order they were added).
class OrderBook {
 public:
  //! Adds an order at its place by due day.
  void add(const LaneOrder& order);
  //! Due day of the order that rack number `started + 1` belongs to when racks are started in
  //! due-day order; kNeverDay once every ordered rack is started.
  int next_due(long long started) const;
  //! Racks of the orders due on or before `day` [racks].
  long long due_by(int day) const;
  //! `n` racks finished on day `t` fill the unfilled orders, earliest due day first; each
  //! order's share is logged as a fill.
  void fill(long long n, int t);
  const std::vector<LaneOrder>& orders() const { return orders_; }
  //! Every fill so far, in the order they happened.
  const std::vector<OrderFill>& fills() const { return fills_; }

 private:
  std::vector<LaneOrder> orders_;
  std::vector<OrderFill> fills_;
  std::size_t first_open_ = 0;  //!< every order before it is filled
};

}  // namespace rackscale::sim
