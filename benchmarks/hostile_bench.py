"""The county server under hostile load (issue #11, items 9–10), on loopback. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/hostile_bench.py [--seconds 20]      (or benchmarks/run.py --only hostile)

An honest station uploads batches of 100 ops, one after another, first on a quiet server, then while
- 4 unauthenticated clients send decompression bombs without pause: a 2.6 kB xz body that expands to 16 MB of
  JSON, and a 16 kB gzip one, to /v1/enroll, each from a new loopback address (127.2.x.y) so the per-address
  enrolment throttle does not stop them (the worst case for the server), plus 2 MB xz bombs to /v1/ops with a
  wrong token;
- 300 idle connections are held open: each one the server closes is opened again at once.
Measured: the server's RSS (sampled every 0.1 s, and its peak from /proc), and the station's batch latency
(p50/p99/max). Everything stops by itself after ``--seconds``, or at once if the server passes 2 GB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import lzma
import os
import selectors
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station_app.core.ids import uuid7  # noqa: E402
from sync import protocol  # noqa: E402
from sync.server import storage  # noqa: E402

RSS_STOP = 2 * 1024**3
IDLE = 300
BOMBERS = 4
BATCH = 100


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss(pid: int) -> tuple[int, int]:
    """(current, peak) resident set of a process in bytes, from /proc (Linux)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) * 1024
    return fields.get("VmRSS", 0), fields.get("VmHWM", 0)


class Run:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.base = Path(tempfile.mkdtemp(prefix="hostile-bench-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stop = threading.Event()
        self.answers: Counter[str] = Counter()
        self.reopened = 0
        self.rss_samples: list[int] = []
        self.lock = threading.Lock()

    # -- the server ----------------------------------------------------------------------------------------------
    def start_server(self) -> None:
        data = self.base / "county"
        self.log = open(self.base / "server.log", "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--data-dir", str(data),
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=self.log,
                                     cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/openapi.json", timeout=1, trust_env=False)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        county = storage.connect(data)
        code = storage.add_station(county, "S001", "基准站")
        county.close()
        answer = httpx.post(self.url + "/v1/enroll", content=protocol.encode({"code": code, "device_id": "bench"}),
                            headers={"Content-Encoding": "xz"}, trust_env=False, timeout=30)
        self.token = answer.json()["token"]
        self.seq = 0

    def stop_server(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    # -- the honest station ------------------------------------------------------------------------------------
    def honest(self, seconds: float) -> list[float]:
        latencies: list[float] = []
        end = time.monotonic() + seconds
        with httpx.Client(trust_env=False, timeout=60) as http:
            while time.monotonic() < end and not self.stop.is_set():
                ops = []
                for _ in range(BATCH):
                    self.seq += 1
                    ops.append({"op_id": uuid7(), "device_seq": self.seq, "type": "parcel.reminded",
                                "entity_id": f"p{self.seq}", "payload": {"parcel_id": f"p{self.seq}"},
                                "created_at": "2026-11-23T10:00:00.000Z"})
                body = protocol.encode({"ops": ops})
                start = time.perf_counter()
                try:
                    answer = http.post(self.url + "/v1/ops", content=body,
                                       headers={"Authorization": f"Bearer {self.token}", "Content-Encoding": "xz"})
                    ok = answer.status_code == 200
                except httpx.TransportError:
                    ok = False
                latencies.append(time.perf_counter() - start if ok else float("inf"))
        return latencies

    # -- the attackers -----------------------------------------------------------------------------------------
    def sample_rss(self) -> None:
        while not self.stop.is_set():
            try:
                rss, _ = _rss(self.proc.pid)
            except OSError:
                return
            self.rss_samples.append(rss)
            if rss > RSS_STOP:
                self.stop.set()
            self.stop.wait(0.1)

    def hold_idle(self) -> None:
        selector = selectors.DefaultSelector()

        def open_one() -> None:
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            except OSError:
                return
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)

        for _ in range(IDLE):
            open_one()
        while not self.stop.is_set():
            for key, _ in selector.select(timeout=0.2):
                sock = key.fileobj
                try:
                    data = sock.recv(4096)  # type: ignore[union-attr]
                except OSError:
                    data = b""
                if not data:  # the server closed it: another takes its place
                    selector.unregister(sock)
                    sock.close()  # type: ignore[union-attr]
                    self.reopened += 1
                    open_one()
            missing = IDLE - len(selector.get_map())
            for _ in range(missing):
                open_one()
        for key in list(selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        selector.close()

    def bomb(self, n: int, bombs: list[tuple[str, str, bytes]]) -> None:
        i = 0
        while not self.stop.is_set():
            path, encoding, body = bombs[i % len(bombs)]
            source = f"127.2.{n}.{i % 250 + 1}"
            i += 1
            head = (f"POST {path} HTTP/1.1\r\nHost: county\r\nContent-Encoding: {encoding}\r\n"
                    f"Authorization: Bearer not-a-token\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=30,
                                              source_address=(source, 0)) as sock:
                    sock.sendall(head.encode() + body)
                    answer = sock.recv(200)
                status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else "no answer"
            except OSError as exc:
                status = type(exc).__name__
            with self.lock:
                self.answers[f"{path} {encoding} → {status}"] += 1


def _bombs() -> list[tuple[str, str, bytes]]:
    """(path, encoding, body): small as sent, just under 16 MiB of JSON once decompressed (the old limit)."""
    pad = "d" * (16 * 1024 * 1024 - 200)
    enrol_xz = lzma.compress(json.dumps({"code": "0000-0000-0000-0000", "device_id": pad}).encode(), preset=9)
    enrol_gz = gzip.compress(json.dumps({"code": "0000-0000-0000-0000", "device_id": pad}).encode(), 9)
    ops_xz = lzma.compress(b'{"ops": [' + b"{}," * (5 * 1024 * 1024) + b"{}]}", preset=6)
    return [("/v1/enroll", "xz", enrol_xz), ("/v1/enroll", "gzip", enrol_gz), ("/v1/ops", "xz", ops_xz)]


def _percentiles(latencies: list[float]) -> str:
    ok = sorted(x for x in latencies if x != float("inf"))
    failed = len(latencies) - len(ok)
    if not ok:
        return f"all {failed} failed"
    p99 = ok[min(len(ok) - 1, int(len(ok) * 0.99))] if not failed else float("inf")
    text = f"{statistics.median(ok) * 1000:.0f} / {p99 * 1000:.0f} / {ok[-1] * 1000:.0f} ms"
    return text + (f", {failed} failed" if failed else "")


def measure(seconds: float = 20.0) -> tuple[list[tuple[str, str, str]], dict[str, int]]:
    bombs = _bombs()
    run = Run(seconds)
    run.start_server()
    try:
        run.honest(2.0)  # warm up
        quiet = run.honest(min(10.0, seconds / 2))
        rss_quiet, _ = _rss(run.proc.pid)
        threads = [threading.Thread(target=run.sample_rss, daemon=True),
                   threading.Thread(target=run.hold_idle, daemon=True)]
        threads += [threading.Thread(target=run.bomb, args=(n, bombs), daemon=True) for n in range(BOMBERS)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # the attack in full swing before the station starts measuring
        loaded = run.honest(seconds)
        run.stop.set()
        for thread in threads:
            thread.join(60)
        try:
            _, rss_peak = _rss(run.proc.pid)
        except OSError:
            rss_peak = max(run.rss_samples, default=0)
        alive = run.proc.poll() is None
    finally:
        run.stop.set()
        run.stop_server()
    mb = 1024 * 1024
    stopped = " (stopped at 2 GB)" if max(run.rss_samples, default=0) > RSS_STOP else ""
    rows = [
        (f"batch of {BATCH} ops p50/p99/max, quiet ({len(quiet)})", _percentiles(quiet), ""),
        (f"  … under attack ({len(loaded)} batches)", _percentiles(loaded), "p99 < 1 s"),
        ("server RSS quiet → peak under attack", f"{rss_quiet / mb:.0f} → {rss_peak / mb:.0f} MB{stopped}",
         "< 300 MB"),
        ("idle connections closed by the server", f"{run.reopened:,}", "reported"),
        ("server still running afterwards", "yes" if alive else "NO", ""),
    ]
    return rows, dict(run.answers)


def rows() -> list[tuple[str, str, str]]:
    table, answers = measure()
    return table + [(f"  bombs {what}", f"{count:,}", "") for what, count in sorted(answers.items())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the attack lasts")
    args = parser.parse_args()
    table, answers = measure(args.seconds)
    for name, value, target in table + [(f"  bombs {w}", f"{c:,}", "") for w, c in sorted(answers.items())]:
        print(f"{name:<48}{value:>22}{target:>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
