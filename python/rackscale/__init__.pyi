"""Type stubs of the rackscale package (python/rackscale/__init__.py)."""

import datetime
import os
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Union

import pandas

__version__: str

Overrides = Union[Mapping[str, Any], Iterable[str], None]
PathLike = Union[str, os.PathLike[str]]

class Diagnostic:
    """One problem of a scenario; str() gives the text the CLI prints."""
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def hint(self) -> str: ...
    @property
    def severity(self) -> str: ...  # "error" or "warning"

class ScenarioError(ValueError):
    """The scenario has errors; str() is the CLI's text."""
    diagnostics: list[Diagnostic]

def load(path: Optional[PathLike] = None, overrides: Overrides = None, *,
         text: Optional[str] = None, name: str = "scenario.yaml") -> Scenario: ...
def loads(text: str, name: str = "scenario.yaml", overrides: Overrides = None) -> Scenario: ...

class Scenario:
    @property
    def file(self) -> str: ...
    @property
    def overrides(self) -> list[str]: ...
    @property
    def valid(self) -> bool: ...
    @property
    def name(self) -> str: ...
    @property
    def input_hash(self) -> str: ...
    @property
    def warnings(self) -> list[Diagnostic]: ...
    def validate(self) -> list[Diagnostic]: ...
    def raise_for_errors(self) -> Scenario: ...
    def with_overrides(self, overrides: Overrides) -> Scenario: ...
    def design(self) -> DesignResult: ...
    def plan(self, runs: Optional[int] = None, seed: Optional[int] = None, threads: int = 0,
             attribution_runs: Optional[int] = None) -> PlanResult: ...
    def reliability(self, runs: Optional[int] = None, seed: Optional[int] = None,
                    threads: int = 0) -> ReliabilityResult: ...

@dataclass(frozen=True)
class SiteDesign:
    name: str
    rack_system: str
    racks: int
    gpus: int
    it_design_mw: float
    capex_musd: float
    pue: float

@dataclass(frozen=True)
class SitePlan:
    name: str
    target_gpus: int
    target_it_mw: float
    half_target_p50: Optional[datetime.date]
    half_target_p90: Optional[datetime.date]
    full_target_p50: Optional[datetime.date]
    full_target_p90: Optional[datetime.date]
    main_bottleneck: str
    critical_at_end: str
    gpu_weeks_gained: Optional[float]
    capex_musd: float
    pue: float

class _Result:
    @property
    def files(self) -> dict[str, bytes]: ...
    @property
    def text(self) -> str: ...
    def write(self, folder: PathLike) -> list[str]: ...
    def table(self, name: str) -> pandas.DataFrame: ...

class DesignResult(_Result):
    @property
    def bom(self) -> pandas.DataFrame: ...
    @property
    def design(self) -> dict[str, Any]: ...
    @property
    def sites(self) -> list[SiteDesign]: ...  # type: ignore[override]

class PlanResult(DesignResult):
    @property
    def summary(self) -> dict[str, Any]: ...
    @property
    def runs(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def sites(self) -> list[SitePlan]: ...  # type: ignore[override]
    @property
    def timeline(self) -> pandas.DataFrame: ...
    @property
    def milestones(self) -> pandas.DataFrame: ...
    @property
    def contracts(self) -> pandas.DataFrame: ...
    @property
    def factories(self) -> pandas.DataFrame: ...
    @property
    def inventory(self) -> pandas.DataFrame: ...
    @property
    def attribution(self) -> pandas.DataFrame: ...
    @property
    def reliability(self) -> pandas.DataFrame: ...

class ReliabilityResult(_Result):
    @property
    def reliability(self) -> pandas.DataFrame: ...
    @property
    def summary(self) -> dict[str, Any]: ...
    @property
    def goodput_p50(self) -> dict[str, float]: ...
