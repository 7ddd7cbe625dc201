#pragma once
//! Thousands separators for numbers shown to people (messages, tables, reports).

#include <string>
#include <string_view>

namespace rackscale {

//! 1234567 -> "1,234,567".
std::string group_thousands(long long n);

//! "1234567" -> "1,234,567": commas between groups of three in a string of digits.
std::string group_digits(std::string_view digits);

}  // namespace rackscale
