// The siting MILP (optimize/milp.hpp, COIN-OR CBC) on the generated instance of
// tests/support/siting_instance.hpp: 50 candidates x 156 weeks (seed 2026), in weekly periods
// and aggregated into 2- and 4-week periods; racks online continuous (0) or whole (1). Issue 14's
// target: at most 1% gap within 10 s on 2 cores. Counters: the MILP's size, the gap reached (to
// CBC's bound; with racks whole, the tighter of the racks-continuous relaxation's and its own,
// docs/models/optimize.md), its objective and the objectives of the two simple rules
// (optimize/simple_rules.hpp) on the same instance [GPU-weeks].
// Run: build/lead/bench/optimize_benchmark

#include <benchmark/benchmark.h>

#include <cstdlib>

#include "rackscale/optimize/milp.hpp"
#include "rackscale/optimize/simple_rules.hpp"
#include "support/siting_instance.hpp"

namespace {

using namespace rackscale;

void BM_SitingMilp(benchmark::State& state) {
  support::SitingInstanceSpec spec;
  spec.period_weeks = static_cast<int>(state.range(0));
  const optimize::Problem problem = support::generated_siting_problem(spec);
  optimize::SolveOptions options;
  options.whole_racks = state.range(1) != 0;
  // The 10 s are wall clock, and a solve returns about 0.5 s after its time limit (CBC
  // ends the node or cut pass under way): a 9 s limit keeps the whole solve within 10 s.
  // RACKSCALE_BENCH_TIME_LIMIT=<s> overrides it, to measure on a loaded machine how long the 1%
  // gap takes.
  const char* limit = std::getenv("RACKSCALE_BENCH_TIME_LIMIT");
  options.time_limit_seconds = limit != nullptr ? std::atof(limit) : 9.0;
  options.relative_gap = 0.01;
  options.threads = 2;
  optimize::Plan plan;
  for (auto _ : state) {
    plan = optimize::solve(problem, options);
    benchmark::DoNotOptimize(plan);
  }
  const optimize::MilpSize size = optimize::milp_size(problem, options);
  state.counters["rows"] = size.rows;
  state.counters["columns"] = size.columns;
  state.counters["integers"] = size.integers;
  state.counters["gap_pct"] = 100.0 * plan.gap;
  state.counters["optimal"] = plan.optimal ? 1.0 : 0.0;
  state.counters["milp_gpu_weeks"] = plan.objective;
  state.counters["cheapest_power_first"] =
      optimize::simple_rule_plan(problem, optimize::SimpleRule::CheapestPowerFirst).objective;
  state.counters["earliest_grid_first"] =
      optimize::simple_rule_plan(problem, optimize::SimpleRule::EarliestGridFirst).objective;
}
BENCHMARK(BM_SitingMilp)
    ->ArgNames({"period_weeks", "whole_racks"})
    ->ArgsProduct({{1, 2, 4}, {0, 1}})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace
