"""The queue of pickup SMS texts. Building and queuing is here; delivering them is the sync's job."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import settings
from .clock import from_iso, local_day, to_iso, utc_now
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


# What the county may say of a text (the feed's ``notification_status``: notification_id, state, reason, at, and
# parcel_id, waybill, text_id, delivered_at, until the station does not need), as the station keeps it: 'sending'
# is still queued for the counter (a queued one may say why: quiet_hours), and 'unknown' (a send that died
# half-way, never retried) is a failure the clerk follows up by phone.
COUNTY_STATES = {"queued": "queued", "sending": "queued", "sent": "sent", "delivered": "delivered",
                 "failed": "failed", "unknown": "failed"}
# A later word never takes a text back: sent does not undo delivered or failed. Feed items arrive in order, so
# equal ranks take the newer (a failure the receipt reports after delivery was first assumed).
_RANK = {"queued": 0, "sent": 1, "delivered": 2, "failed": 2}
_REASON = re.compile(r"^[a-z0-9_.-]{0,40}$")


@dataclass(frozen=True)
class TextStatus:
    state: str  # queued · sent · delivered · failed
    reason: str  # the county's word for a failure ('' otherwise)
    at: str  # when the county said so (UTC ISO), or when the station queued it


def county_status(conn: sqlite3.Connection, notification_id: str, state: str, reason: str = "",
                  at: str | None = None, now: datetime | None = None) -> bool:
    """What the county did with a text: queued, sent, delivered, failed (with its reason). Inside the caller's
    transaction (the feed item's). ValueError for a state or reason the county should never send; a text this
    station does not know (restored from an older backup) and a cancelled one are left alone. True if stored."""
    ours = COUNTY_STATES.get(state)
    if ours is None:
        raise ValueError(f"text state {state[:20]!r} unknown")
    reason = reason.strip().lower() or ("unknown" if state == "unknown" else "")
    if not _REASON.match(reason):
        raise ValueError("text failure reason is not a short word")
    moment = to_iso(now or utc_now())
    if at:
        try:
            moment = to_iso(from_iso(at))
        except (ValueError, TypeError):
            raise ValueError("text status time is not ISO-8601") from None
    row = conn.execute("SELECT state FROM notifications WHERE id = ?", (notification_id,)).fetchone()
    if row is None or row["state"] == "cancelled" or _RANK[ours] < _RANK[row["state"]]:
        return False
    conn.execute("UPDATE notifications SET state = ?, reason = ?, status_at = ?, updated_at = ? WHERE id = ?",
                 (ours, reason if ours in ("failed", "queued") else "", moment, to_iso(now or utc_now()),
                  notification_id))
    return True


def text_status(conn: sqlite3.Connection, parcel_ids: list[str]) -> dict[str, TextStatus]:
    """Each parcel's latest text that was not cancelled, as the county last reported it."""
    found: dict[str, TextStatus] = {}
    for start in range(0, len(parcel_ids), 500):  # SQLite's bound-parameter limit
        chunk = parcel_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT parcel_id, state, reason, coalesce(status_at, created_at) FROM "
                                f"notifications WHERE parcel_id IN ({marks}) AND state != 'cancelled' "
                                f"ORDER BY created_at, rowid", chunk):
            found[row[0]] = TextStatus(row[1], row[2], row[3])  # the newest wins
    return found


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT state, count(*) FROM notifications GROUP BY state").fetchall())


def for_parcel(conn: sqlite3.Connection, parcel_id: str) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM notifications WHERE parcel_id = ? ORDER BY created_at",
                        (parcel_id,)).fetchall()
