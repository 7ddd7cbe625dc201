#include "rackscale/io/factory_loader.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "rackscale/io/duration_reader.hpp"

namespace rackscale::io {

namespace {

namespace u = rackscale::units;

// A probability or fraction in [0, 1].
std::optional<double> fraction(MapReader& r, const std::string& key, Need need) {
  return r.number(key, need, Bound<double>{0.0, false}, Bound<double>{1.0, false});
}

model::EarlyAccess read_early_access(MapReader& r) {
  model::EarlyAccess access;
  access.where = r.where();
  access.racks = static_cast<int>(r.integer("racks", Need::Required, 1, 100000).value_or(1));
  access.delivered = r.date("delivered", Need::Required).value_or(Date{});
  if (MapReader q = r.map("qualification", Need::Required); q.valid()) {
    access.qualification.pass_probability =
        fraction(q, "pass_probability", Need::Required).value_or(1.0);
    access.qualification.duration = read_duration(q, "duration", Need::Required);
    q.finish();
  }
  if (MapReader c = r.map("design_change", Need::Optional); c.valid() && r.has("design_change")) {
    access.design_change.delay =
        c.quantity<u::Duration>("delay", Need::Required, non_negative<u::Duration>())
            .value_or(u::Duration{});
    access.design_change.yield_hit = fraction(c, "yield_hit", Need::Optional).value_or(0.0);
    c.finish();
  }
  r.finish();
  return access;
}

model::YieldLearning read_yield_learning(MapReader& r) {
  model::YieldLearning learning;
  learning.rate =
      r.number("rate", Need::Required, Bound<double>{0.0, false}, Bound<double>{1.0, true})
          .value_or(0.0);
  learning.reference_racks = r.integer("reference_racks", Need::Required, 1, {}).value_or(1);
  learning.max_yield = fraction(r, "max_yield", Need::Optional).value_or(1.0);
  r.finish();
  return learning;
}

model::BurnInSlots read_burn_in_slots(MapReader& r) {
  model::BurnInSlots slots;
  slots.slots = static_cast<int>(r.integer("slots", Need::Required, 1, 1000000).value_or(1));
  slots.power_per_slot =
      r.quantity<u::Power>("power_per_slot", Need::Required, positive<u::Power>())
          .value_or(u::Power{});
  r.finish();
  return slots;
}

// The kinds of gear a factory may build (docs/scenario-format.md, "Factory operations").
const std::vector<std::string>& gear_kinds() {
  static const std::vector<std::string> kinds = {
      "power_shelf", "busway", "switchgear_skid", "power_module", "cdu", "switch_tray", "switch"};
  return kinds;
}

model::GearProduct read_gear(MapReader& r) {
  model::GearProduct gear;
  gear.where = r.where();
  gear.name = r.string("name", Need::Required).value_or("");
  gear.kind = r.choice("kind", Need::Required, gear_kinds()).value_or("");
  gear.line_share =
      r.number("line_share", Need::Required, Bound<double>{0.0, true}, {}).value_or(1.0);
  r.finish();
  return gear;
}

// Mean weekly orders by date, dates increasing.
std::vector<model::OrderRatePoint> read_orders(MapReader& r) {
  std::vector<model::OrderRatePoint> orders;
  r.each_map("orders", Need::Required, [&](MapReader& m, std::size_t) {
    model::OrderRatePoint point;
    point.date = m.date("date", Need::Required).value_or(Date{});
    point.rate = m.quantity<u::CountRate>("rate", Need::Required, non_negative<u::CountRate>())
                     .value_or(u::CountRate{});
    if (!orders.empty() && !(orders.back().date < point.date)) {
      m.fail("date", fmt::format("dates must increase: {} is not after {}", point.date.to_string(),
                                 orders.back().date.to_string()));
    }
    orders.push_back(point);
    m.finish();
  });
  r.non_empty("orders", "e.g. `orders: [{date: 2026-03-02, rate: 800 racks/week}]`");
  return orders;
}

model::OtherBuyer read_other_buyer(MapReader& r, const std::vector<std::string>& products) {
  model::OtherBuyer buyer;
  buyer.where = r.where();
  buyer.name = r.string("name", Need::Required).value_or("");
  buyer.product = r.string("product", Need::Required).value_or("");
  if (r.has("product") && !buyer.product.empty() &&
      std::find(products.begin(), products.end(), buyer.product) == products.end()) {
    r.fail("product",
           fmt::format("\"{}\" is not built by this factory (its products and gear: {})",
                       buyer.product, fmt::join(products, ", ")),
           suggest(buyer.product, products));
  }
  buyer.orders = read_orders(r);
  buyer.volatility =
      r.number("volatility", Need::Optional, Bound<double>{0.0, false}, {}).value_or(0.0);
  buyer.unit_price = r.quantity<u::Money>("unit_price", Need::Optional, non_negative<u::Money>())
                         .value_or(u::Money{});
  r.finish();
  return buyer;
}

const model::NameTable<model::LinePriority>& line_priority_names() {
  static const model::NameTable<model::LinePriority> names = {
      {"partner", model::LinePriority::Partner},
      {"others", model::LinePriority::Others},
      {"share", model::LinePriority::Share}};
  return names;
}

void read_priority(MapReader& r, model::FactoryOperations& operations) {
  operations.priority = r.choice_of("priority", Need::Optional, line_priority_names())
                            .value_or(model::LinePriority::Partner);
  const auto share = fraction(r, "partner_share", Need::Optional);
  if (share && operations.priority != model::LinePriority::Share) {
    r.fail("partner_share", "a partner share needs `priority: share`",
           "add `priority: share`, or remove `partner_share`");
  }
  if (operations.priority == model::LinePriority::Share && !share && r.has("priority")) {
    r.fail("priority", "`priority: share` needs a `partner_share`",
           "add e.g. `partner_share: 0.5`");
  }
  operations.partner_share =
      operations.priority == model::LinePriority::Others ? 0.0 : share.value_or(1.0);
}

// The site component classes a gear kind can stand for (docs/scenario-format.md, "gear_from");
// none for the parts that go into racks.
std::vector<std::string> components_of_kind(const std::string& kind) {
  if (kind == "cdu") return {"cdu"};
  if (kind == "switchgear_skid") return {"switchgear"};
  if (kind == "power_module") return {"unit_substation", "ups"};
  if (kind == "switch") return {"scale_out_switch", "frontend_switch"};
  return {};
}

// The component classes of a site's gear (sim::component_class_of).
const std::vector<std::string>& site_components() {
  static const std::vector<std::string> classes = {"transformer",
                                                   "switchgear",
                                                   "unit_substation",
                                                   "ups",
                                                   "generator",
                                                   "battery",
                                                   "cdu",
                                                   "dry_cooler",
                                                   "chiller",
                                                   "cooling_tower",
                                                   "optics",
                                                   "scale_out_switch",
                                                   "frontend_switch"};
  return classes;
}

const model::Factory* factory_named(MapReader& r, const std::string& name,
                                    const std::vector<model::Factory>& factories) {
  std::vector<std::string> names;
  for (const model::Factory& factory : factories) {
    if (factory.name == name) return &factory;
    names.push_back(factory.name);
  }
  r.fail("factory", fmt::format("no factory named \"{}\" in this scenario", name),
         suggest(name, names));
  return nullptr;
}

// The factory's gear product `source.gear`, able to stand for `source.component`.
void check_gear(MapReader& r, const model::GearSource& source, const model::Factory& factory) {
  std::vector<std::string> names;
  for (const model::GearProduct& gear : factory.operations.gear) {
    names.push_back(gear.name);
    if (gear.name != source.gear) continue;
    const std::vector<std::string> components = components_of_kind(gear.kind);
    if (!source.component.empty() &&
        std::find(components.begin(), components.end(), source.component) == components.end()) {
      r.fail("gear",
             fmt::format("\"{}\" is a {} and cannot stand for the site's {}", gear.name, gear.kind,
                         source.component),
             components.empty() ? "it goes into racks; name a cdu, switchgear_skid, power_module "
                                  "or switch gear product"
                                : fmt::format("use it for {}", fmt::join(components, " or ")));
    }
    return;
  }
  r.fail("gear",
         names.empty() ? fmt::format("factory \"{}\" builds no gear", factory.name)
                       : fmt::format("factory \"{}\" builds no gear \"{}\" (its gear: {})",
                                     factory.name, source.gear, fmt::join(names, ", ")),
         names.empty() ? "add it under the factory's `gear:`" : suggest(source.gear, names));
}

model::GearSource read_gear_source(MapReader& r, const std::vector<model::Factory>& factories) {
  model::GearSource source;
  source.where = r.where();
  source.component = r.choice("component", Need::Required, site_components()).value_or("");
  source.factory = r.string("factory", Need::Required).value_or("");
  source.gear = r.string("gear", Need::Required).value_or("");
  if (r.has("factory") && !source.factory.empty()) {
    const model::Factory* factory = factory_named(r, source.factory, factories);
    if (factory && r.has("gear") && !source.gear.empty()) check_gear(r, source, *factory);
  }
  r.finish();
  return source;
}

}  // namespace

std::vector<model::GearSource> read_gear_from(MapReader& r,
                                              const std::vector<model::Factory>& factories) {
  std::vector<model::GearSource> sources;
  r.each_map("gear_from", Need::Optional,
             [&](MapReader& m, std::size_t) { sources.push_back(read_gear_source(m, factories)); });
  return sources;
}

void read_factory_operations(MapReader& r, model::Factory& factory) {
  model::FactoryOperations& operations = factory.operations;
  if (MapReader m = r.map("early_access", Need::Optional); m.valid() && r.has("early_access")) {
    operations.early_access = read_early_access(m);
  }
  if (MapReader m = r.map("yield_learning", Need::Optional); m.valid() && r.has("yield_learning")) {
    operations.yield_learning = read_yield_learning(m);
  }
  if (MapReader m = r.map("burn_in_slots", Need::Optional); m.valid() && r.has("burn_in_slots")) {
    operations.burn_in_slots = read_burn_in_slots(m);
  }
  r.each_map("gear", Need::Optional,
             [&](MapReader& m, std::size_t) { operations.gear.push_back(read_gear(m)); });
  std::vector<std::string> products = factory.products;
  for (const model::GearProduct& gear : operations.gear) products.push_back(gear.name);
  r.each_map("other_buyers", Need::Optional, [&](MapReader& m, std::size_t) {
    operations.other_buyers.push_back(read_other_buyer(m, products));
  });
  read_priority(r, operations);
}

}  // namespace rackscale::io
