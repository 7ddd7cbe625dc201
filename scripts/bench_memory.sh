#!/bin/sh
# Time and peak memory of `rackscale plan` on the flagship at 10^3 .. 10^6 runs, and the 1- vs
# 2-thread speed-up: the benchmark of the streaming Monte Carlo (docs/models/montecarlo.md,
# "Streaming aggregation"). Not a test: figures depend on the machine.
# Usage: scripts/bench_memory.sh [RACKSCALE_BINARY] [SCENARIO] [MAX_RUNS]
#   defaults: build/release/rackscale, examples/flagship.yaml, 1000000
# Needs GNU time (/usr/bin/time -v) for the peak resident set size.
set -eu
bin=${1:-build/release/rackscale}
scenario=${2:-examples/flagship.yaml}
max_runs=${3:-1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# One `plan` with the attribution off (it reruns a fixed number of runs per constraint, not a
# cost that grows with --runs); prints "runs threads seconds peak_MiB".
measure() {
  /usr/bin/time -v "$bin" plan "$scenario" --runs "$1" --threads "$2" --attribution-runs 0 \
    -o "$out/plan" -q >/dev/null 2>"$out/time.txt"
  seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; ++i) s = s * 60 + $i; print s }')
  kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
  printf '%9d %7d %9.2f %9.1f\n' "$1" "$2" "$seconds" "$(echo "$kib / 1024" | bc -l)"
}

echo "scenario: $scenario"
printf '%9s %7s %9s %9s\n' runs threads seconds peak_MiB
runs=1000
while [ "$runs" -le "$max_runs" ]; do
  measure "$runs" 2
  runs=$((runs * 10))
done
echo "speed-up, 10000 runs:"
one=$(measure 10000 1)
two=$(measure 10000 2)
echo "$one"
echo "$two"
echo "$one $two" | awk '{ printf "1 -> 2 threads: %.2fx\n", $3 / $7 }'
