#!/usr/bin/env python3
"""`design --export geojson` and `design --export netbox DIR` on a small scenario, checked from
the outside with the standard library only.

GeoJSON (RFC 7946): a FeatureCollection of Point features whose coordinates are [longitude,
latitude] (section 3.1.1), compared with the scenario's own site and factory locations.

NetBox: every CSV file's header row must be the columns listed below, and each column must be a
field of the matching NetBox import form. The form fields are copied from NetBox's own source,
netbox-community/netbox, netbox/dcim/forms/bulk_import.py (NetBox 4.x), `class Meta: fields` of
ManufacturerImportForm, DeviceRoleImportForm, SiteImportForm, LocationImportForm,
RackImportForm, DeviceTypeImportForm, DeviceImportForm, InterfaceImportForm, CableImportForm,
PowerPanelImportForm and PowerFeedImportForm. Then: every cable's two ends are interfaces that
exist on devices that exist, no interface carries two cables, every device names a device type,
role, site, location and rack that the earlier files create, every rack and power feed its hall.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys

# NetBox import form fields (Meta.fields), as in bulk_import.py.
NETBOX_FORM_FIELDS = {
    "manufacturers": ["name", "slug", "description", "tags"],
    "device-roles": ["name", "slug", "color", "vm_role", "config_template", "description",
                     "tags"],
    "sites": ["name", "slug", "status", "region", "group", "tenant", "facility", "time_zone",
              "description", "physical_address", "shipping_address", "latitude", "longitude",
              "comments", "tags"],
    "locations": ["site", "parent", "name", "slug", "status", "tenant", "facility",
                  "description", "tags"],
    "racks": ["site", "location", "name", "facility_id", "tenant", "status", "role",
              "form_factor", "serial", "asset_tag", "width", "u_height", "desc_units",
              "outer_width", "outer_depth", "outer_unit", "mounting_depth", "airflow", "weight",
              "max_weight", "weight_unit", "description", "comments", "tags"],
    "device-types": ["manufacturer", "default_platform", "model", "slug", "part_number",
                     "u_height", "exclude_from_utilization", "is_full_depth", "subdevice_role",
                     "airflow", "description", "weight", "weight_unit", "comments", "tags"],
    "devices": ["name", "role", "tenant", "manufacturer", "device_type", "platform", "serial",
                "asset_tag", "status", "site", "location", "rack", "position", "face",
                "latitude", "longitude", "parent", "device_bay", "airflow", "virtual_chassis",
                "vc_position", "vc_priority", "cluster", "description", "config_template",
                "comments", "tags"],
    "interfaces": ["device", "name", "label", "parent", "bridge", "lag", "type", "speed",
                   "duplex", "enabled", "mark_connected", "wwn", "vdcs", "mtu", "mgmt_only",
                   "description", "poe_mode", "poe_type", "mode", "vrf", "rf_role",
                   "rf_channel", "rf_channel_frequency", "rf_channel_width", "tx_power", "tags"],
    "cables": ["side_a_device", "side_a_type", "side_a_name", "side_b_device", "side_b_type",
               "side_b_name", "type", "status", "tenant", "label", "color", "length",
               "length_unit", "description", "comments", "tags"],
    "power-panels": ["site", "location", "name", "description", "comments", "tags"],
    "power-feeds": ["site", "power_panel", "location", "rack", "name", "status", "type",
                    "mark_connected", "supply", "phase", "voltage", "amperage",
                    "max_utilization", "tenant", "description", "comments", "tags"],
}

# The columns rackscale writes, file by file, in import order (docs/report.md, "Exports").
WRITTEN = {
    "manufacturers": ["name", "slug", "description"],
    "device-roles": ["name", "slug", "color", "description"],
    "sites": ["name", "slug", "status", "facility", "description", "latitude", "longitude"],
    "locations": ["site", "name", "slug", "status", "description"],
    "racks": ["site", "location", "name", "status", "width", "u_height", "description"],
    "device-types": ["manufacturer", "model", "slug", "u_height", "is_full_depth",
                     "description"],
    "devices": ["name", "role", "manufacturer", "device_type", "status", "site", "location",
                "rack", "description"],
    "interfaces": ["device", "name", "type", "speed", "description"],
    "cables": ["side_a_device", "side_a_type", "side_a_name", "side_b_device", "side_b_type",
               "side_b_name", "type", "status", "length", "length_unit", "description"],
    "power-panels": ["site", "location", "name", "description"],
    "power-feeds": ["site", "power_panel", "location", "rack", "name", "status", "type",
                    "supply", "phase", "voltage", "amperage", "max_utilization", "description"],
}

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)


def read_csv(folder, index, name):
    path = os.path.join(folder, f"netbox-{index:02d}-{name}.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def check_geojson(path, scenario):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    check(doc.get("type") == "FeatureCollection", "geojson: not a FeatureCollection")
    features = doc.get("features", [])
    by_name = {f["properties"]["name"]: f for f in features}
    for kind, where in (("site", scenario["site"]), ("factory", scenario["factory"])):
        name, lat, lon = where
        f = by_name.get(name)
        check(f is not None, f"geojson: no feature for {kind} {name}")
        if f is None:
            continue
        check(f["type"] == "Feature", f"geojson: {name} is not a Feature")
        check(f["geometry"]["type"] == "Point", f"geojson: {name} is not a Point")
        check(f["geometry"]["coordinates"] == [lon, lat],
              f"geojson: {name} coordinates {f['geometry']['coordinates']} != [lon, lat] "
              f"[{lon}, {lat}]")
        check(f["properties"]["kind"] == kind, f"geojson: {name} kind")
    site = by_name.get(scenario["site"][0])
    if site:
        p = site["properties"]
        racks = scenario["racks"]
        check(p["rack_count"] == racks, f"geojson: rack_count {p['rack_count']} != {racks}")
        check(p["gpu_count"] == racks * scenario["gpus_per_rack"], "geojson: gpu_count")
        for key in ("it_power_mw", "pue", "capex_musd"):
            check(isinstance(p.get(key), (int, float)) and p[key] > 0, f"geojson: {key}")


def check_netbox(folder, scenario):
    names = ["manufacturers", "device-roles", "sites", "locations", "racks", "device-types",
             "devices", "interfaces", "cables", "power-panels", "power-feeds"]
    table = {}
    for i, name in enumerate(names, start=1):
        header, rows = read_csv(folder, i, name)
        check(header == WRITTEN[name], f"netbox {name}: header {header} != {WRITTEN[name]}")
        unknown = [c for c in header if c not in NETBOX_FORM_FIELDS[name]]
        check(not unknown, f"netbox {name}: columns {unknown} are not NetBox import fields")
        table[name] = rows
    manufacturers = {r["name"] for r in table["manufacturers"]}
    roles = {r["name"] for r in table["device-roles"]}
    sites = {r["name"] for r in table["sites"]}
    locations = {(r["site"], r["name"]) for r in table["locations"]}
    racks = {r["name"] for r in table["racks"]}
    types = {(r["manufacturer"], r["model"]) for r in table["device-types"]}
    check(len(racks) == scenario["racks"], f"netbox: {len(racks)} racks != {scenario['racks']}")
    for r in table["racks"]:
        check((r["site"], r["location"]) in locations, f"netbox rack {r['name']}: no location")
    for t in types:
        check(t[0] in manufacturers, f"netbox device type {t}: no manufacturer")
    devices = {}
    for d in table["devices"]:
        check(d["name"] not in devices, f"netbox device {d['name']} twice")
        devices[d["name"]] = d
        check(d["role"] in roles, f"netbox device {d['name']}: role {d['role']}")
        check((d["manufacturer"], d["device_type"]) in types, f"netbox device {d['name']}: type")
        check(d["site"] in sites and (d["site"], d["location"]) in locations,
              f"netbox device {d['name']}: site or location")
        check(d["rack"] == "" or d["rack"] in racks, f"netbox device {d['name']}: rack")
    interfaces = set()
    for i in table["interfaces"]:
        check(i["device"] in devices, f"netbox interface {i}: no device")
        check((i["device"], i["name"]) not in interfaces, f"netbox interface {i} twice")
        interfaces.add((i["device"], i["name"]))
    used = set()
    for c in table["cables"]:
        for side in ("a", "b"):
            end = (c[f"side_{side}_device"], c[f"side_{side}_name"])
            check(c[f"side_{side}_type"] == "dcim.interface", f"netbox cable {c}: end type")
            check(end[0] in devices, f"netbox cable end {end}: no such device")
            check(end in interfaces, f"netbox cable end {end}: no such interface")
            check(end not in used, f"netbox cable end {end}: two cables")
            used.add(end)
    check(len(table["cables"]) == scenario["backend_links"],
          f"netbox: {len(table['cables'])} cables != {scenario['backend_links']} back-end links")
    panels = {(r["site"], r["name"]) for r in table["power-panels"]}
    for f in table["power-feeds"]:
        check((f["site"], f["power_panel"]) in panels, f"netbox feed {f['name']}: no panel")
        check(f["rack"] in racks, f"netbox feed {f['name']}: no rack")
    check(len(table["power-feeds"]) == scenario["racks"], "netbox: one feed per rack")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rackscale", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    scenario_path = os.path.join(args.root, "tests/regression/superpod-h100-1su/scenario.yaml")
    out = os.path.join(args.work, "design")
    netbox = os.path.join(args.work, "netbox")
    subprocess.run([args.rackscale, "design", scenario_path, "-o", out, "-q", "--export",
                    "geojson", "--export", "netbox", netbox], check=True,
                   stdout=subprocess.DEVNULL)
    # Expected figures from the scenario file itself (tests/regression/superpod-h100-1su): 8
    # racks of 4 DGX H100 (8 GPUs each); one SuperPOD SU has 32 x 8 = 256 GPU-to-leaf links and
    # 8 leaves x 32 uplinks = 256 leaf-to-spine links (NVIDIA RA-11333-001, Table 4).
    scenario = {
        "site": ("su1", 39.04, -77.49),
        "factory": ("oem", 37.34, -121.89),
        "racks": 8,
        "gpus_per_rack": 32,
        "backend_links": 512,
    }
    check_geojson(os.path.join(out, "sites.geojson"), scenario)
    check_netbox(netbox, scenario)
    for failure in FAILURES:
        print("FAIL:", failure)
    print(f"exports: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
