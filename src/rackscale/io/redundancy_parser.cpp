#include "rackscale/io/redundancy_parser.hpp"

#include <regex>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"

namespace rackscale::io {

model::RedundancyScheme parse_redundancy(const std::string& text) {
  using Kind = model::RedundancyScheme::Kind;
  static const std::regex n_plus(R"(N\+([1-9][0-9]?))");
  static const std::regex distributed(R"(([1-9][0-9]?)N/([1-9][0-9]?))");
  std::smatch m;
  if (text == "N") return {Kind::N};
  if (text == "2N") return {Kind::TwoN};
  if (text == "block") return {Kind::Block};
  if (std::regex_match(text, m, n_plus)) return model::RedundancyScheme::n_plus(std::stoi(m[1]));
  if (std::regex_match(text, m, distributed)) {
    model::RedundancyScheme s{Kind::Distributed};
    s.systems = std::stoi(m[1]);
    s.carrying = std::stoi(m[2]);
    if (s.systems <= s.carrying) {
      throw Error(fmt::format(
          "redundancy \"{}\": in xN/y the systems x must exceed the systems y that carry the "
          "load (e.g. \"4N/3\"), got x = {} and y = {}",
          text, s.systems, s.carrying));
    }
    return s;
  }
  throw Error(fmt::format(
      "redundancy \"{}\" is not a known scheme; expected N, N+k (e.g. N+1, N+2), 2N, xN/y "
      "(e.g. 3N/2, 4N/3) or block",
      text));
}

}  // namespace rackscale::io
