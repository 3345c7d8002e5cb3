"""The queue of pickup SMS texts. Building and queuing is here; delivering them is the sync's job."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from . import settings
from .clock import local_day, to_iso
from .ids import uuid7


def render(conn: sqlite3.Connection, *, station: str, courier: str, waybill: str, code: str,
           received: datetime) -> str:
    deadline = local_day(received) + timedelta(days=settings.get_int(conn, "return_after_days"))
    return settings.get(conn, "sms_template").format(
        station=station, courier=courier, tail=waybill[-4:], code=code, deadline=f"{deadline:%m月%d日}")


def queue(conn: sqlite3.Connection, parcel_id: str, kind: str, phone: str, body: str, now: datetime) -> str:
    """Queue one text inside the caller's transaction; the caller's op names the returned id."""
    nid = uuid7()
    at = to_iso(now)
    conn.execute("INSERT INTO notifications (id, parcel_id, kind, phone, body, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?)", (nid, parcel_id, kind, phone, body, at, at))
    return nid


def cancel_for(conn: sqlite3.Connection, parcel_id: str, now: datetime) -> int:
    """Cancel texts not yet sent for a parcel that has left the shelf."""
    cur = conn.execute("UPDATE notifications SET state = 'cancelled', updated_at = ? "
                       "WHERE parcel_id = ? AND state = 'queued'", (to_iso(now), parcel_id))
    return cur.rowcount


def county_status(conn: sqlite3.Connection, notification_id: str, state: str, now: datetime) -> None:
    """What the county did with a queued text (sent, failed). A text cancelled or settled meanwhile keeps its
    state. Inside the caller's transaction."""
    conn.execute("UPDATE notifications SET state = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
                 (state, to_iso(now), notification_id))


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT state, count(*) FROM notifications GROUP BY state").fetchall())


def for_parcel(conn: sqlite3.Connection, parcel_id: str) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM notifications WHERE parcel_id = ? ORDER BY created_at",
                        (parcel_id,)).fetchall()
