#!/usr/bin/env python3
"""Sends 1,000 malformed requests to `rackscale serve` on loopback and checks that each gets a 4xx
with a JSON message, that the server stays up and answers a good request afterwards, and that no
file outside the output folder changes. Then the good paths: a re-plan changes the milestones,
the downloaded YAML plans to the same milestones with the CLI, save writes only into the output
folder, and the rate limit answers 429. Prints the latency of re-plans of 1,000 runs (a figure,
not checked: the machine may be shared).

    serve_requests_test.py --rackscale BIN --root REPO [--count 1000] [--seed 17]

Prints one line per check and `N passed, M failed` last; exits 1 if a check failed.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden_common import Results  # noqa: E402
from serve.serve_process import Server, snapshot  # noqa: E402

GRID_DATE = "sites[richland-la].grid[0].date"
RUNS = 200  # of the test's re-plans
LATER = "2027-09-01"  # Richland's first grid step eight months late (its second: 2027-10-04)


def bad_json(rng):
    return rng.choice([
        b"", b"{", b"}", b"[1, 2", b"{\"runs\": }", b"{'runs': 1}", b"nul", b"\xff\xfe\x00",
        b"{\"runs\": 1,}", b"{\"overrides\": {\"a\": \"b\"}", b"NaN", b"[" * 5000,
        bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))),
        b"{\"runs\": 1" + b" " * rng.randrange(1000),
    ])


def wrong_types(rng):
    value = rng.choice([True, None, [], {}, [1], {"a": 1}, 1.5e300])
    return rng.choice([
        [1, 2], "text", 42, None, True,
        {"runs": "1000"}, {"runs": -1}, {"runs": 0}, {"runs": 10 ** 12}, {"runs": 1.5},
        {"runs": None}, {"overrides": []}, {"overrides": "sites[0].grid[0].date=2027-01-01"},
        {"overrides": {GRID_DATE: value}}, {"unknown": 1}, {"overrides": {}, "extra": True},
        {"overrides": {f"sites[{i}].grid[0].date": "2027-01-01" for i in range(300)}},
        {"overrides": {GRID_DATE: "x" * 5000}}, {"overrides": {"": "1"}},
        {"overrides": {GRID_DATE + "=1": "1"}}, {"overrides": {GRID_DATE: "2027-01-01\nx: 1"}},
    ])


def refused_overrides(rng):
    return {"overrides": rng.choice([
        {"catalog": "/etc/passwd"}, {"catalog[0]": "../../etc/passwd"},
        {"sites[abilene-tx].climate.epw": "/etc/passwd"},
        {"sites[0].climate": "{epw: ../../../etc/passwd}"},
        {"sites[0].climate": "{parametric: {epw: /etc/shadow}}"},
        {"start": "2020-01-01"}, {"horizon": "9999 weeks"}, {"simulation.runs": "1000000"},
        {"reliability.runs": "1"}, {"rackscale": "2"}, {"../../etc/passwd": "1"},
        {"sites[0].grid[0].date": "&a [*a, *a]"},
    ])}


def invalid_values(rng):
    # Loaded by the server: each must come back 422 with a diagnostic.
    return {"overrides": rng.choice([
        {GRID_DATE: "2027-02-30"}, {GRID_DATE: "not a date"}, {GRID_DATE: "[1, 2"},
        {"sites[abilene-tx].grid[0].capacity": "300"},
        {"sites[abilene-tx].grid[0].capacity": "-5 MW"},
        {"sites[abilene-tx].crews.install_rate": "lots"},
        {"sites[nowhere].grid[0].date": "2027-01-01"},
        {"sites[abilene-tx].grid[99].date": "2027-01-01"},
        {"factories[houston-integration].ramp[0].rate": "-1 racks/week"},
        {"contracts[0].options[0].racks": "many"}, {"sites[abilene-tx].nosuchkey": "1"},
    ]), "runs": RUNS}


PATHS = ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
         "//etc/passwd", "/api/../../../etc/passwd", "/api/plan/../../x", "/index.html",
         "/api", "/api/", "/api/bases", "/api/plan/", "/%00", "/etc/passwd", "/api/save/..",
         "/.%2e/.%2e/examples/flagship.yaml", "/flagship.yaml", "/api/scenario.yaml/../save",
         "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/\\..\\..\\windows\\win.ini"]


def make_cases(rng, count, server):
    """(name, thunk returning (status, headers, body), expected statuses)."""
    cases = []
    good = {"overrides": {}, "runs": RUNS}
    kinds = ["bad_json", "wrong_types", "refused", "invalid", "path", "method", "token",
             "content_type", "host", "raw", "huge"]
    weights = [20, 20, 10, 3, 12, 10, 10, 5, 4, 5, 1]
    for i in range(count):
        kind = rng.choices(kinds, weights)[0]
        if kind == "wrong_types":
            body = json.dumps(wrong_types(rng)).encode()
            path = rng.choice(["/api/plan", "/api/scenario.yaml", "/api/report.html", "/api/save"])
            cases.append((kind, lambda b=body, p=path: server.request("POST", p, b), {400, 422}))
        elif kind == "bad_json":
            body = bad_json(rng)
            cases.append((kind, lambda b=body: server.request("POST", "/api/plan", b), {400}))
        elif kind == "refused":
            body = refused_overrides(rng)
            cases.append((kind, lambda b=body: server.request("POST", "/api/plan", b), {422}))
        elif kind == "invalid":
            body = invalid_values(rng)
            path = rng.choice(["/api/plan", "/api/scenario.yaml", "/api/save"])
            cases.append((kind, lambda b=body, p=path: server.request("POST", p, b), {422}))
        elif kind == "path":
            path = rng.choice(PATHS)
            method = rng.choice(["GET", "POST"])
            cases.append((kind, lambda p=path, m=method: server.request(m, p, good), {400, 404}))
        elif kind == "method":
            method, path = rng.choice([("PUT", "/api/plan"), ("DELETE", "/api/plan"),
                                       ("PATCH", "/api/base"), ("OPTIONS", "/"),
                                       ("GET", "/api/plan"), ("POST", "/"), ("POST", "/api/base"),
                                       ("GET", "/api/save"), ("FOO", "/"), ("TRACE", "/api/base")])
            cases.append((kind, lambda m=method, p=path: server.request(m, p, good),
                          {400, 405}))
        elif kind == "token":
            token = rng.choice([None, "", "0" * 32, server.token[:-1] + "x", server.token + "0",
                                server.token.upper() if server.token.upper() != server.token
                                else "A" * 32])
            headers = {} if token is None else {"X-Rackscale-Token": token}
            path = rng.choice(["/", "/api/base", f"/?token={token or ''}"])
            cases.append((kind, lambda h=headers, p=path: server.request("GET", p, headers=h,
                                                                        token=False), {403}))
        elif kind == "content_type":
            ctype = rng.choice(["text/plain", "application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x", "application/jso"])
            cases.append((kind, lambda c=ctype: server.request("POST", "/api/plan", good,
                                                               content_type=c), {415}))
        elif kind == "host":
            host = rng.choice(["evil.example", "127.0.0.1.evil.example", "", "attacker:80"])
            cases.append((kind, lambda h=host: server.request("GET", "/api/base",
                                                              headers={"Host": h}), {403}))
        elif kind == "raw":
            data = rng.choice([
                b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + b"b" * 20000 + b"\r\n\r\n",
                b"POST /api/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n",
                b"POST /api/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            ])
            cases.append((kind, lambda d=data: server.raw(d), {400, 403, 404, 413, 414, 431}))
        else:  # huge
            size = rng.choice([65 * 1024, 256 * 1024, 1 << 20])
            body = b"{\"overrides\": {\"x\": \"" + b"y" * size + b"\"}}"
            cases.append((kind, lambda b=body: server.request("POST", "/api/plan", b), {413}))
    return cases


def json_message(headers, body):
    if not headers.get("content-type", "").startswith("application/json"):
        return None
    try:
        message = json.loads(body)
    except ValueError:
        return None
    return message.get("error") if isinstance(message, dict) else None


def fuzz(results, server, rng, count):
    cases = make_cases(rng, count, server)
    failures = []
    by_kind = {}
    seconds = {}
    for name, send, expected in cases:
        started = time.monotonic()
        status, headers, body = send()
        seconds[name] = seconds.get(name, 0.0) + time.monotonic() - started
        message = json_message(headers, body)
        by_kind.setdefault(name, []).append(status)
        if status not in expected or not message:
            failures.append(f"{name}: {status} {body[:160]!r} (expected {sorted(expected)})")
    summary = ", ".join(f"{k} {len(v)}" for k, v in sorted(by_kind.items()))
    print("seconds per kind: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(seconds.items())))
    results.check(not failures, f"{len(cases)} malformed requests answered 4xx with a JSON "
                  f"message ({summary})", "; ".join(failures[:8]) + f" ({len(failures)} in all)")
    results.check(server.alive(), "the server is still running")


def plan(server, overrides, runs=RUNS):
    status, _, body = server.request("POST", "/api/plan", {"overrides": overrides, "runs": runs})
    return status, json.loads(body) if body else {}


def milestones(summary):
    return {s["site"]: s["milestones"] for s in summary["sites"]}


def good_paths(results, server, rackscale, work):
    status, _, body = server.request("GET", "/")
    results.check(status == 200 and b"<script>" in body, "GET / serves the page", str(status))
    status, base = plan(server, {})
    results.check(status == 200 and "summary" in base, "a good request succeeds afterwards",
                  str(status))
    changed = {GRID_DATE: LATER}
    status, answer = plan(server, changed)
    ok = status == 200 and milestones(answer["summary"]) != milestones(base["summary"])
    results.check(ok, "moving Richland's first grid step changes the milestones", str(status))
    results.check(status == 200 and "base total (P50)" in answer["capacity_svg"],
                  "the changed capacity chart carries the base total")

    status, _, yaml = server.request("POST", "/api/scenario.yaml",
                                     {"overrides": changed, "runs": RUNS})
    path = os.path.join(work, "what-if.yaml")
    with open(path, "wb") as f:
        f.write(yaml)
    cli = subprocess.run([rackscale, "plan", path, "--runs", str(RUNS), "--attribution-runs", "0",
                          "--json", "-q", "-o", os.path.join(work, "cli-out")],
                         capture_output=True, text=True)
    same = cli.returncode == 0 and milestones(json.loads(cli.stdout)) == milestones(
        answer["summary"])
    results.check(status == 200 and same, "the downloaded YAML plans to the same milestones "
                  "with `rackscale plan`", f"{status} {cli.returncode} {cli.stderr[-300:]}")

    status, headers, report = server.request("POST", "/api/report.html",
                                             {"overrides": changed, "runs": RUNS})
    results.check(status == 200 and headers.get("content-type", "").startswith("text/html") and
                  b"<title>rackscale report: " in report and
                  "attachment" in headers.get("content-disposition", ""),
                  f"the report download is the full report.html ({len(report)} bytes)",
                  str(status))

    status, bad = plan(server, {GRID_DATE: "2027-02-30"})
    paths = [d.get("path") for d in bad.get("diagnostics", [])]
    results.check(status == 422 and GRID_DATE in paths,
                  "a bad date is a 422 diagnostic naming its override", json.dumps(bad)[:300])


def save(results, server, out_dir):
    status, _, body = server.request("POST", "/api/save",
                                     {"overrides": {GRID_DATE: LATER}, "runs": RUNS})
    answer = json.loads(body)
    names = sorted(os.listdir(out_dir)) if os.path.isdir(out_dir) else []
    with open(os.path.join(out_dir, "manifest.json")) as f:
        manifest = json.load(f)
    listed = sorted([f["name"] if isinstance(f, dict) else f for f in manifest.get("files", [])]
                    + ["manifest.json"])
    results.check(status == 200 and "scenario.yaml" in names and "report.html" in names,
                  f"save writes the plan's {len(names)} files into the output folder",
                  f"{status} {answer}")
    results.check(listed == names, "the saved manifest lists every file",
                  f"{listed} vs {names}")


def cpu_seconds(pid):
    """User + system CPU time of process `pid` so far [s] (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def latency(server, count=5):
    """Wall and server CPU time of re-plans of 1,000 runs, each a new grid date (no cache)."""
    times = []
    for i in range(count):
        started, cpu = time.monotonic(), cpu_seconds(server.proc.pid)
        status, answer = plan(server, {GRID_DATE: f"2027-0{1 + i % 8}-1{i}"}, runs=1000)
        if status == 200:
            times.append((time.monotonic() - started, answer["timing_ms"],
                          cpu_seconds(server.proc.pid) - cpu))
    return times


def rate_limit(results, rackscale, scenario, out_dir, work):
    server = Server(rackscale, scenario, out_dir, ["--runs", "50", "--rate-limit", "5"], cwd=work)
    try:
        statuses = [server.request("GET", "/api/base")[0] for _ in range(30)]
        limited = server.request("GET", "/api/base")
        results.check(429 in statuses and json_message(limited[1], limited[2]) is not None,
                      f"the rate limit answers 429 ({statuses.count(429)} of 30 at once)",
                      str(statuses))
        time.sleep(1.0)
        results.check(server.request("GET", "/api/base")[0] == 200,
                      "and answers again a second later")
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rackscale", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    args.rackscale = os.path.abspath(args.rackscale)

    results = Results()
    top = tempfile.mkdtemp(prefix="rackscale-serve-")
    scenario_dir = os.path.join(top, "scenario")
    work = os.path.join(top, "work")
    out_dir = os.path.join(top, "out")
    os.makedirs(scenario_dir)
    os.makedirs(work)
    scenario = os.path.join(scenario_dir, "flagship.yaml")
    shutil.copy(os.path.join(args.root, "examples", "flagship.yaml"), scenario)
    outside = lambda: snapshot(top, skip={out_dir, os.path.join(top, "work")})  # noqa: E731
    before = outside()
    server = None
    try:
        server = Server(args.rackscale, scenario, out_dir,
                        ["--runs", str(RUNS), "--rate-limit", "0", "--require-token"], cwd=work)
        results.check(len(server.token) == 32, "the server printed a 128-bit token")
        fuzz(results, server, random.Random(args.seed), args.count)
        good_paths(results, server, args.rackscale, work)
        results.check(outside() == before and not os.path.exists(out_dir),
                      "no file outside the output folder changed, and nothing was written",
                      "the scenario folder changed")
        save(results, server, out_dir)
        times = latency(server)
        results.check(server.alive(), "the server is still running at the end")
        if times:
            print(f"re-plan of 1,000 runs (flagship, {os.cpu_count()} cores, load average "
                  f"{os.getloadavg()[0]:.1f}), median of {len(times)}: "
                  f"{statistics.median(t for t, _, _ in times) * 1000:.0f} ms wall (server: load "
                  f"{statistics.median(t['load'] for _, t, _ in times):.0f} ms + plan "
                  f"{statistics.median(t['plan'] for _, t, _ in times):.0f} ms), "
                  f"{statistics.median(c for _, _, c in times) * 1000:.0f} ms CPU")
    except (RuntimeError, OSError, ValueError, KeyError) as e:
        results.check(False, "serve", repr(e))
    finally:
        if server:
            server.stop()
    rate_limit(results, args.rackscale, scenario, os.path.join(top, "out-rate"), work)
    results.check(outside() == before, "the scenario folder is unchanged at the end")
    shutil.rmtree(top, ignore_errors=True)
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
