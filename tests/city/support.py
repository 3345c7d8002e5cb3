"""What city tests share: the real `city-server serve` process, counties (real `county-server` processes whose
stations make ops with the station core and sync them with the real client), and signing in to a console."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from station_app.core import parcels, pickup
from station_app.core.clock import utc_now
from sync import client as sync_client
from sync.server import stations
from tests.console.support import add_user
from tests.county_seed import open_station
from tests.sync.support import CountyServer, free_port

H = timedelta(hours=1)
CITY_ADMIN, CITY_VIEWER = ("王主任", "city-admin-pass"), ("赵干事", "city-viewer-pass")
COUNTY_ADMIN = ("张主任", "county-admin-pass")


class CityServer:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir, self.port = data_dir, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / "city.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen([sys.executable, "-m", "sync.city.cli", "serve", "--data-dir", str(self.data_dir),
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=open(self.log, "ab"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/v1/health", timeout=1, trust_env=False).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("city server did not start: " + self.log.read_text(errors="replace")[-2000:])

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def admin(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sync.city.cli", *args, "--data-dir", str(self.data_dir)],
                              capture_output=True, text=True, encoding="utf-8", timeout=60, input=stdin)

    def figures(self, start: date, end: date, by: str = "county") -> dict[str, Any]:
        done = self.admin("figures", "--from", start.isoformat(), "--to", end.isoformat(), "--by", by, "--json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


def areas_csv(folder: Path, code: str, name: str) -> Path:
    """A county of two townships with two 建制村 each (12-digit codes built on the county's 6)."""
    lines = ["code,name,level,parent_code", f"{code}000000,{name},county,"]
    for t, town in ((101, f"{name[:2]}一镇"), (102, f"{name[:2]}二镇")):
        lines.append(f"{code}{t}000,{town},township,{code}000000")
        for v in (201, 202):
            lines.append(f"{code}{t}{v},{town}{v - 200}村,village,{code}{t}000")
    path = folder / f"{code}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class County:
    code: str
    name: str
    server: CountyServer
    stations: dict[str, Any] = field(default_factory=dict)  # code → (conn, clerk)

    def admin(self, *args: str) -> subprocess.CompletedProcess:
        return self.server.admin(*args)

    def receive(self, station: str, waybills: list[str], ago: timedelta = H, picked: int = 0,
                now: datetime | None = None) -> None:
        """Parcels in at the station ``ago`` before now, the first ``picked`` of them picked up now; then a sync."""
        conn, clerk = self.stations[station]
        now = now or utc_now()
        got = [parcels.receive(conn, w, clerk_id=clerk.id, now=now - ago).parcel for w in waybills]
        for parcel in got[:picked]:
            pickup.confirm(conn, [parcel.id], pickup.Handover("self"), clerk_id=clerk.id, now=now)
        sync_client.Syncer(conn).sync()

    def push(self, *extra: str) -> str:
        done = self.admin("city", "push", *extra)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def token(self) -> str:
        return self.server.query("SELECT token FROM city_link")[0][0]


def make_county(folder: Path, code: str, name: str) -> County:
    """A running county server with its map, two stations (in villages of its first township and its second),
    and a console admin."""
    server = CountyServer(folder / "county")
    server.data_dir.mkdir(parents=True)
    assert add_user(server, COUNTY_ADMIN[0], "admin", COUNTY_ADMIN[1]).returncode == 0
    server.start()
    county = County(code, name, server)
    assert server.admin("area", "import", str(areas_csv(folder, code, name))).returncode == 0
    (folder / "stations").mkdir()
    for station, village in (("S1", f"{code}101201"), ("S2", f"{code}102201")):
        county.stations[station] = open_station(folder / "stations", server, station, village)
    return county


def signed_in(url: str, who: tuple[str, str]) -> httpx.Client:
    """An HTTP client signed in to a console (county or city) through its login form."""
    client = httpx.Client(base_url=url, trust_env=False, timeout=30)
    form = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token, form[:500]
    done = client.post("/login", data={"csrf": token.group(1), "name": who[0], "password": who[1]})
    assert done.status_code == 303, done.text[:500]
    return client


def period() -> tuple[date, date]:
    today = date.fromisoformat(stations.china_today())
    return today - timedelta(days=6), today


def county_total(county: County) -> dict:
    start, end = period()
    client = signed_in(county.server.url, COUNTY_ADMIN)
    try:
        answer = client.get("/api/figures", params={"from": start.isoformat(), "to": end.isoformat()})
    finally:
        client.close()
    assert answer.status_code == 200, answer.text
    return answer.json()["total"]


def city_rows(city: CityServer) -> dict[str, dict]:
    start, end = period()
    return {r["key"]: r["figures"] for r in city.figures(start, end)["rows"]}


def city_db(city: CityServer, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(city.data_dir / "city.db", timeout=30)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def post(city: CityServer, token: str, body: dict | bytes, **headers: str) -> httpx.Response:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(city.url + "/v1/rollups", content=raw, trust_env=False, timeout=30,
                      headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", **headers})


def batch(county: County, seq: int, days: dict[str, list], areas: list | None = None) -> dict:
    return {"protocol": 1, "county": county.code, "batch_id": str(uuid.uuid4()), "seq": seq, "areas": areas or [],
            "stations": [["S1", "S1 站", "", "2026-01-01", []]],
            "days": [{"day": d, "rows": rows} for d, rows in days.items()]}
