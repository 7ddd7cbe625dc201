#!/usr/bin/env python3
"""Checks the JSON Schemas in schema/ against the repository's YAML files.

    python3 tests/schema/check_examples.py [--root REPOSITORY]   # default: two levels up

1. Both schemas are valid Draft 2020-12 schemas.
2. Every examples/*.yaml and tests/schema/*.yaml validates against schema/scenario.schema.json
   and every catalog/*.yaml against schema/catalog.schema.json.
3. Deliberately bad variants of the flagship scenario (and of a catalog entry) are rejected, and a
   few unusual but valid variants are accepted, so the schema is neither too loose nor too strict.
4. The catalog names the schemas offer as completions exist in the built-in catalog.

Prints one line per check and a final `N passed, M failed`; exits 1 on any failure.

Needs PyYAML and jsonschema (Debian: python3-yaml, python3-jsonschema). If the python3 running
this lacks them, the script re-runs itself with /usr/bin/python3.
"""

import os
import sys

try:
    import jsonschema
    import yaml
except ImportError:
    SYSTEM_PYTHON = "/usr/bin/python3"
    if (os.path.exists(SYSTEM_PYTHON) and os.environ.get("RACKSCALE_SCHEMA_REEXEC") != "1"
            and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON)):
        os.environ["RACKSCALE_SCHEMA_REEXEC"] = "1"
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    sys.stderr.write("check_examples.py needs PyYAML and jsonschema "
                     "(Debian: apt-get install python3-yaml python3-jsonschema)\n")
    sys.exit(1)

import argparse
import copy
import datetime
import glob
import json
import re

from jsonschema import Draft202012Validator


# --------------------------------------------------------------------------------- YAML loading
class Loader(yaml.SafeLoader):
    """Reads YAML the way the rackscale loader (yaml-cpp, strict scalars) sees it.

    PyYAML follows YAML 1.1: it turns 2026-01-05 into a date (and accepts 2026-1-5), `yes`/`on`/
    `True` into booleans and 0x10 or 1_000 into integers, none of which the rackscale loader
    accepts. Here only `true`/`false` are booleans, only plain decimal numbers are numbers, and
    dates stay strings exactly as written. Duplicate keys are an error (the loader rejects them;
    a JSON Schema cannot see them).
    """

    yaml_implicit_resolvers = {}


Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?[0-9]+$"), list("-0123456789"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789."))
Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                             ["~", "n", "N", ""])


class DuplicateKey(Exception):
    pass


def _construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise DuplicateKey(f"duplicate key {key!r} at line {key_node.start_mark.line + 1} "
                               f"(first at line {seen[key] + 1})")
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


Loader.add_constructor("tag:yaml.org,2002:map", lambda l, n: dict(_construct_mapping(l, n, deep=True)))


def to_json(value):
    """Turns loaded YAML into JSON-compatible data (dates to ISO strings, keys to strings)."""
    if isinstance(value, dict):
        return {(k if isinstance(k, str) else json.dumps(to_json(k))): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return to_json(yaml.load(f, Loader=Loader))


# --------------------------------------------------------------------------------- reporting
class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, what):
        self.passed += 1
        print(f"PASS  {what}")

    def fail(self, what, details=()):
        self.failed += 1
        print(f"FAIL  {what}")
        for d in details:
            print(f"        {d}")


def error_lines(validator, doc, limit=5):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    lines = []
    for e in errors[:limit]:
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path).lstrip(".")
        message = e.message if len(e.message) < 200 else e.message[:200] + "..."
        lines.append(f"{path or '(top)'}: {message}")
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    return lines


def check_file(report, validator, path, root):
    rel = os.path.relpath(path, root)
    try:
        doc = load_yaml(path)
    except (yaml.YAMLError, DuplicateKey) as e:
        report.fail(f"{rel}: cannot read", [str(e).replace("\n", " ")])
        return
    lines = error_lines(validator, doc)
    if lines:
        report.fail(f"{rel}: does not match the schema", lines)
    else:
        report.ok(f"{rel}: valid")


# --------------------------------------------------------------------------------- mutations
def site(doc, i=0):
    return doc["sites"][i]


def set_path(doc, path, value):
    """Sets doc[a][b]... = value for a path like 'sites.0.target'."""
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    node = doc
    for k in keys[:-1]:
        node = node[k]
    node[keys[-1]] = value


def del_path(doc, path):
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    node = doc
    for k in keys[:-1]:
        node = node[k]
    del node[keys[-1]]


def scenario_mutations():
    """(label, mutate, should_be_valid) for the flagship scenario."""
    S = set_path
    D = del_path
    bad = [
        ("unknown top-level key", lambda d: S(d, "horizn", "156 weeks")),
        ("unknown key in sites[0].crews", lambda d: S(d, "sites.0.crews.install_rat", "1 racks/week")),
        ("unknown key in policies.power", lambda d: S(d, "policies.power.ups_coverage", "full")),
        ("unknown key in a grid step", lambda d: S(d, "sites.0.grid.0.note", "first step")),
        ("missing required key: start", lambda d: D(d, "start")),
        ("missing required key: sites[0].tariff", lambda d: D(d, "sites.0.tariff")),
        ("missing required key: factories[0].ramp", lambda d: D(d, "factories.0.ramp")),
        ("missing required key: suppliers[0].lead_time", lambda d: D(d, "suppliers.0.lead_time")),
        ("bad enum: policies.power.ups: half", lambda d: S(d, "policies.power.ups", "half")),
        ("bad enum: policies.cooling.ashrae_class: W99", lambda d: S(d, "policies.cooling.ashrae_class", "W99")),
        ("bad enum: transformer_redundancy: 2N+1", lambda d: S(d, "policies.power.transformer_redundancy", "2N+1")),
        ("bad enum: allocation.rule: random", lambda d: S(d, "policies.allocation.rule", "random")),
        ("bad date: start: 2026-13-01", lambda d: S(d, "start", "2026-13-01")),
        ("bad date: grid date 2026-6-1", lambda d: S(d, "sites.0.grid.0.date", "2026-6-1")),
        ("bad date: deliver_by 2026-02-30", lambda d: S(d, "contracts.0.firm.0.deliver_by", "2026-02-30")),
        ("bad date: construction start 'next spring'", lambda d: S(d, "sites.0.construction.start", "next spring")),
        ("target with two keys", lambda d: S(d, "sites.0.target", {"racks": 3000, "gpus": 100000})),
        ("target with no key", lambda d: S(d, "sites.0.target", {})),
        ("climate with both epw and parametric",
         lambda d: S(d, "sites.0.climate.epw", "weather/abilene.epw")),
        ("climate with neither epw nor parametric", lambda d: S(d, "sites.0.climate", {})),
        ("dist uniform with a mode",
         lambda d: S(d, "sites.0.construction.commissioning",
                     {"dist": "uniform", "min": "3 weeks", "mode": "4 weeks", "max": "5 weeks"})),
        ("dist triangular without a mode",
         lambda d: S(d, "sites.0.construction.shell", {"dist": "triangular", "min": "20 weeks", "max": "34 weeks"})),
        ("dist lognormal with min/max",
         lambda d: S(d, "suppliers.1.lead_time", {"dist": "lognormal", "min": "10 weeks", "max": "26 weeks"})),
        ("dist fixed with min", lambda d: S(d, "sites.0.construction.permitting", {"dist": "fixed", "min": "4 weeks"})),
        ("dist normal (unknown)",
         lambda d: S(d, "sites.0.construction.permitting", {"dist": "normal", "median": "4 weeks", "p90": "6 weeks"})),
        ("distribution without dist", lambda d: S(d, "sites.0.construction.permitting", {"value": "4 weeks"})),
        ("lognormal median 0", lambda d: S(d, "suppliers.1.lead_time", {"dist": "lognormal", "median": 0, "p90": "26 weeks"})),
        ("bare non-zero quantity: tariff: 66", lambda d: S(d, "sites.0.tariff", 66)),
        ("bare non-zero quantity: horizon: '156'", lambda d: S(d, "horizon", "156")),
        ("wrong unit family: tariff: 66 MW", lambda d: S(d, "sites.0.tariff", "66 MW")),
        ("wrong unit family: grid capacity 200 MWh", lambda d: S(d, "sites.0.grid.0.capacity", "200 MWh")),
        ("unknown unit: burn_in: 48 H", lambda d: S(d, "factories.0.burn_in", "48 H")),
        ("spaces inside a unit: 66 USD / MWh", lambda d: S(d, "sites.0.tariff", "66 USD / MWh")),
        ("zero where > 0 is required: grid capacity 0 MW", lambda d: S(d, "sites.0.grid.0.capacity", "0 MW")),
        ("zero horizon", lambda d: S(d, "horizon", 0)),
        ("negative duration: rework -1 days", lambda d: S(d, "factories.0.rework", "-1 days")),
        ("temperature without unit: annual_mean 18.5", lambda d: S(d, "sites.0.climate.parametric.annual_mean", 18.5)),
        ("temperature as bare 0", lambda d: S(d, "sites.0.climate.parametric.annual_mean", 0)),
        ("latitude out of range: 95", lambda d: S(d, "sites.0.location.latitude", 95)),
        ("first_pass_yield out of range: 1.5", lambda d: S(d, "factories.0.first_pass_yield", 1.5)),
        ("first_pass_yield 0 (must be > 0)", lambda d: S(d, "factories.0.first_pass_yield", 0)),
        ("relative_humidity as text", lambda d: S(d, "sites.0.climate.parametric.relative_humidity", "humid")),
        ("simulation.runs: 0", lambda d: S(d, "simulation.runs", 0)),
        ("simulation.seed: -1", lambda d: S(d, "simulation.seed", -1)),
        ("fabric.planes: 17", lambda d: S(d, "policies.fabric.planes", 17)),
        ("factory lines as a fraction: 2.5", lambda d: S(d, "factories.0.lines", 2.5)),
        ("oversubscription below 1", lambda d: S(d, "policies.fabric.oversubscription", [0.5])),
        ("oversubscription with 3 values", lambda d: S(d, "policies.fabric.oversubscription", [1, 1, 1])),
        ("oversubscription empty", lambda d: S(d, "policies.fabric.oversubscription", [])),
        ("boolean as text: rail_optimized: yes", lambda d: S(d, "policies.fabric.rail_optimized", "yes")),
        ("contract without firm orders or options",
         lambda d: (D(d, "contracts.0.firm"), D(d, "contracts.0.options"))),
        ("contract with empty firm and options lists",
         lambda d: (S(d, "contracts.0.firm", []), S(d, "contracts.0.options", []))),
        ("empty sites list", lambda d: S(d, "sites", [])),
        ("empty factories list", lambda d: S(d, "factories", [])),
        ("empty grid list", lambda d: S(d, "sites.0.grid", [])),
        ("empty name", lambda d: S(d, "name", "")),
        ("rackscale: 2", lambda d: S(d, "rackscale", 2)),
        ("sites is a map, not a list", lambda d: S(d, "sites", {"abilene-tx": d["sites"][0]})),
        ("test_cell without duration", lambda d: D(d, "factories.0.test_cell.duration")),
    ]
    good = [
        ("bare 0 for a duration that may be zero (burn_in: 0)", lambda d: S(d, "factories.0.burn_in", 0)),
        ("bare '0.0' string for max_grid_step", lambda d: S(d, "policies.power.max_grid_step", "0.0")),
        ("percent for a plain number (first_pass_yield: 92 %)", lambda d: S(d, "factories.0.first_pass_yield", "92 %")),
        ("no space between number and unit (48h)", lambda d: S(d, "factories.0.burn_in", "48h")),
        ("exponent and other units (1.2e2 hours, 6.6 cUSD/kWh)",
         lambda d: (S(d, "factories.0.burn_in", "1.2e2 hours"), S(d, "sites.0.tariff", "6.6 cUSD/kWh"))),
        ("VA and TR as power (capacity 200 MVA, 130000 TR)",
         lambda d: (S(d, "sites.0.grid.0.capacity", "200 MVA"), S(d, "sites.0.grid.1.capacity", "130000 TR"))),
        ("temperatures in F and differences in C",
         lambda d: (S(d, "sites.0.climate.parametric.annual_mean", "65 F"),
                    S(d, "sites.0.climate.parametric.seasonal_amplitude", "10 C"))),
        ("epw climate instead of parametric", lambda d: S(d, "sites.0.climate", {"epw": "weather/abilene.epw"})),
        ("target given as it_power", lambda d: S(d, "sites.0.target", {"it_power": "400 MW"})),
        ("plain string and fixed distributions",
         lambda d: (S(d, "sites.0.construction.shell", "24 weeks"),
                    S(d, "sites.0.construction.fit_out", {"dist": "fixed", "value": "16 weeks"}))),
        ("single string instead of a list (products, order, catalog)",
         lambda d: (S(d, "factories.0.products", "GB300-NVL72"), S(d, "policies.allocation.order", "abilene-tx"),
                    S(d, "catalog", "extra.yaml"))),
        ("optional sections left out (simulation, policies, suppliers, construction.start)",
         lambda d: (D(d, "simulation"), D(d, "policies"), D(d, "suppliers"), D(d, "sites.0.construction.start"))),
        ("contract with options only", lambda d: D(d, "contracts.0.firm")),
    ]
    return [(label, f, False) for label, f in bad] + [(label, f, True) for label, f in good]


def catalog_mutations():
    """(label, mutate, should_be_valid) for a catalog file holding one rack system and one CDU."""
    S = set_path
    D = del_path
    bad = [
        ("entry without source or assumption", lambda d: (D(d, "entries.0.source"), D(d, "entries.0.assumption"))),
        ("entry with an empty source list and no assumption",
         lambda d: (S(d, "entries.0.source", []), D(d, "entries.0.assumption"))),
        ("unknown kind", lambda d: S(d, "entries.1.kind", "pump")),
        ("key of another kind (cdu with fan_power)", lambda d: S(d, "entries.1.fan_power", "20 kW")),
        ("missing kind key (cdu without approach)", lambda d: D(d, "entries.1.approach")),
        ("bad name characters", lambda d: S(d, "entries.0.name", "GB300 NVL72")),
        ("air-cooled rack with liquid_fraction 0.5",
         lambda d: (S(d, "entries.0.cooling", "air"), S(d, "entries.0.liquid_fraction", 0.5))),
        ("bad enum: cdu placement on_roof", lambda d: S(d, "entries.1.placement", "on_roof")),
        ("rack power as a bare number", lambda d: S(d, "entries.0.power.design", 136)),
        ("unknown key in rack footprint", lambda d: S(d, "entries.0.footprint.weight", "10 kg")),
        ("gpus_per_node 0", lambda d: S(d, "entries.0.gpus_per_node", 0)),
        ("lead_time as a distribution", lambda d: S(d, "entries.1.lead_time", {"dist": "fixed", "value": "4 weeks"})),
        ("unknown top-level key", lambda d: S(d, "version", 1)),
        ("rackscale_catalog: 2", lambda d: S(d, "rackscale_catalog", 2)),
    ]
    good = [
        ("assumption only, no source", lambda d: D(d, "entries.1.source")),
        ("source only, no assumption", lambda d: D(d, "entries.1.assumption")),
        ("price, lead_time and vendor on an entry",
         lambda d: (S(d, "entries.1.price", "50 kUSD"), S(d, "entries.1.lead_time", "20 weeks"),
                    S(d, "entries.1.vendor", "Vertiv"))),
    ]
    return [(label, f, False) for label, f in bad] + [(label, f, True) for label, f in good]


def run_mutations(report, validator, base, mutations, what):
    for label, mutate, should_be_valid in mutations:
        doc = copy.deepcopy(base)
        try:
            mutate(doc)
        except (KeyError, IndexError, TypeError) as e:
            report.fail(f"{what}: {label}: the mutation does not apply ({e!r})")
            continue
        lines = error_lines(validator, doc, limit=3)
        if should_be_valid:
            if lines:
                report.fail(f"{what}: accepts {label}", ["schema rejected it:"] + lines)
            else:
                report.ok(f"{what}: accepts {label}")
        else:
            if lines:
                report.ok(f"{what}: rejects {label}")
            else:
                report.fail(f"{what}: rejects {label}", ["schema accepted it"])


def check_ref_examples(report, schema, catalog_docs):
    """Every catalog name a `<kind>_ref` definition offers for completion exists with that kind."""
    kinds = {}
    for doc in catalog_docs:
        for e in doc.get("entries", []) if isinstance(doc, dict) else []:
            if isinstance(e, dict):
                kinds[e.get("name")] = e.get("kind")
    for name, d in sorted(schema.get("$defs", {}).items()):
        if not name.endswith("_ref"):
            continue
        kind = name[: -len("_ref")]
        wrong = [x for x in d.get("examples", []) if kinds.get(x) != kind]
        missing = [e for e, k in kinds.items() if k == kind and e not in d.get("examples", [])]
        if wrong:
            report.fail(f"schema/scenario.schema.json $defs/{name}: examples name catalog entries that are "
                        f"not of kind {kind}", [", ".join(map(str, wrong))])
        else:
            report.ok(f"schema/scenario.schema.json $defs/{name}: examples name {kind} entries of the catalog")
        if missing:
            # Not an error: the list only drives editor completion. Regenerate it when convenient.
            print(f"NOTE  schema/scenario.schema.json $defs/{name}: catalog {kind} entries not offered "
                  f"for completion: {', '.join(missing)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."),
                        help="repository root (default: two levels above this script)")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    report = Report()

    validators = {}
    for name in ("scenario", "catalog"):
        path = os.path.join(root, "schema", f"{name}.schema.json")
        rel = os.path.relpath(path, root)
        try:
            with open(path, encoding="utf-8") as f:
                schema = json.load(f)
            Draft202012Validator.check_schema(schema)
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
            report.fail(f"{rel}: not a valid Draft 2020-12 schema", [str(e).splitlines()[0]])
            continue
        validators[name] = Draft202012Validator(schema)
        report.ok(f"{rel}: valid Draft 2020-12 schema")

    examples = sorted(glob.glob(os.path.join(root, "examples", "*.yaml")) +
                      glob.glob(os.path.join(root, "tests", "schema", "*.yaml")))
    catalogs = sorted(glob.glob(os.path.join(root, "catalog", "*.yaml")))
    if not examples:
        report.fail("examples/*.yaml: no files found")
    if not catalogs:
        report.fail("catalog/*.yaml: no files found")

    if "scenario" in validators:
        for path in examples:
            check_file(report, validators["scenario"], path, root)
    if "catalog" in validators:
        for path in catalogs:
            check_file(report, validators["catalog"], path, root)

    flagship = os.path.join(root, "examples", "flagship.yaml")
    if "scenario" in validators:
        if os.path.exists(flagship):
            run_mutations(report, validators["scenario"], load_yaml(flagship), scenario_mutations(), "scenario")
        else:
            report.fail("examples/flagship.yaml: missing, cannot build the bad snippets")
    if "catalog" in validators:
        entries = {}
        for path in catalogs:
            try:
                for e in load_yaml(path).get("entries", []):
                    entries[e.get("name")] = e
            except (yaml.YAMLError, DuplicateKey, AttributeError):
                pass
        if "GB300-NVL72" in entries and "CDU-InRow-2300kW" in entries:
            base = {"rackscale_catalog": 1,
                    "entries": [copy.deepcopy(entries["GB300-NVL72"]), copy.deepcopy(entries["CDU-InRow-2300kW"])]}
            run_mutations(report, validators["catalog"], base, catalog_mutations(), "catalog")
        else:
            report.fail("catalog: GB300-NVL72 or CDU-InRow-2300kW missing, cannot build the bad snippets")

    if "scenario" in validators:
        docs = []
        for path in catalogs:
            try:
                docs.append(load_yaml(path))
            except (yaml.YAMLError, DuplicateKey):
                pass
        check_ref_examples(report, validators["scenario"].schema, docs)

    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
