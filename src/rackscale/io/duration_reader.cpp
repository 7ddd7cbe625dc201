#include "rackscale/io/duration_reader.hpp"

#include <fmt/format.h>

namespace rackscale::io {

namespace u = rackscale::units;

model::DurationDistribution read_duration(MapReader& r, const std::string& key, Need need) {
  using model::DurationDistribution;
  DurationDistribution d;
  const char* kForms =
      "write a duration such as \"4 weeks\", or a distribution such as "
      "{dist: triangular, min: 8 weeks, mode: 12 weeks, max: 20 weeks}";
  YAML::Node n = r.raw(key);
  if (!n.IsDefined() || n.IsScalar()) {
    // A plain duration is a fixed value.
    d.a = r.quantity<u::Duration>(key, need, non_negative<u::Duration>()).value_or(u::Duration{});
    return d;
  }
  if (!n.IsMap()) {
    r.fail(key, fmt::format("expected a duration or a distribution, got {}", describe_node(n)),
           kForms);
    return d;
  }
  MapReader m = r.map(key, need);
  const std::vector<std::string> kinds = {"fixed", "uniform", "triangular", "lognormal"};
  auto kind = m.choice("dist", Need::Required, kinds);
  if (!kind) return d;  // without a valid `dist` the other keys cannot be judged
  auto nn = non_negative<u::Duration>();
  auto get = [&](const char* k) { return m.quantity<u::Duration>(k, Need::Required, nn); };
  if (*kind == "fixed") {
    d.kind = DurationDistribution::Kind::Fixed;
    d.a = get("value").value_or(u::Duration{});
  } else if (*kind == "uniform") {
    d.kind = DurationDistribution::Kind::Uniform;
    auto lo = get("min"), hi = get("max");
    m.check_order("min", lo, "max", hi, false);
    d.a = lo.value_or(u::Duration{});
    d.b = hi.value_or(u::Duration{});
  } else if (*kind == "triangular") {
    d.kind = DurationDistribution::Kind::Triangular;
    auto lo = get("min"), mode = get("mode"), hi = get("max");
    m.check_order("min", lo, "mode", mode, false);
    m.check_order("mode", mode, "max", hi, false);
    d.a = lo.value_or(u::Duration{});
    d.b = mode.value_or(u::Duration{});
    d.c = hi.value_or(u::Duration{});
  } else {
    d.kind = DurationDistribution::Kind::Lognormal;
    auto median = m.quantity<u::Duration>("median", Need::Required, positive<u::Duration>());
    auto p90 = get("p90");
    m.check_order("median", median, "p90", p90, true);
    d.a = median.value_or(u::Duration{});
    d.b = p90.value_or(u::Duration{});
  }
  m.finish();
  return d;
}

}  // namespace rackscale::io
