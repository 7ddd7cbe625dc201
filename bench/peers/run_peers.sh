#!/usr/bin/env bash
# Peer benchmark: the repair-crew micro-model (bench/peers/README.md) on rackscale's kernel and
# on its peers, run interleaved in rounds (A B C ..., A B C ..., ...) so that drift of a noisy
# machine hits every implementation alike. Prints a Markdown table of events/s (median over
# rounds), speed relative to the hand-written loop (median of the per-round ratios) and peak RSS.
#
#   bench/peers/run_peers.sh                     # N=10000 R=50 T=1e6 SEED=42 ROUNDS=3
#   ROUNDS=5 T=1e5 bench/peers/run_peers.sh      # any of N R T SEED ROUNDS CXX NS3_SCHEDULERS
#
# C++ peers are built with "$CXX -O2 -march=native" into build/peers/. A peer whose Debian
# package is missing is skipped with a message; to run them all:
#   apt-get install -y python3-simpy3 libsimgrid-dev libns3-dev
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src="$root/bench/peers"
out="${PEERS_BUILD_DIR:-$root/build/peers}"
N="${N:-10000}"
R="${R:-50}"
T="${T:-1e6}"
SEED="${SEED:-42}"
ROUNDS="${ROUNDS:-3}"
CXX="${CXX:-g++}"
NS3_SCHEDULERS="${NS3_SCHEDULERS:-MapScheduler HeapScheduler CalendarScheduler PriorityQueueScheduler}"
flags=(-O2 -march=native)
mkdir -p "$out"
: >"$out/stderr.log"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
skip() { echo "run_peers: skipping $1: Debian package $2 is not installed (apt-get install -y $2)" >&2; }

labels=()
commands=()
add() {  # label, then the command and its arguments
  labels+=("$1")
  shift
  commands+=("$(printf '%q ' "$@")")
}

echo "run_peers: building into $out ($CXX ${flags[*]})" >&2
"$CXX" -std=c++20 "${flags[@]}" -I"$root/src" "$src/repair_kernel.cpp" \
  "$root/src/rackscale/core/random.cpp" "$root"/src/rackscale/sim/kernel/*.cpp -o "$out/repair_kernel"
"$CXX" -std=c++20 "${flags[@]}" -I"$root/src" "$src/repair_handwritten.cpp" \
  -o "$out/repair_handwritten"
"$CXX" -std=c++20 "${flags[@]}" -DRADIX_QUEUE -I"$root/src" "$src/repair_handwritten.cpp" \
  "$root/src/rackscale/sim/kernel/event_queue.cpp" -o "$out/repair_handwritten_radix"
add "rackscale kernel, radix queue (default)" "$out/repair_kernel" "$N" "$R" "$T" "$SEED" radix
add "rackscale kernel, binary heap" "$out/repair_kernel" "$N" "$R" "$T" "$SEED" binary
add "rackscale kernel, 4-ary heap" "$out/repair_kernel" "$N" "$R" "$T" "$SEED" 4ary
add "hand-written loop, binary heap" "$out/repair_handwritten" "$N" "$R" "$T" "$SEED"
add "hand-written loop, kernel's radix queue" "$out/repair_handwritten_radix" "$N" "$R" "$T" "$SEED"

if installed libns3-dev; then
  # ns-3.37's headers do not compile as C++20; its .pc files are broken, so link by hand.
  "$CXX" -std=c++17 "${flags[@]}" "$src/repair_ns3.cc" -o "$out/repair_ns3" -lns3-core
  for s in $NS3_SCHEDULERS; do add "ns-3 $s" "$out/repair_ns3" "$N" "$R" "$T" "$SEED" "ns3::$s"; done
else
  skip ns-3 libns3-dev
fi
if installed libsimgrid-dev; then
  "$CXX" -std=c++17 "${flags[@]}" "$src/repair_simgrid.cpp" -o "$out/repair_simgrid" -lsimgrid
  add "SimGrid s4u, actor per component" "$out/repair_simgrid" "$N" "$R" "$T" "$SEED"
else
  skip SimGrid libsimgrid-dev
fi
if installed python3-simpy3 && [ -x /usr/bin/python3 ]; then
  # Debian's interpreter: a pyenv python3 first on PATH cannot see python3-simpy3.
  add "SimPy, process per component" /usr/bin/python3 "$src/repair_simpy.py" "$N" "$R" "$T" "$SEED"
else
  skip SimPy python3-simpy3
fi

results="$out/results.tsv"
: >"$results"
echo "run_peers: N=$N R=$R T=$T seed=$SEED, $ROUNDS rounds of ${#labels[@]} runs;" \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((round = 1; round <= ROUNDS; ++round)); do
  for i in "${!labels[@]}"; do
    echo "run_peers: round $round/$ROUNDS: ${labels[$i]}" >&2
    if line="$(eval "${commands[$i]}" 2>>"$out/stderr.log" | grep '^impl=')"; then
      printf '%s\t%s\t%s\n' "$round" "${labels[$i]}" "$line" >>"$results"
    else
      echo "run_peers: ${labels[$i]} failed, see $out/stderr.log" >&2
    fi
  done
done

python3 - "$results" "$N" "$R" "$T" "$SEED" "$ROUNDS" <<'PY'
import statistics, sys
from collections import defaultdict

path, n, r, t, seed, rounds = sys.argv[1:]
runs = defaultdict(dict)  # label -> round -> fields
order = []
for row in open(path):
    rnd, label, line = row.rstrip("\n").split("\t")
    fields = dict(kv.split("=", 1) for kv in line.split())
    runs[label][int(rnd)] = fields
    if label not in order:
        order.append(label)

ref = "hand-written loop, binary heap"
def eps(label, rnd):
    return float(runs[label][rnd]["events_per_s"])
def ratio(label):  # median over rounds of this / hand-written in the same round
    common = [k for k in runs[label] if k in runs.get(ref, {})]
    return statistics.median(eps(label, k) / eps(ref, k) for k in common) if common else None

print(f"\nRepair-crew model, N={n} R={r} T={t} h, seed {seed}; medians over {rounds} interleaved rounds\n")
print("| implementation | events | availability | events/s | x hand-written | peak RSS |")
print("|---|---:|---:|---:|---:|---:|")
for label in order:
    rs = runs[label]
    first = rs[min(rs)]
    med = statistics.median(float(f["events_per_s"]) for f in rs.values())
    rss = max(float(f["peak_rss_mib"]) for f in rs.values())
    x = ratio(label)
    xs = f"{x:.2f}" if x is not None else "-"
    print(f"| {label} | {int(first['events']):,} | {first['availability']} | {med / 1e6:.3g} M "
          f"| {xs} | {rss:.1f} MiB |")

kernel = "rackscale kernel, radix queue (default)"
ns3 = [l for l in order if l.startswith("ns-3 ")]
print()
if kernel in runs and ref in runs:
    x = ratio(kernel)
    print(f"kernel / hand-written loop: {x:.2f} (target >= 0.8: {'met' if x >= 0.8 else 'MISSED'})")
if kernel in runs and ns3:
    best = max(ns3, key=lambda l: statistics.median(float(f["events_per_s"]) for f in runs[l].values()))
    common = [k for k in runs[kernel] if k in runs[best]]
    y = statistics.median(eps(kernel, k) / eps(best, k) for k in common)
    print(f"kernel / fastest ns-3 scheduler ({best[5:]}): {y:.2f} (target >= 2: {'met' if y >= 2 else 'MISSED'})")
cxx = {l: runs[l][min(runs[l])]["events"] for l in order if not l.startswith("SimPy")}
if len(set(cxx.values())) == 1:
    print(f"every C++ implementation followed the same trajectory ({int(next(iter(cxx.values()))):,} events)")
else:
    print("C++ trajectories DIFFER: " + ", ".join(f"{l}: {e}" for l, e in cxx.items()))
PY
