"""Loading and validating scenarios: diagnostics where the file says, errors as the CLI's."""

import pytest

import rackscale


def place(text: str, fragment: str):
    """The 1-based line and column of `fragment` in `text`, counted here from the text."""
    index = text.index(fragment)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@pytest.fixture()
def malformed(root, tmp_path):
    """The single-site example with a negative install rate and a misspelt key."""
    text = (root / "examples/h100-single-site.yaml").read_text()
    text = text.replace("install_rate: 80 racks/week", "install_rate: -80 racks/week")
    text = text.replace("    tariff: 89.2 USD/MWh\n",
                        "    tariff: 89.2 USD/MWh\n    water_prize: 2 USD/m^3\n")
    path = tmp_path / "malformed.yaml"
    path.write_text(text)
    return path, text


def test_a_clean_example_loads_with_no_diagnostics(root):
    path = root / "examples/flagship.yaml"
    scenario = rackscale.load(path)
    assert scenario.valid
    assert scenario.validate() == []
    assert scenario.name == "us-gb300-buildout"  # the file's `name:`
    assert scenario.file == str(path)


def test_a_warning_leaves_the_scenario_valid(root):
    # The single-site example's grid ends at 140 MW, below what the site draws at design: the
    # loader warns at that value (and the CLI runs it).
    path = root / "examples/h100-single-site.yaml"
    text = path.read_text()
    scenario = rackscale.load(path)
    assert scenario.valid
    [warning] = scenario.validate()
    assert scenario.warnings == [warning]
    assert (warning.severity, warning.path) == ("warning", "sites[0].grid[1].capacity")
    assert (warning.line, warning.column) == place(text, "140 MW}")


def test_diagnostics_point_at_the_line_and_column_of_the_bad_values(malformed):
    path, text = malformed
    scenario = rackscale.load(path)
    assert not scenario.valid
    by_path = {d.path: d for d in scenario.validate()}
    assert set(by_path) == {"sites[0].crews.install_rate", "sites[0].water_prize"}

    rate = by_path["sites[0].crews.install_rate"]
    assert (rate.file, rate.severity) == (str(path), "error")
    assert (rate.line, rate.column) == place(text, "-80 racks/week")
    assert "-80" in rate.message

    key = by_path["sites[0].water_prize"]
    assert (key.line, key.column) == place(text, "water_prize")
    assert key.hint == 'did you mean "water_price"?'
    # str() is the CLI's text: the place, then the offending line.
    assert str(key).startswith(f"{path}:{key.line}:{key.column}: ")
    assert "    water_prize: 2 USD/m^3" in str(key)


def test_running_a_scenario_with_errors_raises_the_clis_message(malformed, cli, tmp_path):
    path, _ = malformed
    scenario = rackscale.load(path)
    with pytest.raises(rackscale.ScenarioError) as raised:
        scenario.plan(runs=10)
    finished = cli("plan", path, "--runs", 10, "-o", tmp_path / "out", "-q")
    assert finished.returncode == 2
    assert str(raised.value) == finished.stderr
    assert isinstance(raised.value, ValueError)
    assert [d.path for d in raised.value.diagnostics] == [d.path for d in scenario.validate()]
    with pytest.raises(rackscale.ScenarioError):
        scenario.design()
    with pytest.raises(rackscale.ScenarioError) as raised_again:
        scenario.raise_for_errors()
    assert str(raised_again.value) == finished.stderr


def test_a_scenario_from_text_is_the_scenario_from_its_file(root):
    path = root / "examples/h100-single-site.yaml"
    text = path.read_text()
    from_file = rackscale.load(path)
    assert rackscale.loads(text, name=str(path)).input_hash == from_file.input_hash
    assert rackscale.load(text=text, name=str(path)).input_hash == from_file.input_hash
    with pytest.raises(TypeError):
        rackscale.load(path, text=text)


def test_text_errors_name_the_virtual_file():
    scenario = rackscale.loads("rackscale: 1\nname: x\nstart: 2026-13-01\n", name="inline.yaml")
    errors = [d for d in scenario.validate() if d.severity == "error"]
    assert errors and all(d.file == "inline.yaml" for d in errors if d.file)
    dates = [d for d in errors if d.path == "start"]
    assert [(d.line, d.column) for d in dates] == [(3, 8)]  # `2026-13-01` on line 3


def test_a_missing_file_is_a_scenario_error(tmp_path):
    scenario = rackscale.load(tmp_path / "absent.yaml")
    assert not scenario.valid
    with pytest.raises(rackscale.ScenarioError, match="absent.yaml"):
        scenario.design()
