"""Starts `rackscale serve` on a free loopback port and talks HTTP/1.1 to it over raw sockets, so
that a test can send any bytes (malformed request lines, bad headers, huge bodies). Standard
library only; used by serve_requests_test.py and tests/browser/check_serve.py."""

import json
import os
import re
import socket
import subprocess
import time

URL_LINE = re.compile(r"at (http://[^/\s]+)/(\?token=([0-9a-f]+))? ")


class Server:
    """A `rackscale serve` process; `base` is http://host:port, `token` the printed token."""

    def __init__(self, rackscale, scenario, out_dir, extra=(), cwd=None, timeout=180.0):
        self.proc = subprocess.Popen(
            [rackscale, "serve", scenario, "--port", "0", "-o", out_dir, "-q", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=cwd,
            text=True)
        deadline = time.monotonic() + timeout
        line = ""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if line or self.proc.poll() is not None:
                break
        match = URL_LINE.search(line)
        if not match:
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            self.stop()
            raise RuntimeError(f"serve did not start: {line!r} {err[-2000:]}")
        self.base = match.group(1)
        self.token = match.group(3) or ""
        self.host, port = self.base[len("http://"):].rsplit(":", 1)
        self.port = int(port)

    def alive(self):
        return self.proc.poll() is None

    def raw(self, data, timeout=120.0):
        """Sends `data` (bytes), returns (status, headers dict, body bytes); status 0 if the
        connection closed with no answer."""
        with socket.create_connection((self.host, self.port), timeout=timeout) as s:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer (e.g. 413) before reading everything
            data = b""
            while not complete(data):
                try:
                    chunk = s.recv(1 << 16)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                data += chunk
        return parse_response(data)

    def request(self, method, path, body=None, headers=None, token=True, content_type=None):
        """An ordinary request; `body` may be bytes or a JSON-able value."""
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode()
        h = {"Host": f"{self.host}:{self.port}", "Connection": "close"}
        if token and self.token:
            h["X-Rackscale-Token"] = self.token
        if body is not None:
            h["Content-Type"] = content_type or "application/json"
            h["Content-Length"] = str(len(body))
        h.update(headers or {})
        head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in h.items())
        return self.raw(head.encode("latin-1") + b"\r\n" + (body or b""))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()


def complete(data):
    """True once `data` holds a whole response (the server may keep the connection open)."""
    status, headers, body = parse_response(data)
    return status != 0 and "content-length" in headers and len(body) >= int(
        headers["content-length"])


def parse_response(data):
    if b"\r\n\r\n" not in data:
        return 0, {}, data
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = body[:int(headers["content-length"])]
    return status, headers, body


def snapshot(folder, skip=()):
    """{relative path: (size, mtime_ns, bytes hash)} of every file under `folder`."""
    import hashlib
    files = {}
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if os.path.join(root, d) not in skip]
        for name in names:
            path = os.path.join(root, name)
            if path in skip:
                continue
            with open(path, "rb") as f:
                files[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return files
