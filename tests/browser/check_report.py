#!/usr/bin/env python3
"""Renders a rackscale report.html in headless Chromium and checks what a reader would see.

    check_report.py REPORT.html SCREENSHOT.png [--pdf OUT.pdf] [--sections-dir DIR]
                    [--expect-svgs N] [--chromium PATH]

Checks: the page loads with no script and no request outside the file; every section is there;
the contracts section holds its tables (or, design only, the note to run `rackscale plan`); every
chart <svg> is rendered with a non-zero size, a title and drawn marks (shapes with a
non-zero bounding box outside the grid, the legend and the background); charts other than the
single-line diagrams have a legend; the page prints to a PDF of several pages. Writes a
full-page PNG screenshot (and optionally the PDF and one PNG per section).

Talks to Chromium over --remote-debugging-pipe (the DevTools protocol on file descriptors 3 and
4), so it needs nothing beyond the Python standard library and Debian's chromium package.
Prints one line per check and `N passed, M failed` last; exits 1 if a check failed. Without
Chromium it prints SKIP and exits 77, which CTest reports as skipped (SKIP_RETURN_CODE).
"""

import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden_common import Results  # noqa: E402

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]

SECTIONS = ["answers", "capacity", "schedule", "constraints", "contracts", "factory", "power", "cost",
            "energy", "map", "bom", "milestones", "sources"]

EXIT_SKIPPED = 77  # the browser.report test's SKIP_RETURN_CODE in tests/CMakeLists.txt

PAGE_WIDTH = 1100  # CSS px; the report's main column is 980 px wide

# Runs in the page; returns what the checks need as JSON.
INSPECT = r"""
(() => {
  const shapes = 'path, rect, circle, ellipse, line, polygon, polyline';
  const svgs = Array.from(document.querySelectorAll('svg')).map((svg, i) => {
    const box = svg.getBoundingClientRect();
    const titleEl = svg.querySelector(':scope > title');
    let marks = 0;
    for (const el of svg.querySelectorAll(shapes)) {
      if (el.closest('.grid, .legend')) continue;
      if (el.parentNode === svg && el.tagName === 'rect' && el.getAttribute('x') === '0' &&
          el.getAttribute('y') === '0') continue;  // background
      if (getComputedStyle(el).display === 'none') continue;
      const b = el.getBBox();
      if (b.width > 0 || b.height > 0) marks++;
    }
    return {
      index: i,
      title: titleEl ? titleEl.textContent : '',
      section: (svg.closest('section') || {}).id || '',
      width: box.width, height: box.height,
      marks,
      texts: svg.querySelectorAll('text').length,
      legend: !!svg.querySelector('.legend'),
    };
  });
  return JSON.stringify({
    title: document.title,
    scripts: document.scripts.length,
    sections: Array.from(document.querySelectorAll('section[id]')).map(s => s.id),
    resources: performance.getEntriesByType('resource').map(r => r.name),
    contracts: {
      tables: document.querySelectorAll('section#contracts table').length,
      rows: document.querySelectorAll('section#contracts tbody tr').length,
      missing: !!document.querySelector('section#contracts .missing'),
    },
    svgs,
  });
})()
"""


class Browser:
    """Chromium with the DevTools protocol on a pair of pipes."""

    def __init__(self, executable, user_data_dir):
        cmd_r, cmd_w = os.pipe()  # we write commands, Chromium reads fd 3
        res_r, res_w = os.pipe()  # Chromium writes fd 4, we read responses

        def wire_fds():
            # Move both ends above any fd we might clobber, then onto 3 and 4.
            a = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(res_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.close(a)
            os.close(b)

        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={user_data_dir}",
             f"--window-size={PAGE_WIDTH},900", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            # fds 3 and 4 are made by dup2 in the child, so they are inherited through exec;
            # every other descriptor Python opened is close-on-exec.
            preexec_fn=wire_fds, close_fds=False)
        os.close(cmd_r)
        os.close(res_w)
        self.out = cmd_w
        self.inp = res_r
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from Chromium")
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace")[-2000:]
                raise RuntimeError(f"Chromium exited with {self.proc.returncode}: {err}")
            ready, _, _ = select.select([self.inp], [], [], 0.5)
            if ready:
                chunk = os.read(self.inp, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None, timeout=60.0):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, session=None, timeout=60.0):
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and (session is None or e.get("sessionId") == session):
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def close(self):
        try:
            self.call("Browser.close", timeout=5.0)
        except Exception:  # noqa: BLE001 - closing is best effort; the process is ended below
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        os.close(self.out)
        os.close(self.inp)


def find_chromium(explicit):
    """The browser to run: `explicit` if given (None if it is not there), else the first found."""
    candidates = [explicit] if explicit else [os.environ.get("CHROMIUM"), "chromium",
                                              "chromium-browser", "google-chrome",
                                              "/usr/bin/chromium"]
    for candidate in candidates:
        if not candidate:
            continue
        path = shutil.which(candidate) or (candidate if os.access(candidate, os.X_OK) else None)
        if path:
            return path
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("report", help="the report.html to render")
    parser.add_argument("screenshot", help="where to write the full-page PNG")
    parser.add_argument("--pdf", help="also write the printed PDF here")
    parser.add_argument("--sections-dir", help="also write one PNG per section here")
    parser.add_argument("--expect-svgs", type=int, help="number of <svg> charts expected")
    parser.add_argument("--chromium", help="Chromium executable (default: found on PATH)")
    args = parser.parse_args()

    chromium = find_chromium(args.chromium)
    if not chromium:
        print("SKIP: Chromium not found (apt-get install -y chromium, or pass --chromium PATH); "
              "the report was not rendered")
        print("0 passed, 0 failed, 1 skipped")
        return EXIT_SKIPPED

    results = Results()
    report = os.path.abspath(args.report)
    if not results.check(os.path.isfile(report), "report exists", report):
        print(f"{results.passed} passed, {results.failed} failed")
        return 1

    profile = tempfile.mkdtemp(prefix="rackscale-chromium-")
    browser = None
    try:
        browser = Browser(chromium, profile)
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget",
                               {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": PAGE_WIDTH, "height": 900, "deviceScaleFactor": 1,
                      "mobile": False}, session)
        browser.call("Page.enable", session=session)
        browser.call("Network.enable", session=session)
        browser.call("Page.navigate", {"url": "file://" + report}, session)
        browser.wait_event("Page.loadEventFired", session, timeout=60.0)
        requests = [e["params"]["request"]["url"] for e in browser.events
                    if e.get("method") == "Network.requestWillBeSent"]
        page = json.loads(browser.call("Runtime.evaluate",
                                       {"expression": INSPECT, "returnByValue": True},
                                       session)["result"]["value"])

        results.check(page["title"].startswith("rackscale report"), "page title",
                      repr(page["title"]))
        results.check(page["scripts"] == 0, "no scripts", f"{page['scripts']} <script> elements")
        outside = [u for u in requests + page["resources"]
                   if not (u.startswith("file://") or u.startswith("data:"))]
        results.check(not outside, "no requests outside the file", ", ".join(outside[:5]))
        missing = [s for s in SECTIONS if s not in page["sections"]]
        results.check(not missing, "every section present", "missing " + ", ".join(missing))
        # The contracts section is tables only: with a build-out, at least one with rows;
        # without one (design only), the note pointing to `rackscale plan`.
        c = page["contracts"]
        results.check((c["tables"] > 0 and c["rows"] > 0) or c["missing"],
                      f"contracts section ({c['tables']} tables, {c['rows']} rows)",
                      "neither tables nor the design-only note")
        svgs = page["svgs"]
        if args.expect_svgs is not None:
            results.check(len(svgs) == args.expect_svgs, f"{args.expect_svgs} charts",
                          f"found {len(svgs)}")
        else:
            results.check(len(svgs) > 0, "charts present", "no <svg> in the page")
        for s in svgs:
            name = f"chart {s['index'] + 1} ({s['section']}: {s['title'] or 'untitled'})"
            problems = []
            if s["width"] < 100 or s["height"] < 100:
                problems.append(f"rendered {s['width']:.0f}x{s['height']:.0f} px")
            if not s["title"]:
                problems.append("no <title>")
            if s["marks"] < 3:
                problems.append(f"only {s['marks']} drawn marks")
            if s["texts"] < 2:
                problems.append("no labels")
            if s["section"] != "power" and not s["legend"]:
                problems.append("no legend")
            results.check(not problems, name + f": {s['marks']} marks", "; ".join(problems))

        # The page prints: a PDF of several pages.
        pdf = base64.b64decode(browser.call("Page.printToPDF",
                                            {"printBackground": True, "preferCSSPageSize": True},
                                            session, timeout=120.0)["data"])
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        results.check(pdf.startswith(b"%PDF") and pages >= 2, f"prints ({pages} pages)",
                      f"{len(pdf)} bytes")
        if args.pdf:
            os.makedirs(os.path.dirname(os.path.abspath(args.pdf)), exist_ok=True)
            with open(args.pdf, "wb") as f:
                f.write(pdf)

        # Full-page screenshot.
        size = browser.call("Page.getLayoutMetrics", session=session)["cssContentSize"]
        width, height = int(size["width"]), int(size["height"])
        png = base64.b64decode(browser.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True,
             "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
            session, timeout=120.0)["data"])
        os.makedirs(os.path.dirname(os.path.abspath(args.screenshot)), exist_ok=True)
        with open(args.screenshot, "wb") as f:
            f.write(png)
        results.check(png.startswith(b"\x89PNG") and len(png) > 10000,
                      f"screenshot {width}x{height} px written to {args.screenshot}",
                      f"{len(png)} bytes")

        if args.sections_dir:
            os.makedirs(args.sections_dir, exist_ok=True)
            boxes = json.loads(browser.call("Runtime.evaluate", {
                "expression": "JSON.stringify(Array.from(document.querySelectorAll("
                              "'header, section[id]')).map(s => {const r = "
                              "s.getBoundingClientRect(); return {id: s.id || 'header', "
                              "x: r.left + scrollX, y: r.top + scrollY, w: r.width, "
                              "h: r.height};}))",
                "returnByValue": True}, session)["result"]["value"])
            for b in boxes:
                shot = base64.b64decode(browser.call(
                    "Page.captureScreenshot",
                    {"format": "png", "captureBeyondViewport": True,
                     "clip": {"x": b["x"], "y": b["y"], "width": b["w"], "height": b["h"],
                              "scale": 1}}, session)["data"])
                with open(os.path.join(args.sections_dir, f"{b['id']}.png"), "wb") as f:
                    f.write(shot)
    except (RuntimeError, TimeoutError, OSError, KeyError, ValueError) as e:
        results.check(False, "render in Chromium", str(e))
    finally:
        if browser:
            browser.close()
        shutil.rmtree(profile, ignore_errors=True)

    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
