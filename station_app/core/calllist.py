"""待电话通知: the parcels whose recipient the clerk should phone, and the clerk's mark that they did.

A parcel in stock is due a call for any of these causes, each since a moment:
- ``text_failed`` — its latest text failed (the county's reason kept), since the county said so;
- ``opted_out`` — the same, for a phone that asked for no texts (退订, at the county or the provider);
- ``no_phone`` — a privacy waybill with only a phone tail: no text can go out, since it arrived;
- ``overdue`` — the stock page's overdue tiers: due a reminder (remind_after_days after arrival or the last
  reminder) or due for return (return_after_days after arrival), since the tier began.
A call (已电话通知) takes the parcel off the list until a cause newer than the call arises. A call is a reminder:
it restarts the reminder clock as a text reminder does, so the next tier brings the parcel back in time.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import journal, settings
from .clock import from_iso, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7
from .notifications import text_status
from .parcels import Parcel, get, in_stock_by_waybill, not_in_stock_error, select

CAUSES = ("text_failed", "opted_out", "no_phone", "overdue")  # in the order the list names them; a call
# of a parcel not on the list says 'other'
OPTED_OUT = ("opted_out", "opted_out_at_provider")
NOTE_MAX = 200


@dataclass(frozen=True)
class Due:
    parcel: Parcel
    causes: tuple[str, ...]  # from CAUSES, those newer than the last call
    reason: str  # the failed text's reason ('' unless text_failed or opted_out)
    tier: str  # 'remind' · 'return' for an overdue parcel, else ''
    since: str  # the newest cause's moment (UTC ISO)
    last_call: str | None  # the last call's time, if an older one exists


def due(conn: sqlite3.Connection, now: datetime | None = None) -> list[Due]:
    """Every parcel in stock due a call, the longest-waiting first."""
    now = now or utc_now()
    remind_after = timedelta(days=settings.get_int(conn, "remind_after_days"))
    return_after = timedelta(days=settings.get_int(conn, "return_after_days"))
    # only the candidates are read whole: failed texts, tail-only phones, or old enough to be overdue
    candidates = select(conn, "status = 'in_stock' AND (received_at <= ? OR (recipient_phone = '' AND phone_tail "
                              "!= '') OR id IN (SELECT parcel_id FROM notifications WHERE state = 'failed'))",
                        (to_iso(now - remind_after),), tail="ORDER BY received_at")
    texts = text_status(conn, [p.id for p in candidates])
    calls = _last_calls(conn, [p.id for p in candidates])
    found: list[Due] = []
    for parcel in candidates:
        since: dict[str, str] = {}
        text = texts.get(parcel.id)
        if text is not None and text.state == "failed":
            since["opted_out" if text.reason in OPTED_OUT else "text_failed"] = text.at
        if not parcel.recipient_phone and parcel.phone_tail:
            since["no_phone"] = parcel.received_at
        received = from_iso(parcel.received_at)
        tier = ""
        if now - received >= return_after:
            tier, since["overdue"] = "return", to_iso(received + return_after)
        elif now - from_iso(parcel.reminded_at or parcel.received_at) >= remind_after:
            tier = "remind"
            since["overdue"] = to_iso(from_iso(parcel.reminded_at or parcel.received_at) + remind_after)
        last = calls.get(parcel.id)
        fresh = tuple(c for c in CAUSES if c in since and (last is None or since[c] > last))
        if fresh:
            found.append(Due(parcel, fresh, text.reason if text is not None and text.state == "failed" else "",
                             tier if "overdue" in fresh else "", max(since[c] for c in fresh), last))
    return found


def _last_calls(conn: sqlite3.Connection, parcel_ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(parcel_ids), 500):
        chunk = parcel_ids[start:start + 500]
        found.update(conn.execute(f"SELECT parcel_id, max(at) FROM parcel_calls WHERE parcel_id IN "
                                  f"({','.join('?' * len(chunk))}) GROUP BY parcel_id", chunk).fetchall())
    return found


def find(conn: sqlite3.Connection, scanned: str) -> Parcel:
    """The parcel in stock a scanned or typed waybill names (to jump to its row)."""
    waybill = scanned.strip()
    if not waybill:
        raise StationError("scan_empty")
    parcel = in_stock_by_waybill(conn, waybill)
    if parcel is None:
        raise not_in_stock_error(conn, waybill)
    return parcel


def mark_called(conn: sqlite3.Connection, parcel_id: str, note: str, *, clerk_id: str,
                now: datetime | None = None) -> Parcel:
    """已电话通知: the clerk phoned the recipient of a parcel in stock, with a note of what was said. One op."""
    now = now or utc_now()
    note = " ".join(note.split())  # one line: the note goes into the journal and the history as written
    if len(note) > NOTE_MAX:
        raise StationError("call_note_too_long", note[:20], limit=NOTE_MAX)
    with transaction(conn):
        parcel = get(conn, parcel_id)
        if parcel.status != "in_stock":
            raise StationError("parcel_not_in_stock", parcel.waybill, waybill=parcel.waybill, status=parcel.status)
        listed = {d.parcel.id: d for d in due(conn, now)}.get(parcel_id)
        cause = listed.causes[0] if listed is not None else "other"  # phoned though not listed
        at = to_iso(now)
        conn.execute("INSERT INTO parcel_calls (id, parcel_id, cause, note, clerk_id, at) VALUES (?,?,?,?,?,?)",
                     (uuid7(), parcel_id, cause, note, clerk_id, at))
        conn.execute("UPDATE parcels SET reminded_at = ? WHERE id = ?", (at, parcel_id))
        journal.append(conn, "parcel.called", {"parcel_id": parcel_id, "waybill": parcel.waybill, "cause": cause,
                                               "note": note},
                       clerk_id=clerk_id, entity_id=parcel_id, at=at)
    return get(conn, parcel_id)


def calls_for(conn: sqlite3.Connection, parcel_id: str) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM parcel_calls WHERE parcel_id = ? ORDER BY at", (parcel_id,)).fetchall()

