"""The city server's store: counties and their credentials, and the rollups they push, each county's day replaced
whole, exactly once. SQLite by default (``city.db`` in the data folder); the SQL stays portable to PostgreSQL."""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from ..server import storage
from ..server.storage import Refused, now_iso, sha256, transaction

DB_FILENAME = "city.db"
ENROLMENT_VALID = timedelta(days=30)
COUNTY_CODE = re.compile(r"[0-9A-Za-z_-]{1,32}")


def connect(data_dir: Path) -> sqlite3.Connection:
    data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None, timeout=30, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def init(data_dir: Path) -> None:
    conn = connect(data_dir)
    try:
        conn.executescript(resources.files("sync.city").joinpath("schema.sql").read_text(encoding="utf-8"))
    finally:
        conn.close()


# ----- counties and credentials --------------------------------------------------------------------------------
class CountyError(ValueError):
    """A county the admin asked for that cannot be: a Chinese sentence saying what to do."""


def add_county(conn: sqlite3.Connection, code: str, name: str) -> str:
    """Add a county (or give a known one a new code to enrol again); returns the one-time enrolment code."""
    code, name = code.strip(), name.strip()
    if not COUNTY_CODE.fullmatch(code):
        raise CountyError("区县编码只能由 1 到 32 个字母、数字、- 或 _ 组成（如 500237），请改正。")
    if not 1 <= len(name) <= 50 or storage.printable(name, 50) != name:
        raise CountyError("区县名称应为 1 到 50 个字（如 巫山县），请改正。")
    enrolment = "-".join(secrets.token_hex(2).upper() for _ in range(4))
    with transaction(conn):
        conn.execute("INSERT INTO counties (code, name, created_at) VALUES (?,?,?) ON CONFLICT (code) DO UPDATE "
                     "SET name = excluded.name", (code, name, now_iso()))
        conn.execute("INSERT INTO county_enrolment_codes (code_hash, county, expires_at) VALUES (?,?,?)",
                     (sha256(enrolment), code, (datetime.now(UTC) + ENROLMENT_VALID).isoformat()))
    return enrolment


def enroll(conn: sqlite3.Connection, code: str) -> tuple[str, str, str]:
    """Trade a one-time code for the county's token: (county code, name, token). A new token replaces the
    county's old one."""
    code = code.strip().upper() if len(code) <= 64 and code.isascii() else ""
    refused = False
    with transaction(conn):
        row = conn.execute("SELECT * FROM county_enrolment_codes WHERE code_hash = ?", (sha256(code),)).fetchone()
        if row is None or row["used_at"] or row["expires_at"] < datetime.now(UTC).isoformat():
            storage.security_event(conn, None, "county_enrol_refused", "a wrong, used or expired code")
            refused = True
        else:
            token = secrets.token_urlsafe(32)
            conn.execute("UPDATE county_enrolment_codes SET used_at = ? WHERE code_hash = ?",
                         (now_iso(), row["code_hash"]))
            conn.execute("UPDATE counties SET token_hash = ?, enrolled_at = ?, revoked_at = NULL WHERE code = ?",
                         (sha256(token), now_iso(), row["county"]))
            name = conn.execute("SELECT name FROM counties WHERE code = ?", (row["county"],)).fetchone()[0]
    if refused:
        raise Refused(403, "enrolment_refused")
    return row["county"], name, token


def authenticate(conn: sqlite3.Connection, authorization: str | None) -> str:
    """The county a bearer token belongs to."""
    if not authorization or not authorization.startswith("Bearer ") or len(authorization) > 200:
        raise Refused(401, "credentials_missing")
    row = conn.execute("SELECT code, revoked_at FROM counties WHERE token_hash = ?",
                       (sha256(authorization[7:].strip()),)).fetchone()
    if row is None:
        raise Refused(401, "credentials_unknown")
    if row["revoked_at"]:
        raise Refused(401, "credentials_revoked")
    return str(row["code"])


def revoke(conn: sqlite3.Connection, county: str) -> int:
    with transaction(conn):
        return conn.execute("UPDATE counties SET revoked_at = ? WHERE code = ? AND revoked_at IS NULL",
                            (now_iso(), county)).rowcount


def counties(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every county with what the city holds of it (for the console and `county list`)."""
    held = {r["county"]: r for r in conn.execute(
        "SELECT county, count(*) AS days, min(day) AS first_day, max(day) AS last_day, sum(row_count) AS rows "
        "FROM county_days GROUP BY county")}
    stations = {r[0]: r[1] for r in conn.execute("SELECT county, count(*) FROM city_stations GROUP BY county")}
    out = []
    for r in conn.execute("SELECT code, name, enrolled_at, revoked_at, last_push_at, high_seq FROM counties "
                          "ORDER BY code"):
        h = held.get(r["code"])
        out.append({"code": r["code"], "name": r["name"], "enrolled_at": r["enrolled_at"],
                    "revoked_at": r["revoked_at"], "last_push_at": r["last_push_at"], "batches": r["high_seq"],
                    "stations": stations.get(r["code"], 0), "days": h["days"] if h else 0,
                    "first_day": h["first_day"] if h else None, "last_day": h["last_day"] if h else None,
                    "rows": h["rows"] if h else 0})
    return out


# ----- a push ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Push:
    """A checked batch (sync/city/wire.py): what a county says it has, its days whole."""

    batch_id: str
    seq: int
    areas: list[tuple[str, str, str, str | None]]
    stations: list[tuple[str, str, str, str]]  # code, name, village, the China day it was added
    status: list[tuple[str, str, str]]  # station, since, status
    days: dict[str, list[tuple[str, str, str, int]]]  # day → (station, figure, key, value)


def apply_push(conn: sqlite3.Connection, county: str, push: Push) -> dict[str, Any]:
    """Apply a county's batch once: a batch id seen before is answered as it was and changes nothing; each day
    replaces the county's figures of that day unless a later batch (higher seq) already wrote it."""
    with transaction(conn):
        seen = conn.execute("SELECT answer FROM push_batches WHERE county = ? AND batch_id = ?",
                            (county, push.batch_id)).fetchone()
        if seen is not None:
            return {**json.loads(seen[0]), "duplicate": True}
        taken = _areas_taken(conn, county, [a[0] for a in push.areas])
        if taken:
            storage.security_event(conn, None, "city_area_taken", f"county {county} named {taken[0]}")
            raise Refused(409, "area_taken", f"area {taken[0]} belongs to another county")
        high = conn.execute("SELECT high_seq FROM counties WHERE code = ?", (county,)).fetchone()[0]
        if push.seq > high:  # the map and stations as of this batch (an older batch's are older)
            _replace_map(conn, county, push)
        applied, stale = [], []
        written = {r[0]: r[1] for r in conn.execute("SELECT day, seq FROM county_days WHERE county = ?", (county,))}
        for day, rows in sorted(push.days.items()):
            if written.get(day, 0) >= push.seq:
                stale.append(day)
                continue
            conn.execute("DELETE FROM city_rollups WHERE county = ? AND day = ?", (county, day))
            conn.executemany("INSERT INTO city_rollups (county, station, day, figure, key, value) VALUES "
                             "(?,?,?,?,?,?)", [(county, s, day, f, k, v) for s, f, k, v in rows])
            conn.execute("INSERT INTO county_days (county, day, seq, row_count, pushed_at) VALUES (?,?,?,?,?) "
                         "ON CONFLICT (county, day) DO UPDATE SET seq = excluded.seq, row_count = "
                         "excluded.row_count, pushed_at = excluded.pushed_at",
                         (county, day, push.seq, len(rows), now_iso()))
            applied.append(day)
        for month in sorted({day[:7] for day in applied}):
            _sum_month(conn, county, month)
        answer = {"batch_id": push.batch_id, "applied": applied, "stale": stale}
        conn.execute("UPDATE counties SET high_seq = CASE WHEN high_seq < ? THEN ? ELSE high_seq END, "
                     "last_push_at = ? WHERE code = ?", (push.seq, push.seq, now_iso(), county))
        conn.execute("INSERT INTO push_batches (county, batch_id, seq, received_at, answer) VALUES (?,?,?,?,?)",
                     (county, push.batch_id, push.seq, now_iso(), json.dumps(answer)))
    return {**answer, "duplicate": False}


def _areas_taken(conn: sqlite3.Connection, county: str, codes: list[str]) -> list[str]:
    taken: list[str] = []
    for i in range(0, len(codes), 500):
        part = codes[i:i + 500]
        taken += [r[0] for r in conn.execute(f"SELECT code FROM city_areas WHERE county != ? AND code IN "
                                             f"({','.join('?' * len(part))})", (county, *part))]
    return taken


def _replace_map(conn: sqlite3.Connection, county: str, push: Push) -> None:
    for table in ("city_areas", "city_stations", "city_station_status"):
        conn.execute(f"DELETE FROM {table} WHERE county = ?", (county,))
    conn.executemany("INSERT INTO city_areas (county, code, name, level, parent_code) VALUES (?,?,?,?,?)",
                     [(county, *a) for a in push.areas])
    conn.executemany("INSERT INTO city_stations (county, code, name, village, added_day) VALUES (?,?,?,?,?)",
                     [(county, *s) for s in push.stations])
    conn.executemany("INSERT INTO city_station_status (county, station, since, status) VALUES (?,?,?,?)",
                     [(county, *s) for s in push.status])


def _sum_month(conn: sqlite3.Connection, county: str, month: str) -> None:
    """The month's sums again from its days (a replaced day cannot be added on top of what it replaced)."""
    conn.execute("DELETE FROM city_rollups_month WHERE county = ? AND month = ?", (county, month))
    conn.execute("INSERT INTO city_rollups_month (county, station, month, figure, key, value) SELECT county, station, "
                 "?, figure, key, sum(value) FROM city_rollups WHERE county = ? AND day >= ? AND day <= ? "
                 "GROUP BY county, station, figure, key", (month, county, month + "-01", month + "-31"))
