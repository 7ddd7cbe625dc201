#pragma once
//! Typed indices of the build-out model (internal): a site index cannot be used where a lane
//! or a pool is expected, and a vector of sites is indexed by site indices only.

#include <cstddef>
#include <utility>
#include <vector>

namespace rackscale::sim {

//! A site, scenario order.
enum class SiteIndex : int {};
//! A factory, scenario order.
enum class FactoryIndex : int {};
//! A production lane (factory, rack system), in order of first appearance in the contracts.
enum class LaneIndex : int {};
//! A component pool (all suppliers of one `component`), in order of first supplier.
enum class PoolIndex : int {};
//! A supplier, scenario order.
enum class SupplierIndex : int {};
//! A contract, scenario order.
enum class ContractIndex : int {};
//! A purchase option of BuildoutPlan::options (contract order, then option order).
enum class OptionIndex : int {};

//! No pool: the requirement or limiter names none.
inline constexpr PoolIndex kNoPool{-1};
//! No option: the order is a firm order.
inline constexpr OptionIndex kNoOption{-1};

//! The position of a typed index in its vector (and in the scenario-ordered result vectors).
template <class Index>
constexpr std::size_t position(Index index) {
  return static_cast<std::size_t>(index);
}

//! The indices 0, 1, ..., n - 1 of one index type, for range-for.
template <class Index>
class IndexRange {
 public:
  class Iterator {
   public:
    explicit constexpr Iterator(int value) : value_(value) {}
    constexpr Index operator*() const { return static_cast<Index>(value_); }
    constexpr Iterator& operator++() {
      ++value_;
      return *this;
    }
    constexpr bool operator!=(const Iterator& other) const { return value_ != other.value_; }

   private:
    int value_;
  };
  explicit constexpr IndexRange(std::size_t count) : count_(static_cast<int>(count)) {}
  constexpr Iterator begin() const { return Iterator(0); }
  constexpr Iterator end() const { return Iterator(count_); }

 private:
  int count_;
};

//! A std::vector indexed by one index type (an enum class, or int for days).
template <class Index, class T>
class IndexedVector {
 public:
  IndexedVector() = default;
  explicit IndexedVector(std::size_t count, const T& value = T{}) : items_(count, value) {}

  T& operator[](Index index) { return items_[position(index)]; }
  const T& operator[](Index index) const { return items_[position(index)]; }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  //! Every index of the vector, in order.
  IndexRange<Index> indices() const { return IndexRange<Index>(items_.size()); }
  //! The index the next push_back will have.
  Index next_index() const { return static_cast<Index>(items_.size()); }

  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

  void assign(std::size_t count, const T& value) { items_.assign(count, value); }
  void resize(std::size_t count) { items_.resize(count); }
  void reserve(std::size_t count) { items_.reserve(count); }
  void push_back(const T& item) { items_.push_back(item); }
  void push_back(T&& item) { items_.push_back(std::move(item)); }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    return items_.emplace_back(std::forward<Args>(args)...);
  }

 private:
  std::vector<T> items_;
};

}  // namespace rackscale::sim
