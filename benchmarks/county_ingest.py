"""County ingest under load (issue #15): stations pushing a realistic day at once over HTTP to a real
`county-server serve`. Prints numbers; asserts nothing. The machine is shared: the numbers are indicative.

    .venv/bin/python benchmarks/county_ingest.py [--stations 50,300,1000] [--ops 500] [--at-once 50]
                                                 [--database URL]

Each station uploads --ops ops (batches of at most 500, the protocol's limit) and then pulls its feed, with
--at-once stations doing so at the same time (default: all of them, at most 50 — the issue's "50 stations pushing at
once"). The mix is a station's real day: parcels received (most with a phone, so the county texts the recipient),
parcels picked up and returned, sendings, produce taken in and sold, bills. Texts go out through the server's own
sender (the generic HTTP gateway to a vendor on 127.0.0.1, no merge wait)
while the ingest runs, as they do in the field.

Printed per station count: ops/s (all ops / wall time of the uploads), p50/p99 of an upload's latency, p99 of a
feed pull, bytes per op on disk (the database files, indexes included, over the ledger's ops), the server's peak RSS,
and texts sent vs distinct texts (a text sent twice shows here).

--database postgresql://… passes the URL to `county-server serve` (for the PostgreSQL back-end once it lands); the
stations are then enrolled through the CLI and bytes per op are not measured.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station_app.core.ids import uuid7  # noqa: E402
from sync import protocol  # noqa: E402
from sync.server import storage  # noqa: E402

COURIERS = ("EMS", "ZTO", "YTO", "YUNDA", "STO", "JT", "SF", "JD")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _at(start: datetime, i: int, step: int = 20) -> str:
    return (start + timedelta(seconds=i * step)).isoformat(timespec="milliseconds")[:23] + "Z"


def station_day(rng: random.Random, n: int, count: int, first_seq: int, start: datetime | None = None,
                shelf: list[str] | None = None) -> list[dict[str, Any]]:
    """A station's day of ``count`` ops from ``start`` (default: three hours ago), as a real counter journals them
    (payloads valid per sync/ops.py); ``shelf`` carries the parcels still waiting from day to day."""
    out: list[dict[str, Any]] = []
    shelf = [] if shelf is None else shelf
    start = start or datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    step = max(1, 36_000 // max(1, count))  # a ten-hour counter day
    i = 0
    while len(out) < count:
        roll = rng.random()
        at = _at(start, i, step)
        i += 1
        if roll < 0.42 or len(shelf) < 5:
            pid = uuid7()
            shelf.append(pid)
            phone = f"13{n % 100:02d}{rng.randrange(10**7):07d}"
            with_phone = rng.random() < 0.85  # the rest are privacy waybills: the courier notifies
            payload = {"parcel_id": pid, "waybill": f"W{rng.getrandbits(40):013d}", "courier": rng.choice(COURIERS),
                       "pickup_code": f"2-1-{i % 10000:04d}", "shelf": 2, "layer": 1, "from_manifest": False,
                       "damaged": False, "damage_note": "", "recipient_name": "张三",
                       "recipient_phone": phone if with_phone else "", "phone_tail": phone[-4:]}
            if with_phone:
                payload["notification_id"] = uuid7()
            out.append(_op("parcel.received", pid, payload, at))
        elif roll < 0.78:
            # yesterday's parcels are today's pickups: take the oldest half of the shelf
            pid = shelf.pop(rng.randrange(max(1, len(shelf) // 2)))
            out.append(_op("parcel.picked_up", pid, {"parcel_id": pid, "waybill": "W1", "handover": "self",
                                                     "proxy_name": "", "proxy_phone_tail": ""}, at))
        elif roll < 0.82:
            pid = shelf.pop(0)
            out.append(_op("parcel.returned", pid, {"parcel_id": pid, "waybill": "W1", "reason": "overdue"}, at))
        elif roll < 0.88:
            sid = uuid7()
            out.append(_op("sending.accepted", sid, {
                "sending_id": sid, "waybill": f"S{rng.getrandbits(40):013d}", "waybill_source": "station",
                "courier": rng.choice(COURIERS), "sender_id": uuid7(), "recipient_name": "李四",
                "recipient_phone": "13912345678", "province": "广东", "city": "广州市", "county": "天河区",
                "address": "体育西路 1 号", "item": "衣服", "inspected": True, "weight_g": 2300, "chargeable_g": 2300,
                "fee_fen": 2000, "payment": "cash", "approved_by": None, "findings": []}, at))
        elif roll < 0.94:
            lot = uuid7()
            product = rng.choice(("CUILI", "GANJU", "HUAJIAO"))
            out.append(_op("produce.taken_in", lot, {
                "lot_id": lot, "lot_no": f"L{n:04d}{i:05d}", "consignor_id": uuid7(), "product_code": product,
                "grade": "一级", "gross_g": 10_500, "tare_g": 500, "deduction_g": 0, "net_g": 10_000,
                "price_fen_per_kg": 800, "boxes": [f"B{n:04d}{i:05d}-1", f"B{n:04d}{i:05d}-2"]}, at))
            if len(out) < count:
                out.append(_op("produce.sold", lot, {"sale_id": uuid7(), "lot_id": lot, "lot_no": f"L{n:04d}{i:05d}",
                                                     "sold_g": 10_000, "sales_fen": 8_000, "source": "station"},
                               _at(start, i, step)))
        else:
            bid = uuid7()
            out.append(_op("bill.paid", bid, {
                "payment_id": bid, "type_code": "ELEC", "account": "1234567890", "payer_name": "王",
                "payer_phone": "13800001111", "amount_fen": 10_000, "channel": "cash", "reference": "T",
                "commission_fen": 50, "business_day": at[:10]}, at))
    for k, op in enumerate(out):
        op["device_seq"] = first_seq + k
    return out


def _op(kind: str, entity: str, payload: dict[str, Any], at: str) -> dict[str, Any]:
    return {"op_id": uuid7(), "device_seq": 0, "type": kind, "entity_id": entity, "payload": payload,
            "created_at": at}


class Vendor:
    """A regional SMS vendor's HTTP API on 127.0.0.1: answers {"result": "0"}, counts each text id it is sent."""

    def __init__(self) -> None:
        owner = self
        self.refs: Counter[str] = Counter()
        self.lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                values = dict(parse_qsl(self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()))
                with owner.lock:
                    owner.refs[values.get("extno", "?")] += 1
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


class Server:
    def __init__(self, data_dir: Path, database: str | None) -> None:
        self.data_dir, self.database, self.port = data_dir, database, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def cli(self, *args: str, stdin: str = "") -> str:
        where = ["--database", self.database] if self.database else []
        done = subprocess.run([sys.executable, "-m", "sync.server.cli", *args, "--data-dir", str(self.data_dir),
                               *where], capture_output=True, text=True, input=stdin, timeout=300)
        if done.returncode != 0:
            raise SystemExit(f"county-server {' '.join(args)}: {done.stderr[-500:]}")
        return done.stdout

    def start(self) -> None:
        where = ["--database", self.database] if self.database else []
        self.proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--data-dir",
                                      str(self.data_dir), "--port", str(self.port), *where],
                                     env={**os.environ, "COUNTY_SMS_INTERVAL": "0.5"},
                                     stdout=subprocess.DEVNULL, stderr=open(self.data_dir / "server.log", "ab"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/openapi.json", timeout=1, trust_env=False).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise SystemExit("county server did not start")

    def peak_rss_mb(self) -> float:
        assert self.proc is not None
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(60)


def enrol(server: Server, n: int) -> list[str]:
    """Tokens for n stations: in-process on SQLite (fast), through the CLI and HTTP otherwise."""
    tokens = []
    if server.database is None:
        storage.init(server.data_dir)
        conn = storage.connect(server.data_dir)
        for i in range(n):
            code = storage.add_station(conn, f"B{i:04d}", f"B{i:04d} 站")
            tokens.append(storage.enroll(conn, code, uuid7())[2])
        conn.close()
        return tokens
    for i in range(n):
        code = server.cli("station", "add", "--code", f"B{i:04d}", "--name", f"B{i:04d} 站").strip()
        answer = httpx.post(server.url + "/v1/enroll", json={"code": code, "device_id": uuid7()}, trust_env=False)
        tokens.append(str(answer.json()["token"]))
    return tokens


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def run(stations: int, per_station: int, at_once: int, database: str | None) -> dict[str, Any]:
    base = Path(tempfile.mkdtemp(prefix="county-ingest-"))
    data_dir = base / "county"
    data_dir.mkdir()
    server = Server(data_dir, database)
    vendor = Vendor()
    if database is None:
        tokens = enrol(server, stations)
    server.cli("sms", "set", "--gateway", "http", "--http-url", vendor.url, "--http-params",
               '{"phone": "mobile", "text": "content", "ref": "extno"}', "--http-success", '"result": "0"',
               "--merge-minutes", "0", "--quiet", "off", "--phone-minute", "100", "--phone-hourly", "1000",
               "--station-daily", "100000", "--phone-daily", "1000")
    server.start()
    if database is not None:
        tokens = enrol(server, stations)
    rng = random.Random(15)
    bodies: list[list[bytes]] = []  # encoded before the clock starts: the server is measured, not our xz
    for n in range(stations):
        ops = station_day(rng, n, per_station, 1)
        bodies.append([protocol.encode({"ops": ops[i:i + protocol.MAX_BATCH_OPS]})
                       for i in range(0, len(ops), protocol.MAX_BATCH_OPS)])
    uploads: list[float] = []
    feeds: list[float] = []
    applied = [0]
    lock = threading.Lock()
    local = threading.local()

    def station(n: int) -> None:
        http = getattr(local, "http", None)
        if http is None:
            http = local.http = httpx.Client(trust_env=False, timeout=600)
        auth = {"Authorization": f"Bearer {tokens[n]}"}

        def again(request: Any) -> httpx.Response:  # a kept-alive connection the server closed: once more
            try:
                return http.send(request)
            except httpx.TransportError:
                return http.send(request)

        for body in bodies[n]:
            began = time.perf_counter()
            answer = again(http.build_request("POST", server.url + "/v1/ops", content=body,
                                              headers={**auth, "Content-Encoding": "xz"}))
            took = time.perf_counter() - began
            got = answer.json()["statuses"].count("a") if answer.status_code == 200 else 0
            began = time.perf_counter()
            again(http.build_request("GET", server.url + "/v1/feed", params={"after": 0, "limit": 500},
                                     headers=auth))
            with lock:
                uploads.append(took)
                feeds.append(time.perf_counter() - began)
                applied[0] += got

    try:
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=min(stations, at_once)) as pool:
            list(pool.map(station, range(stations)))
        wall = time.perf_counter() - began
        rss = server.peak_rss_mb()
        time.sleep(2)  # the sender's last round
    finally:
        server.stop()
        vendor.close()
    out: dict[str, Any] = {"stations": stations, "at_once": min(stations, at_once), "ops": applied[0],
                           "ops_s": applied[0] / wall, "wall_s": wall, "p50": pct(uploads, .5),
                           "p99": pct(uploads, .99), "feed_p99": pct(feeds, .99), "rss_mb": rss}
    if database is None:
        size = sum(f.stat().st_size for f in data_dir.glob("county.db*"))
        conn = sqlite3.connect(data_dir / "county.db")
        ledger = conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
        out["bytes_op"] = size / max(1, ledger)
        out["texts"] = conn.execute("SELECT count(*) FROM sms_texts WHERE state = 'sent'").fetchone()[0]
        conn.close()
    out["sends"], out["distinct"] = sum(vendor.refs.values()), len(vendor.refs)
    shutil.rmtree(base, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stations", default="50,300,1000", help="comma-separated station counts")
    parser.add_argument("--ops", type=int, default=500, help="ops each station uploads")
    parser.add_argument("--at-once", type=int, default=50, help="stations uploading at the same time")
    parser.add_argument("--database", default=os.environ.get("COUNTY_DATABASE_URL"),
                        help="postgresql://… (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    print(f"County ingest over HTTP, {args.ops} ops per station, {os.cpu_count()} cores (shared machine: "
          f"indicative), {'SQLite' if not args.database else 'PostgreSQL'}")
    print(f"{'stations':>8} {'at once':>7} {'ops':>9} {'ops/s':>8} {'p50 s':>7} {'p99 s':>7} {'feed p99':>8} "
          f"{'B/op':>7} {'RSS MB':>7} {'texts sent/distinct':>20}")
    for stations in [int(s) for s in args.stations.split(",") if s.strip()]:
        r = run(stations, args.ops, args.at_once, args.database)
        texts = f"{r.get('sends', '-')}/{r.get('distinct', '-')}"
        print(f"{r['stations']:>8} {r['at_once']:>7} {r['ops']:>9,} {r['ops_s']:>8,.0f} {r['p50']:>7.2f} "
              f"{r['p99']:>7.2f} {r['feed_p99']:>8.2f} {r.get('bytes_op', float('nan')):>7,.0f} {r['rss_mb']:>7.0f} "
              f"{texts:>20}", flush=True)
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()}), flush=True)


if __name__ == "__main__":
    main()
