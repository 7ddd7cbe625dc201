#pragma once
//! A growable ring buffer used as the FIFO queue of resources and inventories.

#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace rackscale::sim {

//! First in, first out; capacity doubles when full, memory is kept when it drains.
template <class T>
class Fifo {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  void push(const T& value) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & (slots_.size() - 1)] = value;
    ++size_;
  }
  //! The oldest element; requires !empty().
  const T& front() const {
    assert(size_ > 0);
    return slots_[head_];
  }
  //! Removes the oldest element; requires !empty().
  void pop() {
    assert(size_ > 0);
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
  }
  //! The i-th oldest element (0 is the front).
  const T& operator[](std::size_t i) const { return slots_[(head_ + i) & (slots_.size() - 1)]; }

 private:
  void grow() {
    std::vector<T> bigger(slots_.empty() ? 16 : 2 * slots_.size());
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = (*this)[i];
    slots_ = std::move(bigger);
    head_ = 0;
  }

  std::vector<T> slots_;  // size is 0 or a power of two
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace rackscale::sim
