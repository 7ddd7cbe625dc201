#!/usr/bin/env python3
"""Generates schema/scenario.schema.json and schema/catalog.schema.json.

Run after changing the loaders (src/rackscale/io/*_loader.cpp, reliability_reader.cpp):
`python3 scripts/gen_schema.py .` The loader's key tables are the source of truth: the unit test
tests/unit/io/schema_keys_test.cpp fails when the keys the loader accepts in a map differ from
the keys the schema allows there. tests/schema/check_examples.py checks the examples and a set
of bad variants against the schemas.
"""
import json
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."

# ----------------------------------------------------------------------------- quantity patterns
WS = r"[ \t]*"
NUM = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
POS = r"(?=[0-9.]*[1-9])"  # mantissa has a non-zero digit
P = "[TGMkcmu]?"  # SI prefix (only on prefixable units)
TIME = r"(?:[TGMkcmu]?s|min|h|hours?|d|days?|weeks?|months?|years?|yr)"

UNITS = {
    "power": rf"(?:{P}(?:W|VA)|TR)",
    "energy": rf"{P}(?:Wh|J|W[*.]h)",
    "voltage": rf"{P}V",
    "mass": rf"(?:{P}[gt]|lb)",
    "length": rf"(?:{P}m|ft|mi)",
    "duration": TIME,
    "temperature_difference": r"(?:K|C|degC|F)",
    "money": rf"{P}USD",
    "data_rate": rf"{P}(?:bps|[bB]/s)",
    "count_rate": rf"(?:racks?|GPUs?|units?)/{TIME}",
    "energy_price": rf"{P}USD/(?:{P}(?:Wh|J)|MMBtu|Btu)",
    "heat_rate": rf"(?:MMBtu|Btu)/{P}(?:Wh|J)",
    "emission_rate": rf"(?:{P}[gt]|lb)/{P}(?:Wh|J)",
    "power_price_rate": rf"{P}USD/{P}(?:W|VA)/(?:years?|yr)",
    "water_price": rf"{P}USD/(?:{P}m\^3|{P}L|gal)",
    "power_price": rf"{P}USD/{P}(?:W|VA)",
    "area_price": rf"{P}USD/(?:{P}m\^2|ft\^2)",
    "gpu_hour_value": rf"{P}USD/GPUs?/(?:h|hours?)",
}

FAMILY_TEXT = {
    "power": ("power", "W, kW, MW, GW (VA, kVA, MVA are read as power; TR = ton of refrigeration)", "132 kW"),
    "energy": ("energy", "Wh, kWh, MWh, GWh or J, kJ, MJ", "3.9 MWh"),
    "voltage": ("voltage", "V, kV", "34.5 kV"),
    "mass": ("mass", "g, kg, t, lb", "1500 kg"),
    "length": ("length", "m, mm, cm, km, ft, mi", "50 m"),
    "duration": ("duration", "s, min, h, hour(s), d, day(s), week(s), month(s), year(s), yr", "18 weeks"),
    "temperature_difference": ("temperature difference", "K (C, degC and F also read as differences)", "10 K"),
    "money": ("money", "USD, kUSD, MUSD, GUSD", "3.5 MUSD"),
    "data_rate": ("data rate", "b/s, Gb/s, Tb/s, bps, Gbps, B/s, GB/s", "800 Gb/s"),
    "count_rate": ("rate", "racks, GPUs or units per time unit", "1000 racks/week"),
    "energy_price": ("energy price", "USD/MWh, USD/kWh, cUSD/kWh, USD/MMBtu", "66 USD/MWh"),
    "heat_rate": ("heat rate", "Btu/kWh, MMBtu/MWh", "9500 Btu/kWh"),
    "emission_rate": ("emissions per energy", "lb/MWh, kg/MWh, t/MWh", "1100 lb/MWh"),
    "power_price_rate": ("cost per power per year", "USD/kW/year, USD/kW/yr", "20 USD/kW/year"),
    "water_price": ("water price", "USD/m^3, USD/L, USD/gal, USD/kL", "2.5 USD/m^3"),
    "power_price": ("cost per power", "USD/W, USD/kW, MUSD/MW", "11.7 MUSD/MW"),
    "area_price": ("price per area", "USD/m^2, USD/km^2, USD/ft^2", "25 USD/m^2"),
    "gpu_hour_value": ("value per GPU-hour", "USD/GPU/h", "2 USD/GPU/h"),
}

ZERO_STRING = rf"^{WS}[-+]?(?:0+(?:\.0*)?|\.0+)(?:[eE][-+]?[0-9]+)?{WS}$"


def pos_pattern(family):
    return rf"^{WS}\+?{POS}{NUM}{WS}{UNITS[family]}{WS}$"


def nonneg_pattern(family):
    return rf"^{WS}\+?{NUM}{WS}{UNITS[family]}{WS}$"


def quantity_defs():
    defs = {}
    for fam, (name, units, example) in FAMILY_TEXT.items():
        defs[f"{fam}_positive"] = {
            "title": f"{name} (> 0)",
            "description": f"A {name} greater than zero: a number and a unit, e.g. `{example}`. Units: {units}.",
            "type": "string",
            "pattern": pos_pattern(fam),
            "examples": [example],
        }
        defs[f"{fam}_nonneg"] = {
            "title": f"{name} (>= 0)",
            "description": f"A {name} of zero or more: a number and a unit, e.g. `{example}`, or a bare `0`. Units: {units}.",
            "anyOf": [
                {"type": "string", "pattern": nonneg_pattern(fam)},
                {"$ref": "#/$defs/zero"},
            ],
            "examples": [example],
        }
    defs["zero"] = {
        "description": "A bare zero, allowed for quantities that may be zero (the unit does not matter for zero).",
        "anyOf": [{"const": 0}, {"type": "string", "pattern": ZERO_STRING}],
    }
    defs["temperature"] = {
        "title": "temperature",
        "description": "An absolute temperature: a number and exactly one of C, degC, F or K, e.g. `18.5 C`, `65 F`, `291 K`. A bare number (even 0) is rejected; below absolute zero is rejected by the loader.",
        "type": "string",
        "pattern": rf"^{WS}[-+]?{NUM}{WS}(?:K|C|degC|F){WS}$",
        "examples": ["18.5 C"],
    }
    defs["number_string"] = {
        "description": "A plain number written as a string, optionally in percent, e.g. `\"0.92\"` or `92 %`.",
        "type": "string",
        "pattern": rf"^{WS}[-+]?{NUM}{WS}%?{WS}$",
    }
    return defs


def number(desc, minimum=None, maximum=None, excl_min=None, excl_max=None, default=None, examples=None):
    n = {"type": "number"}
    if minimum is not None:
        n["minimum"] = minimum
    if maximum is not None:
        n["maximum"] = maximum
    if excl_min is not None:
        n["exclusiveMinimum"] = excl_min
    if excl_max is not None:
        n["exclusiveMaximum"] = excl_max
    s = {"description": desc, "anyOf": [n, {"$ref": "#/$defs/number_string"}]}
    if default is not None:
        s["default"] = default
    if examples is not None:
        s["examples"] = examples
    return s


def integer(desc, minimum=None, maximum=None, default=None, examples=None):
    s = {"description": desc, "type": "integer"}
    if minimum is not None:
        s["minimum"] = minimum
    if maximum is not None:
        s["maximum"] = maximum
    if default is not None:
        s["default"] = default
    if examples is not None:
        s["examples"] = examples
    return s


EXAMPLE = re.compile(r"e\.g\. `([^`]+)`")


def ref(name, desc, default=None, examples=None):
    s = {"$ref": f"#/$defs/{name}", "description": desc}
    if examples is None and (name.endswith(("_positive", "_nonneg")) or name in ("temperature", "date")):
        m = EXAMPLE.search(desc)
        if m:
            examples = [m.group(1)]
    if default is not None:
        s["default"] = default
    if examples is not None:
        s["examples"] = examples
    return s


def string(desc, examples=None, **extra):
    s = {"description": desc, "type": "string", "minLength": 1}
    if examples is not None:
        s["examples"] = examples
    s.update(extra)
    return s


def choice(desc, options, default=None):
    s = {"description": desc, "type": "string", "enum": options}
    if default is not None:
        s["default"] = default
    return s


def boolean(desc, default=None):
    s = {"description": desc, "type": "boolean"}
    if default is not None:
        s["default"] = default
    return s


def obj(desc, props, required=(), **extra):
    s = {"description": desc, "type": "object", "properties": props, "additionalProperties": False}
    if required:
        s["required"] = list(required)
    s.update(extra)
    return s


def strings_def(desc, item=None):
    item = item or {"type": "string"}
    return {"description": desc, "anyOf": [item, {"type": "array", "items": item}]}


# ----------------------------------------------------------------------------- catalog names
def catalog_names():
    import yaml  # only for the examples lists

    names = {}
    import glob
    import os

    for f in sorted(glob.glob(os.path.join(ROOT, "catalog", "*.yaml"))):
        doc = yaml.safe_load(open(f))
        for e in doc["entries"]:
            names.setdefault(e["kind"], []).append(e["name"])
    return names


CAT = catalog_names()

COMPONENT_CLASSES = ["gpu_tray", "switch_tray", "scale_out_switch", "frontend_switch", "optics", "power_shelf",
                     "cdu", "transformer", "switchgear", "unit_substation", "ups", "generator", "chiller",
                     "dry_cooler", "cooling_tower", "battery"]
REDUNDANCY = ["N", "N+1", "N+2", "2N", "3N/2", "4N/3", "block"]
COVERAGE = ["none", "partial", "full"]


# ----------------------------------------------------------------------------- scenario schema
def factory_operations_defs(d):
    """The operations keys of a factory (src/rackscale/io/factory_loader.cpp)."""
    d["qualification"] = obj(
        "The partner's qualification of the pre-production racks.",
        {
            "pass_probability": number("Chance the design qualifies first time, 0 to 1, e.g. `0.7`.", 0, 1, examples=[0.7]),
            "duration": ref("duration_distribution", "From the racks' delivery to the verdict (a duration or a distribution), e.g. `10 weeks`."),
        },
        ["pass_probability", "duration"],
    )
    d["design_change"] = obj(
        "What a failed qualification sends back to the factory before volume starts.",
        {
            "delay": ref("duration_nonneg", "Volume of the product starts this much after the verdict, >= 0, e.g. `6 weeks`."),
            "yield_hit": number("First-pass yield lost (absolute), 0 to 1; default 0. E.g. `0.05`.", 0, 1, default=0, examples=[0.05]),
        },
        ["delay"],
    )
    d["early_access"] = obj(
        "Pre-production racks from the test cell to the development partner on a date, and their qualification.",
        {
            "racks": integer("Pre-production racks delivered, 1 to 100000, e.g. `4`.", 1, 100000, examples=[4]),
            "delivered": ref("date", "Delivery date to the partner, YYYY-MM-DD, e.g. `2026-01-26`."),
            "qualification": {"$ref": "#/$defs/qualification", "description": "Pass probability and duration."},
            "design_change": {"$ref": "#/$defs/design_change", "description": "Delay and yield hit of a failed qualification; none when absent."},
        },
        ["racks", "delivered", "qualification"],
    )
    d["yield_learning"] = obj(
        "The defect rate 1 - yield falls by `rate` for every doubling of the racks started beyond `reference_racks`.",
        {
            "rate": number("Fraction of the defect rate removed per doubling, >= 0 and < 1, e.g. `0.2`.", 0, excl_max=1, examples=[0.2]),
            "reference_racks": integer("Cumulative racks at which the yield is `first_pass_yield`, >= 1, e.g. `1000`.", 1, None, examples=[1000]),
            "max_yield": number("Ceiling of the learnt yield, 0 to 1; default 1. E.g. `0.99`.", 0, 1, default=1, examples=[0.99]),
        },
        ["rate", "reference_racks"],
    )
    d["burn_in_slots"] = obj(
        "Burn-in slots: each rack in burn-in holds a slot drawing power.",
        {
            "slots": integer("Slots, 1 to 1000000, e.g. `500`.", 1, 1000000, examples=[500]),
            "power_per_slot": ref("power_positive", "Power drawn by a slot in use, > 0, e.g. `136 kW` (a GB300 NVL72 at design power)."),
        },
        ["slots", "power_per_slot"],
    )
    d["gear_product"] = obj(
        "Associated gear built on the factory's lines.",
        {
            "name": ref("name", "Unique gear name, e.g. `cdu-skid`; named by other buyers.", examples=["cdu-skid"]),
            "kind": choice("What it is.", ["power_shelf", "busway", "switchgear_skid", "power_module", "cdu", "switch_tray", "switch"]),
            "line_share": number("Line time of one unit as a share of one rack's, > 0, e.g. `0.5`.", excl_min=0, examples=[0.5]),
        },
        ["name", "kind", "line_share"],
    )
    d["gear_source"] = obj(
        "A site's component built by a factory instead of bought from `suppliers:`.",
        {
            "component": choice("The site's component class it replaces.",
                                ["transformer", "switchgear", "unit_substation", "ups", "generator", "battery", "cdu",
                                 "dry_cooler", "chiller", "cooling_tower", "optics", "scale_out_switch", "frontend_switch"]),
            "factory": string("A factory of the scenario, e.g. `houston-integration`.", examples=["houston-integration"]),
            "gear": string("One of that factory's `gear` able to stand for the component (cdu: cdu; switchgear_skid: switchgear; power_module: unit_substation or ups; switch: scale_out_switch or frontend_switch), e.g. `cdu-skid`.", examples=["cdu-skid"]),
        },
        ["component", "factory", "gear"],
    )
    d["order_rate_point"] = obj(
        "Another buyer's mean weekly orders from `date` on.",
        {
            "date": ref("date", "First day of this rate, YYYY-MM-DD; must be after the previous point's date."),
            "rate": ref("count_rate_nonneg", "Mean units ordered a week, >= 0, e.g. `800 racks/week`."),
        },
        ["date", "rate"],
    )
    d["other_buyer"] = obj(
        "Another buyer of the factory: weekly orders of one product, a mean-one lognormal factor on a stepped mean.",
        {
            "name": ref("name", "The buyer's name, e.g. `hyperscaler-b`.", examples=["hyperscaler-b"]),
            "product": string("A rack system in the factory's `products`, or one of its `gear`, e.g. `GB300-NVL72`.", examples=["GB300-NVL72"]),
            "orders": {"description": "Mean weekly orders by date, dates increasing, e.g. `[{date: 2026-02-16, rate: 700 racks/week}]`.",
                       "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/order_rate_point"}},
            "volatility": number("Sigma of the log of a week's orders, >= 0; default 0. E.g. `0.3`.", 0, None, default=0, examples=[0.3]),
            "unit_price": ref("money_nonneg", "Paid to the manufacturer per unit, on the day the unit starts on the lines, >= 0, e.g. `3.2 MUSD` (the manufacturer's revenue in the deal's cash flows, docs/models/deal.md); default none."),
        },
        ["name", "product", "orders"],
    )


def scenario_schema():
    d = quantity_defs()
    d["date"] = {
        "description": "A calendar date written YYYY-MM-DD, e.g. `2026-06-01` (the day must exist in its month).",
        "type": "string",
        "pattern": r"^[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-9]))$",
        "examples": ["2026-06-01"],
    }
    d["name"] = {"description": "A non-empty name.", "type": "string", "minLength": 1}
    for kind, what in [("rack_system", "rack system"), ("switch", "switch"), ("cdu", "CDU"),
                       ("transformer", "substation transformer"), ("switchgear", "MV switchgear"),
                       ("unit_substation", "unit substation"), ("ups", "UPS module"),
                       ("generator", "generator"), ("battery", "battery storage"),
                       ("dry_cooler", "dry cooler"), ("chiller", "chiller"),
                       ("cooling_tower", "cooling tower")]:
        d[f"{kind}_ref"] = {
            "description": f"The name of a catalog entry of kind `{kind}` ({what}), from the built-in catalog or a file listed under `catalog:`.",
            "type": "string",
            "minLength": 1,
            "examples": CAT[kind],
        }
    dur = "duration distribution"
    d["duration_distribution"] = {
        "title": dur,
        "description": "A duration, either fixed (`4 weeks`, or a bare `0`) or drawn from a distribution: "
                       "`{dist: fixed, value: 4 weeks}`, `{dist: uniform, min: 3 weeks, max: 5 weeks}`, "
                       "`{dist: triangular, min: 20 weeks, mode: 24 weeks, max: 34 weeks}` or "
                       "`{dist: lognormal, median: 12 weeks, p90: 20 weeks}`. Every value is a duration >= 0 "
                       "(the lognormal median > 0); the loader also checks min <= mode <= max and p90 > median.",
        "oneOf": [
            {"$ref": "#/$defs/duration_nonneg"},
            {
                "type": "object",
                "required": ["dist"],
                "properties": {
                    "dist": choice("The distribution: `fixed` (keys value), `uniform` (min, max), "
                                   "`triangular` (min, mode, max) or `lognormal` (median, p90).",
                                   ["fixed", "uniform", "triangular", "lognormal"]),
                    "value": ref("duration_nonneg", "dist: fixed: the duration, e.g. `4 weeks`."),
                    "min": ref("duration_nonneg", "dist: uniform or triangular: the shortest duration, e.g. `20 weeks`."),
                    "mode": ref("duration_nonneg", "dist: triangular: the most likely duration (min <= mode <= max), e.g. `24 weeks`."),
                    "max": ref("duration_nonneg", "dist: uniform or triangular: the longest duration (>= min, >= mode), e.g. `34 weeks`."),
                    "median": ref("duration_positive", "dist: lognormal: the median duration, > 0, e.g. `12 weeks`."),
                    "p90": ref("duration_nonneg", "dist: lognormal: the 90th percentile, greater than the median, e.g. `20 weeks`."),
                },
                "allOf": [
                    {"if": {"required": ["dist"], "properties": {"dist": {"const": k}}},
                     "then": {"required": keys,
                              "properties": {x: True for x in ["dist"] + keys},
                              "additionalProperties": False}}
                    for k, keys in [("fixed", ["value"]), ("uniform", ["min", "max"]),
                                    ("triangular", ["min", "mode", "max"]), ("lognormal", ["median", "p90"])]
                ],
            },
        ],
    }
    d["location"] = obj(
        "Where a site or factory is: `{latitude: 32.45, longitude: -99.73, state: TX, city: Abilene}`.",
        {
            "latitude": number("Latitude in degrees, north positive, -90 to 90, e.g. `32.45`.", minimum=-90, maximum=90, examples=[32.45]),
            "longitude": number("Longitude in degrees, east positive, -180 to 180, e.g. `-99.73`.", minimum=-180, maximum=180, examples=[-99.73]),
            "state": string("State or region code (optional, for reports), e.g. `TX`.", examples=["TX"]),
            "city": string("City (optional, for reports), e.g. `Abilene`.", examples=["Abilene"]),
        },
        ["latitude", "longitude"],
    )
    d["parametric_climate"] = obj(
        "A climate without a weather file: an annual and a daily sinusoid of dry-bulb temperature, and a mean humidity. "
        "Example: `{annual_mean: 18.5 C, seasonal_amplitude: 10 K, daily_amplitude: 7 K, relative_humidity: 0.55}`.",
        {
            "annual_mean": ref("temperature", "Annual mean dry-bulb temperature (C, F or K), e.g. `18.5 C`."),
            "seasonal_amplitude": ref("temperature_difference_nonneg", "Half the summer-winter swing of the daily mean, >= 0 (K; C and F read as differences), e.g. `10 K`."),
            "daily_amplitude": ref("temperature_difference_nonneg", "Half the day-night swing, >= 0, e.g. `7 K`."),
            "relative_humidity": number("Annual mean relative humidity as a fraction, > 0 and <= 1 (or a percentage such as `55 %`), e.g. `0.55`.", excl_min=0, maximum=1, examples=[0.55]),
        },
        ["annual_mean", "seasonal_amplitude", "daily_amplitude", "relative_humidity"],
    )
    d["climate"] = obj(
        "The site's climate: exactly one of `epw:` (an EnergyPlus weather file) or `parametric:`.",
        {
            "epw": string("Path of an EnergyPlus .epw weather file, relative to the scenario file; the file must exist. E.g. `weather/abilene.epw`.", examples=["weather/USA_TX_Abilene.epw"]),
            "parametric": {"$ref": "#/$defs/parametric_climate", "description": "A parametric climate (annual and daily sinusoids)."},
        },
        oneOf=[{"required": ["epw"]}, {"required": ["parametric"]}],
    )
    d["target"] = obj(
        "What the site is built for: exactly one of `racks`, `gpus` or `it_power`, e.g. `{racks: 3000}`. "
        "GPUs are rounded up to whole racks; IT power is divided by the rack system's design power, rounded down.",
        {
            "racks": integer("Number of racks, 1 to 10,000,000, e.g. `3000`.", 1, 10_000_000, examples=[3000]),
            "gpus": integer("Number of GPUs, 1 to 1,000,000,000, e.g. `100000`; rounded up to whole racks.", 1, 1_000_000_000, examples=[100000]),
            "it_power": ref("power_positive", "IT power at the rack system's design power, > 0, e.g. `500 MW`."),
        },
        oneOf=[{"required": ["racks"]}, {"required": ["gpus"]}, {"required": ["it_power"]}],
    )
    d["grid_step"] = obj(
        "One step of the grid energization schedule: the total capacity available from `date` on.",
        {
            "date": ref("date", "First day the capacity is available, YYYY-MM-DD; must be after the previous step's date, e.g. `2026-06-01`."),
            "capacity": ref("power_positive", "Total grid capacity from this date, > 0, not below the previous step's, e.g. `200 MW`."),
            "delay": ref("duration_distribution", "Delay of the energization after `date`, drawn once per run (a duration or a distribution); default none. E.g. `{dist: triangular, min: 0 weeks, mode: 8 weeks, max: 52 weeks}`."),
        },
        ["date", "capacity"],
    )
    stage_names = ["request_to_studies", "studies", "agreement", "network_upgrades", "energization"]
    stage_text = {
        "request_to_studies": "Queue wait from the request to the start of studies",
        "studies": "Interconnection studies",
        "agreement": "Agreement (interconnection or electric service agreement)",
        "network_upgrades": "Network upgrades",
        "energization": "Energization",
    }
    d["interconnection_stages"] = obj(
        "Durations of the interconnection stages, run one after the other (a duration or a distribution each). With `region:` each overrides the region's stage; without, all five are required.",
        {k: ref("duration_distribution", f"{stage_text[k]}, e.g. `{{dist: triangular, min: 20 weeks, mode: 26 weeks, max: 52 weeks}}`.") for k in stage_names},
    )
    d["interconnection"] = obj(
        "Grid capacity energized at the end of an interconnection process filed on `requested`: the sum of the stages' durations, drawn per run. A site gives `region:` or all five `stages:`; a candidate's region defaults to its dataset balancing authority.",
        {
            "region": string("Balancing authority of datasets/interconnection.yaml whose stage durations apply, e.g. `ERCOT`.", examples=["ERCOT"]),
            "requested": ref("date", "When the request was filed, YYYY-MM-DD, e.g. `2026-03-01`."),
            "capacity": ref("power_positive", "Facility power energized at the end, > 0, e.g. `500 MW`."),
            "stages": {"$ref": "#/$defs/interconnection_stages", "description": "Stage durations: overrides of the region's, or all five without `region:`."},
        },
        ["requested", "capacity"],
    )
    d["bridging"] = obj(
        "On-site generation carrying load until the grid carries the site: available `lead_time` after `ordered`. Figures not given come from datasets/bridging.yaml for the technology.",
        {
            "technology": choice("Bridging technology.", ["gas_turbine", "reciprocating_engine", "battery"]),
            "capacity": ref("power_positive", "Generation capacity, > 0, e.g. `100 MW`."),
            "ordered": ref("date", "Decision (order) date, YYYY-MM-DD, e.g. `2026-02-01`."),
            "lead_time": ref("duration_distribution", "From order to available (a duration or a distribution); default: the technology's, e.g. `{dist: triangular, min: 40 weeks, mode: 52 weeks, max: 78 weeks}`."),
            "retire_when_grid": boolean("Retire once the firm grid carries the site's full load; default true.", True),
            "capex": ref("power_price_nonneg", "Installed cost per power, >= 0, e.g. `1200 USD/kW`."),
            "heat_rate": ref("heat_rate_nonneg", "Fuel energy per energy generated, >= 0, e.g. `9500 Btu/kWh`."),
            "fuel_price": ref("energy_price_nonneg", "Fuel price per fuel energy, >= 0, e.g. `3.5 USD/MMBtu`."),
            "emissions": ref("emission_rate_nonneg", "CO2 per energy generated, >= 0, e.g. `1100 lb/MWh`."),
            "fixed_om": ref("power_price_rate_nonneg", "Fixed operation and maintenance, >= 0, e.g. `20 USD/kW/year`."),
            "variable_om": ref("energy_price_nonneg", "Variable operation and maintenance, >= 0, e.g. `5 USD/MWh`."),
        },
        ["technology", "capacity", "ordered"],
    )
    d["flexible_connection"] = obj(
        "A curtailable connection: the firm interconnection's capacity (at most) energized `earlier_by` before it, counted as capacity x availability until the firm date.",
        {
            "capacity": ref("power_positive", "Capacity, > 0, at most the interconnection's, e.g. `200 MW`."),
            "earlier_by": ref("duration_nonneg", "How long before the firm interconnection it comes, >= 0, e.g. `104 weeks`."),
            "availability": number("Fraction of hours the load may draw, 0 to 1, e.g. `0.98`.", 0, 1, examples=[0.98]),
        },
        ["capacity", "earlier_by", "availability"],
    )
    d["site_power"] = obj(
        "Power to the site (docs/models/power-to-site.md): an interconnection, bridging generation and a flexible connection; at least one of them.",
        {
            "interconnection": {"$ref": "#/$defs/interconnection", "description": "Grid capacity through an interconnection process (adds to any `grid:` steps)."},
            "bridging": {"description": "Bridging generation blocks.", "type": "array", "items": {"$ref": "#/$defs/bridging"}},
            "flexible": {"$ref": "#/$defs/flexible_connection", "description": "A flexible (curtailable) connection ahead of the firm interconnection; needs `interconnection:`."},
        },
        anyOf=[{"required": ["interconnection"]}, {"required": ["bridging"]}, {"required": ["flexible"]}],
    )
    d["construction"] = obj(
        "Construction phases, run in order from `start`: permitting, shell, fit-out, commissioning.",
        {
            "start": ref("date", "When permitting begins, YYYY-MM-DD; default: the scenario's `start`. E.g. `2026-03-02`."),
            "permitting": ref("duration_distribution", "Permitting duration (a duration or a distribution), e.g. `{dist: lognormal, median: 12 weeks, p90: 20 weeks}`."),
            "shell": ref("duration_distribution", "Building shell (core and shell) duration, e.g. `{dist: triangular, min: 20 weeks, mode: 24 weeks, max: 34 weeks}`."),
            "fit_out": ref("duration_distribution", "Fit-out (power, cooling, network infrastructure) duration, e.g. `{dist: triangular, min: 12 weeks, mode: 16 weeks, max: 24 weeks}`."),
            "commissioning": ref("duration_distribution", "Facility commissioning duration, e.g. `{dist: uniform, min: 3 weeks, max: 5 weeks}` or `4 weeks`."),
        },
        ["permitting", "shell", "fit_out", "commissioning"],
    )
    d["crews"] = obj(
        "Install and commissioning crews at the site.",
        {
            "install_rate": ref("count_rate_positive", "Racks placed and cabled per unit of time, > 0, e.g. `150 racks/week`."),
            "commissioning_rate": ref("count_rate_positive", "Racks tested and handed over per unit of time, > 0, e.g. `120 racks/week`."),
        },
        ["install_rate", "commissioning_rate"],
    )
    d["site"] = obj(
        "A data-center site.",
        {
            "name": ref("name", "Unique site name, e.g. `abilene-tx`; named by `policies.allocation.order`.", examples=["abilene-tx"]),
            "location": {"$ref": "#/$defs/location", "description": "Where the site is."},
            "climate": {"$ref": "#/$defs/climate", "description": "Exactly one of `epw:` or `parametric:`."},
            "tariff": ref("energy_price_nonneg", "Electricity price, >= 0, e.g. `66 USD/MWh` or `6.6 cUSD/kWh`."),
            "water_price": ref("water_price_nonneg", "Water price, >= 0 (optional), e.g. `2.5 USD/m^3`."),
            "land_cost": ref("money_nonneg", "Land cost as a lump sum, >= 0 (optional), e.g. `40 MUSD`; wins over land_price."),
            "land_price": ref("area_price_nonneg", "Land price per area, >= 0 (optional), e.g. `25 USD/m^2`; land cost = price x the space model's land area."),
            "rack_system": ref("rack_system_ref", "The catalog rack system the site is built with, e.g. `GB300-NVL72`."),
            "target": {"$ref": "#/$defs/target", "description": "Exactly one of racks, gpus or it_power, e.g. `{racks: 3000}`."},
            "grid": {
                "description": "Grid energization schedule, at least one step, in increasing date order; capacity is the total from each date and must not fall. E.g. `[{date: 2026-06-01, capacity: 200 MW}, {date: 2026-12-01, capacity: 450 MW}]`.",
                "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/grid_step"},
            },
            "construction": {"$ref": "#/$defs/construction", "description": "Construction start and phase durations."},
            "crews": {"$ref": "#/$defs/crews", "description": "Install and commissioning rates."},
            "power": {"$ref": "#/$defs/site_power", "description": "Power to the site: interconnection, bridging, flexible connection; `grid:` may then be left out."},
            "gear_from": {"description": "Components built by a factory on its shared lines instead of bought from `suppliers:`, e.g. `[{component: cdu, factory: houston-integration, gear: cdu-skid}]`.",
                          "type": "array", "items": {"$ref": "#/$defs/gear_source"}},
        },
        ["name", "location", "climate", "tariff", "rack_system", "target", "construction", "crews"],
        anyOf=[{"required": ["grid"]}, {"required": ["power"]}],
    )
    d["ramp_point"] = obj(
        "A point of the factory's output ramp: the rate from `date` on.",
        {
            "date": ref("date", "First day of this rate, YYYY-MM-DD; must be after the previous point's date, e.g. `2026-07-06`."),
            "rate": ref("count_rate_nonneg", "Output rate from this date, >= 0, e.g. `1500 racks/week`."),
        },
        ["date", "rate"],
    )
    d["test_cell"] = obj(
        "A pre-production test cell where the buyer validates racks before volume orders, e.g. `{racks: 4, duration: 6 weeks}`.",
        {
            "racks": integer("Racks in the test cell, 1 to 1000, e.g. `4`.", 1, 1000, examples=[4]),
            "duration": ref("duration_distribution", "How long validation takes (a duration or a distribution), e.g. `6 weeks`."),
        },
        ["racks", "duration"],
    )
    factory_operations_defs(d)
    d["factory"] = obj(
        "A rack integration factory.",
        {
            "name": ref("name", "Unique factory name, e.g. `houston-integration`; named by contracts.", examples=["houston-integration"]),
            "location": {"$ref": "#/$defs/location", "description": "Where the factory is."},
            "products": strings_def("Rack systems the factory can build: a catalog rack_system name or a list of them, e.g. `[GB300-NVL72]`.",
                                    {"$ref": "#/$defs/rack_system_ref"}),
            "ramp": {
                "description": "Output ramp, in increasing date order, e.g. `[{date: 2026-01-05, rate: 1000 racks/week}]`.",
                "type": "array", "items": {"$ref": "#/$defs/ramp_point"},
            },
            "lines": integer("Parallel integration lines, 1 to 1000; default 1; needs `takt_time`. E.g. `24`.", 1, 1000, default=1, examples=[24]),
            "takt_time": ref("duration_positive", "Time between racks leaving one line, > 0: the lines build at most lines x 24 h / takt_time racks a day. E.g. `2 h`; no line limit when absent."),
            "integration_time": ref("duration_positive", "Time a rack spends on its line before burn-in, > 0, rounded up to whole days; default 1 day."),
            "burn_in": ref("duration_nonneg", "Burn-in time per rack, >= 0, e.g. `48 h`."),
            "first_pass_yield": number("Fraction of racks passing burn-in the first time, > 0 and <= 1 (or a percentage), e.g. `0.92`.", excl_min=0, maximum=1, examples=[0.92]),
            "rework": ref("duration_nonneg", "Rework time for a rack that fails burn-in, >= 0, e.g. `3 days`."),
            "test_cell": {"$ref": "#/$defs/test_cell", "description": "Optional pre-production test cell, e.g. `{racks: 4, duration: 6 weeks}`."},
            "early_access": {"$ref": "#/$defs/early_access", "description": "Pre-production racks delivered to the development partner, and their qualification (docs/models/factory.md)."},
            "yield_learning": {"$ref": "#/$defs/yield_learning", "description": "First-pass yield learning with cumulative volume, e.g. `{rate: 0.2, reference_racks: 1000}`."},
            "burn_in_slots": {"$ref": "#/$defs/burn_in_slots", "description": "Powered burn-in slots, e.g. `{slots: 500, power_per_slot: 136 kW}`; no limit when absent."},
            "gear": {"description": "Associated gear built on the same lines, e.g. `[{name: cdu-skid, kind: cdu, line_share: 0.5}]`.",
                     "type": "array", "items": {"$ref": "#/$defs/gear_product"}},
            "other_buyers": {"description": "Other buyers whose orders compete for the lines.",
                             "type": "array", "items": {"$ref": "#/$defs/other_buyer"}},
            "priority": choice("Who is served first on the shared lines: the partner (this scenario's contracts), the other buyers, or a share; default partner.", ["partner", "others", "share"], default="partner"),
            "partner_share": number("With `priority: share`: the partner's share of each day's capacity, 0 to 1, e.g. `0.4`.", 0, 1, examples=[0.4]),
        },
        ["name", "location", "products", "ramp", "burn_in", "first_pass_yield", "rework"],
    )
    d["factory"]["dependentRequired"] = {"lines": ["takt_time"], "partner_share": ["priority"]}
    d["supplier"] = obj(
        "A component supplier.",
        {
            "name": ref("name", "Unique supplier name, e.g. `gb300-compute-trays`.", examples=["gb300-compute-trays"]),
            "component": {
                "description": "What it supplies: a component class (" + ", ".join(COMPONENT_CLASSES) + ") or the name of any catalog entry, e.g. `gpu_tray` or `Q3400`.",
                "type": "string", "minLength": 1, "examples": COMPONENT_CLASSES,
            },
            "capacity": ref("count_rate_positive", "Supplier output for all buyers, > 0, e.g. `36000 units/week`."),
            "share": number("Fraction of the capacity allocated to this build-out, > 0 and <= 1 (or a percentage); default 1. E.g. `0.25`.", excl_min=0, maximum=1, default=1, examples=[0.25]),
            "lead_time": ref("duration_distribution", "Order lead time (a duration or a distribution), e.g. `{dist: triangular, min: 8 weeks, mode: 12 weeks, max: 20 weeks}`."),
        },
        ["name", "component", "capacity", "lead_time"],
    )
    d["firm_order"] = obj(
        "A firm order, e.g. `{racks: 2000, deliver_by: 2026-12-31}`.",
        {
            "racks": integer("Racks ordered, 1 to 10,000,000, e.g. `2000`.", 1, 10_000_000, examples=[2000]),
            "deliver_by": ref("date", "Delivery due date, YYYY-MM-DD, e.g. `2026-12-31`."),
        },
        ["racks", "deliver_by"],
    )
    d["purchase_option"] = obj(
        "A purchase option: the right, not the obligation, to buy `racks` at `unit_price` between window_open and window_close.",
        {
            "racks": integer("Racks the option covers, 1 to 10,000,000, e.g. `3000`.", 1, 10_000_000, examples=[3000]),
            "unit_price": ref("money_nonneg", "Price per rack under the option, >= 0, e.g. `3.3 MUSD`."),
            "window_open": ref("date", "First day the option can be exercised, YYYY-MM-DD, e.g. `2027-01-01`."),
            "window_close": ref("date", "Last day the option can be exercised, after window_open, e.g. `2027-12-31`."),
            "premium": ref("money_nonneg", "Paid by the buyer to the manufacturer per rack on offer at the scenario start, exercised or not, >= 0, e.g. `50 kUSD` (docs/models/deal.md); default none."),
        },
        ["racks", "unit_price", "window_open", "window_close"],
    )
    d["contract"] = obj(
        "A rack purchase contract with one of the scenario's factories; needs at least one firm order or purchase option.",
        {
            "name": ref("name", "Unique contract name, e.g. `gb300-master-agreement`.", examples=["gb300-master-agreement"]),
            "factory": ref("name", "Name of a factory in this scenario's `factories:`, e.g. `houston-integration`."),
            "rack_system": ref("rack_system_ref", "The catalog rack system bought, e.g. `GB300-NVL72`."),
            "unit_price": ref("money_nonneg", "Price per rack of the firm orders, >= 0, e.g. `3.5 MUSD`."),
            "firm": {"description": "Firm orders, e.g. `[{racks: 2000, deliver_by: 2026-12-31}]`.",
                     "type": "array", "items": {"$ref": "#/$defs/firm_order"}},
            "options": {"description": "Purchase options, e.g. `[{racks: 3000, unit_price: 3.3 MUSD, window_open: 2027-01-01, window_close: 2027-12-31}]`.",
                        "type": "array", "items": {"$ref": "#/$defs/purchase_option"}},
            "late_penalty": ref("money_nonneg", "Paid by the manufacturer to the buyer per rack and per week a rack of a firm order or an exercise is delivered after its due date, >= 0, e.g. `20 kUSD` (docs/models/deal.md); default none."),
        },
        ["name", "factory", "rack_system", "unit_price"],
        anyOf=[
            {"required": ["firm"], "properties": {"firm": {"minItems": 1}}},
            {"required": ["options"], "properties": {"options": {"minItems": 1}}},
        ],
    )
    d["fabric_policy"] = obj(
        "How the network fabrics are designed.",
        {
            "scale_out_switch": ref("switch_ref", "Back-end (scale-out) leaf switch, and spine/core unless `spine_switch` is given, e.g. `Q3400`. Default: the catalog's only `scale_out` switch; required when it has several."),
            "spine_switch": ref("switch_ref", "Back-end spine and core switch when different from the leaf; default: `scale_out_switch`. E.g. `Q3400`."),
            "oversubscription": {
                "description": "Down:up port ratio of the leaf, then of the spine (pod to core, in three tiers); 1 or 2 numbers, each >= 1 (1 = non-blocking). Default `[1]`. E.g. `[1, 1]`.",
                "type": "array", "minItems": 1, "maxItems": 2, "default": [1],
                "items": {"anyOf": [{"type": "number", "minimum": 1}, {"$ref": "#/$defs/number_string"}]},
            },
            "planes": integer("Independent fabric planes a NIC's ports are split across, 1 to 16; default 1.", 1, 16, default=1),
            "rail_optimized": boolean("Rail-optimized: rail i of every node of a scalable unit on leaf group i; default true.", True),
            "scalable_unit_nodes": integer("Node slots per scalable unit, 0 to 100000; 0 = automatic (default). E.g. `32`.", 0, 100000, default=0, examples=[32]),
            "size_to_full_units": boolean("Build leaves for whole scalable units, not only the occupied slots; default true.", True),
            "reserved_node_slots": integer("Slots of the first scalable unit held by management appliances (e.g. UFM), 0 to 64; default 0.", 0, 64, default=0),
            "reserved_slot_ports": integer("Fabric ports of each reserved slot, per plane, 0 to 64; default 0 (the SuperPOD UFM uses 4).", 0, 64, default=0),
            "frontend_oversubscription": number("Front-end leaf down:up ratio, 1 to 64; default 1.", 1, 64, default=1),
            "oob_oversubscription": number("Out-of-band leaf down:up ratio, 1 to 64; default 1.", 1, 64, default=1),
            "frontend_switch": ref("switch_ref", "Front-end (in-band) switch, e.g. `SN5600`. Default: the catalog's only `frontend` switch; required when it has several and a rack system has front-end ports."),
            "oob_switch": ref("switch_ref", "Out-of-band management switch, e.g. `SN2201`. Default: the catalog's only `oob` switch (built-in: SN2201)."),
        },
    )
    d["redundancy"] = {"type": "string", "enum": REDUNDANCY}
    d["coverage"] = {"type": "string", "enum": COVERAGE}
    d["power_policy"] = obj(
        "How the power chain is designed.",
        {
            "ups": choice("Which loads the UPS covers: none, partial (network, storage, control) or full; default partial.", COVERAGE, "partial"),
            "generator": choice("Which loads backup generators cover: none, partial or full; default partial.", COVERAGE, "partial"),
            "transformer_redundancy": choice("Redundancy of the substation power transformers: " + ", ".join(REDUNDANCY) + "; default N+1.", REDUNDANCY, "N+1"),
            "unit_substation_redundancy": choice("Redundancy of the MV/LV unit substations: " + ", ".join(REDUNDANCY) + "; default 2N.", REDUNDANCY, "2N"),
            "ups_redundancy": choice("Redundancy of the UPS modules: " + ", ".join(REDUNDANCY) + "; default N+1.", REDUNDANCY, "N+1"),
            "generator_redundancy": choice("Redundancy of the standby generators per paralleling group: " + ", ".join(REDUNDANCY) + "; default N+1.", REDUNDANCY, "N+1"),
            "battery": boolean("Use battery storage to smooth the grid-facing load; default true.", True),
            "max_grid_step": ref("power_nonneg", "Largest grid-facing load swing allowed; 0 = no limit (default). E.g. `20 MW`.", default=0),
            "swing_period": ref("duration_positive", "Period of a training job's compute/communication power swing, > 0, e.g. `2 s`; default: the power model's (docs/models/power.md)."),
            "power_factor": number("Power factor for kVA-rated gear, 0.5 to 1; default 0.95.", 0.5, 1, default=0.95),
            "transformer": ref("transformer_ref", "Catalog substation transformer to use; default: the largest. E.g. `XFMR-345-34.5kV-100MVA`."),
            "switchgear": ref("switchgear_ref", "Catalog MV switchgear to use; default: the largest."),
            "unit_substation": ref("unit_substation_ref", "Catalog unit substation to use; default: the largest."),
            "ups_module": ref("ups_ref", "Catalog UPS module to use; default: the largest."),
            "generator_model": ref("generator_ref", "Catalog generator to use; default: the largest."),
            "swing_buffer": choice("Storage technology of the training swing buffer: supercapacitor, short_duration_battery or lithium_ion; default supercapacitor.", ["supercapacitor", "short_duration_battery", "lithium_ion"], "supercapacitor"),
            "battery_model": ref("battery_ref", "Catalog storage unit to use (any technology); default: the largest of the `swing_buffer` technology."),
        },
    )
    d["cooling_policy"] = obj(
        "How the cooling plant is designed.",
        {
            "ashrae_class": choice("ASHRAE liquid-cooling facility water class: W17, W27, W32, W40, W45 or W+; default W32.",
                                   ["W17", "W27", "W32", "W40", "W45", "W+"], "W32"),
            "heat_rejection": choice("Heat rejection plant: dry_cooler, dry_cooler_adiabatic, water_chiller or air_chiller; default dry_cooler.",
                                     ["dry_cooler", "dry_cooler_adiabatic", "water_chiller", "air_chiller"], "dry_cooler"),
            "cdu": ref("cdu_ref", "Catalog CDU to use; default: chosen by size. E.g. `CDU-InRow-2300kW`."),
            "cdu_redundancy": choice("CDU redundancy: N, N+1, N+2 or 2N; default N+1.", ["N", "N+1", "N+2", "2N"], "N+1"),
            "dry_cooler": ref("dry_cooler_ref", "Catalog dry cooler to use; default: the cooling model's rule."),
            "chiller": ref("chiller_ref", "Catalog chiller to use; default: the cooling model's rule."),
            "cooling_tower": ref("cooling_tower_ref", "Catalog cooling tower to use; default: the cooling model's rule."),
        },
    )
    d["cost_policy"] = obj(
        "Cost assumptions; every key is optional (defaults in docs/models/cost.md).",
        {
            "facility_cost_per_mw": ref("power_price_nonneg", "Shell and MEP capex per MW of critical load; when set, replaces the bottom-up facility capex (Cushman & Wakefield 2025 average: 11.7 MUSD/MW)."),
            "installation_factor": number("Installation (labour, bulk materials) as a multiple of equipment price, >= 0; default 0.8.", 0, None, default=0.8),
            "design_and_permitting_fraction": number("Design, engineering and permitting soft costs as a fraction of the hard cost, 0 to 1; default 0.1.", 0, 1, default=0.1),
            "contingency_fraction": number("Contingency as a fraction of the hard cost, 0 to 1; default 0.1.", 0, 1, default=0.1),
            "maintenance_fraction": number("Yearly maintenance as a fraction of facility capex, 0 to 1; default 0.02.", 0, 1, default=0.02),
            "staff_per_mw": number("Full-time staff per MW of IT, >= 0; default 0.2.", 0, None, default=0.2),
            "staff_cost_per_year": ref("money_nonneg", "Loaded cost of one person for a year; default 150 kUSD."),
            "tco_horizon": ref("duration_positive", "Horizon of the TCO and IT capital recovery; default 5 years."),
            "discount_rate": number("Discount rate per year, 0 to 1; default 0.08.", 0, 1, default=0.08),
        },
    )
    d["allocation_policy"] = obj(
        "How finished racks are allocated to sites.",
        {
            "rule": choice("priority (fill sites in `order`), proportional, or earliest_ready; default priority.",
                           ["priority", "proportional", "earliest_ready"], "priority"),
            "order": strings_def("Site names in priority order (each must name a site of this scenario), e.g. `[abilene-tx, richland-la]`.",
                                 {"type": "string"}),
            "exercise_lead": ref("duration_nonneg", "Exercise purchase options when a site will be ready within this time, >= 0; default 8 weeks.", default="8 weeks"),
        },
    )
    d["production_policy"] = obj(
        "When ordered racks may start.",
        {
            "release": choice("build_to_need (start a rack so that it is ready when its site can take it, never later than its due date) or as_soon_as_possible (every ordered rack starts as soon as capacity and parts allow); default build_to_need.",
                              ["build_to_need", "as_soon_as_possible"], "build_to_need"),
            "build_ahead": ref("duration_nonneg", "Start an order's racks no earlier than this before its due date (an option exercise is due exercise_lead after it), >= 0, e.g. `8 weeks`; default: no limit, every ordered rack starts as soon as it can."),
        },
    )
    d["finance_policy"] = obj(
        "Financial assumptions of the build-out.",
        {
            "cost_of_capital": number("Annual cost of the capital tied up in racks bought before they can run, 0 to 1; default 0.08.", 0, 1, default=0.08),
        },
    )
    d["policies"] = obj(
        "Design and allocation policies; every section and key is optional.",
        {
            "fabric": {"$ref": "#/$defs/fabric_policy", "description": "Network fabric design."},
            "power": {"$ref": "#/$defs/power_policy", "description": "Power chain design."},
            "cooling": {"$ref": "#/$defs/cooling_policy", "description": "Cooling plant design."},
            "cost": {"$ref": "#/$defs/cost_policy", "description": "Cost assumptions."},
            "allocation": {"$ref": "#/$defs/allocation_policy", "description": "Rack allocation to sites."},
            "production": {"$ref": "#/$defs/production_policy", "description": "When ordered racks may start."},
            "finance": {"$ref": "#/$defs/finance_policy", "description": "Cost of capital of racks waiting."},
        },
    )
    unlimited_int = lambda desc, lo: {"description": desc, "anyOf": [
        {"type": "integer", "minimum": lo}, {"const": "unlimited"}]}
    component_types = ["gpu", "hbm", "gpu_sram", "gpu_system_processor", "silent_data_corruption",
                       "software", "nic", "optics_cables", "nvlink_switch_tray", "cpu", "memory",
                       "ssd", "psu", "chassis", "host_maintenance", "cdu", "busway",
                       "unit_substation", "switchgear", "transformer", "ups"]
    repair_keys = [("fixed", ["value"]), ("exponential", ["mean"]), ("uniform", ["min", "max"]),
                   ("triangular", ["min", "mode", "max"]), ("lognormal", ["median", "p90"])]
    d["repair_time"] = {
        "description": "A repair time: a duration such as `4 h`, or {dist: fixed|exponential|uniform|triangular|lognormal, ...}.",
        "anyOf": [{"$ref": "#/$defs/duration_nonneg"}, {
            "type": "object", "required": ["dist"],
            "properties": {
                "dist": {"enum": [k for k, _ in repair_keys]},
                "value": {"$ref": "#/$defs/duration_nonneg"}, "mean": {"$ref": "#/$defs/duration_positive"},
                "min": {"$ref": "#/$defs/duration_nonneg"}, "mode": {"$ref": "#/$defs/duration_nonneg"},
                "max": {"$ref": "#/$defs/duration_nonneg"}, "median": {"$ref": "#/$defs/duration_positive"},
                "p90": {"$ref": "#/$defs/duration_nonneg"}},
            "additionalProperties": False,
            # Each form takes its own keys, as the loader reads them (src/rackscale/io/reliability_reader.cpp).
            "allOf": [
                {"if": {"required": ["dist"], "properties": {"dist": {"const": k}}},
                 "then": {"required": keys, "properties": {x: True for x in ["dist"] + keys},
                          "additionalProperties": False}}
                for k, keys in repair_keys
            ]}],
    }
    d["component_rate"] = obj(
        "Overrides for one component type (docs/models/reliability.md).",
        {
            "mtbf": {"description": "Mean time between failures per instance, > 0, or `never`.",
                     "anyOf": [{"$ref": "#/$defs/duration_positive"}, {"const": "never"}]},
            "shape": number("Weibull shape, 0.1 to 20 (1 = exponential).", 0.1, 20),
            "recovery": choice("Recovery path: restart, swap (from spares) or rma (return to vendor).", ["restart", "swap", "rma"]),
            "repair": {"$ref": "#/$defs/repair_time", "description": "Repair time."},
        },
    )
    d["reliability_job"] = obj(
        "A synchronous training job: any failure among its GPUs stops it.",
        {
            "name": ref("name", "Job name, unique."),
            "site": string("Site of the job (a site of this scenario); default: the first site."),
            "gpus": {"description": "GPUs of the job, 1 to the site's GPUs, or `all` (default).",
                     "anyOf": [{"type": "integer", "minimum": 1}, {"const": "all"}]},
            "checkpoint_interval": {"description": "Checkpoint interval, > 0, or `optimal` (Young/Daly from the simulated MTBF; default).",
                                    "anyOf": [{"$ref": "#/$defs/duration_positive"}, {"const": "optimal"}]},
            "checkpoint_write": ref("duration_nonneg", "Blocking time to write a checkpoint; default 10 s (MegaScale, NSDI 2024)."),
            "restart": ref("duration_nonneg", "Time to restart from a checkpoint; default 5 min."),
            "work": ref("duration_positive", "Useful compute the job needs; gives a completion time."),
        },
        required=["name"],
    )
    d["reliability"] = obj(
        "Fleet reliability and training goodput (docs/models/reliability.md); optional.",
        {
            "horizon": ref("duration_positive", "Simulated time, > 0, at most 10 years; default 30 days."),
            "runs": integer("Monte Carlo runs, 1 to 1,000,000; default min(simulation.runs, 100).", 1, 1_000_000),
            "goodput_target": number("Goodput to size spares and crews for, in (0, 1].", None, 1, excl_min=0),
            "crews": obj("Repair crews per site.", {
                "technicians": unlimited_int("Technicians per shift, >= 1, or `unlimited`.", 1),
                "shifts_per_day": integer("Shifts per day, 1 to 3; default 3.", 1, 3, default=3),
            }),
            "spares": obj("Hot spares and the parts inventory per site.", {
                "hot_spare_racks": integer("Hot-spare racks a job swaps in, >= 0.", 0, None),
                "hot_spare_nodes": integer("Hot-spare nodes, >= 0 (rounded up to swap units).", 0, None),
                "parts_stock": unlimited_int("Parts in stock, >= 0, or `unlimited`.", 0),
                "restock_lead_time": ref("duration_positive", "Parts restock lead time; default 2 weeks."),
            }),
            "jobs": {"description": "Training jobs; at least one if given.", "type": "array", "minItems": 1,
                     "items": {"$ref": "#/$defs/reliability_job"}},
            "rates": {"description": "Per component type overrides of the default failure and repair rates.",
                      "type": "object", "propertyNames": {"enum": component_types},
                      "additionalProperties": {"$ref": "#/$defs/component_rate"}},
        },
    )
    d["demand_point"] = obj(
        "A point of a demand path: the compute wanted online from `date` on (linear between points), in GPUs or IT power; exactly one of `gpus` and `it_power`.",
        {
            "date": ref("date", "Date of the point, YYYY-MM-DD, after the previous point's, e.g. `2027-01-01`."),
            "gpus": number("GPUs wanted online, >= 0, e.g. `100000`.", minimum=0, examples=[100000]),
            "it_power": ref("power_nonneg", "IT power of the racks wanted online, >= 0, e.g. `150 MW` (converted with the buyer's first site's rack)."),
        },
        ["date"],
        oneOf=[{"required": ["gpus"]}, {"required": ["it_power"]}],
    )
    d["demand_scenario"] = obj(
        "A user-given demand scenario: a path and its probability.",
        {
            "name": ref("name", "Scenario name, e.g. `high`.", examples=["high"]),
            "probability": number("Probability, 0 to 1; the scenarios' probabilities sum to 1. E.g. `0.3`.", 0, 1, examples=[0.3]),
            "path": {"description": "The path's points, dates increasing; at least one.", "type": "array", "minItems": 1,
                     "items": {"$ref": "#/$defs/demand_point"}},
        },
        ["name", "probability", "path"],
    )
    d["technology_step"] = obj(
        "A successor rack system (docs/models/deal.md §3a): after `available` a GPU-hour of the current racks is worth `decline` less each year, e.g. `{available: 2028-01-01, decline: 0.3}`.",
        {
            "available": ref("date", "The day the successor is available, YYYY-MM-DD, e.g. `2028-01-01`."),
            "decline": number("Share of the value lost per year after `available`, 0 to < 1, e.g. `0.3`.", 0, None, excl_max=1, examples=[0.3]),
        },
        ["available", "decline"],
    )
    d["buyer_demand"] = obj(
        "A buyer's demand (docs/models/deal.md): a median path with a volatility, or scenarios with probabilities; decides the purchase options of its contracts.",
        {
            "buyer": ref("name", "Buyer name, unique, e.g. `frontier-lab`.", examples=["frontier-lab"]),
            "contracts": strings_def("Contracts (names in `contracts:`) whose purchase options this demand decides; each under one buyer, e.g. `[gb300-master-agreement]`."),
            "value": ref("gpu_hour_value_nonneg", "Value to the buyer of a GPU-hour online and wanted, >= 0, e.g. `2 USD/GPU/h`."),
            "service_life": ref("duration_positive", "How long a rack earns value once online, > 0; default 6 years (the servers' depreciation life in Microsoft's and Alphabet's filings). E.g. `5 years`."),
            "successor": {"$ref": "#/$defs/technology_step"},
            "manufacturer_margin": number("The manufacturer's gross margin on the price of the buyer's racks, -1 to < 1; default 0.14 (Super Micro Computer, 2024). E.g. `0.14`.", -1, None, excl_max=1, default=0.14, examples=[0.14]),
            "median": {"description": "The median path, dates increasing; at least one point.", "type": "array", "minItems": 1,
                       "items": {"$ref": "#/$defs/demand_point"}},
            "volatility": number("With `median`: the standard deviation of ln(demand) per square root of a year, 0 to 5, e.g. `0.3`.", 0, 5, examples=[0.3]),
            "scenarios": {"description": "User-given scenarios, probabilities summing to 1; at least one.", "type": "array", "minItems": 1,
                          "items": {"$ref": "#/$defs/demand_scenario"}},
        },
        ["buyer", "contracts", "value"],
        oneOf=[{"required": ["median", "volatility"]}, {"required": ["scenarios"]}],
    )
    d["simulation"] = obj(
        "Monte Carlo settings, e.g. `{seed: 42, runs: 1000}`.",
        {
            "seed": integer("Random seed, a whole number >= 0; default 42.", 0, None, default=42),
            "runs": integer("Monte Carlo runs, 1 to 1,000,000; default 1000.", 1, 1_000_000, default=1000),
        },
    )
    candidate_site_keys = {k: v for k, v in d["site"]["properties"].items() if k not in ("target", "grid", "gear_from")}
    d["candidate_construction"] = obj(
        "Construction phase durations of a candidate (no `start`: the optimizer chooses it).",
        {k: v for k, v in d["construction"]["properties"].items() if k != "start"},
    )
    d["incentives"] = obj(
        "What a state or utility gives a data center built there.",
        {
            "sales_tax_exemption": boolean("Data-center equipment exempt from sales tax."),
            "capex_grant": ref("money_nonneg", "Grant paid when the first phase starts, >= 0, e.g. `50 MUSD`."),
        },
    )
    candidate_keys = dict(candidate_site_keys)
    candidate_keys.update({
        "construction": {"$ref": "#/$defs/candidate_construction", "description": "Phase durations (no start)."},
        "max_it_power": ref("power_positive", "The most IT power the site may take, > 0, e.g. `1000 MW`."),
        "phase": ref("power_positive", "IT power a phase adds, > 0 and at most max_it_power, e.g. `150 MW`."),
        "earliest_start": ref("date", "First day a phase may start construction, YYYY-MM-DD; default `start`."),
        "incentives": {"$ref": "#/$defs/incentives", "description": "Incentives (optional)."},
        "power": {"$ref": "#/$defs/site_power", "description": "Power to the candidate; `interconnection.region` defaults to its `balancing_authority`."},
        "title": string("Display title, e.g. `Abilene, Taylor County, TX`."),
        "balancing_authority": choice("Balancing authority.",
                                      ["ERCOT", "PJM", "MISO", "SPP", "SERC", "TVA", "WECC", "CAISO", "NYISO", "ISO-NE"]),
        "egrid_subregion": string("EPA eGRID subregion, e.g. `ERCT`."),
        "carbon_intensity": string("Grid CO2 per energy, e.g. `820 lb/MWh`."),
        "water_stress": choice("WRI Aqueduct baseline water stress.", ["low", "low-medium", "medium-high", "high", "extremely-high"]),
        "sales_tax_exemption": boolean("Data-center equipment exempt from sales tax."),
    })
    d["candidate"] = obj("A candidate site: the keys of a site but target, grid and construction.start, plus what is open.", candidate_keys)
    d["candidates"] = obj(
        "Sites `rackscale optimize` may develop (docs/optimize.md).",
        {
            "dataset": string("Candidate dataset file, relative to this file; default: the shipped us-candidates.yaml."),
            "include": strings_def("Dataset entries by name, or `all`, e.g. `[abilene-tx, new-albany-oh]`.", {"type": "string"}),
            "defaults": {"$ref": "#/$defs/candidate", "description": "Keys every candidate takes unless it sets them."},
            "sites": {"description": "Candidates written in full, or overrides of included ones.", "type": "array",
                      "items": {"$ref": "#/$defs/candidate"}},
        },
    )
    d["capex_budget"] = obj(
        "Capex the plan may commit in one calendar year.",
        {
            "year": integer("Calendar year, e.g. `2026`.", 2000, 2200, examples=[2026]),
            "amount": ref("money_nonneg", "Budget, >= 0, e.g. `5000 MUSD`."),
        },
        ["year", "amount"],
    )
    d["optimize_target"] = obj(
        "Racks online by a date (least_cost).",
        {
            "racks": integer("Racks online, e.g. `20000`.", 1, 10000000, examples=[20000]),
            "by": ref("date", "By this date, YYYY-MM-DD, e.g. `2028-06-30`."),
        },
        ["racks", "by"],
    )
    d["optimize"] = obj(
        "Settings of `rackscale optimize` (docs/optimize.md); optional.",
        {
            "objective": choice("What the optimizer maximizes or minimizes.", ["gpu_weeks", "least_cost", "npv"], "gpu_weeks"),
            "target": {"$ref": "#/$defs/optimize_target", "description": "least_cost: racks online by a date."},
            "value_per_gpu_hour": ref("money_positive", "npv: value of a GPU-hour online, > 0, e.g. `2 USD`."),
            "discount_rate": number("npv: discount rate per year, 0 to 1; default 0.08.", 0, 1, default=0.08),
            "period": ref("duration_positive", "MILP period, 1 day to 52 weeks; default 4 weeks."),
            "capex_budget": {"description": "Capex budget per calendar year; a year not listed has no limit.", "type": "array",
                             "items": {"$ref": "#/$defs/capex_budget"}},
            "max_concurrent_phases": integer("Phases under construction at once; 0 (default): no limit.", 0, 10000, default=0),
            "carbon_cap": ref("mass_nonneg", "CO2 over the horizon, >= 0, e.g. `2000000 t`."),
            "water_cap": string("Cooling water over the horizon, e.g. `5000000 m^3`."),
            "duration_quantile": number("Durations reduced to this quantile, in (0, 1); default 0.5.", excl_min=0, excl_max=1, default=0.5),
            "top_plans": integer("Distinct plans the Monte Carlo checks, 1 to 50; default 5.", 1, 50, default=5),
            "risk_measure": choice("Quantile of GPU-weeks that ranks the checked plans.", ["p50", "p10"], "p50"),
            "time_limit": ref("duration_positive", "Solver wall-clock limit per plan; default 10 s."),
            "node_limit": integer("Solver branch-and-bound nodes per plan, reached alike on every machine; 0 (default): no limit.", 0, 1000000000, default=0),
        },
    )
    top = {
        "rackscale": {"description": "Scenario format version; must be `1`.", "const": 1},
        "catalog": strings_def("Extra catalog files (a path or a list of paths, relative to this file) added to the built-in catalog, e.g. `[my-racks.yaml]`.",
                               {"type": "string"}),
        "name": ref("name", "Scenario name, e.g. `us-gb300-buildout`.", examples=["us-gb300-buildout"]),
        "description": string("One-line description (optional), e.g. `Three US GB300 NVL72 campuses, 2026-2028`."),
        "start": ref("date", "First day of the plan, YYYY-MM-DD, e.g. `2026-01-05`; the default construction start of every site."),
        "horizon": ref("duration_positive", "Planning horizon from `start`, > 0 and at most 20 years, e.g. `156 weeks`."),
        "simulation": {"$ref": "#/$defs/simulation", "description": "Monte Carlo settings (optional)."},
        "policies": {"$ref": "#/$defs/policies", "description": "Design and allocation policies (optional)."},
        "factories": {"description": "Rack integration factories; at least one.", "type": "array", "minItems": 1,
                      "items": {"$ref": "#/$defs/factory"}},
        "suppliers": {"description": "Component suppliers (optional).", "type": "array", "items": {"$ref": "#/$defs/supplier"}},
        "contracts": {"description": "Rack purchase contracts (optional).", "type": "array", "items": {"$ref": "#/$defs/contract"}},
        "sites": {"description": "Data-center sites; at least one.", "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/site"}},
        "reliability": {"$ref": "#/$defs/reliability", "description": "Fleet reliability and goodput (optional)."},
        "demand": {"description": "Each buyer's demand, deciding the purchase options of its contracts (optional; docs/models/deal.md).",
                   "type": "array", "items": {"$ref": "#/$defs/buyer_demand"}},
        "candidates": {"$ref": "#/$defs/candidates", "description": "Candidate sites for `rackscale optimize` (optional)."},
        "optimize": {"$ref": "#/$defs/optimize", "description": "Settings of `rackscale optimize` (optional)."},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "rackscale scenario",
        "description": "A rackscale scenario file (rackscale: 1). See docs/scenario-format.md. The schema checks keys, types, "
                       "ranges, choices and quantity syntax; the loader (`rackscale validate`) also checks catalog references, "
                       "date order, non-falling grid capacity, unique names and ordered distribution parameters.",
        "type": "object",
        "required": ["rackscale", "name", "start", "horizon", "factories"],
        "anyOf": [{"required": ["sites"]}, {"required": ["candidates"]}],
        "properties": top,
        "additionalProperties": False,
        "$defs": d,
    }


# ----------------------------------------------------------------------------- catalog schema
def catalog_schema():
    d = quantity_defs()
    d["strings"] = strings_def("A string or a list of strings.")
    d["fraction_positive"] = number("A fraction, > 0 and <= 1 (or a percentage), e.g. `0.97`.", excl_min=0, maximum=1)

    def eff(desc):
        return {"$ref": "#/$defs/fraction_positive", "description": desc}

    kinds = {}
    kinds["rack_system"] = ({
        "gpu": string("GPU model, e.g. `B300`.", examples=["B300"]),
        "gpus_per_node": integer("GPUs per node (compute tray or server), 1 to 1024, e.g. `4`.", 1, 1024),
        "nodes_per_rack": integer("Nodes per rack, 1 to 1024, e.g. `18`.", 1, 1024),
        "scale_up_domain": integer("GPUs per NVLink (scale-up) domain, 1 to 100000; a multiple of gpus_per_node, e.g. `72`.", 1, 100000),
        "nvlink_switch_trays": integer("NVLink switch trays per rack, 0 to 1024, e.g. `9`.", 0, 1024),
        "cpus_per_node": integer("CPUs per node, 0 to 64, e.g. `2`.", 0, 64),
        "cooling": choice("`air` or `liquid` (direct liquid cooling).", ["air", "liquid"]),
        "liquid_fraction": number("Share of the rack's heat removed by liquid, 0 to 1 (must be 0 when cooling is air), e.g. `0.857`.", minimum=0, maximum=1),
        "power": obj("Rack power at several operating points, per rack: design, max, typical, idle, optional peak.", {
            "design": ref("power_positive", "Design (nameplate) power per rack, > 0, e.g. `136 kW`; used to size the facility."),
            "max": ref("power_positive", "Maximum AC draw per rack, > 0, >= typical, e.g. `142 kW`."),
            "typical": ref("power_positive", "Typical draw while training, > 0, between idle and max, e.g. `125 kW`."),
            "idle": ref("power_positive", "Idle draw, > 0, <= typical, e.g. `35 kW`."),
            "peak": ref("power_positive", "Short transient excursion (optional), > 0, e.g. `240 kW`."),
        }, ["design", "max", "typical", "idle"]),
        "mass": ref("mass_positive", "Rack mass, loaded, > 0, e.g. `1500 kg`."),
        "footprint": obj("Rack dimensions, each > 0: `{width: 600 mm, depth: 1200 mm, height: 2300 mm}`.", {
            "width": ref("length_positive", "Width, e.g. `600 mm`."),
            "depth": ref("length_positive", "Depth, e.g. `1200 mm`."),
            "height": ref("length_positive", "Height, e.g. `2300 mm`."),
        }, ["width", "depth", "height"]),
        "power_shelves": integer("Power shelves per rack (optional), 0 to 64, e.g. `8`.", 0, 64),
        "psus_per_shelf": integer("PSUs per power shelf (optional), 1 to 64, e.g. `6`.", 1, 64),
        "node_rack_units": integer("Rack units per node (optional), 1 to 60, e.g. `1`.", 1, 60),
        "psu_rating": ref("power_positive", "Rating of one PSU (optional), > 0, e.g. `5.5 kW`."),
        "network": obj("Network ports the rack's nodes expose.", {
            "scale_out_ports_per_gpu": integer("Back-end NICs (or NIC ports) per GPU, 0 to 16, e.g. `1`.", 0, 16),
            "scale_out_port_speed": ref("data_rate_positive", "Back-end port speed, > 0, e.g. `800 Gb/s`."),
            "frontend_ports_per_node": integer("Front-end (in-band) ports per node, 0 to 16, e.g. `2`.", 0, 16),
            "frontend_port_speed": ref("data_rate_positive", "Front-end port speed, > 0 (required even with 0 ports), e.g. `200 Gb/s`."),
            "oob_ports_per_node": integer("Out-of-band management ports per node, 0 to 16, e.g. `1`.", 0, 16),
        }, ["scale_out_ports_per_gpu", "scale_out_port_speed", "frontend_ports_per_node", "frontend_port_speed", "oob_ports_per_node"]),
    }, ["gpu", "gpus_per_node", "nodes_per_rack", "scale_up_domain", "nvlink_switch_trays", "cpus_per_node",
        "cooling", "liquid_fraction", "power", "mass", "footprint", "network"])
    roles = ["scale_out", "frontend", "oob"]
    kinds["switch"] = ({
        "fabric": choice("`infiniband` or `ethernet`.", ["infiniband", "ethernet"]),
        "roles": strings_def("Roles the switch may fill: scale_out, frontend, oob (one or a list), e.g. `[scale_out, frontend]`.",
                             {"type": "string", "enum": roles}),
        "ports": integer("Ports at native speed, 1 to 4096, e.g. `64`.", 1, 4096),
        "port_speed": ref("data_rate_positive", "Native port speed, > 0, e.g. `800 Gb/s`."),
        "breakout": obj("Optional breakout mode: `{ports: 128, port_speed: 400 Gb/s}`.", {
            "ports": integer("Ports in breakout mode, 1 to 8192, e.g. `128`.", 1, 8192),
            "port_speed": ref("data_rate_positive", "Port speed in breakout mode, > 0, e.g. `400 Gb/s`."),
        }, ["ports", "port_speed"]),
        "power": obj("Switch power without pluggable optics unless noted: `{typical: 940 W, max: 2100 W}`.", {
            "typical": ref("power_positive", "Typical power, > 0, e.g. `940 W`."),
            "max": ref("power_positive", "Maximum power, > 0, e.g. `2100 W`."),
        }, ["typical", "max"]),
        "rack_units": integer("Height in rack units, 1 to 48, e.g. `2`.", 1, 48),
    }, ["fabric", "roles", "ports", "port_speed", "power", "rack_units"])
    kinds["transceiver"] = ({
        "data_rate": ref("data_rate_positive", "Total data rate of the module, > 0, e.g. `800 Gb/s`."),
        "medium": choice("`multimode` or `singlemode` fiber.", ["multimode", "singlemode"]),
        "reach_class": choice("`in_row` or `hall`.", ["in_row", "hall"]),
        "max_reach": ref("length_positive", "Maximum link length, > 0, e.g. `50 m`."),
        "power": ref("power_nonneg", "Power per module, >= 0, e.g. `15 W`."),
        "form_factor": string("Form factor, e.g. `OSFP twin-port`.", examples=["OSFP", "QSFP112"]),
        "links": integer("Links one module serves, 1 to 8; 2 for a twin-port module. Default 1.", 1, 8, default=1),
    }, ["data_rate", "medium", "reach_class", "max_reach", "power", "form_factor"])
    kinds["cable"] = ({
        "data_rate": ref("data_rate_positive", "Data rate, > 0, e.g. `800 Gb/s`."),
        "medium": choice("`copper`, `aoc`, `multimode_fiber` or `singlemode_fiber`.", ["copper", "aoc", "multimode_fiber", "singlemode_fiber"]),
        "reach_class": choice("`in_rack`, `in_row` or `hall`.", ["in_rack", "in_row", "hall"]),
        "max_reach": ref("length_positive", "Maximum length, > 0, e.g. `3 m`."),
        "power": ref("power_nonneg", "Power of both ends together, >= 0, e.g. `0 W`."),
        "needs_transceivers": boolean("True for passive fiber that needs a transceiver at each end."),
        "links": integer("Links one cable carries, 1 to 8; 2 for a twin-port cable or a 1:2 splitter. Default 1.", 1, 8, default=1),
    }, ["data_rate", "medium", "reach_class", "max_reach", "power", "needs_transceivers"])
    kinds["transformer"] = ({
        "rating": ref("power_positive", "Rating, > 0, e.g. `100 MVA`."),
        "primary_voltage": ref("voltage_positive", "Primary voltage, > 0, e.g. `345 kV`."),
        "secondary_voltage": ref("voltage_positive", "Secondary voltage, > 0, below primary_voltage, e.g. `34.5 kV`."),
        "efficiency": eff("Efficiency at rated load, > 0 and <= 1, e.g. `0.997`."),
        "no_load_loss": ref("power_nonneg", "No-load (core) loss, >= 0, e.g. `60 kW`."),
    }, ["rating", "primary_voltage", "secondary_voltage", "efficiency", "no_load_loss"])
    kinds["switchgear"] = ({
        "voltage": ref("voltage_positive", "Voltage, > 0, e.g. `34.5 kV`."),
        "rating": ref("power_positive", "Rating, > 0, e.g. `119 MVA`."),
    }, ["voltage", "rating"])
    kinds["unit_substation"] = ({
        "rating": ref("power_positive", "Rating, > 0, e.g. `3 MVA`."),
        "primary_voltage": ref("voltage_positive", "Primary voltage, > 0, e.g. `34.5 kV`."),
        "secondary_voltage": ref("voltage_positive", "Secondary voltage, > 0, below primary_voltage, e.g. `480 V`."),
        "efficiency": eff("Efficiency at rated load, > 0 and <= 1, e.g. `0.99`."),
    }, ["rating", "primary_voltage", "secondary_voltage", "efficiency"])
    kinds["ups"] = ({
        "module_rating": ref("power_positive", "Module rating, > 0, e.g. `1250 kW`."),
        "efficiency_curve": {
            "description": "Efficiency at increasing loads, at least 2 points, e.g. `[{load: 0.25, efficiency: 0.955}, {load: 1.0, efficiency: 0.968}]`.",
            "type": "array", "minItems": 2,
            "items": obj("One point of the efficiency curve.", {
                "load": number("Load as a fraction of the rating, > 0 and <= 1.5, increasing along the curve, e.g. `0.5`.", excl_min=0, maximum=1.5),
                "efficiency": eff("Output / input at this load, > 0 and <= 1, e.g. `0.97`."),
            }, ["load", "efficiency"]),
        },
    }, ["module_rating", "efficiency_curve"])
    kinds["generator"] = ({
        "rating": ref("power_positive", "Standby rating, > 0, e.g. `3 MW`."),
        "fuel": choice("`diesel` or `natural_gas`.", ["diesel", "natural_gas"]),
    }, ["rating", "fuel"])
    kinds["battery"] = ({
        "power": ref("power_positive", "Power rating, > 0, e.g. `1.9 MW`."),
        "energy": ref("energy_positive", "Energy capacity, > 0, e.g. `3.9 MWh`."),
        "round_trip_efficiency": eff("Round-trip efficiency, > 0 and <= 1, e.g. `0.937`."),
        "technology": choice("`supercapacitor`, `short_duration_battery` or `lithium_ion`.", ["supercapacitor", "short_duration_battery", "lithium_ion"]),
        "cycle_life": number("Equivalent full cycles (energy throughput / energy) the unit lasts, >= 1; absent: not limited.", minimum=1),
    }, ["power", "energy", "round_trip_efficiency", "technology"])
    kinds["cdu"] = ({
        "capacity": ref("power_positive", "Heat capacity, > 0, e.g. `2300 kW`."),
        "placement": choice("`in_rack`, `in_row` or `facility`.", ["in_rack", "in_row", "facility"]),
        "pump_power": ref("power_nonneg", "Pump power, >= 0, e.g. `35 kW`."),
        "approach": ref("temperature_difference_positive", "Secondary supply minus facility supply temperature, > 0, e.g. `4 K`."),
    }, ["capacity", "placement", "pump_power", "approach"])
    kinds["dry_cooler"] = ({
        "capacity": ref("power_positive", "Heat rejection capacity at design, > 0, e.g. `1 MW`."),
        "fan_power": ref("power_positive", "Fan power at design, > 0, e.g. `20 kW`."),
        "approach": ref("temperature_difference_positive", "Leaving fluid minus ambient dry bulb at design, > 0, e.g. `7 K`."),
        "adiabatic": boolean("True if it has adiabatic pre-cooling pads."),
    }, ["capacity", "fan_power", "approach", "adiabatic"])
    kinds["chiller"] = ({
        "capacity": ref("power_positive", "Cooling capacity, > 0, e.g. `3.5 MW` or `1000 TR`."),
        "condenser": choice("`air` or `water` (cooling-tower) condenser.", ["air", "water"]),
        "cop": number("Coefficient of performance at rating conditions, > 0 and <= 30, e.g. `5.86`.", excl_min=0, maximum=30),
    }, ["capacity", "condenser", "cop"])
    kinds["cooling_tower"] = ({
        "capacity": ref("power_positive", "Heat rejection capacity, > 0, e.g. `4.4 MW`."),
        "fan_power": ref("power_positive", "Fan power, > 0, e.g. `200 kW`."),
        "approach": ref("temperature_difference_positive", "Leaving water minus ambient wet bulb at design, > 0, e.g. `4 K`."),
    }, ["capacity", "fan_power", "approach"])

    common = {
        "name": {"description": "Unique entry name across all catalog files: letters, digits, '.', '_' and '-', e.g. `GB300-NVL72`.",
                 "type": "string", "pattern": r"^[A-Za-z0-9._-]+$"},
        "kind": choice("What the entry is; decides which other keys it takes: " + ", ".join(kinds) + ".", list(kinds)),
        "description": string("What the entry is, in one line (optional)."),
        "vendor": string("Vendor (optional), e.g. `NVIDIA`."),
        "confidence": choice("How much the figures can be trusted: high, medium or low; default medium.", ["high", "medium", "low"], "medium"),
        "source": {"$ref": "#/$defs/strings", "description": "Where the figures come from (document, section): a string or a list of strings. An entry needs `source:` or `assumption:` (or both)."},
        "assumption": string("The assumptions behind figures without a source. An entry needs `source:` or `assumption:` (or both)."),
        "price": ref("money_nonneg", "Unit price (optional), >= 0, e.g. `3.5 MUSD`."),
        "lead_time": ref("duration_nonneg", "Typical order lead time (optional), >= 0, e.g. `35 weeks` (a plain duration, not a distribution)."),
    }
    branches = []
    for kind, (props, req) in kinds.items():
        p = {k: True for k in common}
        p.update(props)
        branches.append({
            "if": {"required": ["kind"], "properties": {"kind": {"const": kind}}},
            "then": {"required": req, "properties": p, "additionalProperties": False},
        })
    # An air-cooled rack removes no heat by liquid.
    branches.append({
        "if": {"required": ["kind", "cooling"], "properties": {"kind": {"const": "rack_system"}, "cooling": {"const": "air"}}},
        "then": {"properties": {"liquid_fraction": {"description": "Must be 0 for an air-cooled rack.", "maximum": 0}}},
    })
    d["entry"] = {
        "description": "One catalog entry: common keys (name, kind, description, vendor, confidence, source, assumption, price, lead_time) plus the keys of its kind.",
        "type": "object",
        "required": ["name", "kind"],
        "properties": common,
        "anyOf": [
            {"required": ["source"], "properties": {"source": {"not": {"type": "array", "maxItems": 0}}}},
            {"required": ["assumption"]},
        ],
        "allOf": branches,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "rackscale catalog",
        "description": "A rackscale catalog file (rackscale_catalog: 1). See docs/catalog-format.md.",
        "type": "object",
        "required": ["rackscale_catalog", "entries"],
        "properties": {
            "rackscale_catalog": {"description": "Catalog format version; must be `1`.", "const": 1},
            "entries": {"description": "The catalog entries of this file.", "type": "array", "items": {"$ref": "#/$defs/entry"}},
        },
        "additionalProperties": False,
        "$defs": d,
    }


def prune(schema):
    """Drops $defs that nothing refers to."""
    defs = schema["$defs"]
    while True:
        text = json.dumps({k: v for k, v in schema.items() if k != "$defs"}) + json.dumps(defs)
        used = set(re.findall(r'"#/\$defs/([A-Za-z0-9_]+)"', text))
        unused = [k for k in defs if k not in used]
        if not unused:
            return schema
        for k in unused:
            del defs[k]


def write(path, schema):
    prune(schema)
    with open(path, "w") as f:
        json.dump(schema, f, indent=2, ensure_ascii=False)
        f.write("\n")


write(f"{ROOT}/schema/scenario.schema.json", scenario_schema())
write(f"{ROOT}/schema/catalog.schema.json", catalog_schema())
print("written")
