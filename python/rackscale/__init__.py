"""rackscale from Python: plan and simulate AI data-center build-outs.

    >>> import rackscale
    >>> s = rackscale.load("examples/flagship.yaml")
    >>> plan = s.plan(runs=1000, seed=42)
    >>> plan.sites[0].full_target_p50
    datetime.date(2027, 7, 6)
    >>> plan.timeline            # pandas DataFrame, the CLI's timeline.csv

A scenario is checked as every command of the CLI checks it; ``validate()`` lists its errors
and warnings, and running a scenario with errors raises :class:`ScenarioError` with the text the
CLI prints. Results hold the files the CLI writes for the same command (``files``; ``write()``
publishes them into a folder as the CLI does), their CSV tables as pandas DataFrames and the key
answers as plain attributes. docs/python.md is the reference.
"""

from __future__ import annotations

import datetime as _datetime
import io as _io
import json as _json
import os as _os
from dataclasses import dataclass as _dataclass
from typing import Any, Iterable, Mapping, Optional, Union

# The library finds its built-in catalog beside the program running it, which is Python here:
# point it at the copy staged in the package unless the caller chose one.
_CATALOG = _os.path.join(_os.path.dirname(__file__), "catalog")
if not _os.environ.get("RACKSCALE_CATALOG_DIR") and _os.path.isdir(_CATALOG):
    _os.environ["RACKSCALE_CATALOG_DIR"] = _CATALOG

from ._rackscale import Diagnostic, ScenarioError, __version__  # noqa: E402
from . import _rackscale  # noqa: E402

__all__ = [
    "load",
    "loads",
    "Scenario",
    "Diagnostic",
    "ScenarioError",
    "DesignResult",
    "PlanResult",
    "ReliabilityResult",
    "SiteDesign",
    "SitePlan",
    "__version__",
]

Overrides = Union[Mapping[str, Any], Iterable[str], None]


def load(path: Optional[Union[str, _os.PathLike]] = None, overrides: Overrides = None, *,
         text: Optional[str] = None, name: str = "scenario.yaml") -> "Scenario":
    """Loads and checks a scenario file (or, with ``text=``, a scenario held in a string).

    ``overrides`` are applied as the CLI's ``--set``: a mapping ``{"sites[0].tariff": "70
    USD/MWh"}`` or strings ``"PATH=VALUE"``. A scenario with errors loads; ``validate()`` lists
    them and running it raises :class:`ScenarioError`.
    """
    if (path is None) == (text is None):
        raise TypeError("give either a path or text=")
    if text is not None:
        return loads(text, name=name, overrides=overrides)
    return Scenario(_rackscale._Scenario.check(_os.fspath(path), None, _override_list(overrides)))


def loads(text: str, name: str = "scenario.yaml", overrides: Overrides = None) -> "Scenario":
    """Loads and checks a scenario from ``text``; ``name`` names it in messages and is the base
    of the relative paths it holds (catalog and weather files)."""
    return Scenario(_rackscale._Scenario.check(name, text, _override_list(overrides)))


def _override_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _override_list(overrides: Overrides) -> list:
    if overrides is None:
        return []
    if isinstance(overrides, str):
        raise TypeError("overrides: give a mapping {path: value} or a list of 'PATH=VALUE'")
    if isinstance(overrides, Mapping):
        return [f"{path}={_override_value(value)}" for path, value in overrides.items()]
    return [str(item) for item in overrides]


def _call(arguments: Mapping[str, Any]) -> str:
    return ", ".join(f"{key}={value!r}" for key, value in arguments.items() if value is not None)


class Scenario:
    """A loaded and checked scenario. Immutable: ``with_overrides`` returns a new one."""

    def __init__(self, handle: "_rackscale._Scenario") -> None:
        self._handle = handle

    @property
    def file(self) -> str:
        """The scenario's file (or the name given to ``loads``)."""
        return self._handle.file

    @property
    def overrides(self) -> list:
        """The overrides applied, as ``"PATH=VALUE"`` strings, in order."""
        return list(self._handle.overrides)

    @property
    def valid(self) -> bool:
        """True when the scenario has no error (it may have warnings)."""
        return self._handle.valid

    @property
    def name(self) -> str:
        """The scenario's ``name:``; raises ScenarioError if it has errors."""
        return self._handle.name

    @property
    def input_hash(self) -> str:
        """The hash of every input read, as in the manifest; raises ScenarioError on errors."""
        return self._handle.input_hash

    def validate(self) -> list:
        """Every error and warning, sorted by file, line and column (empty: clean)."""
        return self._handle.diagnostics()

    @property
    def warnings(self) -> list:
        """The warnings only: input that runs, but probably not as meant."""
        return [d for d in self.validate() if d.severity == "warning"]

    def raise_for_errors(self) -> "Scenario":
        """Raises ScenarioError (the CLI's text) if the scenario has errors; returns self."""
        self._handle.raise_for_errors()
        return self

    def with_overrides(self, overrides: Overrides) -> "Scenario":
        """The same scenario with ``overrides`` (``--set`` paths) applied after its own."""
        return Scenario(self._handle.with_overrides(_override_list(overrides)))

    def _command_line(self, call: str) -> list:
        return [f"python: rackscale.load({self.file!r}, overrides={self.overrides!r}).{call}"]

    def design(self) -> "DesignResult":
        """Designs every site (the CLI's ``design``): fabric, power, cooling, space, cost, BOM."""
        outputs = self._handle.design(self._command_line("design()"))
        return DesignResult(outputs)

    def plan(self, runs: Optional[int] = None, seed: Optional[int] = None, threads: int = 0,
             attribution_runs: Optional[int] = None) -> "PlanResult":
        """Designs every site and runs the build-out Monte Carlo with its attribution and the
        fleet reliability (the CLI's ``plan``). ``None`` takes the scenario's value; ``threads``
        0 uses every core (results do not depend on it). The GIL is released meanwhile."""
        call = _call({"runs": runs, "seed": seed, "threads": threads,
                      "attribution_runs": attribution_runs})
        outputs = self._handle.plan(runs, seed, threads, attribution_runs,
                                    self._command_line(f"plan({call})"))
        return PlanResult(outputs)

    def reliability(self, runs: Optional[int] = None, seed: Optional[int] = None,
                    threads: int = 0) -> "ReliabilityResult":
        """Runs the fleet reliability study (the CLI's ``reliability``). The GIL is released
        meanwhile."""
        call = _call({"runs": runs, "seed": seed, "threads": threads})
        outputs = self._handle.reliability(runs, seed, threads,
                                           self._command_line(f"reliability({call})"))
        return ReliabilityResult(outputs)

    def __repr__(self) -> str:
        state = "valid" if self.valid else "with errors"
        return f"<rackscale.Scenario {self.file!r} overrides={self.overrides!r} {state}>"


def _date(text: Optional[str]) -> Optional[_datetime.date]:
    return _datetime.date.fromisoformat(text) if text else None


@_dataclass(frozen=True)
class SiteDesign:
    """The key figures of one designed site (from design.json)."""

    name: str
    rack_system: str
    racks: int
    gpus: int
    it_design_mw: float
    capex_musd: float
    pue: float


@_dataclass(frozen=True)
class SitePlan:
    """The key answers of one site's build-out (from ``plan --json``): P50/P90 dates of half and
    all of the target online (None: not reached in half the runs), what holds it back, its
    capex and PUE."""

    name: str
    target_gpus: int
    target_it_mw: float
    half_target_p50: Optional[_datetime.date]
    half_target_p90: Optional[_datetime.date]
    full_target_p50: Optional[_datetime.date]
    full_target_p90: Optional[_datetime.date]
    main_bottleneck: str
    critical_at_end: str
    gpu_weeks_gained: Optional[float]  #: GPU-weeks gained by relaxing the main bottleneck
    capex_musd: float
    pue: float


class _Result:
    """Files of one command, as the CLI writes them."""

    def __init__(self, outputs: "_rackscale._Outputs") -> None:
        self._outputs = outputs
        self._frames: dict = {}

    @property
    def files(self) -> dict:
        """Every output file by name: its bytes (manifest.json last), as the CLI writes them."""
        return {name: self._outputs.content(name) for name in self._outputs.names}

    @property
    def text(self) -> str:
        """The summary the CLI prints for this command."""
        return self._outputs.terminal_text

    def write(self, folder: Union[str, _os.PathLike]) -> list:
        """Publishes the files into ``folder`` as the CLI's ``-o`` does (a new or earlier
        rackscale folder, replaced whole); returns the paths written."""
        return self._outputs.write(_os.fspath(folder))

    def table(self, name: str):
        """The CSV file ``name`` (e.g. ``"timeline.csv"``) as a pandas DataFrame."""
        if name not in self._frames:
            import pandas

            self._frames[name] = pandas.read_csv(_io.BytesIO(self._outputs.content(name)))
        return self._frames[name]

    def _json(self, name: str) -> dict:
        return _json.loads(self._outputs.content(name))

    def __str__(self) -> str:
        return self.text


class DesignResult(_Result):
    """Every site designed (the CLI's ``design``)."""

    @property
    def bom(self):
        """The bill of materials (bom.csv) as a DataFrame."""
        return self.table("bom.csv")

    @property
    def design(self) -> dict:
        """design.json: every figure of every site."""
        return self._json("design.json")

    @property
    def sites(self) -> list:
        """The key figures of each site, in scenario order."""
        return [SiteDesign(name=site["site"], rack_system=site["rack_system"],
                           racks=site["racks"], gpus=site["gpus"],
                           it_design_mw=site["loads"]["it_design_mw"],
                           capex_musd=site["cost"]["capex_musd"]["total"],
                           pue=site["energy"]["pue"])
                for site in self.design["sites"]]


def _milestone(site: dict, name: str, quantile: str) -> Optional[_datetime.date]:
    return _date(site["milestones"][name][quantile])


def _gains(site: dict) -> Optional[float]:
    for entry in site["attribution"]:
        if entry["constraint"] == site["main_bottleneck"] and not entry["pair"]:
            return entry["gpu_weeks_gained"]
    return None


class PlanResult(DesignResult):
    """The design, build-out Monte Carlo and reliability of a scenario (the CLI's ``plan``)."""

    @property
    def summary(self) -> dict:
        """The key answers, as ``rackscale plan --json`` prints them."""
        return _json.loads(self._outputs.json_text)

    @property
    def runs(self) -> int:
        """Monte Carlo runs."""
        return self.summary["runs"]

    @property
    def seed(self) -> int:
        """The seed every random stream was derived from."""
        return self.summary["seed"]

    @property
    def sites(self) -> list:
        """The key answers of each site, in scenario order."""
        return [SitePlan(name=site["site"], target_gpus=site["target_gpus"],
                         target_it_mw=site["target_it_mw"],
                         half_target_p50=_milestone(site, "half_target", "p50"),
                         half_target_p90=_milestone(site, "half_target", "p90"),
                         full_target_p50=_milestone(site, "full_target", "p50"),
                         full_target_p90=_milestone(site, "full_target", "p90"),
                         main_bottleneck=site["main_bottleneck"],
                         critical_at_end=site["critical_at_end"], gpu_weeks_gained=_gains(site),
                         capex_musd=site["capex_musd"], pue=site["pue"])
                for site in self.summary["sites"]]

    @property
    def timeline(self):
        """Racks, GPUs and IT power online per site and week, P10/P50/P90 (timeline.csv)."""
        return self.table("timeline.csv")

    @property
    def milestones(self):
        """Dates of each site's milestones, P10/P50/P90 (milestones.csv)."""
        return self.table("milestones.csv")

    @property
    def contracts(self):
        """Firm orders and options of each contract (contracts.csv)."""
        return self.table("contracts.csv")

    @property
    def factories(self):
        """Each integration factory per week (factories.csv)."""
        return self.table("factories.csv")

    @property
    def inventory(self):
        """Racks waiting at sites and factories (inventory.csv)."""
        return self.table("inventory.csv")

    @property
    def attribution(self):
        """What relaxing each constraint gains each site (attribution.csv)."""
        return self.table("attribution.csv")

    @property
    def reliability(self):
        """Fleet reliability of the finished sites (reliability.csv)."""
        return self.table("reliability.csv")


class ReliabilityResult(_Result):
    """The fleet reliability study (the CLI's ``reliability``)."""

    @property
    def reliability(self):
        """Per job, site and sizing search: each metric's P10/P50/P90 and mean (reliability.csv)."""
        return self.table("reliability.csv")

    @property
    def summary(self) -> dict:
        """reliability.json: every figure of the study."""
        return self._json("reliability.json")

    @property
    def goodput_p50(self) -> dict:
        """Each job's P50 goodput, by job name."""
        return {job["name"]: job["goodput"]["p50"] for job in self.summary["jobs"]}
