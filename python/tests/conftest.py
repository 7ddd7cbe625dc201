"""Shared fixtures: the source tree, the CLI the package is compared with, and a runner for it."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    """The source tree (examples/ are read from it)."""
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """Runs the rackscale program (RACKSCALE_CLI) in the current folder, as the package runs;
    returns the finished process (text output)."""
    program = os.environ.get("RACKSCALE_CLI")
    if not program:
        pytest.skip("RACKSCALE_CLI is not set (python/tests/run_pytest.py sets it)")

    def run(*args):
        return subprocess.run([program, *map(str, args)], capture_output=True,
                              text=True, check=False)

    return run
