"""Hand-over to the bus run (交接): what waits goes on a manifest, each item is scanned onto the run,
missing or extra items are shown before the manifest is closed."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from . import journal, refdata, station
from .clock import from_iso, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


@dataclass(frozen=True)
class Run:
    """One departure as this station sees it: ``from_node → to_node`` is the way items handed over travel."""

    route_code: str
    mode: str
    from_node: str
    to_node: str
    departs: datetime  # local time, as the timetable gives it for the route's first stop
    returning: bool = False  # the timetable's route ends here: outgoing items ride the way back


def _runs_on(days: str, weekday: int) -> bool:
    if days in ("daily", ""):
        return True
    if "-" in days:
        first, last = (_WEEKDAYS[d] for d in days.split("-"))
        return first <= weekday <= last
    return any(_WEEKDAYS.get(d) == weekday for d in days.split("|"))


def next_runs(conn: sqlite3.Connection, now: datetime | None = None, horizon_days: int = 2) -> list[Run]:
    """The coming departures, soonest first; only the routes that name this station when any do.

    The timetable lists routes from the centre out to the villages; a station at the end of a route hands
    its outgoing items to the bus on the way back, so such a run is shown station → centre. A run whose
    hand-over is already closed is not offered again.
    """
    now = (now or utc_now()).astimezone()
    here = station.get(conn)
    routes = refdata.rows(conn, "bus_runs")
    mine = [r for r in routes if here and here.name in (str(r["from_node"]) + str(r["to_node"]))]
    closed = {(r[0], r[1]) for r in conn.execute("SELECT route_code, departs_at FROM dispatches "
                                                  "WHERE status = 'closed'")}
    runs = []
    for route in mine or routes:
        for offset in range(horizon_days + 1):
            day = (now + timedelta(days=offset)).date()
            if not _runs_on(str(route.get("days", "daily")), day.weekday()):
                continue
            for hhmm in str(route["departs"]).split("|"):
                hour, minute = (int(x) for x in hhmm.split(":"))
                departs = now.replace(year=day.year, month=day.month, day=day.day, hour=hour, minute=minute,
                                      second=0, microsecond=0)
                if departs <= now or (str(route["route_code"]), to_iso(departs)) in closed:
                    continue
                runs.append(Run(str(route["route_code"]), str(route["mode"]), *_leg(route, here), departs,
                                _returning(route, here)))
    return sorted(runs, key=lambda r: r.departs)


def _returning(route: dict[str, Any], here: station.Station | None) -> bool:
    start, end = str(route["from_node"]), str(route["to_node"])
    return here is not None and here.name in end and here.name not in start


def _leg(route: dict[str, Any], here: station.Station | None) -> tuple[str, str]:
    start, end = str(route["from_node"]), str(route["to_node"])
    return (end, start) if _returning(route, here) else (start, end)


def route_leg(conn: sqlite3.Connection, route_code: str) -> tuple[str, str, str] | None:
    """(mode, from, to) of a route as this station's items travel on it, for the driver's list."""
    here = station.get(conn)
    for route in refdata.rows(conn, "bus_runs"):
        if str(route["route_code"]) == route_code:
            return (str(route["mode"]), *_leg(route, here))
    return None


@dataclass(frozen=True)
class Manifest:
    id: str
    route_code: str
    departs_at: str
    status: str
    expected: list[tuple[str, str]]  # (code, kind) on the manifest
    scanned: list[str]
    missing: list[str]
    extra: list[str]


def open_dispatch(conn: sqlite3.Connection, route_code: str, departs: datetime, *, clerk_id: str) -> Manifest:
    """A manifest of everything waiting: accepted parcels and produce boxes still in the station."""
    if conn.execute("SELECT 1 FROM dispatches WHERE status = 'open'").fetchone():
        raise StationError("dispatch_already_open")
    dispatch_id = uuid7()
    with transaction(conn):
        items = [(r[0], "sending") for r in conn.execute(
            "SELECT waybill FROM sendings WHERE status = 'accepted' ORDER BY created_at")]
        items += [(r[0], "box") for r in conn.execute(
            "SELECT code FROM boxes WHERE status = 'in_station' ORDER BY code")]
        if not items:
            raise StationError("nothing_waiting")
        conn.execute("INSERT INTO dispatches (id, route_code, departs_at, status, created_at) "
                     "VALUES (?,?,?, 'open', ?)", (dispatch_id, route_code, to_iso(departs), to_iso(utc_now())))
        conn.executemany("INSERT INTO dispatch_items (dispatch_id, code, kind) VALUES (?,?,?)",
                         [(dispatch_id, code, kind) for code, kind in items])
        journal.append(conn, "dispatch.opened", {"dispatch_id": dispatch_id, "route_code": route_code,
                                                 "departs_at": to_iso(departs), "items": [c for c, _ in items]},
                       clerk_id=clerk_id, entity_id=dispatch_id)
    return manifest(conn, dispatch_id)


def open_manifest(conn: sqlite3.Connection) -> Manifest | None:
    row = conn.execute("SELECT id FROM dispatches WHERE status = 'open'").fetchone()
    return manifest(conn, row[0]) if row else None


def manifest(conn: sqlite3.Connection, dispatch_id: str) -> Manifest:
    head = conn.execute("SELECT * FROM dispatches WHERE id = ?", (dispatch_id,)).fetchone()
    if head is None:
        raise StationError("dispatch_unknown")
    rows = conn.execute("SELECT code, kind, scanned_at FROM dispatch_items WHERE dispatch_id = ? ORDER BY kind, code",
                        (dispatch_id,)).fetchall()
    expected = [(r["code"], r["kind"]) for r in rows if r["kind"] != "extra"]
    scanned = [r["code"] for r in rows if r["scanned_at"] and r["kind"] != "extra"]
    return Manifest(dispatch_id, head["route_code"], head["departs_at"], head["status"], expected, scanned,
                    [c for c, _ in expected if c not in scanned], [r["code"] for r in rows if r["kind"] == "extra"])


def scan(conn: sqlite3.Connection, dispatch_id: str, scanned: str, *, clerk_id: str) -> str:
    """Put one item on the run; an item not on the manifest is recorded as extra and refused loudly."""
    code = scanned.strip().upper()
    if not code:
        raise StationError("scan_empty")
    row = conn.execute("SELECT kind, scanned_at FROM dispatch_items WHERE dispatch_id = ? AND upper(code) = ?",
                       (dispatch_id, code)).fetchone()
    if row is None or row["kind"] == "extra":
        if row is None:  # remembered, so the manifest shows it before closing; not put on the run
            with transaction(conn):
                conn.execute("INSERT INTO dispatch_items (dispatch_id, code, kind, scanned_at) "
                             "VALUES (?,?,'extra',?)", (dispatch_id, code, to_iso(utc_now())))
        raise StationError("not_on_manifest", code, code=code)
    if row["scanned_at"]:
        raise StationError("already_scanned", code, code=code)
    with transaction(conn):
        conn.execute("UPDATE dispatch_items SET scanned_at = ? WHERE dispatch_id = ? AND upper(code) = ?",
                     (to_iso(utc_now()), dispatch_id, code))
        journal.append(conn, "dispatch.scanned", {"dispatch_id": dispatch_id, "code": code},
                       clerk_id=clerk_id, entity_id=dispatch_id)
    return str(row["kind"])


def close(conn: sqlite3.Connection, dispatch_id: str, *, clerk_id: str, accept_missing: bool = False) -> Manifest:
    """Close the manifest: scanned items leave on the run, missing ones wait for the next (only if accepted)."""
    current = manifest(conn, dispatch_id)
    if current.status != "open":
        raise StationError("dispatch_closed")
    if current.missing and not accept_missing:
        raise StationError("dispatch_missing", str(len(current.missing)), n=len(current.missing))
    if not current.scanned:
        raise StationError("nothing_scanned")
    with transaction(conn):
        for code, kind in current.expected:
            if code not in current.scanned:
                continue
            if kind == "sending":
                conn.execute("UPDATE sendings SET status = 'dispatched' WHERE waybill = ?", (code,))
            else:
                conn.execute("UPDATE boxes SET status = 'dispatched' WHERE code = ?", (code,))
        conn.execute("UPDATE lots SET status = 'dispatched' WHERE status = 'in_station' AND NOT EXISTS "
                     "(SELECT 1 FROM boxes b WHERE b.lot_id = lots.id AND b.status = 'in_station')")
        conn.execute("UPDATE dispatches SET status = 'closed', closed_at = ? WHERE id = ?",
                     (to_iso(utc_now()), dispatch_id))
        journal.append(conn, "dispatch.closed", {"dispatch_id": dispatch_id, "scanned": current.scanned,
                                                 "missing": current.missing, "extra": current.extra},
                       clerk_id=clerk_id, entity_id=dispatch_id)
    return manifest(conn, dispatch_id)


def departs_local(m: Manifest) -> datetime:
    return from_iso(m.departs_at).astimezone()


def last_closed(conn: sqlite3.Connection) -> Manifest | None:
    """The hand-over closed most recently: its list can be printed again for the driver."""
    row = conn.execute("SELECT id FROM dispatches WHERE status = 'closed' ORDER BY closed_at DESC LIMIT 1").fetchone()
    return manifest(conn, row[0]) if row else None


def closed_local(m: Manifest, conn: sqlite3.Connection) -> datetime:
    row = conn.execute("SELECT closed_at FROM dispatches WHERE id = ?", (m.id,)).fetchone()
    return from_iso(row[0]).astimezone() if row and row[0] else utc_now().astimezone()
