"""Overrides with the CLI's --set paths."""

import datetime

import pytest

import rackscale


@pytest.fixture(scope="module")
def base(root):
    return rackscale.load(root / "examples/h100-single-site.yaml")


def test_a_tariff_override_prices_the_same_energy(base):
    # The file's tariff is 89.2 USD/MWh; at 70 USD/MWh the site buys the same energy for
    # 70/89.2 of the price: energy opex [MUSD/year] = facility energy [MWh] x tariff / 1e6.
    before = base.design().design["sites"][0]
    cheaper = base.with_overrides({"sites[0].tariff": "70 USD/MWh"})
    after = cheaper.design().design["sites"][0]
    facility_mwh = before["energy"]["facility_mwh"]
    assert after["energy"]["facility_mwh"] == facility_mwh
    assert before["cost"]["opex_musd_per_year"]["energy"] == pytest.approx(
        facility_mwh * 89.2 / 1e6, rel=1e-9)
    assert after["cost"]["opex_musd_per_year"]["energy"] == pytest.approx(
        facility_mwh * 70 / 1e6, rel=1e-9)
    assert cheaper.overrides == ["sites[0].tariff=70 USD/MWh"]
    assert base.overrides == []  # the original is unchanged


def test_overrides_given_as_strings_or_by_site_name_are_the_same(base):
    by_index = base.with_overrides({"sites[0].tariff": "70 USD/MWh"})
    by_name = base.with_overrides(["sites[ashburn-va].tariff=70 USD/MWh"])
    assert by_index.design().files["bom.csv"] == by_name.design().files["bom.csv"]
    assert by_index.design().sites == by_name.design().sites


def test_a_later_grid_delays_full_capacity(root):
    # The flagship's richland-la cannot run its 500 MW in full on its first grid step (300 MW):
    # it needs the second (700 MW, 2027-10-04). Delayed 26 weeks, that step comes on 2028-04-03,
    # so full capacity can come no earlier than that, and later than on time.
    flagship = rackscale.load(root / "examples/flagship.yaml")
    on_time = flagship.plan(runs=100, seed=3).sites[1]
    late = flagship.with_overrides({"sites[richland-la].grid[1].delay": "26 weeks"})
    late_site = late.plan(runs=100, seed=3).sites[1]
    assert on_time.name == late_site.name == "richland-la"
    assert on_time.full_target_p50 is not None and late_site.full_target_p50 is not None
    assert late_site.full_target_p50 >= datetime.date(2027, 10, 4) + datetime.timedelta(weeks=26)
    assert late_site.full_target_p50 > on_time.full_target_p50


def test_a_bad_override_is_reported_as_the_cli_reports_it(base, root, cli, tmp_path):
    bad = base.with_overrides({"sites[0].tariff": 89})
    [diagnostic] = bad.validate()
    assert diagnostic.path == "sites[0].tariff"
    assert diagnostic.file == "--set #1"
    with pytest.raises(rackscale.ScenarioError) as raised:
        bad.plan(runs=5)
    finished = cli("plan", root / "examples/h100-single-site.yaml", "--set", "sites[0].tariff=89",
                   "--runs", 5, "-o", tmp_path / "out", "-q")
    assert finished.returncode == 2
    assert str(raised.value) == finished.stderr
