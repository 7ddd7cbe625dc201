#include "rackscale/optimize/enumeration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "rackscale/core/error.hpp"
#include "rackscale/optimize/milp_model.hpp"

namespace rackscale::optimize {

namespace {

constexpr long long kUnlimited = std::numeric_limits<long long>::max() / 4;
constexpr double kUsdPerMusd = 1e6;

//! Min-cost flow by successive shortest paths (Bellman-Ford, so negative arc costs are fine on
//! this acyclic network): exact for integer capacities, which keeps every flow whole.
class FlowNetwork {
 public:
  explicit FlowNetwork(int nodes) : outgoing_(nodes) {}

  //! Adds an arc and returns its index (its flow is read back with `flow`).
  int add_arc(int from, int to, long long capacity, double cost) {
    const int index = static_cast<int>(arcs_.size());
    arcs_.push_back({to, capacity, cost});
    arcs_.push_back({from, 0, -cost});  // its residual twin
    outgoing_[from].push_back(index);
    outgoing_[to].push_back(index + 1);
    return index;
  }

  //! Sends up to `most` units from `source` to `sink` along cheapest paths; with
  //! `only_profitable`, stops at the first path that does not lower the cost. Returns the units.
  long long send(int source, int sink, long long most, bool only_profitable) {
    long long sent = 0;
    while (sent < most) {
      const std::vector<int> via = cheapest_paths(source);
      if (via[sink] < 0 || (only_profitable && distance_[sink] >= -1e-12)) break;
      long long units = most - sent;
      for (int node = sink; node != source; node = arcs_[via[node] ^ 1].to) {
        units = std::min(units, arcs_[via[node]].capacity);
      }
      for (int node = sink; node != source; node = arcs_[via[node] ^ 1].to) {
        arcs_[via[node]].capacity -= units;
        arcs_[via[node] ^ 1].capacity += units;
      }
      sent += units;
      cost_ += static_cast<double>(units) * distance_[sink];
    }
    return sent;
  }

  long long flow(int arc) const { return arcs_[arc ^ 1].capacity; }
  double cost() const { return cost_; }

 private:
  struct Arc {
    int to = 0;
    long long capacity = 0;
    double cost = 0.0;
  };

  //! The arc into each node on a cheapest path from `source` (-1: unreachable).
  std::vector<int> cheapest_paths(int source) {
    const int nodes = static_cast<int>(outgoing_.size());
    distance_.assign(nodes, std::numeric_limits<double>::infinity());
    std::vector<int> via(nodes, -1);
    distance_[source] = 0.0;
    for (bool changed = true; changed;) {
      changed = false;
      for (int node = 0; node < nodes; ++node) {
        if (std::isinf(distance_[node])) continue;
        for (int index : outgoing_[node]) changed |= relax(node, index, via);
      }
    }
    return via;
  }

  bool relax(int node, int index, std::vector<int>& via) {
    const Arc& arc = arcs_[index];
    if (arc.capacity <= 0 || distance_[node] + arc.cost >= distance_[arc.to] - 1e-12) return false;
    distance_[arc.to] = distance_[node] + arc.cost;
    via[arc.to] = index;
    return true;
  }

  std::vector<Arc> arcs_;
  std::vector<std::vector<int>> outgoing_;
  std::vector<double> distance_;
  double cost_ = 0.0;
};

//! Every start pattern of a candidate: none, or phases 0..m-1 starting at nondecreasing periods
//! within [first, last].
void add_patterns(int phases, int first, int last, std::vector<int>& starts,
                  std::vector<std::vector<int>>& patterns) {
  patterns.push_back(starts);
  if (static_cast<int>(starts.size()) == phases) return;
  for (int period = starts.empty() ? first : starts.back(); period <= last; ++period) {
    starts.push_back(period);
    add_patterns(phases, first, last, starts, patterns);
    starts.pop_back();
  }
}

std::vector<std::vector<int>> start_patterns(const Problem& problem, const Candidate& candidate) {
  std::vector<std::vector<int>> patterns;
  std::vector<int> starts;
  add_patterns(candidate.phases, std::max(0, candidate.earliest_start),
               problem.periods - 1 - candidate.build_periods, starts, patterns);
  return patterns;
}

double discount(const Problem& problem, int period) {
  const double years = period * problem.period_weeks / kWeeksPerYear;
  return std::pow(1.0 + problem.objective.discount_rate, -years);
}

double phase_capex(const Candidate& candidate, int phase) {
  return candidate.phase_capex_musd + (phase == 0 ? candidate.site_capex_musd : 0.0);
}

//! The cost of one rack online at a candidate for one period, in the objective's unit,
//! minimized (GPU-weeks and value count negative).
double rack_period_cost(const Problem& problem, const Candidate& candidate, int period) {
  const double hours = problem.period_weeks * kHoursPerWeek;
  const double energy_musd =
      hours * problem.rack_it_mw * candidate.facility_mw_per_it_mw * candidate.energy_usd_per_mwh / kUsdPerMusd;
  switch (problem.objective.kind) {
    case ObjectiveKind::GpuWeeks:
      return -problem.gpus_per_rack * problem.period_weeks;
    case ObjectiveKind::LeastCost:
      return energy_musd;
    case ObjectiveKind::NetPresentValue:
      break;
  }
  const double value_musd = problem.gpus_per_rack * problem.objective.value_per_gpu_hour * hours / kUsdPerMusd;
  return -discount(problem, period) * (value_musd - energy_musd);
}

//! Racks a candidate can hold online in each period with these phase starts: the phases ready
//! and the grid's MW, whole racks.
std::vector<long long> rack_capacity(const Problem& problem, const Candidate& candidate,
                                     const std::vector<int>& starts) {
  std::vector<long long> capacity(problem.periods);
  const double rack_mw = problem.rack_it_mw * candidate.facility_mw_per_it_mw;
  for (int period = 0; period < problem.periods; ++period) {
    const auto ready = std::count_if(starts.begin(), starts.end(),
                                     [&](int start) { return start + candidate.build_periods <= period; });
    const auto powered = static_cast<long long>(std::floor(grid_mw_at(candidate, period) / rack_mw + 1e-9));
    capacity[period] = std::min<long long>(ready * candidate.racks_per_phase, std::max(0LL, powered));
  }
  return capacity;
}

//! The search's state: the patterns, the combination being built and the best plan so far.
struct Search {
  const Problem& problem;
  std::vector<std::vector<std::vector<int>>> patterns;  //!< [candidate][pattern]: phase starts
  std::vector<int> choice;                               //!< [candidate]: pattern index
  std::vector<double> capex_by_year;
  std::vector<int> building;  //!< [period]: phases under construction
  Plan best;
  double best_cost = std::numeric_limits<double>::infinity();
};

//! The rack allocation of the chosen combination: the flow network over time (see the header
//! comment of `allocate_racks`).
struct Allocation {
  bool feasible = false;
  double cost = 0.0;
  std::vector<std::vector<int>> installed;  //!< [candidate][period]
};

// The network: source -> factory node of period t (capacity: racks delivered in t), factory t ->
// factory t+1 (stock waits), factory t -> candidate i in period t (the install rate), candidate
// i in t -> candidate i in t+1 (capacity: racks i can hold online in t; cost: one rack online
// for period t), last period -> sink. The flow on the arc out of (i, t) is exactly the racks
// online at i in t, so every constraint of the MILP on racks (supply with stock, install rate,
// phases ready, grid MW) is an arc capacity, and the objective is the arc costs: a min-cost flow
// is the exact best allocation for fixed phase starts, integral because capacities are whole.
// LeastCost stops the network at the target period, where each candidate's racks go to the sink
// with the energy they cost until the horizon (installing later only adds energy cost, and the
// racks must stay within every later capacity), and exactly target_racks units must flow.
Allocation allocate_racks(const Search& search) {
  const Problem& problem = search.problem;
  const bool least_cost = problem.objective.kind == ObjectiveKind::LeastCost;
  const int horizon = least_cost ? problem.objective.target_period + 1 : problem.periods;
  const int candidates = static_cast<int>(problem.candidates.size());
  const int source = 0;
  const int sink = 1;
  auto factory = [](int period) { return 2 + period; };
  auto site = [&](int index, int period) { return 2 + horizon + index * horizon + period; };
  FlowNetwork network(2 + horizon * (candidates + 1));
  for (int period = 0; period < horizon; ++period) {
    const int delivered = period < static_cast<int>(problem.factory_racks.size()) ? problem.factory_racks[period] : 0;
    network.add_arc(source, factory(period), delivered, 0.0);
    network.add_arc(factory(period), period + 1 < horizon ? factory(period + 1) : sink, least_cost ? 0 : kUnlimited,
                    0.0);
  }
  std::vector<std::vector<int>> install_arcs(candidates);
  for (int index = 0; index < candidates; ++index) {
    const Candidate& candidate = problem.candidates[index];
    const auto capacity = rack_capacity(problem, candidate, search.patterns[index][search.choice[index]]);
    const long long rate = candidate.install_racks_per_period > 0 ? candidate.install_racks_per_period : kUnlimited;
    for (int period = 0; period < horizon; ++period) {
      install_arcs[index].push_back(network.add_arc(factory(period), site(index, period), rate, 0.0));
      const bool last = period + 1 == horizon;
      long long online_cap = capacity[period];
      double online_cost = rack_period_cost(problem, candidate, period);
      for (int later = period + 1; last && later < problem.periods; ++later) {  // LeastCost only
        online_cap = std::min(online_cap, capacity[later]);
        online_cost += rack_period_cost(problem, candidate, later);
      }
      network.add_arc(site(index, period), last ? sink : site(index, period + 1), online_cap, online_cost);
    }
  }
  const long long wanted = least_cost ? problem.objective.target_racks : kUnlimited;
  const long long sent = network.send(source, sink, wanted, !least_cost);
  Allocation allocation;
  allocation.feasible = !least_cost || sent >= wanted;
  allocation.cost = network.cost();
  allocation.installed.assign(candidates, std::vector<int>(problem.periods, 0));
  for (int index = 0; index < candidates; ++index) {
    for (int period = 0; period < horizon; ++period) {
      allocation.installed[index][period] = static_cast<int>(network.flow(install_arcs[index][period]));
    }
  }
  return allocation;
}

//! Capex of the combination in the objective's unit (0 for GPU-weeks).
double capex_cost(const Search& search) {
  const Problem& problem = search.problem;
  if (problem.objective.kind == ObjectiveKind::GpuWeeks) return 0.0;
  double cost = 0.0;
  for (std::size_t index = 0; index < problem.candidates.size(); ++index) {
    const auto& starts = search.patterns[index][search.choice[index]];
    for (std::size_t phase = 0; phase < starts.size(); ++phase) {
      const double capex = phase_capex(problem.candidates[index], static_cast<int>(phase));
      cost += problem.objective.kind == ObjectiveKind::LeastCost ? capex : capex * discount(problem, starts[phase]);
    }
  }
  return cost;
}

void evaluate(Search& search) {
  const Allocation allocation = allocate_racks(search);
  if (!allocation.feasible) return;
  const double cost = allocation.cost + capex_cost(search);
  if (cost >= search.best_cost - 1e-9 * std::max(1.0, std::abs(cost))) return;  // first best stays
  search.best_cost = cost;
  Plan& plan = search.best;
  plan.candidates.assign(search.problem.candidates.size(), {});
  for (std::size_t index = 0; index < plan.candidates.size(); ++index) {
    const auto& starts = search.patterns[index][search.choice[index]];
    CandidatePlan& candidate = plan.candidates[index];
    candidate.chosen = !starts.empty();
    for (std::size_t phase = 0; phase < starts.size(); ++phase) {
      candidate.phases.push_back({static_cast<int>(phase), starts[phase]});
    }
    candidate.racks_installed = allocation.installed[index];
  }
}

//! Adds (sign +1) or removes (-1) a pattern's capex and construction; false when over a limit.
bool apply_pattern(Search& search, int index, int sign) {
  const Problem& problem = search.problem;
  const Candidate& candidate = problem.candidates[index];
  const auto& starts = search.patterns[index][search.choice[index]];
  bool within = true;
  for (std::size_t phase = 0; phase < starts.size(); ++phase) {
    const int year = year_of_period(problem, starts[phase]);
    if (year < static_cast<int>(search.capex_by_year.size())) {
      search.capex_by_year[year] += sign * phase_capex(candidate, static_cast<int>(phase));
      within &= search.capex_by_year[year] <= problem.capex_budget_musd_per_year[year] + 1e-9;
    }
    const int end = std::min(problem.periods, starts[phase] + std::max(1, candidate.build_periods));
    for (int period = starts[phase]; period < end; ++period) {
      search.building[period] += sign;
      within &= problem.max_concurrent_phases <= 0 || search.building[period] <= problem.max_concurrent_phases;
    }
  }
  return within;
}

void search_from(Search& search, int index) {
  if (index == static_cast<int>(search.problem.candidates.size())) {
    evaluate(search);
    return;
  }
  for (int pattern = 0; pattern < static_cast<int>(search.patterns[index].size()); ++pattern) {
    search.choice[index] = pattern;
    if (apply_pattern(search, index, +1)) search_from(search, index + 1);
    apply_pattern(search, index, -1);
  }
}

void check_scope(const Problem& problem) {
  if (static_cast<int>(problem.candidates.size()) > kMaxEnumeratedCandidates) {
    throw Error("optimize: enumeration takes at most " + std::to_string(kMaxEnumeratedCandidates) +
                " candidates, got " + std::to_string(problem.candidates.size()));
  }
  if (problem.carbon_cap_t || problem.water_cap_m3) {
    throw Error("optimize: enumeration does not take carbon or water caps");
  }
  for (const Candidate& candidate : problem.candidates) {
    if (!candidate.bridging.empty()) throw Error("optimize: enumeration does not take bridging offers");
  }
}

}  // namespace

Plan enumerate(const Problem& problem) {
  check_scope(problem);
  build_model(problem);  // the same validation of the problem as the MILP's
  Search search{problem, {}, std::vector<int>(problem.candidates.size(), 0),
                std::vector<double>(problem.capex_budget_musd_per_year.size(), 0.0),
                std::vector<int>(problem.periods, 0), {}};
  for (const Candidate& candidate : problem.candidates) search.patterns.push_back(start_patterns(problem, candidate));
  search_from(search, 0);
  Plan plan = search.best;
  plan.status = std::isinf(search.best_cost) ? SolveStatus::Infeasible : SolveStatus::Optimal;
  plan.optimal = plan.status == SolveStatus::Optimal;
  const bool maximize = problem.objective.kind != ObjectiveKind::LeastCost;
  plan.objective = plan.optimal ? (maximize ? -search.best_cost : search.best_cost) : 0.0;
  plan.bound = plan.objective;
  return plan;
}

}  // namespace rackscale::optimize
