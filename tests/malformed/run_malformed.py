#!/usr/bin/env python3
"""Golden tests for malformed input: `rackscale validate` must reject each file in this folder.

For every NAME.yaml here (not in subfolders), runs `rackscale validate tests/malformed/NAME.yaml`
from the repository root and checks that
  - the process ended normally (no signal) with exit code 2 (bad input),
  - nothing was printed on stdout,
  - stderr equals NAME.expected exactly (after the normalization below).
A mismatch prints a unified diff (expected -> actual).

Normalization: the absolute path of the repository root (as given and as resolved) followed by
'/' is removed from the output, so messages that name built-in catalog files read
`catalog/network.yaml:7` on every machine. RACKSCALE_CATALOG_DIR is set to the repository's
catalog/, RACKSCALE_DATASET_DIR to tests/data/datasets.

Usage:
  python3 run_malformed.py --rackscale BIN --root REPO [--update] [--pending] [NAME ...]
  --update (or RACKSCALE_UPDATE_GOLDEN=1) rewrites NAME.expected from the actual output.
  --pending also runs pending/*.yaml: cases whose message or detection is known to be wrong
  (the reason is in each file's header). They are shown for review and never counted.
The last line printed is `N passed, M failed`; the exit status is 1 if any case failed.
"""

import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden_common import clean_env, describe_rc, parse_runner_args, strip_root, unified_diff  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT_S = 60


def run_case(binary, root, yaml_path):
    rel = os.path.relpath(yaml_path, root)
    env = clean_env()
    # The test datasets (power to the site), so that messages do not move with the shipped ones.
    env["RACKSCALE_DATASET_DIR"] = os.path.join(root, "tests", "data", "datasets")
    try:
        p = subprocess.run([binary, "validate", rel], cwd=root, env=env, capture_output=True,
                           timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, "", f"timed out after {TIMEOUT_S} s", rel
    out = p.stdout.decode("utf-8", errors="replace")
    err = p.stderr.decode("utf-8", errors="replace")
    return p.returncode, strip_root(out, root), strip_root(err, root), rel


def main():
    parsed = parse_runner_args(
        __doc__.splitlines()[0], "rewrite the .expected files",
        "run only these cases (NAME or NAME.yaml)",
        lambda ap: ap.add_argument("--pending", action="store_true",
                                   help="also show the pending/ cases"))
    if parsed is None:
        return 1
    args, update, binary, root = parsed

    wanted = {os.path.splitext(os.path.basename(n))[0] for n in args.names}
    cases = sorted(glob.glob(os.path.join(HERE, "*.yaml")))
    if wanted:
        cases = [c for c in cases if os.path.splitext(os.path.basename(c))[0] in wanted]
    passed = failed = 0

    for path in cases:
        name = os.path.splitext(os.path.basename(path))[0]
        expected_path = os.path.join(HERE, name + ".expected")
        rc, out, err, rel = run_case(binary, root, path)
        problems = []
        if rc != 2:
            problems.append(f"{describe_rc(rc)}, expected exit code 2")
        if out:
            problems.append(f"printed {len(out)} characters on stdout, expected none")
        updated = False
        if update and rc == 2:
            old = open(expected_path, encoding="utf-8").read() if os.path.exists(expected_path) else None
            if old != err:
                with open(expected_path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(err)
                updated = True
        if not os.path.exists(expected_path):
            problems.append(f"no {name}.expected (run with --update to create it)")
        else:
            expected = open(expected_path, encoding="utf-8").read()
            if expected != err:
                problems.append("stderr differs from " + name + ".expected:\n" + unified_diff(
                    expected, err, f"{name}.expected", f"stderr of validate {rel}"))
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "\n  ".join(problems))
            if out:
                print("  stdout was:\n" + "".join("    " + l for l in out.splitlines(keepends=True)))
        else:
            passed += 1
            print(f"ok   {name}" + (" (updated)" if updated else ""))

    # .expected files without a case are leftovers from renamed or deleted cases.
    if not wanted:
        for exp in sorted(glob.glob(os.path.join(HERE, "*.expected"))):
            name = os.path.splitext(os.path.basename(exp))[0]
            if not os.path.exists(os.path.join(HERE, name + ".yaml")):
                failed += 1
                print(f"FAIL {name}: {name}.expected has no {name}.yaml")
        if not cases:
            failed += 1
            print("FAIL: no cases found in " + HERE)

    if args.pending:
        for path in sorted(glob.glob(os.path.join(HERE, "pending", "*.yaml"))):
            name = os.path.splitext(os.path.basename(path))[0]
            if wanted and name not in wanted:
                continue
            rc, out, err, rel = run_case(binary, root, path)
            print(f"PENDING {name}: {describe_rc(rc)}" + (", stdout not empty" if out else ""))
            print("".join("    " + l for l in err.splitlines(keepends=True)), end="")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
