#!/usr/bin/env python3
"""Golden command-line tests: runs each case of cases.yaml and compares exit code and output.

For every case, runs `rackscale ARGS...` from the repository root and checks
  - the process ended normally (no signal) with the expected exit code,
  - stdout and stderr equal expected/NAME.stdout and expected/NAME.stderr exactly,
  - the strings of stdout_contains / stderr_contains appear,
  - the `json` checks hold on stdout parsed as JSON.
A mismatch prints a unified diff (expected -> actual). See cases.yaml for the case format.

Normalization: the binary's path (as given and absolute) becomes `rackscale`, and the absolute
repository root (as given and as resolved) followed by '/' is removed. RACKSCALE_CATALOG_DIR is
set to the repository's catalog/, so that messages name `catalog/...` files.

Usage:
  python3 run_cli_tests.py --rackscale BIN --root REPO [--update] [NAME ...]
  --update (or RACKSCALE_UPDATE_GOLDEN=1) rewrites expected/NAME.stdout and .stderr; exit codes,
  *_contains and json checks are still enforced (they live in cases.yaml).
The last line printed is `N passed, M failed`; the exit status is 1 if any case failed.
"""

import os
import sys

try:
    import yaml
except ImportError:  # e.g. a pyenv or venv python without PyYAML: use the system one
    if os.path.exists("/usr/bin/python3") and \
            os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

import json
import subprocess

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden_common import clean_env, describe_rc, parse_runner_args, strip_root, unified_diff  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "expected")
TIMEOUT_S = 120
KNOWN_KEYS = {"name", "args", "exit", "stdout_contains", "stderr_contains", "json"}


def normalize(text, binary, given_binary, root):
    for b in sorted({given_binary, binary, os.path.realpath(binary)}, key=len, reverse=True):
        text = text.replace(b, "rackscale")
    return strip_root(text, root)


def json_lookup(doc, path):
    """Follows a dotted path of keys and list indexes; raises KeyError with the failing part."""
    node = doc
    for part in [p for p in path.split(".") if p != ""]:
        if isinstance(node, list):
            try:
                node = node[int(part)]
            except (ValueError, IndexError):
                raise KeyError(f"no index {part} in a list of {len(node)}")
        elif isinstance(node, dict):
            if part not in node:
                raise KeyError(f"no key {part!r}")
            node = node[part]
        else:
            raise KeyError(f"{part!r} below a {type(node).__name__}")
    return node


def json_problems(stdout, checks):
    try:
        doc = json.loads(stdout)
    except json.JSONDecodeError as e:
        return [f"stdout is not JSON: {e}"]
    problems = []
    for key, want in checks.items():
        key = str(key)
        is_len = key.startswith("len:")
        path = key[4:] if is_len else key
        try:
            got = json_lookup(doc, path)
        except KeyError as e:
            problems.append(f"json {key}: {e.args[0]}")
            continue
        if is_len:
            got = len(got) if isinstance(got, (list, dict, str)) else None
        if got != want or isinstance(got, bool) != isinstance(want, bool):
            problems.append(f"json {key}: expected {want!r}, got {got!r}")
    return problems


def main():
    parsed = parse_runner_args(__doc__.splitlines()[0], "rewrite the expected output files",
                               "run only these cases")
    if parsed is None:
        return 1
    args, update, binary, root = parsed

    with open(os.path.join(HERE, "cases.yaml"), encoding="utf-8") as f:
        cases = (yaml.safe_load(f) or {}).get("cases") or []
    env = clean_env()
    passed = failed = 0
    seen = set()

    for case in cases:
        name = str(case.get("name", ""))
        if args.names and name not in args.names:
            continue
        problems = []
        unknown = set(case) - KNOWN_KEYS
        if not name or name in seen or unknown or "exit" not in case:
            failed += 1
            print(f"FAIL {name or '?'}: bad case in cases.yaml (needs a unique name and exit; "
                  f"unknown keys: {sorted(unknown)})")
            continue
        seen.add(name)
        argv = [str(a) for a in case.get("args") or []]
        try:
            p = subprocess.run([binary] + argv, cwd=root, env=env, capture_output=True,
                               timeout=TIMEOUT_S)
            rc = p.returncode
            out = normalize(p.stdout.decode("utf-8", errors="replace"), binary, args.rackscale, root)
            err = normalize(p.stderr.decode("utf-8", errors="replace"), binary, args.rackscale, root)
        except subprocess.TimeoutExpired:
            rc, out, err = None, "", ""
        if rc != case["exit"]:
            problems.append(f"{describe_rc(rc)}, expected exit code {case['exit']}")

        updated = []
        for stream, actual in (("stdout", out), ("stderr", err)):
            path = os.path.join(EXPECTED, f"{name}.{stream}")
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if update and rc is not None and rc >= 0 and old != actual:
                os.makedirs(EXPECTED, exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(actual)
                updated.append(stream)
                old = actual
            if old is None:
                problems.append(f"no expected/{name}.{stream} (run with --update to create it)")
            elif old != actual:
                problems.append(f"{stream} differs:\n" + unified_diff(old, actual, f"expected/{name}.{stream}", f"actual {stream}"))

        for stream, actual in (("stdout", out), ("stderr", err)):
            for s in case.get(f"{stream}_contains") or []:
                if str(s) not in actual:
                    problems.append(f"{stream} does not contain {str(s)!r}")
        if case.get("json"):
            problems += json_problems(out, case["json"])

        suffix = f" (updated {', '.join(updated)})" if updated else ""
        if problems:
            failed += 1
            print(f"FAIL {name} (rackscale {' '.join(argv)}){suffix}: " + "\n  ".join(problems))
        else:
            passed += 1
            print(f"ok   {name}{suffix}")

    if args.names:
        for n in args.names:
            if n not in seen:
                failed += 1
                print(f"FAIL {n}: no such case in cases.yaml")
    else:
        if not cases:
            failed += 1
            print("FAIL: no cases in cases.yaml")
        # Expected files without a case are leftovers from renamed or deleted cases.
        for fname in sorted(os.listdir(EXPECTED)) if os.path.isdir(EXPECTED) else []:
            stem = fname.rsplit(".", 1)[0]
            if stem not in seen:
                failed += 1
                print(f"FAIL {stem}: expected/{fname} belongs to no case")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
