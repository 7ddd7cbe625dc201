#!/usr/bin/env python3
"""What if the grid comes late? Delays every grid step of a scenario (by default
examples/flagship.yaml) by 0, 13, 26 and 52 weeks, plans each case with the same seed and plots
the fleet's IT capacity online (P50 of the runs) into a PNG.

    make python
    PYTHONPATH=build/release/python python3 examples/python/what_if.py --out what_if.png

Exits 77 (skipped, for CTest) when matplotlib or PyYAML is missing, and 1 if a later grid ever
gives more GPU-weeks than an earlier one (a later grid only takes power away).
"""

import argparse
import pathlib
import sys

SKIPPED = 77
ROOT = pathlib.Path(__file__).resolve().parents[2]


def grid_steps(scenario_file: pathlib.Path, yaml) -> list:
    """(site index, step index) of every grid step in the scenario file."""
    sites = yaml.safe_load(scenario_file.read_text())["sites"]
    return [(i, j) for i, site in enumerate(sites) for j in range(len(site["grid"]))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", type=pathlib.Path, default=ROOT / "examples/flagship.yaml")
    parser.add_argument("--delays", type=int, nargs="+", default=[0, 13, 26, 52],
                        help="grid delays to compare [weeks]")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("what_if.png"))
    args = parser.parse_args()
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display: write the file only
        import matplotlib.pyplot as plt
        import pandas
        import yaml
    except ImportError as missing:
        print(f"SKIPPED: {missing} (install python3-matplotlib, python3-pandas, python3-yaml)")
        return SKIPPED
    import rackscale

    base = rackscale.load(args.scenario)
    steps = grid_steps(args.scenario, yaml)
    figure, axes = plt.subplots(figsize=(9, 5))
    gpu_weeks = []
    print(f"{base.name}: every grid step delayed; {args.runs} runs, seed {args.seed}")
    for delay in args.delays:
        late = base.with_overrides(
            {f"sites[{i}].grid[{j}].delay": f"{delay} weeks" for i, j in steps})
        plan = late.plan(runs=args.runs, seed=args.seed)
        fleet = plan.timeline[plan.timeline["site"] == "total"]
        axes.plot(pandas.to_datetime(fleet["week_end"]), fleet["it_mw_online_p50"],
                  label=f"grid {delay} weeks late")
        gpu_weeks.append(fleet["gpus_online_p50"].sum())
        dates = ", ".join(f"{s.name} {s.full_target_p50 or 'not reached'}" for s in plan.sites)
        print(f"  {delay:>2} weeks late: {gpu_weeks[-1]:>12,.0f} GPU-weeks (fleet P50); "
              f"100% P50: {dates}")
    axes.set_title(f"{base.name}: IT capacity online if the grid comes late")
    axes.set_ylabel("IT power online, fleet P50 [MW]")
    axes.legend()
    axes.grid(alpha=0.3)
    figure.autofmt_xdate()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.out, dpi=100)
    print(f"wrote {args.out}")
    if any(later > earlier for earlier, later in zip(gpu_weeks, gpu_weeks[1:])):
        print("error: a later grid gave more GPU-weeks", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
