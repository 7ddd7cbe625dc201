#include "rackscale/sim/reliability/fleet_simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "rackscale/core/error.hpp"
#include "rackscale/core/random.hpp"
#include "rackscale/sim/kernel/fifo.hpp"
#include "rackscale/sim/kernel/inventory.hpp"
#include "rackscale/sim/kernel/resource.hpp"
#include "rackscale/sim/kernel/simulator.hpp"
#include "rackscale/sim/kernel/time_average.hpp"

namespace rackscale::sim {

namespace {

using model::ComponentType;
using model::RecoveryPath;
using model::RepairTime;
namespace u = rackscale::units;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Random streams: (seed, run, kind, site_stream << 32 | index): one per rack (its nodes' and
// rack components' failures and repairs) and one per facility unit.
constexpr std::uint64_t kRackStream = stream_kind("reliability.rack");
constexpr std::uint64_t kFacilityStream = stream_kind("reliability.facility");

//! First hour of the day shift [h]; shifts of 8 h follow it. assumption: a day shift from
//! 08:00, as CrewPlan::shifts_per_day documents.
constexpr double kShiftStartH = 8.0;

// The exponential clock of an entity, in clock event data and tickets.
constexpr std::uint16_t kExpClock = 0xFFFF;

enum Kind : std::uint32_t {
  kRackClock,      // entity: rack; data: generation
  kFacilityClock,  // entity: facility unit
  kPartReady,      // entity: target; data: ticket
  kCrewReady,      // entity: target; data: ticket
  kCrewDone,       // entity: target; data: ticket
  kRepairDone,     // entity: target; data: ticket
  kRestock,        // data: 1 if a part goes back into the stock
  kJobRestarted,   // entity: job; data: generation
  kJobDone,        // entity: job; data: generation
};

// A repair target is an entity id with its level in the top two bits.
constexpr std::uint32_t kLevelNode = 0;
constexpr std::uint32_t kLevelRack = 1u << 30;
constexpr std::uint32_t kLevelFacility = 2u << 30;
constexpr std::uint32_t kLevelMask = 3u << 30;

// Ticket: the component type in the low byte, the failed clock slot above it.
constexpr std::uint64_t ticket(ComponentType t, std::uint16_t slot) {
  return static_cast<std::uint64_t>(t) | (static_cast<std::uint64_t>(slot) << 8);
}
constexpr ComponentType ticket_type(std::uint64_t d) {
  return static_cast<ComponentType>(d & 0xFF);
}
constexpr std::uint16_t ticket_slot(std::uint64_t d) {
  return static_cast<std::uint16_t>((d >> 8) & 0xFFFF);
}

// Draws repair times [h] from a RepairTime.
class RepairSampler {
 public:
  RepairSampler() = default;
  explicit RepairSampler(const RepairTime& r) : kind_(r.kind) {
    a_ = r.a.in(u::h);
    b_ = r.b.in(u::h);
    switch (r.kind) {
      case RepairTime::Kind::Fixed:
        break;
      case RepairTime::Kind::Exponential:
        if (a_ > 0.0) exp_.emplace(a_);
        break;
      case RepairTime::Kind::Uniform:
        uni_.emplace(a_, b_);
        break;
      case RepairTime::Kind::Triangular:
        tri_.emplace(a_, b_, r.c.in(u::h));
        break;
      case RepairTime::Kind::Lognormal:
        if (a_ > 0.0) logn_.emplace(Lognormal::from_median_p90(a_, b_));
        break;
    }
  }
  double sample(Rng& rng) const {
    switch (kind_) {
      case RepairTime::Kind::Fixed:
        return a_;
      case RepairTime::Kind::Exponential:
        return exp_ ? exp_->sample(rng) : 0.0;
      case RepairTime::Kind::Uniform:
        return uni_->sample(rng);
      case RepairTime::Kind::Triangular:
        return tri_->sample(rng);
      case RepairTime::Kind::Lognormal:
        return logn_ ? logn_->sample(rng) : 0.0;
    }
    return a_;
  }
  //! True if every draw is zero (no downtime at all).
  bool always_zero() const { return kind_ == RepairTime::Kind::Fixed && a_ <= 0.0; }

 private:
  RepairTime::Kind kind_ = RepairTime::Kind::Fixed;
  double a_ = 0.0, b_ = 0.0;
  std::optional<Exponential> exp_;
  std::optional<Uniform> uni_;
  std::optional<Triangular> tri_;
  std::optional<Lognormal> logn_;
};

// The clocks of one kind of entity (every node alike, every rack alike): exponential types
// superposed into one clock, each Weibull instance a slot of its own.
struct ClockLayout {
  double exp_rate = 0.0;        // [1/h]
  std::vector<double> exp_cum;  // cumulative rates of exp_type
  std::vector<ComponentType> exp_type;
  std::vector<ComponentType> slot_type;
  std::vector<Weibull> slot_law;
  std::size_t slots() const { return slot_type.size(); }

  void add(const ComponentModel& m, int instances) {
    if (instances <= 0 || !m.fails()) return;
    if (m.exponential()) {
      exp_rate += instances * m.rate_per_h();
      exp_cum.push_back(exp_rate);
      exp_type.push_back(m.type);
    } else {
      const double scale = m.weibull_scale_h();
      for (int i = 0; i < instances; ++i) {
        slot_type.push_back(m.type);
        slot_law.emplace_back(m.weibull_shape, scale);
      }
    }
  }
  // The exponential type at x in [0, exp_rate) of the cumulative rates.
  ComponentType pick_at(double x) const {
    for (std::size_t i = 0; i + 1 < exp_cum.size(); ++i) {
      if (x < exp_cum[i]) return exp_type[i];
    }
    return exp_type.back();
  }
};

// A rack and its one failure clock. The exponential types of its nodes and rack components are
// superposed into one Poisson stream at the rate with everything up, and thinned: a firing
// picks a component of the full rack, and does nothing if that component is down (exact for a
// Poisson process whose rate only drops while parts are down; no rescheduling on changes).
// Each Weibull instance is a renewal clock (slot) of its own. One pending event per rack: the
// earliest clock; a clock that moves later leaves the event in place (it wakes, finds nothing
// due, and re-arms), a clock that moves earlier schedules a new one (the old one goes stale).
struct RackState {
  explicit RackState(Rng r) : rng(r) {}
  Rng rng;
  double exp_next = kInf;        // next firing of the superposed exponential clock [h]
  double pending = kInf;         // time of the pending clock event [h]
  float tray_down_since = 0.0f;  // [h]
  std::uint32_t gen = 0;         // stamp of the pending clock event
  std::uint16_t tray_slot = 0;   // rack-component clock that failed
  std::uint8_t tray_failed = 0;  // a rack component is down for repair
};

// Clock codes: the exponential clock, else a Weibull slot (node k slot j: k W + j; rack slot j:
// nodes_per_rack W + j).
constexpr std::uint32_t kExpCode = 0xFFFF'FFFF;

// The earliest clock seen so far while scanning a rack's clocks: its time [h] and code.
struct ClockDue {
  double time = kInf;
  std::uint32_t code = kExpCode;

  // Takes the earliest of `count` Weibull slots whose codes start at `first_code`, if earlier.
  void take_earlier(const float* slots, std::uint32_t count, std::uint32_t first_code) {
    for (std::uint32_t j = 0; j < count; ++j) {
      if (slots[j] < time) {
        time = slots[j];
        code = first_code + j;
      }
    }
  }
};

struct FacilityUnit {
  explicit FacilityUnit(Rng r) : rng(r) {}
  Rng rng;
  std::uint32_t group = 0;
  std::uint32_t index = 0;  // in its group
};

struct FacilityGroup {
  FacilityGroupSpec spec;
  // Time to failure of one unit: one of the two, or neither if the type never fails.
  std::optional<Exponential> exp_law;
  std::optional<Weibull> weibull_law;
  int failed = 0;
  int stopped_count = 0;
  std::vector<std::uint8_t> stopped;    // per share
  std::vector<std::uint8_t> unit_down;  // per unit of the group
};

enum class JobState : std::uint8_t { Running, Restarting, Waiting, Done };

struct Job {
  JobPlan plan;
  JobState state = JobState::Running;
  bool touched = false;
  bool queued = false;
  ComponentType touch_cause = ComponentType::Gpu;
  std::uint32_t gen = 0;
  int held = 0;            // healthy units owned
  double since = 0.0;      // entry into the current state [h]
  double run_start = 0.0;  // start of the current running stretch [h]
  JobRunResult r;
};

class SiteSimulation {
 public:
  SiteSimulation(const SiteRunInput& in, std::uint64_t seed, std::uint64_t run)
      : in_(in), f_(in.fleet), horizon_(in.horizon_h) {
    check_input();
    init_clocks();
    const std::uint64_t prefix = in.site_stream << 32;
    init_racks(seed, run, prefix);
    init_facility(seed, run, prefix);
    const auto units = static_cast<std::size_t>(f_.units());
    unit_down_.assign(units, 0);
    owner_.assign(units, -1);
    pool_pos_.assign(units, -1);
    idle_.assign(units, 0);
    if (!in.crews.unlimited) crew_.emplace(static_cast<std::uint32_t>(in.crews.technicians));
    if (!in.parts.unlimited && in.parts.stock > 0) {
      parts_.emplace(in.parts.stock, in.parts.stock);
    }
  }

  SiteRunResult run() {
    // Jobs take units in order; the rest form the pool of spares.
    int next_unit = 0;
    for (const auto& plan : in_.jobs) {
      Job j;
      j.plan = plan;
      j.held = plan.units;
      for (int k = 0; k < plan.units; ++k) owner_[next_unit++] = static_cast<int>(jobs_.size());
      jobs_.push_back(std::move(j));
    }
    // The declared spare pool follows the jobs' units; the units after it idle for good.
    const std::size_t pool_end = in_.spare_units
                                     ? static_cast<std::size_t>(next_unit + *in_.spare_units)
                                     : unit_down_.size();
    for (std::size_t k = static_cast<std::size_t>(next_unit); k < unit_down_.size(); ++k) {
      if (k < pool_end) {
        pool_add(static_cast<std::uint32_t>(k));
      } else {
        idle_[k] = 1;
      }
    }
    for (std::size_t j = 0; j < jobs_.size(); ++j) schedule_done(static_cast<std::uint32_t>(j));
    // Clocks: Weibull components start new at time 0.
    for (std::uint32_t r = 0; r < racks_.size(); ++r) {
      Rng& rng = racks_[r].rng;
      for (std::uint32_t k = 0; k < npr_ * wn_; ++k) {
        node_slots_[static_cast<std::size_t>(r) * npr_ * wn_ + k] =
            static_cast<float>(node_clock_.slot_law[k % wn_].sample(rng));
      }
      for (std::uint32_t j = 0; j < wr_; ++j) {
        rack_slots_[static_cast<std::size_t>(r) * wr_ + j] =
            static_cast<float>(rack_clock_.slot_law[j].sample(rng));
      }
      draw_exp(racks_[r]);
      arm(r);
    }
    for (std::uint32_t i = 0; i < fac_.size(); ++i) arm_facility(i);

    result_.events = sim_.run_until(horizon_, [this](const Event& e) {
      handle(e);
      settle();
    });
    return finish();
  }

 private:
  // ---- setup ----
  void check_input() const {
    check_fleet(f_);
    if (!(horizon_ > 0.0)) throw Error("reliability: the horizon must be > 0");
    long long units = 0;
    for (const auto& j : in_.jobs) {
      if (j.units < 1) throw Error(fmt::format("reliability job {}: needs >= 1 unit", j.name));
      if (!(j.interval_h > 0.0) || !(j.checkpoint_h >= 0.0) || !(j.restart_h >= 0.0)) {
        throw Error(fmt::format("reliability job {}: bad checkpoint or restart times", j.name));
      }
      units += j.units;
    }
    if (units > f_.units()) {
      throw Error(fmt::format("reliability: the jobs at {} need {} units, the fleet has {}",
                              f_.site, units, f_.units()));
    }
    if (in_.spare_units && (*in_.spare_units < 0 || units + *in_.spare_units > f_.units())) {
      throw Error(fmt::format(
          "reliability: the jobs at {} need {} units and {} spare units, the fleet has {}", f_.site,
          units, *in_.spare_units, f_.units()));
    }
    if (!in_.crews.unlimited && in_.crews.technicians < 1) {
      throw Error("reliability: technicians must be >= 1 (or unlimited)");
    }
    if (in_.crews.shifts_per_day < 1 || in_.crews.shifts_per_day > 3) {
      throw Error("reliability: shifts_per_day must be 1, 2 or 3");
    }
    for (const auto& m : in_.rates.models) {
      if (!(m.weibull_shape > 0.0) || std::isnan(m.mtbf_h) || m.mtbf_h < 0.0) {
        throw Error(fmt::format("reliability: bad failure law for {}", model::to_string(m.type)));
      }
      if ((m.scope == ComponentScope::Facility) != (m.recovery == RecoveryPath::FacilityRepair)) {
        throw Error(fmt::format("reliability: {} cannot use the {} recovery path",
                                model::to_string(m.type), model::to_string(m.recovery)));
      }
    }
  }

  // Repair samplers and the clock layouts of nodes and racks.
  void init_clocks() {
    for (int i = 0; i < model::kComponentTypeCount; ++i) {
      repair_[i] = RepairSampler(in_.rates.models[i].repair);
    }
    for (const auto& m : in_.rates.models) {
      if (m.scope == ComponentScope::PerRack) {
        rack_clock_.add(m, f_.nvlink_trays_per_rack);
      } else if (m.scope != ComponentScope::Facility) {
        node_clock_.add(m, instances_per_node(m.scope, f_));
      }
    }
    const std::size_t codes =
        static_cast<std::size_t>(f_.nodes_per_rack) * node_clock_.slots() + rack_clock_.slots();
    if (node_clock_.slots() >= kExpClock || rack_clock_.slots() >= kExpClock || codes >= kExpCode ||
        f_.nodes_per_rack > 0xFFFF) {
      throw Error("reliability: too many nodes or Weibull component instances per rack");
    }
    npr_ = static_cast<std::uint32_t>(f_.nodes_per_rack);
    npu_ = static_cast<std::uint32_t>(f_.nodes_per_unit);
    upr_ = static_cast<std::uint32_t>(f_.units_per_rack());
    wn_ = static_cast<std::uint32_t>(node_clock_.slots());
    wr_ = static_cast<std::uint32_t>(rack_clock_.slots());
    exp_max_ = npr_ * node_clock_.exp_rate + rack_clock_.exp_rate;
  }

  // Racks with their streams, and the per-node and per-rack clock state.
  void init_racks(std::uint64_t seed, std::uint64_t run, std::uint64_t prefix) {
    const auto nodes = static_cast<std::size_t>(f_.nodes());
    const auto racks = static_cast<std::size_t>(f_.racks);
    racks_.reserve(racks);
    for (std::size_t i = 0; i < racks; ++i) {
      racks_.emplace_back(Rng::for_stream(seed, run, kRackStream, prefix | i));
    }
    node_failed_.assign(nodes, 0);
    node_slots_.assign(nodes * wn_, 0.0f);
    if (wn_ > 0) node_down_since_.assign(nodes, 0.0f);
    rack_slots_.assign(racks * wr_, 0.0f);
    rack_reasons_.assign(racks, 0);
  }

  // Facility groups with their failure laws, and one unit (with its stream) per installed unit.
  void init_facility(std::uint64_t seed, std::uint64_t run, std::uint64_t prefix) {
    for (const auto& spec : f_.facility) {
      FacilityGroup g;
      g.spec = spec;
      const ComponentModel& m = in_.rates[spec.type];
      if (m.fails() && m.exponential()) {
        g.exp_law.emplace(m.mtbf_h);
      } else if (m.fails()) {
        g.weibull_law.emplace(m.weibull_shape, m.weibull_scale_h());
      }
      g.stopped.assign(static_cast<std::size_t>(spec.needed), 0);
      g.unit_down.assign(static_cast<std::size_t>(spec.installed), 0);
      for (int k = 0; k < spec.installed; ++k) {
        fac_.emplace_back(Rng::for_stream(seed, run, kFacilityStream, prefix | fac_.size()));
        fac_.back().group = static_cast<std::uint32_t>(groups_.size());
        fac_.back().index = static_cast<std::uint32_t>(k);
      }
      groups_.push_back(std::move(g));
    }
  }

  // ---- clocks ----
  // The rack's earliest clock due: its time and code.
  std::pair<double, std::uint32_t> earliest(std::uint32_t r) const {
    const RackState& s = racks_[r];
    ClockDue due{s.exp_next, kExpCode};
    if (wn_ > 0) {
      const std::size_t first = static_cast<std::size_t>(r) * npr_;
      for (std::uint32_t k = 0; k < npr_; ++k) {
        if (node_failed_[first + k]) continue;
        due.take_earlier(&node_slots_[(first + k) * wn_], wn_, k * wn_);
      }
    }
    if (wr_ > 0 && !s.tray_failed) {
      due.take_earlier(&rack_slots_[static_cast<std::size_t>(r) * wr_], wr_, npr_ * wn_);
    }
    return {due.time, due.code};
  }

  // Makes sure an event is pending no later than the rack's earliest clock.
  void arm(std::uint32_t r) { arm_at(r, earliest(r).first); }

  // The same, with the time of the earliest clock already known.
  void arm_at(std::uint32_t r, double due) {
    RackState& s = racks_[r];
    const double t = std::max(due, sim_.now());
    if (!(t < s.pending)) return;  // the pending event comes first and re-arms
    s.pending = t;
    ++s.gen;
    sim_.schedule_at(t, kRackClock, r, s.gen);
  }

  void draw_exp(RackState& s) {
    s.exp_next = exp_max_ > 0.0 ? sim_.now() - std::log(s.rng.uniform()) / exp_max_ : kInf;
  }

  // A rack clock event: fire the clock that is due, if any, then re-arm.
  void on_rack_clock(std::uint32_t r, std::uint64_t data) {
    RackState& s = racks_[r];
    if (data != s.gen) return;  // stale
    s.pending = kInf;
    const auto [t, code] = earliest(r);
    if (t > sim_.now()) {  // the clock moved later since the event was scheduled
      arm_at(r, t);
      return;
    }
    const std::size_t first = static_cast<std::size_t>(r) * npr_;
    if (code == kExpCode) {
      // Thinning: a component of the full rack; nothing happens if it is down.
      const double x = s.rng.uniform() * exp_max_;
      draw_exp(s);
      const double nodes_rate = npr_ * node_clock_.exp_rate;
      if (x < nodes_rate) {
        const auto k = std::min(static_cast<std::uint32_t>(x / node_clock_.exp_rate), npr_ - 1u);
        const auto n = static_cast<std::uint32_t>(first + k);
        if (!node_failed_[n]) {
          node_failure(r, n, node_clock_.pick_at(x - k * node_clock_.exp_rate), kExpClock);
        }
      } else if (!s.tray_failed) {
        rack_failure(r, rack_clock_.pick_at(x - nodes_rate), kExpClock);
      }
    } else if (code < npr_ * wn_) {
      const std::uint32_t j = code % wn_;
      node_failure(r, static_cast<std::uint32_t>(first + code / wn_), node_clock_.slot_type[j],
                   static_cast<std::uint16_t>(j));
    } else {
      const std::uint32_t j = code - npr_ * wn_;
      rack_failure(r, rack_clock_.slot_type[j], static_cast<std::uint16_t>(j));
    }
    arm(r);
  }

  // Downtime of a restart-path failure; 0 means none at all (a software fault).
  double restart_time(std::uint32_t r, ComponentType type) {
    return repair_[static_cast<std::size_t>(type)].sample(racks_[r].rng);
  }

  void node_failure(std::uint32_t r, std::uint32_t n, ComponentType type, std::uint16_t slot) {
    ++result_.failures[static_cast<std::size_t>(type)];
    const std::uint64_t t = ticket(type, slot);
    if (in_.rates[type].recovery == RecoveryPath::Restart) {
      const double d = restart_time(r, type);
      if (d <= 0.0) {
        // No downtime: the job restarts, the hardware is fine.
        const int j = owner_[n / npu_];
        if (j >= 0) touch(j, type);
        if (slot != kExpClock) {
          node_slots_[static_cast<std::size_t>(n) * wn_ + slot] =
              static_cast<float>(sim_.now() + node_clock_.slot_law[slot].sample(racks_[r].rng));
        }
        return;
      }
      node_down(n, type);
      sim_.schedule(d, kRepairDone, kLevelNode | n, t);
      return;
    }
    node_down(n, type);
    start_recovery(kLevelNode | n, t);
  }

  void node_down(std::uint32_t n, ComponentType type) {
    node_failed_[n] = 1;
    if (wn_ > 0) node_down_since_[n] = static_cast<float>(sim_.now());
    unit_down(n / npu_, type);
  }

  // A node is back: the failed Weibull clock renewed, the others aged by operating time only.
  void node_up(std::uint32_t n, std::uint16_t slot) {
    const std::uint32_t r = n / npr_;
    const double now = sim_.now();
    if (wn_ > 0) {
      const auto downtime = static_cast<float>(now - node_down_since_[n]);
      for (std::uint32_t j = 0; j < wn_; ++j) {
        float& v = node_slots_[static_cast<std::size_t>(n) * wn_ + j];
        v = j == slot ? static_cast<float>(now + node_clock_.slot_law[j].sample(racks_[r].rng))
                      : v + downtime;
      }
    }
    node_failed_[n] = 0;
    unit_up(n / npu_);
    arm(r);
  }

  void rack_failure(std::uint32_t r, ComponentType type, std::uint16_t slot) {
    ++result_.failures[static_cast<std::size_t>(type)];
    RackState& s = racks_[r];
    const std::uint64_t t = ticket(type, slot);
    if (in_.rates[type].recovery == RecoveryPath::Restart) {
      const double d = restart_time(r, type);
      if (d <= 0.0) {
        for (std::uint32_t k = 0; k < upr_; ++k) {
          if (owner_[r * upr_ + k] >= 0) touch(owner_[r * upr_ + k], type);
        }
        if (slot != kExpClock) {
          rack_slots_[static_cast<std::size_t>(r) * wr_ + slot] =
              static_cast<float>(sim_.now() + rack_clock_.slot_law[slot].sample(s.rng));
        }
        return;
      }
      rack_down(r, type, slot);
      sim_.schedule(d, kRepairDone, kLevelRack | r, t);
      return;
    }
    rack_down(r, type, slot);
    start_recovery(kLevelRack | r, t);
  }

  void rack_down(std::uint32_t r, ComponentType type, std::uint16_t slot) {
    RackState& s = racks_[r];
    s.tray_failed = 1;
    s.tray_slot = slot;
    s.tray_down_since = static_cast<float>(sim_.now());
    rack_stop(r, type);
  }

  void rack_up(std::uint32_t r) {
    RackState& s = racks_[r];
    const double now = sim_.now();
    const auto downtime = static_cast<float>(now - s.tray_down_since);
    for (std::uint32_t j = 0; j < wr_; ++j) {
      float& v = rack_slots_[static_cast<std::size_t>(r) * wr_ + j];
      v = j == s.tray_slot ? static_cast<float>(now + rack_clock_.slot_law[j].sample(s.rng))
                           : v + downtime;
    }
    s.tray_failed = 0;
    rack_start(r);
    arm(r);
  }

  void handle(const Event& e) {
    switch (e.kind) {
      case kRackClock:
        on_rack_clock(e.entity, e.data);
        break;
      case kFacilityClock:
        on_facility_failure(e.entity);
        break;
      case kPartReady:
        if (!parts_ && !in_.parts.unlimited) --outstanding_;  // ordered on demand, arrived
        to_crew(e.entity, e.data);
        break;
      case kCrewReady:
        begin_work(e.entity, e.data);
        break;
      case kCrewDone:
        crew_done(e.entity, e.data);
        break;
      case kRepairDone:
        restore(e.entity, e.data);
        break;
      case kRestock:
        if (parts_) parts_->put(sim_, 1, Wakeup{});
        --outstanding_;
        break;
      case kJobRestarted:
        if (jobs_[e.entity].gen == e.data) job_running(e.entity);
        break;
      case kJobDone:
        if (jobs_[e.entity].gen == e.data) job_done(e.entity);
        break;
      default:
        break;
    }
  }

  // ---- repairs ----
  void start_recovery(std::uint32_t target, std::uint64_t data) {
    const ComponentType type = ticket_type(data);
    if (in_.rates[type].recovery == RecoveryPath::Swap) {
      ++outstanding_;
      max_outstanding_ = std::max(max_outstanding_, outstanding_);
      if (!in_.parts.unlimited && !parts_) {
        // No stock: the part is ordered and arrives after the lead time.
        sim_.schedule(in_.parts.restock_lead_h, kPartReady, target, data);
        part_wait_sum_ += in_.parts.restock_lead_h;
        ++parts_ordered_;
        return;
      }
      if (parts_ && !parts_->get(sim_, 1, Wakeup{kPartReady, target, data})) {
        return;  // waits for a part
      }
    }
    to_crew(target, data);
  }

  void to_crew(std::uint32_t target, std::uint64_t data) {
    if (crew_ && !crew_->request(sim_, Wakeup{kCrewReady, target, data})) return;
    begin_work(target, data);
  }

  double next_on_shift(double t) const {
    const int shifts = in_.crews.shifts_per_day;
    if (shifts >= 3) return t;
    const double day = std::floor(t / 24.0);
    const double tod = t - 24.0 * day;
    if (tod >= kShiftStartH && tod < kShiftStartH + 8.0 * shifts) return t;
    return tod < kShiftStartH ? 24.0 * day + kShiftStartH : 24.0 * (day + 1.0) + kShiftStartH;
  }

  Rng& rng_of(std::uint32_t target) {
    const std::uint32_t i = target & ~kLevelMask;
    switch (target & kLevelMask) {
      case kLevelNode:
        return racks_[i / npr_].rng;
      case kLevelRack:
        return racks_[i].rng;
      default:
        return fac_[i].rng;
    }
  }

  void begin_work(std::uint32_t target, std::uint64_t data) {
    const ComponentType type = ticket_type(data);
    const double start = next_on_shift(sim_.now());
    const double work = in_.rates[type].recovery == RecoveryPath::Swap
                            ? repair_[static_cast<std::size_t>(type)].sample(rng_of(target))
                            : kRmaHandlingH;
    ++result_.crew_jobs;
    sim_.schedule_at(start + work, kCrewDone, target, data);
  }

  void crew_done(std::uint32_t target, std::uint64_t data) {
    if (crew_) crew_->release(sim_);
    const ComponentType type = ticket_type(data);
    if (in_.rates[type].recovery == RecoveryPath::Swap) {
      ++result_.parts_used[static_cast<std::size_t>(type)];
      // The failed part goes back; its replacement reaches the stock after the lead time.
      if (parts_ || in_.parts.unlimited) sim_.schedule(in_.parts.restock_lead_h, kRestock, 0);
      restore(target, data);
    } else {
      ++result_.rma_returns;
      sim_.schedule(repair_[static_cast<std::size_t>(type)].sample(rng_of(target)), kRepairDone,
                    target, data);
    }
  }

  void restore(std::uint32_t target, std::uint64_t data) {
    const std::uint32_t i = target & ~kLevelMask;
    switch (target & kLevelMask) {
      case kLevelNode:
        node_up(i, ticket_slot(data));
        break;
      case kLevelRack:
        rack_up(i);
        break;
      default:
        on_facility_repaired(i);
        break;
    }
  }

  // ---- facility ----
  void arm_facility(std::uint32_t i) {
    FacilityUnit& fu = fac_[i];
    const FacilityGroup& g = groups_[fu.group];
    if (g.exp_law) {
      sim_.schedule(g.exp_law->sample(fu.rng), kFacilityClock, i);
    } else if (g.weibull_law) {
      sim_.schedule(g.weibull_law->sample(fu.rng), kFacilityClock, i);
    }
  }

  void on_facility_failure(std::uint32_t i) {
    FacilityUnit& fu = fac_[i];
    FacilityGroup& g = groups_[fu.group];
    const ComponentType type = g.spec.type;
    ++result_.failures[static_cast<std::size_t>(type)];
    g.unit_down[fu.index] = 1;
    ++g.failed;
    const int n = g.spec.needed;
    const int own = static_cast<int>(fu.index) % n;
    if (g.spec.paired) {
      const int partner = static_cast<int>(fu.index) < n ? own + n : own;
      if (g.unit_down[static_cast<std::size_t>(partner)] && !g.stopped[own]) {
        stop_share(g, own);
      }
    } else {
      const int excess = std::max(0, g.failed - (g.spec.installed - n));
      while (g.stopped_count < excess) {
        stop_share(g, g.stopped[own] ? first_share(g, 0) : own);
      }
    }
    sim_.schedule(repair_[static_cast<std::size_t>(type)].sample(fu.rng), kRepairDone,
                  kLevelFacility | i, ticket(type, 0));
  }

  void on_facility_repaired(std::uint32_t i) {
    FacilityUnit& fu = fac_[i];
    FacilityGroup& g = groups_[fu.group];
    g.unit_down[fu.index] = 0;
    --g.failed;
    const int n = g.spec.needed;
    const int own = static_cast<int>(fu.index) % n;
    if (g.spec.paired) {
      if (g.stopped[own]) start_share(g, own);
    } else {
      const int excess = std::max(0, g.failed - (g.spec.installed - n));
      while (g.stopped_count > excess) {
        start_share(g, g.stopped[own] ? own : first_share(g, 1));
      }
    }
    arm_facility(i);
  }

  // The first share whose stopped flag equals `flag`.
  static int first_share(const FacilityGroup& g, std::uint8_t flag) {
    for (std::size_t s = 0; s < g.stopped.size(); ++s) {
      if (g.stopped[s] == flag) return static_cast<int>(s);
    }
    return 0;
  }

  void stop_share(FacilityGroup& g, int s) {
    g.stopped[s] = 1;
    ++g.stopped_count;
    ++result_.facility_stops[static_cast<std::size_t>(g.spec.type)];
    const auto [first, last] = share_racks(g, s);
    for (int r = first; r < last; ++r) rack_stop(static_cast<std::uint32_t>(r), g.spec.type);
  }

  void start_share(FacilityGroup& g, int s) {
    g.stopped[s] = 0;
    --g.stopped_count;
    const auto [first, last] = share_racks(g, s);
    for (int r = first; r < last; ++r) rack_start(static_cast<std::uint32_t>(r));
  }

  static std::pair<int, int> share_racks(const FacilityGroup& g, int s) {
    const long long rc = g.spec.rack_count;
    const long long n = g.spec.needed;
    return {g.spec.first_rack + static_cast<int>(s * rc / n),
            g.spec.first_rack + static_cast<int>((s + 1) * rc / n)};
  }

  // ---- racks and units ----
  void rack_stop(std::uint32_t rack, ComponentType cause) {
    if (rack_reasons_[rack]++ != 0) return;
    ++result_.rack_stops;
    for (std::uint32_t k = 0; k < upr_; ++k) unit_down(rack * upr_ + k, cause);
  }

  void rack_start(std::uint32_t rack) {
    if (--rack_reasons_[rack] != 0) return;
    for (std::uint32_t k = 0; k < upr_; ++k) unit_up(rack * upr_ + k);
  }

  void unit_down(std::uint32_t u, ComponentType cause) {
    if (unit_down_[u]++ != 0) return;
    down_stat_.add(sim_.now(), 1.0);
    ++units_down_;
    result_.max_units_down = std::max(result_.max_units_down, units_down_);
    const int j = owner_[u];
    if (j >= 0) {
      owner_[u] = -1;
      --jobs_[j].held;
      touch(j, cause);
    } else {
      pool_remove(u);
    }
  }

  void unit_up(std::uint32_t u) {
    if (--unit_down_[u] != 0) return;
    down_stat_.add(sim_.now(), -1.0);
    --units_down_;
    if (idle_[u] != 0) return;
    pool_add(u);
    pool_grew_ = true;
  }

  void pool_add(std::uint32_t u) {
    pool_pos_[u] = static_cast<std::int32_t>(pool_.size());
    pool_.push_back(u);
  }
  void pool_remove(std::uint32_t u) {
    const std::int32_t p = pool_pos_[u];
    if (p < 0) return;
    const std::uint32_t last = pool_.back();
    pool_[static_cast<std::size_t>(p)] = last;
    pool_pos_[last] = p;
    pool_.pop_back();
    pool_pos_[u] = -1;
  }
  std::uint32_t pool_pop() {
    const std::uint32_t u = pool_.back();
    pool_.pop_back();
    pool_pos_[u] = -1;
    return u;
  }

  // ---- jobs ----
  void touch(int j, ComponentType cause) {
    Job& job = jobs_[j];
    if (job.touched) return;
    job.touched = true;
    job.touch_cause = cause;
    touched_.push_back(j);
  }

  // Resolves the jobs hit by the event just handled: one interruption per job per event, so a
  // facility failure that stops many of a job's units counts once.
  void settle() {
    for (std::size_t k = 0; k < touched_.size(); ++k) {
      const int j = touched_[k];
      jobs_[j].touched = false;
      interrupt(j, jobs_[j].touch_cause);
      try_start(j);
    }
    touched_.clear();
    if (pool_grew_) {
      pool_grew_ = false;
      serve_waiting();
    }
  }

  // Books the running stretch up to now: whole segments are saved, the rest is lost.
  void book_running(Job& job, double now) {
    const double seg = job.plan.interval_h + job.plan.checkpoint_h;
    const double e = now - job.run_start;
    const double n = std::floor(e / seg);
    job.r.useful_h += n * job.plan.interval_h;
    job.r.checkpoint_h += n * job.plan.checkpoint_h;
    job.r.lost_h += e - n * seg;
    job.r.exposure_h += now - job.since;
  }

  // Books the stretch of the job's current state up to `t`.
  void book_until(Job& job, double t) {
    switch (job.state) {
      case JobState::Running:
        book_running(job, t);
        break;
      case JobState::Restarting:
        job.r.restart_h += t - job.since;
        job.r.exposure_h += t - job.since;
        break;
      case JobState::Waiting:
        job.r.waiting_h += t - job.since;
        break;
      case JobState::Done:
        break;
    }
  }

  void interrupt(int j, ComponentType cause) {
    Job& job = jobs_[j];
    const double now = sim_.now();
    if (job.state == JobState::Done) return;
    book_until(job, now);
    job.since = now;
    if (job.state == JobState::Waiting) return;  // not running: nothing to interrupt
    ++job.r.interruptions;
    ++job.r.interruptions_by_cause[static_cast<std::size_t>(cause)];
    ++job.gen;
    job.state = JobState::Waiting;
  }

  // Takes spare units; restarts when the job holds all it needs, else queues it.
  void try_start(int j) {
    Job& job = jobs_[j];
    if (job.state != JobState::Waiting) return;
    while (job.held < job.plan.units && !pool_.empty()) {
      owner_[pool_pop()] = j;
      ++job.held;
      ++job.r.swap_ins;
    }
    if (job.held == job.plan.units) {
      job.state = JobState::Restarting;
      job.since = sim_.now();
      sim_.schedule(job.plan.restart_h, kJobRestarted, static_cast<std::uint32_t>(j), job.gen);
    } else if (!job.queued) {
      job.queued = true;
      waiting_.push(j);
    }
  }

  void serve_waiting() {
    while (!waiting_.empty() && !pool_.empty()) {
      const int j = waiting_.front();
      Job& job = jobs_[j];
      if (job.state != JobState::Waiting) {
        job.queued = false;
        waiting_.pop();
        continue;
      }
      book_until(job, sim_.now());
      job.since = sim_.now();
      try_start(j);
      if (job.state == JobState::Waiting) break;
      job.queued = false;
      waiting_.pop();
    }
  }

  void job_running(std::uint32_t j) {
    Job& job = jobs_[j];
    const double now = sim_.now();
    book_until(job, now);  // the restart
    job.state = JobState::Running;
    job.since = job.run_start = now;
    schedule_done(j);
  }

  // Compute still to do [h] and the checkpoint writes it takes [count]. The 1e-9 keeps a whole
  // number of intervals, off by rounding, from counting one write more.
  static std::pair<double, double> work_left(const Job& job) {
    const double left = std::max(0.0, *job.plan.work_h - job.r.useful_h);
    return {left, std::ceil(left / job.plan.interval_h - 1e-9)};
  }

  void schedule_done(std::uint32_t j) {
    Job& job = jobs_[j];
    if (!job.plan.work_h) return;
    const auto [left, segments] = work_left(job);
    sim_.schedule(left + segments * job.plan.checkpoint_h, kJobDone, j, job.gen);
  }

  void job_done(std::uint32_t j) {
    Job& job = jobs_[j];
    const double now = sim_.now();
    const auto [left, segments] = work_left(job);
    job.r.useful_h += left;
    job.r.checkpoint_h += segments * job.plan.checkpoint_h;
    job.r.exposure_h += now - job.since;
    job.state = JobState::Done;
    job.r.done_h = now;
    ++job.gen;
    for (std::size_t k = 0; k < owner_.size(); ++k) {
      if (owner_[k] != static_cast<int>(j)) continue;
      owner_[k] = -1;
      if (unit_down_[k] == 0) pool_add(static_cast<std::uint32_t>(k));
    }
    job.held = 0;
    pool_grew_ = true;
  }

  SiteRunResult finish() {
    const double t = horizon_;
    for (auto& job : jobs_) {
      book_until(job, t);
      job.r.wall_h = job.r.done_h ? *job.r.done_h : t;
      result_.jobs.push_back(job.r);
    }
    const auto units = static_cast<double>(unit_down_.size());
    result_.mean_units_down = down_stat_.mean(t);
    result_.unit_availability = units > 0 ? 1.0 - result_.mean_units_down / units : 1.0;
    if (crew_) {
      result_.crew_utilization = crew_->utilization(t);
      result_.mean_crew_wait_h = crew_->mean_wait();
    }
    result_.max_parts_outstanding = max_outstanding_;
    if (parts_) {
      result_.mean_part_wait_h = parts_->mean_get_wait();
    } else if (parts_ordered_ > 0) {
      result_.mean_part_wait_h = part_wait_sum_ / static_cast<double>(parts_ordered_);
    }
    return std::move(result_);
  }

  const SiteRunInput& in_;
  const FleetSpec& f_;
  double horizon_;
  Simulator sim_;
  std::array<RepairSampler, model::kComponentTypeCount> repair_;
  ClockLayout node_clock_, rack_clock_;
  double exp_max_ = 0.0;   // exponential rate of a rack with everything up [1/h]
  std::uint32_t npr_ = 1;  // nodes per rack
  std::uint32_t npu_ = 1;  // nodes per swap unit
  std::uint32_t upr_ = 1;  // swap units per rack
  std::uint32_t wn_ = 0;   // Weibull slots per node
  std::uint32_t wr_ = 0;   // Weibull slots per rack
  std::vector<RackState> racks_;
  std::vector<std::uint8_t> node_failed_;
  std::vector<float> node_down_since_;  // only with Weibull node slots
  std::vector<float> node_slots_, rack_slots_;
  std::vector<std::uint16_t> rack_reasons_;
  std::vector<FacilityUnit> fac_;
  std::vector<FacilityGroup> groups_;
  std::vector<std::uint16_t> unit_down_;
  std::vector<std::uint8_t> idle_;  // 1: past the jobs and the spare pool, never swapped in
  std::vector<std::int32_t> owner_;
  std::vector<std::int32_t> pool_pos_;
  std::vector<std::uint32_t> pool_;
  bool pool_grew_ = false;
  std::vector<Job> jobs_;
  std::vector<int> touched_;
  Fifo<int> waiting_;
  std::optional<Resource> crew_;
  std::optional<Inventory> parts_;
  std::int64_t outstanding_ = 0, max_outstanding_ = 0;
  std::uint64_t parts_ordered_ = 0;
  double part_wait_sum_ = 0.0;
  std::uint64_t units_down_ = 0;
  TimeAverage down_stat_;
  SiteRunResult result_;
};

}  // namespace

SiteRunResult simulate_site(const SiteRunInput& input, std::uint64_t seed, std::uint64_t run) {
  SiteSimulation s(input, seed, run);
  return s.run();
}

}  // namespace rackscale::sim
