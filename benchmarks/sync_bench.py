"""Sync timings (issue #4) against a real county server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from station_app.core import db, journal, parcels, pickup, station
from station_app.core.ids import uuid7
from sync import client, protocol
from sync.server import storage


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir, self.port = data_dir, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--data-dir", str(data_dir),
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                httpx.get(self.url + "/openapi.json", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)

    def stop(self) -> None:
        os.kill(self.proc.pid, signal.SIGTERM)
        self.proc.wait()


def _station(base: Path, server: _Server, code: str):
    conn = db.open_db(base / code)
    _, clerk = station.init_station(conn, code, f"{code} 站", "王芳", "1234")
    county = storage.connect(server.data_dir)
    enrolment = storage.add_station(county, code, code)
    county.close()
    client.enroll(conn, server.url, enrolment)
    return conn, clerk


def rows() -> list[tuple[str, str, str]]:
    base = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    server = _Server(base / "county")
    try:
        # 10,000 ops from one station, end to end
        conn, clerk = _station(base, server, "S10K")
        with db.transaction(conn):
            for i in range(10_000):
                # a well-formed op (journal.append checks it; the county used to reject the old half payload)
                journal.append(conn, "parcel.flagged_damaged", {"parcel_id": f"p{i}", "note": str(i)},
                               clerk_id=clerk.id, entity_id=f"p{i}")
        start = time.perf_counter()
        client.Syncer(conn).push(client.SyncReport())
        ten_k = time.perf_counter() - start

        # a day of 500 real ops: 250 parcels received, 250 handed over; bytes both ways on the wire
        day, clerk = _station(base, server, "SDAY")
        for i in range(250):
            p = parcels.receive(day, f"YT{i:013d}", clerk_id=clerk.id, phone=f"138{i:08d}", name="张三").parcel
            pickup.confirm(day, [p.id], pickup.Handover(), clerk_id=clerk.id)
        wire = {"up": 0, "down": 0}

        def count_request(request: httpx.Request) -> None:
            wire["up"] += len(request.content) + sum(len(k) + len(v) + 4 for k, v in request.headers.raw)

        def count_response(response: httpx.Response) -> None:
            response.read()
            wire["down"] += len(response.content) + sum(len(k) + len(v) + 4 for k, v in response.headers.raw)

        http = client.make_http(server.url)
        http.event_hooks = {"request": [count_request], "response": [count_response]}
        pending = client.pending_count(day)
        client.Syncer(day, http=http).push(client.SyncReport())

        # 300 stations × 500 ops at once
        tokens = []
        for n in range(300):
            county = storage.connect(server.data_dir)
            enrolment = storage.add_station(county, f"R{n:03d}", "rush")
            tokens.append(storage.enroll(county, enrolment, f"device-{n}")[2])
            county.close()

        def upload(n: int) -> int:
            ops = [{"op_id": uuid7(), "device_seq": i + 1, "type": "parcel.flagged_damaged", "entity_id": f"p{i}",
                    "payload": {"parcel_id": f"p{i}", "note": ""}, "created_at": "2026-11-23T10:00:00.000Z"}
                   for i in range(500)]
            with httpx.Client(trust_env=False, timeout=120) as h:
                answer = h.post(server.url + "/v1/ops", content=protocol.encode({"station": f"R{n:03d}", "ops": ops}),
                                headers={"Authorization": f"Bearer {tokens[n]}", "Content-Encoding": "xz"})
            return answer.json()["statuses"].count("a")

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=50) as pool:
            applied = sum(pool.map(upload, range(300)))
        rush = time.perf_counter() - start
    finally:
        server.stop()
    return [
        ("10,000 ops from one station, end to end", f"{ten_k:.2f} s", "≤ 5 s"),
        (f"a day of {pending} ops on the wire (up + down)", f"{(wire['up'] + wire['down']) / 1024:.1f} KB", "≤ 25 KB"),
        ("300 stations × 500 ops at once: server rate", f"{applied / rush:,.0f} ops/s", "reported"),
        ("  … all applied / time", f"{applied:,} / {rush:.1f} s", ""),
    ]
