"""Pickup texts (issue #14): 10,000 queued texts through the generic HTTP gateway against a local vendor on
127.0.0.1, from a real county server process — throughput, queue-to-vendor p99, and the sync's own latency
(an upload and a feed pull) before and while the texts go out. Prints numbers, asserts nothing.

    python -m benchmarks.sms_bench [--texts 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from station_app.core.ids import uuid7
from sync import protocol

STATIONS = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Vendor:
    """A regional vendor's HTTP API: answers {"result": "0"}, notes when each text arrived."""

    def __init__(self) -> None:
        owner = self
        self.arrived: list[float] = []
        self.lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with owner.lock:
                    owner.arrived.append(time.time())
                data = b'{"result": "0"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _cli(data_dir: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "sync.server.cli", *args, "--data-dir", str(data_dir)], check=True,
                   capture_output=True)


def _token(url: str, data_dir: Path, code: str) -> str:
    enrolment = subprocess.run([sys.executable, "-m", "sync.server.cli", "station", "add", "--code", code, "--name",
                                code, "--data-dir", str(data_dir)], check=True, capture_output=True, text=True)
    answer = httpx.post(url + "/v1/enroll", json={"code": enrolment.stdout.strip(), "device_id": uuid7()},
                        trust_env=False, timeout=30)
    return str(answer.json()["token"])


def _received(seq: int, station: int, i: int) -> dict:
    return {"op_id": uuid7(), "device_seq": seq, "type": "parcel.received", "entity_id": None,
            "created_at": "2026-11-25T02:00:00.000Z", "payload": {
                "parcel_id": uuid7(), "waybill": f"SF{station:02d}{i:011d}", "courier": "SF",
                "pickup_code": f"1-1-{i % 10000:04d}", "shelf": 1, "layer": 1, "from_manifest": False,
                "damaged": False, "damage_note": "", "recipient_name": "张三",
                "recipient_phone": f"13{station:02d}{i:07d}", "phone_tail": f"{i % 10000:04d}",
                "notification_id": uuid7()}}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _sync_latency(http: httpx.Client, url: str, token: str, seq: list[int], stop: threading.Event,
                  out: list[float]) -> None:
    """A station syncing: a one-op upload and a feed pull, again and again."""
    headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "xz"}
    while not stop.is_set():
        seq[0] += 1
        op = {"op_id": uuid7(), "device_seq": seq[0], "type": "shelves.current_set", "entity_id": None,
              "created_at": "2026-11-25T02:00:00.000Z", "payload": {"shelf": 1, "layer": 1}}
        start = time.perf_counter()
        http.post(url + "/v1/ops", content=protocol.encode({"ops": [op]}), headers=headers)
        http.get(url + "/v1/feed", params={"after": 10**9}, headers={"Authorization": headers["Authorization"]})
        out.append((time.perf_counter() - start) * 1000)
        time.sleep(0.05)


def rows(texts: int = 10_000) -> list[tuple[str, str, str]]:
    base = Path(tempfile.mkdtemp(prefix="sms-bench-"))
    data_dir = base / "county"
    data_dir.mkdir()
    vendor = Vendor()
    _cli(data_dir, "sms", "set", "--gateway", "http", "--http-url", vendor.url, "--http-params",
         '{"phone": "mobile", "text": "content", "ref": "extno"}', "--http-success", '"result": "0"',
         "--merge-minutes", "0", "--quiet", "off", "--phone-minute", "100", "--phone-hourly", "1000",
         "--station-daily", "100000")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--data-dir", str(data_dir), "--port",
                             str(port)], env={**os.environ, "COUNTY_SMS_INTERVAL": "0.2"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                httpx.get(url + "/openapi.json", timeout=1, trust_env=False)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        tokens = [_token(url, data_dir, f"B{n:02d}") for n in range(STATIONS)]
        watcher = _token(url, data_dir, "WATCH")
        http = httpx.Client(trust_env=False, timeout=120)
        idle: list[float] = []
        stop, seq = threading.Event(), [0]
        probe = threading.Thread(target=_sync_latency, args=(http, url, watcher, seq, stop, idle))
        probe.start()
        time.sleep(3)  # the sync alone, for comparison
        stop.set()
        probe.join()
        busy: list[float] = []
        stop = threading.Event()
        probe = threading.Thread(target=_sync_latency, args=(http, url, watcher, seq, stop, busy))
        per_station = texts // STATIONS
        started = time.time()
        with httpx.Client(trust_env=False, timeout=120) as uploader:
            for n, token in enumerate(tokens):
                for first in range(0, per_station, protocol.MAX_BATCH_OPS):
                    last = min(per_station, first + protocol.MAX_BATCH_OPS)
                    ops = [_received(i + 1, n, i) for i in range(first, last)]
                    uploader.post(url + "/v1/ops", content=protocol.encode({"ops": ops}),
                                  headers={"Authorization": f"Bearer {token}", "Content-Encoding": "xz"})
                if n == 0:
                    probe.start()  # the station keeps syncing while the texts go out
        ingested = time.time() - started
        deadline = time.monotonic() + 600
        while len(vendor.arrived) < per_station * STATIONS and time.monotonic() < deadline:
            time.sleep(0.2)
        stop.set()
        probe.join()
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait()
        vendor.close()
    conn = sqlite3.connect(data_dir / "county.db")
    waits = [(datetime.fromisoformat(s.replace("Z", "+00:00")) - datetime.fromisoformat(c.replace("Z", "+00:00"))
              ).total_seconds() for c, s in conn.execute("SELECT created_at, sent_at FROM sms_texts WHERE sent_at "
                                                         "IS NOT NULL")]
    conn.close()
    arrived = sorted(vendor.arrived)
    span = (arrived[-1] - arrived[0]) if len(arrived) > 1 else float("nan")
    return [
        (f"{len(arrived):,} texts to the vendor / ingest of their parcels", f"{span:.1f} s / {ingested:.1f} s", ""),
        ("  sender throughput", f"{len(arrived) / span:,.0f} texts/s", "reported"),
        ("  text composed → at the vendor, p50 / p99", f"{_pct(waits, .5):.1f} / {_pct(waits, .99):.1f} s", ""),
        ("sync (1-op upload + feed pull), idle p50 / p99",
         f"{_pct(idle, .5):.1f} / {_pct(idle, .99):.1f} ms", ""),
        ("  … while the texts go out, p50 / p99", f"{_pct(busy, .5):.1f} / {_pct(busy, .99):.1f} ms", "reported"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=10_000)
    args = parser.parse_args()
    print(f"Pickup texts through the generic HTTP gateway (loopback) — {os.cpu_count()} cores")
    print(f"{'measure':<52}{'result':>22}{'target':>12}")
    print("-" * 86)
    for name, result, target in rows(args.texts):
        print(f"{name:<52}{result:>22}{target:>12}")
    print(json.dumps({"note": "numbers only; nothing asserted"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
