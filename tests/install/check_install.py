#!/usr/bin/env python3
"""Checks the installed tree of a rackscale build, as a user outside the source tree sees it.

    check_install.py --build-dir BUILD --root SOURCE [--generator G] [--cxx CXX]

Installs BUILD into a temporary prefix with `cmake --install`, then checks:
- the installed files (program, library, headers, catalog, CMake package, pkg-config file) and
  that the program holds no path of the source or build tree;
- examples/cpp, built with CMake against the prefix (find_package(rackscale)), designs
  examples/flagship.yaml with the same racks, GPUs and capex as `PREFIX/bin/rackscale design`;
- `cd / && PREFIX/bin/rackscale plan SCENARIO --runs 20 -o DIR` exits 0 and writes its files,
  with no RACKSCALE_CATALOG_DIR (the program finds its catalog relative to itself);
- `pkg-config --cflags --libs rackscale` (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig) works and
  builds examples/cpp/main.cpp.
Prints one line per check and `N passed, M failed` last; exits 1 if a check failed.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden_common import Results  # noqa: E402

PLAN_FILES = ["summary.md", "design.json", "bom.csv", "timeline.csv", "milestones.csv",
              "contracts.csv", "factories.csv", "reliability.csv", "report.html"]


def run(cmd, cwd=None, env=None):
    """Runs a command; returns (exit code, stdout + stderr)."""
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return p.returncode, p.stdout


def clean_env():
    """The environment without RACKSCALE_CATALOG_DIR, so programs find the catalog themselves."""
    env = dict(os.environ)
    env.pop("RACKSCALE_CATALOG_DIR", None)
    return env


def check_layout(results, prefix, forbidden):
    for relative in ["bin/rackscale", "lib/librackscale.a", "include/rackscale/core/units.hpp",
                     "include/rackscale/io/scenario_loader.hpp", "include/rackscale/design/site.hpp",
                     "share/rackscale/catalog/racks.yaml", "share/rackscale/datasets/us-candidates.yaml",
                     "lib/cmake/rackscale/rackscaleConfig.cmake",
                     "lib/cmake/rackscale/rackscaleConfigVersion.cmake",
                     "lib/cmake/rackscale/rackscaleTargets.cmake", "lib/pkgconfig/rackscale.pc"]:
        results.check(os.path.isfile(os.path.join(prefix, relative)), f"installed {relative}")
    with open(os.path.join(prefix, "bin/rackscale"), "rb") as f:
        program = f.read()
    for path in forbidden:
        results.check(path.encode() not in program, f"bin/rackscale holds no path of {path}")


def example_rows(output):
    """The rows `site racks GPUs capex` the example prints below its header."""
    rows = {}
    for line in output.splitlines()[1:]:
        name, racks, gpus, capex = line.split()
        rows[name] = (int(racks), int(gpus), float(capex))
    return rows


def check_example(results, args, prefix, tmp, scenario):
    example_build = os.path.join(tmp, "example")
    code, out = run(["cmake", "-S", os.path.join(args.root, "examples/cpp"), "-B", example_build,
                     "-G", args.generator, f"-DCMAKE_CXX_COMPILER={args.cxx}",
                     f"-DCMAKE_PREFIX_PATH={prefix}"])
    if not results.check(code == 0, "examples/cpp configures with find_package(rackscale)", out):
        return
    code, out = run(["cmake", "--build", example_build])
    if not results.check(code == 0, "examples/cpp builds against the installed package", out):
        return
    env = clean_env()
    env["RACKSCALE_CATALOG_DIR"] = os.path.join(prefix, "share/rackscale/catalog")
    code, out = run([os.path.join(example_build, "design_sites"), scenario], cwd="/", env=env)
    if not results.check(code == 0, "examples/cpp designs examples/flagship.yaml", out):
        return
    design_dir = os.path.join(tmp, "design")
    code, log = run([os.path.join(prefix, "bin/rackscale"), "design", scenario, "-o", design_dir,
                     "-q"], cwd="/", env=clean_env())
    if not results.check(code == 0, "installed rackscale design runs from /", log):
        return
    with open(os.path.join(design_dir, "design.json")) as f:
        design = json.load(f)
    expected = {s["site"]: (s["racks"], s["gpus"], s["cost"]["capex_musd"]["total"])
                for s in design["sites"]}
    got = example_rows(out)
    results.check(sorted(got) == sorted(expected), "the example prints every site",
                  f"{sorted(got)} vs {sorted(expected)}")
    for name, (racks, gpus, capex) in expected.items():
        if name in got:
            ok = got[name][:2] == (racks, gpus) and abs(got[name][2] - capex) <= 0.05
            results.check(ok, f"the example's {name} matches design.json", f"{got[name]} vs "
                          f"{(racks, gpus, capex)}")


def check_plan(results, prefix, tmp, scenario):
    out_dir = os.path.join(tmp, "plan")
    code, out = run([os.path.join(prefix, "bin/rackscale"), "plan", scenario, "--runs", "20",
                     "-o", out_dir, "-q"], cwd="/", env=clean_env())
    if not results.check(code == 0, "cd / && PREFIX/bin/rackscale plan exits 0", out):
        return
    missing = [f for f in PLAN_FILES if not os.path.isfile(os.path.join(out_dir, f))]
    results.check(not missing, "plan writes its files", f"missing {missing}")


def check_pkg_config(results, args, prefix, tmp):
    env = clean_env()
    env["PKG_CONFIG_PATH"] = os.path.join(prefix, "lib/pkgconfig")
    code, flags = run(["pkg-config", "--cflags", "--libs", "rackscale"], env=env)
    if not results.check(code == 0, "pkg-config --cflags --libs rackscale", flags):
        return
    program = os.path.join(tmp, "design_sites_pc")
    code, out = run([args.cxx, os.path.join(args.root, "examples/cpp/main.cpp"), "-o", program] +
                    shlex.split(flags))
    results.check(code == 0, "examples/cpp/main.cpp builds with the pkg-config flags", out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", required=True, help="the configured and built build folder")
    parser.add_argument("--root", required=True, help="the source tree")
    parser.add_argument("--generator", default="Ninja", help="CMake generator for examples/cpp")
    parser.add_argument("--cxx", default="c++", help="C++ compiler for examples/cpp")
    args = parser.parse_args()
    args.root = os.path.abspath(args.root)
    scenario = os.path.join(args.root, "examples/flagship.yaml")

    results = Results()
    tmp = tempfile.mkdtemp(prefix="rackscale-install-")
    try:
        prefix = os.path.join(tmp, "prefix")
        code, out = run(["cmake", "--install", args.build_dir, "--prefix", prefix])
        if results.check(code == 0, "cmake --install into a temporary prefix", out):
            check_layout(results, prefix, [args.root, os.path.abspath(args.build_dir)])
            check_example(results, args, prefix, tmp, scenario)
            check_plan(results, prefix, tmp, scenario)
            check_pkg_config(results, args, prefix, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
