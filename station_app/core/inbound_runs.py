"""The inbound 客货邮 run (到车): the bus arrives, the clerk starts its run; every parcel received until the run is
closed belongs to it. The county's list for the route (manifest rows carrying the route) says what should come:
the run shows live what is still missing (短少) and what came unannounced; the close records the arrival against
the timetable (reference data ``inbound_timetable``) and, per missing item, an ``inbound.item_missing`` op (there
is no exceptions register yet to take them)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from . import journal, refdata, station
from .clock import from_iso, to_iso, utc_now
from .db import transaction
from .dispatch import _runs_on
from .errors import StationError
from .ids import uuid7

EARLY_HOURS = 3  # an arrival is offered from this long before its time until the day ends


@dataclass(frozen=True)
class Arrival:
    """One scheduled arrival of a route's bus at this station."""

    route_code: str
    scheduled: datetime | None  # local time; None: a bus of the route the timetable does not have now
    on_time_minutes: int = 15


@dataclass(frozen=True)
class RunView:
    id: str
    route_code: str
    scheduled_at: str | None
    arrived_at: str
    plate: str
    driver: str
    status: str
    late_minutes: int | None
    punctuality: str
    expected: list[str]  # waybills on the county's list for this run
    received: list[str]  # waybills received since the bus came (until the close)
    missing: list[str]  # expected, not (yet) received: 短少
    unannounced: list[str]  # received, not on the list


def _mine(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    here = station.get(conn)
    rows = refdata.rows(conn, "inbound_timetable")
    mine = [r for r in rows if here and str(r.get("station", "")) and str(r["station"]) in here.name]
    return mine or rows


def arrivals(conn: sqlite3.Connection, now: datetime | None = None) -> list[Arrival]:
    """Today's arrivals at this station (the routes naming it, else all), the nearest to now first; an arrival
    whose run was already started is not offered again. Each route is offered last as unscheduled too (an extra
    bus, a timetable not yet updated)."""
    now = (now or utc_now()).astimezone()
    started = {(r[0], r[1]) for r in conn.execute("SELECT route_code, scheduled_at FROM inbound_runs "
                                                   "WHERE scheduled_at IS NOT NULL")}
    found: list[Arrival] = []
    mine = _mine(conn)
    for route in mine:
        if not _runs_on(str(route.get("days") or "daily"), now.weekday()):
            continue
        for hhmm in str(route["arrives"]).split("|"):
            try:
                hour, minute = (int(x) for x in hhmm.split(":"))
                at = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
            except ValueError:
                continue  # a time the county mistyped is not offered, never guessed
            if (str(route["route_code"]), to_iso(at)) in started or at - now > timedelta(hours=EARLY_HOURS):
                continue
            tolerance = str(route.get("on_time_minutes") or "15").strip()
            found.append(Arrival(str(route["route_code"]), at, int(tolerance) if tolerance.isdigit() else 15))
    found.sort(key=lambda a: abs((a.scheduled - now).total_seconds()) if a.scheduled else 0.0)
    return found + [Arrival(code, None) for code in dict.fromkeys(str(r["route_code"]) for r in mine)]


def parse_sheet(text: str) -> tuple[str, str]:
    """The driver's sheet scanned or typed: 'plate' or 'plate|driver' (a sheet's barcode carries both)."""
    plate, _, driver = text.strip().partition("|")
    return plate.strip().upper(), driver.strip()


def start(conn: sqlite3.Connection, arrival: Arrival | None, *, plate: str, driver: str, clerk_id: str,
          route_code: str = "", now: datetime | None = None) -> RunView:
    """The bus is here: its run is open until closed. ``arrival`` None is a bus the timetable does not know
    (``route_code`` then names its route)."""
    plate, driver = plate.strip().upper(), driver.strip()
    if not plate or len(plate) > 16:
        raise StationError("inbound_plate_missing")
    if len(driver) > 64:
        raise StationError("inbound_driver_too_long")
    route = arrival.route_code if arrival else route_code.strip()
    if not route:
        raise StationError("inbound_route_missing")
    arrived = now or utc_now()
    due = arrival.scheduled if arrival else None
    scheduled = to_iso(due) if due else None
    late = round((arrived - due).total_seconds() / 60) if due else None
    punctuality = "unscheduled" if arrival is None or late is None else (
        "on_time" if late <= arrival.on_time_minutes else "late")
    run_id = uuid7()
    with transaction(conn):
        if conn.execute("SELECT 1 FROM inbound_runs WHERE status = 'open'").fetchone():
            raise StationError("inbound_run_open")
        conn.execute("INSERT INTO inbound_runs (id, route_code, scheduled_at, arrived_at, plate, driver, late_minutes,"
                     " punctuality, started_by) VALUES (?,?,?,?,?,?,?,?,?)",
                     (run_id, route, scheduled, to_iso(arrived), plate, driver, late, punctuality, clerk_id))
        # the county's list for this route, less what already came on an earlier bus
        conn.execute("INSERT INTO inbound_run_expected (run_id, waybill_key, waybill) SELECT ?, m.waybill_key, "
                     "m.waybill FROM manifest m WHERE m.route_code = ? AND NOT EXISTS (SELECT 1 FROM parcels p "
                     "WHERE p.waybill_key = m.waybill_key)", (run_id, route))
        expected = [r[0] for r in conn.execute("SELECT waybill FROM inbound_run_expected WHERE run_id = ? "
                                               "ORDER BY waybill", (run_id,))]
        journal.append(conn, "inbound.started", {
            "run_id": run_id, "route_code": route, "scheduled_at": scheduled, "arrived_at": to_iso(arrived),
            "plate": plate, "driver": driver, "expected": expected}, clerk_id=clerk_id, entity_id=run_id)
    return view(conn, run_id)


def open_run(conn: sqlite3.Connection) -> RunView | None:
    row = conn.execute("SELECT id FROM inbound_runs WHERE status = 'open'").fetchone()
    return view(conn, row[0]) if row else None


def view(conn: sqlite3.Connection, run_id: str) -> RunView:
    run = conn.execute("SELECT * FROM inbound_runs WHERE id = ?", (run_id,)).fetchone()
    if run is None:
        raise StationError("inbound_run_unknown")
    expected = {r[0]: r[1] for r in conn.execute("SELECT waybill_key, waybill FROM inbound_run_expected "
                                                  "WHERE run_id = ? ORDER BY waybill", (run_id,))}
    until = run["closed_at"] or "9999"
    received = conn.execute("SELECT waybill_key, waybill FROM parcels WHERE received_at >= ? AND received_at <= ? "
                            "ORDER BY received_at", (run["arrived_at"], until)).fetchall()
    came = {r[0] for r in received}
    return RunView(run["id"], run["route_code"], run["scheduled_at"], run["arrived_at"], run["plate"], run["driver"],
                   run["status"], run["late_minutes"], run["punctuality"], list(expected.values()),
                   [r[1] for r in received], [w for k, w in expected.items() if k not in came],
                   [r[1] for r in received if r[0] not in expected])


def close(conn: sqlite3.Connection, run_id: str, *, clerk_id: str, now: datetime | None = None) -> RunView:
    """The bus is unloaded: what came, what is missing (one op each) and what came unannounced, recorded."""
    with transaction(conn):
        run = view(conn, run_id)
        if run.status != "open":
            raise StationError("inbound_run_closed")
        closed = to_iso(now or utc_now())
        if closed < run.arrived_at:
            closed = run.arrived_at
        conn.execute("UPDATE inbound_runs SET status = 'closed', closed_at = ? WHERE id = ?", (closed, run_id))
        journal.append(conn, "inbound.closed", {
            "run_id": run_id, "route_code": run.route_code, "scheduled_at": run.scheduled_at,
            "arrived_at": run.arrived_at, "late_minutes": run.late_minutes or 0, "punctuality": run.punctuality,
            "received": run.received, "missing": run.missing, "unannounced": run.unannounced},
            clerk_id=clerk_id, entity_id=run_id)
        for waybill in run.missing:
            journal.append(conn, "inbound.item_missing", {"run_id": run_id, "route_code": run.route_code,
                                                          "waybill": waybill}, clerk_id=clerk_id, entity_id=run_id)
    return view(conn, run_id)


def arrived_local(run: RunView) -> datetime:
    return from_iso(run.arrived_at).astimezone()
