#!/usr/bin/env python3
"""Output safety of the rackscale program: what it writes stays in its output folder, as one
whole set, never through a planted symbolic link, and one run at a time.

Each check runs `rackscale` on a copy of examples/h100-single-site.yaml (some with a name
changed) in a scratch folder of its own:
  names       scenario and site names with `../`, `/`, 250 characters and Unicode land as slugs
              inside the output folder (nothing written elsewhere); control characters in a name
              are refused with exit 2 at the name's line.
  symlinks    symbolic links planted at every output name and at the temporary names (of this
              and of earlier versions) in and beside the output folder: the run refuses or
              succeeds, and every link's target is untouched.
  crash       the writer killed with SIGKILL at each step of its output (the test hook
              RACKSCALE_TEST_KILL_AT=N, CONTRIBUTING.md) over an earlier set: the folder holds
              one complete set, old or new, whose manifest lists exactly the files present with
              their SHA-256.
  crash_strace  the same without the hook: strace (when present and allowed to trace; else
              reported as skipped, not counted) kills the program at the N-th rename or fsync.
  lock        a second run into a folder that a first run is writing fails at once with
              "DIR is being written by another rackscale (pid N)" and exit code 1; the first
              run's set is whole.
  early_out   `-o` naming an existing file fails before the simulation starts.

Usage: python3 output_safety_test.py --rackscale BIN --root REPO [NAME ...]
The last line printed is `N passed, M failed`; the exit status is 1 if any check failed.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden_common import Results, clean_env, describe_rc, parse_runner_args  # noqa: E402

EXAMPLE = "examples/h100-single-site.yaml"
TIMEOUT_S = 120


class Runner:
    def __init__(self, binary, root):
        self.binary = binary
        self.root = root
        self.env = clean_env()

    def scenario(self, folder, name=None, site=None):
        """A copy of the example in `folder`, with its scenario or site name replaced."""
        text = open(os.path.join(self.root, EXAMPLE), encoding="utf-8").read()
        if name is not None:
            text = re.sub(r"^name: .*$", lambda _: "name: " + json.dumps(name), text, count=1,
                          flags=re.M)
        if site is not None:
            text = text.replace("name: ashburn-va", "name: " + json.dumps(site))
        path = os.path.join(folder, "scenario.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run(self, args, cwd, env=None, timeout=TIMEOUT_S):
        try:
            p = subprocess.run([self.binary] + args, cwd=cwd, env=env or self.env,
                               capture_output=True, timeout=timeout)
            return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
        except subprocess.TimeoutExpired:
            return None, "", ""

    def plan(self, scenario, out, cwd, seed=1, env=None, extra=()):
        args = ["plan", scenario, "--runs", "3", "--seed", str(seed), "-q"] + list(extra)
        return self.run(args + (["-o", out] if out else []), cwd, env)


def files_under(folder):
    """Every file and link under `folder`, as paths relative to it."""
    found = set()
    for top, dirs, files in os.walk(folder):
        for n in dirs + files:
            path = os.path.join(top, n)
            if not os.path.isdir(path) or os.path.islink(path):
                found.add(os.path.relpath(path, folder))
    return found


def set_problems(folder):
    """What keeps `folder` from holding one complete set: [] if its manifest.json lists exactly
    the files present, each with its size and SHA-256."""
    if not os.path.isdir(folder):
        return [f"{folder} is missing"]
    try:
        manifest = json.load(open(os.path.join(folder, "manifest.json"), encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"no readable manifest.json: {e}"]
    listed = {f["name"]: f for f in manifest["files"]}
    present = set(os.listdir(folder)) - {"manifest.json"}
    problems = []
    if present != set(listed):
        problems.append(f"present {sorted(present ^ set(listed))} differ from the manifest")
    for name in present & set(listed):
        data = open(os.path.join(folder, name), "rb").read()
        if hashlib.sha256(data).hexdigest() != listed[name]["sha256"]:
            problems.append(f"{name} does not match its SHA-256")
    return problems


def check_names(r, results):
    with tempfile.TemporaryDirectory() as scratch:
        # The run starts three folders down, so that `../../../` from out/ stays in the scratch.
        cwd = os.path.join(scratch, "a", "b", "c")
        os.makedirs(cwd)
        cases = [
            ("escaping scenario name", {"name": "../../../somewhere"}, "out/somewhere"),
            ("absolute scenario name", {"name": "/tmp/x"}, "out/tmp-x"),
            ("site name with /", {"site": "east/west"}, None),
            ("250-character site name", {"site": "s" * 250}, None),
            ("Unicode names", {"name": "Z\u00fcrich \u6771\u4eac", "site": "\u6771\u4eac-1"},
             "out/Z-rich"),
        ]
        for label, names, default_out in cases:
            shutil.rmtree(os.path.join(scratch, "a"), ignore_errors=True)
            os.makedirs(cwd)
            scenario = r.scenario(scratch, **names)
            rc, out, err = r.plan(scenario, None if default_out else "out/x", cwd)
            folder = os.path.join(cwd, default_out or "out/x")
            written = files_under(os.path.join(scratch, "a"))
            outside = {w for w in written
                       if not w.startswith("b/c/out/")}
            inside = {w for w in written if w.startswith("b/c/out/") and "/." not in "/" + w}
            problems = [] if rc == 0 else [f"{describe_rc(rc)}: {err.strip()}"]
            problems += [f"wrote outside out/: {sorted(outside)}"] if outside else []
            problems += set_problems(folder) if rc == 0 else []
            if rc == 0 and "site" in names:
                svgs = [w for w in inside if "single-line-" in w]
                if len(svgs) != 1 or len(os.path.basename(svgs[0])) > 100:
                    problems.append(f"single-line files: {svgs}")
            results.check(not problems, f"names: {label}", "; ".join(problems))
        for label, names in [("newline in the scenario name", {"name": "two\nlines"}),
                             ("tab in a site name", {"site": "a\tb"})]:
            scenario = r.scenario(scratch, **names)
            rc, out, err = r.plan(scenario, os.path.join(scratch, "refused"), scratch)
            ok = rc == 2 and "control character" in err and "scenario.yaml:" in err
            results.check(ok and not os.path.exists(os.path.join(scratch, "refused")),
                          f"names: {label} refused", f"{describe_rc(rc)}: {err.strip()[:300]}")


def check_symlinks(r, results):
    with tempfile.TemporaryDirectory() as scratch:
        scenario = r.scenario(scratch)
        victims = os.path.join(scratch, "victims")
        os.makedirs(os.path.join(victims, "dir"))
        rc, out, err = r.plan(scenario, os.path.join(scratch, "probe"), scratch)
        names = sorted(os.listdir(os.path.join(scratch, "probe")))
        plants = []  # (link, target)

        def plant(link):
            target = os.path.join(victims, f"target-{len(plants)}")
            with open(target, "w") as f:
                f.write("precious\n")
            os.symlink(target, link)
            plants.append((link, target))

        # An empty output folder with links at every output name and temporary name.
        out = os.path.join(scratch, "out")
        os.makedirs(out)
        for n in names:
            plant(os.path.join(out, n))
            plant(os.path.join(out, f".{n}.tmp"))
        # Beside the folder: the lock file of another folder, guessable staging names.
        plant(os.path.join(scratch, ".out.rackscale-000000"))
        os.symlink(os.path.join(victims, "dir"), os.path.join(scratch, "linked"))
        rc1, _, err1 = r.plan(scenario, out, scratch)
        rc2, _, err2 = r.plan(scenario, os.path.join(scratch, "linked"), scratch)
        # A set already in place, then links planted at the temporary names of earlier versions.
        shutil.rmtree(out)
        rc3, _, _ = r.plan(scenario, out, scratch)
        for n in names:
            plant(os.path.join(out, f".{n}.tmp"))
        rc4, _, err4 = r.plan(scenario, out, scratch, seed=2)
        problems = []
        for link, target in plants:
            if open(target).read() != "precious\n":
                problems.append(f"{os.path.relpath(target, scratch)} (linked from "
                                f"{os.path.relpath(link, scratch)}) changed")
        if os.listdir(os.path.join(victims, "dir")):
            problems.append("the folder behind the linked output folder got files")
        for label, refused_rc, refused_err in [("links at the output names", rc1, err1),
                                               ("a linked output folder", rc2, err2),
                                               ("links beside a set", rc4, err4)]:
            if refused_rc != 1 or "rackscale: error:" not in refused_err:
                problems.append(f"{label}: {describe_rc(refused_rc)}, expected a refusal: "
                                f"{refused_err.strip()}")
        if rc != 0 or rc3 != 0:
            problems.append(f"plain runs: {describe_rc(rc)}, {describe_rc(rc3)}")
        results.check(not problems, "symlinks: targets untouched", "; ".join(problems))


def check_crash(r, results):
    with tempfile.TemporaryDirectory() as scratch:
        scenario = r.scenario(scratch)
        out = os.path.join(scratch, "out")
        problems = []
        steps = 0
        for step in range(1, 100):
            if step > 1:  # the first kill finds no folder; the others find an earlier set
                shutil.rmtree(out, ignore_errors=True)
                rc, _, err = r.plan(scenario, out, scratch, seed=1)
                if rc != 0:
                    problems.append(f"setting up: {describe_rc(rc)} {err.strip()}")
                    break
            env = dict(r.env, RACKSCALE_TEST_KILL_AT=str(step))
            rc, _, err = r.plan(scenario, out, scratch, seed=2, env=env)
            if rc == 0:
                break
            if rc != -signal.SIGKILL:
                problems.append(f"step {step}: {describe_rc(rc)} {err.strip()}")
                break
            steps += 1
            if not os.path.exists(out) and step == 1:
                continue  # killed before the first set was published: no folder yet
            problems += [f"killed at step {step}: {p}" for p in set_problems(out)]
        # One kill per file written, plus the staging folder, its sync, the swap and the removal.
        if steps < 12:
            problems.append(f"only {steps} kill points were reached")
        # The next run cleans up what the killed ones left beside the folder.
        rc, _, err = r.plan(scenario, out, scratch, seed=3)
        left = sorted(n for n in os.listdir(scratch) if n.startswith(".out.rackscale-"))
        if rc != 0 or left or set_problems(out):
            problems.append(f"after the kills: {describe_rc(rc)}, left {left} {err.strip()}")
        results.check(not problems, f"crash: one complete set after SIGKILL at each of {steps} "
                      "steps", "; ".join(problems[:5]))


def check_crash_strace(r, results):
    """The crash check without the test hook: strace kills the program at the N-th rename or
    fsync system call (any version of the program, so that it also shows what v0.1 left)."""
    strace = shutil.which("strace")
    if not strace or subprocess.run([strace, "-o", os.devnull, "true"],
                                    capture_output=True).returncode != 0:
        print("SKIP crash_strace: strace is missing or cannot trace here (not counted)")
        return
    calls = "rename,renameat,renameat2,fsync,fdatasync"
    with tempfile.TemporaryDirectory() as scratch:
        scenario = r.scenario(scratch)
        out = os.path.join(scratch, "out")
        problems = []
        kills = 0
        for n in range(1, 60):
            shutil.rmtree(out, ignore_errors=True)
            rc, _, err = r.plan(scenario, out, scratch, seed=1)
            if rc != 0:
                problems.append(f"setting up: {describe_rc(rc)} {err.strip()}")
                break
            argv = [strace, "-f", "-o", os.devnull, "-e", f"trace={calls}", "-e",
                    f"inject={calls}:signal=SIGKILL:when={n}", r.binary, "plan", scenario,
                    "--runs", "3", "--seed", "2", "-q", "-o", out]
            p = subprocess.run(argv, cwd=scratch, env=r.env, capture_output=True,
                               timeout=TIMEOUT_S)
            if p.returncode == 0:
                break
            kills += 1
            problems += [f"killed at call {n}: {q}" for q in set_problems(out)]
        if kills < 3:
            problems.append(f"only {kills} kills")
        results.check(not problems, f"crash_strace: one complete set after SIGKILL at each of "
                      f"{kills} rename/fsync calls", "; ".join(problems[:3]))


def check_lock(r, results):
    with tempfile.TemporaryDirectory() as scratch:
        scenario = r.scenario(scratch)
        out = os.path.join(scratch, "out")
        lock = os.path.join(scratch, ".out.lock")
        first = subprocess.Popen([r.binary, "plan", scenario, "--runs", "30000", "-q", "-o", out],
                                 cwd=scratch, env=r.env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
        deadline = time.time() + 20
        while time.time() < deadline and first.poll() is None:
            if os.path.exists(lock) and open(lock).read().strip() == str(first.pid):
                break
            time.sleep(0.01)
        running = first.poll() is None
        start = time.time()
        rc, _, err = r.plan(scenario, out, scratch, seed=2)
        seconds = time.time() - start
        first_err = first.communicate(timeout=TIMEOUT_S)[1].decode(errors="replace")
        want = f"rackscale: error: {out} is being written by another rackscale (pid {first.pid})\n"
        problems = []
        if not running:
            problems.append("the first run ended before the second started")
        if rc != 1 or not err.endswith(want):
            problems.append(f"second run: {describe_rc(rc)}, stderr {err!r}, expected {want!r}")
        if seconds > 5:
            problems.append(f"the second run took {seconds:.1f} s to fail")
        if first.returncode != 0:
            problems.append(f"first run: {describe_rc(first.returncode)} {first_err.strip()}")
        problems += set_problems(out)
        results.check(not problems, "lock: a second run fails at once", "; ".join(problems))


def check_early_out(r, results):
    with tempfile.TemporaryDirectory() as scratch:
        scenario = r.scenario(scratch)
        taken = os.path.join(scratch, "taken")
        with open(taken, "w") as f:
            f.write("mine\n")
        # A million runs take minutes: an error within seconds was found before the simulation.
        rc, _, err = r.run(["plan", scenario, "--runs", "1000000", "-q", "-o", taken], scratch,
                           timeout=20)
        ok = rc == 1 and err.endswith(f"rackscale: error: {taken} exists and is not a folder\n")
        results.check(ok and open(taken).read() == "mine\n",
                      "early_out: -o naming a file fails before the run",
                      f"{describe_rc(rc)}: {err.strip()}")


CHECKS = {"names": check_names, "symlinks": check_symlinks, "crash": check_crash,
          "crash_strace": check_crash_strace, "lock": check_lock, "early_out": check_early_out}


def main():
    parsed = parse_runner_args(__doc__.splitlines()[0], "(no golden files; ignored)",
                               f"run only these checks ({', '.join(CHECKS)})")
    if parsed is None:
        return 1
    args, _, binary, root = parsed
    r = Runner(binary, root)
    results = Results()
    for name, check in CHECKS.items():
        if not args.names or name in args.names:
            check(r, results)
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
