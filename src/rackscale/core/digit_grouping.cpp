#include "rackscale/core/digit_grouping.hpp"

namespace rackscale {

std::string group_thousands(long long n) {
  const std::string grouped = group_digits(std::to_string(n < 0 ? -n : n));
  return n < 0 ? "-" + grouped : grouped;
}

std::string group_digits(std::string_view digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace rackscale
