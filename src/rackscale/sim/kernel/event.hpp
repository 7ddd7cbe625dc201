#pragma once
//! The event of the discrete-event kernel: a small plain struct that the model dispatches on.

#include <cstdint>
#include <type_traits>

namespace rackscale::sim {

//! A scheduled event. The kernel reads only `time` and `seq`; the model gives meaning to
//! `kind`, `entity` and `data` (typically a switch on `kind` in its handler).
struct Event {
  double time = 0.0;         //!< when it happens [h from the start of the simulation]
  std::uint64_t seq = 0;     //!< insertion sequence number: equal times are handled in this order
  std::uint32_t kind = 0;    //!< model-defined event type
  std::uint32_t entity = 0;  //!< model-defined entity index (component, rack, site, ...)
  std::uint64_t data = 0;    //!< model-defined payload (an index, a count, a generation stamp)
};
static_assert(sizeof(Event) == 32, "events are copied by value in the queue: keep them small");
static_assert(std::is_trivially_copyable_v<Event>);

//! True if `a` is handled before `b`: earlier time, then earlier insertion.
constexpr bool before(const Event& a, const Event& b) {
  return a.time < b.time || (a.time == b.time && a.seq < b.seq);
}

}  // namespace rackscale::sim
