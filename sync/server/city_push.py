"""The county's side of the city above it (sync/city): enrol with a one-time code, then push the county's daily
rollups (figures only: no ops, no names, no phones) with its map and stations, whole days at a time.

Which days: each day's rows are digested; a day whose digest differs from the one the city last acknowledged is
pushed again (a station that syncs a week late changes an old day). Each batch has an id and a sequence number
taken (and committed) before it is sent: a resend of the same batch is answered from the city's record and changes
nothing, and an older batch arriving late never overwrites a newer one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from . import rollups, stations, storage

log = logging.getLogger("county.city")
PROTOCOL = 1  # sync/city/wire.py VERSION
WINDOW_DAYS = 62  # days looked at again by default: a station offline for weeks still reaches the city
BATCH_ROWS = 100_000  # rows per batch (a day is never split): ~1 MB gzip-compressed
ATTEMPTS = 3
AUTO_SETTING = "city_auto_push"  # server_settings: 'HH:MM' China time, the daily push; absent: off


class CityError(Exception):
    """What went wrong, as a Chinese sentence saying what to do (and the city's reason code where it gave one)."""


def link(conn: sqlite3.Connection) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM city_link WHERE id = 1").fetchone()
    return row


def _client(timeout: float = 60.0) -> httpx.Client:
    return httpx.Client(timeout=timeout, trust_env=False)


def _refusal(response: httpx.Response) -> str:
    try:
        body = response.json()
        return f"{body.get('error', '')} {body.get('detail', '')}".strip()
    except ValueError:
        return f"HTTP {response.status_code}"


def enroll(conn: sqlite3.Connection, url: str, code: str) -> tuple[str, str]:
    """Trade the city's one-time code for this county's credential; returns (county code, name at the city)."""
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise CityError("市级服务器地址应以 http:// 或 https:// 开头，请改正。")
    try:
        with _client(30) as client:
            response = client.post(url + "/v1/enroll", json={"code": code.strip()})
    except httpx.HTTPError as err:
        raise CityError(f"连不上市级服务器（{type(err).__name__}），请检查地址和网络后重试。") from None
    if response.status_code != 200:
        raise CityError(f"市级服务器拒绝了注册码（{_refusal(response)}）：请核对注册码，或请市级重新生成。")
    answer = response.json()
    county, name, token = answer["county"], answer["name"], answer["token"]
    with storage.transaction(conn):
        old = link(conn)
        if old is None or old["url"] != url or old["county"] != county:  # a new city knows nothing yet
            conn.execute("DELETE FROM city_pushed_days")
        conn.execute("INSERT INTO city_link (id, url, county, name, token, enrolled_at, next_seq) VALUES "
                     "(1,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET url = excluded.url, county = excluded.county, "
                     "name = excluded.name, token = excluded.token, enrolled_at = excluded.enrolled_at",
                     (url, county, name, token, storage.now_iso(), 1))
    return county, name


# ----- what is pushed --------------------------------------------------------------------------------------------
def _china_day(utc: str) -> str:
    return rollups.china_day(utc)


def county_map(conn: sqlite3.Connection) -> tuple[list[list[Any]], list[list[Any]]]:
    """The county's areas and its stations (code, name, 建制村, the day it was added, status history): no contacts."""
    areas = [[r[0], r[1], r[2], r[3]] for r in conn.execute(
        "SELECT code, name, level, parent_code FROM areas ORDER BY code")]
    history: dict[str, list[list[str]]] = {}
    for station, since, status in conn.execute("SELECT station, since, status FROM station_status ORDER BY station, "
                                               "since"):
        history.setdefault(station, []).append([since, status])
    listed = [[r[0], r[1], r[2] or "", _china_day(r[3]), history.get(r[0], [])] for r in conn.execute(
        "SELECT s.code, s.name, r.village, s.created_at FROM stations s LEFT JOIN station_records r ON r.code = "
        "s.code ORDER BY s.code")]
    return areas, listed


def day_rows(conn: sqlite3.Connection, first: str | None) -> dict[str, list[list[Any]]]:
    """Each day's rollup rows (from ``first`` on, else all), zero rows left out (a voided op nets to zero)."""
    out: dict[str, list[list[Any]]] = {}
    sql = "SELECT day, station, figure, key, value FROM rollups WHERE value != 0"
    args: tuple[str, ...] = ()
    if first:
        sql, args = sql + " AND day >= ?", (first,)
    for day, station, figure, key, value in conn.execute(sql + " ORDER BY day, station, figure, key", args):
        out.setdefault(day, []).append([station, figure, key, int(value)])
    return out


def digest(rows: list[list[Any]]) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


@dataclass
class Report:
    batches: int = 0
    days: list[str] = field(default_factory=list)  # applied at the city
    rows: int = 0
    sent_bytes: int = 0


def push(conn: sqlite3.Connection, since: str | None = None, client: httpx.Client | None = None) -> Report:
    """Push every day (from ``since``, else the last WINDOW_DAYS, else all on a first push) whose rows differ from
    what the city acknowledged."""
    here = link(conn)
    if here is None:
        raise CityError("本县还没有向市级注册：请先运行 county-server city enroll --url 市级地址 --code 注册码。")
    acked = {r[0]: r[1] for r in conn.execute("SELECT day, digest FROM city_pushed_days")}
    if since is None and acked:
        since = (date.fromisoformat(stations.china_today()) - timedelta(days=WINDOW_DAYS)).isoformat()
    current = day_rows(conn, since)
    for day in acked:  # a day the city holds whose rows are gone here (a rebuild): replace it with nothing
        if (since is None or day >= since) and day not in current:
            current[day] = []
    changed = [day for day in sorted(current) if acked.get(day) != digest(current[day])]
    report = Report()
    if not changed:  # nothing new: a push all the same (the daily push is done for today)
        with storage.transaction(conn):
            conn.execute("UPDATE city_link SET last_push_at = ?, last_error = NULL WHERE id = 1", (storage.now_iso(),))
        return report
    areas, listed = county_map(conn)
    batch: list[str] = []
    size = 0
    own = client is None
    client = client or _client()
    try:
        for day in changed:
            if batch and size + len(current[day]) > BATCH_ROWS:
                _send(conn, client, here, areas, listed, {d: current[d] for d in batch}, report)
                batch, size = [], 0
            batch.append(day)
            size += len(current[day])
        _send(conn, client, here, areas, listed, {d: current[d] for d in batch}, report)
    finally:
        if own:
            client.close()
    return report


def _send(conn: sqlite3.Connection, client: httpx.Client, here: sqlite3.Row, areas: list[list[Any]],
          listed: list[list[Any]], days: dict[str, list[list[Any]]], report: Report) -> None:
    with storage.transaction(conn):  # the sequence number is spent before the batch leaves: never reused
        seq = conn.execute("SELECT next_seq FROM city_link WHERE id = 1").fetchone()[0]
        conn.execute("UPDATE city_link SET next_seq = next_seq + 1 WHERE id = 1")
    body = {"protocol": PROTOCOL, "county": here["county"], "batch_id": str(uuid.uuid4()), "seq": seq,
            "areas": areas, "stations": listed, "days": [{"day": d, "rows": rows} for d, rows in days.items()]}
    raw = gzip.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(), 6)
    headers = {"Authorization": f"Bearer {here['token']}", "Content-Type": "application/json",
               "Content-Encoding": "gzip"}
    answer = None
    for attempt in range(ATTEMPTS):  # the same batch (same id) again: the city applies it at most once
        try:
            response = client.post(here["url"] + "/v1/rollups", content=raw, headers=headers)
        except httpx.HTTPError as err:
            problem = f"连不上市级服务器（{type(err).__name__}）"
        else:
            if response.status_code == 200:
                answer = response.json()
                break
            if 400 <= response.status_code < 500:
                raise CityError(f"市级服务器拒收了推送（{_refusal(response)}）；本县数据未改动，请联系市级管理员。")
            problem = f"市级服务器出错（HTTP {response.status_code}）"
        if attempt + 1 < ATTEMPTS:
            time.sleep(0.5 * 2 ** attempt)
    if answer is None:
        raise CityError(f"{problem}，请稍后重试 county-server city push。")
    now = storage.now_iso()
    applied = [d for d in answer.get("applied", []) if d in days]
    with storage.transaction(conn):
        conn.executemany("INSERT INTO city_pushed_days (day, digest, seq, pushed_at) VALUES (?,?,?,?) ON CONFLICT "
                         "(day) DO UPDATE SET digest = excluded.digest, seq = excluded.seq, pushed_at = "
                         "excluded.pushed_at", [(d, digest(days[d]), seq, now) for d in applied])
        conn.execute("UPDATE city_link SET last_push_at = ?, last_error = NULL WHERE id = 1", (now,))
    report.batches += 1
    report.days += applied
    report.rows += sum(len(days[d]) for d in applied)
    report.sent_bytes += len(raw)


# ----- the daily push while `county-server serve` runs -----------------------------------------------------------
def set_auto(conn: sqlite3.Connection, at: str | None) -> None:
    """The daily push at ``at`` ('HH:MM', China time), or off (None)."""
    with storage.transaction(conn):
        if at is None:
            conn.execute("DELETE FROM server_settings WHERE key = ?", (AUTO_SETTING,))
        else:
            datetime.strptime(at, "%H:%M")  # ValueError: not a time
            conn.execute("INSERT INTO server_settings (key, value) VALUES (?,?) ON CONFLICT (key) DO UPDATE SET "
                         "value = excluded.value", (AUTO_SETTING, at))


def due(conn: sqlite3.Connection, now: datetime) -> bool:
    """A city is configured, the daily push is on, its time has come today (China time) and today's has not
    succeeded yet."""
    setting = conn.execute("SELECT value FROM server_settings WHERE key = ?", (AUTO_SETTING,)).fetchone()
    here = link(conn)
    if setting is None or here is None:
        return False
    local = now.astimezone(rollups.CHINA)
    if local.strftime("%H:%M") < setting[0]:
        return False
    last = here["last_push_at"]
    return last is None or _china_day(last) < local.date().isoformat()


class DailyPush:
    """A background thread: checks each minute, pushes once a day when due, backs off (1 min doubling to 1 h)
    after a failure. Does nothing unless `county-server city auto --at HH:MM` turned it on."""

    def __init__(self, data_dir: Path, check_every: float = 60.0) -> None:
        self.data_dir, self.check_every = data_dir, check_every
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="city-push", daemon=True)

    def start(self) -> DailyPush:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()

    def _run(self) -> None:
        wait, backoff = 0.0, 60.0
        while not self.stopping.wait(wait):
            wait = self.check_every
            try:
                conn = storage.connect(self.data_dir)
                try:
                    if due(conn, datetime.now(UTC)):
                        report = push(conn)
                        log.info("pushed %d days (%d rows) to the city", len(report.days), report.rows)
                    backoff = 60.0
                finally:
                    conn.close()
            except (CityError, sqlite3.Error, OSError, ValueError) as err:
                log.warning("city push failed, next try in %.0f s: %s", backoff, err)
                self._note_error(str(err))
                wait, backoff = backoff, min(backoff * 2, 3600.0)

    def _note_error(self, error: str) -> None:
        try:
            conn = storage.connect(self.data_dir)
            try:
                conn.execute("UPDATE city_link SET last_error = ? WHERE id = 1", (storage.printable(error, 300),))
            finally:
                conn.close()
        except sqlite3.Error:
            pass


def start_daily(data_dir: Path) -> DailyPush:
    return DailyPush(data_dir).start()
