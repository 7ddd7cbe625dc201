#!/usr/bin/env python3
"""`rackscale sweep`: a real sweep killed with SIGKILL midway resumes to the same results.

  resume     runs a small one-at-a-time study of the flagship uninterrupted into folder A; runs it
             again into folder B, polls B's store until at least one point is recorded, kills the
             sweep with SIGKILL, checks that some but not all points are recorded, and re-runs the
             same command: it runs only the missing points. Every point is then in B exactly
             once, every result table of B equals A's row for row (the run log, which holds
             times, excepted), and points.csv and study.html are byte-identical.
  threads    the same study on one thread into folder C: the same results as A (two threads).
  refuse     a different study into folder A is refused (exit 1, "holds the study"), and A is
             unchanged.

Usage: python3 sweep_resume_test.py --rackscale BIN --root REPO [NAME ...]
The last line printed is `N passed, M failed`; the exit status is 1 if any check failed.
"""

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden_common import clean_env  # noqa: E402

RESULT_TABLES = ["study", "parameter", "point", "point_level", "metric", "bottleneck_gain",
                 "weekly"]

STUDY = """rackscale: 1
name: resume-test
scenario: {scenario}
runs: 40
attribution_runs: 10
set: ["reliability.runs=10"]
design: one-at-a-time
parameters:
  - name: grid-delay
    path: sites[*].grid[*].date
    shift: {{min: 0 weeks, max: 26 weeks}}
    levels: 3
  - name: install-crews
    path: sites[*].crews.install_rate
    scale: {{min: 0.5, max: 1.5}}
    levels: 3
"""
POINTS = 7  # the base, then 3 levels of each parameter


def table_rows(store, table):
    with sqlite3.connect(store) as db:
        rows = db.execute(f"SELECT * FROM {table}").fetchall()
    if table == "study":  # the study file's path differs between the copies
        return [row[:3] + row[4:] for row in rows]
    return sorted(rows, key=repr)


def recorded(store):
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM point").fetchone()[0]
    except sqlite3.Error:
        return 0


def sweep(binary, study, out, *extra):
    return subprocess.run([binary, "sweep", study, "-o", out, *extra], capture_output=True,
                          text=True, env=clean_env(), timeout=900)


def same_results(a, b):
    problems = []
    for table in RESULT_TABLES:
        if table_rows(a, table) != table_rows(b, table):
            problems.append(f"table {table} differs")
    return problems


def check_resume(binary, study, work):
    a, b = os.path.join(work, "a"), os.path.join(work, "b")
    first = sweep(binary, study, a, "--threads", "2")
    if first.returncode != 0:
        return [f"uninterrupted sweep failed ({first.returncode}): {first.stderr}"]
    proc = subprocess.Popen([binary, "sweep", study, "-o", b, "--threads", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=clean_env())
    store = os.path.join(b, "study.sqlite")
    deadline = time.time() + 600
    while recorded(store) < 1 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = recorded(store)
    problems = []
    if not 1 <= done < POINTS:
        problems.append(f"killed with {done} of {POINTS} points recorded, not midway")
    second = sweep(binary, study, b, "--threads", "2")
    if second.returncode != 0:
        return problems + [f"resumed sweep failed ({second.returncode}): {second.stderr}"]
    expected_line = f"{POINTS} points: {POINTS - done} run now"
    if expected_line not in second.stdout:
        problems.append(f"resume did not say `{expected_line}`: {second.stdout}")
    with sqlite3.connect(store) as db:
        indices = [r[0] for r in db.execute("SELECT point_index FROM point ORDER BY point_index")]
    if indices != list(range(POINTS)):
        problems.append(f"points recorded: {indices}, expected each of 0..{POINTS - 1} once")
    problems += same_results(os.path.join(a, "study.sqlite"), store)
    for name in ["points.csv", "study.html"]:
        with open(os.path.join(a, name), "rb") as fa, open(os.path.join(b, name), "rb") as fb:
            if fa.read() != fb.read():
                problems.append(f"{name} differs between the resumed and the uninterrupted sweep")
    return problems


def check_threads(binary, study, work):
    c = os.path.join(work, "c")
    run = sweep(binary, study, c, "--threads", "1", "-q")
    if run.returncode != 0:
        return [f"one-thread sweep failed ({run.returncode}): {run.stderr}"]
    return same_results(os.path.join(work, "a", "study.sqlite"), os.path.join(c, "study.sqlite"))


def check_refuse(binary, study, work):
    other = os.path.join(work, "other.yaml")
    with open(study) as f:
        text = f.read().replace("runs: 40", "runs: 41")
    with open(other, "w") as f:
        f.write(text)
    a = os.path.join(work, "a")
    before = table_rows(os.path.join(a, "study.sqlite"), "point")
    run = sweep(binary, other, a)
    problems = []
    if run.returncode != 1 or "holds the study \"resume-test\"" not in run.stderr:
        problems.append(f"a different study was not refused: exit {run.returncode}, {run.stderr}")
    if table_rows(os.path.join(a, "study.sqlite"), "point") != before:
        problems.append("the refused sweep changed the store")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rackscale", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    binary = os.path.abspath(args.rackscale)
    checks = [("resume", check_resume), ("threads", check_threads), ("refuse", check_refuse)]
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="rackscale-sweep-") as work:
        study = os.path.join(work, "study.yaml")
        with open(study, "w") as f:
            f.write(STUDY.format(scenario=os.path.join(os.path.abspath(args.root),
                                                       "examples", "flagship.yaml")))
        for name, check in checks:
            if args.names and name not in args.names:
                continue
            problems = check(binary, study, work)
            for p in problems:
                print(f"FAIL {name}: {p}")
            if problems:
                failed += 1
            else:
                print(f"ok   {name}")
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
