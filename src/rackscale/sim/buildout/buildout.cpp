#include "rackscale/sim/buildout/buildout.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>

#include "rackscale/sim/buildout/buildout_attribution.hpp"
#include "rackscale/sim/buildout/buildout_orders.hpp"
#include "rackscale/sim/buildout/buildout_sampling.hpp"

namespace rackscale::sim {

namespace {

using std::size_t;

// Tolerance when flooring accumulated fractional capacity: 7 x (1000/7) must give 1000.
constexpr double kEps = 1e-9;

// Whole units of an accumulated daily rate: takes floor(credit) out of `credit` and returns it.
// Capacity not used today is lost; only the fraction below one unit carries over.
long long take_whole(double& credit) {
  const double whole = std::floor(credit + kEps);
  credit = std::max(0.0, credit - whole);
  return static_cast<long long>(whole);
}

// Value of a step function at day t.
double step_value(const std::vector<DayStep>& steps, int t) {
  double v = 0.0;
  for (const auto& s : steps) {
    if (s.day > t) break;
    v = s.value;
  }
  return v;
}

struct PoolState {
  long long on_hand = 0, delivered = 0, consumed = 0;
};

struct LaneState {
  long long demand = 0;  // firm + exercised [racks]
  long long started = 0, first_tested = 0, finished = 0, shipped = 0, inventory = 0;
  long long in_rework = 0, failed_tests = 0, in_integration = 0;
  OrderBook book;                              // firm orders and exercised options
  std::vector<int> started_on;                 // racks started on day t
  std::vector<int> first_test;                 // racks reaching their first test on day t
  std::vector<int> retest;                     // racks back from rework on day t
  std::vector<double> share_credit;            // proportional rule: entitlement per site of `order`
  std::array<int, kLimiterKinds> week_days{};  // days of this week per start limiter
  int week_pool = -1;                          // last limiting pool this week
};

struct SiteState {
  int permitting = 0, shell = 0, fit_out = 0, commissioning = 0;  // sampled [days]
  int fit_planned = 0;                                            // shell end + fit-out
  int long_lead_day = kNeverDay;                                  // all long-lead items received
  int long_lead_pool = -1;                                        // the pool completed last
  int fit_out_end = kNeverDay, ready = kNeverDay;
  std::vector<long long> ll_received;
  std::vector<long long> net_used;
  std::vector<int> arrivals;  // racks arriving on day t
  long long allocated = 0, delivered = 0, installed = 0, commissioned = 0, online = 0;
  double install_credit = 0.0, commission_credit = 0.0;
  int first_arrival = kNeverDay;
  // What held installs back the last time they were held [kind + pool].
  Limiter install_limiter;
  size_t grid_step = 0;
  double grid_allowed = 0.0;
};

void resize_series(SiteSeries& s, int w) {
  const auto n = static_cast<size_t>(w);
  s.allocated.assign(n, 0);
  s.shipped.assign(n, 0);
  s.in_transit.assign(n, 0);
  s.delivered.assign(n, 0);
  s.storage.assign(n, 0);
  s.installed.assign(n, 0);
  s.commissioned.assign(n, 0);
  s.online.assign(n, 0);
  s.gpus_online.assign(n, 0);
  s.it_mw_online.assign(n, 0.0);
}

void resize_series(FactorySeries& s, int w) {
  const auto n = static_cast<size_t>(w);
  for (auto* v : {&s.started, &s.in_integration, &s.in_burn_in, &s.in_rework, &s.finished,
                  &s.shipped, &s.inventory, &s.failed_tests}) {
    v->assign(n, 0);
  }
}

// Splits `n` racks among sites in proportion to their remaining `need`, carrying each site's
// fractional entitlement in `credit` from day to day (so small daily batches still follow the
// proportions over time): entitlement += n x need / total need; each site gets the whole part,
// the racks left over go to the largest fractional parts (ties to the earlier position); what
// was given is taken off the entitlement. Never exceeds a need.
void split_proportional(long long n, const std::vector<long long>& need,
                        std::vector<double>& credit, std::vector<long long>& out,
                        std::vector<int>& idx) {
  out.assign(need.size(), 0);
  const long long total = std::accumulate(need.begin(), need.end(), 0LL);
  if (total <= 0 || n <= 0) return;
  if (n >= total) {
    out = need;
    return;
  }
  long long given = 0;
  for (size_t i = 0; i < need.size(); ++i) {
    if (need[i] <= 0) {
      credit[i] = 0.0;
      continue;
    }
    credit[i] += static_cast<double>(n) * static_cast<double>(need[i]) / static_cast<double>(total);
    out[i] = std::clamp(static_cast<long long>(std::floor(credit[i] + kEps)), 0LL,
                        std::min(need[i], n - given));
    given += out[i];
  }
  idx.resize(need.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) {
    const auto ia = static_cast<size_t>(a), ib = static_cast<size_t>(b);
    return credit[ia] - static_cast<double>(out[ia]) > credit[ib] - static_cast<double>(out[ib]);
  });
  // n < total, so there is always a site with need left for the racks left over.
  while (given < n) {
    for (size_t k = 0; k < idx.size() && given < n; ++k) {
      const auto i = static_cast<size_t>(idx[k]);
      if (out[i] < need[i]) {
        ++out[i];
        ++given;
      }
    }
  }
  for (size_t i = 0; i < need.size(); ++i) credit[i] -= static_cast<double>(out[i]);
}

// Adds a site's weekly series to the all-sites total.
void add_to(SiteSeries& total, const SiteSeries& s) {
  const size_t n = s.online.size();  // every series has one value per week
  auto add = [n](auto& dst, const auto& src) {
    for (size_t i = 0; i < n && i < dst.size(); ++i) dst[i] += src[i];
  };
  add(total.allocated, s.allocated);
  add(total.shipped, s.shipped);
  add(total.in_transit, s.in_transit);
  add(total.delivered, s.delivered);
  add(total.storage, s.storage);
  add(total.installed, s.installed);
  add(total.commissioned, s.commissioned);
  add(total.online, s.online);
  add(total.gpus_online, s.gpus_online);
  add(total.it_mw_online, s.it_mw_online);
}

// Writes a site's state into slot i of a series.
void record(SiteSeries& ser, size_t i, const SiteState& st, const PlanSite& ps) {
  ser.allocated[i] = static_cast<int>(st.allocated);
  ser.shipped[i] = static_cast<int>(st.allocated);
  ser.delivered[i] = static_cast<int>(st.delivered);
  ser.in_transit[i] = static_cast<int>(st.allocated - st.delivered);
  ser.storage[i] = static_cast<int>(st.delivered - st.installed);
  ser.installed[i] = static_cast<int>(st.installed);
  ser.commissioned[i] = static_cast<int>(st.commissioned);
  ser.online[i] = static_cast<int>(st.online);
  ser.gpus_online[i] = st.online * ps.gpus_per_rack;
  ser.it_mw_online[i] = static_cast<double>(st.online) * ps.rack_design_mw;
}

}  // namespace

BuildoutModel::BuildoutModel(const BuildoutInput& input, BuildoutOptions options)
    : plan_(make_buildout_plan(*input.scenario, *input.catalog, *input.sites)), options_(options) {}

BuildoutRun simulate_buildout(const BuildoutInput& input, std::uint64_t seed, int run) {
  return BuildoutModel(input).run(seed, run);
}

BuildoutRun BuildoutModel::run(std::uint64_t seed, int run) const {
  const BuildoutPlan& P = plan_;
  const int D = P.days;
  const int W = P.weeks;
  const size_t nS = P.sites.size(), nL = P.lanes.size(), nF = P.factories.size();
  const size_t nP = P.pools.size(), nU = P.suppliers.size();

  BuildoutRun out;
  out.seed = seed;
  out.run = run;
  out.days = D;
  out.weeks = W;

  // ---- Draws, once per run, each entity from its own stream.
  std::vector<int> lead_day(nU);
  out.suppliers.resize(nU);
  for (size_t i = 0; i < nU; ++i) {
    auto stream = make_stream(seed, run, StreamKind::SupplierLeadTime, i);
    lead_day[i] = sample_days(P.suppliers[i].lead_time, stream);
    out.suppliers[i].name = P.suppliers[i].name;
    out.suppliers[i].component = P.suppliers[i].component;
    out.suppliers[i].lead_time_days = lead_day[i];
    out.suppliers[i].delivered.assign(static_cast<size_t>(W), 0);
  }
  std::vector<int> volume_start(nF);
  std::vector<Rng> yield_stream;
  yield_stream.reserve(nF);
  out.factories.resize(nF);
  for (size_t f = 0; f < nF; ++f) {
    const PlanFactory& pf = P.factories[f];
    int cell = 0;
    if (pf.has_test_cell) {
      auto stream = make_stream(seed, run, StreamKind::TestCell, f);
      cell = sample_days(pf.test_cell_duration, stream);
    }
    volume_start[f] = pf.first_ramp_day >= kNeverDay ? kNeverDay : pf.first_ramp_day + cell;
    yield_stream.push_back(make_stream(seed, run, StreamKind::FirstPassYield, f));
    out.factories[f].name = pf.name;
    out.factories[f].test_cell_days = cell;
    out.factories[f].volume_start_day = volume_start[f];
    resize_series(out.factories[f].weekly, W);
  }
  std::vector<SiteState> ss(nS);
  for (size_t s = 0; s < nS; ++s) {
    const PlanSite& ps = P.sites[s];
    SiteState& st = ss[s];
    auto stream = make_stream(seed, run, StreamKind::SitePhases, s);
    st.permitting = sample_days(ps.permitting, stream);
    st.shell = sample_days(ps.shell, stream);
    st.fit_out = sample_days(ps.fit_out, stream);
    st.commissioning = sample_days(ps.commissioning, stream);
    st.fit_planned = ps.construction_start_day + st.permitting + st.shell + st.fit_out;
    st.ll_received.assign(ps.long_lead.size(), 0);
    st.net_used.assign(ps.network.size(), 0);
    st.arrivals.assign(static_cast<size_t>(D), 0);
    if (ps.long_lead.empty()) st.long_lead_day = -kNeverDay;
  }

  // ---- State.
  std::vector<PoolState> pools(nP);
  std::vector<long long> sup_delivered(nU, 0);
  std::vector<LaneState> lanes(nL);
  for (size_t l = 0; l < nL; ++l) {
    lanes[l].demand = P.lanes[l].firm_racks;
    for (int c : P.lanes[l].contracts) {
      const auto& firm = P.contracts[static_cast<size_t>(c)].firm;
      for (size_t i = 0; i < firm.size(); ++i) {
        lanes[l].book.add({.due_day = firm[i].due_day,
                           .racks = firm[i].racks,
                           .contract = c,
                           .firm = static_cast<int>(i)});
      }
    }
    lanes[l].started_on.assign(static_cast<size_t>(D), 0);
    lanes[l].first_test.assign(static_cast<size_t>(D), 0);
    lanes[l].retest.assign(static_cast<size_t>(D), 0);
  }
  std::vector<double> factory_credit(nF, 0.0), line_credit(nF, 0.0);
  std::vector<long long> option_left(P.options.size());
  for (size_t o = 0; o < P.options.size(); ++o) option_left[o] = P.options[o].racks;
  out.contracts.resize(P.contracts.size());
  for (size_t c = 0; c < out.contracts.size(); ++c) {
    const PlanContract& pc = P.contracts[c];
    ContractResult& cr = out.contracts[c];
    cr.name = pc.name;
    cr.firm_racks = pc.firm_racks;
    for (const PlanFirmOrder& o : pc.firm) {
      FirmOrderResult& fr = cr.firm.emplace_back();
      fr.racks = o.racks;
      fr.due_day = o.due_day;
    }
    const auto n_options = static_cast<size_t>(pc.option_count);
    cr.exercised.assign(n_options, 0);
    cr.first_exercise_day.assign(n_options, std::nullopt);
    cr.exercised_on_time.assign(n_options, 0);
    cr.firm_spend_usd = static_cast<double>(pc.firm_racks) * pc.unit_price_usd;
  }
  out.components.resize(nP);
  for (size_t p = 0; p < nP; ++p) {
    out.components[p].name = P.pools[p].name;
    out.components[p].on_hand.assign(static_cast<size_t>(W), 0);
    out.components[p].consumed.assign(static_cast<size_t>(W), 0);
  }
  out.sites.resize(nS);
  for (size_t s = 0; s < nS; ++s) {
    SiteResult& r = out.sites[s];
    const PlanSite& ps = P.sites[s];
    r.name = ps.name;
    r.target_racks = ps.target;
    r.gpus_per_rack = ps.gpus_per_rack;
    r.rack_design_kw = ps.rack_design_mw * 1000.0;
    r.utility_kw_per_rack = ps.utility_mw_per_rack * 1000.0;
    r.transit_days =
        ps.lanes.empty() ? 0 : P.lanes[static_cast<size_t>(ps.lanes.front())].transit_days[s];
    resize_series(r.weekly, W);
    if (options_.daily) resize_series(r.daily, D);
  }
  AttributionInput attr(nS, nL, W);

  std::vector<long long> need, give;
  std::vector<int> order, scratch;

  // ---- Days.
  for (int t = 0; t < D; ++t) {
    // 1. Supplier deliveries: capacity x share per week from the lead-time day on.
    for (size_t i = 0; i < nU; ++i) {
      if (t < lead_day[i]) continue;
      const auto cum = static_cast<long long>(std::floor(
          static_cast<double>(t - lead_day[i] + 1) * P.suppliers[i].units_per_day + kEps));
      const long long inc = cum - sup_delivered[i];
      if (inc <= 0) continue;
      sup_delivered[i] = cum;
      PoolState& pool = pools[static_cast<size_t>(P.suppliers[i].pool)];
      pool.on_hand += inc;
      pool.delivered += inc;
    }

    // 2. Long-lead equipment to sites, in priority order.
    for (int si : P.priority) {
      const PlanSite& ps = P.sites[static_cast<size_t>(si)];
      SiteState& st = ss[static_cast<size_t>(si)];
      if (st.long_lead_day != kNeverDay) continue;
      bool all = true;
      for (size_t r = 0; r < ps.long_lead.size(); ++r) {
        const PlanRequirement& req = ps.long_lead[r];
        PoolState& pool = pools[static_cast<size_t>(req.pool)];
        const long long missing = req.count - st.ll_received[r];
        if (missing <= 0) continue;
        const long long take = std::min(missing, pool.on_hand);
        pool.on_hand -= take;
        pool.consumed += take;
        st.ll_received[r] += take;
        if (st.ll_received[r] < req.count) {
          all = false;
        } else {
          st.long_lead_pool = req.pool;  // completed today: the latest so far
        }
      }
      if (all) st.long_lead_day = t;
    }

    // 3. Purchase options: exercise the shortfall of racks needed by sites expected to be
    //    ready within the exercise lead.
    for (size_t o = 0; o < P.options.size(); ++o) {
      const PlanOption& opt = P.options[o];
      if (option_left[o] <= 0 || t < opt.open_day || t > opt.close_day) continue;
      const std::string& rs = P.lanes[static_cast<size_t>(opt.lane)].rack_system;
      long long needed = 0, covered = 0;
      for (const PlanSite& ps : P.sites) {
        if (ps.rack_system == rs && ps.expected_ready_day <= t + P.exercise_lead_days) {
          needed += ps.target;
        }
      }
      for (size_t l = 0; l < nL; ++l) {
        if (P.lanes[l].rack_system == rs) covered += lanes[l].demand;
      }
      const long long x = std::min(option_left[o], needed - covered);
      if (x <= 0) continue;
      option_left[o] -= x;
      lanes[static_cast<size_t>(opt.lane)].demand += x;
      lanes[static_cast<size_t>(opt.lane)].book.add({.due_day = t + P.exercise_lead_days,
                                                     .racks = x,
                                                     .contract = opt.contract,
                                                     .option = static_cast<int>(o)});
      ContractResult& cr = out.contracts[static_cast<size_t>(opt.contract)];
      cr.exercised[static_cast<size_t>(opt.option)] += static_cast<int>(x);
      auto& first = cr.first_exercise_day[static_cast<size_t>(opt.option)];
      if (!first) first = t;
    }

    // 4. Factory tests: first tests after burn-in and retests after rework.
    for (size_t l = 0; l < nL; ++l) {
      LaneState& ls = lanes[l];
      const PlanFactory& pf = P.factories[static_cast<size_t>(P.lanes[l].factory)];
      const int first = ls.first_test[static_cast<size_t>(t)];
      const int again = ls.retest[static_cast<size_t>(t)];
      const int n = first + again;
      if (n == 0) continue;
      const int fail = binomial(n, 1.0 - pf.first_pass_yield,
                                yield_stream[static_cast<size_t>(P.lanes[l].factory)]);
      ls.first_tested += first;
      ls.in_rework += fail - again;
      ls.failed_tests += fail;
      ls.finished += n - fail;
      ls.inventory += n - fail;
      ls.book.fill(n - fail, t);
      const int back = t + pf.rework_days;
      if (back < D && fail > 0) ls.retest[static_cast<size_t>(back)] += fail;
    }

    // 5. Starts: the ramp rate and the lines, after the test cell, limited by components and
    //    open demand; the factory's lanes in order of the due day of their next rack.
    for (size_t f = 0; f < nF; ++f) {
      const PlanFactory& pf = P.factories[f];
      long long cap = 0;
      if (t >= volume_start[f]) {
        factory_credit[f] += step_value(pf.ramp, t);
        cap = take_whole(factory_credit[f]);
        if (std::isfinite(pf.line_racks_per_day)) {
          line_credit[f] += pf.line_racks_per_day;
          cap = std::min(cap, take_whole(line_credit[f]));
        }
      }
      order.assign(pf.lanes.begin(), pf.lanes.end());
      if (order.size() > 1) {
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
          const LaneState& la = lanes[static_cast<size_t>(a)];
          const LaneState& lb = lanes[static_cast<size_t>(b)];
          return la.book.next_due(la.started) < lb.book.next_due(lb.started);
        });
      }
      for (int li : order) {
        LaneState& ls = lanes[static_cast<size_t>(li)];
        const PlanLane& pl = P.lanes[static_cast<size_t>(li)];
        // Open demand: every ordered rack, or with a build-ahead limit those due within it.
        const long long released =
            P.build_ahead_days >= kNeverDay ? ls.demand : ls.book.due_by(t + P.build_ahead_days);
        const long long dem = std::max(0LL, released - ls.started);
        long long comp = std::numeric_limits<long long>::max();
        int comp_pool = -1;
        for (const PlanRequirement& req : pl.per_rack) {
          const long long can = pools[static_cast<size_t>(req.pool)].on_hand / req.count;
          if (can < comp) {
            comp = can;
            comp_pool = req.pool;
          }
        }
        const long long n = std::min({cap, dem, comp});
        // The start limiter: the smallest of the three; ties go to the earliest pipeline stage
        // (contract, then components, then the factory).
        LimiterKind why = LimiterKind::Factory;
        if (dem <= cap && dem <= comp) {
          why = LimiterKind::Contract;
        } else if (comp <= cap) {
          why = LimiterKind::Component;
          ls.week_pool = comp_pool;
        }
        ++ls.week_days[static_cast<size_t>(why)];
        for (const PlanRequirement& req : pl.per_rack) {
          PoolState& pool = pools[static_cast<size_t>(req.pool)];
          pool.on_hand -= n * req.count;
          pool.consumed += n * req.count;
        }
        ls.started += n;
        ls.started_on[static_cast<size_t>(t)] = static_cast<int>(n);
        ls.in_integration += n;
        if (t >= pf.integration_days) {
          ls.in_integration -= ls.started_on[static_cast<size_t>(t - pf.integration_days)];
        }
        cap -= n;
        const int test_day = t + pf.integration_days + pf.burn_in_days;
        if (test_day < D && n > 0)
          ls.first_test[static_cast<size_t>(test_day)] += static_cast<int>(n);
      }
    }

    // 6. Allocation of finished racks to sites, shipped the same day.
    for (size_t l = 0; l < nL; ++l) {
      LaneState& ls = lanes[l];
      const PlanLane& pl = P.lanes[l];
      if (ls.inventory <= 0 || pl.sites.empty()) continue;
      order.assign(pl.sites.begin(), pl.sites.end());
      if (P.rule == AllocationRule::EarliestReady) {
        // Known readiness (the ready day once reached), else the planner's estimate.
        auto key = [&](int si) {
          const SiteState& st = ss[static_cast<size_t>(si)];
          return st.ready <= t
                     ? st.ready
                     : std::max(P.sites[static_cast<size_t>(si)].expected_ready_day, t + 1);
        };
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
      }
      need.assign(order.size(), 0);
      for (size_t k = 0; k < order.size(); ++k) {
        const SiteState& st = ss[static_cast<size_t>(order[k])];
        need[k] = std::max(0LL, P.sites[static_cast<size_t>(order[k])].target - st.allocated);
      }
      if (P.rule == AllocationRule::Proportional) {
        // `order` is the lane's site list for this rule, so credits stay with their site.
        ls.share_credit.resize(order.size(), 0.0);
        split_proportional(ls.inventory, need, ls.share_credit, give, scratch);
      } else {
        give.assign(order.size(), 0);
        long long left = ls.inventory;
        for (size_t k = 0; k < order.size() && left > 0; ++k) {
          give[k] = std::min(left, need[k]);
          left -= give[k];
        }
      }
      for (size_t k = 0; k < order.size(); ++k) {
        if (give[k] <= 0) continue;
        const auto si = static_cast<size_t>(order[k]);
        SiteState& st = ss[si];
        st.allocated += give[k];
        ls.inventory -= give[k];
        ls.shipped += give[k];
        const int arrive = t + pl.transit_days[si];
        if (arrive < D) st.arrivals[static_cast<size_t>(arrive)] += static_cast<int>(give[k]);
      }
    }

    // 7. Sites, in priority order (they draw network gear from shared pools in that order).
    for (int si : P.priority) {
      const auto s = static_cast<size_t>(si);
      const PlanSite& ps = P.sites[s];
      SiteState& st = ss[s];
      const int arrived = st.arrivals[static_cast<size_t>(t)];
      if (arrived > 0) {
        st.delivered += arrived;
        st.first_arrival = std::min(st.first_arrival, t);
      }
      // Construction: fit-out ends when its work is done and the long-lead gear is on site.
      if (st.fit_out_end == kNeverDay && t >= st.fit_planned && st.long_lead_day <= t) {
        st.fit_out_end = std::max(st.fit_planned, st.long_lead_day);
        st.ready = st.fit_out_end + st.commissioning;
      }
      if (t >= st.ready) {
        // Installs: crews, racks in storage, and network gear pro rata.
        st.install_credit += ps.install_per_day;
        const long long crew = take_whole(st.install_credit);
        const long long storage = st.delivered - st.installed;
        long long net = crew;
        int net_pool = -1;
        for (size_t r = 0; r < ps.network.size(); ++r) {
          const PlanRequirement& req = ps.network[r];
          const long long avail = st.net_used[r] + pools[static_cast<size_t>(req.pool)].on_hand;
          const long long k_max = avail * ps.target / req.count - st.installed;
          if (k_max < net) {
            net = std::max(0LL, k_max);
            net_pool = req.pool;
          }
        }
        const long long n = std::min({crew, storage, net});
        if (n < storage) {
          st.install_limiter = net < crew ? Limiter{LimiterKind::Component, net_pool}
                                          : Limiter{LimiterKind::Crews, -1};
        }
        if (n > 0) {
          st.installed += n;
          for (size_t r = 0; r < ps.network.size(); ++r) {
            const PlanRequirement& req = ps.network[r];
            // Units needed by the first k racks: ceil(k x count / target).
            const long long used = (st.installed * req.count + ps.target - 1) / ps.target;
            const long long inc = used - st.net_used[r];
            if (inc <= 0) continue;
            st.net_used[r] = used;
            PoolState& pool = pools[static_cast<size_t>(req.pool)];
            pool.on_hand -= inc;
            pool.consumed += inc;
          }
        }
        st.commission_credit += ps.commission_per_day;
        const long long crew_c = take_whole(st.commission_credit);
        st.commissioned += std::min(crew_c, st.installed - st.commissioned);
      }
      // Energization: online racks are commissioned racks the grid can carry.
      while (st.grid_step < ps.grid_racks.size() && ps.grid_racks[st.grid_step].day <= t) {
        st.grid_allowed = ps.grid_racks[st.grid_step].value;
        ++st.grid_step;
      }
      st.online = std::min(st.commissioned, static_cast<long long>(st.grid_allowed));
      SiteMilestones& m = out.sites[s].milestones;
      if (st.online >= 1 && !m.first_online_day) m.first_online_day = t;
      if (ps.target > 0 && st.online >= (ps.target + 1) / 2 && !m.half_day) m.half_day = t;
      if (ps.target > 0 && st.online >= ps.target && !m.full_day) m.full_day = t;
    }

    if (options_.daily) {
      for (size_t s = 0; s < nS; ++s)
        record(out.sites[s].daily, static_cast<size_t>(t), ss[s], P.sites[s]);
    }

    // 8. End of week: record.
    if (t % 7 != 6) continue;
    const auto w = static_cast<size_t>(t / 7);
    for (size_t i = 0; i < nU; ++i) {
      out.suppliers[i].delivered[w] = static_cast<int>(sup_delivered[i]);
    }
    for (size_t p = 0; p < nP; ++p) {
      out.components[p].on_hand[w] = pools[p].on_hand;
      out.components[p].consumed[w] = pools[p].consumed;
    }
    for (size_t l = 0; l < nL; ++l) {
      LaneState& ls = lanes[l];
      FactorySeries& fs = out.factories[static_cast<size_t>(P.lanes[l].factory)].weekly;
      const long long in_build = ls.started - ls.first_tested;
      fs.started[w] += static_cast<int>(ls.started);
      fs.in_integration[w] += static_cast<int>(ls.in_integration);
      fs.in_burn_in[w] += static_cast<int>(in_build - ls.in_integration);
      fs.in_rework[w] += static_cast<int>(ls.in_rework);
      fs.finished[w] += static_cast<int>(ls.finished);
      fs.shipped[w] += static_cast<int>(ls.shipped);
      fs.inventory[w] += static_cast<int>(ls.inventory);
      fs.failed_tests[w] += static_cast<int>(ls.failed_tests);
      attr.record_lane_week(l, w, ls.week_days, ls.week_pool, ls.started - ls.finished);
      ls.week_days.fill(0);
      ls.week_pool = -1;
    }
    for (size_t s = 0; s < nS; ++s) {
      const SiteState& st = ss[s];
      const PlanSite& ps = P.sites[s];
      record(out.sites[s].weekly, w, st, ps);
      attr.record_site_week(s, w, st.ready <= t, static_cast<long long>(st.grid_allowed),
                            st.install_limiter);
    }
  }

  // ---- Schedules, attribution, totals.
  for (size_t s = 0; s < nS; ++s) {
    const SiteState& st = ss[s];
    const PlanSite& ps = P.sites[s];
    SiteResult& r = out.sites[s];
    SiteSchedule& sc = r.schedule;
    sc.construction_start_day = ps.construction_start_day;
    sc.permitting_days = st.permitting;
    sc.shell_days = st.shell;
    sc.fit_out_days = st.fit_out;
    sc.commissioning_days = st.commissioning;
    sc.shell_end_day = ps.construction_start_day + st.permitting + st.shell;
    sc.long_lead_day =
        st.long_lead_day == -kNeverDay ? ps.construction_start_day : st.long_lead_day;
    sc.long_lead_item.clear();
    sc.fit_out_end_day = st.fit_out_end;
    sc.ready_day = st.ready;
    sc.expected_ready_day = ps.expected_ready_day;
    if (st.ready < D) r.milestones.ready_day = st.ready;
    SiteFacts facts;
    facts.ready_day = st.ready < D ? st.ready : kNeverDay;
    facts.first_grid_day = ps.first_grid_day;
    facts.first_arrival_day = st.first_arrival;
    // Long-lead gear holds the site when it (would have) arrived after the planned fit-out end.
    facts.long_lead_late = st.long_lead_day > st.fit_planned;
    facts.long_lead_pool = st.long_lead_pool;
    if (st.long_lead_day == kNeverDay) {
      // Not all received: name the requirement with the largest share still missing.
      double worst = 0.0;
      for (size_t i = 0; i < ps.long_lead.size(); ++i) {
        const double missing = static_cast<double>(ps.long_lead[i].count - st.ll_received[i]) /
                               static_cast<double>(ps.long_lead[i].count);
        if (missing > worst) {
          worst = missing;
          facts.long_lead_pool = ps.long_lead[i].pool;
        }
      }
    }
    if (facts.long_lead_pool >= 0) {
      sc.long_lead_item = P.pools[static_cast<size_t>(facts.long_lead_pool)].name;
    }
    attr.set_site_facts(s, facts);
  }
  attribute_constraints(P, attr, out);
  resize_series(out.total, W);
  for (const SiteResult& r : out.sites) add_to(out.total, r.weekly);

  // ---- Contracts: firm orders met, exercised racks on time, option spend.
  for (const LaneState& ls : lanes) {
    for (const LaneOrder& o : ls.book.orders()) {
      ContractResult& cr = out.contracts[static_cast<size_t>(o.contract)];
      if (o.firm >= 0) {
        FirmOrderResult& fr = cr.firm[static_cast<size_t>(o.firm)];
        fr.on_time = static_cast<int>(o.on_time);
        fr.delivered = static_cast<int>(o.filled);
        if (o.fulfilled_day != kNeverDay) fr.fulfilled_day = o.fulfilled_day;
      } else {
        const PlanOption& opt = P.options[static_cast<size_t>(o.option)];
        cr.exercised_on_time[static_cast<size_t>(opt.option)] += static_cast<int>(o.on_time);
        cr.option_spend_usd += static_cast<double>(o.racks) * opt.unit_price_usd;
      }
    }
  }
  return out;
}

}  // namespace rackscale::sim
