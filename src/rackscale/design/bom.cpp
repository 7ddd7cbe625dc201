#include "rackscale/design/bom.hpp"

namespace rackscale::design {

namespace u = rackscale::units;

std::optional<u::Money> BomLine::extended() const {
  if (!unit_price) return std::nullopt;
  return static_cast<double>(count) * *unit_price;
}

void Bom::add(const model::Catalog& catalog, std::string category, std::string item,
              long long count, std::string note) {
  if (count <= 0) return;
  for (auto& l : lines) {
    if (l.category == category && l.item == item && l.note == note) {
      l.count += count;
      return;
    }
  }
  BomLine line;
  line.category = std::move(category);
  line.item = std::move(item);
  line.count = count;
  line.note = std::move(note);
  if (const auto* e = catalog.find(line.item)) {
    line.kind = e->kind;
    line.unit_price = e->price;
    line.lead_time = e->lead_time;
  }
  lines.push_back(std::move(line));
}

u::Money Bom::priced_total() const {
  u::Money sum;
  for (const auto& l : lines) {
    if (auto x = l.extended()) sum += *x;
  }
  return sum;
}

int Bom::unpriced_lines() const {
  int n = 0;
  for (const auto& l : lines) n += l.unit_price ? 0 : 1;
  return n;
}

}  // namespace rackscale::design
