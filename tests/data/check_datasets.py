#!/usr/bin/env python3
"""Independent checks of the shipped datasets (issue 14): datasets/us-candidates.yaml,
datasets/interconnection.yaml and datasets/bridging.yaml.

The checks hold the files against figures kept here, not read from the files: state bounding
boxes, the EIA 2023 state industrial prices, which eGRID subregions lie in which balancing
authority, a latitude rule for annual mean temperature, the natural-gas CO2 factor; and they
redo the arithmetic the files state (Fahrenheit normals to the parametric climate, heat rate to
emissions). Exit 0 when all hold, 1 with a list of failures, 77 (skipped) without PyYAML.
"""

import argparse
import math
import re
import sys
from pathlib import Path

try:
    import yaml
except ImportError:  # reported as skipped by CTest (SKIP_RETURN_CODE 77), never as passed
    print("PyYAML is not installed (python3-yaml): skipped")
    sys.exit(77)

# Contiguous United States, degrees (US Census Bureau, TIGER/Line 2023 national boundary extent,
# rounded outward to 0.1 degree).
CONUS = {"lat": (24.4, 49.4), "lon": (-124.8, -66.9)}

# State extents (lat_min, lat_max, lon_min, lon_max) [degrees], from the bounding boxes of the
# US Census Bureau TIGER/Line 2023 state polygons (recalled, not re-read here; a margin of
# 0.05 degree is added in the test). Only the states of the candidates are listed.
STATE_BOX = {
    "AL": (30.22, 35.01, -88.47, -84.89),
    "AZ": (31.33, 37.00, -114.82, -109.05),
    "CA": (32.53, 42.01, -124.41, -114.13),
    "CT": (40.98, 42.05, -73.73, -71.79),
    "GA": (30.36, 35.00, -85.61, -80.84),
    "IA": (40.38, 43.50, -96.64, -90.14),
    "IL": (36.97, 42.51, -91.51, -87.02),
    "IN": (37.77, 41.76, -88.10, -84.78),
    "LA": (28.93, 33.02, -94.04, -88.82),
    "MD": (37.89, 39.72, -79.49, -75.05),
    "MI": (41.70, 48.31, -90.42, -82.12),
    "MN": (43.50, 49.38, -97.24, -89.49),
    "MO": (35.99, 40.61, -95.77, -89.10),
    "MS": (30.17, 35.00, -91.66, -88.10),
    "NC": (33.84, 36.59, -84.32, -75.46),
    "NE": (40.00, 43.00, -104.05, -95.31),
    "NM": (31.33, 37.00, -109.05, -103.00),
    "NV": (35.00, 42.00, -120.01, -114.04),
    "NY": (40.50, 45.02, -79.76, -71.86),
    "OH": (38.40, 41.98, -84.82, -80.52),
    "OK": (33.62, 37.00, -103.00, -94.43),
    "OR": (41.99, 46.29, -124.57, -116.46),
    "PA": (39.72, 42.27, -80.52, -74.69),
    "SC": (32.03, 35.22, -83.35, -78.54),
    "TN": (34.98, 36.68, -90.31, -81.65),
    "TX": (25.84, 36.50, -106.65, -93.51),
    "UT": (37.00, 42.00, -114.05, -109.04),
    "VA": (36.54, 39.47, -83.68, -75.24),
    "WA": (45.54, 49.00, -124.76, -116.92),
    "WI": (42.49, 47.08, -92.89, -86.25),
    "WY": (40.99, 45.01, -111.06, -104.05),
}

# Average price to industrial customers, 2023 [cents/kWh]: EIA, Electric Power Annual 2023
# (released 2024-10-17), "Average revenue per kilowatthour" by state. Wyoming was not in the
# copy read; it is left out and its tariff is checked only against the national band.
EIA_2023_INDUSTRIAL = {
    "AL": 7.11, "AZ": 8.11, "CA": 18.64, "CT": 15.69, "GA": 6.88, "IA": 6.91, "IL": 8.20,
    "IN": 8.24, "LA": 5.88, "MD": 9.94, "MI": 8.16, "MN": 9.20, "MO": 7.90, "MS": 6.96,
    "NC": 7.15, "NE": 7.63, "NM": 5.75, "NV": 10.36, "NY": 6.87, "OH": 7.03, "OK": 6.26,
    "OR": 7.52, "PA": 7.75, "SC": 6.68, "TN": 6.23, "TX": 6.60, "UT": 6.99, "VA": 8.92,
    "WA": 6.35, "WI": 8.68,
}
# A utility's large-load tariff may sit away from the state average; beyond this factor the
# figure is taken for a typo or a wrong unit.
TARIFF_FACTOR = 1.5
TARIFF_BAND_USD_PER_MWH = (35.0, 250.0)

# eGRID subregions that can lie in each balancing authority (EPA eGRID subregion map, 2022).
SUBREGIONS_OF_BA = {
    "ERCOT": {"ERCT"},
    "PJM": {"RFCE", "RFCW", "RFCM", "SRVC"},
    "MISO": {"MROE", "MROW", "RFCM", "SRMV", "SRMW", "SRCE"},
    "SPP": {"SPNO", "SPSO", "MROW"},
    "SERC": {"SRSO", "SRVC", "SRTV", "SRCE", "FRCC"},
    "TVA": {"SRTV"},
    "WECC": {"AZNM", "NWPP", "RMPA", "CAMX"},
    "CAISO": {"CAMX"},
    "NYISO": {"NYUP", "NYCW", "NYLI"},
    "ISO-NE": {"NEWE"},
}
CARBON_BAND_LB_PER_MWH = (150.0, 1900.0)

WATER_STRESS = {"low", "low-medium", "medium-high", "high", "extremely-high"}
STAGES = ["request_to_studies", "studies", "agreement", "network_upgrades", "energization"]
BASES = {"large-load", "generator-queue-bound"}
FIELDS = [
    "location", "balancing_authority", "climate", "tariff", "carbon_intensity",
    "egrid_subregion", "water_stress", "sales_tax_exemption", "land_price",
]

# Natural gas: 53.06 kg CO2/MMBtu (EPA GHG Emission Factors Hub; 40 CFR 98 Subpart C, Table C-1);
# 1 lb = 0.45359237 kg (NIST SP 811).
GAS_LB_CO2_PER_MMBTU = 53.06 / 0.45359237

# Annual mean temperature against latitude for the contiguous US: a rough rule, about 27 C at
# 25 N falling 0.85 K per degree north (read off the NOAA 1991-2020 normals map of annual mean
# temperature; elevation and coasts move stations by several kelvin, hence the wide tolerance).
def expected_annual_mean_c(latitude):
    return 27.0 - 0.85 * (latitude - 25.0)


ANNUAL_MEAN_TOLERANCE_K = 7.0


class Checker:
    def __init__(self):
        self.failures = []
        self.checks = 0

    def expect(self, condition, message):
        self.checks += 1
        if not condition:
            self.failures.append(message)
        return condition


def quantity(text, unit):
    """The number of a '<number> <unit>' string with exactly this unit, else None."""
    match = re.fullmatch(r"\s*(-?[0-9]+(?:\.[0-9]+)?)\s+(\S+)\s*", str(text))
    if not match or match.group(2) != unit:
        return None
    return float(match.group(1))


def cites_source(text):
    text = str(text).strip()
    return text.startswith("assumption:") or re.search(r"\b(19|20)[0-9]{2}\b", text) is not None


def check_location(c, name, location):
    lat, lon, state = location.get("latitude"), location.get("longitude"), location.get("state")
    if not c.expect(isinstance(lat, (int, float)) and isinstance(lon, (int, float)),
                    f"{name}: location needs numeric latitude and longitude"):
        return
    c.expect(CONUS["lat"][0] <= lat <= CONUS["lat"][1] and CONUS["lon"][0] <= lon <= CONUS["lon"][1],
             f"{name}: ({lat}, {lon}) is outside the contiguous US")
    if not c.expect(state in STATE_BOX, f"{name}: state {state!r} has no bounding box here"):
        return
    lat0, lat1, lon0, lon1 = STATE_BOX[state]
    margin = 0.05
    c.expect(lat0 - margin <= lat <= lat1 + margin and lon0 - margin <= lon <= lon1 + margin,
             f"{name}: ({lat}, {lon}) is outside {state}'s extent {STATE_BOX[state]}")


def fahrenheit_figures(source):
    """(annual, january, july, range) in F as stated in the climate source text, or None."""
    found = {}
    for key, pattern in {"annual": r"annual mean (-?[0-9.]+) F", "january": r"January mean (-?[0-9.]+) F",
                         "july": r"July mean (-?[0-9.]+) F", "range": r"daily range \(max - min\) ([0-9.]+) F"}.items():
        match = re.search(pattern, source)
        if not match:
            return None
        found[key] = float(match.group(1))
    return found


def check_climate(c, name, candidate):
    parametric = (candidate.get("climate") or {}).get("parametric") or {}
    annual = quantity(parametric.get("annual_mean"), "C")
    seasonal = quantity(parametric.get("seasonal_amplitude"), "K")
    daily = quantity(parametric.get("daily_amplitude"), "K")
    humidity = parametric.get("relative_humidity")
    if not c.expect(None not in (annual, seasonal, daily) and isinstance(humidity, (int, float)),
                    f"{name}: climate.parametric needs annual_mean [C], seasonal_amplitude [K], "
                    "daily_amplitude [K] and a relative_humidity fraction"):
        return
    latitude = candidate["location"]["latitude"]
    c.expect(abs(annual - expected_annual_mean_c(latitude)) <= ANNUAL_MEAN_TOLERANCE_K,
             f"{name}: annual mean {annual} C is far from about {expected_annual_mean_c(latitude):.1f} C "
             f"expected at latitude {latitude}")
    c.expect(3.0 <= seasonal <= 20.0, f"{name}: seasonal amplitude {seasonal} K outside 3-20 K")
    c.expect(3.0 <= daily <= 12.0, f"{name}: daily amplitude {daily} K outside 3-12 K")
    c.expect(0.15 <= humidity <= 0.95, f"{name}: relative humidity {humidity} outside 0.15-0.95")
    figures = fahrenheit_figures(str(candidate.get("sources", {}).get("climate", "")))
    if not c.expect(figures is not None, f"{name}: climate source must state the normals in F"):
        return
    # The derivation, redone by hand: C = (F - 32) x 5/9; amplitudes are half-swings x 5/9.
    c.expect(math.isclose(annual, (figures["annual"] - 32) * 5 / 9, abs_tol=0.051),
             f"{name}: annual_mean {annual} C does not follow from {figures['annual']} F")
    c.expect(math.isclose(seasonal, (figures["july"] - figures["january"]) / 2 * 5 / 9, abs_tol=0.051),
             f"{name}: seasonal_amplitude {seasonal} K does not follow from January/July normals")
    c.expect(math.isclose(daily, figures["range"] / 2 * 5 / 9, abs_tol=0.051),
             f"{name}: daily_amplitude {daily} K does not follow from the daily range")
    c.expect(figures["january"] < figures["annual"] < figures["july"],
             f"{name}: annual mean is not between the January and July means")


def check_prices(c, name, candidate):
    tariff = quantity(candidate.get("tariff"), "USD/MWh")
    state = candidate["location"].get("state")
    if c.expect(tariff is not None, f"{name}: tariff must be '<number> USD/MWh'"):
        low, high = TARIFF_BAND_USD_PER_MWH
        c.expect(low <= tariff <= high, f"{name}: tariff {tariff} USD/MWh outside {low}-{high}")
        if state in EIA_2023_INDUSTRIAL:
            reference = EIA_2023_INDUSTRIAL[state] * 10.0  # c/kWh to USD/MWh
            c.expect(reference / TARIFF_FACTOR <= tariff <= reference * TARIFF_FACTOR,
                     f"{name}: tariff {tariff} USD/MWh is more than x{TARIFF_FACTOR} away from the EIA 2023 "
                     f"{state} industrial average {reference:.1f} USD/MWh")
    land = quantity(candidate.get("land_price"), "USD/m^2")
    if c.expect(land is not None, f"{name}: land_price must be '<number> USD/m^2'"):
        c.expect(1.0 <= land <= 5000.0, f"{name}: land price {land} USD/m^2 outside 1-5000")


def check_grid(c, name, candidate, regions):
    ba = candidate.get("balancing_authority")
    c.expect(ba in regions, f"{name}: balancing authority {ba!r} is not a region of interconnection.yaml")
    subregion = candidate.get("egrid_subregion")
    c.expect(subregion in SUBREGIONS_OF_BA.get(ba, set()),
             f"{name}: eGRID subregion {subregion!r} does not lie in balancing authority {ba!r}")
    carbon = quantity(candidate.get("carbon_intensity"), "lb/MWh")
    if c.expect(carbon is not None, f"{name}: carbon_intensity must be '<number> lb/MWh'"):
        low, high = CARBON_BAND_LB_PER_MWH
        c.expect(low <= carbon <= high, f"{name}: carbon intensity {carbon} lb/MWh outside {low}-{high}")
    c.expect(candidate.get("water_stress") in WATER_STRESS,
             f"{name}: water_stress {candidate.get('water_stress')!r} is not an Aqueduct category")
    c.expect(isinstance(candidate.get("sales_tax_exemption"), bool), f"{name}: sales_tax_exemption must be true or false")


def check_sources(c, name, candidate):
    sources = candidate.get("sources") or {}
    for field in FIELDS:
        c.expect(field in candidate, f"{name}: missing field {field}")
        c.expect(field in sources and cites_source(sources[field]),
                 f"{name}: sources.{field} must name a publication and year, or start with 'assumption:'")


def check_candidates(c, data, regions):
    candidates = data.get("candidates") or []
    c.expect(len(candidates) >= 30, f"{len(candidates)} candidates, want at least 30")
    names = [x.get("name") for x in candidates]
    c.expect(len(names) == len(set(names)), "candidate names are not unique")
    for name in names:
        c.expect(isinstance(name, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) is not None,
                 f"name {name!r} is not a lowercase-hyphen id")
    for candidate in candidates:
        name = candidate.get("name")
        check_sources(c, name, candidate)
        if "location" in candidate:
            check_location(c, name, candidate["location"])
            check_climate(c, name, candidate)
            check_prices(c, name, candidate)
        check_grid(c, name, candidate, regions)
    by_subregion = {}
    for candidate in candidates:
        by_subregion.setdefault(candidate.get("egrid_subregion"), set()).add(candidate.get("carbon_intensity"))
    for subregion, rates in by_subregion.items():
        c.expect(len(rates) == 1, f"eGRID subregion {subregion} has different rates {sorted(map(str, rates))}")
    authorities = {x.get("balancing_authority") for x in candidates}
    c.expect(len(authorities) >= 6, f"only {len(authorities)} balancing authorities, want at least 6")


def weeks_triangle(c, where, stage):
    if not c.expect(isinstance(stage, dict) and stage.get("dist") == "triangular",
                    f"{where}: want {{dist: triangular, min, mode, max}}"):
        return None
    values = [quantity(stage.get(k), "weeks") for k in ("min", "mode", "max")]
    if not c.expect(None not in values, f"{where}: min, mode and max must be '<number> weeks'"):
        return None
    low, mode, high = values
    c.expect(0 < low <= mode <= high, f"{where}: want 0 < min <= mode <= max, got {values}")
    return values


def check_interconnection(c, data):
    regions = {}
    for region in data.get("regions") or []:
        name = region.get("name")
        c.expect(name not in regions, f"interconnection region {name} appears twice")
        c.expect(region.get("basis") in BASES, f"{name}: basis must be one of {sorted(BASES)}")
        stages = region.get("stages") or {}
        c.expect(list(stages) == STAGES, f"{name}: stages must be exactly {STAGES} in order")
        modes = [weeks_triangle(c, f"{name}.{s}", stages.get(s)) for s in STAGES]
        sources = region.get("sources") or {}
        c.expect(sources and all(cites_source(v) for v in sources.values()),
                 f"{name}: every source must name a publication and year, or start with 'assumption:'")
        if None not in modes:
            total_mode_years = sum(m[1] for m in modes) / 52.0
            # Published large-load times run from about a year to seven (see docs/candidates.md).
            c.expect(0.5 <= total_mode_years <= 8.0, f"{name}: total mode {total_mode_years:.1f} years outside 0.5-8")
        regions[name] = region
    return regions


def check_bridging(c, data):
    technologies = {t.get("technology"): t for t in data.get("technologies") or []}
    c.expect(set(technologies) == {"gas_turbine", "reciprocating_engine", "battery"},
             f"bridging technologies {sorted(technologies)}")
    for name, t in technologies.items():
        for key in ("capex", "heat_rate_btu_per_kwh", "lead_time", "emissions", "fixed_om", "variable_om",
                    "fuel_price_usd_per_mmbtu", "sources"):
            c.expect(key in t, f"bridging {name}: missing {key}")
        capex = quantity(t.get("capex"), "USD/kW")
        c.expect(capex is not None and 300 <= capex <= 5000, f"bridging {name}: capex {t.get('capex')}")
        weeks_triangle(c, f"bridging {name}.lead_time", t.get("lead_time"))
        emissions = quantity(t.get("emissions"), "lb/MWh")
        heat_rate = t.get("heat_rate_btu_per_kwh")
        if c.expect(emissions is not None and isinstance(heat_rate, (int, float)),
                    f"bridging {name}: emissions '<n> lb/MWh' and a numeric heat rate"):
            # Btu/kWh x 1000 kWh/MWh / 1e6 Btu/MMBtu x lb/MMBtu
            expected = heat_rate / 1000.0 * GAS_LB_CO2_PER_MMBTU
            c.expect(math.isclose(emissions, expected, rel_tol=0.01, abs_tol=0.5),
                     f"bridging {name}: emissions {emissions} lb/MWh, {expected:.0f} from the heat rate")
        sources = t.get("sources") or {}
        c.expect(all(str(v).strip() for v in sources.values()) and len(sources) >= 6,
                 f"bridging {name}: every figure needs a source")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", default=Path(__file__).resolve().parents[2], type=Path)
    args = parser.parse_args()
    folder = args.root / "datasets"

    def load(file):
        return yaml.safe_load((folder / file).read_text(encoding="utf-8"))

    c = Checker()
    regions = check_interconnection(c, load("interconnection.yaml"))
    check_candidates(c, load("us-candidates.yaml"), regions)
    check_bridging(c, load("bridging.yaml"))
    for failure in c.failures:
        print("FAIL:", failure)
    print(f"{c.checks - len(c.failures)} of {c.checks} checks hold")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
