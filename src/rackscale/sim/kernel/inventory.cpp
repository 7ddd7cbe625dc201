#include "rackscale/sim/kernel/inventory.hpp"

#include <string>

#include "rackscale/core/error.hpp"

namespace rackscale::sim {

Inventory::Inventory(std::int64_t capacity, std::int64_t initial_level, double start_time)
    : capacity_(capacity),
      initial_(initial_level),
      level_(initial_level),
      level_stat_(start_time, static_cast<double>(initial_level)) {
  if (capacity < 1)
    throw Error("inventory: capacity must be >= 1, got " + std::to_string(capacity));
  if (initial_level < 0 || initial_level > capacity) {
    throw Error("inventory: initial level must be in [0, " + std::to_string(capacity) + "], got " +
                std::to_string(initial_level));
  }
}

void Inventory::check_amount(std::int64_t amount) const {
  if (amount < 1 || amount > capacity_) {
    throw Error("inventory: amount must be in [1, capacity = " + std::to_string(capacity_) +
                "], got " + std::to_string(amount));
  }
}

void Inventory::change(double now, std::int64_t delta) {
  level_ += delta;
  level_stat_.set(now, static_cast<double>(level_));
  if (keep_history_) history_.push_back(LevelPoint{now, level_});
}

void Inventory::complete_put(double now, std::int64_t amount, double since) {
  change(now, amount);
  put_total_ += amount;
  ++put_count_;
  put_wait_ += now - since;
}

void Inventory::complete_get(double now, std::int64_t amount, double since) {
  change(now, -amount);
  got_total_ += amount;
  ++get_count_;
  get_wait_ += now - since;
}

double Inventory::mean_get_wait() const {
  return get_count_ ? get_wait_ / static_cast<double>(get_count_) : 0.0;
}

double Inventory::mean_put_wait() const {
  return put_count_ ? put_wait_ / static_cast<double>(put_count_) : 0.0;
}

}  // namespace rackscale::sim
