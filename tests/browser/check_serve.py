#!/usr/bin/env python3
"""Drives the live what-if page of `rackscale serve` in headless Chromium, as a planner would.

    check_serve.py --rackscale BIN --scenario YAML --out DIR SCREENSHOT.png
                   [--docs-screenshot PNG] [--chromium PATH]

Starts `serve` on a free loopback port, loads the page, types a later date into Abilene's first
grid step and checks that the capacity chart and the milestone table change (with a non-zero
shift from the base); types an impossible date and checks that its error shows next to that
control; checks that the page made no request outside the server. Writes a full-page screenshot
after the change (and, with --docs-screenshot, the same picture for the docs).

Uses check_report.py's Chromium driver (DevTools protocol over --remote-debugging-pipe, Python
standard library only). Prints one line per check and `N passed, M failed` last; exits 1 if a
check failed, 77 (CTest: skipped) without Chromium.
"""

import argparse
import base64
import json
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from check_report import EXIT_SKIPPED, Browser, find_chromium  # noqa: E402
from golden_common import Results  # noqa: E402
from serve.serve_process import Server  # noqa: E402

GRID_DATE = "sites[richland-la].grid[0].date"
LATER = "2027-09-01"  # Richland's first grid step eight months late (its second: 2027-10-04)
IMPOSSIBLE = "2027-02-30"
WIDTH = 1280

STATE = r"""
JSON.stringify({
  state: document.body.dataset.state,
  plans: Number(document.body.dataset.plans),
  status: document.getElementById('status').textContent,
  capacity: document.getElementById('capacity-chart').innerHTML,
  milestones: Array.from(document.querySelectorAll('#milestones tbody tr')).map(
      tr => Array.from(tr.cells).map(td => td.textContent)),
  shifts: Array.from(document.querySelectorAll('#milestones tbody tr[data-site="richland-la"]')).map(
      tr => tr.cells[6].textContent),
  controls: document.querySelectorAll('.control input').length,
  charts: document.querySelectorAll('.chart svg').length,
  error: (() => { const i = document.querySelector('.control input[data-path="%s"]');
                  return i ? {invalid: i.parentElement.classList.contains('invalid'),
                              text: i.parentElement.querySelector('.error').textContent} : null; })(),
  resources: performance.getEntriesByType('resource').map(r => r.name),
})
""" % GRID_DATE


class Page:
    def __init__(self, browser, session):
        self.browser = browser
        self.session = session

    def eval(self, expression):
        result = self.browser.call("Runtime.evaluate", {"expression": expression,
                                                        "returnByValue": True}, self.session)
        return result["result"].get("value")

    def state(self):
        """What the checks need, or None while the page is not there yet."""
        value = self.eval(STATE)
        return json.loads(value) if value else None

    def wait(self, predicate, timeout=180.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            s = self.state()
            if s and predicate(s):
                return s
            time.sleep(0.1)
        raise TimeoutError(f"page state: {(self.state() or {}).get('status')}")

    def type_into(self, path, text):
        """Focuses the control, selects its text, types `text` and leaves it (a change event)."""
        selector = json.dumps(f'.control input[data-path="{path}"]')
        self.eval(f"(() => {{ const i = document.querySelector({selector}); i.focus(); "
                  f"i.select(); }})()")
        self.browser.call("Input.insertText", {"text": text}, self.session)
        self.eval(f"document.querySelector({selector}).blur()")

    def screenshot(self, path):
        size = self.browser.call("Page.getLayoutMetrics", session=self.session)["cssContentSize"]
        png = base64.b64decode(self.browser.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True,
             "clip": {"x": 0, "y": 0, "width": int(size["width"]), "height": int(size["height"]),
                      "scale": 1}}, self.session, timeout=120.0)["data"])
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.write(png)
        return png


def run(results, page, server, args):
    url = server.base + "/" + (f"?token={server.token}" if server.token else "")
    page.browser.call("Page.navigate", {"url": url}, page.session)
    page.browser.wait_event("Page.loadEventFired", page.session, timeout=60.0)
    base = page.wait(lambda s: s["state"] in ("ready", "error"))
    results.check(base["state"] == "ready" and base["charts"] == 2 and base["controls"] > 10,
                  f"the page shows the base plan ({base['controls']} controls, "
                  f"{base['charts']} charts)", base["status"])

    page.type_into(GRID_DATE, LATER)
    changed = page.wait(lambda s: s["plans"] > base["plans"] or s["state"] == "error")
    results.check(changed["state"] == "ready", "changing the grid date re-plans",
                  changed["status"])
    results.check(changed["capacity"] != base["capacity"], "the capacity chart changes")
    results.check(changed["milestones"] != base["milestones"], "the milestone table changes")
    results.check(any(s.startswith("+") for s in changed["shifts"]),
                  f"Richland's milestones shift later ({', '.join(changed['shifts'])} days)")
    print(f"status after the change: {changed['status']}")
    png = page.screenshot(args.screenshot)
    results.check(png.startswith(b"\x89PNG") and len(png) > 10000,
                  f"screenshot written to {args.screenshot}")
    if args.docs_screenshot:
        shutil.copy(args.screenshot, args.docs_screenshot)

    page.type_into(GRID_DATE, IMPOSSIBLE)
    bad = page.wait(lambda s: s["state"] == "error")
    error = bad["error"] or {}
    results.check(error.get("invalid") and error.get("text"),
                  f"a bad date shows its error next to the control: {error.get('text', '')!r}",
                  json.dumps(bad["error"]))
    results.check(bad["capacity"] == changed["capacity"],
                  "the last good plan stays on screen after a bad value")
    outside = [u for u in bad["resources"] if not u.startswith(server.base)]
    results.check(not outside, "no request outside the server", ", ".join(outside[:5]))
    base_png = os.path.splitext(args.screenshot)[0] + "-error.png"
    page.screenshot(base_png)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("screenshot")
    parser.add_argument("--rackscale", required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--out", required=True, help="the server's output folder (-o)")
    parser.add_argument("--docs-screenshot")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--chromium")
    args = parser.parse_args()
    args.rackscale = os.path.abspath(args.rackscale)

    chromium = find_chromium(args.chromium)
    if not chromium:
        print("SKIP: Chromium not found (apt-get install -y chromium, or pass --chromium PATH); "
              "the page was not driven")
        print("0 passed, 0 failed, 1 skipped")
        return EXIT_SKIPPED

    results = Results()
    profile = tempfile.mkdtemp(prefix="rackscale-chromium-")
    browser = server = None
    try:
        server = Server(args.rackscale, args.scenario, args.out, ["--runs", str(args.runs)])
        browser = Browser(chromium, profile)
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget",
                               {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                     session)
        browser.call("Page.enable", session=session)
        run(results, Page(browser, session), server, args)
        results.check(server.alive(), "the server is still running")
    except (RuntimeError, TimeoutError, OSError, KeyError, ValueError, TypeError) as e:
        results.check(False, "drive the page in Chromium", str(e))
    finally:
        if browser:
            browser.close()
        if server:
            server.stop()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
