"""The station itself: created once per data directory, by script or by the first-run wizard."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from . import clerks, couriers, journal, shelving
from .clock import to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$")


@dataclass(frozen=True)
class Station:
    code: str
    name: str
    device_id: str


def get(conn: sqlite3.Connection) -> Station | None:
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if "station_code" not in meta:
        return None
    return Station(meta["station_code"], meta["station_name"], meta["device_id"])


def init_station(conn: sqlite3.Connection, code: str, name: str, clerk_name: str, pin: str,
                 *, shelves: int = 4, layers: int = 4, capacity: int = 40) -> tuple[Station, clerks.Clerk]:
    """Create the station, its default shelves and couriers, and its first clerk (a supervisor)."""
    code, name = code.strip(), name.strip()
    if not _CODE.match(code):
        raise StationError("station_code_invalid", code, code=code)
    if not name:
        raise StationError("station_name_missing")
    if get(conn) is not None:
        raise StationError("station_exists", code)
    station = Station(code, name, uuid7())
    with transaction(conn):
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
            ("station_code", code), ("station_name", name), ("device_id", station.device_id),
            ("created_at", to_iso(utc_now())),
        ])
        couriers.install_builtin(conn)
        journal.append(conn, "station.created", {"code": code, "name": name, "device_id": station.device_id},
                       clerk_id=None)
        first = clerks.insert_clerk(conn, clerk_name, pin, "supervisor", by=None)
        shelving.write_shelves(conn, [(n, layers, capacity) for n in range(1, shelves + 1)], clerk_id=first.id)
    return station, first
