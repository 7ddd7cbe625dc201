#pragma once
//! Checked conversion of floating-point values to integers: the one place where a double that
//! may come from input (a count, a number of days) becomes an integer. The loader bounds every
//! input (docs/scenario-format.md, "Limits"), so a failure here means a derived value outgrew
//! its type; it is reported as an error, never left as undefined behaviour (a float-to-int cast
//! of an out-of-range value is undefined in C++ and wrapped to -2147483648 in v0.1).

#include <cmath>
#include <concepts>
#include <limits>
#include <string>
#include <string_view>

#include "rackscale/core/error.hpp"

namespace rackscale {

//! Throws rackscale::Error: `value` (already rounded as the caller wants) does not fit the
//! integer type named `type_name`; `what` names the quantity, e.g. "racks for the IT power".
[[noreturn]] void throw_out_of_range(double value, std::string_view what,
                                     std::string_view type_name);

//! `value` truncated toward zero as T, like static_cast<T>; throws rackscale::Error naming
//! `what` if it is NaN, infinite or outside the range of T. Round first (std::floor, std::ceil,
//! std::round) to choose the rounding.
template <std::integral T = int>
T checked_int(double value, std::string_view what) {
  // 2^digits is exact in a double and is the first value above the range of T; the lowest
  // value of a signed T is -2^digits, of an unsigned one 0.
  const double above = std::ldexp(1.0, std::numeric_limits<T>::digits);
  const double lowest = std::numeric_limits<T>::is_signed ? -above : 0.0;
  const double whole = std::trunc(value);
  if (!(whole >= lowest && whole < above)) {
    throw_out_of_range(
        value, what,
        std::numeric_limits<T>::is_signed ? "a signed integer" : "an unsigned integer");
  }
  return static_cast<T>(whole);
}

}  // namespace rackscale
