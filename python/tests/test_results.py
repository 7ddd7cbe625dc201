"""Results equal the CLI's files for the same scenario, seed and runs; DataFrames and headline
attributes read those files."""

import csv
import datetime
import io

import pandas
import pytest

import rackscale

RUNS, SEED = 150, 11


@pytest.fixture(scope="module")
def flagship(root):
    return root / "examples/flagship.yaml"


@pytest.fixture(scope="module")
def plan(flagship):
    return rackscale.load(flagship).plan(runs=RUNS, seed=SEED)


@pytest.fixture(scope="module")
def cli_plan(flagship, cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "plan"
    finished = cli("plan", flagship, "--runs", RUNS, "--seed", SEED, "-o", out, "-q")
    assert finished.returncode == 0, finished.stderr
    return out


def same_files(files: dict, folder):
    """Every file but manifest.json (it records the command line) has the folder's bytes."""
    names = sorted(p.name for p in folder.iterdir())
    assert sorted(files) == names
    for name in names:
        if name != "manifest.json":
            assert files[name] == (folder / name).read_bytes(), name


def test_plan_files_equal_the_clis(plan, cli_plan):
    same_files(plan.files, cli_plan)
    assert list(plan.files)[-1] == "manifest.json"


def test_plan_tables_are_the_clis_csv_files(plan, cli_plan):
    for name, frame in [("timeline.csv", plan.timeline), ("milestones.csv", plan.milestones),
                        ("contracts.csv", plan.contracts), ("factories.csv", plan.factories),
                        ("inventory.csv", plan.inventory), ("attribution.csv", plan.attribution),
                        ("reliability.csv", plan.reliability), ("bom.csv", plan.bom)]:
        pandas.testing.assert_frame_equal(frame, pandas.read_csv(cli_plan / name), obj=name)
    # One row per site and week, and the fleet's total: the flagship has three sites.
    rows_per_week = plan.timeline.groupby("week")["site"].apply(list)
    assert rows_per_week.map(sorted).map(tuple).unique().tolist() == [
        ("abilene-tx", "new-albany-oh", "richland-la", "total")]


def test_headline_figures_are_the_clis_milestones(plan, cli_plan):
    with open(cli_plan / "milestones.csv", newline="") as f:
        rows = {(r["site"], r["milestone"]): r for r in csv.DictReader(f)}
    assert [s.name for s in plan.sites] == ["abilene-tx", "richland-la", "new-albany-oh"]
    for site in plan.sites:
        full = rows[(site.name, "full_target")]
        half = rows[(site.name, "half_target")]
        assert site.full_target_p50 == datetime.date.fromisoformat(full["p50_date"])
        assert site.full_target_p90 == datetime.date.fromisoformat(full["p90_date"])
        assert site.half_target_p50 == datetime.date.fromisoformat(half["p50_date"])
    assert (plan.runs, plan.seed) == (RUNS, SEED)


def test_headline_capex_and_pue_are_the_designs(plan):
    by_design = {s["site"]: s for s in plan.design["sites"]}
    for site in plan.sites:
        figures = by_design[site.name]
        assert site.capex_musd == pytest.approx(figures["cost"]["capex_musd"]["total"], rel=1e-9)
        assert site.pue == pytest.approx(figures["energy"]["pue"], rel=1e-9)


def test_main_bottleneck_is_the_attribution_with_most_gpu_weeks(plan, cli_plan):
    # attribution.csv, read here: the single relaxed constraint that gains the most GPU-weeks.
    frame = pandas.read_csv(cli_plan / "attribution.csv")
    singles = frame[frame["relaxed"] == "single"]
    for site in plan.sites:
        best = singles[singles["site"] == site.name].sort_values("gpu_weeks_gained").iloc[-1]
        assert site.main_bottleneck == best["constraint"]
        assert site.gpu_weeks_gained == pytest.approx(best["gpu_weeks_gained"], rel=1e-5)


def test_results_do_not_depend_on_threads(flagship, plan):
    one = rackscale.load(flagship).plan(runs=RUNS, seed=SEED, threads=1)
    for name in ("timeline.csv", "milestones.csv", "attribution.csv", "reliability.csv"):
        assert one.files[name] == plan.files[name], name


def test_write_publishes_the_files(plan, tmp_path):
    written = plan.write(tmp_path / "out")
    assert [p.rsplit("/", 1)[1] for p in written] == list(plan.files)
    assert (tmp_path / "out" / "timeline.csv").read_bytes() == plan.files["timeline.csv"]


def test_design_and_reliability_equal_the_clis(flagship, cli, tmp_path):
    scenario = rackscale.load(flagship)
    design = scenario.design()
    assert cli("design", flagship, "-o", tmp_path / "design", "-q").returncode == 0
    same_files(design.files, tmp_path / "design")
    assert [s.name for s in design.sites] == ["abilene-tx", "richland-la", "new-albany-oh"]
    # The flagship's abilene-tx: `target: {racks: 3000}` of GB300-NVL72, 72 GPUs each.
    assert (design.sites[0].racks, design.sites[0].gpus) == (3000, 3000 * 72)

    reliability = scenario.reliability(runs=20, seed=5)
    finished = cli("reliability", flagship, "--runs", 20, "--seed", 5, "-o", tmp_path / "rel", "-q")
    assert finished.returncode == 0, finished.stderr
    same_files(reliability.files, tmp_path / "rel")
    rows = pandas.read_csv(io.BytesIO(reliability.files["reliability.csv"]))
    goodput = rows[(rows["scope"] == "job") & (rows["metric"] == "goodput")]
    assert reliability.goodput_p50 == dict(zip(goodput["name"], goodput["p50"]))


def test_write_refuses_a_folder_rackscale_did_not_write(plan, tmp_path):
    # As the CLI's -o: a folder holding a file no manifest lists is never replaced.
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(RuntimeError):
        plan.write(folder)
    assert (folder / "notes.txt").read_text() == "keep me"


def test_run_options_have_the_clis_bounds(root):
    scenario = rackscale.load(root / "examples/h100-single-site.yaml")
    with pytest.raises(ValueError, match=r"runs must be in 1\.\.1000000, got 0"):
        scenario.plan(runs=0)
    with pytest.raises(ValueError, match=r"threads must be in 0\.\.1024, got -1"):
        scenario.reliability(threads=-1)
