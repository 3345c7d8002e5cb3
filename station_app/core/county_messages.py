"""What the county sent for the clerk to read (instructions, announcements, refused feed items), and whether
they were read. Written by the sync inside the feed item's transaction; read by the counter and the CLI.

Reading a county announcement or instruction is journalled (``message.read``), so the county sees who has read
it; a refused feed item is the station's own note and goes back as ``feed.refused`` instead."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from . import db, journal
from .clock import to_iso, utc_now

REPORTED_KINDS = ("announcement", "instruction")  # what the county sent to be read: its reading goes back


def receive(conn: sqlite3.Connection, seq: int, kind: str, body: dict[str, Any]) -> None:
    """Keep one message under the feed's sequence number (a repeat replaces it). Inside the caller's transaction."""
    conn.execute("INSERT OR REPLACE INTO county_messages (seq, kind, body, received_at) VALUES (?,?,?,?)",
                 (seq, kind, json.dumps(body, ensure_ascii=False), to_iso(utc_now())))


def unread(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM county_messages WHERE read_at IS NULL ORDER BY seq").fetchall()


def mark_read(conn: sqlite3.Connection, seqs: list[int], *, clerk_id: str | None = None) -> int:
    """Mark messages read and tell the county, in one transaction. A message already read stays as it was and
    writes no op again. Returns how many were newly read."""
    at = to_iso(utc_now())
    newly = 0
    with db.transaction(conn):
        for seq in seqs:
            row = conn.execute("SELECT kind FROM county_messages WHERE seq = ? AND read_at IS NULL",
                               (seq,)).fetchone()
            if row is None:
                continue
            conn.execute("UPDATE county_messages SET read_at = ? WHERE seq = ?", (at, seq))
            newly += 1
            if row[0] in REPORTED_KINDS:
                journal.append(conn, "message.read", {"seq": int(seq), "read_at": at}, clerk_id=clerk_id,
                               entity_id=f"feed:{seq}")
    return newly
