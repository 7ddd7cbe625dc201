#include "rackscale/report/single_line_svg.hpp"

#include "rackscale/report/svg_chart_canvas.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace rackscale::report {

namespace {

namespace u = rackscale::units;
using design::PowerStage;
using design::StageKind;

// "100 MVA", "3 MVA", "1.25 MW", "5.5 kW".
std::string rating(u::Power p, bool va) {
  const char* mega = va ? "MVA" : "MW";
  const char* kilo = va ? "kVA" : "kW";
  if (p >= 1.0 * u::MW) return fmt::format("{:.4g} {}", p.in(u::MW), mega);
  return fmt::format("{:.4g} {}", p.in(u::kW), kilo);
}

std::string power(u::Power p) {
  if (p >= 1.0 * u::MW) return fmt::format("{:.2f} MW", p.in(u::MW));
  return fmt::format("{:.1f} kW", p.in(u::kW));
}

std::string percent(double x) {
  return fmt::format("{:.0f}%", x * 100.0);
}

constexpr int kWidth = 840;
constexpr int kBoxX = 56;
constexpr int kBoxWidth = 470;
constexpr int kBoxHeight = 78;
constexpr int kPitch = 112;
constexpr int kTop = 92;
constexpr int kSideX = 590;
constexpr int kSideWidth = 220;

class Svg {
 public:
  void line(int x1, int y1, int x2, int y2, bool dashed = false) {
    body_ += fmt::format(
        "  <line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\" stroke-width=\"2\"{}/>\n",
        x1, y1, x2, y2, dashed ? " stroke-dasharray=\"6 4\"" : "");
  }
  void rect(int x, int y, int w, int h, const char* fill) {
    body_ += fmt::format(
        "  <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" "
        "stroke=\"#333\" stroke-width=\"1.5\"/>\n",
        x, y, w, h, fill);
  }
  void circle(int cx, int cy, int r) {
    body_ += fmt::format(
        "  <circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"#333\" "
        "stroke-width=\"1.5\"/>\n",
        cx, cy, r);
  }
  void text(int x, int y, const std::string& s, int size = 12, bool bold = false,
            const char* anchor = "start", const std::string& transform = "") {
    body_ +=
        fmt::format("  <text x=\"{}\" y=\"{}\" font-size=\"{}\"{} text-anchor=\"{}\"{}>{}</text>\n",
                    x, y, size, bold ? " font-weight=\"bold\"" : "", anchor,
                    transform.empty() ? "" : " transform=\"" + transform + "\"", xml_escape(s));
  }
  void open_group(const std::string& id) {
    body_ += fmt::format("  <g id=\"{}\">\n", xml_escape(id));
  }
  void close_group() { body_ += "  </g>\n"; }
  std::string document(int height, const std::string& title) const {
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" font-family=\"Helvetica, Arial, sans-serif\" "
        "fill=\"#111\">\n",
        kWidth, height);
    out += fmt::format("  <title>{}</title>\n", xml_escape(title));
    out += fmt::format("  <rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n",
                       kWidth, height);
    out += body_;
    out += "</svg>\n";
    return out;
  }

 private:
  std::string body_;
};

const char* fill_for(StageKind k) {
  switch (k) {
    case StageKind::Utility:
      return "#eef3fb";
    case StageKind::Transformer:
    case StageKind::UnitSubstation:
      return "#fdf3e3";
    case StageKind::Switchgear:
      return "#f1f1f1";
    case StageKind::Ups:
      return "#e8f6ec";
    case StageKind::Distribution:
      return "#f6f0fb";
    case StageKind::RackPower:
      return "#fbeaea";
  }
  return "#fff";
}

// The count line of a stage: "12 installed (11 needed), N+1".
std::string count_line(const PowerStage& s) {
  if (s.kind == StageKind::Utility) {
    return fmt::format("{} ({}), {}", s.equipment, s.redundancy, s.feeds);
  }
  if (s.kind == StageKind::Distribution) return fmt::format("{}, {}", s.equipment, s.redundancy);
  if (s.kind == StageKind::RackPower) {
    return fmt::format("{} PSUs ({}), {}", s.count.installed, s.equipment, s.redundancy);
  }
  return fmt::format("{} x {} ({} needed), {}", s.count.installed, s.equipment, s.count.needed,
                     s.redundancy);
}

std::string rating_line(const PowerStage& s) {
  if (s.kind == StageKind::Utility) {
    return fmt::format("design demand {}", power(s.design.input));
  }
  if (s.kind == StageKind::Distribution) {
    return fmt::format("design load {}, efficiency {:.1f}%", power(s.design.output),
                       s.design.efficiency * 100.0);
  }
  std::string out = fmt::format("{} per unit, loading {}", rating(s.unit_rating, s.rated_in_va),
                                percent(s.design.loading));
  if (s.count.loading_after_failure) {
    out += fmt::format(" ({} after 1 failure)", percent(*s.count.loading_after_failure));
  }
  return out;
}

std::string flow_line(const PowerStage& s) {
  if (s.kind == StageKind::Utility) {
    return fmt::format("typical {}", power(s.typical.input));
  }
  return fmt::format("design: in {}, loss {} ({:.2f}%){}", power(s.design.input),
                     power(s.design.loss), (1.0 - s.design.efficiency) * 100.0,
                     s.loss_inside_it ? ", inside IT load" : "");
}

// Opens group `id` with a box beside the chain, centred on the bus at `bus_y` and tied to it by
// a dashed line, headed `heading`. The caller adds the lines below and closes the group.
void side_box(Svg& svg, const std::string& id, int bus_y, int half_height, const char* fill,
              const std::string& heading) {
  svg.open_group(id);
  svg.line(kBoxX + kBoxWidth, bus_y, kSideX, bus_y, true);
  svg.rect(kSideX, bus_y - half_height, kSideWidth, 2 * half_height, fill);
  svg.text(kSideX + 10, bus_y - half_height + 18, heading, 13, true);
}

// Where the chain's buses are drawn [px]: the side boxes and the UPS bypass attach to them.
struct BusPositions {
  std::optional<int> mv_bus_y;  // MV switchgear
  std::optional<int> lv_bus_y;  // unit substations (LV)
  std::optional<int> ups_y;     // top of the UPS box
  std::optional<int> dist_y;    // distribution
};

// One stage box at height `y`, with the transformer symbol where the stage has one.
void draw_stage(Svg& svg, const PowerStage& s, int y) {
  svg.open_group("stage-" + design::to_string(s.kind));
  svg.rect(kBoxX, y, kBoxWidth, kBoxHeight, fill_for(s.kind));
  int text_x = kBoxX + 14;
  if (s.kind == StageKind::Transformer || s.kind == StageKind::UnitSubstation) {
    // The two-winding transformer symbol.
    svg.circle(kBoxX + 26, y + kBoxHeight / 2 - 8, 11);
    svg.circle(kBoxX + 26, y + kBoxHeight / 2 + 8, 11);
    text_x = kBoxX + 50;
  }
  svg.text(text_x, y + 20, s.label, 14, true);
  svg.text(text_x, y + 38, count_line(s), 12);
  svg.text(text_x, y + 54, rating_line(s), 12);
  svg.text(text_x, y + 70, flow_line(s), 11);
  svg.close_group();
}

// The stages top to bottom, joined by the main line; returns where the buses are.
BusPositions draw_stages(Svg& svg, const design::PowerChain& chain) {
  const int cx = kBoxX + kBoxWidth / 2;
  BusPositions bus;
  for (std::size_t i = 0; i < chain.stages.size(); ++i) {
    const PowerStage& s = chain.stages[i];
    const int y = kTop + static_cast<int>(i) * kPitch;
    if (i > 0) svg.line(cx, y - (kPitch - kBoxHeight), cx, y);
    draw_stage(svg, s, y);
    if (s.kind == StageKind::Switchgear) bus.mv_bus_y = y + kBoxHeight / 2;
    if (s.kind == StageKind::UnitSubstation) bus.lv_bus_y = y + kBoxHeight / 2;
    if (s.kind == StageKind::Ups) bus.ups_y = y;
    if (s.kind == StageKind::Distribution) bus.dist_y = y + kBoxHeight / 2;
  }
  return bus;
}

// Batteries on the MV bus at `bus_y`.
void draw_battery(Svg& svg, const design::BatteryDesign& b, int bus_y) {
  side_box(svg, "battery", bus_y, 44, "#eef8f8", "Batteries (swing buffer)");
  if (b.units > 0) {
    svg.text(kSideX + 10, bus_y - 9, fmt::format("{} x {}", b.units, b.model), 11);
    svg.text(kSideX + 10, bus_y + 7,
             fmt::format("{:.1f} MW / {:.2f} MWh installed", b.installed_power.in(u::MW),
                         b.installed_energy.in(u::MWh)),
             11);
  } else {
    svg.text(kSideX + 10, bus_y - 9, "none", 11);
  }
  svg.text(kSideX + 10, bus_y + 23,
           fmt::format("grid step {:.1f} -> {:.1f} MW", b.step_without_battery.in(u::MW),
                       b.step_with_battery.in(u::MW)),
           11);
  svg.text(kSideX + 10, bus_y + 38,
           b.max_grid_step.si() > 0.0 ? fmt::format("limit {}", power(b.max_grid_step))
                                      : std::string("no grid step limit"),
           11);
  svg.close_group();
}

// Standby generators on the LV bus at `bus_y`.
void draw_generators(Svg& svg, const design::BackupGeneration& g, int bus_y) {
  side_box(svg, "generators", bus_y, 36, "#fff7e0", "Standby generators");
  if (g.count.installed > 0) {
    svg.text(kSideX + 10, bus_y - 1,
             fmt::format("{} x {} ({} needed), {}", g.count.installed, g.model, g.count.needed,
                         g.redundancy),
             11);
    svg.text(kSideX + 10, bus_y + 15,
             fmt::format("{} each, {} coverage", rating(g.unit_rating, false), g.coverage), 11);
    svg.text(kSideX + 10, bus_y + 30, fmt::format("carry {}", power(g.load)), 11);
  } else {
    svg.text(kSideX + 10, bus_y - 1, "none", 11);
    svg.text(kSideX + 10, bus_y + 15, fmt::format("generator: {}", g.coverage), 11);
  }
  svg.close_group();
}

// Partial UPS: the training racks bypass it, straight from the LV bus to the busway.
void draw_ups_bypass(Svg& svg, int lv_bus_y, int dist_y) {
  const int x = kBoxX - 20;
  svg.open_group("ups-bypass");
  svg.line(kBoxX, lv_bus_y, x, lv_bus_y);
  svg.line(x, lv_bus_y, x, dist_y);
  svg.line(x, dist_y, kBoxX, dist_y);
  svg.text(x - 6, (lv_bus_y + dist_y) / 2, "training load, no UPS", 10, false, "middle",
           fmt::format("rotate(-90 {} {})", x - 6, (lv_bus_y + dist_y) / 2));
  svg.close_group();
}

// No UPS: say so beside the distribution at `dist_y`.
void draw_no_ups(Svg& svg, model::BackupCoverage coverage, int dist_y) {
  svg.open_group("no-ups");
  svg.rect(kSideX, dist_y - 24, kSideWidth, 48, "#f7f7f7");
  svg.text(kSideX + 10, dist_y - 5,
           coverage == model::BackupCoverage::None ? "No UPS: loads ride the grid"
                                                   : "No UPS-backed load",
           12, true);
  svg.text(kSideX + 10, dist_y + 12, fmt::format("ups: {}", to_string(coverage)), 11);
  svg.close_group();
}

}  // namespace

std::string single_line_svg(const design::PowerChain& chain, const std::string& site_name) {
  Svg svg;
  const std::string title = "Single-line diagram: " + site_name;
  svg.text(kBoxX, 34, title, 20, true);
  svg.text(kBoxX, 58,
           fmt::format("design demand {} ({:.2f} MVA at pf {:.2f}): critical {}, mechanical {}, "
                       "losses {}",
                       power(chain.design.total), chain.design.apparent.in(u::MW),
                       chain.power_factor, power(chain.design.critical),
                       power(chain.design.mechanical), power(chain.design.losses)),
           12);
  const BusPositions bus = draw_stages(svg, chain);
  const int height = kTop + static_cast<int>(chain.stages.size()) * kPitch + 40;
  if (bus.mv_bus_y) draw_battery(svg, chain.battery, *bus.mv_bus_y);
  if (bus.lv_bus_y) draw_generators(svg, chain.generation, *bus.lv_bus_y);
  if (bus.ups_y && bus.dist_y && bus.lv_bus_y &&
      chain.ups_coverage == model::BackupCoverage::Partial) {
    draw_ups_bypass(svg, *bus.lv_bus_y, *bus.dist_y);
  }
  if (!bus.ups_y && bus.dist_y) draw_no_ups(svg, chain.ups_coverage, *bus.dist_y);
  return svg.document(height, title);
}

}  // namespace rackscale::report
