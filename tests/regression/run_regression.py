#!/usr/bin/env python3
"""Regression tests of `rackscale design`: each folder here holds scenario.yaml and expected/.

For every case, runs `rackscale design CASE/scenario.yaml -o TMP -q` from the repository root and
compares TMP/design.json with CASE/expected/design.json: numbers within a relative tolerance of
1e-9 (absolute 1e-9 near zero), everything else exactly. `input_hash` and `rackscale_version`
are not compared (a comment in a catalog file changes the hash, not the design). bom.csv is
compared line by line, header row included. A mismatch prints each differing JSON path.

Residuals are not pinned. A conservation check's residual (RESIDUALS: `max_balance_error_w`,
the largest hourly |utility draw built from the racks up - (loads + summed losses)|) is floating-
point rounding, about 1e-7 W on a site of hundreds of MW; its digits change with the order of
additions, not with the design. It must stay within its bound, whatever the expected file holds;
--update writes it as 0.0 (exact conservation) so that a re-bless never pins rounding noise. The
bound, 1e-3 W, is 1e-12 of a 1 GW site and far below the smallest real error, a stage loss left
out of the balance (kilowatts: one unit's no-load loss).

Usage: python3 run_regression.py --rackscale BIN --root REPO [--update] [CASE ...]
--update (or RACKSCALE_UPDATE_GOLDEN=1) rewrites CASE/expected/ from the actual output after a
deliberate change. The last line printed is `N passed, M failed`.
"""

import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden_common import clean_env, parse_runner_args  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
IGNORED = {"input_hash", "rackscale_version"}
REL_TOL = 1e-9
ABS_TOL = 1e-9
# Residual fields and the bound on their absolute value (see the docstring) [W].
RESIDUALS = {"max_balance_error_w": 1e-3}


def compare(expected, actual, path, out):
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k in expected:
            if k in IGNORED:
                continue
            if k not in actual:
                out.append(f"{path}.{k}: missing in output")
            elif k in RESIDUALS:
                check_residual(actual[k], RESIDUALS[k], f"{path}.{k}", out)
            else:
                compare(expected[k], actual[k], f"{path}.{k}", out)
        for k in actual:
            if k not in expected and k not in IGNORED:
                out.append(f"{path}.{k}: new in output")
        return
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            out.append(f"{path}: {len(expected)} items expected, {len(actual)} found")
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare(e, a, f"{path}[{i}]", out)
        return
    numbers = (int, float)
    if isinstance(expected, numbers) and isinstance(actual, numbers) and \
            not isinstance(expected, bool) and not isinstance(actual, bool):
        if not math.isclose(expected, actual, rel_tol=REL_TOL, abs_tol=ABS_TOL):
            out.append(f"{path}: expected {expected!r}, got {actual!r}")
        return
    if expected != actual:
        out.append(f"{path}: expected {expected!r}, got {actual!r}")


def check_residual(actual, bound, path, out):
    if isinstance(actual, bool) or not isinstance(actual, (int, float)) or not abs(actual) <= bound:
        out.append(f"{path}: {actual!r} exceeds the residual bound {bound!r}")


def blessed(design_json):
    """design.json as the expected file holds it: residual fields written as 0.0."""
    for key in RESIDUALS:
        design_json = re.sub(rf'("{key}": )[-+0-9.eE]+', r"\g<1>0.0", design_json)
    return design_json


def bom_lines(path):
    with open(path) as f:
        return f.read().splitlines()


def run_case(binary, root, case, update):
    scenario = os.path.join(HERE, case, "scenario.yaml")
    expected_dir = os.path.join(HERE, case, "expected")
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run([binary, "design", os.path.relpath(scenario, root), "-o", tmp, "-q"],
                           cwd=root, env=clean_env(), capture_output=True, text=True,
                           timeout=300)
        if p.returncode != 0:
            return [f"exit code {p.returncode}: {p.stderr.strip()}"]
        if update:
            os.makedirs(expected_dir, exist_ok=True)
            shutil.copyfile(os.path.join(tmp, "bom.csv"), os.path.join(expected_dir, "bom.csv"))
            with open(os.path.join(tmp, "design.json")) as f:
                text = blessed(f.read())
            with open(os.path.join(expected_dir, "design.json"), "w") as f:
                f.write(text)
            return []
        problems = []
        with open(os.path.join(expected_dir, "design.json")) as f:
            expected = json.load(f)
        with open(os.path.join(tmp, "design.json")) as f:
            actual = json.load(f)
        compare(expected, actual, "design", problems)
        if bom_lines(os.path.join(expected_dir, "bom.csv")) != bom_lines(os.path.join(tmp, "bom.csv")):
            problems.append("bom.csv differs")
        return problems


def main():
    parsed = parse_runner_args(__doc__.splitlines()[0], "rewrite each case's expected/ files",
                               "run only these cases (folder names)")
    if parsed is None:
        return 1
    args, update, binary, root = parsed
    cases = args.names or sorted(d for d in os.listdir(HERE)
                                 if os.path.isfile(os.path.join(HERE, d, "scenario.yaml")))
    passed = failed = 0
    for case in cases:
        problems = run_case(binary, root, case, update)
        if problems:
            failed += 1
            print(f"FAIL {case}:")
            for p in problems[:40]:
                print(f"  {p}")
            if len(problems) > 40:
                print(f"  ... and {len(problems) - 40} more")
        else:
            passed += 1
            print(f"{'updated' if update else 'ok'} {case}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
