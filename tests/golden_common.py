"""What the golden-output runners (cli/, malformed/, regression/) share: their command line, the
check of the binary, exit-code descriptions and unified diffs."""

import argparse
import difflib
import os
import signal
import sys


def parse_runner_args(description, update_help, names_help, extra=None):
    """Parses `--rackscale BIN --root REPO [--update] [NAME ...]` (plus `extra(parser)`'s options).

    Returns (args, update, binary, root); update is --update or RACKSCALE_UPDATE_GOLDEN set to
    anything but "" or "0"; binary and root are absolute. Returns None after printing the error
    and the `0 passed, 1 failed` summary when BIN is not an executable file.
    """
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--rackscale", required=True, help="path to the rackscale binary")
    ap.add_argument("--root", required=True, help="repository root (the working directory)")
    ap.add_argument("--update", action="store_true", help=update_help)
    if extra:
        extra(ap)
    ap.add_argument("names", nargs="*", help=names_help)
    args = ap.parse_args()
    update = args.update or os.environ.get("RACKSCALE_UPDATE_GOLDEN", "") not in ("", "0")
    binary = os.path.abspath(args.rackscale)
    if not os.access(binary, os.X_OK):
        print(f"error: {binary} is not an executable file", file=sys.stderr)
        print("0 passed, 1 failed")
        return None
    return args, update, binary, os.path.abspath(args.root)


def describe_rc(rc):
    """An exit code as a reader wants it: a timeout, a signal by name, or the code."""
    if rc is None:
        return "no exit code (timeout)"
    if rc < 0:
        try:
            return f"killed by signal {signal.Signals(-rc).name}"
        except ValueError:
            return f"killed by signal {-rc}"
    return f"exit code {rc}"


def unified_diff(expected, actual, fromfile, tofile):
    """The unified diff expected -> actual of two texts."""
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                        actual.splitlines(keepends=True),
                                        fromfile=fromfile, tofile=tofile))


def clean_env():
    """The environment for a run: the repository's catalog/ as the built-in catalog (so that
    messages name `catalog/...` whatever the build or install layout), the C locale."""
    env = dict(os.environ)
    env["RACKSCALE_CATALOG_DIR"] = os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), "catalog")
    env["LC_ALL"] = "C"
    return env


def strip_root(text, root):
    """Removes the repository root (as given and as resolved) followed by '/' from `text`."""
    for prefix in {os.path.abspath(root), os.path.realpath(root)}:
        text = text.replace(prefix.rstrip("/") + "/", "")
    return text


class Results:
    """PASS/FAIL lines of a checking script, counted for its closing `N passed, M failed` line."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")
        return ok
