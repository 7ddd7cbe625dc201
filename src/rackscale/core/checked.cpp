#include "rackscale/core/checked.hpp"

#include <fmt/format.h>

namespace rackscale {

void throw_out_of_range(double value, std::string_view what, std::string_view type_name) {
  throw Error(fmt::format(
      "{} is {}, which does not fit {}: an input is beyond the limits of docs/scenario-format.md "
      "(\"Limits\") or the combination of inputs is too large",
      what, value, type_name));
}

}  // namespace rackscale
