#!/usr/bin/env python3
"""Runs the Python package's tests (python/tests) with pytest, for CTest's python.pytest.

The package is imported from --package-dir (build/<preset>/python) and the tests compare it with
the CLI given by --cli. Exits 77, which CTest reports as skipped, when pytest or pandas is not
installed (Debian: python3-pytest, python3-pandas); otherwise pytest's exit code (0: all passed).
"""

import argparse
import os
import sys

SKIPPED = 77


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--package-dir", required=True, help="folder holding rackscale/")
    parser.add_argument("--cli", required=True, help="the rackscale program")
    parser.add_argument("--work-dir", required=True, help="folder for the tests' files")
    args = parser.parse_args()
    try:
        import pandas  # noqa: F401
        import pytest
    except ImportError as missing:
        print(f"SKIPPED: {missing} (install python3-pytest and python3-pandas)")
        return SKIPPED
    package_dir = os.path.abspath(args.package_dir)
    sys.path.insert(0, package_dir)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (package_dir, os.environ.get("PYTHONPATH")) if p)
    os.environ["RACKSCALE_CLI"] = os.path.abspath(args.cli)
    os.makedirs(args.work_dir, exist_ok=True)
    tests = os.path.dirname(os.path.abspath(__file__))
    return int(pytest.main([tests, "-q", "-rs", "-p", "no:cacheprovider",
                            f"--basetemp={os.path.abspath(args.work_dir)}/tmp"]))


if __name__ == "__main__":
    sys.exit(main())
