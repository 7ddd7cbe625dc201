#!/usr/bin/env python3
"""`rackscale sweep` under MPI gives the same results as threads (tests/CMakeLists.txt: mpi.sweep).

Runs the study tests/mpi/sweep_study.yaml into stores: on 2 threads, under `mpirun -np 1`,
under `mpirun -np 2 --oversubscribe`, under `mpirun -np 2` again into the last store (a resume
that must find nothing to do), and under `mpirun -np 2` killed with SIGKILL (mpirun and every
process it started) once it has recorded 2 points, then run again to finish. Then checks that
every result table of the stores (every table but run_log, which holds times) has the same rows,
value for value (floats compared exactly), and that points.csv is byte-identical.

Usage: check_sweep_mpi.py --rackscale BIN --mpiexec MPIEXEC --root REPO --out DIR
Prints `N passed, M failed`; exits 1 on a failure.
"""

import argparse
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time


def run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        sys.stdout.write(result.stdout + result.stderr)
        raise SystemExit(f"FAIL: {' '.join(command)} exited with {result.returncode}")
    return result.stdout


def result_tables(path):
    """Every result table of a store: name -> its rows in a canonical order."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        names = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        tables = {}
        for name in names:
            if name == "run_log" or name.startswith("sqlite_"):
                continue
            columns = [r[1] for r in db.execute(f"PRAGMA table_info('{name}')")]
            order = ", ".join(f'"{c}"' for c in columns)
            tables[name] = db.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
        return tables


def recorded_points(store):
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM point").fetchone()[0]
    except sqlite3.Error:
        return 0


def descendants(pid):
    """Every live process below `pid`, read from /proc: mpirun's ranks may sit in process
    groups of their own, out of reach of a signal to mpirun's group."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_midway(command, store, cwd):
    """Starts `command` (mpirun) in its own session and kills it and every process it started
    (SIGKILL) once the store holds at least 2 points: a job killed midway. Waits until they are
    all gone (the store's lock is free again) and returns the points the store holds then."""
    job = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while recorded_points(store) < 2 and job.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    victims = descendants(job.pid)
    os.killpg(job.pid, signal.SIGKILL)
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    job.wait()
    while any(os.path.exists(f"/proc/{pid}") and not zombie(pid) for pid in victims):
        time.sleep(0.05)
    return recorded_points(store)


def zombie(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def digest(tables):
    text = repr(sorted(tables.items()))  # repr keeps every float exactly
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rackscale", required=True)
    parser.add_argument("--mpiexec", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    study = "tests/mpi/sweep_study.yaml"
    sweep = [args.rackscale, "sweep", study, "-q", "-o"]
    mpirun = [args.mpiexec, "--oversubscribe", "-np"]
    stores = {
        "threads": sweep + [os.path.join(args.out, "threads"), "--threads", "2"],
        "1 rank": mpirun + ["1"] + sweep + [os.path.join(args.out, "np1")],
        "2 ranks": mpirun + ["2"] + sweep + [os.path.join(args.out, "np2")],
    }
    folders = {"threads": "threads", "1 rank": "np1", "2 ranks": "np2"}
    for command in stores.values():
        run(command, args.root)
    # A second run into a finished store: nothing left to run, nothing written twice.
    resumed = run(mpirun + ["2"] + [args.rackscale, "sweep", study, "-o",
                                     os.path.join(args.out, "np2")], args.root)

    killed_at = kill_midway(mpirun + ["2"] + sweep + [os.path.join(args.out, "killed")],
                            os.path.join(args.out, "killed", "study.sqlite"), args.root)
    run(mpirun + ["2"] + sweep + [os.path.join(args.out, "killed")], args.root)
    folders["killed at %d points, resumed" % killed_at] = "killed"

    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + what)
        passed, failed = passed + ok, failed + (not ok)

    tables = {k: result_tables(os.path.join(args.out, f, "study.sqlite"))
              for k, f in folders.items()}
    reference = tables["threads"]
    check(len(reference.get("point", [])) == 9 and len(reference.get("metric", [])) > 9 * 10
          and len(reference.get("weekly", [])) > 9 * 50,
          "the threaded store holds the 9 points with their metrics and weekly series")
    for name, t in tables.items():
        check(t == reference, f"{name}: result tables equal the threaded run's "
                              f"({digest(t)} vs {digest(reference)})")
    check(2 <= killed_at < 9, f"the job was killed midway, with {killed_at} of 9 points recorded")
    check("0 run now" in resumed and "9 from the store" in resumed,
          "a second run under MPI finds every point in the store")
    csv = {k: open(os.path.join(args.out, f, "points.csv"), "rb").read()
           for k, f in folders.items()}
    check(csv["1 rank"] == csv["threads"] and csv["2 ranks"] == csv["threads"],
          "points.csv is byte-identical")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
