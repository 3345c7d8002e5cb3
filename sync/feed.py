"""The county's feed applied at the station: each item through one core function, with its cursor, once.

The sync client (sync/client.py) fetches the items; this module changes station tables only through core, so core's
schema keeps one writer (tests/unit/test_sync_writes.py reads both files).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from station_app.core import county_feed, county_messages, db, manifest, notifications, produce
from station_app.core.errors import StationError

from . import protocol
from .state import set_state, state

# A feed item that cannot be applied for one of these reasons is refused and reported; anything else
# (disk full, database locked) stops the sync and is tried again.
_ITEM_FAULTS = (StationError, ValueError, TypeError, KeyError, sqlite3.IntegrityError)


def _whole(body: dict[str, Any], key: str) -> int:
    """A whole number the county sent (grams, fen): never a float or a string silently rounded."""
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{key} is not a whole number: {str(value)[:40]!r}")
    return value


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise ValueError(f"{key} missing or not text")
    return value.strip()


def _optional_text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > 100:
        raise ValueError(f"{key} not text")
    return value.strip()


def apply_item(conn: sqlite3.Connection, seq: int, kind: Any, body: Any) -> str:
    """One item and the cursor past it, in one transaction: 'applied', 'refused' or 'skipped'.

    Exactly once whatever runs at the same time: the cursor and the record of dealt-with items are read
    again inside the write transaction (BEGIN IMMEDIATE), so an item another sync applied meanwhile is
    skipped. An item this station cannot apply (a lot it does not have, more than the lot holds, a
    malformed body) is refused with its reason, shown to the clerk and reported to the county, and the
    feed goes on past it."""
    with db.transaction(conn):
        cursor = int(state(conn, "feed_cursor", "0"))
        if seq <= cursor or county_feed.dealt_with(conn, seq):
            return "skipped"
        conn.execute("SAVEPOINT feed_item")
        try:
            if kind not in protocol.FEED_KINDS or not isinstance(body, dict):
                raise ValueError(f"feed item kind {str(kind)[:40]!r} with a {type(body).__name__} body")
            _apply(conn, seq, str(kind), body)
        except _ITEM_FAULTS as err:
            conn.execute("ROLLBACK TO feed_item")
            _refuse(conn, seq, str(kind)[:40], body, err)
            outcome = "refused"
        else:
            county_feed.record_applied(conn, seq, str(kind))
            outcome = "applied"
        conn.execute("RELEASE feed_item")
        set_state(conn, "feed_cursor", str(seq))
    return outcome

def _apply(conn: sqlite3.Connection, seq: int, kind: str, body: dict[str, Any]) -> None:
    if kind == "manifest":
        cod_fen = _whole(body, "cod_fen") if "cod_fen" in body else 0
        if not 0 <= cod_fen <= 10_000_000:
            raise ValueError(f"cod_fen out of range: {cod_fen}")
        manifest.expect_from_county(conn, str(body["waybill"]), str(body.get("courier") or ""),
                                    str(body.get("recipient_name") or ""), str(body.get("recipient_phone") or ""),
                                    str(body.get("route_code") or ""), cod_fen)
    elif kind == "sale_result":  # the county sold part or all of a lot in the city
        produce.record_sale_in(conn, _text(body, "lot_no"), _whole(body, "sold_g"),
                               _whole(body, "sales_fen"), source="county", clerk_id=None, feed_seq=seq)
    elif kind == "notification_status":  # what became of a pickup text: queued, sent, delivered, failed
        at = _optional_text(body, "delivered_at") or _optional_text(body, "at")  # when the handset got it
        notifications.county_status(conn, _text(body, "notification_id"), _text(body, "state"),
                                    _optional_text(body, "reason"), at or None)
    else:  # instructions and announcements wait for the clerk
        county_messages.receive(conn, seq, kind, body)

def _refuse(conn: sqlite3.Connection, seq: int, kind: str, body: Any, err: Exception) -> None:
    """Inside the item's transaction: the refusal, a message for the counter, and an op for the county."""
    code = err.code if isinstance(err, StationError) else "feed_item_malformed"
    params = {k: v for k, v in (err.params if isinstance(err, StationError) else {}).items()
              if isinstance(v, str | int)}
    county_feed.record_refusal(conn, seq, kind, code, str(err)[:300], params, body)
