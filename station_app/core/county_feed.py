"""What the station does with a county feed item it cannot apply: keep it, tell the clerk, tell the county.

The sync client calls this inside the item's own transaction, so the refusal, the message and the op are
written together with the cursor past the item (or not at all)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from . import county_messages, journal
from .clock import to_iso, utc_now


def dealt_with(conn: sqlite3.Connection, seq: int) -> bool:
    """Whether this feed item was applied or refused already (read inside the item's transaction)."""
    return conn.execute("SELECT 1 FROM feed_items WHERE seq = ?", (seq,)).fetchone() is not None


def record_applied(conn: sqlite3.Connection, seq: int, kind: str) -> None:
    conn.execute("INSERT INTO feed_items (seq, kind, outcome, at) VALUES (?,?,'applied',?)",
                 (seq, kind, to_iso(utc_now())))


def record_refusal(conn: sqlite3.Connection, seq: int, kind: str, code: str, reason: str,
                   params: dict[str, str | int], body: Any) -> None:
    now = to_iso(utc_now())
    raw = json.dumps(body, ensure_ascii=False)[:4000] if isinstance(body, dict) else ""
    conn.execute("INSERT INTO feed_items (seq, kind, outcome, code, detail, body, at) VALUES (?,?,'refused',?,?,?,?)",
                 (seq, kind, code, reason, raw, now))
    # the counter's county-messages list is where the clerk reads what the county sent
    county_messages.receive(conn, seq, "feed_refused", {"item_kind": kind, "code": code, "params": params})
    lot_no = body.get("lot_no") if isinstance(body, dict) else None
    journal.append(conn, "feed.refused", {"seq": seq, "kind": kind, "code": code, "reason": reason,
                                          **({"lot_no": lot_no} if isinstance(lot_no, str) else {})}, clerk_id=None)
