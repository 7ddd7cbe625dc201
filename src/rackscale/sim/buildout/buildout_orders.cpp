#include "rackscale/sim/buildout/buildout_orders.hpp"

#include <algorithm>
#include <iterator>

namespace rackscale::sim {

void OrderBook::add(const LaneOrder& order) {
  const auto at = std::upper_bound(orders_.begin(), orders_.end(), order.due_day,
                                   [](int due, const LaneOrder& o) { return due < o.due_day; });
  const auto pos = static_cast<std::size_t>(std::distance(orders_.begin(), at));
  orders_.insert(at, order);
  if (pos <= first_open_ && order.racks > 0) first_open_ = pos;
}

int OrderBook::next_due(long long started) const {
  long long cum = 0;
  for (const LaneOrder& o : orders_) {
    cum += o.racks;
    if (cum > started) return o.due_day;
  }
  return kNeverDay;
}

long long OrderBook::due_by(int day) const {
  long long n = 0;
  for (const LaneOrder& o : orders_) {
    if (o.due_day > day) break;
    n += o.racks;
  }
  return n;
}

void OrderBook::fill(long long n, int t) {
  for (std::size_t i = first_open_; i < orders_.size() && n > 0; ++i) {
    LaneOrder& o = orders_[i];
    const long long take = std::min(n, o.racks - o.filled);
    if (take <= 0) continue;
    o.filled += take;
    if (t <= o.due_day) o.on_time += take;
    if (t > o.due_day) o.late_rack_days += take * (t - o.due_day);
    if (o.filled == o.racks) o.fulfilled_day = t;
    fills_.push_back({.day = t, .racks = take, .contract = o.contract, .option = o.option});
    n -= take;
  }
  while (first_open_ < orders_.size() && orders_[first_open_].filled == orders_[first_open_].racks)
    ++first_open_;
}

}  // namespace rackscale::sim
